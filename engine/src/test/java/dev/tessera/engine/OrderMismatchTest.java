package dev.tessera.engine;

import dev.tessera.engine.EngineDriver.RestingOrder;
import dev.tessera.engine.EngineEvent.CancelRejected;
import dev.tessera.engine.EngineEvent.Cancelled;
import dev.tessera.engine.EngineEvent.ReplaceRejected;
import dev.tessera.engine.EngineEvent.Replaced;
import dev.tessera.engine.codec.CancelOrderEncoder;
import dev.tessera.engine.codec.MessageHeaderDecoder;
import dev.tessera.engine.codec.MessageHeaderEncoder;
import dev.tessera.engine.codec.RejectReason;
import dev.tessera.engine.codec.ReplaceOrderEncoder;
import dev.tessera.engine.codec.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tessera.engine.CommandEncoder.INSTRUMENT_NOT_GIVEN;
import static dev.tessera.engine.CommandEncoder.UNCHANGED;
import static dev.tessera.engine.TestInstruments.AAPL;
import static dev.tessera.engine.TestInstruments.MSFT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cancel or replace may name its order's instrument and side (schema version 2); the engine rejects it
 * (ORDER_MISMATCH) when either is given and is not the order's, before anything else happens to the order.
 * Book: ALICE's order 1, buy 100 AAPL @ 100.00, client order id 10.
 */
class OrderMismatchTest
{
    private static final long ALICE = 1;
    private static final long BOB = 2;

    private final EngineDriver driver = new EngineDriver(TestInstruments.aapl(), TestInstruments.msft());
    private final List<RestingOrder> before;

    OrderMismatchTest()
    {
        driver.limit(ALICE, AAPL, 10, Side.BUY, 10_000, 100);
        before = driver.restingOrders(AAPL);
    }

    @Test
    void shouldRejectACancelNamingAnotherInstrument()
    {
        assertThat(driver.cancel(ALICE, 1, 11, MSFT, Side.NULL_VAL)).containsExactly(
            new CancelRejected(2, driver.timestampOf(2), ALICE, 1, 0, 11, RejectReason.ORDER_MISMATCH));
        assertThat(driver.restingOrders(AAPL)).isEqualTo(before);
    }

    @Test
    void shouldRejectACancelNamingTheOtherSide()
    {
        assertThat(driver.cancel(ALICE, 1, 11, AAPL, Side.SELL)).containsExactly(
            new CancelRejected(2, driver.timestampOf(2), ALICE, 1, 0, 11, RejectReason.ORDER_MISMATCH));
        assertThat(driver.restingOrders(AAPL)).isEqualTo(before);
    }

    @Test
    void shouldRejectAReplaceNamingAnotherInstrumentBeforeReadingItsPrice()
    {
        // 101.00 is a valid AAPL price, so without the check the order would be repriced.
        assertThat(driver.replace(ALICE, 1, 11, 10_100, UNCHANGED, MSFT, Side.BUY)).containsExactly(
            new ReplaceRejected(2, driver.timestampOf(2), ALICE, 1, 0, 11, RejectReason.ORDER_MISMATCH));
        // An invalid price too gets the mismatch, not the price's reason: it was meant for another book.
        assertThat(driver.replace(ALICE, 1, 12, 0, UNCHANGED, MSFT, Side.NULL_VAL)).singleElement()
            .isInstanceOfSatisfying(ReplaceRejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.ORDER_MISMATCH));
        assertThat(driver.restingOrders(AAPL)).isEqualTo(before);
    }

    @Test
    void shouldRejectAReplaceNamingTheOtherSide()
    {
        assertThat(driver.replace(ALICE, 1, 11, UNCHANGED, 50, INSTRUMENT_NOT_GIVEN, Side.SELL)).containsExactly(
            new ReplaceRejected(2, driver.timestampOf(2), ALICE, 1, 0, 11, RejectReason.ORDER_MISMATCH));
        assertThat(driver.restingOrders(AAPL)).isEqualTo(before);
    }

    @Test
    void shouldNotTellAnotherOwnerWhetherItsNamingWasRight()
    {
        assertThat(driver.cancel(BOB, 1, 20, MSFT, Side.SELL)).singleElement()
            .isInstanceOfSatisfying(CancelRejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.NOT_ORDER_OWNER));
        assertThat(driver.replace(BOB, 1, 21, UNCHANGED, 50, MSFT, Side.SELL)).singleElement()
            .isInstanceOfSatisfying(ReplaceRejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.NOT_ORDER_OWNER));
    }

    @Test
    void shouldActOnACancelOrReplaceNamingTheOrdersOwnInstrumentAndSide()
    {
        assertThat(driver.replace(ALICE, 1, 11, UNCHANGED, 50, AAPL, Side.BUY)).singleElement()
            .isInstanceOf(Replaced.class);
        assertThat(driver.cancel(ALICE, 1, 12, AAPL, Side.BUY)).singleElement().isInstanceOf(Cancelled.class);
    }

    @Test
    void shouldNotCheckWhatIsNotGiven()
    {
        assertThat(driver.replace(ALICE, 1, 11, UNCHANGED, 60, INSTRUMENT_NOT_GIVEN, Side.NULL_VAL)).singleElement()
            .isInstanceOf(Replaced.class);
        assertThat(driver.replace(ALICE, 1, 12, UNCHANGED, 50, ReplaceOrderEncoder.instrumentIdNullValue(), Side.BUY))
            .as("the SBE null instrument is not given either").singleElement().isInstanceOf(Replaced.class);
        assertThat(driver.cancel(ALICE, 1, 13, AAPL, Side.NULL_VAL)).singleElement().isInstanceOf(Cancelled.class);
    }

    @Test
    void shouldTakeASideByteThatIsNoSideForAMismatch()
    {
        final UnsafeBuffer command = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
        final int length = new CommandEncoder().cancelOrder(command, 0, 2, driver.timestampOf(2), ALICE, 1, 0, 11,
            INSTRUMENT_NOT_GIVEN, Side.BUY);
        command.putByte(MessageHeaderEncoder.ENCODED_LENGTH + CancelOrderEncoder.sideEncodingOffset(), (byte)7);

        assertThat(driver.engine().onCommand(command, 0, length)).isEqualTo(1);
        assertThat(new EventRecorder().decode(driver.engine().events())).containsExactly(
            new CancelRejected(2, driver.timestampOf(2), ALICE, 1, 0, 11, RejectReason.ORDER_MISMATCH));
    }

    /** An old journal's cancel: version 1, its block ending before instrumentId. Unchecked, and answered at version 1. */
    @Test
    void shouldNotCheckAVersionOneCommandAndAnswerItAtVersionOne()
    {
        final UnsafeBuffer command = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
        new CommandEncoder().cancelOrder(command, 0, 2, driver.timestampOf(2), ALICE, 1, 0, 11, MSFT, Side.SELL);
        final int versionOneBlock = CancelOrderEncoder.instrumentIdEncodingOffset();
        new MessageHeaderEncoder().wrap(command, 0).blockLength(versionOneBlock).version(1);

        final MatchingEngine engine = driver.engine();
        assertThat(engine.onCommand(command, 0, MessageHeaderEncoder.ENCODED_LENGTH + versionOneBlock)).isEqualTo(1);

        assertThat(new EventRecorder().decode(engine.events())).singleElement().isInstanceOf(Cancelled.class);
        assertThat(new MessageHeaderDecoder().wrap(engine.events().buffer(), 0).version()).isEqualTo(1);
    }

    @Test
    void shouldAnswerAVersionTwoCommandAtVersionTwoAndRefuseItsBlockCutShort()
    {
        final UnsafeBuffer command = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
        final CommandEncoder encoder = new CommandEncoder();
        final int length = encoder.cancelOrder(command, 0, 2, driver.timestampOf(2), ALICE, 1, 0, 11, AAPL, Side.BUY);
        final int versionOneBlock = CancelOrderEncoder.instrumentIdEncodingOffset();
        new MessageHeaderEncoder().wrap(command, 0).blockLength(versionOneBlock);

        final MatchingEngine engine = driver.engine();
        assertThat(engine.onCommand(command, 0, MessageHeaderEncoder.ENCODED_LENGTH + versionOneBlock))
            .as("a version-2 block must hold the version-2 fields").isEqualTo(MatchingEngine.UNKNOWN_COMMAND);

        new MessageHeaderEncoder().wrap(command, 0).blockLength(CancelOrderEncoder.BLOCK_LENGTH);
        assertThat(engine.onCommand(command, 0, length)).isEqualTo(1);
        assertThat(new MessageHeaderDecoder().wrap(engine.events().buffer(), 0).version()).isEqualTo(2);
    }
}

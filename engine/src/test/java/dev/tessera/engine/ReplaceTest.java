package dev.tessera.engine;

import dev.tessera.engine.EngineDriver.RestingOrder;
import dev.tessera.engine.EngineEvent.Cancelled;
import dev.tessera.engine.EngineEvent.Replaced;
import dev.tessera.engine.EngineEvent.ReplaceRejected;
import dev.tessera.engine.EngineEvent.Trade;
import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.RejectReason;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tessera.engine.CommandEncoder.UNCHANGED;
import static dev.tessera.engine.TestInstruments.AAPL;
import static org.assertj.core.api.Assertions.assertThat;

/** Replace as venues do it. Book: ALICE order 1 and BOB order 2, both buy 100 @ 100.00, ALICE first. */
class ReplaceTest
{
    private static final long ALICE = 1;
    private static final long BOB = 2;
    private static final long CAROL = 3;

    private final EngineDriver driver = new EngineDriver(TestInstruments.aapl());

    ReplaceTest()
    {
        driver.limit(ALICE, AAPL, 10, Side.BUY, 10_000, 100);
        driver.limit(BOB, AAPL, 20, Side.BUY, 10_000, 100);
    }

    private List<Long> bidQueue()
    {
        return driver.restingOrders(AAPL).stream().filter(o -> o.side() == Side.BUY).map(RestingOrder::orderId).toList();
    }

    @Test
    void shouldKeepTimePriorityWhenOnlyTheQuantityGoesDown()
    {
        final List<EngineEvent> events = driver.replace(ALICE, 1, 11, UNCHANGED, 60);

        assertThat(events).singleElement().isInstanceOfSatisfying(Replaced.class, replaced ->
        {
            assertThat(replaced.priorityKept()).isTrue();
            assertThat(replaced.quantity()).isEqualTo(60);
            assertThat(replaced.leavesQuantity()).isEqualTo(60);
            assertThat(replaced.clientOrderId()).isEqualTo(11);
            assertThat(replaced.origClientOrderId()).isEqualTo(10);
        });
        assertThat(bidQueue()).containsExactly(1L, 2L);
        assertThat(driver.engine().book(AAPL).bestQuantity(Side.BUY)).isEqualTo(160);
    }

    @Test
    void shouldLoseTimePriorityWhenTheQuantityGoesUp()
    {
        final List<EngineEvent> events = driver.replace(ALICE, 1, 11, UNCHANGED, 150);

        assertThat(events).singleElement().isInstanceOfSatisfying(Replaced.class,
            replaced -> assertThat(replaced.priorityKept()).isFalse());
        assertThat(bidQueue()).containsExactly(2L, 1L);
        assertThat(driver.engine().book(AAPL).bestQuantity(Side.BUY)).isEqualTo(250);
    }

    @Test
    void shouldLoseTimePriorityWhenThePriceChanges()
    {
        driver.replace(ALICE, 1, 11, 9_990, UNCHANGED);
        driver.replace(ALICE, 1, 12, 10_000, UNCHANGED);

        assertThat(bidQueue()).containsExactly(2L, 1L);
    }

    @Test
    void shouldTradeAtOnceWhenAReplaceCrosses()
    {
        driver.limit(CAROL, AAPL, 30, Side.SELL, 10_020, 70);

        final List<EngineEvent> events = driver.replace(BOB, 2, 21, 10_020, UNCHANGED);

        assertThat(events).extracting(Object::getClass).containsExactly(Replaced.class, Trade.class);
        assertThat((Trade)events.get(1)).satisfies(trade ->
        {
            assertThat(trade.takerOrderId()).isEqualTo(2);
            assertThat(trade.takerClientOrderId()).isEqualTo(21);
            assertThat(trade.price()).isEqualTo(10_020);
            assertThat(trade.quantity()).isEqualTo(70);
            assertThat(trade.takerLeavesQuantity()).isEqualTo(30);
        });
        assertThat(driver.engine().book(AAPL).bestPrice(Side.BUY)).isEqualTo(10_020);
        assertThat(driver.engine().book(AAPL).bestQuantity(Side.BUY)).isEqualTo(30);
    }

    @Test
    void shouldCountTheFilledPartInTheNewTotalQuantity()
    {
        driver.limit(CAROL, AAPL, 30, Side.SELL, 10_000, 40);

        final List<EngineEvent> events = driver.replace(ALICE, 1, 11, UNCHANGED, 80);

        assertThat(events).singleElement().isInstanceOfSatisfying(Replaced.class, replaced ->
        {
            assertThat(replaced.quantity()).isEqualTo(80);
            assertThat(replaced.leavesQuantity()).isEqualTo(40);
            assertThat(replaced.priorityKept()).isTrue();
        });
    }

    @Test
    void shouldCancelTheRestWhenTheNewTotalIsAtOrBelowTheFilledQuantity()
    {
        driver.limit(CAROL, AAPL, 30, Side.SELL, 10_000, 40);

        final List<EngineEvent> events = driver.replace(ALICE, 1, 11, UNCHANGED, 40);

        assertThat(events).singleElement().isInstanceOfSatisfying(Cancelled.class, cancelled ->
        {
            assertThat(cancelled.reason()).isEqualTo(CancelReason.REPLACED_TO_FILLED);
            assertThat(cancelled.cancelledQuantity()).isEqualTo(60);
            assertThat(cancelled.requestClientOrderId()).isEqualTo(11);
        });
        assertThat(bidQueue()).containsExactly(2L);
    }

    @Test
    void shouldFindTheOrderByClientOrderIdAndRekeyIt()
    {
        driver.replaceByClientOrderId(ALICE, 10, 11, UNCHANGED, 50);

        assertThat(driver.replaceByClientOrderId(ALICE, 10, 12, UNCHANGED, 40)).singleElement()
            .isInstanceOfSatisfying(ReplaceRejected.class, r -> assertThat(r.reason()).isEqualTo(RejectReason.UNKNOWN_ORDER));
        assertThat(driver.replaceByClientOrderId(ALICE, 11, 12, UNCHANGED, 40)).singleElement().isInstanceOf(Replaced.class);
    }

    @Test
    void shouldRejectEveryBrokenRuleAndLeaveTheOrderUntouched()
    {
        final EngineDriver strict = new EngineDriver(TestInstruments.strict(7));
        strict.limit(ALICE, 7, 10, Side.BUY, 10_000, 100);
        strict.limit(ALICE, 7, 11, Side.BUY, 9_950, 100);
        strict.limit(BOB, 7, 20, Side.BUY, 9_900, 100);
        final List<RestingOrder> before = strict.restingOrders(7);

        assertReplaceRejected(strict.replace(ALICE, 99, 12, UNCHANGED, 50), RejectReason.UNKNOWN_ORDER);
        assertReplaceRejected(strict.replace(ALICE, 3, 12, UNCHANGED, 50), RejectReason.NOT_ORDER_OWNER);
        assertReplaceRejected(strict.replace(ALICE, 1, 12, UNCHANGED, 0), RejectReason.INVALID_QUANTITY);
        assertReplaceRejected(strict.replace(ALICE, 1, 12, UNCHANGED, 55), RejectReason.QUANTITY_NOT_MULTIPLE_OF_LOT);
        assertReplaceRejected(strict.replace(ALICE, 1, 12, UNCHANGED, 2_000), RejectReason.QUANTITY_ABOVE_MAXIMUM);
        assertReplaceRejected(strict.replace(ALICE, 1, 12, 10_001, UNCHANGED), RejectReason.PRICE_NOT_ON_TICK);
        assertReplaceRejected(strict.replace(ALICE, 1, 12, 20_000, UNCHANGED), RejectReason.PRICE_OUTSIDE_BAND);
        assertReplaceRejected(strict.replace(ALICE, 1, 11, UNCHANGED, 50), RejectReason.DUPLICATE_CLIENT_ORDER_ID);

        assertThat(strict.restingOrders(7)).isEqualTo(before);
    }

    @Test
    void shouldRejectAPostOnlyReplaceThatWouldTake()
    {
        driver.limit(CAROL, AAPL, 30, Side.SELL, 10_050, 100);
        driver.newOrder(BOB, AAPL, 21, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, true, 9_900, 100);

        assertReplaceRejected(driver.replace(BOB, 4, 22, 10_050, UNCHANGED), RejectReason.POST_ONLY_WOULD_TAKE);
        assertThat(driver.replace(BOB, 4, 22, 10_040, UNCHANGED)).singleElement().isInstanceOf(Replaced.class);
    }

    @Test
    void shouldApplySelfTradePreventionToACrossingReplace()
    {
        final EngineDriver stp = new EngineDriver(
            TestInstruments.instrument(AAPL, dev.tessera.config.SelfTradePrevention.CANCEL_INCOMING));
        stp.limit(ALICE, AAPL, 10, Side.SELL, 10_010, 100);
        stp.limit(ALICE, AAPL, 11, Side.BUY, 10_000, 100);

        final List<EngineEvent> events = stp.replace(ALICE, 2, 12, 10_010, UNCHANGED);

        assertThat(events).extracting(Object::getClass).containsExactly(Replaced.class, Cancelled.class);
        assertThat(((Cancelled)events.get(1)).reason()).isEqualTo(CancelReason.SELF_TRADE_PREVENTION);
        assertThat(stp.restingOrders(AAPL)).extracting(RestingOrder::orderId).containsExactly(1L);
        assertThat(stp.engine().liveOrderCount()).isEqualTo(1);
    }

    private static void assertReplaceRejected(final List<EngineEvent> events, final RejectReason reason)
    {
        assertThat(events).singleElement().isInstanceOfSatisfying(ReplaceRejected.class,
            rejected -> assertThat(rejected.reason()).isEqualTo(reason));
    }
}

package dev.tessera.engine;

import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.EngineDriver.RestingOrder;
import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static dev.tessera.engine.TestInstruments.AAPL;
import static dev.tessera.engine.TestInstruments.MSFT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Recovery by events, example by example. Every command runs on a live engine and its events are
 * applied to a replica; {@link ReplicaHarness} checks after each command that both hold the same
 * state (hash, L3, full export with owners' list order, counters). Where the order of an owner's list
 * or an index matters, the replica then runs commands itself and must write the same bytes.
 */
class EventApplyTest
{
    private final ReplicaHarness harness = new ReplicaHarness(TestInstruments.aapl(), TestInstruments.msft());

    @Test
    void shouldRestAnOrderThatDoesNotTrade()
    {
        harness.limit(1, AAPL, 11, Side.BUY, 9_990, 100);
        harness.newOrder(2, AAPL, 21, Side.SELL, OrderType.LIMIT, TimeInForce.DAY, true, 10_010, 50);

        assertThat(ReplicaHarness.restingOrders(harness.replica(), AAPL)).containsExactly(
            new RestingOrder(Side.BUY, 9_990, 1, 1, 11, 100, 100),
            new RestingOrder(Side.SELL, 10_010, 2, 2, 21, 50, 50));
        assertThat(harness.replica().lastOrderId()).isEqualTo(2);
        assertThat(harness.replica().lastEventSequence()).isEqualTo(2);
    }

    @Test
    void shouldKeepTimePriorityWithinALevel()
    {
        harness.limit(1, AAPL, 11, Side.SELL, 10_000, 10);
        harness.limit(2, AAPL, 21, Side.SELL, 10_000, 20);
        harness.limit(3, AAPL, 31, Side.SELL, 10_000, 30);

        harness.runCommandsOnBoth();
        final List<EngineEvent> events = harness.limit(4, AAPL, 41, Side.BUY, 10_000, 25);

        assertThat(events).filteredOn(EngineEvent.Trade.class::isInstance)
            .extracting(event -> ((EngineEvent.Trade)event).makerOrderId())
            .containsExactly(1L, 2L);
    }

    @Test
    void shouldApplyAPartialFillOfTheMaker()
    {
        harness.limit(1, AAPL, 11, Side.SELL, 10_000, 100);
        harness.limit(2, AAPL, 21, Side.BUY, 10_000, 30);

        assertThat(ReplicaHarness.restingOrders(harness.replica(), AAPL)).containsExactly(
            new RestingOrder(Side.SELL, 10_000, 1, 1, 11, 100, 70));
        assertThat(harness.replica().book(AAPL).bestQuantity(Side.SELL)).isEqualTo(70);
    }

    @Test
    void shouldRestTheRemainderOfATakerThatSweptSeveralLevels()
    {
        harness.limit(1, AAPL, 11, Side.SELL, 10_000, 10);
        harness.limit(2, AAPL, 21, Side.SELL, 10_001, 10);
        harness.limit(1, AAPL, 12, Side.SELL, 10_005, 10);
        harness.limit(3, AAPL, 31, Side.BUY, 10_002, 50);

        assertThat(ReplicaHarness.restingOrders(harness.replica(), AAPL)).containsExactly(
            new RestingOrder(Side.BUY, 10_002, 4, 3, 31, 50, 30),
            new RestingOrder(Side.SELL, 10_005, 3, 1, 12, 10, 10));
    }

    @Test
    void shouldRemoveMakerAndTakerWhenBothAreFilled()
    {
        harness.limit(1, AAPL, 11, Side.SELL, 10_000, 40);
        harness.limit(2, AAPL, 21, Side.BUY, 10_000, 40);

        assertThat(harness.replica().liveOrderCount()).isZero();
        assertThat(harness.replica().book(AAPL).levelCount(Side.SELL)).isZero();
        assertThat(harness.replica().lastOrderId()).isEqualTo(2);
    }

    @Test
    void shouldNotRestTheRemainderOfAnIocOrAMarketOrder()
    {
        harness.limit(1, AAPL, 11, Side.SELL, 10_000, 10);
        harness.newOrder(2, AAPL, 21, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, false, 10_000, 30);
        harness.limit(1, AAPL, 12, Side.SELL, 10_000, 10);
        harness.newOrder(2, AAPL, 22, Side.BUY, OrderType.MARKET, TimeInForce.GTC, false, 0, 30);

        assertThat(harness.replica().liveOrderCount()).isZero();
        assertThat(harness.replica().lastOrderId()).isEqualTo(4);
    }

    @Test
    void shouldNotRestAKilledFok()
    {
        harness.limit(1, AAPL, 11, Side.SELL, 10_000, 10);
        final List<EngineEvent> events =
            harness.newOrder(2, AAPL, 21, Side.BUY, OrderType.LIMIT, TimeInForce.FOK, false, 10_000, 30);

        assertThat(events).last().isInstanceOfSatisfying(EngineEvent.Cancelled.class,
            cancelled -> assertThat(cancelled.reason()).isEqualTo(CancelReason.FOK_NOT_FILLABLE));
        assertThat(ReplicaHarness.restingOrders(harness.replica(), AAPL)).containsExactly(
            new RestingOrder(Side.SELL, 10_000, 1, 1, 11, 10, 10));
    }

    @ParameterizedTest
    @EnumSource(SelfTradePrevention.class)
    void shouldApplySelfTradePrevention(final SelfTradePrevention prevention)
    {
        final ReplicaHarness stp = new ReplicaHarness(TestInstruments.instrument(AAPL, prevention));
        stp.limit(2, AAPL, 21, Side.SELL, 10_000, 10);
        stp.limit(1, AAPL, 11, Side.SELL, 10_000, 10);
        stp.limit(2, AAPL, 22, Side.SELL, 10_000, 10);
        stp.limit(1, AAPL, 12, Side.BUY, 10_000, 25);

        stp.runCommandsOnBoth();
        stp.massCancel(1, 19, 0);
        stp.massCancel(2, 29, 0);
    }

    @Test
    void shouldKeepPriorityAndOwnersOrderOnAReplaceThatReducesQuantity()
    {
        harness.limit(1, AAPL, 11, Side.SELL, 10_000, 100);
        harness.limit(2, AAPL, 21, Side.SELL, 10_000, 100);
        harness.limit(1, MSFT, 12, Side.SELL, 10_000, 100);
        final List<EngineEvent> replaced = harness.replace(1, 1, 0, 15, CommandEncoder.UNCHANGED, 60);

        assertThat(replaced).singleElement().isInstanceOfSatisfying(EngineEvent.Replaced.class,
            event -> assertThat(event.priorityKept()).isTrue());
        assertThat(ReplicaHarness.restingOrders(harness.replica(), AAPL)).containsExactly(
            new RestingOrder(Side.SELL, 10_000, 1, 1, 15, 60, 60),
            new RestingOrder(Side.SELL, 10_000, 2, 2, 21, 100, 100));

        harness.runCommandsOnBoth();
        // The new client id is indexed, the old one is free again, and the order kept its place.
        harness.limit(1, AAPL, 11, Side.SELL, 10_010, 5);
        harness.limit(1, AAPL, 15, Side.SELL, 10_010, 5);
        harness.massCancel(1, 19, 0);
    }

    @Test
    void shouldMoveAReplacedOrderToTheBackOfItsLevelAndOfItsOwnersList()
    {
        harness.limit(1, AAPL, 11, Side.SELL, 10_000, 10);
        harness.limit(2, AAPL, 21, Side.SELL, 10_000, 10);
        harness.limit(1, MSFT, 12, Side.SELL, 10_000, 10);
        harness.limit(1, AAPL, 13, Side.SELL, 10_001, 10);
        harness.replace(1, 1, 0, 14, CommandEncoder.UNCHANGED, 20);

        assertThat(ReplicaHarness.restingOrders(harness.replica(), AAPL)).containsExactly(
            new RestingOrder(Side.SELL, 10_000, 2, 2, 21, 10, 10),
            new RestingOrder(Side.SELL, 10_000, 1, 1, 14, 20, 20),
            new RestingOrder(Side.SELL, 10_001, 4, 1, 13, 10, 10));

        harness.runCommandsOnBoth();
        final List<EngineEvent> cancelled = harness.massCancel(1, 19, 0);
        assertThat(cancelled).filteredOn(EngineEvent.Cancelled.class::isInstance)
            .extracting(event -> ((EngineEvent.Cancelled)event).orderId())
            .containsExactly(3L, 4L, 1L);
    }

    @Test
    void shouldApplyACrossingReplaceThatTradesThenRests()
    {
        harness.limit(1, AAPL, 11, Side.BUY, 9_990, 50);
        harness.limit(2, AAPL, 21, Side.SELL, 10_000, 20);
        harness.limit(1, AAPL, 12, Side.BUY, 9_980, 10);
        harness.replace(1, 0, 11, 13, 10_000, 50);

        assertThat(ReplicaHarness.restingOrders(harness.replica(), AAPL)).containsExactly(
            new RestingOrder(Side.BUY, 10_000, 1, 1, 13, 50, 30),
            new RestingOrder(Side.BUY, 9_980, 3, 1, 12, 10, 10));

        harness.runCommandsOnBoth();
        harness.massCancel(1, 19, AAPL);
    }

    @Test
    void shouldApplyACrossingReplaceThatIsFilled()
    {
        harness.limit(1, AAPL, 11, Side.BUY, 9_990, 20);
        harness.limit(2, AAPL, 21, Side.SELL, 10_000, 50);
        harness.replace(1, 1, 0, 12, 10_000, CommandEncoder.UNCHANGED);

        assertThat(ReplicaHarness.restingOrders(harness.replica(), AAPL)).containsExactly(
            new RestingOrder(Side.SELL, 10_000, 2, 2, 21, 50, 30));
        harness.runCommandsOnBoth();
        harness.limit(1, AAPL, 12, Side.BUY, 9_990, 20);
    }

    @Test
    void shouldApplyACrossingReplaceStoppedBySelfTradePrevention()
    {
        final ReplicaHarness stp =
            new ReplicaHarness(TestInstruments.instrument(AAPL, SelfTradePrevention.CANCEL_INCOMING));
        stp.limit(1, AAPL, 11, Side.BUY, 9_990, 20);
        stp.limit(2, AAPL, 21, Side.SELL, 10_000, 5);
        stp.limit(1, AAPL, 12, Side.SELL, 10_000, 5);
        final List<EngineEvent> events = stp.replace(1, 1, 0, 13, 10_000, CommandEncoder.UNCHANGED);

        assertThat(events).last().isInstanceOfSatisfying(EngineEvent.Cancelled.class,
            cancelled -> assertThat(cancelled.reason()).isEqualTo(CancelReason.SELF_TRADE_PREVENTION));
        assertThat(stp.replica().liveOrderCount()).isEqualTo(1);
    }

    @Test
    void shouldApplyAReplaceToFilled()
    {
        harness.limit(1, AAPL, 11, Side.SELL, 10_000, 50);
        harness.limit(2, AAPL, 21, Side.BUY, 10_000, 30);
        final List<EngineEvent> events = harness.replace(1, 1, 0, 12, CommandEncoder.UNCHANGED, 30);

        assertThat(events).singleElement().isInstanceOfSatisfying(EngineEvent.Cancelled.class,
            cancelled -> assertThat(cancelled.reason()).isEqualTo(CancelReason.REPLACED_TO_FILLED));
        assertThat(harness.replica().liveOrderCount()).isZero();
    }

    @Test
    void shouldApplyCancelsAndAMassCancel()
    {
        harness.limit(1, AAPL, 11, Side.SELL, 10_000, 10);
        harness.limit(1, MSFT, 12, Side.SELL, 10_000, 10);
        harness.limit(1, AAPL, 13, Side.BUY, 9_000, 10);
        harness.limit(2, AAPL, 21, Side.BUY, 9_000, 10);
        harness.cancel(1, 0, 13, 14);
        harness.massCancel(1, 15, 0);

        assertThat(ReplicaHarness.restingOrders(harness.replica(), AAPL)).containsExactly(
            new RestingOrder(Side.BUY, 9_000, 4, 2, 21, 10, 10));
        assertThat(harness.replica().book(MSFT).levelCount(Side.SELL)).isZero();
    }

    @Test
    void shouldChangeOnlyTheSequenceOnRejections()
    {
        harness.limit(1, AAPL, 11, Side.SELL, 10_000, 10);
        final long hashBefore = harness.replica().stateHash();
        harness.limit(1, AAPL, 11, Side.SELL, 10_000, 10);
        harness.limit(1, 99, 12, Side.SELL, 10_000, 10);
        harness.cancel(2, 1, 0, 21);
        harness.replace(1, 7, 0, 13, 10_001, 10);
        harness.massCancel(1, 14, 99);

        assertThat(harness.replica().lastEventSequence()).isEqualTo(6);
        assertThat(harness.replica().lastOrderId()).isEqualTo(1);
        assertThat(harness.replica().stateHash()).isNotEqualTo(hashBefore);
        assertThat(harness.replica().liveOrderCount()).isEqualTo(1);
    }

    @Test
    void shouldLeaveNoEventsInTheReplicasBuffer()
    {
        harness.limit(1, AAPL, 11, Side.SELL, 10_000, 10);

        assertThat(harness.replica().events().length()).isZero();
        assertThat(harness.replica().events().eventCount()).isZero();
    }

    @Test
    void shouldApplyNothingForNoEvents()
    {
        final MatchingEngine engine = new MatchingEngine(List.of(TestInstruments.aapl()));
        engine.apply(new UnsafeBuffer(new byte[0]), 0, 0);

        assertThat(engine.lastEventSequence()).isZero();
        assertThat(engine.stateHash()).isEqualTo(new MatchingEngine(List.of(TestInstruments.aapl())).stateHash());
    }

    // ------------------------------------------------------------------ journal that does not fit

    @Test
    void shouldRefuseAGapInTheEventSequenceAndChangeNothing()
    {
        final EngineDriver live = new EngineDriver(TestInstruments.aapl());
        final MatchingEngine replica = new MatchingEngine(List.of(TestInstruments.aapl()), 1024);
        live.limit(1, AAPL, 11, Side.SELL, 10_000, 10);
        replica.apply(live.engine().events().buffer(), 0, live.engine().events().length());
        live.limit(1, AAPL, 12, Side.SELL, 10_000, 10);
        live.limit(2, AAPL, 21, Side.BUY, 10_000, 15);
        final long hashBefore = replica.stateHash();

        assertThatThrownBy(() -> replica.apply(live.engine().events().buffer(), 0, live.engine().events().length()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("expected 2 but was 3");
        assertThat(replica.stateHash()).isEqualTo(hashBefore);
        assertThat(replica.lastEventSequence()).isEqualTo(1);
    }

    @Test
    void shouldRefuseEventsAppliedTwice()
    {
        final EngineDriver live = new EngineDriver(TestInstruments.aapl());
        final MatchingEngine replica = new MatchingEngine(List.of(TestInstruments.aapl()), 1024);
        live.limit(1, AAPL, 11, Side.SELL, 10_000, 10);
        replica.apply(live.engine().events().buffer(), 0, live.engine().events().length());

        assertThatThrownBy(() -> replica.apply(live.engine().events().buffer(), 0, live.engine().events().length()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("expected 2 but was 1");
        assertThat(replica.liveOrderCount()).isEqualTo(1);
    }

    @Test
    void shouldRefuseBytesThatAreNotEvents()
    {
        final MatchingEngine replica = new MatchingEngine(List.of(TestInstruments.aapl()), 1024);
        final UnsafeBuffer command = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
        final int length = new CommandEncoder().newOrder(command, 0, 1, 1, 1, AAPL, 11, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, false, 10_000, 10);

        assertThatThrownBy(() -> replica.apply(command, 0, length))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not an engine event");
        assertThatThrownBy(() -> replica.apply(command, 0, 5))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("truncated");
    }

    @Test
    void shouldRefuseATradeThatDoesNotMatchTheBook()
    {
        final EngineDriver live = new EngineDriver(TestInstruments.aapl());
        final EngineDriver other = new EngineDriver(TestInstruments.aapl());
        live.limit(1, AAPL, 11, Side.SELL, 10_000, 10);
        other.limit(1, AAPL, 11, Side.SELL, 10_000, 25);
        live.limit(2, AAPL, 21, Side.BUY, 10_000, 5);

        assertThatThrownBy(() -> other.engine().apply(live.engine().events().buffer(), 0, live.engine().events().length()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("does not match the book");
    }

    @Test
    void shouldRefuseEventsAboutAnOrderThatIsNotLive()
    {
        final EngineDriver live = new EngineDriver(TestInstruments.aapl());
        final EngineDriver other = new EngineDriver(TestInstruments.aapl());
        live.limit(1, AAPL, 11, Side.SELL, 10_000, 10);
        other.limit(1, AAPL, 11, Side.SELL, 10_000, 0);
        live.cancel(1, 1, 12);

        // Both are at sequence 1 (other's order was rejected), so only the book shows the mismatch.
        assertThatThrownBy(() -> other.engine().apply(live.engine().events().buffer(), 0, live.engine().events().length()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("order 1, which is not live");
    }
}

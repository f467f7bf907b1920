package dev.tessera.engine;

import dev.tessera.engine.EngineDriver.RestingOrder;
import dev.tessera.engine.EngineEvent.CancelRejected;
import dev.tessera.engine.EngineEvent.Cancelled;
import dev.tessera.engine.EngineEvent.EndOfDayCompleted;
import dev.tessera.engine.ExportedState.Counters;
import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.RejectReason;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tessera.engine.MatchingEngine.NO_ENTRY_SINCE_END_OF_DAY;
import static dev.tessera.engine.MatchingEngine.UNKNOWN_ENTRY_SINCE_END_OF_DAY;
import static dev.tessera.engine.TestInstruments.AAPL;
import static dev.tessera.engine.TestInstruments.MSFT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndOfDayTest
{
    private static final long ALICE = 1;
    private static final long BOB = 2;

    /** Configured out of id order: expiry must still go by instrument id. */
    private final EngineDriver driver = new EngineDriver(TestInstruments.msft(), TestInstruments.aapl());

    private List<EngineEvent> day(final long owner, final int instrumentId, final long clientOrderId, final Side side,
        final long price, final long quantity)
    {
        return driver.newOrder(owner, instrumentId, clientOrderId, side, OrderType.LIMIT, TimeInForce.DAY, false, price,
            quantity);
    }

    @Test
    void shouldExpireRestingDayOrdersAndLeaveGtcOrders()
    {
        day(ALICE, AAPL, 10, Side.BUY, 10_000, 100);
        driver.limit(BOB, AAPL, 20, Side.BUY, 10_000, 50);

        final List<EngineEvent> events = driver.endOfDay(0);

        assertThat(events).containsExactly(
            new Cancelled(3, driver.timestampOf(3), 1, ALICE, 10, 10, AAPL, Side.BUY, 100, CancelReason.EXPIRED),
            new EndOfDayCompleted(4, driver.timestampOf(3), 0, 1));
        assertThat(driver.restingOrders(AAPL)).containsExactly(new RestingOrder(Side.BUY, 10_000, 2, BOB, 20, 50, 50));
        assertThat(driver.engine().liveOrderCount()).isEqualTo(1);
        // The expired order's client id is free again, as after any cancel.
        assertThat(day(ALICE, AAPL, 10, Side.BUY, 10_000, 100)).singleElement().isInstanceOf(EngineEvent.Accepted.class);
    }

    @Test
    void shouldExpireOnlyTheNamedInstrument()
    {
        day(ALICE, AAPL, 10, Side.BUY, 10_000, 100);
        day(ALICE, MSFT, 11, Side.BUY, 10_000, 100);

        final List<EngineEvent> events = driver.endOfDay(MSFT);

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(Cancelled.class, cancelled ->
        {
            assertThat(cancelled.orderId()).isEqualTo(2);
            assertThat(cancelled.reason()).isEqualTo(CancelReason.EXPIRED);
        });
        assertThat(events.get(1)).isEqualTo(new EndOfDayCompleted(4, driver.timestampOf(3), MSFT, 1));
        assertThat(driver.restingOrders(AAPL)).hasSize(1);
        assertThat(driver.restingOrders(MSFT)).isEmpty();
    }

    @Test
    void shouldExpireInstrumentsInIdOrderThenBidsBestFirstThenAsksBestFirstOldestFirst()
    {
        day(ALICE, MSFT, 1, Side.BUY, 9_000, 10);        // order 1
        day(ALICE, AAPL, 2, Side.SELL, 10_200, 10);      // order 2
        day(BOB, AAPL, 3, Side.BUY, 9_900, 10);          // order 3
        day(ALICE, AAPL, 4, Side.SELL, 10_100, 10);      // order 4
        day(BOB, AAPL, 5, Side.BUY, 9_950, 10);          // order 5
        driver.limit(BOB, AAPL, 6, Side.BUY, 9_950, 10); // order 6, GTC between two DAY orders of a level
        day(ALICE, AAPL, 7, Side.BUY, 9_950, 10);        // order 7
        day(BOB, AAPL, 8, Side.SELL, 10_100, 10);        // order 8

        final List<EngineEvent> events = driver.endOfDay(0);

        assertThat(events).filteredOn(Cancelled.class::isInstance)
            .extracting(event -> ((Cancelled)event).orderId())
            .containsExactly(5L, 7L, 3L, 4L, 8L, 2L, 1L);
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(EndOfDayCompleted.class,
            completed -> assertThat(completed.expiredCount()).isEqualTo(7));
        assertThat(driver.restingOrders(AAPL)).containsExactly(new RestingOrder(Side.BUY, 9_950, 6, BOB, 6, 10, 10));
        assertThat(driver.engine().book(AAPL).levelCount(Side.SELL)).isZero();
    }

    @Test
    void shouldExpireTheLeavesOfAPartiallyFilledDayOrder()
    {
        day(ALICE, AAPL, 10, Side.BUY, 10_000, 100);
        driver.limit(BOB, AAPL, 20, Side.SELL, 10_000, 30);

        assertThat(driver.endOfDay(AAPL).get(0)).isInstanceOfSatisfying(Cancelled.class, cancelled ->
        {
            assertThat(cancelled.cancelledQuantity()).isEqualTo(70);
            assertThat(cancelled.reason()).isEqualTo(CancelReason.EXPIRED);
        });
        assertThat(driver.restingOrders(AAPL)).isEmpty();
    }

    @Test
    void shouldCompleteAnEndOfDayWithNothingToExpire()
    {
        driver.limit(ALICE, AAPL, 10, Side.BUY, 10_000, 100);

        assertThat(driver.endOfDay(0)).containsExactly(new EndOfDayCompleted(2, driver.timestampOf(2), 0, 0));
        assertThat(driver.restingOrders(AAPL)).hasSize(1);
    }

    @Test
    void shouldRejectAnEndOfDayOfAnUnknownInstrument()
    {
        day(ALICE, AAPL, 10, Side.BUY, 10_000, 100);

        assertThat(driver.endOfDay(77)).containsExactly(
            new CancelRejected(2, driver.timestampOf(2), 0, 0, 0, 0, RejectReason.UNKNOWN_INSTRUMENT));
        assertThat(driver.restingOrders(AAPL)).hasSize(1);
    }

    @Test
    void shouldReplayExpiryToTheSameStateAndBehaveTheSameAfterwards()
    {
        final ReplicaHarness harness = new ReplicaHarness(TestInstruments.aapl(), TestInstruments.msft());
        harness.newOrder(1, AAPL, 11, Side.BUY, OrderType.LIMIT, TimeInForce.DAY, false, 9_990, 50);
        harness.limit(2, AAPL, 21, Side.BUY, 9_990, 20);
        harness.newOrder(1, MSFT, 12, Side.SELL, OrderType.LIMIT, TimeInForce.DAY, false, 10_010, 30);
        harness.newOrder(2, AAPL, 22, Side.SELL, OrderType.LIMIT, TimeInForce.DAY, false, 10_000, 40);
        harness.limit(1, AAPL, 13, Side.SELL, 9_990, 10);

        harness.endOfDay(0);
        harness.assertSameState("after EndOfDay applied");
        assertThat(harness.replica().liveOrderCount()).isEqualTo(1);

        harness.runCommandsOnBoth();
        harness.newOrder(1, AAPL, 11, Side.BUY, OrderType.LIMIT, TimeInForce.DAY, false, 9_990, 5);
        harness.endOfDay(AAPL);
        harness.endOfDay(99);
        harness.massCancel(2, 29, 0);
    }

    // ------------------------------------------------------------------ the trading day's first entry

    @Test
    void shouldDateTheTradingDayByItsFirstCommandSinceTheLastEndOfDay()
    {
        final MatchingEngine engine = driver.engine();
        assertThat(engine.firstEntrySinceEndOfDay()).as("fresh").isEqualTo(NO_ENTRY_SINCE_END_OF_DAY);

        day(ALICE, AAPL, 10, Side.BUY, 10_000, 100);                      // command 1
        driver.limit(BOB, AAPL, 20, Side.SELL, 10_100, 50);               // command 2
        assertThat(engine.firstEntrySinceEndOfDay()).isEqualTo(driver.timestampOf(1));

        driver.endOfDay(0);                                                // command 3
        assertThat(engine.firstEntrySinceEndOfDay()).as("the day ended").isEqualTo(NO_ENTRY_SINCE_END_OF_DAY);
        driver.endOfDay(0);                                                // command 4
        assertThat(engine.firstEntrySinceEndOfDay()).as("a second EndOfDay is no entry")
            .isEqualTo(NO_ENTRY_SINCE_END_OF_DAY);

        driver.cancel(ALICE, 99, 11);                                      // command 5, rejected: it counts
        assertThat(driver.history().get(driver.history().size() - 1)).isInstanceOf(CancelRejected.class);
        day(ALICE, AAPL, 12, Side.BUY, 10_000, 100);                      // command 6
        assertThat(engine.firstEntrySinceEndOfDay()).isEqualTo(driver.timestampOf(5));
    }

    @Test
    void shouldNotEndTheTradingDayWithTheEndOfDayOfOneInstrument()
    {
        final MatchingEngine engine = driver.engine();
        driver.endOfDay(0);                                                // command 1
        driver.endOfDay(MSFT);                                             // command 2: an entry, not the end
        assertThat(engine.firstEntrySinceEndOfDay()).isEqualTo(driver.timestampOf(2));

        driver.endOfDay(77);                                               // command 3, rejected
        day(ALICE, AAPL, 10, Side.BUY, 10_000, 100);                      // command 4
        assertThat(engine.firstEntrySinceEndOfDay()).isEqualTo(driver.timestampOf(2));
    }

    @Test
    void shouldNotCountBytesThatAreNoCommand()
    {
        final MatchingEngine engine = driver.engine();
        final UnsafeBuffer garbage = new UnsafeBuffer(new byte[64]);
        garbage.setMemory(0, 64, (byte)0x5A);

        assertThat(engine.onCommand(garbage, 0, 64)).isEqualTo(MatchingEngine.UNKNOWN_COMMAND);
        engine.apply(garbage, 0, 0); // the journal keeps such a record with no events
        assertThat(engine.firstEntrySinceEndOfDay()).isEqualTo(NO_ENTRY_SINCE_END_OF_DAY);
    }

    @Test
    void shouldRebuildTheTradingDaysFirstEntryFromEvents()
    {
        final ReplicaHarness harness = new ReplicaHarness(TestInstruments.aapl(), TestInstruments.msft());
        harness.newOrder(1, AAPL, 11, Side.BUY, OrderType.LIMIT, TimeInForce.DAY, false, 9_990, 50);
        harness.limit(2, AAPL, 21, Side.SELL, 10_010, 20);
        assertThat(harness.replica().firstEntrySinceEndOfDay()).isEqualTo(EngineDriver.TIME_ORIGIN + 1);

        harness.endOfDay(0);
        assertThat(harness.replica().firstEntrySinceEndOfDay()).isEqualTo(NO_ENTRY_SINCE_END_OF_DAY);
        harness.endOfDay(MSFT);
        harness.cancel(1, 77, 0, 12);
        harness.endOfDay(99);
        assertThat(harness.replica().firstEntrySinceEndOfDay()).isEqualTo(EngineDriver.TIME_ORIGIN + 4);

        harness.endOfDay(0);
        harness.massCancel(2, 29, 0);
        assertThat(harness.replica().firstEntrySinceEndOfDay()).isEqualTo(EngineDriver.TIME_ORIGIN + 8);
        // (ReplicaHarness compares the value, the export and the hash of both engines after every command.)
    }

    @Test
    void shouldCarryTheTradingDaysFirstEntryThroughAStateExport()
    {
        final ReplicaHarness harness = new ReplicaHarness(TestInstruments.aapl(), TestInstruments.msft());
        harness.newOrder(1, AAPL, 11, Side.BUY, OrderType.LIMIT, TimeInForce.DAY, false, 9_990, 50);

        final ExportedState snapshot = harness.restoreReplicaFromSnapshot();

        assertThat(snapshot.counters().firstEntrySinceEndOfDay()).isEqualTo(EngineDriver.TIME_ORIGIN + 1);
        harness.applyEvents();
        harness.endOfDay(0);
        harness.limit(2, AAPL, 21, Side.SELL, 10_010, 20);
        assertThat(harness.replica().firstEntrySinceEndOfDay()).isEqualTo(EngineDriver.TIME_ORIGIN + 3);
    }

    @Test
    void shouldKeepAnUnknownFirstEntryUntilTheTradingDayEnds()
    {
        final ReplicaHarness harness = new ReplicaHarness(TestInstruments.aapl(), TestInstruments.msft());
        harness.newOrder(1, AAPL, 11, Side.BUY, OrderType.LIMIT, TimeInForce.DAY, false, 9_990, 50);
        final ExportedState known = ExportedState.of(harness.live());
        final Counters counters = known.counters();
        final ExportedState unknown = known.withCounters(new Counters(counters.lastOrderId(), counters.lastEventSequence(),
            counters.liveOrderCount(), UNKNOWN_ENTRY_SINCE_END_OF_DAY));

        final MatchingEngine restored = MatchingEngine.restore(harness.instruments(), 16, unknown);
        final EngineDriver driver = new EngineDriver(restored);

        assertThat(restored.firstEntrySinceEndOfDay()).isEqualTo(UNKNOWN_ENTRY_SINCE_END_OF_DAY);
        assertThat(restored.stateHash()).as("entry times are not in the state hash").isEqualTo(harness.live().stateHash());
        driver.limit(2, AAPL, 21, Side.SELL, 10_010, 20);
        assertThat(restored.firstEntrySinceEndOfDay()).as("still unknown: the day's first entry was earlier")
            .isEqualTo(UNKNOWN_ENTRY_SINCE_END_OF_DAY);
        driver.endOfDay(MSFT);
        assertThat(restored.firstEntrySinceEndOfDay()).isEqualTo(UNKNOWN_ENTRY_SINCE_END_OF_DAY);
        driver.endOfDay(0);
        assertThat(restored.firstEntrySinceEndOfDay()).isEqualTo(NO_ENTRY_SINCE_END_OF_DAY);
    }

    @Test
    void shouldRefuseANegativeFirstEntryThatIsNotTheUnknownMarker()
    {
        final ExportedState state = ExportedState.of(driver.engine());
        final ExportedState broken = state.withCounters(new Counters(0, 0, 0, -5));

        assertThatThrownBy(() -> MatchingEngine.restore(List.of(TestInstruments.aapl()), 16, broken))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("-5");
    }
}

package dev.tessera.engine;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.ExportedState.Counters;
import dev.tessera.engine.ExportedState.ExportedOrder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.agrona.ExpandableDirectByteBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.tessera.engine.TestInstruments.AAPL;
import static dev.tessera.engine.TestInstruments.MSFT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * State export and restore: what an export holds and in which order, that a restored engine holds
 * and does exactly what the original does, and that a snapshot no engine could have written is
 * refused with a message naming the problem.
 */
class StateExportTest
{
    private static final List<InstrumentConfig> INSTRUMENTS = List.of(TestInstruments.aapl(), TestInstruments.msft());

    private final ReplicaHarness harness = new ReplicaHarness(INSTRUMENTS);

    /** Owner 1 has orders in both books; its first order lost priority in a replace, so it is last in its list. */
    private void buildBooks()
    {
        harness.limit(1, AAPL, 11, Side.BUY, 9_990, 100);
        harness.limit(2, AAPL, 21, Side.BUY, 9_990, 50);
        harness.newOrder(1, MSFT, 12, Side.SELL, OrderType.LIMIT, TimeInForce.DAY, true, 20_000, 30);
        harness.limit(3, AAPL, 31, Side.SELL, 10_010, 40);
        harness.limit(1, AAPL, 13, Side.BUY, 9_995, 10);
        harness.limit(2, AAPL, 22, Side.SELL, 9_995, 4);
        harness.replace(1, 1, 0, 14, 9_990, 120);
    }

    @Test
    void shouldExportCountersThenOrdersInBookOrderWithOwnerRanks()
    {
        buildBooks();

        final ExportedState state = ExportedState.of(harness.live());

        assertThat(state.counters()).isEqualTo(new Counters(6, 8, 5, EngineDriver.TIME_ORIGIN + 1));
        assertThat(state.orders()).containsExactly(
            new ExportedOrder(5, 1, 13, AAPL, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 9_995, 10, 4, 4 * 9_995, 1),
            new ExportedOrder(2, 2, 21, AAPL, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 9_990, 50, 0, 0, 0),
            new ExportedOrder(1, 1, 14, AAPL, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 9_990, 120, 0, 0, 2),
            new ExportedOrder(4, 3, 31, AAPL, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, 10_010, 40, 0, 0, 0),
            new ExportedOrder(3, 1, 12, MSFT, Side.SELL, OrderType.LIMIT, TimeInForce.DAY, true, 20_000, 30, 0, 0, 0));
    }

    @Test
    void shouldExportNothingButCountersForAFreshEngine()
    {
        assertThat(ExportedState.of(harness.live()))
            .isEqualTo(new ExportedState(new Counters(0, 0, 0, MatchingEngine.NO_ENTRY_SINCE_END_OF_DAY), List.of()));
    }

    @Test
    void shouldRestoreAnEngineThatBehavesLikeTheOriginal()
    {
        buildBooks();

        final ExportedState snapshot = harness.restoreReplicaFromSnapshot();

        assertThat(ExportedState.of(harness.replica())).isEqualTo(snapshot);
        harness.runCommandsOnBoth();
        harness.limit(1, AAPL, 13, Side.BUY, 9_000, 10);
        harness.limit(4, AAPL, 41, Side.SELL, 9_990, 60);
        harness.replace(1, 0, 12, 15, 20_005, CommandEncoder.UNCHANGED);
        harness.massCancel(1, 19, 0);
        harness.massCancel(2, 29, 0);
        harness.limit(3, MSFT, 32, Side.BUY, 20_000, 5);
    }

    @Test
    void shouldRestoreAndThenApplyTheJournalTail()
    {
        buildBooks();
        harness.restoreReplicaFromSnapshot();

        harness.applyEvents();
        harness.limit(4, AAPL, 41, Side.SELL, 9_990, 200);
        harness.massCancel(1, 19, AAPL);
        harness.runCommandsOnBoth();
        harness.massCancel(1, 18, 0);
    }

    @Test
    void shouldRestoreAnEmptyStateWithItsCounters()
    {
        harness.limit(1, AAPL, 11, Side.BUY, 9_990, 10);
        harness.cancel(1, 1, 0, 12);

        harness.restoreReplicaFromSnapshot();

        assertThat(harness.replica().lastOrderId()).isEqualTo(1);
        assertThat(harness.replica().lastEventSequence()).isEqualTo(2);
        harness.runCommandsOnBoth();
        harness.limit(1, AAPL, 11, Side.BUY, 9_990, 10);
    }

    @Test
    void shouldRestoreFromAnotherEngineDirectly()
    {
        buildBooks();

        final MatchingEngine restored = MatchingEngine.restore(INSTRUMENTS, 16, harness.live()::exportState);

        assertThat(restored.stateHash()).isEqualTo(harness.live().stateHash());
    }

    @Test
    void shouldSumEachFillsPriceTimesQuantityAsTheFilledNotional()
    {
        harness.limit(2, AAPL, 21, Side.SELL, 10_000, 3);
        harness.limit(2, AAPL, 22, Side.SELL, 10_010, 4);
        harness.limit(1, AAPL, 11, Side.BUY, 10_010, 10); // takes 3 at 100.00 and 4 at 100.10, rests 3
        harness.limit(3, AAPL, 31, Side.SELL, 10_010, 1); // fills the resting buy 1 more at its own price

        final ExportedOrder buy = ExportedState.of(harness.live()).orders().get(0);

        assertThat(buy.filled()).isEqualTo(8);
        assertThat(buy.filledNotional()).isEqualTo(3 * 10_000 + 4 * 10_010 + 10_010);
        harness.restoreReplicaFromSnapshot(); // and a restore keeps it (the hash folds it)
    }

    @Test
    void shouldFoldTheFilledNotionalIntoTheStateHash()
    {
        final ExportedState snapshot = snapshot();
        final ExportedState otherNotional = snapshot.withOrder(0, order -> withFilledNotional(order, 4 * 9_990));

        assertThat(MatchingEngine.restore(INSTRUMENTS, 16, otherNotional).stateHash())
            .isNotEqualTo(harness.live().stateHash());
    }

    @Test
    void shouldKeepAnUnknownFilledNotionalUnknownThroughLaterFills()
    {
        final ExportedState snapshot = snapshot();
        final ExportedState unknown = snapshot.withOrder(0,
            order -> withFilledNotional(order, MatchingEngine.UNKNOWN_FILLED_NOTIONAL));
        final MatchingEngine restored = MatchingEngine.restore(INSTRUMENTS, 16, unknown);

        // Not folded (a format-1 snapshot's stored hash has no notional), so the hash differs from the known one.
        assertThat(restored.stateHash()).isNotEqualTo(harness.live().stateHash());
        final long before = restored.stateHash();
        final ExpandableDirectByteBuffer command = new ExpandableDirectByteBuffer(256);
        final int length = new CommandEncoder().newOrder(command, 0, 8, EngineDriver.TIME_ORIGIN + 8, 3, AAPL, 41,
            Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, 9_995, 2);
        restored.onCommand(command, 0, length);
        final ExportedOrder buy = ExportedState.of(restored).orders().get(0);

        assertThat(buy.filled()).isEqualTo(6);
        assertThat(buy.filledNotional()).isNegative();
        assertThat(restored.stateHash()).isNotEqualTo(before);
    }

    @Test
    void shouldRefuseAFilledNotionalThatDoesNotFitTheFills()
    {
        final ExportedState snapshot = snapshot();
        final ExportedState filledWithoutNotional = snapshot.withOrder(0, order -> withFilledNotional(order, 0));
        final ExportedState notionalWithoutFill = snapshot.withOrder(1, order -> withFilledNotional(order, 9_990));

        assertThatThrownBy(() -> fresh().restoreState(filledWithoutNotional))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("order 5 has filled 4 but filled notional 0");
        assertThatThrownBy(() -> fresh().restoreState(notionalWithoutFill))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("order 2 has filled 0 but filled notional 9990");
    }

    private static ExportedOrder withFilledNotional(final ExportedOrder order, final long filledNotional)
    {
        return new ExportedOrder(order.orderId(), order.owner(), order.clientOrderId(), order.instrumentId(), order.side(),
            order.orderType(), order.timeInForce(), order.postOnly(), order.price(), order.quantity(), order.filled(),
            filledNotional, order.ownerRank());
    }

    // ------------------------------------------------------------------ refused input

    private ExportedState snapshot()
    {
        buildBooks();
        return ExportedState.of(harness.live());
    }

    private static MatchingEngine fresh()
    {
        return new MatchingEngine(INSTRUMENTS, 16);
    }

    @Test
    void shouldRefuseToRestoreIntoAnEngineThatIsNotFresh()
    {
        final ExportedState snapshot = snapshot();

        assertThatThrownBy(() -> harness.live().restoreState(snapshot))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("fresh engine");
        final MatchingEngine restored = MatchingEngine.restore(INSTRUMENTS, 16, snapshot);
        assertThatThrownBy(() -> restored.restoreState(snapshot))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("fresh engine");
    }

    @Test
    void shouldRefuseADuplicateOrderId()
    {
        final ExportedState snapshot = snapshot();
        final long firstId = snapshot.orders().get(0).orderId();
        final ExportedState broken = snapshot.withOrder(3, order -> new ExportedOrder(firstId, order.owner(),
            order.clientOrderId(), order.instrumentId(), order.side(), order.orderType(), order.timeInForce(),
            order.postOnly(), order.price(), order.quantity(), order.filled(), order.filledNotional(), order.ownerRank()));

        assertThatThrownBy(() -> fresh().restoreState(broken))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("duplicate order id " + firstId);
    }

    @Test
    void shouldRefuseAnOrderIdBeyondTheCounter()
    {
        final ExportedState snapshot = snapshot();
        final ExportedState broken = snapshot.withOrder(0, order -> new ExportedOrder(7, order.owner(),
            order.clientOrderId(), order.instrumentId(), order.side(), order.orderType(), order.timeInForce(),
            order.postOnly(), order.price(), order.quantity(), order.filled(), order.filledNotional(), order.ownerRank()));

        assertThatThrownBy(() -> fresh().restoreState(broken))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("order id 7 outside 1..6");
    }

    @Test
    void shouldRefuseACountThatDoesNotMatchTheOrders()
    {
        final ExportedState snapshot = snapshot();
        final ExportedState broken = snapshot.withCounters(new Counters(6, 8, 6, EngineDriver.TIME_ORIGIN + 1));

        assertThatThrownBy(() -> fresh().restoreState(broken))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("announced 6 live orders but held 5");
    }

    @Test
    void shouldRefuseOwnerRanksWithAGapOrATwin()
    {
        final ExportedState snapshot = snapshot();
        final ExportedState gap = snapshot.withOrder(2, order -> order.withOwnerRank(3));
        final ExportedState twin = snapshot.withOrder(2, order -> order.withOwnerRank(1));

        assertThatThrownBy(() -> fresh().restoreState(gap))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("owner 1: order 1 has rank 3 where 2 was expected");
        assertThatThrownBy(() -> fresh().restoreState(twin))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("owner 1")
            .hasMessageContaining("where 2 was expected");
    }

    @Test
    void shouldRefuseTwoLiveOrdersWithOneClientOrderId()
    {
        final ExportedState snapshot = snapshot();
        final ExportedState broken = snapshot.withOrder(2, order -> new ExportedOrder(order.orderId(), order.owner(),
            13, order.instrumentId(), order.side(), order.orderType(), order.timeInForce(), order.postOnly(),
            order.price(), order.quantity(), order.filled(), order.filledNotional(), order.ownerRank()));

        assertThatThrownBy(() -> fresh().restoreState(broken))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("owner 1 has two live orders with client order id 13");
    }

    @Test
    void shouldRefuseOrdersThatCannotRest()
    {
        final ExportedState snapshot = snapshot();
        final ExportedState ioc = snapshot.withOrder(0, order -> new ExportedOrder(order.orderId(), order.owner(),
            order.clientOrderId(), order.instrumentId(), order.side(), order.orderType(), TimeInForce.IOC,
            order.postOnly(), order.price(), order.quantity(), order.filled(), order.filledNotional(), order.ownerRank()));
        final ExportedState filled = snapshot.withOrder(0, order -> new ExportedOrder(order.orderId(), order.owner(),
            order.clientOrderId(), order.instrumentId(), order.side(), order.orderType(), order.timeInForce(),
            order.postOnly(), order.price(), order.quantity(), order.quantity(), order.filledNotional(), order.ownerRank()));

        assertThatThrownBy(() -> fresh().restoreState(ioc))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("cannot rest");
        assertThatThrownBy(() -> fresh().restoreState(filled))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("0 <= filled < quantity");
    }

    @Test
    void shouldRefuseACrossedBook()
    {
        final ExportedState snapshot = snapshot();
        final ExportedState broken = snapshot.withOrder(3, order -> new ExportedOrder(order.orderId(), order.owner(),
            order.clientOrderId(), order.instrumentId(), order.side(), order.orderType(), order.timeInForce(),
            order.postOnly(), 9_990, order.quantity(), order.filled(), order.filledNotional(), order.ownerRank()));

        assertThatThrownBy(() -> fresh().restoreState(broken))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("crossed");
    }

    @Test
    void shouldRefuseOrdersBeforeCountersAndCountersTwice()
    {
        final ExportedState snapshot = snapshot();
        final StateSource noCounters = visitor ->
        {
            final ExportedOrder o = snapshot.orders().get(0);
            visitor.onOrder(o.orderId(), o.owner(), o.clientOrderId(), o.instrumentId(), o.side(), o.orderType(),
                o.timeInForce(), o.postOnly(), o.price(), o.quantity(), o.filled(), o.filledNotional(), o.ownerRank());
        };
        final StateSource countersTwice = visitor ->
        {
            visitor.onCounters(1, 1, 0, MatchingEngine.NO_ENTRY_SINCE_END_OF_DAY);
            visitor.onCounters(1, 1, 0, MatchingEngine.NO_ENTRY_SINCE_END_OF_DAY);
        };

        assertThatThrownBy(() -> fresh().restoreState(noCounters))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("before the state counters");
        assertThatThrownBy(() -> fresh().restoreState(visitor -> { }))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("without counters");
        assertThatThrownBy(() -> fresh().restoreState(countersTwice))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("counters given twice");
    }

    @Test
    void shouldRestoreOrdersGivenInAnotherLevelInterleaving()
    {
        // Only the order within a level is time priority; levels may come in any order.
        final ExportedState snapshot = snapshot();
        final List<ExportedOrder> reversedLevels = new ArrayList<>(snapshot.orders());
        Collections.swap(reversedLevels, 0, 3);

        final MatchingEngine restored = MatchingEngine.restore(INSTRUMENTS, 16, snapshot.withOrders(reversedLevels));

        assertThat(ExportedState.of(restored)).isEqualTo(snapshot);
        assertThat(restored.stateHash()).isEqualTo(harness.live().stateHash());
    }
}

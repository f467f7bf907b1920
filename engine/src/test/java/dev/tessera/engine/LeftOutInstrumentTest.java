package dev.tessera.engine;

import dev.tessera.engine.EngineDriver.RestingOrder;
import dev.tessera.engine.codec.RejectReason;
import dev.tessera.engine.codec.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.tessera.engine.TestInstruments.AAPL;
import static dev.tessera.engine.TestInstruments.MSFT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * History written while an instrument was configured, applied by an engine whose configuration leaves it out: the
 * history applies as it was (its orders in a book of their own), and nothing trades on that book.
 */
class LeftOutInstrumentTest
{
    /** Configured with AAPL and MSFT: writes the history. */
    private final EngineDriver writer = new EngineDriver(TestInstruments.aapl(), TestInstruments.msft());

    @Test
    void shouldApplyTheHistoryOfAnInstrumentTheConfigurationLeavesOutAsItWasWritten()
    {
        final MatchingEngine replica = new MatchingEngine(List.of(TestInstruments.aapl()), 1024);
        final EngineDriver applied = new EngineDriver(replica);
        writeHistory(replica);

        assertThat(replica.books()).extracting(book -> book.instrument().id()).containsExactly(AAPL);
        assertThat(replica.book(MSFT)).isNull();
        assertThat(replica.booksLeftOut()).singleElement().satisfies(book ->
        {
            assertThat(book.instrument().id()).isEqualTo(MSFT);
            assertThat(book.instrument().configured()).isFalse();
            assertThat(orders(book)).isEqualTo(writer.restingOrders(MSFT));
        });
        assertThat(applied.restingOrders(AAPL)).isEqualTo(writer.restingOrders(AAPL));
        assertThat(replica.lastOrderId()).isEqualTo(writer.engine().lastOrderId());
        assertThat(replica.liveOrderCount()).isEqualTo(writer.engine().liveOrderCount());
        assertThat(replica.stateHash()).isEqualTo(writer.engine().stateHash());
        assertThat(ExportedState.of(replica)).isEqualTo(ExportedState.of(writer.engine()));
    }

    @Test
    void shouldRestoreASnapshotHoldingOrdersOfAnInstrumentTheConfigurationLeavesOut()
    {
        writeHistory(new MatchingEngine(List.of(TestInstruments.aapl(), TestInstruments.msft()), 1024));

        final MatchingEngine restored =
            MatchingEngine.restore(List.of(TestInstruments.aapl()), 1024, ExportedState.of(writer.engine()));

        assertThat(restored.booksLeftOut()).singleElement()
            .satisfies(book -> assertThat(orders(book)).isEqualTo(writer.restingOrders(MSFT)));
        assertThat(restored.stateHash()).isEqualTo(writer.engine().stateHash());
        assertThat(ExportedState.of(restored)).isEqualTo(ExportedState.of(writer.engine()));
    }

    @Test
    void shouldTradeNothingOnALeftOutInstrumentButLetItsOrdersBeCancelled()
    {
        final MatchingEngine replica = new MatchingEngine(List.of(TestInstruments.aapl()), 1024);
        writeHistory(replica);
        final EngineDriver leftOut = new EngineDriver(replica);
        final long restingSell = writer.restingOrders(MSFT).get(0).orderId();

        assertThat(leftOut.limit(7, MSFT, 71, Side.BUY, 10_100, 5)).singleElement()
            .isInstanceOfSatisfying(EngineEvent.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.UNKNOWN_INSTRUMENT));
        assertThat(leftOut.replace(2, restingSell, 72, 10_000, 5)).singleElement()
            .isInstanceOfSatisfying(EngineEvent.ReplaceRejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.UNKNOWN_INSTRUMENT));
        assertThat(leftOut.massCancel(2, 73, MSFT)).singleElement()
            .isInstanceOfSatisfying(EngineEvent.CancelRejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.UNKNOWN_INSTRUMENT));
        assertThat(leftOut.endOfDay(MSFT)).singleElement()
            .isInstanceOfSatisfying(EngineEvent.CancelRejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.UNKNOWN_INSTRUMENT));

        assertThat(leftOut.cancel(2, restingSell, 74)).singleElement()
            .isInstanceOf(EngineEvent.Cancelled.class);
        assertThat(orders(replica.booksLeftOut().get(0))).extracting(RestingOrder::orderId)
            .doesNotContain(restingSell);
    }

    @Test
    void shouldHashTheSameStateTheSameWhicheverInstrumentsAreConfiguredWithoutOrders()
    {
        final EngineDriver aaplOnly = new EngineDriver(TestInstruments.aapl());
        final EngineDriver both = new EngineDriver(TestInstruments.aapl(), TestInstruments.msft());
        for (final EngineDriver driver : List.of(aaplOnly, both))
        {
            driver.limit(1, AAPL, 11, Side.BUY, 9_990, 100);
            driver.limit(2, AAPL, 21, Side.SELL, 9_990, 40);
        }

        assertThat(both.engine().stateHash()).isEqualTo(aaplOnly.engine().stateHash());
        // The hash of earlier builds had every configured book in it, empty or not.
        assertThat(both.engine().stateHashWithEmptyBooks()).isNotEqualTo(aaplOnly.engine().stateHashWithEmptyBooks());
    }

    /**
     * MSFT: a sell that rests, one partly filled, one cancelled, one that trades away; AAPL: a resting bid. Each
     * command's events also go to {@code replica}.
     */
    private void writeHistory(final MatchingEngine replica)
    {
        final List<Runnable> commands = List.of(
            () -> writer.limit(1, AAPL, 11, Side.BUY, 9_990, 100),
            () -> writer.limit(2, MSFT, 21, Side.SELL, 10_050, 30),
            () -> writer.limit(2, MSFT, 22, Side.SELL, 10_000, 50),
            () -> writer.limit(3, MSFT, 31, Side.BUY, 10_000, 20),
            () -> writer.limit(2, MSFT, 23, Side.SELL, 10_100, 10),
            () -> writer.cancel(2, 5, 24),
            () -> writer.limit(3, MSFT, 32, Side.BUY, 9_900, 10),
            () -> writer.limit(4, MSFT, 41, Side.SELL, 9_900, 10));
        for (final Runnable command : commands)
        {
            command.run();
            replica.apply(writer.engine().events().buffer(), 0, writer.engine().events().length());
        }
    }

    private static List<RestingOrder> orders(final OrderBook book)
    {
        final List<RestingOrder> orders = new ArrayList<>();
        book.forEachOrder((side, price, orderId, owner, clientOrderId, quantity, leaves) ->
            orders.add(new RestingOrder(side, price, orderId, owner, clientOrderId, quantity, leaves)));
        return orders;
    }
}

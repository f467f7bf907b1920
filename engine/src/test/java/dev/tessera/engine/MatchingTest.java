package dev.tessera.engine;

import dev.tessera.engine.EngineDriver.RestingOrder;
import dev.tessera.engine.EngineEvent.Accepted;
import dev.tessera.engine.EngineEvent.Trade;
import dev.tessera.engine.codec.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tessera.engine.TestInstruments.AAPL;
import static org.assertj.core.api.Assertions.assertThat;

/** Price-time priority, trade price, partial fills and resting, for limit orders. */
class MatchingTest
{
    private static final long ALICE = 1;
    private static final long BOB = 2;
    private static final long CAROL = 3;

    private final EngineDriver driver = new EngineDriver(TestInstruments.aapl());

    @Test
    void shouldRestANonCrossingOrder()
    {
        driver.limit(ALICE, AAPL, 1, Side.BUY, 9_900, 100);
        final List<EngineEvent> events = driver.limit(BOB, AAPL, 2, Side.SELL, 10_000, 100);

        assertThat(events).singleElement().isInstanceOf(Accepted.class);
        assertThat(driver.restingOrders(AAPL)).extracting(RestingOrder::orderId).containsExactly(1L, 2L);
    }

    @Test
    void shouldTradeAtTheRestingOrdersPriceForABuyAggressor()
    {
        driver.limit(ALICE, AAPL, 1, Side.SELL, 10_000, 100);
        final List<EngineEvent> events = driver.limit(BOB, AAPL, 2, Side.BUY, 10_050, 100);

        assertThat(trades(events)).singleElement().satisfies(trade ->
        {
            assertThat(trade.price()).isEqualTo(10_000);
            assertThat(trade.quantity()).isEqualTo(100);
            assertThat(trade.makerOrderId()).isEqualTo(1);
            assertThat(trade.takerOrderId()).isEqualTo(2);
            assertThat(trade.makerOwner()).isEqualTo(ALICE);
            assertThat(trade.takerOwner()).isEqualTo(BOB);
            assertThat(trade.aggressorSide()).isEqualTo(Side.BUY);
            assertThat(trade.makerLeavesQuantity()).isZero();
            assertThat(trade.takerLeavesQuantity()).isZero();
        });
        assertThat(driver.restingOrders(AAPL)).isEmpty();
    }

    @Test
    void shouldTradeAtTheRestingOrdersPriceForASellAggressor()
    {
        driver.limit(ALICE, AAPL, 1, Side.BUY, 10_020, 100);
        final List<EngineEvent> events = driver.limit(BOB, AAPL, 2, Side.SELL, 9_990, 40);

        assertThat(trades(events)).singleElement().satisfies(trade ->
        {
            assertThat(trade.price()).isEqualTo(10_020);
            assertThat(trade.aggressorSide()).isEqualTo(Side.SELL);
            assertThat(trade.makerLeavesQuantity()).isEqualTo(60);
        });
    }

    @Test
    void shouldReportEveryTradeOfASweepLargerThanTheEventBuffersFirstSize()
    {
        final int makers = 2_000; // ~200 KB of trade events: the event buffer starts at 64 KB and must grow
        for (int i = 1; i <= makers; i++)
        {
            driver.limit(ALICE, AAPL, i, Side.SELL, 10_000, 1);
        }

        final List<Trade> trades = trades(driver.limit(BOB, AAPL, makers + 1, Side.BUY, 10_000, makers));

        assertThat(trades).hasSize(makers);
        for (int i = 0; i < makers; i++)
        {
            assertThat(trades.get(i).makerOrderId()).as("trade %d", i).isEqualTo(i + 1);
            assertThat(trades.get(i).takerLeavesQuantity()).isEqualTo(makers - i - 1);
        }
        assertThat(driver.restingOrders(AAPL)).isEmpty();
    }

    @Test
    void shouldFillOlderOrdersFirstAtTheSamePrice()
    {
        driver.limit(ALICE, AAPL, 1, Side.SELL, 10_000, 50);
        driver.limit(BOB, AAPL, 2, Side.SELL, 10_000, 50);
        driver.limit(CAROL, AAPL, 3, Side.SELL, 10_000, 50);

        final List<EngineEvent> events = driver.limit(4, AAPL, 4, Side.BUY, 10_000, 80);

        assertThat(trades(events)).extracting(Trade::makerOrderId, Trade::quantity)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 50L), org.assertj.core.groups.Tuple.tuple(2L, 30L));
        assertThat(driver.restingOrders(AAPL)).extracting(RestingOrder::orderId, RestingOrder::leavesQuantity)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 20L), org.assertj.core.groups.Tuple.tuple(3L, 50L));
    }

    @Test
    void shouldFillBetterPricesFirstWhateverTheirAge()
    {
        driver.limit(ALICE, AAPL, 1, Side.SELL, 10_010, 100);
        driver.limit(BOB, AAPL, 2, Side.SELL, 10_000, 100);
        driver.limit(CAROL, AAPL, 3, Side.SELL, 10_005, 100);

        final List<EngineEvent> events = driver.limit(4, AAPL, 4, Side.BUY, 10_010, 250);

        assertThat(trades(events)).extracting(Trade::price).containsExactly(10_000L, 10_005L, 10_010L);
        assertThat(trades(events)).extracting(Trade::makerOrderId).containsExactly(2L, 3L, 1L);
    }

    @Test
    void shouldStopAtTheLimitPriceAndRestTheRemainder()
    {
        driver.limit(ALICE, AAPL, 1, Side.SELL, 10_000, 100);
        driver.limit(BOB, AAPL, 2, Side.SELL, 10_010, 100);

        final List<EngineEvent> events = driver.limit(CAROL, AAPL, 3, Side.BUY, 10_005, 150);

        assertThat(trades(events)).singleElement().satisfies(trade -> assertThat(trade.quantity()).isEqualTo(100));
        assertThat(events).hasSize(2);
        assertThat(driver.restingOrders(AAPL)).containsExactly(
            new RestingOrder(Side.BUY, 10_005, 3, CAROL, 3, 150, 50),
            new RestingOrder(Side.SELL, 10_010, 2, BOB, 2, 100, 100));
    }

    @Test
    void shouldReportLeavesQuantitiesOfBothSidesOnEveryFill()
    {
        driver.limit(ALICE, AAPL, 1, Side.SELL, 10_000, 30);
        driver.limit(BOB, AAPL, 2, Side.SELL, 10_000, 30);

        final List<EngineEvent> events = driver.limit(CAROL, AAPL, 3, Side.BUY, 10_000, 100);

        assertThat(trades(events)).extracting(Trade::makerLeavesQuantity, Trade::takerLeavesQuantity)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 70L), org.assertj.core.groups.Tuple.tuple(0L, 40L));
    }

    @Test
    void shouldNumberEventsWithoutGapsAcrossCommandsAndInstruments()
    {
        final EngineDriver twoBooks = new EngineDriver(TestInstruments.aapl(), TestInstruments.msft());
        twoBooks.limit(ALICE, AAPL, 1, Side.SELL, 10_000, 100);
        twoBooks.limit(ALICE, TestInstruments.MSFT, 2, Side.SELL, 10_000, 100);
        twoBooks.limit(BOB, AAPL, 3, Side.BUY, 10_000, 100);
        twoBooks.limit(BOB, 99, 4, Side.BUY, 10_000, 100);

        assertThat(twoBooks.history()).extracting(EngineEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(twoBooks.engine().lastEventSequence()).isEqualTo(5);
    }

    @Test
    void shouldStampEveryEventWithItsCommandsTimestamp()
    {
        driver.limit(ALICE, AAPL, 1, Side.SELL, 10_000, 100);
        final List<EngineEvent> events = driver.limit(BOB, AAPL, 2, Side.BUY, 10_000, 100);

        assertThat(events).extracting(EngineEvent::timestamp).containsOnly(driver.timestampOf(2));
    }

    static List<Trade> trades(final List<EngineEvent> events)
    {
        return events.stream().filter(Trade.class::isInstance).map(Trade.class::cast).toList();
    }
}

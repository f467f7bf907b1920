package dev.tessera.engine;

import dev.tessera.engine.EngineEvent.Accepted;
import dev.tessera.engine.EngineEvent.Cancelled;
import dev.tessera.engine.EngineEvent.Trade;
import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tessera.engine.TestInstruments.AAPL;
import static org.assertj.core.api.Assertions.assertThat;

/** Market, IOC, FOK, DAY and GTC behaviour. */
class TimeInForceTest
{
    private static final long MAKER = 1;
    private static final long TAKER = 2;

    private final EngineDriver driver = new EngineDriver(TestInstruments.aapl());

    private void askLadder()
    {
        driver.limit(MAKER, AAPL, 1, Side.SELL, 10_000, 100);
        driver.limit(MAKER, AAPL, 2, Side.SELL, 10_010, 100);
        driver.limit(MAKER, AAPL, 3, Side.SELL, 10_020, 100);
    }

    @Test
    void shouldSweepLevelsWithAMarketOrderAndCancelTheRemainder()
    {
        askLadder();

        final List<EngineEvent> events = driver.market(TAKER, AAPL, 9, Side.BUY, 350);

        assertThat(events.get(0)).isInstanceOf(Accepted.class);
        assertThat(MatchingTest.trades(events)).extracting(Trade::price).containsExactly(10_000L, 10_010L, 10_020L);
        assertThat(events.get(4)).isInstanceOfSatisfying(Cancelled.class, cancelled ->
        {
            assertThat(cancelled.reason()).isEqualTo(CancelReason.NO_LIQUIDITY);
            assertThat(cancelled.cancelledQuantity()).isEqualTo(50);
        });
        assertThat(driver.engine().book(AAPL).levelCount(Side.SELL)).isZero();
        assertThat(driver.engine().book(AAPL).levelCount(Side.BUY)).as("a market order never rests").isZero();
    }

    @Test
    void shouldCancelAMarketOrderThatFindsNoLiquidity()
    {
        final List<EngineEvent> events = driver.market(TAKER, AAPL, 9, Side.SELL, 100);

        assertThat(events).hasSize(2);
        assertThat(events.get(1)).isInstanceOfSatisfying(Cancelled.class, cancelled ->
        {
            assertThat(cancelled.reason()).isEqualTo(CancelReason.NO_LIQUIDITY);
            assertThat(cancelled.cancelledQuantity()).isEqualTo(100);
        });
    }

    @Test
    void shouldNotRestAMarketOrderEvenWithGoodTillCancel()
    {
        final List<EngineEvent> events = driver.newOrder(
            TAKER, AAPL, 9, Side.BUY, OrderType.MARKET, TimeInForce.GTC, false, 0, 100);

        assertThat(events.get(1)).isInstanceOfSatisfying(Cancelled.class,
            cancelled -> assertThat(cancelled.reason()).isEqualTo(CancelReason.NO_LIQUIDITY));
        assertThat(driver.engine().liveOrderCount()).isZero();
    }

    @Test
    void shouldFillWhatItCanAndCancelTheRestOfAnIoc()
    {
        askLadder();

        final List<EngineEvent> events = driver.newOrder(
            TAKER, AAPL, 9, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, false, 10_010, 250);

        assertThat(MatchingTest.trades(events)).extracting(Trade::quantity).containsExactly(100L, 100L);
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(Cancelled.class, cancelled ->
        {
            assertThat(cancelled.reason()).isEqualTo(CancelReason.IOC_REMAINDER);
            assertThat(cancelled.cancelledQuantity()).isEqualTo(50);
        });
        assertThat(driver.engine().book(AAPL).levelCount(Side.BUY)).isZero();
    }

    @Test
    void shouldNotCancelAnythingForAFullyFilledIoc()
    {
        askLadder();

        final List<EngineEvent> events = driver.newOrder(
            TAKER, AAPL, 9, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, false, 10_000, 100);

        assertThat(events).hasSize(2).last().isInstanceOf(Trade.class);
    }

    @Test
    void shouldFillAFokCompletelyAcrossLevels()
    {
        askLadder();

        final List<EngineEvent> events = driver.newOrder(
            TAKER, AAPL, 9, Side.BUY, OrderType.LIMIT, TimeInForce.FOK, false, 10_020, 300);

        assertThat(MatchingTest.trades(events)).hasSize(3);
        assertThat(events).noneMatch(Cancelled.class::isInstance);
    }

    @Test
    void shouldKillAFokThatCannotFillBeforeAnyTrade()
    {
        askLadder();
        final List<EngineDriver.RestingOrder> bookBefore = driver.restingOrders(AAPL);

        final List<EngineEvent> events = driver.newOrder(
            TAKER, AAPL, 9, Side.BUY, OrderType.LIMIT, TimeInForce.FOK, false, 10_010, 201);

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOf(Accepted.class);
        assertThat(events.get(1)).isInstanceOfSatisfying(Cancelled.class, cancelled ->
        {
            assertThat(cancelled.reason()).isEqualTo(CancelReason.FOK_NOT_FILLABLE);
            assertThat(cancelled.cancelledQuantity()).isEqualTo(201);
        });
        assertThat(driver.restingOrders(AAPL)).as("no level was touched").isEqualTo(bookBefore);
    }

    @Test
    void shouldKillAMarketFokThatTheWholeBookCannotFill()
    {
        askLadder();

        final List<EngineEvent> events = driver.newOrder(
            TAKER, AAPL, 9, Side.BUY, OrderType.MARKET, TimeInForce.FOK, false, 0, 301);

        assertThat(events).extracting(Object::getClass).containsExactly(Accepted.class, Cancelled.class);
        assertThat(((Cancelled)events.get(1)).reason()).isEqualTo(CancelReason.FOK_NOT_FILLABLE);
    }

    @Test
    void shouldRestDayAndGtcRemainders()
    {
        driver.newOrder(TAKER, AAPL, 1, Side.BUY, OrderType.LIMIT, TimeInForce.DAY, false, 9_000, 100);
        driver.newOrder(TAKER, AAPL, 2, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 9_000, 100);

        assertThat(driver.restingOrders(AAPL)).hasSize(2);
    }
}

package dev.tessera.engine;

import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.EngineDriver.RestingOrder;
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
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Book for every mode: ALICE sells 100 @ 100.00 (order 1), then SELF sells 100 @ 100.00 (order 2),
 * then ALICE sells 100 @ 100.10 (order 3). SELF then buys 250 @ 100.10 (order 4).
 */
class SelfTradePreventionTest
{
    private static final long ALICE = 1;
    private static final long SELF = 2;

    private EngineDriver bookWith(final SelfTradePrevention mode)
    {
        final EngineDriver driver = new EngineDriver(TestInstruments.instrument(AAPL, mode));
        driver.limit(ALICE, AAPL, 1, Side.SELL, 10_000, 100);
        driver.limit(SELF, AAPL, 2, Side.SELL, 10_000, 100);
        driver.limit(ALICE, AAPL, 3, Side.SELL, 10_010, 100);
        return driver;
    }

    @Test
    void shouldLetAnOwnerTradeWithItselfWhenOff()
    {
        final EngineDriver driver = bookWith(SelfTradePrevention.NONE);

        final List<EngineEvent> events = driver.limit(SELF, AAPL, 4, Side.BUY, 10_010, 250);

        assertThat(MatchingTest.trades(events)).extracting(Trade::makerOrderId, Trade::quantity)
            .containsExactly(tuple(1L, 100L), tuple(2L, 100L), tuple(3L, 50L));
    }

    @Test
    void shouldCancelTheRestingOrderAndContinueMatching()
    {
        final EngineDriver driver = bookWith(SelfTradePrevention.CANCEL_RESTING);

        final List<EngineEvent> events = driver.limit(SELF, AAPL, 4, Side.BUY, 10_010, 250);

        assertThat(events).extracting(Object::getClass)
            .containsExactly(Accepted.class, Trade.class, Cancelled.class, Trade.class);
        assertThat((Cancelled)events.get(2)).satisfies(cancelled ->
        {
            assertThat(cancelled.orderId()).isEqualTo(2);
            assertThat(cancelled.reason()).isEqualTo(CancelReason.SELF_TRADE_PREVENTION);
            assertThat(cancelled.cancelledQuantity()).isEqualTo(100);
        });
        assertThat(driver.restingOrders(AAPL)).containsExactly(new RestingOrder(Side.BUY, 10_010, 4, SELF, 4, 250, 50));
    }

    @Test
    void shouldCancelTheIncomingRemainderAndLeaveTheRestingOrder()
    {
        final EngineDriver driver = bookWith(SelfTradePrevention.CANCEL_INCOMING);

        final List<EngineEvent> events = driver.limit(SELF, AAPL, 4, Side.BUY, 10_010, 250);

        assertThat(events).extracting(Object::getClass).containsExactly(Accepted.class, Trade.class, Cancelled.class);
        assertThat((Cancelled)events.get(2)).satisfies(cancelled ->
        {
            assertThat(cancelled.orderId()).isEqualTo(4);
            assertThat(cancelled.reason()).isEqualTo(CancelReason.SELF_TRADE_PREVENTION);
            assertThat(cancelled.cancelledQuantity()).isEqualTo(150);
        });
        assertThat(driver.restingOrders(AAPL)).extracting(RestingOrder::orderId).containsExactly(2L, 3L);
    }

    @Test
    void shouldCancelBothTheRestingOrderAndTheIncomingRemainder()
    {
        final EngineDriver driver = bookWith(SelfTradePrevention.CANCEL_BOTH);

        final List<EngineEvent> events = driver.limit(SELF, AAPL, 4, Side.BUY, 10_010, 250);

        assertThat(events).extracting(Object::getClass)
            .containsExactly(Accepted.class, Trade.class, Cancelled.class, Cancelled.class);
        assertThat(events.subList(2, 4)).extracting(e -> ((Cancelled)e).orderId(), e -> ((Cancelled)e).reason())
            .containsExactly(tuple(2L, CancelReason.SELF_TRADE_PREVENTION), tuple(4L, CancelReason.SELF_TRADE_PREVENTION));
        assertThat(driver.restingOrders(AAPL)).extracting(RestingOrder::orderId).containsExactly(3L);
    }

    @Test
    void shouldCountSelfTradePreventionWhenDecidingAFok()
    {
        // Without the own order 2 there are 200 available up to 100.10, but CANCEL_INCOMING stops at order 2.
        final EngineDriver incoming = bookWith(SelfTradePrevention.CANCEL_INCOMING);
        final List<EngineEvent> killed = incoming.newOrder(
            SELF, AAPL, 4, Side.BUY, OrderType.LIMIT, TimeInForce.FOK, false, 10_010, 200);
        assertThat(killed).extracting(Object::getClass).containsExactly(Accepted.class, Cancelled.class);
        assertThat(((Cancelled)killed.get(1)).reason()).isEqualTo(CancelReason.FOK_NOT_FILLABLE);

        // CANCEL_RESTING skips the own order, so 200 are fillable.
        final EngineDriver resting = bookWith(SelfTradePrevention.CANCEL_RESTING);
        final List<EngineEvent> filled = resting.newOrder(
            SELF, AAPL, 4, Side.BUY, OrderType.LIMIT, TimeInForce.FOK, false, 10_010, 200);
        assertThat(MatchingTest.trades(filled)).extracting(Trade::quantity).containsExactly(100L, 100L);
    }

    @Test
    void shouldNotApplyToDifferentOwners()
    {
        final EngineDriver driver = bookWith(SelfTradePrevention.CANCEL_BOTH);

        final List<EngineEvent> events = driver.limit(3, AAPL, 4, Side.BUY, 10_010, 300);

        assertThat(MatchingTest.trades(events)).hasSize(3);
    }
}

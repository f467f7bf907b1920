package dev.tessera.engine;

import dev.tessera.engine.EngineEvent.Accepted;
import dev.tessera.engine.EngineEvent.Rejected;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.RejectReason;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every reject reason of a new order, on an instrument with tick 5, lot 10, quantity 10..1000, band 9000..11000. */
class NewOrderValidationTest
{
    private static final int STRICT = 7;
    private static final long OWNER = 1;

    private final EngineDriver driver = new EngineDriver(TestInstruments.strict(STRICT));

    @Test
    void shouldAcceptAnOrderThatMeetsEveryRule()
    {
        final List<EngineEvent> events = driver.limit(OWNER, STRICT, 1, Side.BUY, 10_000, 100);

        assertThat(events).singleElement().isInstanceOfSatisfying(Accepted.class, accepted ->
        {
            assertThat(accepted.orderId()).isEqualTo(1);
            assertThat(accepted.price()).isEqualTo(10_000);
            assertThat(accepted.quantity()).isEqualTo(100);
        });
    }

    @Test
    void shouldRejectUnknownInstrument()
    {
        assertRejected(driver.limit(OWNER, 99, 1, Side.BUY, 10_000, 100), RejectReason.UNKNOWN_INSTRUMENT);
    }

    @Test
    void shouldRejectZeroAndNegativeQuantity()
    {
        assertRejected(driver.limit(OWNER, STRICT, 1, Side.BUY, 10_000, 0), RejectReason.INVALID_QUANTITY);
        assertRejected(driver.limit(OWNER, STRICT, 2, Side.BUY, 10_000, -10), RejectReason.INVALID_QUANTITY);
    }

    @Test
    void shouldRejectQuantityOffLot()
    {
        assertRejected(driver.limit(OWNER, STRICT, 1, Side.BUY, 10_000, 105), RejectReason.QUANTITY_NOT_MULTIPLE_OF_LOT);
    }

    @Test
    void shouldRejectQuantityAboveMaximumAndAcceptTheMaximum()
    {
        assertRejected(driver.limit(OWNER, STRICT, 1, Side.BUY, 10_000, 1010), RejectReason.QUANTITY_ABOVE_MAXIMUM);
        assertThat(driver.limit(OWNER, STRICT, 2, Side.BUY, 10_000, 1000)).singleElement().isInstanceOf(Accepted.class);
    }

    @Test
    void shouldRejectQuantityBelowMinimum()
    {
        final EngineDriver lotOfOne = new EngineDriver(new dev.tessera.config.InstrumentConfig(
            "MIN", 3, 2, 1, 1, 50, 1000, 10_000, 0, dev.tessera.config.SelfTradePrevention.NONE));
        assertRejected(lotOfOne.limit(OWNER, 3, 1, Side.BUY, 10_000, 49), RejectReason.QUANTITY_BELOW_MINIMUM);
        assertThat(lotOfOne.limit(OWNER, 3, 2, Side.BUY, 10_000, 50)).singleElement().isInstanceOf(Accepted.class);
    }

    @Test
    void shouldRejectNonPositiveLimitPrice()
    {
        assertRejected(driver.limit(OWNER, STRICT, 1, Side.BUY, 0, 100), RejectReason.INVALID_PRICE);
        assertRejected(driver.limit(OWNER, STRICT, 2, Side.BUY, -5, 100), RejectReason.INVALID_PRICE);
    }

    @Test
    void shouldRejectPriceOffTickWithoutRounding()
    {
        assertRejected(driver.limit(OWNER, STRICT, 1, Side.BUY, 10_003, 100), RejectReason.PRICE_NOT_ON_TICK);
        assertThat(driver.engine().book(STRICT).levelCount(Side.BUY)).isZero();
    }

    @Test
    void shouldRejectPriceOutsideBandAndAcceptItsEdges()
    {
        assertRejected(driver.limit(OWNER, STRICT, 1, Side.BUY, 8_995, 100), RejectReason.PRICE_OUTSIDE_BAND);
        assertRejected(driver.limit(OWNER, STRICT, 2, Side.SELL, 11_005, 100), RejectReason.PRICE_OUTSIDE_BAND);
        assertThat(driver.limit(OWNER, STRICT, 3, Side.BUY, 9_000, 100)).singleElement().isInstanceOf(Accepted.class);
        assertThat(driver.limit(OWNER, STRICT, 4, Side.SELL, 11_000, 100)).singleElement().isInstanceOf(Accepted.class);
    }

    @Test
    void shouldAdmitWithoutABandOnlyPricesWhoseNotionalAtTheLargestOrderFitsALong()
    {
        // priceScale 8, maxQuantity 10^9: a price above 92.23372036 at that size would overflow AvgPx's notional.
        final EngineDriver noBand = new EngineDriver(new dev.tessera.config.InstrumentConfig(
            "BIG", 4, 8, 1, 1, 1, 1_000_000_000, 100_000_000, 0, dev.tessera.config.SelfTradePrevention.NONE));
        final long highest = Long.MAX_VALUE / 1_000_000_000;
        assertThat(highest).isEqualTo(9_223_372_036L);

        assertRejected(noBand.limit(OWNER, 4, 1, Side.SELL, highest + 1, 1), RejectReason.PRICE_OUTSIDE_BAND);
        assertThat(noBand.limit(OWNER, 4, 2, Side.SELL, highest, 1_000_000_000)).singleElement().isInstanceOf(Accepted.class);
        final List<EngineEvent> events = noBand.limit(2, 4, 3, Side.BUY, highest, 1_000_000_000);
        assertThat(events.get(1)).isInstanceOfSatisfying(EngineEvent.Trade.class, trade ->
            assertThat(Math.multiplyExact(trade.price(), trade.quantity())).as("the notional fits")
                .isEqualTo(highest * 1_000_000_000));
    }

    @Test
    void shouldNotCheckPriceOfMarketOrders()
    {
        driver.limit(2, STRICT, 1, Side.SELL, 10_000, 100);
        final List<EngineEvent> events = driver.newOrder(
            OWNER, STRICT, 1, Side.BUY, OrderType.MARKET, TimeInForce.IOC, false, 3, 100);
        assertThat(events.get(0)).isInstanceOfSatisfying(Accepted.class, accepted -> assertThat(accepted.price()).isZero());
        assertThat(events.get(1)).isInstanceOf(EngineEvent.Trade.class);
    }

    @Test
    void shouldRejectDuplicateClientOrderIdOfALiveOrderOfTheSameOwner()
    {
        driver.limit(OWNER, STRICT, 42, Side.BUY, 10_000, 100);

        assertRejected(driver.limit(OWNER, STRICT, 42, Side.SELL, 10_500, 100), RejectReason.DUPLICATE_CLIENT_ORDER_ID);
        assertThat(driver.limit(2, STRICT, 42, Side.SELL, 10_500, 100))
            .as("another owner may use the same id").singleElement().isInstanceOf(Accepted.class);
    }

    @Test
    void shouldAllowReusingTheClientOrderIdOfAFinishedOrder()
    {
        driver.limit(OWNER, STRICT, 42, Side.BUY, 10_000, 100);
        driver.cancelByClientOrderId(OWNER, 42, 43);

        assertThat(driver.limit(OWNER, STRICT, 42, Side.BUY, 10_000, 100)).singleElement().isInstanceOf(Accepted.class);
    }

    @Test
    void shouldRejectPostOnlyOnMarketIocAndFok()
    {
        assertRejected(driver.newOrder(OWNER, STRICT, 1, Side.BUY, OrderType.MARKET, TimeInForce.DAY, true, 0, 100),
            RejectReason.INVALID_ORDER_ATTRIBUTES);
        assertRejected(driver.newOrder(OWNER, STRICT, 2, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, true, 10_000, 100),
            RejectReason.INVALID_ORDER_ATTRIBUTES);
        assertRejected(driver.newOrder(OWNER, STRICT, 3, Side.BUY, OrderType.LIMIT, TimeInForce.FOK, true, 10_000, 100),
            RejectReason.INVALID_ORDER_ATTRIBUTES);
    }

    @Test
    void shouldRejectUnknownEnumValuesInsteadOfThrowing()
    {
        assertRejected(driver.newOrder(OWNER, STRICT, 1, Side.NULL_VAL, OrderType.LIMIT, TimeInForce.GTC, false, 10_000, 100),
            RejectReason.INVALID_ORDER_ATTRIBUTES);
        assertRejected(driver.newOrder(OWNER, STRICT, 2, Side.BUY, OrderType.NULL_VAL, TimeInForce.GTC, false, 10_000, 100),
            RejectReason.INVALID_ORDER_ATTRIBUTES);
        assertRejected(driver.newOrder(OWNER, STRICT, 3, Side.BUY, OrderType.LIMIT, TimeInForce.NULL_VAL, false, 10_000, 100),
            RejectReason.INVALID_ORDER_ATTRIBUTES);
    }

    @Test
    void shouldApplyTheDocumentedOrderWhenSeveralRulesAreBroken()
    {
        // Off lot AND off tick AND outside the band: the quantity rule comes first.
        assertRejected(driver.limit(OWNER, STRICT, 1, Side.BUY, 20_003, 105), RejectReason.QUANTITY_NOT_MULTIPLE_OF_LOT);
        // Off tick AND outside the band: tick comes first.
        assertRejected(driver.limit(OWNER, STRICT, 2, Side.BUY, 20_003, 100), RejectReason.PRICE_NOT_ON_TICK);
    }

    @Test
    void shouldNotConsumeAnOrderIdForARejectButShouldConsumeAnEventSequence()
    {
        driver.limit(OWNER, STRICT, 1, Side.BUY, 10_003, 100);
        final List<EngineEvent> events = driver.limit(OWNER, STRICT, 2, Side.BUY, 10_000, 100);

        assertThat(events).singleElement().isInstanceOfSatisfying(Accepted.class, accepted ->
        {
            assertThat(accepted.orderId()).isEqualTo(1);
            assertThat(accepted.sequence()).isEqualTo(2);
        });
    }

    @Test
    void shouldEchoTheRejectedOrderInTheEvent()
    {
        final List<EngineEvent> events = driver.limit(OWNER, STRICT, 77, Side.SELL, 10_003, 100);

        assertThat(events).containsExactly(new Rejected(
            1, driver.timestampOf(1), OWNER, 77, STRICT, Side.SELL, 10_003, 100, RejectReason.PRICE_NOT_ON_TICK));
    }

    private static void assertRejected(final List<EngineEvent> events, final RejectReason reason)
    {
        assertThat(events).singleElement().isInstanceOfSatisfying(Rejected.class,
            rejected -> assertThat(rejected.reason()).isEqualTo(reason));
    }
}

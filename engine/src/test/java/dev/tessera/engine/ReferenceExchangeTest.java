package dev.tessera.engine;

import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.ReferenceExchange.Cancel;
import dev.tessera.engine.ReferenceExchange.Command;
import dev.tessera.engine.ReferenceExchange.MassCancel;
import dev.tessera.engine.ReferenceExchange.NewOrder;
import dev.tessera.engine.ReferenceExchange.Replace;
import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.RejectReason;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tessera.engine.ReferenceExchange.UNCHANGED;
import static org.assertj.core.api.Assertions.assertThat;

/** Worked examples of the spec, run on the model alone: the model is only useful if it is right. */
class ReferenceExchangeTest
{
    private static final int ID = TestInstruments.AAPL;
    private static final int OTHER_ID = TestInstruments.MSFT;
    private static final long T = 1_000;

    private long commandCount;

    @Test
    void shouldTradeAtTheMakersPriceAndRestTheRemainder()
    {
        final ReferenceExchange model = model(SelfTradePrevention.NONE);
        run(model, limit(1, 11, Side.SELL, 10_000, 100));

        final List<EngineEvent> events = run(model, limit(2, 21, Side.BUY, 10_010, 150));

        assertThat(events).containsExactly(
            new EngineEvent.Accepted(
                2, 2 * T, 2, 2, 21, ID, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 10_010, 150),
            new EngineEvent.Trade(3, 2 * T, ID, 1, 1, 11, 2, 2, 21, 10_000, 100, 0, 50, Side.BUY));
        assertThat(model.restingOrders(ID)).containsExactly(
            new EngineDriver.RestingOrder(Side.BUY, 10_010, 2, 2, 21, 150, 50));
    }

    @Test
    void shouldFillFokPastOwnOrdersUnderCancelResting()
    {
        final ReferenceExchange model = model(SelfTradePrevention.CANCEL_RESTING);
        run(model, limit(1, 11, Side.SELL, 10_000, 100));
        run(model, limit(2, 21, Side.SELL, 10_000, 100));

        final List<EngineEvent> events = run(model, fok(1, 12, Side.BUY, 10_000, 100));

        // The own order is skipped when counting, then cancelled by matching, which continues.
        assertThat(events).hasSize(3);
        assertThat(events.get(1)).isEqualTo(new EngineEvent.Cancelled(
            4, 3 * T, 1, 1, 11, 11, ID, Side.SELL, 100, CancelReason.SELF_TRADE_PREVENTION));
        assertThat(events.get(2)).isEqualTo(
            new EngineEvent.Trade(5, 3 * T, ID, 2, 2, 21, 3, 1, 12, 10_000, 100, 0, 0, Side.BUY));
        assertThat(model.restingOrders(ID)).isEmpty();
    }

    @Test
    void shouldNotFillFokWhenTheCountStopsAtAnOwnOrderUnderCancelBoth()
    {
        final ReferenceExchange model = model(SelfTradePrevention.CANCEL_BOTH);
        run(model, limit(2, 21, Side.SELL, 10_000, 50));
        run(model, limit(1, 11, Side.SELL, 10_000, 100));
        run(model, limit(2, 22, Side.SELL, 10_000, 100));

        final List<EngineEvent> events = run(model, fok(1, 12, Side.BUY, 10_000, 100));

        // Only 50 counts before the own order; nothing trades and nothing is cancelled but the FOK itself.
        assertThat(events).hasSize(2);
        assertThat(events.get(1)).isEqualTo(new EngineEvent.Cancelled(
            5, 4 * T, 4, 1, 12, 12, ID, Side.BUY, 100, CancelReason.FOK_NOT_FILLABLE));
        assertThat(model.restingOrders(ID)).hasSize(3);
    }

    @Test
    void shouldKeepPriorityOnlyForTheSamePriceAndNoLargerQuantity()
    {
        final ReferenceExchange model = model(SelfTradePrevention.NONE);
        run(model, limit(1, 11, Side.BUY, 10_000, 100));
        run(model, limit(2, 21, Side.BUY, 10_000, 100));

        final List<EngineEvent> smaller = run(model, new Replace(1, 1, 0, 12, UNCHANGED, 80));
        assertThat(smaller).containsExactly(
            new EngineEvent.Replaced(3, 3 * T, 1, 1, 12, 11, ID, Side.BUY, 10_000, 80, 80, true));
        assertThat(model.restingOrders(ID)).extracting(EngineDriver.RestingOrder::orderId).containsExactly(1L, 2L);

        final List<EngineEvent> larger = run(model, new Replace(1, 0, 12, 13, UNCHANGED, 90));
        assertThat(larger).containsExactly(
            new EngineEvent.Replaced(4, 4 * T, 1, 1, 13, 12, ID, Side.BUY, 10_000, 90, 90, false));
        assertThat(model.restingOrders(ID)).extracting(EngineDriver.RestingOrder::orderId).containsExactly(2L, 1L);
    }

    @Test
    void shouldCancelTheLeavesWhenReplacedAtOrBelowTheFilledQuantity()
    {
        final ReferenceExchange model = model(SelfTradePrevention.NONE);
        run(model, limit(1, 11, Side.SELL, 10_000, 100));
        run(model, order(2, 21, Side.BUY, OrderType.MARKET, TimeInForce.IOC, 0, 60));

        final List<EngineEvent> events = run(model, new Replace(1, 1, 0, 12, UNCHANGED, 60));

        assertThat(events).containsExactly(new EngineEvent.Cancelled(
            4, 3 * T, 1, 1, 11, 12, ID, Side.SELL, 40, CancelReason.REPLACED_TO_FILLED));
        assertThat(model.restingOrders(ID)).isEmpty();
    }

    @Test
    void shouldMassCancelInTheOrderOrdersLastEnteredTheBook()
    {
        final ReferenceExchange model = new ReferenceExchange(List.of(
            TestInstruments.instrument(ID, SelfTradePrevention.NONE),
            TestInstruments.instrument(OTHER_ID, SelfTradePrevention.NONE)));
        run(model, limit(1, 11, Side.BUY, 10_000, 100));
        run(model, new NewOrder(1, OTHER_ID, 12, Side.SELL, OrderType.LIMIT, TimeInForce.DAY, 0, 20_000, 10));
        run(model, limit(1, 13, Side.BUY, 9_990, 100));
        // A new price re-enters the book: order 1 is now the newest.
        run(model, new Replace(1, 1, 0, 11, 9_995, UNCHANGED));

        final List<EngineEvent> events = run(model, new MassCancel(1, 99, 0));

        assertThat(events)
            .extracting(event -> event instanceof EngineEvent.Cancelled cancelled ? cancelled.orderId() : -1L)
            .containsExactly(2L, 3L, 1L, -1L);
        assertThat(events.get(3)).isEqualTo(new EngineEvent.MassCancelCompleted(8, 5 * T, 1, 99, 0, 3));
    }

    @Test
    void shouldApplyValidationRulesInTheDocumentedOrder()
    {
        final ReferenceExchange model = model(SelfTradePrevention.NONE);
        run(model, limit(1, 11, Side.BUY, 10_000, 100));

        // Post-only on IOC (rule 5) comes before the duplicate client order id (rule 6).
        final List<EngineEvent> postOnlyIoc = run(model,
            new NewOrder(1, ID, 11, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, 1, 10_000, 100));
        assertThat(postOnlyIoc).containsExactly(new EngineEvent.Rejected(
            2, 2 * T, 1, 11, ID, Side.BUY, 10_000, 100, RejectReason.INVALID_ORDER_ATTRIBUTES));

        // A bad quantity (rule 3) comes before a bad price (rule 4); no order id is consumed by rejects.
        final List<EngineEvent> badBoth = run(model, limit(1, 12, Side.SELL, -5, 0));
        assertThat(badBoth).containsExactly(new EngineEvent.Rejected(
            3, 3 * T, 1, 12, ID, Side.SELL, -5, 0, RejectReason.INVALID_QUANTITY));
        assertThat(run(model, limit(1, 12, Side.SELL, 10_010, 5)).get(0))
            .isInstanceOfSatisfying(
                EngineEvent.Accepted.class, accepted -> assertThat(accepted.orderId()).isEqualTo(2));
    }

    @Test
    void shouldRejectCancelsOfUnknownAndForeignOrders()
    {
        final ReferenceExchange model = model(SelfTradePrevention.NONE);
        run(model, limit(1, 11, Side.BUY, 10_000, 100));

        assertThat(run(model, new Cancel(2, 1, 0, 21))).containsExactly(
            new EngineEvent.CancelRejected(2, 2 * T, 2, 1, 0, 21, RejectReason.NOT_ORDER_OWNER));
        // By client order id the lookup is within the requesting owner only.
        assertThat(run(model, new Cancel(2, 0, 11, 22))).containsExactly(
            new EngineEvent.CancelRejected(3, 3 * T, 2, 0, 11, 22, RejectReason.UNKNOWN_ORDER));
        assertThat(run(model, new MassCancel(2, 23, 77))).containsExactly(
            new EngineEvent.CancelRejected(4, 4 * T, 2, 0, 0, 23, RejectReason.UNKNOWN_INSTRUMENT));
        assertThat(model.restingOrders(ID)).hasSize(1);
    }

    private ReferenceExchange model(final SelfTradePrevention mode)
    {
        return new ReferenceExchange(List.of(TestInstruments.instrument(ID, mode)));
    }

    /** Runs a command stamped with the next timestamp (command n at n * T). */
    private List<EngineEvent> run(final ReferenceExchange model, final Command command)
    {
        return model.apply(++commandCount * T, command);
    }

    private static Command limit(
        final long owner, final long clientOrderId, final Side side, final long price, final long quantity)
    {
        return order(owner, clientOrderId, side, OrderType.LIMIT, TimeInForce.GTC, price, quantity);
    }

    private static Command fok(
        final long owner, final long clientOrderId, final Side side, final long price, final long quantity)
    {
        return order(owner, clientOrderId, side, OrderType.LIMIT, TimeInForce.FOK, price, quantity);
    }

    private static Command order(
        final long owner, final long clientOrderId, final Side side, final OrderType orderType,
        final TimeInForce timeInForce, final long price, final long quantity)
    {
        return new NewOrder(owner, ID, clientOrderId, side, orderType, timeInForce, 0, price, quantity);
    }
}

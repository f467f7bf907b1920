package dev.tessera.engine;

import dev.tessera.engine.codec.BooleanType;
import dev.tessera.engine.codec.CancelRejectedDecoder;
import dev.tessera.engine.codec.EndOfDayCompletedDecoder;
import dev.tessera.engine.codec.MassCancelCompletedDecoder;
import dev.tessera.engine.codec.OrderAcceptedDecoder;
import dev.tessera.engine.codec.OrderCancelledDecoder;
import dev.tessera.engine.codec.OrderRejectedDecoder;
import dev.tessera.engine.codec.OrderReplacedDecoder;
import dev.tessera.engine.codec.ReplaceRejectedDecoder;
import dev.tessera.engine.codec.TradeDecoder;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/** Decodes engine event bytes into {@link EngineEvent} values. */
public final class EventRecorder implements EventListener
{
    private final EventAdapter adapter = new EventAdapter();
    private final List<EngineEvent> events = new ArrayList<>();

    public List<EngineEvent> decode(final DirectBuffer buffer, final int offset, final int length)
    {
        events.clear();
        adapter.read(buffer, offset, length, this);
        return List.copyOf(events);
    }

    public List<EngineEvent> decode(final EventBuffer eventBuffer)
    {
        return decode(eventBuffer.buffer(), 0, eventBuffer.length());
    }

    /** The events handed to this recorder as a listener since the last decode or take, in order; then none. */
    public List<EngineEvent> take()
    {
        final List<EngineEvent> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    @Override
    public void onOrderAccepted(final OrderAcceptedDecoder e)
    {
        events.add(new EngineEvent.Accepted(e.sequence(), e.timestamp(), e.orderId(), e.owner(), e.clientOrderId(),
            e.instrumentId(), e.side(), e.orderType(), e.timeInForce(), e.postOnly() == BooleanType.TRUE, e.price(),
            e.quantity()));
    }

    @Override
    public void onOrderRejected(final OrderRejectedDecoder e)
    {
        events.add(new EngineEvent.Rejected(e.sequence(), e.timestamp(), e.owner(), e.clientOrderId(), e.instrumentId(),
            e.side(), e.price(), e.quantity(), e.reason()));
    }

    @Override
    public void onTrade(final TradeDecoder e)
    {
        events.add(new EngineEvent.Trade(e.sequence(), e.timestamp(), e.instrumentId(), e.makerOrderId(), e.makerOwner(),
            e.makerClientOrderId(), e.takerOrderId(), e.takerOwner(), e.takerClientOrderId(), e.price(), e.quantity(),
            e.makerLeavesQuantity(), e.takerLeavesQuantity(), e.aggressorSide()));
    }

    @Override
    public void onOrderCancelled(final OrderCancelledDecoder e)
    {
        events.add(new EngineEvent.Cancelled(e.sequence(), e.timestamp(), e.orderId(), e.owner(), e.clientOrderId(),
            e.requestClientOrderId(), e.instrumentId(), e.side(), e.cancelledQuantity(), e.reason()));
    }

    @Override
    public void onOrderReplaced(final OrderReplacedDecoder e)
    {
        events.add(new EngineEvent.Replaced(e.sequence(), e.timestamp(), e.orderId(), e.owner(), e.clientOrderId(),
            e.origClientOrderId(), e.instrumentId(), e.side(), e.price(), e.quantity(), e.leavesQuantity(),
            e.priorityKept() == BooleanType.TRUE));
    }

    @Override
    public void onCancelRejected(final CancelRejectedDecoder e)
    {
        events.add(new EngineEvent.CancelRejected(e.sequence(), e.timestamp(), e.owner(), e.orderId(),
            e.origClientOrderId(), e.clientOrderId(), e.reason()));
    }

    @Override
    public void onReplaceRejected(final ReplaceRejectedDecoder e)
    {
        events.add(new EngineEvent.ReplaceRejected(e.sequence(), e.timestamp(), e.owner(), e.orderId(),
            e.origClientOrderId(), e.clientOrderId(), e.reason()));
    }

    @Override
    public void onMassCancelCompleted(final MassCancelCompletedDecoder e)
    {
        events.add(new EngineEvent.MassCancelCompleted(e.sequence(), e.timestamp(), e.owner(), e.clientOrderId(),
            e.instrumentId(), e.cancelledCount()));
    }

    @Override
    public void onEndOfDayCompleted(final EndOfDayCompletedDecoder e)
    {
        events.add(new EngineEvent.EndOfDayCompleted(e.sequence(), e.timestamp(), e.instrumentId(), e.expiredCount()));
    }
}

package dev.tessera.perf;

import dev.tessera.engine.EventListener;
import dev.tessera.engine.codec.BooleanType;
import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.CancelRejectedDecoder;
import dev.tessera.engine.codec.MassCancelCompletedDecoder;
import dev.tessera.engine.codec.OrderAcceptedDecoder;
import dev.tessera.engine.codec.OrderCancelledDecoder;
import dev.tessera.engine.codec.OrderRejectedDecoder;
import dev.tessera.engine.codec.OrderReplacedDecoder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.ReplaceRejectedDecoder;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.engine.codec.TradeDecoder;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Set-up only: what the generator knows about the book, learnt from the events a setup-only engine
 * produced (never from its internals). Live orders are keyed by (owner, clientOrderId), which is how
 * the generated commands address them, so the same ring stays valid whatever engine order ids a
 * replay gets. Also tallies the events of the current command so that the generator can check that
 * every command did exactly what it intended.
 */
final class BookModel implements EventListener
{
    /** A resting order as the events describe it. */
    static final class LiveOrder
    {
        final long owner;
        long clientOrderId;
        final Side side;
        long price;
        long quantity;
        long leaves;
        int slot = -1;

        LiveOrder(final long owner, final long clientOrderId, final Side side, final long price, final long quantity)
        {
            this.owner = owner;
            this.clientOrderId = clientOrderId;
            this.side = side;
            this.price = price;
            this.quantity = quantity;
            this.leaves = quantity;
        }

        long filled()
        {
            return quantity - leaves;
        }
    }

    private final Long2ObjectHashMap<LiveOrder> byKey = new Long2ObjectHashMap<>();
    private final List<LiveOrder> live = new ArrayList<>();
    private final int[] perSide = new int[3];

    // The order the current command brought in (new order, or a replace that lost priority) until it rests.
    private LiveOrder incoming;
    private boolean incomingMayRest;
    private boolean incomingDone;

    // Tally of the current command.
    int accepted;
    int trades;
    int cancelled;
    int replacedKept;
    int replacedLost;
    int massCompleted;
    int massCancelledCount;
    int rejected;
    final int[] cancelledByReason = new int[CancelReason.values().length];
    String firstRejection;

    static long key(final long owner, final long clientOrderId)
    {
        if (owner < 0 || owner >= (1L << 20) || clientOrderId < 0 || clientOrderId >= (1L << 43))
        {
            throw new IllegalArgumentException("owner/clientOrderId out of the model's key range: " + owner + "/" + clientOrderId);
        }
        return (owner << 43) | clientOrderId;
    }

    int size()
    {
        return live.size();
    }

    int size(final Side side)
    {
        return perSide[side.value()];
    }

    LiveOrder get(final long owner, final long clientOrderId)
    {
        return byKey.get(key(owner, clientOrderId));
    }

    boolean isLive(final long owner, final long clientOrderId)
    {
        return byKey.containsKey(key(owner, clientOrderId));
    }

    LiveOrder random(final SplittableRandom random)
    {
        return live.get(random.nextInt(live.size()));
    }

    List<LiveOrder> liveOrders()
    {
        return live;
    }

    /** Starts the tally of a new command. */
    void beginCommand()
    {
        accepted = 0;
        trades = 0;
        cancelled = 0;
        replacedKept = 0;
        replacedLost = 0;
        massCompleted = 0;
        massCancelledCount = 0;
        rejected = 0;
        java.util.Arrays.fill(cancelledByReason, 0);
        firstRejection = null;
        incoming = null;
        incomingMayRest = false;
        incomingDone = false;
    }

    /** Ends the command: an incoming limit GTC/DAY order with leaves left now rests. */
    void endCommand()
    {
        if (incoming != null && !incomingDone && incomingMayRest && incoming.leaves > 0)
        {
            insert(incoming);
        }
        incoming = null;
    }

    int cancelled(final CancelReason reason)
    {
        return cancelledByReason[reason.ordinal()];
    }

    private void insert(final LiveOrder order)
    {
        final LiveOrder previous = byKey.put(key(order.owner, order.clientOrderId), order);
        if (previous != null)
        {
            throw new IllegalStateException("model: two live orders " + order.owner + "/" + order.clientOrderId);
        }
        order.slot = live.size();
        live.add(order);
        perSide[order.side.value()]++;
    }

    private void remove(final LiveOrder order)
    {
        byKey.remove(key(order.owner, order.clientOrderId));
        final LiveOrder last = live.remove(live.size() - 1);
        if (last != order)
        {
            live.set(order.slot, last);
            last.slot = order.slot;
        }
        order.slot = -1;
        perSide[order.side.value()]--;
    }

    private LiveOrder require(final long owner, final long clientOrderId, final String event)
    {
        final LiveOrder order = get(owner, clientOrderId);
        if (order == null)
        {
            throw new IllegalStateException("model: " + event + " for an order the model does not know: " + owner + "/" + clientOrderId);
        }
        return order;
    }

    private boolean isIncoming(final long owner, final long clientOrderId)
    {
        return incoming != null && incoming.owner == owner && incoming.clientOrderId == clientOrderId;
    }

    // ------------------------------------------------------------------ events

    @Override
    public void onOrderAccepted(final OrderAcceptedDecoder event)
    {
        accepted++;
        incoming = new LiveOrder(event.owner(), event.clientOrderId(), event.side(), event.price(), event.quantity());
        final TimeInForce timeInForce = event.timeInForce();
        incomingMayRest = event.orderType() == OrderType.LIMIT && (timeInForce == TimeInForce.GTC || timeInForce == TimeInForce.DAY);
        incomingDone = false;
    }

    @Override
    public void onTrade(final TradeDecoder event)
    {
        trades++;
        final LiveOrder maker = require(event.makerOwner(), event.makerClientOrderId(), "trade");
        maker.leaves = event.makerLeavesQuantity();
        if (maker.leaves == 0)
        {
            remove(maker);
        }
        if (!isIncoming(event.takerOwner(), event.takerClientOrderId()))
        {
            throw new IllegalStateException("model: trade by a taker that is not the incoming order");
        }
        incoming.leaves = event.takerLeavesQuantity();
    }

    @Override
    public void onOrderCancelled(final OrderCancelledDecoder event)
    {
        cancelled++;
        cancelledByReason[event.reason().ordinal()]++;
        if (isIncoming(event.owner(), event.clientOrderId()))
        {
            incomingDone = true;
            return;
        }
        final LiveOrder order = require(event.owner(), event.clientOrderId(), "cancel");
        if (order.leaves != event.cancelledQuantity())
        {
            throw new IllegalStateException("model: cancelled quantity " + event.cancelledQuantity() + " but leaves " + order.leaves);
        }
        remove(order);
    }

    @Override
    public void onOrderReplaced(final OrderReplacedDecoder event)
    {
        final LiveOrder order = require(event.owner(), event.origClientOrderId(), "replace");
        remove(order);
        order.clientOrderId = event.clientOrderId();
        order.price = event.price();
        order.quantity = event.quantity();
        order.leaves = event.leavesQuantity();
        if (event.priorityKept() == BooleanType.TRUE)
        {
            replacedKept++;
            insert(order);
        }
        else
        {
            // Re-enters like a new arrival: may trade, then rests.
            replacedLost++;
            incoming = order;
            incomingMayRest = true;
            incomingDone = false;
        }
    }

    @Override
    public void onMassCancelCompleted(final MassCancelCompletedDecoder event)
    {
        massCompleted++;
        massCancelledCount = event.cancelledCount();
    }

    @Override
    public void onOrderRejected(final OrderRejectedDecoder event)
    {
        rejected(event.toString());
    }

    @Override
    public void onCancelRejected(final CancelRejectedDecoder event)
    {
        rejected(event.toString());
    }

    @Override
    public void onReplaceRejected(final ReplaceRejectedDecoder event)
    {
        rejected(event.toString());
    }

    private void rejected(final String what)
    {
        rejected++;
        if (firstRejection == null)
        {
            firstRejection = what;
        }
    }
}

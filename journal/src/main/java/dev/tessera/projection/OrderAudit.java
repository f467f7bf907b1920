package dev.tessera.projection;

import dev.tessera.engine.codec.BooleanType;
import dev.tessera.engine.codec.CancelRejectedDecoder;
import dev.tessera.engine.codec.OrderAcceptedDecoder;
import dev.tessera.engine.codec.OrderCancelledDecoder;
import dev.tessera.engine.codec.OrderRejectedDecoder;
import dev.tessera.engine.codec.OrderReplacedDecoder;
import dev.tessera.engine.codec.ReplaceRejectedDecoder;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TradeDecoder;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-owner order history: an audit trail of every order's life, built from the events
 * (accepted or rejected, each fill with its counterparty, replaces, cancels with their reason,
 * refused cancel and replace requests). Kept for every owner, or for one.
 */
public final class OrderAudit extends EventProjection
{
    /** Keep every owner's orders. */
    public static final long ALL_OWNERS = 0;

    private final long owner;
    private final Long2ObjectHashMap<Life> byOrderId = new Long2ObjectHashMap<>();
    private final Map<ClientOrder, Life> byClientOrderId = new HashMap<>();
    private final Long2ObjectHashMap<List<Life>> byOwner = new Long2ObjectHashMap<>();

    public OrderAudit()
    {
        this(ALL_OWNERS);
    }

    /** @param owner keep only this owner's orders, or {@link #ALL_OWNERS}. */
    public OrderAudit(final long owner)
    {
        this.owner = owner;
    }

    private record ClientOrder(long owner, long clientOrderId)
    {
    }

    /** An order being followed; its entries grow as events arrive. */
    private static final class Life
    {
        final long orderId;
        final long owner;
        final long clientOrderId;
        final int instrumentId;
        final Side side;
        final long price;
        final long quantity;
        final List<AuditEntry> entries = new ArrayList<>();
        OrderHistory.Status status;

        Life(final long orderId, final long owner, final long clientOrderId, final int instrumentId, final Side side,
            final long price, final long quantity, final OrderHistory.Status status)
        {
            this.orderId = orderId;
            this.owner = owner;
            this.clientOrderId = clientOrderId;
            this.instrumentId = instrumentId;
            this.side = side;
            this.price = price;
            this.quantity = quantity;
            this.status = status;
        }

        OrderHistory history()
        {
            return new OrderHistory(orderId, owner, clientOrderId, instrumentId, side, price, quantity, status,
                List.copyOf(entries));
        }
    }

    private boolean follows(final long orderOwner)
    {
        return owner == ALL_OWNERS || owner == orderOwner;
    }

    private Life start(final Life life)
    {
        byOwner.computeIfAbsent(life.owner, o -> new ArrayList<>()).add(life);
        byClientOrderId.put(new ClientOrder(life.owner, life.clientOrderId), life);
        if (life.orderId != 0)
        {
            byOrderId.put(life.orderId, life);
        }
        return life;
    }

    @Override
    public void onOrderAccepted(final OrderAcceptedDecoder event)
    {
        if (follows(event.owner()))
        {
            start(new Life(event.orderId(), event.owner(), event.clientOrderId(), event.instrumentId(), event.side(),
                event.price(), event.quantity(), OrderHistory.Status.OPEN)).entries.add(new AuditEntry(event.sequence(),
                event.timestamp(), AuditEntry.Kind.ACCEPTED, event.price(), event.quantity(), event.quantity(), 0,
                event.clientOrderId(), event.orderType() + " " + event.timeInForce() +
                    (event.postOnly() == BooleanType.TRUE ? " post-only" : "")));
        }
    }

    @Override
    public void onOrderRejected(final OrderRejectedDecoder event)
    {
        if (follows(event.owner()))
        {
            start(new Life(0, event.owner(), event.clientOrderId(), event.instrumentId(), event.side(), event.price(),
                event.quantity(), OrderHistory.Status.REJECTED)).entries.add(new AuditEntry(event.sequence(),
                event.timestamp(), AuditEntry.Kind.REJECTED, event.price(), event.quantity(), 0, 0, event.clientOrderId(),
                event.reason().name()));
        }
    }

    @Override
    public void onTrade(final TradeDecoder event)
    {
        fill(byOrderId.get(event.makerOrderId()), event, event.quantity(), event.makerLeavesQuantity(),
            event.takerOrderId(), event.makerClientOrderId());
        fill(byOrderId.get(event.takerOrderId()), event, event.quantity(), event.takerLeavesQuantity(),
            event.makerOrderId(), event.takerClientOrderId());
    }

    private static void fill(
        final Life life, final TradeDecoder event, final long quantity, final long leaves, final long counterparty,
        final long clientOrderId)
    {
        if (life != null)
        {
            life.entries.add(new AuditEntry(event.sequence(), event.timestamp(), AuditEntry.Kind.FILL, event.price(),
                quantity, leaves, counterparty, clientOrderId, leaves == 0 ? "filled" : "partly filled"));
            if (leaves == 0)
            {
                life.status = OrderHistory.Status.FILLED;
            }
        }
    }

    @Override
    public void onOrderCancelled(final OrderCancelledDecoder event)
    {
        final Life life = byOrderId.get(event.orderId());
        if (life != null)
        {
            life.entries.add(new AuditEntry(event.sequence(), event.timestamp(), AuditEntry.Kind.CANCELLED, 0,
                event.cancelledQuantity(), 0, 0, event.requestClientOrderId(), event.reason().name()));
            // As FIX reports it: an end-of-day cancel is OrdStatus C (Expired), and a replace to at most the filled
            // quantity is a Replaced with OrdStatus 2 (Filled), not 4 (Canceled): QA 134.
            life.status = switch (event.reason())
            {
                case EXPIRED -> OrderHistory.Status.EXPIRED;
                case REPLACED_TO_FILLED -> OrderHistory.Status.FILLED;
                default -> OrderHistory.Status.CANCELLED;
            };

        }
    }

    @Override
    public void onOrderReplaced(final OrderReplacedDecoder event)
    {
        final Life life = byOrderId.get(event.orderId());
        if (life != null)
        {
            life.entries.add(new AuditEntry(event.sequence(), event.timestamp(), AuditEntry.Kind.REPLACED, event.price(),
                event.quantity(), event.leavesQuantity(), 0, event.clientOrderId(),
                event.priorityKept() == BooleanType.TRUE ? "priority kept" : "priority lost"));
            byClientOrderId.put(new ClientOrder(life.owner, event.clientOrderId()), life);
        }
    }

    @Override
    public void onCancelRejected(final CancelRejectedDecoder event)
    {
        refused(AuditEntry.Kind.CANCEL_REJECTED, event.sequence(), event.timestamp(), event.owner(), event.orderId(),
            event.origClientOrderId(), event.clientOrderId(), event.reason().name());
    }

    @Override
    public void onReplaceRejected(final ReplaceRejectedDecoder event)
    {
        refused(AuditEntry.Kind.REPLACE_REJECTED, event.sequence(), event.timestamp(), event.owner(), event.orderId(),
            event.origClientOrderId(), event.clientOrderId(), event.reason().name());
    }

    /** A refused request joins the life of the order it named (by order id, else by client order id). */
    private void refused(
        final AuditEntry.Kind kind, final long sequence, final long timestamp, final long requestOwner, final long orderId,
        final long origClientOrderId, final long clientOrderId, final String reason)
    {
        if (!follows(requestOwner))
        {
            return;
        }
        Life life = orderId != 0 ? byOrderId.get(orderId) : byClientOrderId.get(new ClientOrder(requestOwner, origClientOrderId));
        if (life == null || life.owner != requestOwner)
        {
            // unknown to the engine, or another owner's order: the requester's trail shows the refusal on its own
            life = new Life(0, requestOwner, origClientOrderId, 0, null, 0, 0, OrderHistory.Status.UNKNOWN);
            byOwner.computeIfAbsent(requestOwner, o -> new ArrayList<>()).add(life);
        }
        life.entries.add(new AuditEntry(sequence, timestamp, kind, 0, 0, 0, 0, clientOrderId, reason));
    }

    /** One owner's orders, in the order they were entered. */
    public synchronized List<OrderHistory> orders(final long orderOwner)
    {
        final List<Life> lives = byOwner.get(orderOwner);
        final List<OrderHistory> histories = new ArrayList<>();
        if (lives != null)
        {
            for (final Life life : lives)
            {
                histories.add(life.history());
            }
        }
        return histories;
    }

    /**
     * Every owner's orders followed (one owner's when built for one): owners in ascending order, each owner's as
     * {@link #orders(long)} gives them.
     */
    public synchronized List<OrderHistory> orders()
    {
        final long[] owners = byOwner.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        final List<OrderHistory> histories = new ArrayList<>();
        for (final long orderOwner : owners)
        {
            histories.addAll(orders(orderOwner));
        }
        return histories;
    }

    /** One order's life by the engine's order id, or null. */
    public synchronized OrderHistory order(final long orderId)
    {
        final Life life = byOrderId.get(orderId);
        return life == null ? null : life.history();
    }

    @Override
    public String name()
    {
        return owner == ALL_OWNERS ? "order audit" : "order audit of owner " + owner;
    }
}

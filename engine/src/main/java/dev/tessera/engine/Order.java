package dev.tessera.engine;

import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;

/**
 * A pooled order. It sits in two intrusive doubly-linked lists at once: the FIFO queue of its
 * price level (price-time priority) and the list of its owner's live orders (mass cancel, kept in
 * rest order lazily, see {@link Owner}), so that removal from both is O(1) and nothing is allocated.
 * It also carries the chain links of the two hash tables of {@link LiveOrders}, which keeps those
 * tables to one small array each.
 */
final class Order
{
    long orderId;
    long owner;
    long clientOrderId;
    long price;
    /** Total quantity: what is filled plus what is left. A replace changes it. */
    long quantity;
    long filled;
    /**
     * Sum of fill price times fill quantity over the order's fills, in the instrument's price units
     * (AvgPx is this over {@link #filled}). Negative when unknown: {@link MatchingEngine#UNKNOWN_FILLED_NOTIONAL}
     * plus the fills since, for an order restored from a snapshot that did not carry it.
     */
    long filledNotional;
    int instrumentId;
    /** The book of {@code instrumentId}: cancel and replace reach it without a map lookup. */
    OrderBook book;
    Side side;
    OrderType orderType;
    TimeInForce timeInForce;
    boolean postOnly;

    PriceLevel level;
    Order previous;
    Order next;

    Order ownerPrevious;
    Order ownerNext;
    /** When it last came to rest, counted across the engine: its place among its owner's orders (see {@link Owner}). */
    long restSequence;

    /** In {@link LiveOrders} (both tables and its owner's list): from when it first rests until it is done. */
    boolean indexed;
    /** The owner's list it is in while indexed, so a resting order never looks its owner up again. */
    Owner ownerState;
    Order idNext;
    Order clientIdNext;
    /** Hash of (owner, clientOrderId) while in the client-id table, so taking it out does not hash again. */
    int clientIdHash;

    long leaves()
    {
        return quantity - filled;
    }

    void init(
        final long orderId,
        final long owner,
        final long clientOrderId,
        final int instrumentId,
        final OrderBook book,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final boolean postOnly,
        final long price,
        final long quantity)
    {
        this.orderId = orderId;
        this.owner = owner;
        this.clientOrderId = clientOrderId;
        this.instrumentId = instrumentId;
        this.book = book;
        this.side = side;
        this.orderType = orderType;
        this.timeInForce = timeInForce;
        this.postOnly = postOnly;
        this.price = price;
        this.quantity = quantity;
        this.filled = 0;
        this.filledNotional = 0;
        this.level = null;
        this.previous = null;
        this.next = null;
        this.ownerPrevious = null;
        this.ownerNext = null;
        this.indexed = false;
        this.ownerState = null;
        this.idNext = null;
        this.clientIdNext = null;
    }
}

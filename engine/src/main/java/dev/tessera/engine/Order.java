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
    private static final Side[] SIDES = Side.values();
    private static final OrderType[] ORDER_TYPES = OrderType.values();
    private static final TimeInForce[] TIMES_IN_FORCE = TimeInForce.values();

    // Field order is layout. HotSpot places an object's longs first, then its ints, then its bytes and
    // booleans, then its references, each group in declaration order. So the last two longs (the
    // client-id key) and the first reference (the client-id chain link) are neighbours, and a walk along
    // a chain of the client-id table, which every new order, replace and cancel makes, reads one cache
    // line per order instead of two. The order-id key and its chain link sit beside them. OrderLayoutTest
    // holds this (and the size) in place; check with JOL (`jol-cli internals`) before moving a field.

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
    /** When it last came to rest, counted across the engine: its place among its owner's orders (see {@link Owner}). */
    long restSequence;
    long orderId;
    long owner;
    long clientOrderId;
    /** Hash of (owner, clientOrderId) while in the client-id table, so taking it out does not hash again. */
    int clientIdHash;
    boolean postOnly;
    // Ordinals, not references: three bytes in the gap before the references, where three references
    // took twelve bytes of their own. With the instrument id read from the book and no separate indexed
    // flag, the order is 120 bytes, not 136: two cache lines for some orders, where every order took three.
    private byte side;
    private byte orderType;
    private byte timeInForce;

    Order clientIdNext;
    Order idNext;
    /** The book of the order's instrument: cancel and replace reach it without a map lookup. */
    OrderBook book;

    PriceLevel level;
    Order previous;
    Order next;

    Order ownerPrevious;
    Order ownerNext;
    /**
     * The owner's list it is in while it is in {@link LiveOrders} (both tables and that list): from when it
     * first rests until it is done; null otherwise. A resting order never looks its owner up again.
     */
    Owner ownerState;

    /** In {@link LiveOrders}: a replace leaves a resting order there while it runs again. */
    boolean indexed()
    {
        return ownerState != null;
    }

    int instrumentId()
    {
        return book.instrumentId();
    }

    Side side()
    {
        return SIDES[side];
    }

    OrderType orderType()
    {
        return ORDER_TYPES[orderType];
    }

    TimeInForce timeInForce()
    {
        return TIMES_IN_FORCE[timeInForce];
    }

    long leaves()
    {
        return quantity - filled;
    }

    void init(
        final long orderId,
        final long owner,
        final long clientOrderId,
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
        this.book = book;
        this.side = (byte)side.ordinal();
        this.orderType = (byte)orderType.ordinal();
        this.timeInForce = (byte)timeInForce.ordinal();
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
        this.ownerState = null;
        this.idNext = null;
        this.clientIdNext = null;
    }
}

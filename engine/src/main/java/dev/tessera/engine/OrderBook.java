package dev.tessera.engine;

import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;

/**
 * The order book of one instrument and its matching rules: price-time priority, trades at the
 * resting order's price, market/IOC/FOK remainders, self-trade prevention and replace priority.
 * Commands reach it already validated by {@link MatchingEngine}; everything it decides becomes an
 * event in the {@link EventBuffer}. Its public methods are read-only views (L1, L2, L3, hash).
 */
public final class OrderBook
{
    /** Price reported for an empty side. */
    public static final long NO_PRICE = Long.MIN_VALUE;

    private final Instrument instrument;
    /** The instrument's id, one load from an order's book (events carry it). */
    private final int instrumentId;
    private final BookSide bids;
    private final BookSide asks;
    private final LiveOrders liveOrders;
    private final EventBuffer events;
    private final Pool<Order> orderPool;

    OrderBook(
        final Instrument instrument,
        final Pool<PriceLevel> levelPool,
        final Pool<Order> orderPool,
        final LiveOrders liveOrders,
        final EventBuffer events)
    {
        this.instrument = instrument;
        this.instrumentId = instrument.id();
        this.bids = new BookSide(Side.BUY, levelPool);
        this.asks = new BookSide(Side.SELL, levelPool);
        this.orderPool = orderPool;
        this.liveOrders = liveOrders;
        this.events = events;
    }

    // ------------------------------------------------------------------ matching

    /** True when a limit order at this price would trade on arrival (a post-only order must not). */
    boolean wouldTake(final Side side, final long price)
    {
        final PriceLevel best = opposite(side).best();
        return best != null && own(side).isAtOrBetter(price, best.price);
    }

    /**
     * Runs an order that is not in the book against it: FOK decided before any trade, then
     * matching, then the remainder rests (GTC/DAY limit) or is cancelled with its reason. The order
     * is new, or one that lost priority in a replace and is still in the live-order indexes.
     */
    void execute(final Order taker)
    {
        final BookSide opposite = opposite(taker.side());
        if (taker.timeInForce() == TimeInForce.FOK && !canFill(taker, opposite))
        {
            finish(taker, CancelReason.FOK_NOT_FILLABLE);
            return;
        }

        final boolean stoppedBySelfTrade = match(taker, opposite);
        if (taker.leaves() == 0)
        {
            retire(taker);
        }
        else if (stoppedBySelfTrade)
        {
            finish(taker, CancelReason.SELF_TRADE_PREVENTION);
        }
        else if (taker.orderType() == OrderType.MARKET)
        {
            finish(taker, CancelReason.NO_LIQUIDITY);
        }
        else if (taker.timeInForce() == TimeInForce.IOC)
        {
            finish(taker, CancelReason.IOC_REMAINDER);
        }
        else
        {
            own(taker.side()).add(taker);
            if (taker.indexed())
            {
                liveOrders.moveToBack(taker);
            }
            else
            {
                liveOrders.add(taker);
            }
        }
    }

    /** Cancels a resting order and returns it to the pool. */
    void cancel(final Order order, final long requestClientOrderId, final CancelReason reason)
    {
        events.orderCancelled(order, requestClientOrderId, reason);
        own(order.side()).remove(order);
        liveOrders.remove(order);
        orderPool.release(order);
    }

    /**
     * Cancels every resting DAY order with reason EXPIRED, in L3 order: bids best to worst, then asks
     * best to worst, oldest first within a level.
     *
     * @return the number of orders expired.
     */
    int expireDayOrders()
    {
        return expireDayOrders(bids) + expireDayOrders(asks);
    }

    private int expireDayOrders(final BookSide side)
    {
        int expired = 0;
        int depth = 0;
        while (depth < side.levelCount())
        {
            final int levelsBefore = side.levelCount();
            Order order = side.level(depth).head;
            while (order != null)
            {
                final Order next = order.next;
                if (order.timeInForce() == TimeInForce.DAY)
                {
                    cancel(order, order.clientOrderId, CancelReason.EXPIRED);
                    expired++;
                }
                order = next;
            }
            // An emptied level left the side: the next worse level is now at the same depth.
            if (side.levelCount() == levelsBefore)
            {
                depth++;
            }
        }
        return expired;
    }

    /**
     * Replace as venues do it: a smaller quantity at the same price keeps time priority; a new price
     * or a larger quantity loses it and the order re-enters as if new, trading at once if it crosses;
     * a total at or below what is already filled cancels the rest.
     */
    void replace(final Order order, final long clientOrderId, final long price, final long quantity)
    {
        final long origClientOrderId = order.clientOrderId;
        if (quantity <= order.filled)
        {
            cancel(order, clientOrderId, CancelReason.REPLACED_TO_FILLED);
        }
        else if (price == order.price && quantity <= order.quantity)
        {
            order.level.totalQuantity -= order.quantity - quantity;
            order.quantity = quantity;
            liveOrders.changeClientOrderId(order, clientOrderId);
            events.orderReplaced(order, origClientOrderId, true);
        }
        else
        {
            // It stays in the live-order indexes (same order id) while it runs again: taking it out and
            // putting it back was most of the cost of a price move. execute() moves it to the end of its
            // owner's list if it rests, or takes it out if it is done.
            own(order.side()).remove(order);
            liveOrders.changeClientOrderId(order, clientOrderId);
            order.price = price;
            order.quantity = quantity;
            events.orderReplaced(order, origClientOrderId, false);
            execute(order);
        }
    }

    private void finish(final Order order, final CancelReason reason)
    {
        events.orderCancelled(order, order.clientOrderId, reason);
        retire(order);
    }

    /** An executed order that will not rest: out of the indexes if it was in them (a replace), back to the pool. */
    private void retire(final Order order)
    {
        if (order.indexed())
        {
            liveOrders.remove(order);
        }
        orderPool.release(order);
    }

    /** @return true when self-trade prevention stopped the incoming order. */
    private boolean match(final Order taker, final BookSide opposite)
    {
        final BookSide own = own(taker.side());
        final boolean market = taker.orderType() == OrderType.MARKET;
        final SelfTradePrevention selfTradePrevention = instrument.selfTradePrevention();

        PriceLevel level;
        while (taker.leaves() > 0 && (level = opposite.best()) != null)
        {
            if (!market && !own.isAtOrBetter(taker.price, level.price))
            {
                break;
            }

            Order maker = level.head;
            while (maker != null && taker.leaves() > 0)
            {
                final Order next = maker.next;
                if (maker.owner == taker.owner && selfTradePrevention != SelfTradePrevention.NONE)
                {
                    if (selfTradePrevention == SelfTradePrevention.CANCEL_INCOMING)
                    {
                        return true;
                    }
                    cancel(maker, maker.clientOrderId, CancelReason.SELF_TRADE_PREVENTION);
                    if (selfTradePrevention == SelfTradePrevention.CANCEL_BOTH)
                    {
                        return true;
                    }
                }
                else
                {
                    fill(maker, taker, level, opposite);
                }
                maker = next;
            }
        }
        return false;
    }

    private void fill(final Order maker, final Order taker, final PriceLevel level, final BookSide opposite)
    {
        final long quantity = Math.min(maker.leaves(), taker.leaves());
        maker.filled += quantity;
        taker.filled += quantity;
        maker.filledNotional += level.price * quantity;
        taker.filledNotional += level.price * quantity;
        level.totalQuantity -= quantity;
        events.trade(maker, taker, level.price, quantity);
        if (maker.leaves() == 0)
        {
            opposite.remove(maker);
            liveOrders.remove(maker);
            orderPool.release(maker);
        }
    }

    /** Whether matching would fill the whole order, counting self-trade prevention as matching would. */
    private boolean canFill(final Order taker, final BookSide opposite)
    {
        final BookSide own = own(taker.side());
        final boolean market = taker.orderType() == OrderType.MARKET;
        final SelfTradePrevention selfTradePrevention = instrument.selfTradePrevention();
        long needed = taker.leaves();
        for (int depth = 0, levels = opposite.levelCount(); depth < levels; depth++)
        {
            final PriceLevel level = opposite.level(depth);
            if (!market && !own.isAtOrBetter(taker.price, level.price))
            {
                return false;
            }
            if (selfTradePrevention == SelfTradePrevention.NONE)
            {
                needed -= level.totalQuantity;
                if (needed <= 0)
                {
                    return true;
                }
                continue;
            }
            for (Order maker = level.head; maker != null; maker = maker.next)
            {
                if (maker.owner == taker.owner)
                {
                    if (selfTradePrevention != SelfTradePrevention.CANCEL_RESTING)
                    {
                        return false;
                    }
                    continue;
                }
                needed -= maker.leaves();
                if (needed <= 0)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /** The side where orders of {@code side} rest; recovery (apply, restore) edits it directly, without matching. */
    BookSide bookSide(final Side side)
    {
        return own(side);
    }

    private BookSide own(final Side side)
    {
        return side == Side.BUY ? bids : asks;
    }

    private BookSide opposite(final Side side)
    {
        return side == Side.BUY ? asks : bids;
    }

    // ------------------------------------------------------------------ views

    public Instrument instrument()
    {
        return instrument;
    }

    int instrumentId()
    {
        return instrumentId;
    }

    /** L1: best price of a side, or {@link #NO_PRICE} when the side is empty. */
    public long bestPrice(final Side side)
    {
        final PriceLevel best = own(side).best();
        return best == null ? NO_PRICE : best.price;
    }

    /** L1: total leaves quantity at the best price of a side, 0 when empty. */
    public long bestQuantity(final Side side)
    {
        final PriceLevel best = own(side).best();
        return best == null ? 0 : best.totalQuantity;
    }

    public int levelCount(final Side side)
    {
        return own(side).levelCount();
    }

    /** L2: copies up to {@link MarketDepth#maxLevels()} aggregated levels of each side. */
    public void copyDepth(final MarketDepth depth)
    {
        copySide(bids, depth);
        copySide(asks, depth);
    }

    private static void copySide(final BookSide side, final MarketDepth depth)
    {
        final int levels = Math.min(side.levelCount(), depth.maxLevels());
        for (int i = 0; i < levels; i++)
        {
            final PriceLevel level = side.level(i);
            depth.set(side.side(), i, level.price, level.totalQuantity, level.orderCount);
        }
        depth.levels(side.side(), levels);
    }

    /** How many orders rest on the book, both sides: the sum of its levels' counts. */
    public int orderCount()
    {
        return orderCount(bids) + orderCount(asks);
    }

    private static int orderCount(final BookSide side)
    {
        int orders = 0;
        for (int depth = 0, levels = side.levelCount(); depth < levels; depth++)
        {
            orders += side.level(depth).orderCount;
        }
        return orders;
    }

    /** L3: every resting order in priority order, bids best to worst, then asks best to worst. */
    public void forEachOrder(final OrderVisitor visitor)
    {
        visitSide(bids, visitor);
        visitSide(asks, visitor);
    }

    private static void visitSide(final BookSide side, final OrderVisitor visitor)
    {
        for (int depth = 0, levels = side.levelCount(); depth < levels; depth++)
        {
            for (Order order = side.level(depth).head; order != null; order = order.next)
            {
                visitor.onOrder(
                    order.side(), order.price, order.orderId, order.owner, order.clientOrderId, order.quantity, order.leaves());
            }
        }
    }

    /** Folds every resting order, in priority order, and every level aggregate into the hash. */
    long hash(final long seed)
    {
        long hash = StateHash.mix(seed, instrument.id());
        hash = hashSide(bids, hash);
        return hashSide(asks, hash);
    }

    private static long hashSide(final BookSide side, final long seed)
    {
        long hash = StateHash.mix(seed, side.levelCount());
        for (int depth = 0, levels = side.levelCount(); depth < levels; depth++)
        {
            final PriceLevel level = side.level(depth);
            hash = StateHash.mix(hash, level.price);
            hash = StateHash.mix(hash, level.totalQuantity);
            hash = StateHash.mix(hash, level.orderCount);
            for (Order order = level.head; order != null; order = order.next)
            {
                hash = StateHash.mix(hash, order.orderId);
                hash = StateHash.mix(hash, order.owner);
                hash = StateHash.mix(hash, order.clientOrderId);
                hash = StateHash.mix(hash, order.quantity);
                hash = StateHash.mix(hash, order.filled);
                if (order.filled != 0 && order.filledNotional >= 0)
                {
                    // An unfilled order's notional is 0 by construction and an unknown one is not state:
                    // neither is folded, so a format-1 snapshot (no notional) still verifies its stored hash.
                    hash = StateHash.mix(hash, order.filledNotional);
                }
                hash = StateHash.mix(hash, order.timeInForce().value());
                hash = StateHash.mix(hash, order.postOnly ? 1 : 0);
            }
        }
        return hash;
    }

    @Override
    public String toString()
    {
        return "OrderBook{" + instrument + ", bids=" + bids.levelCount() + " levels, asks=" + asks.levelCount() + " levels}";
    }
}

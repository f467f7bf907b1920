package dev.tessera.engine;

import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.LongHashSet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Rebuilds a fresh engine from exported state ({@link StateVisitor} calls). Each order joins the back
 * of its level as it arrives, so the call order rebuilds time priority; the owners' lists are built
 * at the end, by rank. Input that no engine could have exported is refused with an
 * {@link IllegalArgumentException} naming the problem: a snapshot that no engine could have written
 * must stop recovery, not yield a different exchange. An order of an instrument the configuration
 * leaves out goes to a book of its own ({@code MatchingEngine.leftOutBook}), as it was. Runs once at start-up, so it may
 * allocate.
 */
final class StateRestorer implements StateVisitor
{
    private static final Comparator<RestoredOrder> OWNER_LIST_ORDER =
        Comparator.<RestoredOrder>comparingLong(restored -> restored.order.owner).thenComparingLong(restored -> restored.ownerRank);

    private final Int2ObjectHashMap<OrderBook> bookById;
    private final IntFunction<OrderBook> leftOutBook;
    private final LiveOrders liveOrders;
    private final Pool<Order> orderPool;
    private final LongHashSet orderIds = new LongHashSet();
    private final List<RestoredOrder> restored = new ArrayList<>();

    private boolean countersSeen;
    private long lastOrderId;
    private long lastEventSequence;
    private int liveOrderCount;
    private long firstEntrySinceEndOfDay;

    /** @param leftOutBook makes the book of an instrument the configuration leaves out, for its orders. */
    StateRestorer(
        final Int2ObjectHashMap<OrderBook> bookById,
        final IntFunction<OrderBook> leftOutBook,
        final LiveOrders liveOrders,
        final Pool<Order> orderPool)
    {
        this.bookById = bookById;
        this.leftOutBook = leftOutBook;
        this.liveOrders = liveOrders;
        this.orderPool = orderPool;
    }

    @Override
    public void onCounters(
        final long lastOrderId, final long lastEventSequence, final int liveOrderCount, final long firstEntrySinceEndOfDay)
    {
        if (countersSeen)
        {
            throw new IllegalArgumentException("state counters given twice");
        }
        if (lastOrderId < 0 || lastEventSequence < 0 || liveOrderCount < 0)
        {
            throw new IllegalArgumentException("negative state counter: lastOrderId=" + lastOrderId +
                ", lastEventSequence=" + lastEventSequence + ", liveOrderCount=" + liveOrderCount);
        }
        if (liveOrderCount > lastOrderId)
        {
            throw new IllegalArgumentException(
                "liveOrderCount " + liveOrderCount + " exceeds the orders ever accepted (lastOrderId " + lastOrderId + ")");
        }
        if (firstEntrySinceEndOfDay < 0 && firstEntrySinceEndOfDay != MatchingEngine.UNKNOWN_ENTRY_SINCE_END_OF_DAY)
        {
            throw new IllegalArgumentException("first entry since the end of day " + firstEntrySinceEndOfDay +
                " is negative and not the unknown marker");
        }
        countersSeen = true;
        this.firstEntrySinceEndOfDay = firstEntrySinceEndOfDay;
        this.lastOrderId = lastOrderId;
        this.lastEventSequence = lastEventSequence;
        this.liveOrderCount = liveOrderCount;
    }

    @Override
    public void onOrder(
        final long orderId,
        final long owner,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final boolean postOnly,
        final long price,
        final long quantity,
        final long filled,
        final long filledNotional,
        final long ownerRank)
    {
        if (!countersSeen)
        {
            throw new IllegalArgumentException("order " + orderId + " before the state counters");
        }
        if (instrumentId <= 0)
        {
            throw new IllegalArgumentException("order " + orderId + " of instrument " + instrumentId + ", not an id");
        }
        OrderBook book = bookById.get(instrumentId);
        if (book == null)
        {
            // Taken when the instrument was configured; the configuration has left it out since.
            book = leftOutBook.apply(instrumentId);
        }
        if (orderId <= 0 || orderId > lastOrderId)
        {
            throw new IllegalArgumentException("order id " + orderId + " outside 1.." + lastOrderId);
        }
        if (!orderIds.add(orderId))
        {
            throw new IllegalArgumentException("duplicate order id " + orderId);
        }
        // Only what can rest: GTC or DAY limit orders with something left.
        if (side == null || side == Side.NULL_VAL || orderType != OrderType.LIMIT ||
            (timeInForce != TimeInForce.GTC && timeInForce != TimeInForce.DAY))
        {
            throw new IllegalArgumentException("order " + orderId + " cannot rest: " + side + " " + orderType + " " +
                timeInForce);
        }
        if (price <= 0 || filled < 0 || quantity <= filled)
        {
            throw new IllegalArgumentException("order " + orderId + " has price " + price + ", quantity " + quantity +
                ", filled " + filled + ": a resting order needs a positive price and 0 <= filled < quantity");
        }
        if (filled == 0 ? filledNotional != 0 : filledNotional == 0)
        {
            throw new IllegalArgumentException("order " + orderId + " has filled " + filled + " but filled notional " +
                filledNotional + ": the notional is 0 exactly when nothing is filled");
        }
        if (ownerRank < 0)
        {
            throw new IllegalArgumentException("order " + orderId + " has negative owner rank " + ownerRank);
        }

        final Order order = orderPool.acquire();
        order.init(orderId, owner, clientOrderId, book, side, orderType, timeInForce, postOnly, price, quantity);
        order.filled = filled;
        order.filledNotional = filledNotional;
        book.bookSide(side).add(order);
        restored.add(new RestoredOrder(order, ownerRank));
    }

    /** After the last order: checks completeness and builds the live-order indexes and owner lists. */
    void finish()
    {
        if (!countersSeen)
        {
            throw new IllegalArgumentException("state without counters");
        }
        if (restored.size() != liveOrderCount)
        {
            throw new IllegalArgumentException(
                "state announced " + liveOrderCount + " live orders but held " + restored.size());
        }

        restored.sort(OWNER_LIST_ORDER);
        long previousOwner = 0;
        long expectedRank = 0;
        for (int i = 0; i < restored.size(); i++)
        {
            final RestoredOrder entry = restored.get(i);
            final Order order = entry.order;
            if (i == 0 || order.owner != previousOwner)
            {
                previousOwner = order.owner;
                expectedRank = 0;
            }
            if (entry.ownerRank != expectedRank)
            {
                throw new IllegalArgumentException("owner " + order.owner + ": order " + order.orderId + " has rank " +
                    entry.ownerRank + " where " + expectedRank + " was expected (ranks must be 0, 1, 2, ...)");
            }
            expectedRank++;
            if (liveOrders.byClientOrderId(order.owner, order.clientOrderId) != null)
            {
                throw new IllegalArgumentException("owner " + order.owner + " has two live orders with client order id " +
                    order.clientOrderId);
            }
            liveOrders.add(order);
        }

        for (final OrderBook book : bookById.values())
        {
            final long bid = book.bestPrice(Side.BUY);
            final long ask = book.bestPrice(Side.SELL);
            if (bid != OrderBook.NO_PRICE && ask != OrderBook.NO_PRICE && bid >= ask)
            {
                throw new IllegalArgumentException(
                    "book of " + book.instrument() + " would be crossed: best bid " + bid + " >= best ask " + ask);
            }
        }
    }

    long lastOrderId()
    {
        return lastOrderId;
    }

    long lastEventSequence()
    {
        return lastEventSequence;
    }

    long firstEntrySinceEndOfDay()
    {
        return firstEntrySinceEndOfDay;
    }

    private static final class RestoredOrder
    {
        final Order order;
        final long ownerRank;

        RestoredOrder(final Order order, final long ownerRank)
        {
            this.order = order;
            this.ownerRank = ownerRank;
        }
    }
}

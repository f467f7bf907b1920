package dev.tessera.engine;

import dev.tessera.engine.codec.Side;
import org.agrona.collections.Long2LongHashMap;

/**
 * Walks an engine's state for {@link MatchingEngine#exportState}. Orders go out in book order, which
 * fixes their level positions; their place in the owner's list goes with each as a rank from 0, so
 * the export is a function of the state alone (not of the history that built it): an engine and its
 * rebuild export the same calls.
 */
final class StateExporter
{
    private static final long NOT_RANKED = -1;

    private final LiveOrders liveOrders;
    // Reused between exports: after the first, an export of a book of the same size allocates nothing.
    private final Long2LongHashMap ownerRankByOrderId = new Long2LongHashMap(NOT_RANKED);

    StateExporter(final LiveOrders liveOrders)
    {
        this.liveOrders = liveOrders;
    }

    void export(
        final OrderBook[] booksInIdOrder,
        final long lastOrderId,
        final long lastEventSequence,
        final long firstEntrySinceEndOfDay,
        final StateVisitor visitor)
    {
        visitor.onCounters(lastOrderId, lastEventSequence, liveOrders.size(), firstEntrySinceEndOfDay);
        try
        {
            for (final OrderBook book : booksInIdOrder)
            {
                exportSide(book.bookSide(Side.BUY), visitor);
                exportSide(book.bookSide(Side.SELL), visitor);
            }
        }
        finally
        {
            ownerRankByOrderId.clear();
        }
    }

    private void exportSide(final BookSide side, final StateVisitor visitor)
    {
        for (int depth = 0, levels = side.levelCount(); depth < levels; depth++)
        {
            for (Order order = side.level(depth).head; order != null; order = order.next)
            {
                visitor.onOrder(
                    order.orderId,
                    order.owner,
                    order.clientOrderId,
                    order.instrumentId(),
                    order.side(),
                    order.orderType(),
                    order.timeInForce(),
                    order.postOnly,
                    order.price,
                    order.quantity,
                    order.filled,
                    order.filledNotional,
                    ownerRank(order));
            }
        }
    }

    private long ownerRank(final Order order)
    {
        final long rank = ownerRankByOrderId.get(order.orderId);
        if (rank != NOT_RANKED)
        {
            return rank;
        }
        // The first order of this owner met: rank all of the owner's orders in one walk, O(n) overall.
        long next = 0;
        for (Order o = liveOrders.firstOf(order.owner); o != null; o = o.ownerNext)
        {
            ownerRankByOrderId.put(o.orderId, next++);
        }
        return ownerRankByOrderId.get(order.orderId);
    }
}

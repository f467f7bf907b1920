package dev.tessera.journal.tools;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The instrument of every live order, by engine order id and by its owner's current client order id, followed
 * from the events as a journal is read. A cancel or replace names its order by either, and neither it nor its
 * rejection names an instrument: this is how a reader of the journal alone learns which order and instrument a
 * refused request concerned. Orders leave when done, so it holds what the books hold; orders from before the
 * first record read (archived cycles) are unknown.
 */
final class LiveOrders
{
    /** An order this reader does not know as live. */
    static final int UNKNOWN = 0;

    private static final long NONE = 0;

    private final Long2LongHashMap instrumentByOrderId = new Long2LongHashMap(UNKNOWN);
    private final Long2ObjectHashMap<Long2LongHashMap> orderIdByClientOrderId = new Long2ObjectHashMap<>();

    void accepted(final long orderId, final long owner, final long clientOrderId, final int instrumentId)
    {
        instrumentByOrderId.put(orderId, instrumentId);
        orderIdByClientOrderId.computeIfAbsent(owner, o -> new Long2LongHashMap(NONE)).put(clientOrderId, orderId);
    }

    void replaced(final long orderId, final long owner, final long origClientOrderId, final long clientOrderId)
    {
        final Long2LongHashMap byClientOrderId = orderIdByClientOrderId.get(owner);
        if (byClientOrderId != null && instrumentByOrderId.containsKey(orderId))
        {
            byClientOrderId.remove(origClientOrderId);
            byClientOrderId.put(clientOrderId, orderId);
        }
    }

    void done(final long orderId, final long owner, final long clientOrderId)
    {
        instrumentByOrderId.remove(orderId);
        final Long2LongHashMap byClientOrderId = orderIdByClientOrderId.get(owner);
        if (byClientOrderId != null && byClientOrderId.get(clientOrderId) == orderId)
        {
            byClientOrderId.remove(clientOrderId);
        }
    }

    /** @return the live order a request names: its order id when given, else its owner's client order id; or 0. */
    long orderId(final long owner, final long orderId, final long origClientOrderId)
    {
        if (orderId != 0)
        {
            return orderId;
        }
        final Long2LongHashMap byClientOrderId = orderIdByClientOrderId.get(owner);
        return byClientOrderId == null ? NONE : byClientOrderId.get(origClientOrderId);
    }

    /** @return the live order's instrument, or {@link #UNKNOWN}. */
    int instrumentId(final long orderId)
    {
        return (int)instrumentByOrderId.get(orderId);
    }
}

package dev.tessera.journal.tools;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The instrument of every live order and of the latest {@link #DONE_KEPT} done ones, by engine order id and by its
 * owner's client order id, followed from the events as a journal is read. A cancel or replace names its order by
 * either, and neither it nor its rejection names an instrument: this is how a reader of the journal alone learns
 * which order and instrument a refused request concerned, also one refused as too late, its order having just
 * filled (QA 117 R2: the race the engine refuses most). Orders from before the first record read (archived cycles)
 * are unknown, and so are done ones older than the latest {@link #DONE_KEPT}.
 */
final class KnownOrders
{
    /** An order this reader does not know. */
    static final int UNKNOWN = 0;
    /** How many done orders are kept: a request arriving too late comes right after its order was done. */
    static final int DONE_KEPT = 1 << 16;

    private static final long NONE = 0;

    private final Orders live = new Orders();
    private final Orders done = new Orders();
    private final long[] doneOrderIds = new long[DONE_KEPT];
    private final long[] doneOwners = new long[DONE_KEPT];
    private final long[] doneClientOrderIds = new long[DONE_KEPT];
    private long doneCount;

    void accepted(final long orderId, final long owner, final long clientOrderId, final int instrumentId)
    {
        live.put(orderId, owner, clientOrderId, instrumentId);
    }

    void replaced(final long orderId, final long owner, final long origClientOrderId, final long clientOrderId)
    {
        final int instrumentId = live.instrumentId(orderId);
        if (instrumentId != UNKNOWN)
        {
            live.remove(orderId, owner, origClientOrderId);
            live.put(orderId, owner, clientOrderId, instrumentId);
        }
    }

    void done(final long orderId, final long owner, final long clientOrderId)
    {
        final int instrumentId = live.instrumentId(orderId);
        if (instrumentId == UNKNOWN)
        {
            return;
        }
        live.remove(orderId, owner, clientOrderId);
        final int slot = (int)(doneCount++ % DONE_KEPT);
        if (doneCount > DONE_KEPT)
        {
            done.remove(doneOrderIds[slot], doneOwners[slot], doneClientOrderIds[slot]);
        }
        doneOrderIds[slot] = orderId;
        doneOwners[slot] = owner;
        doneClientOrderIds[slot] = clientOrderId;
        done.put(orderId, owner, clientOrderId, instrumentId);
    }

    /**
     * @return the order a request names: its order id when given, else the live order its owner's client order id
     *     names, else the latest done one that went by it; or 0.
     */
    long orderId(final long owner, final long orderId, final long origClientOrderId)
    {
        if (orderId != 0)
        {
            return orderId;
        }
        final long liveOrderId = live.orderId(owner, origClientOrderId);
        return liveOrderId != NONE ? liveOrderId : done.orderId(owner, origClientOrderId);
    }

    /** @return the order's instrument, or {@link #UNKNOWN}. */
    int instrumentId(final long orderId)
    {
        final int instrumentId = live.instrumentId(orderId);
        return instrumentId != UNKNOWN ? instrumentId : done.instrumentId(orderId);
    }

    /** Orders by id and by their owner's client order id. */
    private static final class Orders
    {
        private final Long2LongHashMap instrumentByOrderId = new Long2LongHashMap(UNKNOWN);
        private final Long2ObjectHashMap<Long2LongHashMap> orderIdByClientOrderId = new Long2ObjectHashMap<>();

        void put(final long orderId, final long owner, final long clientOrderId, final int instrumentId)
        {
            instrumentByOrderId.put(orderId, instrumentId);
            orderIdByClientOrderId.computeIfAbsent(owner, o -> new Long2LongHashMap(NONE)).put(clientOrderId, orderId);
        }

        /** Removes the order, and its client order id unless another order goes by it since. */
        void remove(final long orderId, final long owner, final long clientOrderId)
        {
            instrumentByOrderId.remove(orderId);
            final Long2LongHashMap byClientOrderId = orderIdByClientOrderId.get(owner);
            if (byClientOrderId != null && byClientOrderId.get(clientOrderId) == orderId)
            {
                byClientOrderId.remove(clientOrderId);
            }
        }

        long orderId(final long owner, final long clientOrderId)
        {
            final Long2LongHashMap byClientOrderId = orderIdByClientOrderId.get(owner);
            return byClientOrderId == null ? NONE : byClientOrderId.get(clientOrderId);
        }

        int instrumentId(final long orderId)
        {
            return (int)instrumentByOrderId.get(orderId);
        }
    }
}

package dev.tessera.engine;

import org.agrona.BitUtil;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Every resting order across all books: O(1) by engine order id and by (owner, client order id), and
 * each owner's orders in the order they came to rest (mass cancel).
 *
 * <p>The two indexes are hash tables chained through fields of {@link Order} ({@code idNext},
 * {@code clientIdNext}): one array of references each, no key or value arrays and no entry objects.
 * A lookup reads a bucket and then the order it wants, where a map with separate key and value arrays
 * reads a key, a value and then the order: on a book too large for the cache, each of those reads is a
 * cache miss, and they are most of the cost of a command. The tables hold one reference per bucket
 * (a bucket per expected order, rounded up to a power of two), so they also leave more of the cache to
 * the orders. Nothing here iterates a table in an observable way, so bucket order never reaches events
 * or state.
 */
final class LiveOrders
{
    private static final int MIN_BUCKETS = 16;

    private final Long2ObjectHashMap<Owner> owners = new Long2ObjectHashMap<>();
    private Order[] byOrderId;
    private Order[] byClientOrderId;
    private int mask;
    private int size;
    /** Counts every time an order comes to rest (new or again): the owner's order for mass cancel. */
    private long restSequence;

    /**
     * @param expectedOrders live orders the tables hold before they grow (allocate) for the first time.
     */
    LiveOrders(final int expectedOrders)
    {
        final int buckets = BitUtil.findNextPositivePowerOfTwo(Math.max(MIN_BUCKETS, expectedOrders));
        byOrderId = new Order[buckets];
        byClientOrderId = new Order[buckets];
        mask = buckets - 1;
    }

    int size()
    {
        return size;
    }

    Order byOrderId(final long orderId)
    {
        Order order = byOrderId[idBucket(orderId)];
        while (order != null && order.orderId != orderId)
        {
            order = order.idNext;
        }
        return order;
    }

    Order byClientOrderId(final long owner, final long clientOrderId)
    {
        Order order = byClientOrderId[clientIdBucket(owner, clientOrderId)];
        while (order != null && (order.clientOrderId != clientOrderId || order.owner != owner))
        {
            order = order.clientIdNext;
        }
        return order;
    }

    /** The owner's live orders in the order they came to rest, or null when it has none. */
    Order firstOf(final long owner)
    {
        final Owner state = owners.get(owner);
        return state == null ? null : state.head();
    }

    /** A new resting order: into both indexes and at the end of its owner's list. */
    void add(final Order order)
    {
        if (size == byOrderId.length)
        {
            grow();
        }
        Owner state = owners.get(order.owner);
        if (state == null)
        {
            // Allocates once per owner ever seen, never in steady state.
            state = new Owner(order.owner);
            owners.put(order.owner, state);
        }
        linkById(order, byOrderId, mask);
        linkByClientId(order, byClientOrderId, mask);
        state.add(order, ++restSequence);
        size++;
    }

    void remove(final Order order)
    {
        unlinkById(order);
        unlinkByClientId(order);
        order.ownerState.remove(order);
        size--;
    }

    /**
     * An indexed order that lost priority (a replace) rests again: it stays in both indexes (its order id
     * does not change) and now comes last among its owner's orders, as a new order would.
     */
    void moveToBack(final Order order)
    {
        order.ownerState.restAgain(order, ++restSequence);
    }

    /** A replace gives an indexed order its new client order id. */
    void changeClientOrderId(final Order order, final long clientOrderId)
    {
        if (clientOrderId != order.clientOrderId)
        {
            unlinkByClientId(order);
            order.clientOrderId = clientOrderId;
            linkByClientId(order, byClientOrderId, mask);
        }
    }

    /** Engine order ids are sequential, so the low bits spread them evenly and recent orders share cache lines. */
    private int idBucket(final long orderId)
    {
        return (int)orderId & mask;
    }

    private int clientIdBucket(final long owner, final long clientOrderId)
    {
        return clientIdHash(owner, clientOrderId) & mask;
    }

    /**
     * Client order ids are chosen by clients, and most number their orders consecutively. The lowest four
     * bits stay as they are, so sixteen consecutive ids of an owner share one cache line of the table (a
     * new id is usually checked and added where the previous ones went); all other bits, and the owner,
     * are mixed into every bit, so that no pattern of ids (multiples of a power of two, say) piles up.
     */
    private static int clientIdHash(final long owner, final long clientOrderId)
    {
        long hash = (clientOrderId >>> 4) ^ (owner * 0x9E3779B97F4A7C15L);
        hash = (hash ^ (hash >>> 32)) * 0xBF58476D1CE4E5B9L;
        return ((int)clientOrderId & 15) ^ (int)(hash ^ (hash >>> 32));
    }

    private static void linkById(final Order order, final Order[] table, final int mask)
    {
        final int bucket = (int)order.orderId & mask;
        order.idNext = table[bucket];
        table[bucket] = order;
    }

    private static void linkByClientId(final Order order, final Order[] table, final int mask)
    {
        final int hash = clientIdHash(order.owner, order.clientOrderId);
        final int bucket = hash & mask;
        order.clientIdHash = hash;
        order.clientIdNext = table[bucket];
        table[bucket] = order;
    }

    private void unlinkById(final Order order)
    {
        final int bucket = idBucket(order.orderId);
        Order current = byOrderId[bucket];
        if (current == order)
        {
            byOrderId[bucket] = order.idNext;
        }
        else
        {
            while (current.idNext != order)
            {
                current = current.idNext;
            }
            current.idNext = order.idNext;
        }
        order.idNext = null;
    }

    private void unlinkByClientId(final Order order)
    {
        final int bucket = order.clientIdHash & mask;
        Order current = byClientOrderId[bucket];
        if (current == order)
        {
            byClientOrderId[bucket] = order.clientIdNext;
        }
        else
        {
            while (current.clientIdNext != order)
            {
                current = current.clientIdNext;
            }
            current.clientIdNext = order.clientIdNext;
        }
        order.clientIdNext = null;
    }

    /** More live orders than ever before (and than buckets): doubles both tables. Allocates, but only at a new high. */
    private void grow()
    {
        final int buckets = byOrderId.length * 2;
        final int newMask = buckets - 1;
        final Order[] newById = new Order[buckets];
        final Order[] newByClientId = new Order[buckets];
        for (final Order head : byOrderId)
        {
            Order order = head;
            while (order != null)
            {
                final Order next = order.idNext;
                linkById(order, newById, newMask);
                linkByClientId(order, newByClientId, newMask);
                order = next;
            }
        }
        byOrderId = newById;
        byClientOrderId = newByClientId;
        mask = newMask;
    }
}

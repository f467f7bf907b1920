package dev.tessera.gateway;

import org.agrona.BitUtil;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * Values by owner and a 64-bit id: a FIX session's ClOrdIDs, or the engine's OrderIDs under one owner ({@link
 * #ANY_OWNER}). The gateway thread keeps several of these with tens of thousands of entries (live orders, done orders,
 * requests in flight), adds and removes a few per order, and the orders' ids come mostly in sequence; so they are
 * built for the cache, as the engine's {@code LiveOrders} is.
 *
 * <p>A chained hash table whose nodes are array slots: a bucket array of node numbers, and per node the two keys side
 * by side in one {@code long[]} (one cache line for both), its value and the next node of its chain. The hash keeps an
 * id's lowest four bits, so sixteen consecutive ids of an owner share one cache line of buckets, and mixes every other
 * bit and the owner into all bits, so no pattern of ids piles up. A removed node goes to the front of a free list and
 * is the next one used: the entries of a sliding window of orders keep reusing the same, recently touched, nodes. A
 * remove unlinks one node; no chain is compacted (an open-addressing map's remove moves the entries after it).
 *
 * <p>Grows (allocates) only past its high-water mark, so steady state allocates nothing. Nothing iterates it in an
 * observable order. One thread.
 */
final class IdIndex<V>
{
    /** The owner of an index keyed by the id alone (OrderIDs, which the engine makes unique across owners). */
    static final long ANY_OWNER = 0;

    private static final int NO_NODE = -1;
    private static final int MIN_CAPACITY = 16;

    /** The first node of each bucket's chain, or {@link #NO_NODE}; as many buckets as nodes. */
    private int[] buckets;
    /** Node {@code n}'s owner at {@code 2n}, its id at {@code 2n + 1}. */
    private long[] keys;
    private Object[] values;
    /** The next node in node {@code n}'s chain, or in the free list while it is free. */
    private int[] next;
    private int mask;
    /** The first free node, linked through {@link #next}; only nodes below {@link #used}. */
    private int free = NO_NODE;
    /** Nodes handed out at least once: the ones from here on were never used. */
    private int used;
    private int size;

    IdIndex()
    {
        this(MIN_CAPACITY);
    }

    /** @param initialCapacity entries held before the first growth (allocation). */
    IdIndex(final int initialCapacity)
    {
        allocate(BitUtil.findNextPositivePowerOfTwo(Math.max(MIN_CAPACITY, initialCapacity)));
    }

    /** @return the owner's value for {@code id}, or {@code null}. */
    @SuppressWarnings("unchecked")
    V get(final long owner, final long id)
    {
        final long[] keys = this.keys;
        final int[] next = this.next;
        for (int node = buckets[hash(owner, id) & mask]; node != NO_NODE; node = next[node])
        {
            if (keys[node << 1 | 1] == id && keys[node << 1] == owner)
            {
                return (V)values[node];
            }
        }
        return null;
    }

    /** Maps the owner's {@code id} to {@code value}, in place of any value it had. */
    void put(final long owner, final long id, final V value)
    {
        final int bucket = hash(owner, id) & mask;
        for (int node = buckets[bucket]; node != NO_NODE; node = next[node])
        {
            if (keys[node << 1 | 1] == id && keys[node << 1] == owner)
            {
                values[node] = value;
                return;
            }
        }
        if (size == buckets.length)
        {
            grow();
            put(owner, id, value);
            return;
        }
        final int node = takeNode();
        keys[node << 1] = owner;
        keys[node << 1 | 1] = id;
        values[node] = value;
        next[node] = buckets[bucket];
        buckets[bucket] = node;
        size++;
    }

    /** @return the value the owner's {@code id} mapped to, now removed, or {@code null} when none. */
    V remove(final long owner, final long id)
    {
        return remove(owner, id, null);
    }

    /**
     * Removes the owner's {@code id} only while it maps to {@code value} (by identity): a newer value that took it over
     * stays. {@code null} removes whatever it maps to.
     *
     * @return the value removed, or {@code null} when none was.
     */
    @SuppressWarnings("unchecked")
    V remove(final long owner, final long id, final V value)
    {
        final int bucket = hash(owner, id) & mask;
        int previous = NO_NODE;
        for (int node = buckets[bucket]; node != NO_NODE; previous = node, node = next[node])
        {
            if (keys[node << 1 | 1] == id && keys[node << 1] == owner)
            {
                final Object removed = values[node];
                if (value != null && removed != value)
                {
                    return null;
                }
                if (previous == NO_NODE)
                {
                    buckets[bucket] = next[node];
                }
                else
                {
                    next[previous] = next[node];
                }
                values[node] = null;
                next[node] = free;
                free = node;
                size--;
                return (V)removed;
            }
        }
        return null;
    }

    int size()
    {
        return size;
    }

    boolean isEmpty()
    {
        return size == 0;
    }

    /**
     * Adds each owner's count of ids here to {@code counts} (owner to count, missing value 0): one scan of every
     * entry answers for all owners, for rare questions (the live orders of every session at start-up); a scan per
     * owner would be sessions times the table.
     */
    void countByOwner(final Long2LongHashMap counts)
    {
        for (final int head : buckets)
        {
            for (int node = head; node != NO_NODE; node = next[node])
            {
                final long owner = keys[node << 1];
                counts.put(owner, counts.get(owner) + 1);
            }
        }
    }

    /**
     * The lowest four bits stay as they are, so sixteen consecutive ids of an owner share one cache line of buckets
     * (a new id usually lands where the previous ones went); all other bits, and the owner, are mixed into every bit.
     * The engine's {@code LiveOrders} hashes client order ids so, for the same reason.
     */
    private static int hash(final long owner, final long id)
    {
        long hash = (id >>> 4) ^ (owner * 0x9E3779B97F4A7C15L);
        hash = (hash ^ (hash >>> 32)) * 0xBF58476D1CE4E5B9L;
        return ((int)id & 15) ^ (int)(hash ^ (hash >>> 32));
    }

    private int takeNode()
    {
        if (free != NO_NODE)
        {
            final int node = free;
            free = next[node];
            return node;
        }
        return used++;
    }

    /** More entries than ever before (and than buckets): doubles the buckets and the nodes. */
    private void grow()
    {
        final int capacity = buckets.length << 1;
        final long[] oldKeys = keys;
        final Object[] oldValues = values;
        final int[] oldNext = next;
        final int[] oldBuckets = buckets;
        allocate(capacity);
        // Every node is in use (size == capacity): copy them to the same numbers, then chain them into the new buckets.
        System.arraycopy(oldKeys, 0, keys, 0, oldKeys.length);
        System.arraycopy(oldValues, 0, values, 0, oldValues.length);
        for (final int head : oldBuckets)
        {
            for (int node = head; node != NO_NODE; node = oldNext[node])
            {
                final int bucket = hash(keys[node << 1], keys[node << 1 | 1]) & mask;
                next[node] = buckets[bucket];
                buckets[bucket] = node;
            }
        }
        used = oldBuckets.length;
        free = NO_NODE;
    }

    private void allocate(final int capacity)
    {
        buckets = new int[capacity];
        Arrays.fill(buckets, NO_NODE);
        keys = new long[capacity << 1];
        values = new Object[capacity];
        next = new int[capacity];
        mask = capacity - 1;
    }
}

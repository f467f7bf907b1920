package dev.tessera.gateway;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * Values by owner, then ClOrdID: how a FIX session names its orders and requests. Primitive maps, one per owner made
 * on the owner's first entry; they grow to their high-water mark and then allocate nothing. One thread.
 */
final class ClOrdIdIndex<V>
{
    private final Long2ObjectHashMap<Long2ObjectHashMap<V>> byOwner = new Long2ObjectHashMap<>();

    V get(final long owner, final long clOrdId)
    {
        final Long2ObjectHashMap<V> owned = byOwner.get(owner);
        return owned == null ? null : owned.get(clOrdId);
    }

    /** Maps the owner's {@code clOrdId} to {@code value}, in place of any value it had. */
    void put(final long owner, final long clOrdId, final V value)
    {
        Long2ObjectHashMap<V> owned = byOwner.get(owner);
        if (owned == null)
        {
            owned = new Long2ObjectHashMap<>();
            byOwner.put(owner, owned);
        }
        owned.put(clOrdId, value);
    }

    void remove(final long owner, final long clOrdId)
    {
        final Long2ObjectHashMap<V> owned = byOwner.get(owner);
        if (owned != null)
        {
            owned.remove(clOrdId);
        }
    }

    /** Removes the owner's {@code clOrdId} only while it maps to {@code value}: a newer value that took it over stays. */
    void remove(final long owner, final long clOrdId, final V value)
    {
        final Long2ObjectHashMap<V> owned = byOwner.get(owner);
        if (owned != null)
        {
            owned.remove(clOrdId, value); // one probe; values here are compared by identity (no equals of their own)
        }
    }

    /** How many ClOrdIDs the owner has here. */
    int size(final long owner)
    {
        final Long2ObjectHashMap<V> owned = byOwner.get(owner);
        return owned == null ? 0 : owned.size();
    }
}

package dev.tessera.perf;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Set-up only: (owner, clientOrderId) to a positive key. One primitive map per owner, because a client
 * order id may use all 64 bits (the gateway packs FIX ClOrdIDs into them), so the pair does not fit one long.
 */
final class ClientOrderKeys
{
    static final long NONE = 0;

    private final Long2ObjectHashMap<Long2LongHashMap> byOwner = new Long2ObjectHashMap<>();

    long get(final long owner, final long clientOrderId)
    {
        final Long2LongHashMap keys = byOwner.get(owner);
        return keys == null ? NONE : keys.get(clientOrderId);
    }

    void put(final long owner, final long clientOrderId, final long key)
    {
        Long2LongHashMap keys = byOwner.get(owner);
        if (keys == null)
        {
            keys = new Long2LongHashMap(NONE);
            byOwner.put(owner, keys);
        }
        keys.put(clientOrderId, key);
    }

    void remove(final long owner, final long clientOrderId)
    {
        final Long2LongHashMap keys = byOwner.get(owner);
        if (keys != null)
        {
            keys.remove(clientOrderId);
        }
    }
}

package dev.tessera.engine;

import org.agrona.collections.Long2ObjectHashMap;

/** Every resting order across all books: O(1) by engine order id and by (owner, client order id). */
final class LiveOrders
{
    private final Long2ObjectHashMap<Order> byOrderId;
    private final Long2ObjectHashMap<Owner> owners = new Long2ObjectHashMap<>();

    LiveOrders(final int expectedOrders)
    {
        byOrderId = new Long2ObjectHashMap<>(Math.max(8, expectedOrders * 2), 0.65f);
    }

    int size()
    {
        return byOrderId.size();
    }

    Order byOrderId(final long orderId)
    {
        return byOrderId.get(orderId);
    }

    Order byClientOrderId(final long owner, final long clientOrderId)
    {
        final Owner state = owners.get(owner);
        return state == null ? null : state.byClientOrderId.get(clientOrderId);
    }

    /** The owner's live orders in entry order, or null when it has none. */
    Order firstOf(final long owner)
    {
        final Owner state = owners.get(owner);
        return state == null ? null : state.head;
    }

    void add(final Order order)
    {
        byOrderId.put(order.orderId, order);
        Owner state = owners.get(order.owner);
        if (state == null)
        {
            // Allocates once per owner ever seen, never in steady state.
            state = new Owner(order.owner);
            owners.put(order.owner, state);
        }
        state.add(order);
    }

    void remove(final Order order)
    {
        byOrderId.remove(order.orderId);
        owners.get(order.owner).remove(order);
    }

    /** A replace that keeps the order live may give it a new client order id. */
    void changeClientOrderId(final Order order, final long clientOrderId)
    {
        final Owner state = owners.get(order.owner);
        state.byClientOrderId.remove(order.clientOrderId);
        order.clientOrderId = clientOrderId;
        state.byClientOrderId.put(clientOrderId, order);
    }
}

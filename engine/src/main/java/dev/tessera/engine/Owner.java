package dev.tessera.engine;

import org.agrona.collections.Long2ObjectHashMap;

/** One owner's live orders: by client order id (duplicate check, cancel by id) and in entry order (mass cancel). */
final class Owner
{
    final long id;
    final Long2ObjectHashMap<Order> byClientOrderId = new Long2ObjectHashMap<>();
    Order head;
    Order tail;

    Owner(final long id)
    {
        this.id = id;
    }

    void add(final Order order)
    {
        byClientOrderId.put(order.clientOrderId, order);
        order.ownerPrevious = tail;
        order.ownerNext = null;
        if (tail == null)
        {
            head = order;
        }
        else
        {
            tail.ownerNext = order;
        }
        tail = order;
    }

    void remove(final Order order)
    {
        byClientOrderId.remove(order.clientOrderId);
        final Order previous = order.ownerPrevious;
        final Order next = order.ownerNext;
        if (previous == null)
        {
            head = next;
        }
        else
        {
            previous.ownerNext = next;
        }
        if (next == null)
        {
            tail = previous;
        }
        else
        {
            next.ownerPrevious = previous;
        }
        order.ownerPrevious = null;
        order.ownerNext = null;
    }
}

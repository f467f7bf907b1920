package dev.tessera.engine;

/** One owner's live orders in the order they (last) came to rest: what mass cancel walks. */
final class Owner
{
    final long id;
    Order head;
    Order tail;

    Owner(final long id)
    {
        this.id = id;
    }

    void add(final Order order)
    {
        order.ownerState = this;
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
        order.ownerState = null;
        order.ownerPrevious = null;
        order.ownerNext = null;
    }

    /** An order that lost priority and rests again counts as entering again: it goes to the end. */
    void moveToTail(final Order order)
    {
        if (tail != order)
        {
            remove(order);
            add(order);
        }
    }
}

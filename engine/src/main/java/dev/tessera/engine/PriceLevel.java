package dev.tessera.engine;

/**
 * All resting orders at one price on one side, in time priority: an intrusive FIFO queue with the
 * aggregate leaves quantity kept up to date so that L1/L2 views and FOK checks are O(1) per level.
 */
final class PriceLevel
{
    long price;
    long totalQuantity;
    int orderCount;
    Order head;
    Order tail;
    /** The next level in the same bucket of its side's price table ({@link BookSide}). */
    PriceLevel hashNext;

    void init(final long price)
    {
        this.price = price;
        this.totalQuantity = 0;
        this.orderCount = 0;
        this.head = null;
        this.tail = null;
    }

    boolean isEmpty()
    {
        return head == null;
    }

    void append(final Order order)
    {
        order.level = this;
        order.previous = tail;
        order.next = null;
        if (tail == null)
        {
            head = order;
        }
        else
        {
            tail.next = order;
        }
        tail = order;
        totalQuantity += order.leaves();
        orderCount++;
    }

    /** Unlinks the order; its current leaves quantity leaves the level's total. */
    void remove(final Order order)
    {
        final Order previous = order.previous;
        final Order next = order.next;
        if (previous == null)
        {
            head = next;
        }
        else
        {
            previous.next = next;
        }
        if (next == null)
        {
            tail = previous;
        }
        else
        {
            next.previous = previous;
        }
        totalQuantity -= order.leaves();
        orderCount--;
        order.level = null;
        order.previous = null;
        order.next = null;
    }
}

package dev.tessera.engine;

/**
 * One owner's live orders, for mass cancel, which cancels them in the order they (last) came to rest.
 *
 * <p>That order is kept as a number, not as a place in the list: an order that loses priority (a
 * replace that moves it, most of a busy book's traffic) only takes a new {@code restSequence}, where
 * moving it to the end of the list would touch its two neighbours and the tail, three cache misses on
 * a large book. The list is put back in order, by an in-place merge sort, only when someone walks it
 * ({@link #head()}), which is rare (a mass cancel, a snapshot). New orders still go to the end, where
 * their sequence, the highest yet, belongs.
 */
final class Owner
{
    final long id;
    private Order head;
    private Order tail;
    /** False once an order took a new rest sequence without moving: the list must be sorted before a walk. */
    private boolean inRestOrder = true;

    Owner(final long id)
    {
        this.id = id;
    }

    /** The owner's first order in rest order (sorting the list if needed), or null when it has none. */
    Order head()
    {
        if (!inRestOrder)
        {
            sortByRestSequence();
            inRestOrder = true;
        }
        return head;
    }

    boolean isEmpty()
    {
        return head == null;
    }

    /** A new resting order, whose {@code restSequence} is the highest yet: at the end. */
    void add(final Order order, final long restSequence)
    {
        order.restSequence = restSequence;
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

    /** An order that lost priority and rests again counts as entering again: it now comes last. */
    void restAgain(final Order order, final long restSequence)
    {
        order.restSequence = restSequence;
        if (order != tail)
        {
            inRestOrder = false;
        }
    }

    /** Bottom-up merge sort of the list by rest sequence: stable, O(n log n), allocates nothing. */
    private void sortByRestSequence()
    {
        int runLength = 1;
        while (true)
        {
            Order remaining = head;
            Order mergedHead = null;
            Order mergedTail = null;
            int merges = 0;
            while (remaining != null)
            {
                merges++;
                Order left = remaining;
                Order right = left;
                int leftLength = 0;
                while (leftLength < runLength && right != null)
                {
                    right = right.ownerNext;
                    leftLength++;
                }
                int rightLength = runLength;
                while (leftLength > 0 || (rightLength > 0 && right != null))
                {
                    final Order taken;
                    if (leftLength == 0)
                    {
                        taken = right;
                        right = right.ownerNext;
                        rightLength--;
                    }
                    else if (rightLength == 0 || right == null || left.restSequence <= right.restSequence)
                    {
                        taken = left;
                        left = left.ownerNext;
                        leftLength--;
                    }
                    else
                    {
                        taken = right;
                        right = right.ownerNext;
                        rightLength--;
                    }
                    if (mergedTail == null)
                    {
                        mergedHead = taken;
                    }
                    else
                    {
                        mergedTail.ownerNext = taken;
                    }
                    taken.ownerPrevious = mergedTail;
                    mergedTail = taken;
                }
                remaining = right;
            }
            if (mergedTail != null)
            {
                mergedTail.ownerNext = null;
            }
            head = mergedHead;
            tail = mergedTail;
            if (merges <= 1)
            {
                return;
            }
            runLength *= 2;
        }
    }
}

package dev.tessera.engine;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A free list of reusable objects. Filled up front so that steady-state matching never allocates;
 * it only grows (allocates) when more objects are live at once than ever before.
 */
final class Pool<T>
{
    private final Supplier<T> factory;
    private Object[] free;
    private int freeCount;

    Pool(final Supplier<T> factory, final int initialCapacity)
    {
        this.factory = factory;
        this.free = new Object[Math.max(initialCapacity, 16)];
        for (int i = 0; i < initialCapacity; i++)
        {
            free[freeCount++] = factory.get();
        }
    }

    @SuppressWarnings("unchecked")
    T acquire()
    {
        if (freeCount == 0)
        {
            return factory.get();
        }
        final T item = (T)free[--freeCount];
        free[freeCount] = null;
        return item;
    }

    void release(final T item)
    {
        if (freeCount == free.length)
        {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = item;
    }

    int freeCount()
    {
        return freeCount;
    }
}

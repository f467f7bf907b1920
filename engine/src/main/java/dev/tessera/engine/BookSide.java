package dev.tessera.engine;

import dev.tessera.engine.codec.Side;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.Arrays;

/**
 * One side of an order book: price levels sorted from worst to best, so that the best level is the
 * last element (O(1) to read and to remove, which is what matching does most) and new levels near
 * the touch shift only a few entries. A primitive map finds an existing level by price in O(1).
 */
final class BookSide
{
    private static final int INITIAL_LEVELS = 256;

    private final Side side;
    private final Pool<PriceLevel> levelPool;
    private final Long2ObjectHashMap<PriceLevel> levelByPrice = new Long2ObjectHashMap<>();
    private PriceLevel[] levels = new PriceLevel[INITIAL_LEVELS];
    private int levelCount;

    BookSide(final Side side, final Pool<PriceLevel> levelPool)
    {
        this.side = side;
        this.levelPool = levelPool;
    }

    Side side()
    {
        return side;
    }

    int levelCount()
    {
        return levelCount;
    }

    PriceLevel best()
    {
        return levelCount == 0 ? null : levels[levelCount - 1];
    }

    /** The level {@code depth} places away from the best (0 is the best). */
    PriceLevel level(final int depth)
    {
        return levels[levelCount - 1 - depth];
    }

    /** True when {@code price} is at least as aggressive as {@code than} for an order on this side. */
    boolean isAtOrBetter(final long price, final long than)
    {
        return side == Side.BUY ? price >= than : price <= than;
    }

    /** Appends the order at the back of its price level's queue, creating the level if needed. */
    void add(final Order order)
    {
        PriceLevel level = levelByPrice.get(order.price);
        if (level == null)
        {
            level = levelPool.acquire();
            level.init(order.price);
            insertLevel(level);
        }
        level.append(order);
    }

    /** Takes the order out of its level, and the level out of the book if it becomes empty. */
    void remove(final Order order)
    {
        final PriceLevel level = order.level;
        level.remove(order);
        if (level.isEmpty())
        {
            removeLevel(level);
        }
    }

    private void insertLevel(final PriceLevel level)
    {
        if (levelCount == levels.length)
        {
            levels = Arrays.copyOf(levels, levelCount * 2);
        }
        final int index = insertionIndex(level.price);
        System.arraycopy(levels, index, levels, index + 1, levelCount - index);
        levels[index] = level;
        levelCount++;
        levelByPrice.put(level.price, level);
    }

    private void removeLevel(final PriceLevel level)
    {
        final int last = levelCount - 1;
        final int index = levels[last] == level ? last : indexOf(level.price);
        System.arraycopy(levels, index + 1, levels, index, last - index);
        levels[last] = null;
        levelCount--;
        levelByPrice.remove(level.price);
        levelPool.release(level);
    }

    /** Ascending rank means "better": a higher bid, a lower ask. */
    private long rank(final long price)
    {
        return side == Side.BUY ? price : -price;
    }

    private int insertionIndex(final long price)
    {
        final long rank = rank(price);
        int low = 0;
        int high = levelCount;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (rank(levels[mid].price) < rank)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    private int indexOf(final long price)
    {
        final int index = insertionIndex(price);
        if (index >= levelCount || levels[index].price != price)
        {
            throw new IllegalStateException("level " + price + " not in " + side + " side");
        }
        return index;
    }
}

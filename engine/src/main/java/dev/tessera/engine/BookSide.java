package dev.tessera.engine;

import dev.tessera.engine.codec.Side;

import java.util.Arrays;

/**
 * One side of an order book: price levels sorted from worst to best, so that the best level is the
 * last element (O(1) to read and to remove, which is what matching does most) and new levels near
 * the touch shift only a few entries.
 *
 * <p>Two things keep a price lookup to memory that is already in the cache. The sort key of every
 * level sits in its own {@code long[]} beside the levels, so the binary search for a new level's
 * place reads one small array, not a level object per step. And a level is found by price through a
 * table chained through {@link PriceLevel#hashNext}: one array of references, whose hit is the level
 * itself, where a map with separate key and value arrays reads both and compacts on removal.
 */
final class BookSide
{
    private static final int INITIAL_LEVELS = 256;
    private static final long FIBONACCI = 0x9E3779B97F4A7C15L;

    private final Side side;
    private final Pool<PriceLevel> levelPool;
    private PriceLevel[] levels = new PriceLevel[INITIAL_LEVELS];
    /** {@code ranks[i]} is {@code rank(levels[i].price)}: ascending. */
    private long[] ranks = new long[INITIAL_LEVELS];
    private int levelCount;
    private PriceLevel[] buckets = new PriceLevel[INITIAL_LEVELS];
    private int bucketShift = Long.SIZE - Integer.numberOfTrailingZeros(INITIAL_LEVELS);

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
        PriceLevel level = levelAt(order.price);
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

    private PriceLevel levelAt(final long price)
    {
        PriceLevel level = buckets[bucket(price)];
        while (level != null && level.price != price)
        {
            level = level.hashNext;
        }
        return level;
    }

    /** Fibonacci hashing: prices a tick apart, whatever the tick, spread over the whole table. */
    private int bucket(final long price)
    {
        return (int)((price * FIBONACCI) >>> bucketShift);
    }

    private void insertLevel(final PriceLevel level)
    {
        if (levelCount == levels.length)
        {
            levels = Arrays.copyOf(levels, levelCount * 2);
            ranks = Arrays.copyOf(ranks, levelCount * 2);
            rehash(levelCount * 2);
        }
        final long rank = rank(level.price);
        final int index = insertionIndex(rank);
        System.arraycopy(levels, index, levels, index + 1, levelCount - index);
        System.arraycopy(ranks, index, ranks, index + 1, levelCount - index);
        levels[index] = level;
        ranks[index] = rank;
        levelCount++;
        final int bucket = bucket(level.price);
        level.hashNext = buckets[bucket];
        buckets[bucket] = level;
    }

    private void removeLevel(final PriceLevel level)
    {
        final int last = levelCount - 1;
        final int index = levels[last] == level ? last : indexOf(level.price);
        System.arraycopy(levels, index + 1, levels, index, last - index);
        System.arraycopy(ranks, index + 1, ranks, index, last - index);
        levels[last] = null;
        levelCount--;
        unhash(level);
        levelPool.release(level);
    }

    private void unhash(final PriceLevel level)
    {
        final int bucket = bucket(level.price);
        PriceLevel current = buckets[bucket];
        if (current == level)
        {
            buckets[bucket] = level.hashNext;
        }
        else
        {
            while (current.hashNext != level)
            {
                current = current.hashNext;
            }
            current.hashNext = level.hashNext;
        }
        level.hashNext = null;
    }

    /** More levels than ever before: a bucket per level again. Allocates, but only at a new high. */
    private void rehash(final int bucketCount)
    {
        buckets = new PriceLevel[bucketCount];
        bucketShift = Long.SIZE - Integer.numberOfTrailingZeros(bucketCount);
        for (int i = 0; i < levelCount; i++)
        {
            final PriceLevel level = levels[i];
            final int bucket = bucket(level.price);
            level.hashNext = buckets[bucket];
            buckets[bucket] = level;
        }
    }

    /** Ascending rank means "better": a higher bid, a lower ask. */
    private long rank(final long price)
    {
        return side == Side.BUY ? price : -price;
    }

    private int insertionIndex(final long rank)
    {
        int low = 0;
        int high = levelCount;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (ranks[mid] < rank)
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
        final int index = insertionIndex(rank(price));
        if (index >= levelCount || levels[index].price != price)
        {
            throw new IllegalStateException("level " + price + " not in " + side + " side");
        }
        return index;
    }
}

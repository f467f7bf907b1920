package dev.tessera.engine;

import dev.tessera.engine.codec.Side;

/**
 * An L2 view: the top N aggregated price levels of both sides, best first. Reusable: allocate once
 * and refill it with {@link OrderBook#copyDepth(MarketDepth)}.
 */
public final class MarketDepth
{
    private final int maxLevels;
    private final long[] prices;
    private final long[] quantities;
    private final int[] orderCounts;
    private int bidLevels;
    private int askLevels;

    public MarketDepth(final int maxLevels)
    {
        if (maxLevels <= 0)
        {
            throw new IllegalArgumentException("maxLevels must be > 0, got " + maxLevels);
        }
        this.maxLevels = maxLevels;
        this.prices = new long[2 * maxLevels];
        this.quantities = new long[2 * maxLevels];
        this.orderCounts = new int[2 * maxLevels];
    }

    public int maxLevels()
    {
        return maxLevels;
    }

    public int levels(final Side side)
    {
        return side == Side.BUY ? bidLevels : askLevels;
    }

    public long price(final Side side, final int depth)
    {
        return prices[index(side, depth)];
    }

    public long quantity(final Side side, final int depth)
    {
        return quantities[index(side, depth)];
    }

    public int orderCount(final Side side, final int depth)
    {
        return orderCounts[index(side, depth)];
    }

    void set(final Side side, final int depth, final long price, final long quantity, final int orderCount)
    {
        final int index = (side == Side.BUY ? 0 : maxLevels) + depth;
        prices[index] = price;
        quantities[index] = quantity;
        orderCounts[index] = orderCount;
    }

    void levels(final Side side, final int levels)
    {
        if (side == Side.BUY)
        {
            bidLevels = levels;
        }
        else
        {
            askLevels = levels;
        }
    }

    private int index(final Side side, final int depth)
    {
        if (depth < 0 || depth >= levels(side))
        {
            throw new IndexOutOfBoundsException("depth " + depth + " of " + levels(side) + " " + side + " levels");
        }
        return (side == Side.BUY ? 0 : maxLevels) + depth;
    }
}

package dev.tessera.lobster;

import java.util.Arrays;

/**
 * One row of a LOBSTER orderbook file: the visible book after one message, best level first on each
 * side (ask price, ask size, bid price, bid size per level). LOBSTER fills levels that do not exist
 * with dummy prices (±9,999,999,999) and size 0; those are not counted as levels here. Prices are
 * LOBSTER's (dollars times 10,000).
 */
public final class LobsterBookRow
{
    /** LOBSTER's price for an ask level that does not exist; bids use its negative. */
    public static final long DUMMY_PRICE = 9_999_999_999L;

    private final int maxLevels;
    private final long[] askPrices;
    private final long[] askSizes;
    private final long[] bidPrices;
    private final long[] bidSizes;
    private int askLevels;
    private int bidLevels;

    public LobsterBookRow(final int maxLevels)
    {
        this.maxLevels = maxLevels;
        // one spare: undoing a message can briefly bring back a level the file had just dropped
        askPrices = new long[maxLevels + 1];
        askSizes = new long[maxLevels + 1];
        bidPrices = new long[maxLevels + 1];
        bidSizes = new long[maxLevels + 1];
    }

    public int maxLevels()
    {
        return maxLevels;
    }

    /** Occupied levels on a side ({@link LobsterMessage#BUY} for bids, {@link LobsterMessage#SELL} for asks). */
    public int levels(final int direction)
    {
        return direction == LobsterMessage.BUY ? bidLevels : askLevels;
    }

    /** Price of level {@code level} (0 = best) of a side. */
    public long price(final int direction, final int level)
    {
        return direction == LobsterMessage.BUY ? bidPrices[level] : askPrices[level];
    }

    public long size(final int direction, final int level)
    {
        return direction == LobsterMessage.BUY ? bidSizes[level] : askSizes[level];
    }

    /** Sets the row from the fields of a CSV line; returns false when they are not 4 per level. */
    boolean parse(final CsvLine csv, final int fields)
    {
        if (fields != 4 * maxLevels)
        {
            return false;
        }
        askLevels = 0;
        bidLevels = 0;
        for (int level = 0; level < maxLevels; level++)
        {
            final int base = 4 * level;
            final long askPrice = csv.longValue(base);
            final long askSize = csv.longValue(base + 1);
            final long bidPrice = csv.longValue(base + 2);
            final long bidSize = csv.longValue(base + 3);
            if (askSize > 0 && askPrice != DUMMY_PRICE && askLevels == level)
            {
                askPrices[askLevels] = askPrice;
                askSizes[askLevels++] = askSize;
            }
            if (bidSize > 0 && bidPrice != -DUMMY_PRICE && bidLevels == level)
            {
                bidPrices[bidLevels] = bidPrice;
                bidSizes[bidLevels++] = bidSize;
            }
        }
        return true;
    }

    /** Copies another row of the same depth. */
    public void copyFrom(final LobsterBookRow other)
    {
        System.arraycopy(other.askPrices, 0, askPrices, 0, askPrices.length);
        System.arraycopy(other.askSizes, 0, askSizes, 0, askSizes.length);
        System.arraycopy(other.bidPrices, 0, bidPrices, 0, bidPrices.length);
        System.arraycopy(other.bidSizes, 0, bidSizes, 0, bidSizes.length);
        askLevels = other.askLevels;
        bidLevels = other.bidLevels;
    }

    /**
     * Takes back the effect of {@code message} on the visible book, giving the book as it stood
     * before it: a submission is removed, a cancel, delete or visible execution put back. Used on row
     * 0, which shows the book <em>after</em> the first message, to find the book the file starts from.
     */
    public void undo(final LobsterMessage message)
    {
        switch (message.type())
        {
            case LobsterMessage.NEW_ORDER -> change(message.direction(), message.price(), -message.size());
            case LobsterMessage.PARTIAL_CANCEL, LobsterMessage.DELETE, LobsterMessage.VISIBLE_EXECUTION ->
                change(message.direction(), message.price(), message.size());
            default ->
            {
                // hidden executions, crosses and halts leave the visible book as it was
            }
        }
    }

    private void change(final int direction, final long price, final long delta)
    {
        final boolean bids = direction == LobsterMessage.BUY;
        final long[] prices = bids ? bidPrices : askPrices;
        final long[] sizes = bids ? bidSizes : askSizes;
        int count = bids ? bidLevels : askLevels;
        int at = 0;
        while (at < count && (bids ? prices[at] > price : prices[at] < price))
        {
            at++;
        }
        if (at < count && prices[at] == price)
        {
            sizes[at] += delta;
            if (sizes[at] <= 0)
            {
                System.arraycopy(prices, at + 1, prices, at, count - at - 1);
                System.arraycopy(sizes, at + 1, sizes, at, count - at - 1);
                count--;
            }
        }
        else if (delta > 0 && at < prices.length)
        {
            final int moved = Math.min(count, prices.length - 1) - at;
            System.arraycopy(prices, at, prices, at + 1, moved);
            System.arraycopy(sizes, at, sizes, at + 1, moved);
            prices[at] = price;
            sizes[at] = delta;
            count = Math.min(count + 1, prices.length);
        }
        if (bids)
        {
            bidLevels = count;
        }
        else
        {
            askLevels = count;
        }
    }

    @Override
    public String toString()
    {
        return "asks " + side(askPrices, askSizes, askLevels) + " bids " + side(bidPrices, bidSizes, bidLevels);
    }

    private static String side(final long[] prices, final long[] sizes, final int levels)
    {
        final StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < levels; i++)
        {
            text.append(i == 0 ? "" : " ").append(sizes[i]).append('@').append(prices[i]);
        }
        return text.append(']').toString();
    }

    @Override
    public boolean equals(final Object other)
    {
        if (!(other instanceof LobsterBookRow row) || row.askLevels != askLevels || row.bidLevels != bidLevels)
        {
            return false;
        }
        return Arrays.equals(askPrices, 0, askLevels, row.askPrices, 0, askLevels) &&
            Arrays.equals(askSizes, 0, askLevels, row.askSizes, 0, askLevels) &&
            Arrays.equals(bidPrices, 0, bidLevels, row.bidPrices, 0, bidLevels) &&
            Arrays.equals(bidSizes, 0, bidLevels, row.bidSizes, 0, bidLevels);
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(Arrays.copyOf(askPrices, askLevels)) * 31 + Arrays.hashCode(Arrays.copyOf(bidPrices, bidLevels));
    }
}

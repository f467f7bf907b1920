package dev.tessera.lobster;

import dev.tessera.engine.MarketDepth;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.OrderBook;
import dev.tessera.engine.codec.Side;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the engine's book with a LOBSTER orderbook file after every timestamp batch (rows that
 * share a time: NASDAQ's own order within a burst is not recoverable, so only the state after the
 * burst is checked). For each depth k = 1..{@code levels} it counts the batches whose best k levels
 * agree on both sides, price and size; the deeper levels of a level-N file drift by design (a level
 * sliding in from N+1 has no message). Keeps the first mismatches (at full depth) with both books.
 */
public final class TopOfBookComparison implements AutoCloseable
{
    /** Mismatches kept for the report. */
    public static final int KEPT_MISMATCHES = 10;

    /**
     * One batch whose books differed.
     *
     * @param message   the batch's last message, counted from 1 as the rows of data (the header line not counted)
     * @param line      the orderbook file's line with the LOBSTER book shown (1-based, a header line counted), which
     *                  is also the message's line in the message file: both have a header line, or neither has
     * @param timeNanos the batch's time, nanoseconds after midnight
     * @param expected  the LOBSTER book, LOBSTER prices
     * @param actual    the engine's book, converted to LOBSTER prices
     */
    public record Mismatch(long message, long line, long timeNanos, String expected, String actual)
    {
    }

    /** LOBSTER's price unit: 10^-4 dollars ({@link LobsterImport#LOBSTER_PRICE_SCALE}). */
    private static final long LOBSTER_UNITS_PER_DOLLAR = 10_000;

    private final MatchingEngine engine;
    private final int instrumentId;
    private final LobsterImport prices;
    private final LobsterBookReader reader;
    private final int levels;
    private final MarketDepth depth;
    private final long[] matchedAtDepth;
    private final List<Mismatch> mismatches = new ArrayList<>();
    private long rowIndex = -1;
    private LobsterBookRow row;
    private long batches;

    /**
     * @param levels how many levels to compare, at most the file's.
     */
    public TopOfBookComparison(
        final MatchingEngine engine, final int instrumentId, final LobsterImport prices, final Path orderbookFile,
        final int fileLevels, final int levels)
    {
        if (levels < 1 || levels > fileLevels)
        {
            throw new IllegalArgumentException("levels to compare must be 1.." + fileLevels + ", got " + levels);
        }
        this.engine = engine;
        this.instrumentId = instrumentId;
        this.prices = prices;
        this.reader = new LobsterBookReader(orderbookFile, fileLevels);
        this.levels = levels;
        this.depth = new MarketDepth(levels);
        this.matchedAtDepth = new long[levels + 1];
    }

    /** The batch that ended with message {@code messageIndex} is done: compare the books. */
    public void onBatchEnd(final long messageIndex, final long timeNanos)
    {
        while (rowIndex < messageIndex)
        {
            row = reader.next();
            rowIndex++;
            if (row == null)
            {
                throw new IllegalArgumentException("the orderbook file ends at row " + rowIndex +
                    " but the message file goes on: are they of the same run?");
            }
        }
        batches++;
        final OrderBook book = engine.book(instrumentId);
        book.copyDepth(depth);
        int agreeing = 0;
        while (agreeing < levels && levelAgrees(Side.BUY, LobsterMessage.BUY, agreeing) &&
            levelAgrees(Side.SELL, LobsterMessage.SELL, agreeing))
        {
            agreeing++;
        }
        for (int k = 1; k <= agreeing; k++)
        {
            matchedAtDepth[k]++;
        }
        if (agreeing < levels && mismatches.size() < KEPT_MISMATCHES)
        {
            mismatches.add(new Mismatch(messageIndex + 1, reader.lineNumber(), timeNanos, expected(), actual()));
        }
    }

    private boolean levelAgrees(final Side side, final int direction, final int level)
    {
        final boolean inFile = level < row.levels(direction);
        final boolean inEngine = level < depth.levels(side);
        if (inFile != inEngine)
        {
            return false;
        }
        return !inFile || depth.price(side, level) == prices.price(row.price(direction, level), 0) &&
            depth.quantity(side, level) == row.size(direction, level);
    }

    /** Has the resync re-align the engine with the last compared row (the book before the next batch). */
    void resync(final BookResync resync, final long nextBatchTimeNanos)
    {
        resync.resync(row, engine.book(instrumentId), levels, prices, nextBatchTimeNanos);
    }

    private String expected()
    {
        final StringBuilder text = new StringBuilder();
        side(text, "bids", LobsterMessage.BUY, null);
        side(text, " asks", LobsterMessage.SELL, null);
        return text.toString();
    }

    private String actual()
    {
        final StringBuilder text = new StringBuilder();
        side(text, "bids", LobsterMessage.BUY, Side.BUY);
        side(text, " asks", LobsterMessage.SELL, Side.SELL);
        return text.toString();
    }

    private void side(final StringBuilder text, final String label, final int direction, final Side engineSide)
    {
        text.append(label).append(" [");
        final int count = Math.min(levels, engineSide == null ? row.levels(direction) : depth.levels(engineSide));
        for (int level = 0; level < count; level++)
        {
            final long size = engineSide == null ? row.size(direction, level) : depth.quantity(engineSide, level);
            final long price = engineSide == null ? row.price(direction, level) : prices.lobsterPrice(depth.price(engineSide, level));
            text.append(level == 0 ? "" : " ").append(size).append('@');
            appendDollars(text, price);
        }
        text.append(']');
    }

    /**
     * A LOBSTER price (dollars times 10^4) as the decimal people read ({@code 585.4700}): the mismatch lines are
     * read beside the LOBSTER files and the other reports, which show prices so, never as fixed-point integers.
     */
    private static void appendDollars(final StringBuilder text, final long lobsterPrice)
    {
        final long units = Math.abs(lobsterPrice);
        final long fraction = units % LOBSTER_UNITS_PER_DOLLAR;
        text.append(lobsterPrice < 0 ? "-" : "").append(units / LOBSTER_UNITS_PER_DOLLAR).append('.');
        for (long digit = LOBSTER_UNITS_PER_DOLLAR / 10; digit > 0; digit /= 10)
        {
            text.append((char)('0' + fraction / digit % 10));
        }
    }

    /**
     * After the run: the orderbook file's rows beyond the last message (one row per message), which nothing
     * compared: a message file cut short, say by a truncated download, has fewer messages than the rows beside it.
     */
    public long rowsLeftOver()
    {
        return reader.skipRest();
    }

    public int levels()
    {
        return levels;
    }

    /** Timestamp batches compared. */
    public long batches()
    {
        return batches;
    }

    /** Batches whose best {@code depth} levels (1..levels) agreed on both sides. */
    public long matched(final int depthLevels)
    {
        return matchedAtDepth[depthLevels];
    }

    /** Share of batches whose best {@code depth} levels agreed, 0..1. */
    public double matchRate(final int depthLevels)
    {
        return batches == 0 ? Double.NaN : (double)matchedAtDepth[depthLevels] / batches;
    }

    public List<Mismatch> firstMismatches()
    {
        return mismatches;
    }

    @Override
    public void close()
    {
        reader.close();
    }
}

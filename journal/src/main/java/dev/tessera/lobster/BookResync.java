package dev.tessera.lobster;

import dev.tessera.engine.OrderBook;
import dev.tessera.engine.codec.Side;

import java.util.Arrays;

/**
 * "Compare one step at a time": before a batch, brings the engine's visible levels back to the file's
 * book before that batch, so that the comparison after it judges the batch alone. A level-1 file
 * omits every message deeper than the touch, so orders that later reach the touch were never
 * entered: without this, one missing order spoils every later comparison. Levels the engine lacks,
 * or holds too little of, get a {@link LobsterImport#SEED_OWNER} order for the difference (at the
 * back of the level); levels it holds too much of lose their youngest orders first (cancelled or
 * replaced down). Only prices inside the file's visible range are touched.
 */
final class BookResync
{
    private long[] clientOrderIds = new long[256];
    private long[] orderIds = new long[256];
    private long[] owners = new long[256];
    private long[] prices = new long[256];
    private long[] quantities = new long[256];
    private long[] leaves = new long[256];
    private Side[] sides = new Side[256];
    private int orders;
    private long adjustments;

    /** Has {@code translator} queue the commands that make {@code book}'s top {@code levels} equal {@code row}'s. */
    void resync(final LobsterBookRow row, final OrderBook book, final int levels, final LobsterImport translator,
        final long timeNanos)
    {
        orders = 0;
        book.forEachOrder(this::collect);
        side(row, Side.BUY, LobsterMessage.BUY, levels, translator, timeNanos);
        side(row, Side.SELL, LobsterMessage.SELL, levels, translator, timeNanos);
    }

    private void collect(
        final Side side, final long price, final long orderId, final long owner, final long clientOrderId,
        final long quantity, final long leavesQuantity)
    {
        if (orders == orderIds.length)
        {
            final int size = orders * 2;
            clientOrderIds = Arrays.copyOf(clientOrderIds, size);
            orderIds = Arrays.copyOf(orderIds, size);
            owners = Arrays.copyOf(owners, size);
            this.prices = Arrays.copyOf(this.prices, size);
            quantities = Arrays.copyOf(quantities, size);
            leaves = Arrays.copyOf(leaves, size);
            sides = Arrays.copyOf(sides, size);
        }
        clientOrderIds[orders] = clientOrderId;
        orderIds[orders] = orderId;
        owners[orders] = owner;
        this.prices[orders] = price;
        quantities[orders] = quantity;
        leaves[orders] = leavesQuantity;
        sides[orders] = side;
        orders++;
    }

    private void side(
        final LobsterBookRow row, final Side side, final int direction, final int levels, final LobsterImport converter,
        final long timeNanos)
    {
        final int shown = Math.min(levels, row.levels(direction));
        // a side the file shows fewer levels of than it could has no deeper levels at all
        final boolean wholeSide = row.levels(direction) < row.maxLevels() && shown == row.levels(direction);
        final long worst = shown == 0 ? 0 : converter.price(row.price(direction, shown - 1), 0);
        // engine levels inside the visible range: bring each to the file's quantity
        for (int i = 0; i < orders; )
        {
            if (sides[i] != side)
            {
                i++;
                continue;
            }
            final long price = prices[i];
            int end = i;
            long held = 0;
            while (end < orders && sides[end] == side && prices[end] == price)
            {
                held += leaves[end];
                end++;
            }
            final boolean inRange = wholeSide || shown > 0 && (side == Side.BUY ? price >= worst : price <= worst);
            if (inRange)
            {
                final long wanted = quantityAt(row, direction, shown, converter, price);
                if (held > wanted)
                {
                    reduce(i, end, held - wanted, converter, timeNanos);
                }
                else if (held < wanted)
                {
                    add(side, price, wanted - held, converter, timeNanos);
                }
            }
            i = end;
        }
        // file levels the engine does not hold at all
        for (int level = 0; level < shown; level++)
        {
            final long price = converter.price(row.price(direction, level), 0);
            if (!holds(side, price))
            {
                add(side, price, row.size(direction, level), converter, timeNanos);
            }
        }
    }

    private boolean holds(final Side side, final long price)
    {
        for (int i = 0; i < orders; i++)
        {
            if (sides[i] == side && prices[i] == price)
            {
                return true;
            }
        }
        return false;
    }

    private static long quantityAt(
        final LobsterBookRow row, final int direction, final int shown, final LobsterImport converter, final long price)
    {
        for (int level = 0; level < shown; level++)
        {
            if (converter.price(row.price(direction, level), 0) == price)
            {
                return row.size(direction, level);
            }
        }
        return 0;
    }

    /** Takes {@code excess} off the level's orders [from, to), youngest first. */
    private void reduce(
        final int from, final int to, final long excess, final LobsterImport translator, final long timeNanos)
    {
        long left = excess;
        for (int i = to - 1; i >= from && left > 0; i--)
        {
            final long take = Math.min(left, leaves[i]);
            translator.resyncReduce(owners[i], orderIds[i], clientOrderIds[i], quantities[i], leaves[i], take, timeNanos);
            left -= take;
            adjustments++;
        }
    }

    private void add(
        final Side side, final long price, final long quantity, final LobsterImport translator, final long timeNanos)
    {
        translator.resyncAdd(side, price, quantity, timeNanos);
        adjustments++;
    }

    /** Commands issued to re-align the book. */
    long adjustments()
    {
        return adjustments;
    }
}

package dev.tessera.journal.tools;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.ClientOrderIds;
import dev.tessera.engine.MarketDepth;
import dev.tessera.engine.OrderBook;
import dev.tessera.engine.codec.Side;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints a book as people read it: L2 levels side by side, and on request every L3 order. */
public final class BookPrinter
{
    private final PrintWriter out;
    private final MarketDepth depth;

    /** @param levels the L2 levels shown per side. */
    public BookPrinter(final PrintWriter out, final int levels)
    {
        this.out = out;
        this.depth = new MarketDepth(levels);
    }

    /** L2: the top levels of both sides, best first, with their quantity and order count. */
    public void printDepth(final OrderBook book, final InstrumentConfig instrument)
    {
        book.copyDepth(depth);
        out.printf(Locale.ROOT, "Book %s: %d bid levels, %d ask levels (top %d shown)%n", instrument.symbol(),
            book.levelCount(Side.BUY), book.levelCount(Side.SELL), depth.maxLevels());
        final int rows = Math.max(depth.levels(Side.BUY), depth.levels(Side.SELL));
        if (rows == 0)
        {
            out.println("  (empty)");
            return;
        }
        row("orders", "bid qty", "bid", "ask", "ask qty", "orders");
        for (int i = 0; i < rows; i++)
        {
            final boolean bid = i < depth.levels(Side.BUY);
            final boolean ask = i < depth.levels(Side.SELL);
            row(bid ? Integer.toString(depth.orderCount(Side.BUY, i)) : "",
                bid ? Long.toString(depth.quantity(Side.BUY, i)) : "",
                bid ? instrument.formatPrice(depth.price(Side.BUY, i)) : "",
                ask ? instrument.formatPrice(depth.price(Side.SELL, i)) : "",
                ask ? Long.toString(depth.quantity(Side.SELL, i)) : "",
                ask ? Integer.toString(depth.orderCount(Side.SELL, i)) : "");
        }
    }

    /** Bids read right to left from the middle, asks left to right: the touch meets at the bar. */
    private void row(
        final String bidOrders, final String bidQuantity, final String bid, final String ask, final String askQuantity,
        final String askOrders)
    {
        final String line = String.format(Locale.ROOT, "  %7s %12s %14s | %-14s %-12s %s",
            bidOrders, bidQuantity, bid, ask, askQuantity, askOrders);
        out.println(line.stripTrailing());
    }

    /** L3: every resting order in priority order, bids best to worst, then asks. */
    public void printOrders(final OrderBook book, final InstrumentConfig instrument)
    {
        out.printf(Locale.ROOT, "Orders %s (priority order)%n", instrument.symbol());
        final int[] count = {0};
        book.forEachOrder((side, price, orderId, owner, clientOrderId, quantity, leaves) ->
        {
            count[0]++;
            out.printf(Locale.ROOT, "  %-4s %14s  leaves %-8d of %-8d  order %-8d owner %-6d clOrd %s%n",
                side, instrument.formatPrice(price), leaves, quantity, orderId, owner,
                ClientOrderIds.text(clientOrderId));
        });
        if (count[0] == 0)
        {
            out.println("  (none)");
        }
    }
}

package dev.tessera.server;

import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.EventFormatter;
import dev.tessera.engine.MarketDepth;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.OrderBook;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintWriter;
import java.time.Instant;

/**
 * A scripted trading session over every configured instrument, showing each rule once: resting
 * ladders, a sweep, a reject, self-trade prevention, a market order, a replace, FOK, post-only,
 * cancel and mass cancel. This class is an edge of the system: it stamps each command with a
 * sequence and the wall-clock time as the pipeline will, then prints the events and the books.
 */
final class DemoOrderFlow
{
    private static final int DEPTH_SHOWN = 5;

    private final ExchangeConfig config;
    private final PrintWriter out;
    private final MatchingEngine engine;
    private final EventFormatter formatter;
    private final CommandEncoder encoder = new CommandEncoder();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
    private final long alice;
    private final long bob;
    private long sequence;
    private long clientOrderId;
    private long events;
    private long trades;

    DemoOrderFlow(final ExchangeConfig config, final PrintWriter out)
    {
        this.config = config;
        this.out = out;
        this.engine = new MatchingEngine(config.instruments());
        this.formatter = new EventFormatter(config.instruments());
        final var sessions = config.gateway().sessions();
        this.alice = sessions.size() > 0 ? sessions.get(0).ownerId() : 1;
        this.bob = sessions.size() > 1 ? sessions.get(1).ownerId() : alice + 1;
    }

    void run()
    {
        for (final InstrumentConfig instrument : config.instruments())
        {
            out.println("== " + instrument.symbol() + " ==");
            trade(instrument);
            out.println();
        }

        step("owner " + bob + " cancels all its orders", encoder.massCancel(command, 0, ++sequence, now(), bob, ++clientOrderId, 0));
        out.println();

        for (final OrderBook book : engine.books())
        {
            printBook(book);
        }
        out.printf("%d commands, %d events, %d trades, %d live orders, state hash %016x%n",
            sequence, events, trades, engine.liveOrderCount(), engine.stateHash());
    }

    private void trade(final InstrumentConfig instrument)
    {
        final int id = instrument.id();
        final long ref = instrument.referencePrice();
        final long tick = instrument.tickSize();

        final long[] askIds = new long[6];
        final long[] bidIds = new long[6];
        for (int level = 1; level <= 5; level++)
        {
            askIds[level] = limit(instrument, alice, Side.SELL, ref + level * tick, lots(instrument, 10 * level), TimeInForce.GTC, false);
            bidIds[level] = limit(instrument, alice, Side.BUY, ref - level * tick, lots(instrument, 10 * level), TimeInForce.GTC, false);
        }
        if (tick > 1)
        {
            limit(instrument, bob, Side.BUY, ref + tick / 2, lots(instrument, 10), TimeInForce.GTC, false);
        }
        limit(instrument, bob, Side.BUY, ref + 2 * tick, lots(instrument, 35), TimeInForce.GTC, false);
        limit(instrument, alice, Side.SELL, ref - 3 * tick, lots(instrument, 80), TimeInForce.IOC, false);
        limit(instrument, bob, Side.SELL, ref - tick, lots(instrument, 20), TimeInForce.IOC, false);

        step("owner " + bob + " buys " + lots(instrument, 25) + " at market",
            encoder.newOrder(command, 0, ++sequence, now(), bob, id, ++clientOrderId, Side.BUY, OrderType.MARKET,
                TimeInForce.IOC, false, 0, lots(instrument, 25)));

        step("owner " + alice + " moves its ask " + instrument.formatPrice(ref + 5 * tick) + " to " +
            instrument.formatPrice(ref + 4 * tick),
            encoder.replaceOrder(command, 0, ++sequence, now(), alice, 0, askIds[5], ++clientOrderId,
                ref + 4 * tick, CommandEncoder.UNCHANGED));

        limit(instrument, bob, Side.BUY, ref + 5 * tick, lots(instrument, 10_000), TimeInForce.FOK, false);
        limit(instrument, bob, Side.BUY, ref + 4 * tick, lots(instrument, 10), TimeInForce.GTC, true);
        limit(instrument, bob, Side.BUY, ref - 6 * tick, lots(instrument, 10), TimeInForce.GTC, true);

        step("owner " + alice + " cancels its bid at " + instrument.formatPrice(ref - 5 * tick),
            encoder.cancelOrder(command, 0, ++sequence, now(), alice, 0, bidIds[5], ++clientOrderId));
    }

    /** @return the client order id it used. */
    private long limit(
        final InstrumentConfig instrument,
        final long owner,
        final Side side,
        final long price,
        final long quantity,
        final TimeInForce timeInForce,
        final boolean postOnly)
    {
        final long id = ++clientOrderId;
        step("owner " + owner + " " + (side == Side.BUY ? "buys " : "sells ") + quantity + " @ " +
                instrument.formatPrice(price) + " " + timeInForce + (postOnly ? " post-only" : ""),
            encoder.newOrder(command, 0, ++sequence, now(), owner, instrument.id(), id, side, OrderType.LIMIT,
                timeInForce, postOnly, price, quantity));
        return id;
    }

    private void step(final String description, final int length)
    {
        final int count = engine.onCommand(command, 0, length);
        events += count;
        final String text = formatter.format(engine.events());
        trades += text.lines().filter(line -> line.contains(" TRADE ")).count();
        out.println("> " + description);
        text.lines().forEach(line -> out.println("    " + line));
    }

    private void printBook(final OrderBook book)
    {
        final InstrumentConfig instrument = config.instrument(book.instrument().id()).orElseThrow();
        final MarketDepth depth = new MarketDepth(DEPTH_SHOWN);
        book.copyDepth(depth);
        out.println("Book " + instrument.symbol() + " (top " + DEPTH_SHOWN + ")");
        out.printf("  %12s %8s | %-8s %-12s%n", "bid qty", "bid", "ask", "ask qty");
        final int rows = Math.max(depth.levels(Side.BUY), depth.levels(Side.SELL));
        for (int i = 0; i < rows; i++)
        {
            final boolean hasBid = i < depth.levels(Side.BUY);
            final boolean hasAsk = i < depth.levels(Side.SELL);
            out.printf("  %12s %8s | %-8s %-12s%n",
                hasBid ? Long.toString(depth.quantity(Side.BUY, i)) : "",
                hasBid ? instrument.formatPrice(depth.price(Side.BUY, i)) : "",
                hasAsk ? instrument.formatPrice(depth.price(Side.SELL, i)) : "",
                hasAsk ? Long.toString(depth.quantity(Side.SELL, i)) : "");
        }
        if (rows == 0)
        {
            out.println("  (empty)");
        }
        out.println();
    }

    private static long lots(final InstrumentConfig instrument, final long lots)
    {
        return Math.max(lots * instrument.lotSize(), instrument.minQuantity());
    }

    private static long now()
    {
        final Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}

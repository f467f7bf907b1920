package dev.tessera.server;

import dev.tessera.config.DemoOwners;
import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.UnusableDirectoryException;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.EventFormatter;
import dev.tessera.engine.MarketDepth;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.OrderBook;
import dev.tessera.engine.OrderVisitor;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalReader;
import dev.tessera.journal.Recovery;
import dev.tessera.journal.SnapshotDirectory;
import dev.tessera.pipeline.ExchangePipeline;
import dev.tessera.pipeline.OrderEntry;
import dev.tessera.pipeline.Snapshotter;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * A scripted trading session over every configured instrument, showing each rule once: resting
 * ladders, a sweep, a reject, self-trade prevention, a market order, a replace, FOK, post-only,
 * cancel and mass cancel. It runs the real spine: recovery from the journal, the Disruptor
 * pipeline, journaling, and it prints each command's events as read back from the journal (the
 * source of truth), then the books. Two demo owners of its own keep it apart from FIX sessions.
 */
final class DemoOrderFlow
{
    static final long DEMO_MAKER = DemoOwners.MAKER;
    static final long DEMO_TAKER = DemoOwners.TAKER;

    private static final int DEPTH_SHOWN = 5;
    private static final long PUBLISH_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private final ExchangeConfig config;
    private final PrintWriter out;
    private final PrintWriter log;
    private final EventFormatter formatter;
    private OrderEntry entry;
    private JournalReader reader;
    private ExchangePipeline pipeline;
    private long clientOrderId;
    private long trades;

    /**
     * @param out what a user watches: commands, their events, the books (deterministic for a new journal).
     * @param log operational lines: recovery, journal location, timings.
     */
    DemoOrderFlow(final ExchangeConfig config, final PrintWriter out, final PrintWriter log)
    {
        this.config = config;
        this.out = out;
        this.log = log;
        this.formatter = new EventFormatter(config.instruments());
    }

    /**
     * @param announce prints what the demo is about to show: run once the journal is open, so that a journal in use
     *                 (or any other refusal) comes before it, not after a banner that says the demo is running.
     */
    void run(final Runnable announce)
    {
        final MatchingEngine engine;
        // As the exchange does: an unusable snapshot directory is refused before the journal is opened. A missing one
        // is made only once the journal recovered, so a start refused for a damaged journal leaves no new directory.
        final Path snapshotDirectory = config.journal().snapshotDirectory();
        UnusableDirectoryException.checkUsable("snapshot directory", snapshotDirectory);
        try (Journal journal = Journal.open(config.journal(), config.instruments()))
        {
            announce.run();
            out.flush();
            final SnapshotDirectory snapshots = new SnapshotDirectory(snapshotDirectory);
            // As the exchange's start does: under the journal's writer lock, a temp file is a write a crash cut off.
            snapshots.deleteLeftoverTempFiles(log::println);
            final Recovery.Result recovered = Recovery.recover(journal, config.instruments(),
                MatchingEngine.DEFAULT_EXPECTED_ORDERS, snapshots, log::println);
            SnapshotDirectory.forWriting(snapshotDirectory);
            engine = recovered.engine();
            // Client order ids must not clash with live orders from earlier runs: start past them.
            clientOrderId = recovered.position().commandSequence() * 100;
            // Counted before the engine thread owns the engine: what earlier runs of the demo left resting.
            final long makerLeftovers = restingOrdersOf(engine, DEMO_MAKER);
            final long takerLeftovers = restingOrdersOf(engine, DEMO_TAKER);
            log.println("journal: " + journal.directory().toAbsolutePath() + " (" + config.journal().durability() + ")");
            log.flush();

            final ExchangePipeline running = ExchangePipeline.start(config.pipeline(), journal, engine,
                recovered.position(), new ExchangePipeline.Options());
            Snapshotter snapshotter = null;
            try (JournalReader journalReader = journal.reader())
            {
                snapshotter = Snapshotter.start(config.journal(), config.gateway().doneOrders(), config.instruments(),
                    journal, running.published(), log::println);
                pipeline = running;
                reader = journalReader.startAfter(recovered.position());
                entry = running.orderEntry();

                // Only what is there to cancel: a mass cancel of nothing shows no rule (a new journal has nothing).
                if (makerLeftovers > 0)
                {
                    step("maker cancels the " + orders(makerLeftovers) + " earlier runs left",
                        () -> entry.massCancel(DEMO_MAKER, ++clientOrderId, 0));
                }
                if (takerLeftovers > 0)
                {
                    step("taker cancels the " + orders(takerLeftovers) + " earlier runs left",
                        () -> entry.massCancel(DEMO_TAKER, ++clientOrderId, 0));
                }
                if (makerLeftovers + takerLeftovers > 0)
                {
                    out.println();
                }
                for (final InstrumentConfig instrument : config.instruments())
                {
                    out.println("== " + instrument.symbol() + " ==");
                    trade(instrument);
                    out.println();
                }
            }
            finally
            {
                // The pipeline drains first, so the snapshotter's final snapshot covers the whole run.
                running.close();
                if (snapshotter != null)
                {
                    snapshotter.close();
                }
            }
        }

        for (final OrderBook book : engine.books())
        {
            printBook(book);
        }
        out.printf("%d trades in this run; %d live orders; last event %d; state hash %016x%n",
            trades, engine.liveOrderCount(), engine.lastEventSequence(), engine.stateHash());
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
            askIds[level] = limit(instrument, DEMO_MAKER, Side.SELL, ref + level * tick, lots(instrument, 10 * level),
                TimeInForce.GTC, false);
            bidIds[level] = limit(instrument, DEMO_MAKER, Side.BUY, ref - level * tick, lots(instrument, 10 * level),
                TimeInForce.GTC, false);
        }
        if (tick > 1)
        {
            limit(instrument, DEMO_TAKER, Side.BUY, ref + tick / 2, lots(instrument, 10), TimeInForce.GTC, false);
        }
        limit(instrument, DEMO_TAKER, Side.BUY, ref + 2 * tick, lots(instrument, 35), TimeInForce.GTC, false);
        limit(instrument, DEMO_MAKER, Side.SELL, ref - 3 * tick, lots(instrument, 80), TimeInForce.IOC, false);
        limit(instrument, DEMO_TAKER, Side.SELL, ref - tick, lots(instrument, 20), TimeInForce.IOC, false);

        final long marketQuantity = lots(instrument, 25);
        step("taker buys " + marketQuantity + " at market", () -> entry.newOrder(DEMO_TAKER, id, ++clientOrderId,
            Side.BUY, OrderType.MARKET, TimeInForce.IOC, false, 0, marketQuantity));

        step("maker moves its ask " + instrument.formatPrice(ref + 5 * tick) + " to " +
                instrument.formatPrice(ref + 4 * tick),
            () -> entry.replaceOrder(DEMO_MAKER, 0, askIds[5], ++clientOrderId, ref + 4 * tick, CommandEncoder.UNCHANGED));

        limit(instrument, DEMO_TAKER, Side.BUY, ref + 5 * tick, lots(instrument, 10_000), TimeInForce.FOK, false);
        limit(instrument, DEMO_TAKER, Side.BUY, ref + 4 * tick, lots(instrument, 10), TimeInForce.GTC, true);
        limit(instrument, DEMO_TAKER, Side.BUY, ref - 6 * tick, lots(instrument, 10), TimeInForce.GTC, true);

        step("maker cancels its bid at " + instrument.formatPrice(ref - 5 * tick),
            () -> entry.cancelOrder(DEMO_MAKER, 0, bidIds[5], ++clientOrderId));

        // The taker's resting orders (its post-only bid, the rest of its sweep): the maker's ladder stays for the books.
        step("taker cancels all its orders on " + instrument.symbol(),
            () -> entry.massCancel(DEMO_TAKER, ++clientOrderId, id));
    }

    private static String orders(final long count)
    {
        return count == 1 ? "1 order" : count + " orders";
    }

    /** The orders {@code owner} has resting (on configured books: start-up refuses a left-out one with any). */
    private static long restingOrdersOf(final MatchingEngine engine, final long owner)
    {
        final long[] count = {0};
        final OrderVisitor counter = (side, price, orderId, orderOwner, clientOrderId, quantity, leaves) ->
        {
            if (orderOwner == owner)
            {
                count[0]++;
            }
        };
        engine.books().forEach(book -> book.forEachOrder(counter));
        return count[0];
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
        step((owner == DEMO_MAKER ? "maker " : "taker ") + (side == Side.BUY ? "buys " : "sells ") + quantity + " @ " +
                instrument.formatPrice(price) + " " + timeInForce + (postOnly ? " post-only" : ""),
            () -> entry.newOrder(owner, instrument.id(), id, side, OrderType.LIMIT, timeInForce, postOnly, price, quantity));
        return id;
    }

    /** Enters one command, waits until it is journaled and published, prints its events from the journal. */
    private void step(final String description, final LongSupplier command)
    {
        long sequence;
        while ((sequence = command.getAsLong()) == OrderEntry.BUSY)
        {
            LockSupport.parkNanos(1_000);
        }
        if (sequence < 0)
        {
            throw new IllegalStateException("the pipeline refused a command: " + (sequence == OrderEntry.JOURNAL_FULL ?
                "the journal's file system is nearly full" : pipeline.failure()));
        }
        out.println("> " + description);
        final long commandSequence = sequence;
        final boolean[] seen = {false};
        final long deadline = System.nanoTime() + PUBLISH_TIMEOUT_NS;
        while (!seen[0])
        {
            final int read = reader.poll(record ->
            {
                final String text = formatter.format(record.buffer(), record.eventsOffset(), record.eventsLength());
                trades += text.lines().filter(line -> line.contains(" TRADE ")).count();
                text.lines().forEach(line -> out.println("    " + line));
                seen[0] |= record.commandSequence() == commandSequence;
            }, 16, pipeline.published().journalIndex());
            if (read == 0)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("command " + commandSequence + " was not published in time");
                }
                LockSupport.parkNanos(50_000);
            }
        }
    }

    private void printBook(final OrderBook book)
    {
        final InstrumentConfig instrument = config.instrument(book.instrument().id()).orElseThrow();
        final MarketDepth depth = new MarketDepth(DEPTH_SHOWN);
        book.copyDepth(depth);
        out.println("Book " + instrument.symbol() + " (top " + DEPTH_SHOWN + ")");
        out.printf("  %12s %10s | %-10s %-12s%n", "bid qty", "bid", "ask", "ask qty");
        final int rows = Math.max(depth.levels(Side.BUY), depth.levels(Side.SELL));
        for (int i = 0; i < rows; i++)
        {
            final boolean hasBid = i < depth.levels(Side.BUY);
            final boolean hasAsk = i < depth.levels(Side.SELL);
            out.printf("  %12s %10s | %-10s %-12s%n",
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
}

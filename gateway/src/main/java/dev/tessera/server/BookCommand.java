package dev.tessera.server;

import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.OrderBook;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalIndex;
import dev.tessera.journal.JournalInstruments;
import dev.tessera.journal.Recovery;
import dev.tessera.journal.SnapshotDirectory;
import dev.tessera.journal.tools.BookPrinter;
import dev.tessera.journal.tools.BookRebuilder;
import dev.tessera.journal.tools.Counted;
import dev.tessera.journal.tools.JournalTime;
import dev.tessera.journal.tools.RecordPoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code tessera book [--at POINT]}: the books as they stood at a point in history, or as they are. */
@Command(name = "book", mixinStandardHelpOptions = true,
    description = {
        "Show the books as they stood at a point in history (without --at, as they are at the journal's end), rebuilt " +
            "from the journal by applying its events " +
            "(no re-matching) from the first record up to and including the record at POINT; for a time, every " +
            "record up to the first one stamped after it. Read-only; every record read is verified. When the " +
            "journal's start was archived (journal archive), from the newest kept snapshot at or before POINT.",
        "POINT: a Chronicle index as dumps print it (0x512b00000010), a record number (17), an ISO-8601 instant " +
            "(2026-11-22T06:00:00Z) or epoch nanoseconds (1795327200000000000ns)."},
    footer = ExitStatus.HEADING + ExitStatus.OK + ", " + ExitStatus.CORRUPT + ", " + ExitStatus.BAD_USAGE +
        ", a point that is not in the journal, or " + ExitStatus.ARCHIVED + ".")
final class BookCommand implements Callable<Integer>
{
    @Mixin
    private ConfigOptions configOptions;

    @Mixin
    private JournalOptions journalOptions;

    @Option(names = "--at", paramLabel = "POINT", converter = JournalTools.RecordPointConverter.class,
        description = "The point in history (default: the journal's end, the books as they are now).")
    private RecordPoint at = RecordPoint.END;

    @Option(names = "--instrument", paramLabel = "SYMBOL|ID", description = "Show only this instrument's book.")
    private String instrument;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "10", description = "Price levels per side (default: ${DEFAULT-VALUE}).")
    private int depth;

    @Option(names = "--orders", description = "Also list every resting order (L3), in priority order.")
    private boolean orders;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        if (depth <= 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--depth must be > 0, got " + depth);
        }
        return JournalTools.run(spec, configOptions, journalOptions, (config, journal, out, err) ->
        {
            final Integer only = instrument == null ? null : JournalTools.instrumentId(config, journal, instrument);
            if (only != null && config.instrument(only).isEmpty())
            {
                throw new IllegalArgumentException("instrument " + instrument + " is not configured (" +
                    JournalTools.nameableInstruments(config, journal, instrument) + "): its book cannot be rebuilt");
            }
            final BookRebuilder.Result result = ArchivedHistory.isArchived(journal) ?
                rebuildFromSnapshot(config, journal, err) :
                BookRebuilder.rebuild(journal, config.instruments(), at, journalOptions.progressBar(err, "book", journal));
            out.println("journal " + journal.directory().toAbsolutePath());
            printWhere(out, result);
            final BookPrinter printer = new BookPrinter(out, depth);
            final MatchingEngine engine = result.engine();
            for (final InstrumentConfig book : config.instruments())
            {
                if (only == null || only == book.id())
                {
                    final OrderBook orderBook = engine.book(book.id());
                    printer.printDepth(orderBook, book);
                    if (orders)
                    {
                        printer.printOrders(orderBook, book);
                    }
                }
            }
            if (only == null)
            {
                printLeftOut(out, engine, JournalInstruments.leftOut(journal.directory(), config.instruments()));
            }
            out.printf(Locale.ROOT, "%d live orders; last order id %d; last event %d; state hash %016x%n",
                engine.liveOrderCount(), engine.lastOrderId(), engine.lastEventSequence(), engine.stateHash());
            return TesseraMain.EXIT_OK;
        });
    }

    /**
     * Books of instruments the configuration leaves out, which hold live orders: counted in the live orders below but
     * not shown, as their prices cannot be read without the instrument (QA 95: 3 live orders, two shown, no word why).
     */
    private static void printLeftOut(
        final PrintWriter out, final MatchingEngine engine, final List<InstrumentConfig> leftOut)
    {
        for (final OrderBook book : engine.booksLeftOut())
        {
            final int resting = book.orderCount();
            if (resting > 0)
            {
                final int id = book.instrument().id();
                final String symbol = leftOut.stream().filter(instrument -> instrument.id() == id)
                    .map(InstrumentConfig::symbol).findFirst().orElse("instrument id " + id);
                out.printf(Locale.ROOT, "%s (id %d): %d live order(s), not shown: the configuration leaves it out%n",
                    symbol, id, resting);
            }
        }
    }

    /**
     * The journal's start was archived: the books from the newest kept snapshot at or before the point, then the
     * records after it; refused in one line when the point lies before every usable snapshot.
     */
    private BookRebuilder.Result rebuildFromSnapshot(
        final ExchangeConfig config, final Journal journal, final PrintWriter err)
    {
        final SnapshotDirectory snapshots = ArchivedHistory.snapshots(config);
        final Optional<Recovery.Start> start = Recovery.startFromSnapshot(journal, config.instruments(),
            MatchingEngine.DEFAULT_EXPECTED_ORDERS, snapshots, Long.MAX_VALUE, snapshot -> true,
            candidate -> !at.isBefore(candidate.from(), candidate.reader().lastTimestamp()), "book", err::println,
            err::println);
        if (start.isEmpty())
        {
            final String reachable;
            try (Recovery.Start oldest = Recovery.startFromOldestSnapshot(journal, config.instruments(),
                MatchingEngine.DEFAULT_EXPECTED_ORDERS, snapshots, "book", line -> { }).orElse(null))
            {
                reachable = oldest == null ? ArchivedHistory.noUsableSnapshot(config) : "the books can be rebuilt " +
                    "only from record " + oldest.from().recordSequence() + " (index " +
                    JournalIndex.format(oldest.from().index()) + ", snapshot " + oldest.snapshot() + ") on";
            }
            throw ArchivedHistory.unreachable(at.toString(), journal, config, reachable);
        }
        try (Recovery.Start from = start.get())
        {
            return BookRebuilder.rebuild(from, at, journalOptions.progressBar(err, "book", journal));
        }
    }

    private void printWhere(final PrintWriter out, final BookRebuilder.Result result)
    {
        out.printf(Locale.ROOT, "at %s: after record %d (index %s, command %d, %s), %s applied%s%n", at,
            result.recordSequence(), JournalIndex.format(result.index()), result.commandSequence(),
            JournalTime.format(result.timestamp()), Counted.of(result.records(), "record"),
            result.snapshot() == null ? "" : " after snapshot " + result.snapshot() + " (the journal's start is archived)");
    }
}

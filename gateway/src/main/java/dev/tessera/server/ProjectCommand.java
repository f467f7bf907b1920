package dev.tessera.server;

import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalGenerations;
import dev.tessera.journal.tools.Counted;
import dev.tessera.projection.Candle;
import dev.tessera.projection.CandleInterval;
import dev.tessera.projection.Candles;
import dev.tessera.projection.OrderAudit;
import dev.tessera.projection.Projection;
import dev.tessera.projection.ProjectionHost;
import dev.tessera.projection.ProjectionTable;
import dev.tessera.projection.TradeTape;
import dev.tessera.report.TextTable;
import dev.tessera.simulation.SimulationReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/** {@code tessera project}: read models rebuilt from scratch from the journal; on its own it lists them. */
@Command(name = "project", mixinStandardHelpOptions = true,
    description = "Rebuild a projection (read model) from the journal, from record 1, and print it or write it as CSV. " +
        "Read-only; every record read is verified. When the journal's start was archived (journal archive), from the " +
        "first record still there, as said on the output.",
    footer = ProjectCommand.EXIT_STATUS,
    subcommands = {ProjectCommand.TradesCommand.class, ProjectCommand.CandlesCommand.class,
        ProjectCommand.OrdersCommand.class})
final class ProjectCommand implements Callable<Integer>
{
    /** Every projection's: the same rebuild, and the same --csv. */
    static final String EXIT_STATUS = ExitStatus.HEADING + ExitStatus.OK + ", " + ExitStatus.CORRUPT + ", " +
        ExitStatus.BAD_USAGE + ", or a --csv file it cannot write.";

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        spec.commandLine().getErr().println("tessera project: name a projection: trades, candles or orders");
        spec.commandLine().usage(spec.commandLine().getErr());
        return TesseraMain.EXIT_BAD_CONFIG;
    }

    /** The options every projection shares: configuration, journal, and where the result goes. */
    static final class ProjectionOptions
    {
        @CommandLine.Mixin
        ConfigOptions configOptions;

        @CommandLine.Mixin
        JournalOptions journalOptions;

        @Option(names = "--csv", paramLabel = "FILE", description = "Write the projection to FILE as CSV instead of printing it.")
        Path csv;
    }

    /**
     * Rebuilds {@code projection} from the journal, then prints its table or writes it as CSV.
     *
     * @param table the projection as a table, once built
     */
    static <P extends Projection> int project(
        final CommandLine.Model.CommandSpec spec, final ProjectionOptions options, final BiFunction<ExchangeConfig, Journal, P> projection,
        final TableOf<P> table)
    {
        return JournalTools.run(spec, options.configOptions, options.journalOptions, (config, journal, out, err) ->
        {
            // Before the rebuild, which on a long journal would be wasted on a file that cannot be written.
            if (options.csv != null)
            {
                if (options.csv.toString().isBlank())
                {
                    // QA 107: "cannot write : it is a directory" (the empty path is the working directory).
                    throw new CommandLine.ParameterException(spec.commandLine(), "--csv needs a file name");
                }
                SimulationReport.checkWritable(options.csv);
            }
            final P built = projection.apply(config, journal);
            final long start = System.nanoTime();
            // A projection reads events only, no books: on a journal whose start was archived, it covers what is left.
            final boolean archived = ArchivedHistory.isArchived(journal);
            final long records = archived ?
                ProjectionHost.rebuildAvailable(journal, built, options.journalOptions.progressBar(err, "project", journal)) :
                ProjectionHost.rebuild(journal, built, options.journalOptions.progressBar(err, "project", journal))
                    .recordSequence();
            final double seconds = (System.nanoTime() - start) / 1e9;
            final ProjectionTable result = table.of(built, config, journal, JournalTools.readableInstrument(config, journal));
            out.println("journal   " + journal.directory().toAbsolutePath());
            if (archived)
            {
                out.println("archived  " + ArchivedHistory.archived(journal, config) + ": the projection covers only " +
                    "the records from there on");
            }
            describe(out, built, archived ? "from record " + journal.firstRecordSequence() : "from scratch", records,
                seconds, result);
            if (options.csv == null && result.rows().isEmpty())
            {
                out.println("nothing to show");
            }
            else if (options.csv == null)
            {
                TextTable.print(out, result.header(), result.rows());
            }
            else
            {
                SimulationReport.write(options.csv, result::writeCsv);
                out.println("wrote     " + options.csv);
            }
            return TesseraMain.EXIT_OK;
        });
    }

    private static void describe(
        final PrintWriter out, final Projection built, final String from, final long records, final double seconds,
        final ProjectionTable result)
    {
        out.printf(Locale.ROOT, "%s rebuilt %s: %s in %.3f s (%,.0f records/s), %s%n", built.name(), from,
            Counted.of(records, "record"), seconds, seconds == 0 ? 0 : records / seconds,
            Counted.of(result.rows().size(), "row"));
    }

    /** A built projection as a table. */
    @FunctionalInterface
    interface TableOf<P>
    {
        /** @param instruments by id, to show: {@link JournalTools#readableInstrument}. */
        ProjectionTable of(
            P projection, ExchangeConfig config, Journal journal, IntFunction<Optional<InstrumentConfig>> instruments);
    }

    @Command(name = "trades", mixinStandardHelpOptions = true,
        description = "The trade tape: every trade in the order the engine made it (price, quantity, aggressor side, " +
            "maker and taker orders, owners and ClOrdIDs, and the ExecIDs of both sides' fill reports).",
        footer = EXIT_STATUS)
    static final class TradesCommand implements Callable<Integer>
    {
        @CommandLine.Mixin
        private ProjectionOptions options;

        @Option(names = "--instrument", paramLabel = "SYMBOL|ID", description = "Only this instrument's trades.")
        private String instrument;

        @Option(names = "--last", paramLabel = "N", description = "Only the last N trades.")
        private Integer last;

        @Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call()
        {
            if (last != null && last <= 0)
            {
                throw new CommandLine.ParameterException(spec.commandLine(), "--last must be > 0, got " + last);
            }
            return project(spec, options, (config, journal) ->
                {
                    if (instrument == null)
                    {
                        return new TradeTape(TradeTape.ALL_INSTRUMENTS);
                    }
                    final int id = JournalTools.instrumentId(config, journal, instrument);
                    // Named by its symbol, also when given by its id (QA 107: "trade tape of instrument 2").
                    return new TradeTape(id, JournalTools.readableInstruments(config, journal).stream()
                        .filter(known -> known.id() == id).map(InstrumentConfig::symbol).findFirst().orElse(null));
                },
                (tape, config, journal, instruments) ->
                {
                    JournalTools.requireKnownInstrument(config, journal, instrument, !tape.prints().isEmpty(),
                        "the journal has no trade of it");
                    return ProjectionTable.trades(last == null ? tape.prints() : tape.latest(last), instruments,
                        JournalGenerations.read(journal.directory()));
                });
        }
    }

    @Command(name = "candles", mixinStandardHelpOptions = true,
        description = "OHLC candles per instrument: open, high, low, close, volume, trade count, notional and VWAP per " +
            "interval (UTC-aligned; intervals without trades have no candle).",
        footer = EXIT_STATUS)
    static final class CandlesCommand implements Callable<Integer>
    {
        @CommandLine.Mixin
        private ProjectionOptions options;

        @Option(names = "--interval", paramLabel = "INTERVAL", defaultValue = "1m",
            description = "Candle width: 500ms, 30s, 1m, 5m, 1h, 1d ... (default: ${DEFAULT-VALUE}).")
        private String interval;

        @Option(names = "--instrument", paramLabel = "SYMBOL|ID", description = "Only this instrument's candles.")
        private String instrument;

        @Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call()
        {
            final CandleInterval width;
            try
            {
                width = CandleInterval.parse(interval);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
            }
            return project(spec, options,
                (config, journal) -> new Candles(width),
                (candles, config, journal, instruments) ->
                {
                    final List<Candle> rows = instrument == null ? candles.candles() :
                        candles.candles(JournalTools.instrumentId(config, journal, instrument));
                    JournalTools.requireKnownInstrument(config, journal, instrument, !rows.isEmpty(),
                        "the journal has no trade of it");
                    return ProjectionTable.candles(rows, instruments);
                });
        }
    }

    @Command(name = "orders", mixinStandardHelpOptions = true,
        description = "The order history, of every owner or of one: the audit trail of every order's life, one row per " +
            "step (accepted or rejected, fills with their counterparty, replaces, cancels and refused requests with " +
            "their reasons).",
        footer = EXIT_STATUS)
    static final class OrdersCommand implements Callable<Integer>
    {
        @CommandLine.Mixin
        private ProjectionOptions options;

        @Option(names = "--owner", paramLabel = "N",
            description = "Only this owner's orders (as FIX sessions map to owners); without it, every owner's, by owner.")
        private Long owner;

        @Option(names = "--order", paramLabel = "ID", description = "Only this order (the engine's order id), whoever owns it.")
        private Long order;

        @Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call()
        {
            if (owner != null && owner <= 0)
            {
                throw new CommandLine.ParameterException(spec.commandLine(), "--owner must be > 0, got " + owner);
            }
            // As journal dump: no order id is negative, so a negative one is a typo, not a filter that matches nothing.
            if (order != null && order < 0)
            {
                throw new CommandLine.ParameterException(spec.commandLine(), "--order must not be negative, got " + order);
            }
            // A surveillance desk wants the whole venue in one file (QA 134 O6): every owner unless one is named.
            return project(spec, options,
                (config, journal) -> new OrderAudit(owner == null ? OrderAudit.ALL_OWNERS : owner),
                (audit, config, journal, instruments) -> ProjectionTable.orders(audit.orders().stream()
                    .filter(life -> order == null || life.orderId() == order).toList(), instruments));
        }
    }
}

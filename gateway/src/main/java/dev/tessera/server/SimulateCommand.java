package dev.tessera.server;

import dev.tessera.config.Durability;
import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SymbolList;
import dev.tessera.config.JournalConfig;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.RejectReason;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalPosition;
import dev.tessera.journal.JournalWriter;
import dev.tessera.journal.tools.Counted;
import dev.tessera.journal.tools.ProgressBar;
import dev.tessera.lobster.LobsterFile;
import dev.tessera.lobster.LobsterReplay;
import dev.tessera.lobster.LobsterReport;
import dev.tessera.report.HtmlReport;
import dev.tessera.report.TextTable;
import dev.tessera.simulation.CommandSource;
import dev.tessera.simulation.InstrumentStatistics;
import dev.tessera.simulation.JournalCommandSource;
import dev.tessera.simulation.Pacer;
import dev.tessera.simulation.Simulation;
import dev.tessera.simulation.SimulationReport;
import dev.tessera.simulation.SimulationStatistics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code tessera simulate INPUT}: runs recorded or imported order flow through a fresh in-process
 * engine built from the configuration (so {@code --config}/{@code --set} make a what-if run), and
 * writes the run's own journal, CSV and an HTML page into a new directory. The input is only read.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {
        "Run a recorded journal's commands, or a LOBSTER message file, through a fresh engine with the instruments " +
            "of the configuration (--config/--set make it a what-if run: other ticks, bands, self-trade prevention, " +
            "instruments). The input is only read. The run's own journal (with configuration.txt, the configuration " +
            "options that read it), statistics.csv, series.csv and report.html " +
            "go to a new directory (--out). Prints per-instrument statistics and the run's throughput.",
        "INPUT: a journal directory, or a LOBSTER message file (TICKER_DATE_START_END_message_LEVELS.csv; the " +
            "instrument named TICKER must be configured, e.g. --config docs/examples/lobster-2012-06-21.conf)."},
    footer = ExitStatus.HEADING + ExitStatus.OK + ", 1 the input journal failed verification, 2 bad usage, " +
        "configuration or input " +
        "(also an input journal whose start was archived, and a run in which nothing matched: no order in the input, " +
        "every order rejected, or the book never once as the orderbook file's); 130 (143) when Ctrl-C (SIGTERM) stopped " +
        "it: its partial output is removed.")
final class SimulateCommand implements Callable<Integer>
{
    /** The configuration with the LOBSTER sample files' tickers, a model for others. */
    private static final String SAMPLE_CONFIG = "docs/examples/lobster-2012-06-21.conf";
    /** 128 + SIGINT, as a shell reports a command Ctrl-C stopped. */
    static final int EXIT_INTERRUPTED = 130;
    /** How long an interrupted run may take to stop and remove its partial output before the JVM exits anyway. */
    private static final long CLEAN_UP_TIMEOUT_SECONDS = 30;
    private static final DateTimeFormatter RUN_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @Mixin
    private ConfigOptions configOptions;

    @Parameters(index = "0", paramLabel = "INPUT", description = "A journal directory or a LOBSTER message file.")
    private Path input;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Where the run writes (must be new or empty, and outside the input; default: " +
            "data/simulations/<input>-<UTC time>).")
    private Path out;

    @Option(names = "--speed", paramLabel = "N",
        description = "Pace the commands at N times the recorded pace (2 = twice as fast, 0.5 = half speed); default: " +
            "as fast as possible.")
    private Double speed;

    @Option(names = "--no-journal", description = "Do not write the run's own journal (only statistics, CSV and the page).")
    private boolean noJournal;

    @Option(names = "--orderbook", paramLabel = "FILE",
        description = "LOBSTER orderbook file: seeds the book the day starts from and is compared with the engine's best " +
            "levels after every timestamp batch. Default: the orderbook file beside the message file, if there is one. " +
            "LOBSTER input only.")
    private Path orderbook;

    @Option(names = "--no-orderbook", description = "Ignore the orderbook file beside the message file (not with --orderbook, --levels or --resync).")
    private boolean noOrderbook;

    @Option(names = "--levels", paramLabel = "N",
        description = "Best levels to compare with the orderbook file (default: all the file has). LOBSTER input only.")
    private Integer levels;

    @Option(names = "--resync",
        description = "Before each timestamp batch, re-align the compared levels with the orderbook file (compare one step " +
            "at a time; a level-1 file needs it, as it omits every order deeper than the touch). LOBSTER input only.")
    private boolean resync;

    @Option(names = "--progress",
        description = "Show a progress bar on stderr even when it is not a terminal (it shows on a terminal for long runs).")
    private boolean progress;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    /** Set by the shutdown hook (Ctrl-C, SIGTERM); the run polls it between commands and while pacing. */
    private volatile boolean interrupted;
    /**
     * What became of the output of a run that failed, said after the failure's own line (QA 98: the consequence came
     * before the cause, the bad input row); null when none failed.
     */
    private String failedRunNote;

    @Override
    public Integer call()
    {
        if (speed != null && !(speed > 0 && speed < Double.POSITIVE_INFINITY))
        {
            // as typed: 0 is not "0.0", and 1e-400 is not the 0.0 it parses to
            throw new CommandLine.ParameterException(spec.commandLine(), "--speed must be a positive, finite number, got " +
                spec.commandLine().getParseResult().matchedOption("--speed").stringValues().get(0));
        }
        if (levels != null && levels <= 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--levels must be > 0, got " + levels);
        }
        if (out != null && out.toString().isEmpty())
        {
            // "" is the working directory to the file system, which is no new directory for a run
            throw new CommandLine.ParameterException(spec.commandLine(), "--out needs a directory, got an empty path");
        }
        refuseOptionsTheInputIgnores();
        try
        {
            return JournalTools.runConfigured(spec, configOptions, (config, out, err) ->
            {
                final Path directory = outputDirectory();
                return Files.isDirectory(input) ? simulateJournal(config, directory, out, err) :
                    simulateLobster(config, directory, out, err);
            });
        }
        finally
        {
            if (failedRunNote != null)
            {
                spec.commandLine().getErr().print(failedRunNote);
                spec.commandLine().getErr().flush();
            }
        }
    }

    /**
     * The orderbook options only shape a LOBSTER replay, and {@code --no-orderbook} says to use no orderbook file:
     * given where they would do nothing (for a journal, or with {@code --no-orderbook}, which leaves no comparison
     * for {@code --levels} and {@code --resync} to shape), or with the file they refuse, they are refused as bad
     * usage rather than silently ignored, so that a run is never taken for the comparison or the seeded book the user asked for.
     */
    private void refuseOptionsTheInputIgnores()
    {
        if (orderbook != null && noOrderbook)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--no-orderbook and --orderbook " + orderbook +
                " contradict each other: give the orderbook file or leave it out, not both");
        }
        final String comparison = levels != null ? "--levels " + levels : resync ? "--resync" : null;
        if (noOrderbook && comparison != null)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), comparison + " shapes the comparison with " +
                "the orderbook file, and --no-orderbook leaves that file out: give one or the other, not both");
        }
        if (!Files.isDirectory(input))
        {
            return;
        }
        final String ignored = orderbook != null ? "--orderbook" : levels != null ? "--levels" : resync ? "--resync" :
            noOrderbook ? "--no-orderbook" : null;
        if (ignored != null)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), ignored + " applies only to a LOBSTER message " +
                "file (a replay compared with its orderbook file), and the input " + input + " is a journal directory: " +
                "leave it out");
        }
    }

    private int simulateJournal(final ExchangeConfig config, final Path directory, final PrintWriter out, final PrintWriter err)
    {
        if (!JournalTools.holdsJournal(input))
        {
            throw new IllegalArgumentException(JournalTools.noJournal(input));
        }
        final MatchingEngine engine = new MatchingEngine(config.instruments());
        try (Journal journal = Journal.openReadOnly(input, config.instruments()); CommandSource source = new JournalCommandSource(journal))
        {
            // The run's journal holds every command of the input, also those of the instruments the configuration
            // leaves out (rejected): it records their journaled symbol and priceScale too, or a later reader would
            // take their prices at another scale, or them for another instrument given their id.
            return run(config, engine, source, null, SimulationDiagnosis.ofJournal(input),
                JournalTools.readableInstruments(config, journal), directory, out, err);
        }
    }

    private int simulateLobster(final ExchangeConfig config, final Path directory, final PrintWriter out, final PrintWriter err)
    {
        if (!Files.isRegularFile(input))
        {
            throw new IllegalArgumentException("no journal directory or LOBSTER message file at " + input);
        }
        if (JournalTools.inJournal(input))
        {
            // a journal's cycle file, most likely: its directory was meant, and it is no LOBSTER file name either
            throw new IllegalArgumentException(JournalTools.noJournal(input));
        }
        final LobsterFile name = LobsterFile.of(input);
        if (!"message".equals(name.kind()))
        {
            throw new IllegalArgumentException(input.getFileName() + " is a LOBSTER " + name.kind() +
                " file: give the message file (and --orderbook FILE)");
        }
        final InstrumentConfig instrument = config.instrument(name.ticker()).orElseThrow(() -> new IllegalArgumentException(
            "instrument " + name.ticker() + " (from the file name) is not configured (configured: " +
                SymbolList.describe(config.instruments(), InstrumentConfig::symbol, InstrumentConfig::symbol,
                    name.ticker()) +
                "); add " + name.ticker() + " to a configuration like " + SAMPLE_CONFIG + " (priceScale 4 takes " +
                "LOBSTER's dollars x 10,000 exactly; set the reference price near the day's prices) and give it with " +
                "--config" + (sampleConfigGiven() ? "" : " (that file has the samples' tickers)")));
        final Path book = orderbookFile();
        final String otherRun = book == null ? null : LobsterFile.mismatch(input, book);
        if (otherRun != null)
        {
            // QA 120: an orderbook file of another ticker seeded the book at its prices and was diagnosed after the run.
            throw new IllegalArgumentException(otherRun);
        }
        final MatchingEngine engine = new MatchingEngine(config.instruments());
        try (LobsterReplay replay = LobsterReplay.open(engine, instrument, input, book,
            levels == null ? Integer.MAX_VALUE : levels, resync && book != null))
        {
            final int fileLevels = book == null ? 0 : LobsterFile.of(book).levels();
            if (levels != null && book != null && levels > fileLevels)
            {
                err.printf(Locale.ROOT, "tessera: --levels %d: the orderbook file %s has %d level%s; comparing %d%n", levels,
                    book.getFileName(), fileLevels, fileLevels == 1 ? "" : "s", fileLevels);
            }
            if (book != null && fileLevels < InstrumentStatistics.DEPTH_LEVELS)
            {
                // LOBSTER's message file holds only the events of the levels its orderbook file has (QA 95: a level-1
                // AMZN day showed 279 ask levels and a five-level depth built on orders the file never updates).
                err.printf(Locale.ROOT, "tessera: note: the orderbook file %s has %d level%s, and the message file " +
                    "follows only %s: the depth beyond (mean_depth_%d_levels, the deeper levels of the final book) rests " +
                    "on orders the files never update%n", book.getFileName(), fileLevels, fileLevels == 1 ? "" : "s",
                    fileLevels == 1 ? "it" : "them", InstrumentStatistics.DEPTH_LEVELS);
            }
            if ((resync || levels != null) && book == null)
            {
                err.println("tessera: " + (resync && levels != null ? "--resync and --levels need" : resync ?
                    "--resync needs" : "--levels needs") + " an orderbook file, and there is none beside " +
                    input.getFileName() + "; running without it");
            }
            final SimulationDiagnosis diagnosis = SimulationDiagnosis.ofLobster(instrument, input, book, replay.comparison());
            final int status = run(config, engine, replay.source(), new LobsterReport(replay), diagnosis,
                config.instruments(), directory, out, err);
            long leftOver = 0;
            try
            {
                leftOver = replay.comparison() == null || status == EXIT_INTERRUPTED ? 0 :
                    replay.comparison().rowsLeftOver();
            }
            catch (final IllegalArgumentException ex)
            {
                // Past every row compared, so the run stands (its output is kept): said, not passed over (QA 111).
                err.println("tessera: warning: " + ex.getMessage() + " (after the last row compared)");
            }
            // An interrupted run stopped reading both files where it was (QA 107: SIGTERM then warned of a cut file).
            if (leftOver > 0)
            {
                // The reverse (more messages than rows) is refused; this way round the run is still sound, but the
                // message file most likely lost its end, so it says so rather than report a shorter day as the whole.
                final long messages = replay.source().position();
                err.printf(Locale.ROOT, "tessera: warning: the orderbook file %s has %,d row%s but the message file %s " +
                    "only %,d message%s (one row per message): is the message file cut short? The last %,d %s " +
                    "never compared%n", book.getFileName(), messages + leftOver, messages + leftOver == 1 ? "" : "s",
                    input.getFileName(), messages, messages == 1 ? "" : "s", leftOver, leftOver == 1 ? "row was" :
                    "rows were");
            }
            return status;
        }
    }

    /**
     * Runs the source, prints and writes the results into {@code directory} (for the default output, the
     * first name tried); {@code lobster} is null for a journal input. {@code journaled}: the instruments the run's
     * journal records as those its numbers are written with.
     *
     * @return {@value TesseraMain#EXIT_BAD_CONFIG} when nothing of the run matched (the output is kept).
     */
    private int run(
        final ExchangeConfig config, final MatchingEngine engine, final CommandSource source, final LobsterReport lobster,
        final SimulationDiagnosis diagnosis, final List<InstrumentConfig> journaled, final Path directory,
        final PrintWriter out, final PrintWriter err)
    {
        // Claimed only now, once the input is known to be readable: a refused input leaves nothing behind.
        final SimulationDirectory claimed = this.out == null ? SimulationDirectory.claimNew(directory, err) :
            SimulationDirectory.claim(directory, err);
        // Ctrl-C or SIGTERM: the JVM runs its shutdown hooks, then halts whatever this thread is doing. So the hook
        // only asks the run to stop and waits until this thread has closed the run's journal and removed the
        // partial output (the failure path below): an interrupted run leaves nothing behind, as a failed one.
        final CountDownLatch cleanedUp = new CountDownLatch(1);
        final Thread onInterrupt = new Thread(() ->
        {
            interrupted = true;
            awaitQuietly(cleanedUp);
        }, "tessera-simulate-interrupted");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        boolean done = false;
        try
        {
            final int status = simulate(config, engine, source, lobster, diagnosis, journaled, claimed.path(), out, err);
            if (status != EXIT_INTERRUPTED)
            {
                // A finished run keeps its output, also when nothing matched: its report shows what happened.
                claimed.release();
                done = true;
            }
            return status;
        }
        finally
        {
            if (!done && interrupted)
            {
                // A half-written run is no result, and left behind it would block a rerun with the same --out.
                claimed.removeOutput(err, String.format(Locale.ROOT, "was interrupted after %,d of %,d input record%s",
                    source.position(), source.length(), source.length() == 1 ? "" : "s"));
            }
            else if (!done)
            {
                // Failed: removed now, as an interrupted run's output is, but said once the failure is (call).
                final StringWriter note = new StringWriter();
                claimed.removeOutput(new PrintWriter(note), "did not finish");
                failedRunNote = note.toString();
            }
            err.flush();
            cleanedUp.countDown();
            removeHook(onInterrupt);
        }
    }

    private static void awaitQuietly(final CountDownLatch cleanedUp)
    {
        try
        {
            // bounded: a run thread that cannot stop must not keep the JVM from exiting (its claim then stays, as
            // after kill -9, and the next run takes it over)
            cleanedUp.await(CLEAN_UP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException shuttingDown)
        {
            // the hook is running: it waited for the clean-up above and lets the JVM exit now
        }
    }

    private int simulate(
        final ExchangeConfig config, final MatchingEngine engine, final CommandSource source, final LobsterReport lobster,
        final SimulationDiagnosis diagnosis, final List<InstrumentConfig> journaled, final Path directory,
        final PrintWriter out, final PrintWriter err)
    {
        final Pacer pacer = speed == null ? Pacer.AS_FAST_AS_POSSIBLE : Pacer.atSpeed(speed);
        final SimulationStatistics statistics = new SimulationStatistics(config.instruments());
        final Path journalDirectory = directory.resolve(SimulationDirectory.JOURNAL);
        out.println("simulate  " + source.description());
        out.println("config    " + configuration());
        out.println("pace      " + (speed == null ? "as fast as possible" : speed + "x recorded time"));
        out.flush();
        final Simulation.Result result;
        try (Journal own = noJournal ? null : Journal.open(new JournalConfig(journalDirectory,
            config.journal().rollCycle(), Durability.PROCESS), journaled);
            JournalWriter writer = own == null ? null : own.writer(JournalPosition.EMPTY))
        {
            final ProgressBar bar = ProgressBar.create(err, "simulate", source.length(), progress);
            result = new Simulation(engine, pacer, writer, statistics, bar, () -> interrupted).run(source);
        }
        if (result.stopped())
        {
            out.flush();
            return EXIT_INTERRUPTED;
        }
        out.println();
        final SimulationReport report = new SimulationReport(statistics);
        printStatistics(out, statistics, report);
        if (lobster != null)
        {
            out.println();
            lobster.print(out);
        }
        final HtmlReport page = report.html("Tessera simulation: " + source.description(), result, configuration());
        if (lobster != null)
        {
            lobster.addTo(page);
        }
        final List<Path> written = new ArrayList<>();
        if (!noJournal)
        {
            written.add(journalDirectory);
        }
        written.add(report.writeStatisticsCsv(directory.resolve(SimulationDirectory.STATISTICS_FILE)));
        written.add(report.writeSeriesCsv(directory.resolve(SimulationDirectory.SERIES_FILE)));
        written.add(writePage(page, directory.resolve(SimulationDirectory.REPORT_FILE)));
        if (!noJournal)
        {
            written.add(SimulationDirectory.writeConfiguration(directory,
                configOptions.withLauncherOptions(spec).asArgumentsFromAnywhere()));
        }
        out.println();
        out.println("wrote     " + written.stream().map(Path::toString).collect(Collectors.joining(", ")));
        out.println("run       " + result.throughput());
        final String nothingMatched = diagnosis.nothingMatched(statistics);
        if (nothingMatched != null)
        {
            out.flush();
            err.println("tessera: " + nothingMatched);
            err.println("tessera: nothing of the run matched; its output is kept in " + directory);
            return TesseraMain.EXIT_BAD_CONFIG;
        }
        return TesseraMain.EXIT_OK;
    }

    private static void printStatistics(final PrintWriter out, final SimulationStatistics statistics, final SimulationReport report)
    {
        final List<List<String>> active = report.rows();
        if (active.isEmpty())
        {
            // orders for unconfigured instruments are counted below; without any, the input had no order at all
            out.println(statistics.unconfiguredOrders() > 0 ? "no order reached a configured instrument" :
                "no order in the input");
        }
        else
        {
            TextTable.print(out, SimulationReport.STATISTICS_HEADER, active);
        }
        if (statistics.requestRejects() > 0)
        {
            // The engine refused cancels or replaces of the run's own commands: said here, since the rejects column
            // counts new orders only (a cancel or replace request names no instrument).
            final StringBuilder reasons = new StringBuilder();
            for (final RejectReason reason : RejectReason.values())
            {
                final long count = reason == RejectReason.NULL_VAL ? 0 : statistics.requestRejects(reason);
                if (count > 0)
                {
                    reasons.append(reasons.length() == 0 ? "" : ", ").append(reason.name()).append(' ')
                        .append(String.format(Locale.ROOT, "%,d", count));
                }
            }
            out.printf(Locale.ROOT, "%,d cancel/replace request%s rejected (%s); the rejects column counts new orders only%n",
                statistics.requestRejects(), statistics.requestRejects() == 1 ? "" : "s", reasons);
        }
        final long orders = statistics.unconfiguredOrders();
        final long requests = statistics.unconfiguredRequests();
        if (orders > 0 || requests > 0)
        {
            // Said apart from the rejects column and the cancel/replace line: these commands are in no instrument's row.
            final String newOrders = orders == 0 ? "" : Counted.of(orders, "new order");
            final String others = requests == 0 ? "" : Counted.of(requests, "mass cancel or end-of-day command");
            out.println(newOrders + (orders > 0 && requests > 0 ? " and " : "") + others + " named instruments the " +
                "configuration lacks (rejected UNKNOWN_INSTRUMENT)");
        }
    }

    private static Path writePage(final HtmlReport page, final Path file)
    {
        try
        {
            return page.writeTo(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    /** True when --config is the sample configuration: a hint to use it would name the file already given. */
    private boolean sampleConfigGiven()
    {
        final Path file = configOptions.withLauncherOptions(spec).configFile;
        return file != null && file.toAbsolutePath().normalize().endsWith(Path.of(SAMPLE_CONFIG));
    }

    private Path orderbookFile()
    {
        if (orderbook != null)
        {
            if (!Files.isRegularFile(orderbook))
            {
                throw new IllegalArgumentException("no orderbook file at " + orderbook);
            }
            return orderbook;
        }
        final Path beside = LobsterFile.orderbookBeside(input);
        return noOrderbook || !Files.isRegularFile(beside) ? null : beside;
    }

    private String configuration()
    {
        final ConfigOptions options = configOptions.withLauncherOptions(spec);
        final String file = options.configFile == null ? "embedded defaults" : options.configFile.toString();
        return options.overrides.isEmpty() ? file : file + " with " + options.overrides.entrySet().stream()
            .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", "));
    }

    /**
     * The run's directory (for the default, the first name it tries): never the input or inside it,
     * so that nothing of the input can be changed. {@link SimulationDirectory} claims it.
     */
    private Path outputDirectory()
    {
        final Path directory = out != null ? out : Path.of("data", "simulations",
            input.toAbsolutePath().normalize().getFileName() + "-" + RUN_NAME.format(Instant.now()));
        final Path absolute = directory.toAbsolutePath().normalize();
        final Path source = input.toAbsolutePath().normalize();
        if (absolute.startsWith(source) || Files.isDirectory(source) && source.startsWith(absolute))
        {
            throw new IllegalArgumentException("--out " + directory + " overlaps the input " + input +
                ": a simulation never writes to its input");
        }
        return directory;
    }
}

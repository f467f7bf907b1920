package dev.tessera.server;

import dev.tessera.config.ConfigValidationException;
import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SessionConfig;
import dev.tessera.config.UnusableDirectoryException;
import dev.tessera.gateway.CannotListenException;
import dev.tessera.gateway.ExchangeStoppedException;
import dev.tessera.gateway.FixServer;
import dev.tessera.gateway.MissingJournalRecordsException;
import dev.tessera.gateway.OrdersWithoutSessionException;
import dev.tessera.gateway.SessionStateInUseException;
import dev.tessera.gateway.SessionStateOfAnotherJournalException;
import dev.tessera.gateway.UnreadableSessionStateException;
import dev.tessera.gateway.UnresolvedHostException;
import dev.tessera.journal.JournalCorruptionException;
import dev.tessera.journal.JournalInUseException;
import dev.tessera.journal.JournalInstrumentsException;
import dev.tessera.journal.JournalRepair;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;

/**
 * The launcher: {@code bin/tessera}. Running it starts the whole exchange (journal recovery,
 * pipeline, snapshotter, FIX gateway) and serves until SIGTERM or Ctrl-C, which shuts down
 * cleanly; {@code --demo} runs a scripted order flow through the pipeline instead and exits.
 * Exit codes: 0 ok (the JVM's 128 + signal after a signal: 143 after SIGTERM, 130 after Ctrl-C), 1 corrupt journal (nothing started), 2 bad configuration or usage (also instruments that
 * do not fit the journal's, a directory it cannot create or write, a journal whose archived start no snapshot
 * covers, session state with reports beside an empty journal, a gateway.host that does not resolve), 3 cannot listen
 * (a port taken, an address not of this machine), 4 journal or session state directory
 * in use, 5 stopped on a failure (a thread it cannot run without stopped, say for a full disk).
 */
@Command(
    name = "tessera",
    mixinStandardHelpOptions = true,
    versionProvider = TesseraMain.Version.class,
    description = "Tessera exchange: starts the whole exchange (journal recovery, matching, FIX 4.4 gateway) with the " +
        "embedded defaults (or your config) and serves until SIGTERM or Ctrl-C.",
    footer = "Exit status: 0 ok (143 after SIGTERM, 130 after Ctrl-C), 1 the journal is corrupt, 2 bad configuration or usage " +
        "(also instruments that do not fit the journal's, a gateway.host this machine does not resolve, a directory it " +
        "cannot create or write, a journal whose archived start no snapshot covers, a damaged session file, and an empty " +
        "journal beside session state that has reports, another journal than the session state's, or one that lost " +
        "records the session state saw it hold), 3 cannot " +
        "listen (or, after the JVM's `Terminating due to java.lang.OutOfMemoryError`, the heap ran out), 4 the journal or the session state directory is in use by another process, " +
        "5 the exchange stopped on a failure (a thread it cannot run without stopped, a full disk say; the line before " +
        "says which and why).",
    subcommands = {ConfigCommand.class, JournalCommand.class, BookCommand.class, SimulateCommand.class,
        VerifyReplayCommand.class, ProjectCommand.class},
    exitCodeOnInvalidInput = TesseraMain.EXIT_BAD_CONFIG)
public final class TesseraMain implements Callable<Integer>
{
    static final int EXIT_OK = 0;
    /** How soon the launcher sees that a thread the exchange cannot run without has stopped. */
    private static final long FAILURE_CHECK_INTERVAL_MS = 100;
    /** The journal failed verification (damage, not an archived start): nothing was started. */
    static final int EXIT_CORRUPT_JOURNAL = 1;
    static final int EXIT_BAD_CONFIG = 2;
    /** The gateway could not open its listening socket (the port is taken, say): the exchange stopped again. */
    static final int EXIT_CANNOT_LISTEN = 3;
    /**
     * Another process has the journal open for writing, or uses the session state directory (a second exchange on the
     * same data): nothing was started.
     */
    static final int EXIT_JOURNAL_IN_USE = 4;
    /**
     * The exchange stopped on a failure it cannot run past: a thread it cannot run without (engine, gateway, day end)
     * stopped, a full disk say, or a file it writes could not be written at start-up. The line before says which.
     */
    static final int EXIT_STOPPED_ON_FAILURE = 5;

    @Option(names = "--repair",
        description = "If the journal is corrupt, truncate it after its last good record before starting " +
            "(the original is kept aside as <journal>.corrupt-<millis>). Without it, a corrupt journal stops start-up. " +
            "Takes no subcommand (journal repair repairs without starting).")
    private boolean repair;

    @Option(names = "--demo",
        description = "Run a scripted order flow through the journaled pipeline, print its events and the books, and exit " +
            "(no FIX gateway). Takes no subcommand.")
    private boolean demo;

    /** Package-private: the subcommands read it too (options given before them land here). */
    @Mixin
    ConfigOptions configOptions;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine()
    {
        final CommandLine commandLine = new CommandLine(new TesseraMain());
        commandLine.setExecutionStrategy(parseResult ->
        {
            refuseStartOptionsBeforeASubcommand(parseResult);
            return new CommandLine.RunLast().execute(parseResult);
        });
        commandLine.setParameterExceptionHandler((ex, args) -> badUsage(misspeltRequired(reworded(ex), args)));
        return commandLine;
    }

    /**
     * picocli names a missing required option before an unknown one, so {@code book --att 5} said only that
     * {@code --at} is missing, with no word of {@code --att} (QA 124). An unknown option among the arguments is the
     * likelier mistake: it is named instead, with picocli's suggestions.
     */
    private static CommandLine.ParameterException misspeltRequired(final CommandLine.ParameterException ex,
        final String[] args)
    {
        if (!(ex instanceof CommandLine.MissingParameterException))
        {
            return ex;
        }
        final CommandLine command = ex.getCommandLine();
        for (final String arg : args)
        {
            final String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            // A negative number is a value ("--order -5"), not an option.
            if (name.startsWith("-") && name.length() > 1 && !Character.isDigit(name.charAt(1)) &&
                !knownOption(command, name))
            {
                return new CommandLine.UnmatchedArgumentException(command, List.of(name));
            }
        }
        return ex;
    }

    private static boolean knownOption(final CommandLine command, final String name)
    {
        for (CommandLine.Model.CommandSpec spec = command.getCommandSpec(); spec != null; spec = spec.parent())
        {
            if (spec.findOption(name) != null || spec.subcommands().containsKey(name))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * A usage mistake: one {@code tessera:} line saying what, with picocli's suggestions for a misspelt option or
     * command, and one saying where the options are listed; exit status 2. picocli's own handler printed the
     * command's whole help after the message, 40 lines that scrolled the one that mattered away (QA 95); its
     * suggestions, printed as they were, were a line of their own without the prefix (QA 115 F6).
     */
    private static int badUsage(final CommandLine.ParameterException ex)
    {
        final CommandLine command = ex.getCommandLine();
        final PrintWriter err = command.getErr();
        final List<String> suggestions = ex instanceof CommandLine.UnmatchedArgumentException unmatched ?
            unmatched.getSuggestions() : List.of();
        err.println("tessera: " + ex.getMessage() +
            (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?"));
        err.println("tessera: `bin/" + command.getCommandSpec().qualifiedName() + " --help` lists the options");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * picocli's message for a map option's bad value says "Value for option option '--set' ...": said once here.
     * Any other exception is passed on as it is (its subclass decides what picocli adds, suggestions say).
     */
    private static CommandLine.ParameterException reworded(final CommandLine.ParameterException ex)
    {
        final String message = ex.getMessage();
        if (message == null || !message.contains("option option "))
        {
            return ex;
        }
        return new CommandLine.ParameterException(ex.getCommandLine(), message.replace("option option ", "option "),
            ex.getCause(), ex.getArgSpec(), ex.getValue());
    }

    /**
     * {@code --demo} and {@code --repair} change how the exchange starts, and with a subcommand it does
     * not start: picocli would parse {@code bin/tessera --repair journal verify} into the launcher's
     * options and run only verify, so the option would be silently ignored. Refused as bad usage
     * instead ({@code --config} and {@code --set} are different: every command reads them).
     */
    private static void refuseStartOptionsBeforeASubcommand(final CommandLine.ParseResult parseResult)
    {
        if (!parseResult.hasSubcommand())
        {
            return;
        }
        final String subcommand = parseResult.subcommand().commandSpec().name();
        if (parseResult.hasMatchedOption("--demo"))
        {
            throw new CommandLine.ParameterException(parseResult.commandSpec().commandLine(), "--demo runs the " +
                "scripted demo instead of the exchange and takes no subcommand: run `tessera --demo` on its own, not with " +
                subcommand);
        }
        if (parseResult.hasMatchedOption("--repair"))
        {
            throw new CommandLine.ParameterException(parseResult.commandSpec().commandLine(), "--repair repairs the " +
                "journal as the exchange starts and takes no subcommand (not " + subcommand + "): `tessera --repair` " +
                "starts the exchange, `tessera journal repair` only repairs");
        }
    }

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final ExchangeConfig config;
        try
        {
            config = configOptions.load(spec);
        }
        catch (final ConfigValidationException ex)
        {
            return reportBadConfig(spec.commandLine().getErr(), ex);
        }

        final PrintWriter err = spec.commandLine().getErr();
        try
        {
            final Path journalDirectory = config.journal().directory();
            final long snapshots = JournalTools.snapshotFiles(journalDirectory);
            if (snapshots > 0 && !JournalTools.holdsJournal(journalDirectory))
            {
                // A journal begun there would be a new, empty history among another's snapshots: a wrong path, surely.
                return refuse(out, err, EXIT_BAD_CONFIG, "the journal directory " + journalDirectory + " holds " +
                    "snapshots (" + JournalTools.snapshotsCounted(snapshots) + ") and no journal: is journal.directory " +
                    "the snapshot directory of a journal?",
                    "nothing was started. Give the journal a directory of its own (journal.directory; " +
                    "journal.snapshotDirectory is " + config.journal().snapshotDirectory() + ").");
            }
            refuseExistingDirectoriesThatTakeNoFile(config, demo);
            if (repair && JournalTools.holdsJournal(journalDirectory))
            {
                if (!demo)
                {
                    FixServer.checkJournalBeforeRepair(config, journalDirectory);
                }
                JournalRepair.truncateAtFirstCorruption(config.journal(), err::println);
            }
            else if (repair)
            {
                err.println("repair: no journal at " + config.journal().directory() + " yet; nothing to repair");
            }
            if (demo)
            {
                new DemoOrderFlow(config, out, err).run(() ->
                {
                    printBanner(out, config, false);
                    out.println("Running the demo order flow through the journaled pipeline (no FIX gateway).");
                    out.println();
                });
            }
            else
            {
                final int status = serve(config, out, err);
                if (status != EXIT_OK)
                {
                    return status;
                }
            }
        }
        catch (final JournalCorruptionException ex)
        {
            if (ex.archivedStart())
            {
                // Nothing is damaged (verify passes, a repair has nothing to do): the operator archived the history
                // the start needs, so it is theirs to put right, as a bad configuration is, not corruption.
                return refuse(out, err, EXIT_BAD_CONFIG, ex.getMessage(), archivedStartAdvice(config));
            }
            return refuse(out, err, EXIT_CORRUPT_JOURNAL, ex.getMessage(), !ex.repairable() ?
                "nothing was started." : ex.afterEveryRecord() ?
                // Every record is intact (a cycle file's header or index is wrong): the repair's copy cuts none.
                "nothing was started. `bin/tessera" + configOptions.asArguments() + " --repair` copies every record " +
                "into a new journal (keeping the original aside) and starts on it." :
                "nothing was started. `bin/tessera" + configOptions.asArguments() + " journal verify` shows the " +
                "first bad record; `bin/tessera" + configOptions.asArguments() + " --repair` truncates the journal " +
                "after the last good one (keeping the original aside)" + cutByRepair(config, ex));
        }
        catch (final JournalInUseException ex)
        {
            return refuse(out, err, EXIT_JOURNAL_IN_USE, ex.getMessage(),
                "nothing was started. Stop the exchange or tool that has it open, or give this one a journal of " +
                "its own (journal.directory, and journal.snapshotDirectory and gateway.stateDirectory with it).");
        }
        catch (final SessionStateInUseException ex)
        {
            return refuse(out, err, EXIT_JOURNAL_IN_USE, ex.getMessage(),
                "nothing was started. Stop the exchange that uses it, or give this one a session state directory of " +
                "its own (gateway.stateDirectory, and journal.directory and journal.snapshotDirectory with it).");
        }
        catch (final SessionStateOfAnotherJournalException ex)
        {
            return refuse(out, err, EXIT_BAD_CONFIG, ex.getMessage(), "nothing was started and no data was touched. " +
                "Point journal.directory at the journal these sessions belong to; to start a new history on purpose, " +
                "move " + ex.stateDirectory().toAbsolutePath() + " aside (every session then starts at MsgSeqNum 1).");
        }
        catch (final MissingJournalRecordsException ex)
        {
            return refuse(out, err, EXIT_BAD_CONFIG, ex.getMessage(), "nothing was started and no record was " +
                "touched. Put the missing cycle files back (`bin/tessera" + configOptions.asArguments() + " journal " +
                "stats` shows the journal's last record). To start from this journal as it is, on purpose, move " +
                ex.identityFile().toAbsolutePath() + " aside: the start then takes the loss for a power cut's, asks " +
                "the clients to resend what the journal lacks, and enters again orders they had reports of.");
        }
        catch (final JournalInstrumentsException | OrdersWithoutSessionException ex)
        {
            return refuse(out, err, EXIT_BAD_CONFIG, ex.getMessage(), "nothing was started and no data was touched.");
        }
        catch (final UnreadableSessionStateException ex)
        {
            return refuse(out, err, EXIT_BAD_CONFIG, ex.getMessage(), "nothing was started and no data was touched.");
        }
        catch (final UnusableDirectoryException ex)
        {
            return refuse(out, err, EXIT_BAD_CONFIG, ex.getMessage(), "nothing was started. Give it a directory it " +
                "can create and write (journal.directory, journal.snapshotDirectory, gateway.stateDirectory).");
        }
        catch (final ExchangeStoppedException ex)
        {
            // Its line is said: the thread, the cause, a full file system named.
            out.flush();
            err.println("tessera: the exchange stopped again while it started; a restart recovers from the journal.");
            err.flush();
            return EXIT_STOPPED_ON_FAILURE;
        }
        catch (final UncheckedIOException ex)
        {
            // A file the exchange writes (a session file on a full disk, say): its message names it.
            return refuse(out, err, EXIT_STOPPED_ON_FAILURE, ex.getMessage(),
                "the exchange stopped. Give it room or a directory it can write, then start it again.");
        }
        catch (final CannotListenException ex)
        {
            return refuse(out, err, EXIT_CANNOT_LISTEN, ex.getMessage(),
                "the exchange stopped again; no command was taken. " + ex.advice());
        }
        catch (final UnresolvedHostException ex)
        {
            // Bad configuration for this machine, as `config` says too: found first, before anything is made.
            return refuse(out, err, EXIT_BAD_CONFIG, ex.getMessage(), "nothing was started and no data was touched. " +
                "Give gateway.host an address of this machine or a name it resolves (127.0.0.1, or 0.0.0.0 for every " +
                "interface).");
        }
        out.flush();
        return EXIT_OK;
    }

    /**
     * An existing journal or session state directory that takes no file (read-only, another user's) is refused
     * before anything starts, by the check the snapshot directory has ({@link UnusableDirectoryException#createWritable}):
     * otherwise the journal's writer lock failed with a stack trace, and the session directory only after recovery,
     * in the gateway's thread. A journal directory not there yet is created, and refused when it cannot be, where it
     * is opened; a session state directory not there yet is checked here ({@link UnusableDirectoryException#checkUsable},
     * creating nothing), so it is refused before a {@code --repair} or recovery touches the journal.
     * The demo has no FIX sessions, so it does not need their directory.
     */
    private static void refuseExistingDirectoriesThatTakeNoFile(final ExchangeConfig config, final boolean demo)
    {
        requireWritableIfThere("journal directory", config.journal().directory());
        if (!demo)
        {
            // Also one not there yet that cannot be made (a file in the way), found otherwise only after a --repair.
            UnusableDirectoryException.checkUsable("session state directory", config.gateway().stateDirectory());
        }
    }

    private static void requireWritableIfThere(final String what, final Path directory)
    {
        if (Files.isDirectory(directory))
        {
            UnusableDirectoryException.createWritable(what, directory);
        }
    }

    /**
     * Starts the exchange and blocks until the JVM is asked to stop (SIGTERM, Ctrl-C), or until a thread it cannot
     * run without stops ({@link FixServer#failure}): it is then shut down as for SIGTERM, as far as its live threads
     * can, and {@link #EXIT_STOPPED_ON_FAILURE} returned, never a process left listening with no one answering. The
     * shutdown hook is in place before the start: a stop during it (recovery, the gateway's rebuild) ends the JVM
     * without the clean shutdown, which needs a started server, but says so rather than exit without a line; what was
     * written is recovered by the next start as after a crash. Taken out again when the start fails, whose refusal is
     * the line then.
     */
    private static int serve(final ExchangeConfig config, final PrintWriter out, final PrintWriter err)
    {
        final AtomicReference<FixServer> started = new AtomicReference<>();
        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread shutdown = new Thread(() ->
        {
            final FixServer server = started.get();
            if (server != null)
            {
                server.close();
            }
            else
            {
                err.println("tessera: stopped during start-up (SIGTERM or Ctrl-C before the exchange served): no " +
                    "clean shutdown; the next start recovers what was written, as after a crash");
                err.flush();
            }
            stopped.countDown();
        }, "tessera-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        final FixServer server;
        try
        {
            server = FixServer.start(config, line ->
            {
                err.println(line);
                err.flush();
            });
        }
        catch (final RuntimeException | Error ex)
        {
            removeShutdownHook(shutdown);
            throw ex;
        }
        started.set(server);
        ExposedSessions.warnings(config).forEach(err::println);
        SnapshotReach.shortOfDoneOrders(config).ifPresent(why -> err.println("tessera: WARNING " + why));
        err.flush();
        printBanner(out, config, true);
        out.printf("Journal: %s (%s)%n", config.journal().directory().toAbsolutePath(), config.journal().durability());
        out.printf("FIX 4.4 gateway listening on %s:%d as TargetCompID %s (SIGTERM or Ctrl-C stops it cleanly)%n",
            config.gateway().host(), server.port(), config.gateway().compId());
        out.flush();
        try
        {
            while (!stopped.await(FAILURE_CHECK_INTERVAL_MS, TimeUnit.MILLISECONDS))
            {
                if (server.failure() != null)
                {
                    closeAfterFailure(server, err);
                    return EXIT_STOPPED_ON_FAILURE;
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return EXIT_OK;
    }

    /**
     * Stops the exchange after the failure that stopped one of its threads; status 5 follows whatever the stop meets.
     * QA 125 F2: after a full disk faulted the mapped journal, the stop read it again and failed with an
     * InternalError: no exit followed, and a non-daemon thread held the process up for good, so a supervisor never
     * restarted it.
     */
    private static void closeAfterFailure(final FixServer server, final PrintWriter err)
    {
        try
        {
            server.close();
        }
        catch (final RuntimeException | Error ex)
        {
            err.println("tessera: stopping after the failure above failed too (" + ex + "); stopped anyway, without " +
                "a clean shutdown: the next start recovers what was written, as after a crash");
            err.flush();
        }
    }

    private static void removeShutdownHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ex)
        {
            // The JVM is shutting down already: the hook is running, and says the start was stopped.
        }
    }

    /**
     * The journal's start was archived and no snapshot can stand in for it: nothing is damaged (verify passes, a
     * repair has nothing to do), so the way past it is the archive or a snapshot, named here.
     */
    /**
     * What the repair the refusal offers drops, intact or not, said before the operator runs it: from the record the
     * damage names, or, for damage that names none (a cycle file cut short), from the first bad record a read-only read
     * finds, as the repair itself would.
     */
    private static String cutByRepair(final ExchangeConfig config, final JournalCorruptionException ex)
    {
        final Path directory = config.journal().directory();
        final String cut = ex.recordSequence() > 0 ? JournalRepair.recordsCutFrom(directory, ex.recordSequence()) :
            JournalRepair.recordsARepairCuts(directory);
        return cut == null ? "." : ", cutting " + cut + ", intact or not: FIX clients may have had reports of them.";
    }

    private static String archivedStartAdvice(final ExchangeConfig config)
    {
        return "nothing was started. The archived cycle files are in " +
            config.journal().archiveDirectory().toAbsolutePath() + " (journal.archiveDirectory): move them back into " +
            "the journal directory (`tessera journal restore` does, and checks they lead into the journal), or put back a snapshot of a record the journal still holds into " +
            config.journal().snapshotDirectory().toAbsolutePath() + " (journal.snapshotDirectory).";
    }

    /** A start-up the operator can put right: what went wrong and what to do, one line each, no stack trace. */
    private static int refuse(
        final PrintWriter out, final PrintWriter err, final int exitCode, final String problem, final String advice)
    {
        out.flush();
        err.println("tessera: " + problem);
        err.println("tessera: " + advice);
        err.flush();
        return exitCode;
    }

    static int reportBadConfig(final PrintWriter err, final ConfigValidationException ex)
    {
        err.println("tessera: " + ex.getMessage());
        err.println("tessera: nothing was started and no data was touched.");
        err.flush();
        return EXIT_BAD_CONFIG;
    }

    /** @param gateway whether a FIX gateway runs: the demo has none, so it names no CompIDs it would accept. */
    static void printBanner(final PrintWriter out, final ExchangeConfig config, final boolean gateway)
    {
        out.println("Tessera exchange " + Version.VERSION);
        out.println("Instruments:");
        // In columns as wide as their widest cell: fixed widths drifted once ids, ticks and quantities grew (QA 135 D4).
        final List<String[]> rows = new ArrayList<>();
        for (final InstrumentConfig instrument : config.instruments())
        {
            rows.add(new String[] {instrument.symbol(), "id " + instrument.id(),
                "tick " + instrument.formatPrice(instrument.tickSize()), "lot " + instrument.lotSize(),
                "qty " + instrument.minQuantity() + ".." + instrument.maxQuantity(),
                "ref " + instrument.formatPrice(instrument.referencePrice()),
                "band " + (instrument.priceBandBps() == 0 ? "none" : instrument.priceBandBps() + " bps"),
                "self-trade " + instrument.selfTradePrevention()});
        }
        final int[] widths = new int[rows.isEmpty() ? 0 : rows.get(0).length];
        for (final String[] row : rows)
        {
            for (int i = 0; i < row.length; i++)
            {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (final String[] row : rows)
        {
            final StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < row.length; i++)
            {
                // The symbol one space from its id, as before; two between the rules; the last cell not padded.
                line.append(i <= 1 ? " " : "  ").append(row[i]);
                if (i < row.length - 1)
                {
                    line.append(" ".repeat(widths[i] - row[i].length()));
                }
            }
            out.println(line);
        }
        if (gateway)
        {
            out.print("FIX CompIDs accepted:");
            for (final SessionConfig session : config.gateway().sessions())
            {
                out.print(" " + session.compId() + " (owner " + session.ownerId() + ")");
            }
            out.println();
        }
        out.println("Trading day ends: " + config.trading().dayEnd()
            .map(time -> time + " UTC (resting DAY orders expire)").orElse("never (trading.dayEnd = none)"));
    }

    static final class Version implements CommandLine.IVersionProvider
    {
        static final String VERSION = versionOf();

        private static String versionOf()
        {
            final String version = TesseraMain.class.getPackage().getImplementationVersion();
            return version == null ? "(development build)" : version;
        }

        @Override
        public String[] getVersion()
        {
            return new String[] {"tessera " + VERSION};
        }
    }
}

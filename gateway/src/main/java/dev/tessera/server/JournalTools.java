package dev.tessera.server;

import dev.tessera.config.ConfigValidationException;
import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.JournalConfig;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SymbolList;
import dev.tessera.config.UnusableDirectoryException;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalInUseException;
import dev.tessera.journal.JournalCorruptionException;
import dev.tessera.journal.JournalInstruments;
import dev.tessera.journal.JournalInstrumentsException;
import dev.tessera.journal.SnapshotDirectory;
import dev.tessera.journal.tools.Counted;
import dev.tessera.journal.tools.RecordPoint;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * What the journal tools ({@code journal dump|verify|stats}, {@code book}) share: loading the
 * configuration, opening the journal read-only (a tool never creates or changes one), and turning
 * failures into exit codes: {@value #EXIT_CORRUPT} when the journal fails verification,
 * {@value TesseraMain#EXIT_BAD_CONFIG} for bad usage, configuration, or a missing journal.
 */
final class JournalTools
{
    static final int EXIT_CORRUPT = 1;

    private JournalTools()
    {
    }

    /** A tool's work on an open journal; returns the exit code. */
    @FunctionalInterface
    interface Tool
    {
        int run(ExchangeConfig config, Journal journal, PrintWriter out, PrintWriter err);
    }

    /**
     * Runs a tool over the journal opened read-only: it can change nothing. Refused (exit
     * {@value TesseraMain#EXIT_BAD_CONFIG}) when the configured instruments do not fit those the journal was
     * written with: the tool would show its prices at the wrong scale or under the wrong symbol.
     */
    static int run(
        final CommandLine.Model.CommandSpec spec,
        final ConfigOptions configOptions,
        final JournalOptions journalOptions,
        final Tool tool)
    {
        return run(spec, configOptions, journalOptions, Access.READ, tool);
    }

    /** How a tool opens the journal. */
    enum Access
    {
        /** Read-only, refused when the configured instruments do not fit the journal's. */
        READ,
        /** Read-only, whatever the configured instruments: for a tool that shows no price or symbol (verify). */
        READ_ANY_INSTRUMENTS,
        /** For writing, as the exchange opens it: a maintenance tool (archive). */
        WRITE
    }

    /** Runs a tool over the journal opened as {@code access} says. */
    static int run(
        final CommandLine.Model.CommandSpec spec,
        final ConfigOptions configOptions,
        final JournalOptions journalOptions,
        final Access access,
        final Tool tool)
    {
        return runConfigured(spec, configOptions, (config, out, err) ->
        {
            final Path directory = journalOptions.directory(config);
            if (!holdsJournal(directory))
            {
                err.println("tessera: " + noJournal(directory));
                return TesseraMain.EXIT_BAD_CONFIG;
            }
            try (Journal journal = open(access, config, directory))
            {
                return runOn(journal, config, out, err, tool);
            }
            catch (final JournalInUseException ex)
            {
                // Only a tool that writes takes the lock: it has not touched a file when refused.
                return refuseInUse(err, ex);
            }
        });
    }

    /** A maintenance tool refused by the writer's lock: what holds it, and that nothing was changed. */
    static int refuseInUse(final PrintWriter err, final JournalInUseException ex)
    {
        err.println("tessera: " + ex.getMessage());
        err.println("tessera: nothing was changed; stop the exchange first");
        err.flush();
        return TesseraMain.EXIT_BAD_CONFIG;
    }

    private static Journal open(final Access access, final ExchangeConfig config, final Path directory)
    {
        return switch (access)
        {
            case READ -> Journal.openReadOnly(directory, config.instruments());
            case READ_ANY_INSTRUMENTS -> Journal.openReadOnly(directory);
            case WRITE -> Journal.open(journalConfig(config, directory), config.instruments());
        };
    }

    /** Work that needs only the configuration; returns the exit code. */
    @FunctionalInterface
    interface ConfiguredWork
    {
        int run(ExchangeConfig config, PrintWriter out, PrintWriter err);
    }

    /**
     * Loads the configuration and runs the work, turning failures into exit codes: a journal that
     * fails verification {@value #EXIT_CORRUPT}; bad configuration, arguments or files, and a read from record 1
     * of a journal whose start was archived, {@value TesseraMain#EXIT_BAD_CONFIG}.
     */
    static int runConfigured(
        final CommandLine.Model.CommandSpec spec, final ConfigOptions configOptions, final ConfiguredWork work)
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final ExchangeConfig config;
        try
        {
            config = configOptions.load(spec);
        }
        catch (final ConfigValidationException ex)
        {
            return TesseraMain.reportBadConfig(err, ex);
        }
        try
        {
            return work.run(config, out, err);
        }
        catch (final JournalInstrumentsException ex)
        {
            out.flush();
            err.println("tessera: " + ex.getMessage());
            if (ex.misfitJournal() != null)
            {
                // QA 95, QA 98: a journal simulate wrote over LOBSTER files was refused under the embedded defaults
                // (by every tool, and by simulate given it as input), and nothing said which configuration reads it.
                final String simulation = SimulationDirectory.configurationOf(ex.misfitJournal());
                err.println("tessera: read it with the configuration it was written with (" +
                    (configOptions.asArguments().isEmpty() ? "none was given here, so the embedded defaults were " +
                    "used; " : "") + (simulation != null ? "`simulate` wrote it with: " + simulation :
                    "--config FILE and any --set; for a journal `simulate` wrote, those `simulate` was given") + ")");
            }
            err.flush();
            return TesseraMain.EXIT_BAD_CONFIG;
        }
        catch (final JournalCorruptionException ex)
        {
            out.flush();
            err.println("tessera: " + ex.getMessage());
            // Only for a bad record: a file the open could not take (a damaged or unfinished one) is named already.
            if (!ex.archivedStart() && ex.recordSequence() > 0)
            {
                err.println("tessera: the journal failed verification; `bin/tessera journal verify` shows the first bad record");
            }
            // An archived start is no damage: the operator's to put right (move the cycles back), as bad input is.
            return ex.archivedStart() ? TesseraMain.EXIT_BAD_CONFIG : EXIT_CORRUPT;
        }
        catch (final IllegalArgumentException | IllegalStateException | UncheckedIOException ex)
        {
            out.flush();
            err.println("tessera: " + ex.getMessage());
            return TesseraMain.EXIT_BAD_CONFIG;
        }
        finally
        {
            out.flush();
            err.flush();
        }
    }

    private static int runOn(
        final Journal journal, final ExchangeConfig config, final PrintWriter out, final PrintWriter err, final Tool tool)
    {
        try
        {
            return tool.run(config, journal, out, err);
        }
        catch (final JournalCorruptionException ex)
        {
            out.flush();
            err.println("tessera: " + ex.getMessage());
            return EXIT_CORRUPT;
        }
    }

    /** The configured journal settings, for the journal in {@code directory}. */
    static JournalConfig journalConfig(final ExchangeConfig config, final Path directory)
    {
        final JournalConfig configured = config.journal();
        return new JournalConfig(directory, configured.rollCycle(), configured.durability(),
            configured.snapshotDirectory(), configured.snapshotIntervalRecords(), configured.snapshotsToKeep(),
            configured.archiveDirectory());
    }

    /** A directory with Chronicle files in it; an empty or missing one is no journal (and is left alone). */
    static boolean holdsJournal(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            return false;
        }
        try (Stream<Path> files = Files.list(directory))
        {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".cq4") ||
                file.getFileName().toString().endsWith(".cq4t"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + directory + ": " +
                UnusableDirectoryException.reason(directory, ex), ex);
        }
    }

    /**
     * "no journal at DIR", with what the directory suggests was meant: a journal in its {@code journal}
     * subdirectory (a simulation's output directory), or snapshots in it (a snapshot directory given for the journal,
     * whose journal is often the {@code journal} directory beside it).
     */
    static String noJournal(final Path directory)
    {
        if (Files.isRegularFile(directory))
        {
            return "no journal at " + directory + ": " + fileNotJournal(directory);
        }
        final Path inside = directory.resolve("journal");
        if (holdsJournal(inside))
        {
            return "no journal at " + directory + "; " + inside + " holds one";
        }
        final long snapshots = snapshotFiles(directory);
        if (snapshots == 0)
        {
            return "no journal at " + directory;
        }
        final Path beside = directory.resolveSibling("journal");
        return "no journal at " + directory + ": it holds snapshots (" + snapshotsCounted(snapshots) + "), not a " +
            "journal: is it a snapshot directory " +
            "(journal.snapshotDirectory)?" + (holdsJournal(beside) ? " The journal beside it is " + beside : "");
    }

    /**
     * What a file given as a journal is: one of a journal's own files, most often a cycle file (the {@code *.cq4} a
     * user sees of a journal), whose directory was meant; else just no directory.
     */
    private static String fileNotJournal(final Path file)
    {
        if (!inJournal(file))
        {
            return "it is a file; a journal is a directory";
        }
        final String name = file.getFileName().toString();
        final Path given = file.getParent() == null ? Path.of(".") : file.getParent();
        return "that is " + (name.endsWith(".cq4") ? "a cycle file" : "a file") + " of the journal " + given +
            "; give the directory";
    }

    /** A file in a journal directory: given where a journal is expected, its directory was meant. */
    static boolean inJournal(final Path file)
    {
        final Path parent = file.toAbsolutePath().normalize().getParent();
        return Files.isRegularFile(file) && parent != null && holdsJournal(parent);
    }

    /** "3 *.tsnap files". */
    static String snapshotsCounted(final long snapshots)
    {
        return Counted.of(snapshots, "*" + SnapshotDirectory.SUFFIX + " file");
    }

    /**
     * The snapshot files in {@code directory}: a sign that it is not the journal's, though it was given as that. 0 when
     * there is none, or no directory to list (its reader says why).
     */
    static long snapshotFiles(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            return 0;
        }
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(file -> file.getFileName().toString().endsWith(SnapshotDirectory.SUFFIX)).count();
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }

    /**
     * An instrument as a user names it: a configured symbol, the journaled symbol of one the configuration left out
     * (the journal's {@code instruments.txt}), or a numeric id. An id neither knows is taken, since a journal written
     * before {@code instruments.txt} may hold instruments since removed; a tool that then finds nothing of it refuses
     * with {@link #requireKnownInstrument}, so a mistyped id is not an empty answer.
     *
     * @throws IllegalArgumentException for a symbol neither knows, listing the instruments that can be named.
     */
    static int instrumentId(final ExchangeConfig config, final Journal journal, final String symbolOrId)
    {
        final List<InstrumentConfig> known = readableInstruments(config, journal);
        final Optional<InstrumentConfig> bySymbol = known.stream()
            .filter(instrument -> instrument.symbol().equals(symbolOrId)).findFirst();
        if (bySymbol.isPresent())
        {
            return bySymbol.get().id();
        }
        try
        {
            return Integer.parseInt(symbolOrId);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("unknown instrument " + symbolOrId + " (" +
                nameableInstruments(config, journal, symbolOrId) + ")", ex);
        }
    }

    /**
     * Refuses an {@code --instrument} (null: none given) that neither the configuration nor the journal's
     * {@code instruments.txt} has when nothing of it was {@code seen} in the journal either.
     *
     * @param unseen what was not found, e.g. "no record read concerns it".
     */
    static void requireKnownInstrument(
        final ExchangeConfig config, final Journal journal, final String symbolOrId, final boolean seen,
        final String unseen)
    {
        if (symbolOrId == null || seen)
        {
            return;
        }
        final int id = instrumentId(config, journal, symbolOrId);
        if (readableInstruments(config, journal).stream().noneMatch(instrument -> instrument.id() == id))
        {
            throw new IllegalArgumentException("unknown instrument " + symbolOrId + ": neither the configuration nor " +
                "the journal has it (" + nameableInstruments(config, journal, symbolOrId) + ") and " + unseen);
        }
    }

    /**
     * What the journal's numbers are read with for display: the configured instruments, then those the journal was
     * written with that the configuration leaves out (their journaled symbol and priceScale), so that their history
     * shows as it was written, not as bare ids and fixed-point numbers.
     */
    static List<InstrumentConfig> readableInstruments(final ExchangeConfig config, final Journal journal)
    {
        final List<InstrumentConfig> instruments = new ArrayList<>(config.instruments());
        instruments.addAll(JournalInstruments.leftOut(journal.directory(), config.instruments()));
        return instruments;
    }

    /** {@link #readableInstruments} by id: the configured instrument, else the journal's record of a left-out one. */
    static IntFunction<Optional<InstrumentConfig>> readableInstrument(final ExchangeConfig config, final Journal journal)
    {
        final List<InstrumentConfig> instruments = readableInstruments(config, journal);
        return id -> instruments.stream().filter(instrument -> instrument.id() == id).findFirst();
    }

    /**
     * What an {@code --instrument} may name instead of {@code wanted}: {@code configured: AAPL (id 1), MSFT (id 2)},
     * followed by {@code ; in the journal only: BTC-USD (id 3)} when the configuration leaves instruments of the
     * journal out; of many, the count and the nearest ({@link SymbolList}).
     */
    static String nameableInstruments(final ExchangeConfig config, final Journal journal, final String wanted)
    {
        final List<InstrumentConfig> leftOut = JournalInstruments.leftOut(journal.directory(), config.instruments());
        return "configured: " + named(config.instruments(), wanted) + (leftOut.isEmpty() ? "" :
            "; in the journal only: " + named(leftOut, wanted));
    }

    private static String named(final List<InstrumentConfig> instruments, final String wanted)
    {
        return SymbolList.describe(instruments, InstrumentConfig::symbol,
            instrument -> instrument.symbol() + " (id " + instrument.id() + ")", wanted);
    }

    /** Lets picocli parse {@code --from}, {@code --to} and {@code --at}; its message names the forms accepted. */
    static final class RecordPointConverter implements CommandLine.ITypeConverter<RecordPoint>
    {
        @Override
        public RecordPoint convert(final String value)
        {
            try
            {
                return RecordPoint.parse(value);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandLine.TypeConversionException(ex.getMessage());
            }
        }
    }
}

package dev.tessera.server;

import dev.tessera.config.UnusableDirectoryException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The directory one {@code simulate} run writes into, claimed so that no other run writes there while
 * it runs. Checking that a directory is new or empty and then writing into it would let two runs
 * started in the same second (the default name has one-second resolution) share a directory, and the
 * one that failed would remove the other's output. The claim is a file created inside it
 * ({@value #CLAIM_FILE}; creating a file fails when it exists, so only one run can hold it), taken
 * only while the directory holds nothing else, and removed when the run ends.
 *
 * <p>The claim records the process that holds it ({@code pid N started INSTANT}), so that a run killed before it
 * could remove its claim (kill -9, a crash) does not leave the directory refused until someone removes it by hand:
 * the next run on the same machine finds that process gone, or the pid reused by a process started at another
 * instant, takes the claim
 * over by renaming it (atomic: of two runs only one can), and removes the dead run's partial output, which is all
 * the directory holds, since a claim is only taken of an empty directory. A claim that records no process (one
 * written by an older build) still refuses the directory.
 */
final class SimulationDirectory
{
    /** Held by a running simulation; records its process, so that a dead run's claim can be taken over. */
    static final String CLAIM_FILE = ".simulation-running";
    /**
     * The configuration options the run was given, beside its journal: its instruments read that journal, and a tool
     * run without them is refused (QA 98: the refusal could not say which configuration that was).
     */
    static final String CONFIGURATION_FILE = "configuration.txt";
    static final String JOURNAL = "journal";
    static final String STATISTICS_FILE = "statistics.csv";
    static final String SERIES_FILE = "series.csv";
    static final String REPORT_FILE = "report.html";
    /** What a run writes into its directory, and so all a run that did not finish removes of it. */
    private static final List<String> OUTPUT = List.of(JOURNAL, STATISTICS_FILE, SERIES_FILE, REPORT_FILE,
        CONFIGURATION_FILE);
    private static final Pattern HOLDER = Pattern.compile("pid (\\d{1,18})(?: started (\\S+))?(?: on (\\S+))?\\s*");
    /**
     * This machine, in a claim: a pid says nothing of a process on another machine sharing the file system, whose
     * claim is never taken over (its run may well be writing there).
     */
    static final String HOST = hostName();

    private final Path directory;
    private final Path claim;
    private final boolean created;
    /** The outermost of the directories above {@link #directory} this run created for it, null for none. */
    private final Path createdAbove;

    private SimulationDirectory(final Path directory, final boolean created, final Path createdAbove)
    {
        this.directory = directory;
        this.claim = directory.resolve(CLAIM_FILE);
        this.created = created;
        this.createdAbove = createdAbove;
    }

    /**
     * A directory new to this run: {@code base}, or {@code base-2}, {@code base-3} ... when another run
     * (or an earlier one) has that name.
     */
    static SimulationDirectory claimNew(final Path base, final PrintWriter err)
    {
        SimulationDirectory claimed = tryClaim(base, err);
        for (int suffix = 2; claimed == null; suffix++)
        {
            claimed = tryClaim(base.resolveSibling(base.getFileName() + "-" + suffix), err);
        }
        return claimed;
    }

    /** Writes {@link #CONFIGURATION_FILE} into {@code directory}: {@code arguments} as they would be typed. */
    static Path writeConfiguration(final Path directory, final String arguments)
    {
        final Path file = directory.resolve(CONFIGURATION_FILE);
        try
        {
            Files.writeString(file, "# the configuration options `bin/tessera simulate` was given; read its journal " +
                "with them:\n" + (arguments.isBlank() ? "(none: the embedded defaults)" : arguments.strip()) + "\n");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + UnusableDirectoryException.reason(file, ex), ex);
        }
        return file;
    }

    /**
     * The options {@link #writeConfiguration} recorded beside {@code journal} (a simulation's), or null when there are
     * none to read: the journal is no simulation's, or its record is gone.
     */
    static String configurationOf(final Path journal)
    {
        final Path parent = journal.toAbsolutePath().normalize().getParent();
        final Path file = parent == null ? null : parent.resolve(CONFIGURATION_FILE);
        try
        {
            return file == null || !Files.isRegularFile(file) ? null :
                Files.readAllLines(file).stream().filter(line -> !line.startsWith("#")).findFirst().orElse(null);
        }
        catch (final IOException ex)
        {
            return null; // a hint only
        }
    }

    /**
     * The directory named by {@code --out}: created, or an existing empty one.
     *
     * @throws IllegalArgumentException when it holds anything, another running simulation's claim too.
     */
    static SimulationDirectory claim(final Path directory, final PrintWriter err)
    {
        if (Files.exists(directory) && !Files.isDirectory(directory))
        {
            // an empty file is in the way as much as a full one: "not empty" would send the user looking for contents
            throw new IllegalArgumentException("--out " + directory + " is a file, not a directory: choose a new " +
                "directory");
        }
        final SimulationDirectory claimed = tryClaim(directory, err);
        if (claimed == null)
        {
            final Path claim = directory.resolve(CLAIM_FILE);
            throw new IllegalArgumentException("--out " + directory + " exists and is not empty" +
                (!Files.exists(claim) ? "" : holder(claim) == null ? " (its " + CLAIM_FILE + " names no process: " +
                    "remove it if no simulation is writing there)" : " (another simulation is writing there)") +
                ": choose a new directory");
        }
        return claimed;
    }

    /**
     * The claimed directory, or null when it is not a directory, holds anything, or another live run claimed it
     * first. A dead run's claim is taken over, its output removed, and {@code err} told.
     */
    private static SimulationDirectory tryClaim(final Path directory, final PrintWriter err)
    {
        final Path missingAbove = outermostMissing(directory.toAbsolutePath().getParent());
        final boolean created = createDirectory(directory);
        if (!created && !Files.isDirectory(directory))
        {
            return null;
        }
        final SimulationDirectory claimed = new SimulationDirectory(directory, created, created ? missingAbove : null);
        try
        {
            Files.createFile(claimed.claim);
            Files.writeString(claimed.claim, holderOf(ProcessHandle.current()));
        }
        catch (final FileAlreadyExistsException ex)
        {
            return claimed.takeOverFromADeadRun(err) ? claimed : null;
        }
        catch (final IOException ex)
        {
            // One line with the operating system's reason, as the exchange refuses a directory that takes no file.
            throw new UncheckedIOException("cannot write in the simulation output directory " + directory + ": " +
                UnusableDirectoryException.reason(claimed.claim, ex), ex);
        }
        // Output of an earlier run: the claim is taken only of a directory that holds nothing else.
        if (!claimed.contents().equals(List.of(claimed.claim)))
        {
            claimed.release();
            return null;
        }
        return claimed;
    }

    /**
     * Takes the claim over when the run that holds it is dead, and removes that run's partial output.
     *
     * @return false when the claim is held by a live run, names no process, or another run took it over first.
     */
    private boolean takeOverFromADeadRun(final PrintWriter err)
    {
        final String holder = holder(claim);
        if (holder == null || isAlive(holder))
        {
            return false;
        }
        final Path taken = directory.resolve(CLAIM_FILE + "." + ProcessHandle.current().pid());
        try
        {
            // The rename is the take-over: of two runs that found the same dead claim only one can move it.
            Files.move(claim, taken, StandardCopyOption.ATOMIC_MOVE);
            Files.createFile(claim);
            Files.writeString(claim, holderOf(ProcessHandle.current()));
        }
        catch (final FileAlreadyExistsException | NoSuchFileException ex)
        {
            deleteQuietly(taken);
            return false;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot take over the claim " + claim + ": " +
                UnusableDirectoryException.reason(claim, ex), ex);
        }
        try
        {
            removeRunOutput();
            Files.delete(taken); // the dead run's claim, moved aside
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove the partial output of a dead simulation in " + directory +
                ": " + UnusableDirectoryException.reason(directory, ex), ex);
        }
        err.println("tessera: " + directory + " was claimed by a simulation that is no longer running (" + holder +
            "); took it over and removed its partial output");
        err.flush();
        return true;
    }

    /**
     * What a claim records of the process holding it: {@code pid N started INSTANT on HOST} (no instant if unknown).
     */
    private static String holderOf(final ProcessHandle process)
    {
        return "pid " + process.pid() + process.info().startInstant().map(start -> " started " + start).orElse("") +
            " on " + HOST + System.lineSeparator();
    }

    /** The kernel's host name (Linux), else the one Java resolves; never empty, no white space. */
    private static String hostName()
    {
        String name;
        try
        {
            name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        }
        catch (final IOException | RuntimeException ex)
        {
            try
            {
                name = java.net.InetAddress.getLocalHost().getHostName();
            }
            catch (final IOException | RuntimeException unresolved)
            {
                name = "";
            }
        }
        name = name.replaceAll("\\s", "");
        return name.isEmpty() ? "unknown-host" : name;
    }

    /** The process a claim file records, as {@link #holderOf} wrote it, or null when it records none. */
    private static String holder(final Path claim)
    {
        try
        {
            final String content = Files.readString(claim);
            return HOLDER.matcher(content).matches() ? content.strip() : null;
        }
        catch (final IOException | UncheckedIOException ex)
        {
            return null;
        }
    }

    /**
     * Whether the process {@link #holder} names still runs: a process with its pid, started at the instant recorded
     * (a pid reused by another process since has another start; with no instant to compare, the pid decides). One on
     * another machine ({@link #HOST}) is taken to run.
     */
    private static boolean isAlive(final String holder)
    {
        final Matcher matcher = HOLDER.matcher(holder);
        if (!matcher.matches() || (matcher.group(3) != null && !matcher.group(3).equals(HOST)))
        {
            return true; // nothing to go by, or a process on another machine: cannot be seen from here
        }
        final Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(matcher.group(1)));
        if (process.isEmpty() || !process.get().isAlive())
        {
            return false;
        }
        final Optional<Instant> started = process.get().info().startInstant();
        return matcher.group(2) == null || started.isEmpty() || started.get().toString().equals(matcher.group(2));
    }

    /** Everything in the directory but this run's claim: output no other run could have written into it. */
    /**
     * What a run writes ({@link #OUTPUT}), nothing else: a file someone put into the directory while the run went on is
     * not the run's to remove (QA 111: it was removed with the rest).
     */
    private void removeRunOutput() throws IOException
    {
        for (final String name : OUTPUT)
        {
            final Path output = directory.resolve(name);
            if (!Files.exists(output, LinkOption.NOFOLLOW_LINKS))
            {
                continue;
            }
            try (Stream<Path> paths = Files.walk(output))
            {
                for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
                {
                    Files.delete(path);
                }
            }
        }
    }

    private static void deleteQuietly(final Path file)
    {
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            // Left behind, it only makes the directory look taken: never output of a run.
        }
    }

    private static boolean isEmpty(final Path directory) throws IOException
    {
        try (Stream<Path> entries = Files.list(directory))
        {
            return entries.findAny().isEmpty();
        }
    }

    /** The outermost of {@code directory} and its parents that is not there, null when {@code directory} is. */
    private static Path outermostMissing(final Path directory)
    {
        Path missing = null;
        for (Path path = directory; path != null && !Files.exists(path); path = path.getParent())
        {
            missing = path;
        }
        return missing;
    }

    /** @return false when something already has the name. */
    private static boolean createDirectory(final Path directory)
    {
        final Path parent = directory.toAbsolutePath().getParent();
        try
        {
            // Apart from the directory's own creation below: a file in the parent's place is no directory that
            // "has the name", it is why the directory cannot be created.
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
        }
        catch (final IOException ex)
        {
            throw cannotCreate(directory, ex);
        }
        try
        {
            Files.createDirectory(directory);
            return true;
        }
        catch (final FileAlreadyExistsException ex)
        {
            return false;
        }
        catch (final IOException ex)
        {
            throw cannotCreate(directory, ex);
        }
    }

    private static UncheckedIOException cannotCreate(final Path directory, final IOException ex)
    {
        return new UncheckedIOException("cannot create the simulation output directory " + directory + ": " +
            UnusableDirectoryException.reason(directory, ex), ex);
    }

    Path path()
    {
        return directory;
    }

    /** A finished run: its output stays, the directory is no longer claimed. */
    void release()
    {
        try
        {
            Files.deleteIfExists(claim);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove " + claim, ex);
        }
    }

    /**
     * A run that did not finish: removes what it wrote (everything in the directory, which no other
     * run could write into), and the directory itself only if this run created it.
     */
    void removeOutput(final PrintWriter err)
    {
        removeOutput(err, "did not finish");
    }

    /** As {@link #removeOutput(PrintWriter)}; {@code what} says what became of the run ("did not finish"). */
    void removeOutput(final PrintWriter err, final String what)
    {
        try
        {
            removeRunOutput();
            // the claim last, so that no other run takes the directory while the output is half removed
            Files.delete(claim);
            if (created && isEmpty(directory))
            {
                Files.delete(directory);
                removeCreatedAbove();
            }
            err.println("tessera: the simulation " + what + "; its partial output in " + directory + " was removed");
        }
        catch (final IOException | UncheckedIOException ex)
        {
            err.println("tessera: the simulation " + what + ", and its partial output in " + directory +
                " could not be removed: " + ex.getMessage());
        }
    }

    /**
     * The directories made for {@code --out a/b/c} go with it (QA 107: a failed run left {@code a/b}), innermost
     * first, each only while empty: another run may have put its own there since.
     */
    private void removeCreatedAbove()
    {
        if (createdAbove == null)
        {
            return;
        }
        for (Path path = directory.toAbsolutePath().getParent(); path != null; path = path.getParent())
        {
            try
            {
                Files.delete(path);
            }
            catch (final IOException ex)
            {
                return; // not empty (another run's), or not ours to remove: left as it is
            }
            if (path.equals(createdAbove))
            {
                return;
            }
        }
    }

    private List<Path> contents()
    {
        try (Stream<Path> entries = Files.list(directory))
        {
            return entries.toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + directory + ": " +
                UnusableDirectoryException.reason(directory, ex), ex);
        }
    }
}

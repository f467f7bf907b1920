package dev.tessera.server;

import dev.tessera.config.UnusableDirectoryException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directory one {@code simulate} run writes into, claimed so that no other run writes there while
 * it runs. Checking that a directory is new or empty and then writing into it would let two runs
 * started in the same second (the default name has one-second resolution) share a directory, and the
 * one that failed would remove the other's output. The claim is a file created inside it
 * ({@value #CLAIM_FILE}; creating a file fails when it exists, so only one run can hold it), taken
 * only while the directory holds nothing else, and removed when the run ends.
 */
final class SimulationDirectory
{
    /** Held by a running simulation; a run killed before it could remove it leaves the directory refused. */
    static final String CLAIM_FILE = ".simulation-running";

    private final Path directory;
    private final Path claim;
    private final boolean created;

    private SimulationDirectory(final Path directory, final boolean created)
    {
        this.directory = directory;
        this.claim = directory.resolve(CLAIM_FILE);
        this.created = created;
    }

    /**
     * A directory new to this run: {@code base}, or {@code base-2}, {@code base-3} ... when another run
     * (or an earlier one) has that name.
     */
    static SimulationDirectory claimNew(final Path base)
    {
        SimulationDirectory claimed = tryClaim(base);
        for (int suffix = 2; claimed == null; suffix++)
        {
            claimed = tryClaim(base.resolveSibling(base.getFileName() + "-" + suffix));
        }
        return claimed;
    }

    /**
     * The directory named by {@code --out}: created, or an existing empty one.
     *
     * @throws IllegalArgumentException when it holds anything, another running simulation's claim too.
     */
    static SimulationDirectory claim(final Path directory)
    {
        final SimulationDirectory claimed = tryClaim(directory);
        if (claimed == null)
        {
            throw new IllegalArgumentException("--out " + directory + " exists and is not empty" +
                (Files.exists(directory.resolve(CLAIM_FILE)) ? " (another simulation is writing there)" : "") +
                ": choose a new directory");
        }
        return claimed;
    }

    /** The claimed directory, or null when it is not a directory, holds anything, or another run claimed it first. */
    private static SimulationDirectory tryClaim(final Path directory)
    {
        final boolean created = createDirectory(directory);
        if (!created && !Files.isDirectory(directory))
        {
            return null;
        }
        final SimulationDirectory claimed = new SimulationDirectory(directory, created);
        try
        {
            Files.createFile(claimed.claim);
        }
        catch (final FileAlreadyExistsException ex)
        {
            return null;
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

    /** @return false when something already has the name. */
    private static boolean createDirectory(final Path directory)
    {
        try
        {
            final Path parent = directory.toAbsolutePath().getParent();
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
            Files.createDirectory(directory);
            return true;
        }
        catch (final FileAlreadyExistsException ex)
        {
            return false;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the simulation output directory " + directory + ": " +
                UnusableDirectoryException.reason(directory, ex), ex);
        }
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
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                if (!path.equals(directory) && !path.equals(claim))
                {
                    Files.delete(path);
                }
            }
            // the claim last, so that no other run takes the directory while the output is half removed
            Files.delete(claim);
            if (created)
            {
                Files.delete(directory);
            }
            err.println("tessera: the simulation did not finish; its partial output in " + directory + " was removed");
        }
        catch (final IOException | UncheckedIOException ex)
        {
            err.println("tessera: the simulation did not finish, and its partial output in " + directory +
                " could not be removed: " + ex.getMessage());
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
            throw new UncheckedIOException("cannot list " + directory, ex);
        }
    }
}

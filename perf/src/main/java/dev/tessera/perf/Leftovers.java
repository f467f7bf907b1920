package dev.tessera.perf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What a harness must not leave behind when it is stopped early (Ctrl-C, a {@code timeout}, a {@code kill}):
 * the JVMs it started (the gateway under test, forked configurations, cold restarts) and its journals in
 * {@code /tmp} (hundreds of MB to GB each). A {@code finally} block does not run when a signal ends the JVM,
 * a shutdown hook does: this one stops every process still registered (SIGTERM, so the child's own hook cleans
 * up after it, then SIGKILL after {@link #STOP_TIMEOUT_S} s), then deletes every directory still registered, in
 * that order, so that no directory is deleted under a child still writing to it. A normal run forgets each
 * one as it stops or deletes it, so at a normal exit there is nothing left to do.
 * <p>
 * A SIGKILL runs no hook; {@link ParentWatch} covers that side: a child ends when its parent is gone.
 */
public final class Leftovers
{
    static final long STOP_TIMEOUT_S = 30;

    private static final Set<ProcessHandle> PROCESSES = new LinkedHashSet<>();
    private static final Set<Path> DIRECTORIES = new LinkedHashSet<>();
    private static boolean hooked;

    private Leftovers()
    {
    }

    /** Stops {@code process} if this JVM ends before {@link #forget(ProcessHandle)}. */
    public static synchronized void stopOnExit(final ProcessHandle process)
    {
        hook();
        PROCESSES.add(process);
    }

    public static synchronized void forget(final ProcessHandle process)
    {
        PROCESSES.remove(process);
    }

    /** Deletes {@code directory} (and all it holds) if this JVM ends before {@link #forget(Path)}. */
    public static synchronized void deleteOnExit(final Path directory)
    {
        hook();
        DIRECTORIES.add(directory);
    }

    public static synchronized void forget(final Path directory)
    {
        DIRECTORIES.remove(directory);
    }

    private static void hook()
    {
        if (!hooked)
        {
            Runtime.getRuntime().addShutdownHook(new Thread(Leftovers::clear, "tessera-perf-leftovers"));
            hooked = true;
        }
    }

    /** The shutdown hook: processes first, then directories. */
    static void clear()
    {
        final List<ProcessHandle> processes;
        final List<Path> directories;
        synchronized (Leftovers.class)
        {
            processes = new ArrayList<>(PROCESSES);
            directories = new ArrayList<>(DIRECTORIES);
            PROCESSES.clear();
            DIRECTORIES.clear();
        }
        for (final ProcessHandle process : processes)
        {
            if (process.isAlive())
            {
                System.out.println("[tessera-perf] stopping: SIGTERM to child JVM " + process.pid());
                process.destroy();
            }
        }
        for (final ProcessHandle process : processes)
        {
            try
            {
                process.onExit().get(STOP_TIMEOUT_S, TimeUnit.SECONDS);
            }
            catch (final Exception ex)
            {
                System.out.println("[tessera-perf] child JVM " + process.pid() + " did not stop within " + STOP_TIMEOUT_S +
                    " s of SIGTERM: killing it");
                process.destroyForcibly();
            }
        }
        for (final Path directory : directories)
        {
            // A thread of this JVM may still be appending while the hook runs: a file made after the walk
            // leaves the directory non-empty, so a second pass picks it up.
            for (int attempt = 0; attempt < 3 && Files.exists(directory); attempt++)
            {
                PipelineRig.delete(directory);
            }
            System.out.println("[tessera-perf] stopping: " + (Files.exists(directory) ? "could not remove " : "removed ") + directory);
        }
    }
}

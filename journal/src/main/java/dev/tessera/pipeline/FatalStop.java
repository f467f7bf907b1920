package dev.tessera.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The first unexpected failure of a thread the exchange cannot run without (the engine, the gateway, the day end):
 * said once, in one line naming the thread and the cause, and kept for the launcher, which then stops the whole
 * process with its own exit status. A half-dead process (its port open, no thread answering) looks healthy to a
 * port check; a stopped one is restarted and recovers from the journal.
 *
 * <p>A fault on a mapped file whose file system is full shows as a {@code java.lang.InternalError} ("a fault
 * occurred in a recent unsafe memory access operation") that names no file: so the directories whose file systems
 * the exchange writes through mappings are looked at when a failure is reported, and one that is (nearly) full is
 * named with "No space left on device".
 */
public final class FatalStop
{
    /** A file system with less than this usable is taken as the one that ran out. */
    static final long NEARLY_FULL_BYTES = 1L << 20;

    private final List<Path> directories;
    private final Consumer<String> log;
    private volatile String reason;

    /**
     * @param log         where the one line goes (stderr in the launcher)
     * @param directories the directories written through mappings (journal, session state), to name a full one
     */
    public FatalStop(final Consumer<String> log, final List<Path> directories)
    {
        this.log = Objects.requireNonNull(log, "log");
        this.directories = List.copyOf(directories);
    }

    /** Records the failure of {@code thread} and says it, the first time only (what follows is its fallout). */
    public void stop(final String thread, final Throwable cause)
    {
        final String line;
        synchronized (this)
        {
            if (reason != null)
            {
                return;
            }
            line = "tessera: the " + thread + " thread stopped: " + describe(cause, directories) +
                "; the exchange stops (it cannot run without it)";
            reason = line;
        }
        log.accept(line);
    }

    /** The line said for the first failure, or null while none has happened. */
    public String reason()
    {
        return reason;
    }

    /**
     * The cause in one line, with the full file system named when one of {@code directories} (nearly) is: the
     * cause itself often cannot say (a fault on a mapped page names neither file nor reason).
     */
    public static String describe(final Throwable cause, final List<Path> directories)
    {
        final StringBuilder text = new StringBuilder(String.valueOf(cause));
        if (text.indexOf("No space left on device") >= 0)
        {
            return text.toString();
        }
        for (final Path directory : directories)
        {
            final long usable = usableSpace(directory);
            if (usable >= 0 && usable < NEARLY_FULL_BYTES)
            {
                text.append(" (the file system of ").append(directory.toAbsolutePath()).append(" has ")
                    .append(usable).append(" bytes left: No space left on device)");
                break;
            }
        }
        return text.toString();
    }

    /** Usable bytes on {@code directory}'s file system, or -1 when it cannot be told. */
    static long usableSpace(final Path directory)
    {
        try
        {
            return Files.getFileStore(directory).getUsableSpace();
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }
}

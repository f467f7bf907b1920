package dev.tessera.perf;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether another JMH run holds JMH's lock ({@code java.io.tmpdir}/jmh.lock), which allows one run per machine.
 * {@code perf/bin/bench} asks before it runs JMH or makes a results directory, so that a run started while another
 * holds the lock is refused in one line with nothing left behind, rather than with JMH's stack trace and a results
 * directory holding only that failure, which then refuses the retry (QA 113 F6).
 *
 * <pre>
 * java -cp perf/target/benchmarks.jar dev.tessera.perf.JmhLock
 * </pre>
 * prints the lock file's path, and exits 0 when the lock is free, {@value #HELD} when another process holds it.
 */
public final class JmhLock
{
    /** The exit status when another process holds the lock. */
    static final int HELD = 3;

    private JmhLock()
    {
    }

    public static void main(final String[] args)
    {
        // Where JMH's Runner takes it: the same java.io.tmpdir, as the script gives this JVM the runner's flags.
        final Path file = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
        System.out.println(file);
        System.exit(heldElsewhere(file) ? HELD : 0);
    }

    /**
     * As JMH's Runner tries it: an exclusive lock on the file, not waited for, let go at once. A file this JVM cannot
     * open or lock is not called held: JMH then says what is wrong with it.
     */
    static boolean heldElsewhere(final Path file)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock())
        {
            return lock == null;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}

package dev.tessera.perf;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * The main class of every JVM a harness starts ({@link ChildJvm}'s children, the gateway under test):
 * {@code ParentWatch MAIN_CLASS ARGS...} runs {@code MAIN_CLASS.main(ARGS)} and ends the JVM, as a SIGTERM
 * would ({@link System#exit}, so shutdown hooks run: the gateway's orderly shutdown, {@link Leftovers}), once
 * its parent is gone. The parent holds the write end of the child's stdin pipe and never writes to it; the
 * kernel closes it when the parent dies, however it dies, SIGKILL included (no hook of the parent runs then):
 * the child reads end of file. A harness killed outright thus leaves no JVM listening or writing a journal.
 */
public final class ParentWatch
{
    /** The exit status of a JVM ended by SIGTERM (128 + 15), which is what this stands in for. */
    static final int PARENT_GONE_STATUS = 143;

    private ParentWatch()
    {
    }

    public static void main(final String[] args) throws Throwable
    {
        if (args.length == 0)
        {
            System.err.println("ParentWatch: usage: ParentWatch MAIN_CLASS [ARGS...]");
            System.exit(2);
        }
        final Thread watch = new Thread(ParentWatch::awaitEndOfInput, "parent-watch");
        watch.setDaemon(true);
        watch.start();
        try
        {
            Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object)Arrays.copyOfRange(args, 1, args.length));
        }
        catch (final InvocationTargetException ex)
        {
            throw ex.getCause();
        }
    }

    private static void awaitEndOfInput()
    {
        try (InputStream in = System.in)
        {
            final byte[] ignored = new byte[64];
            while (in.read(ignored) >= 0)
            {
                // The parent never writes; anything read is ignored.
            }
        }
        catch (final IOException ex)
        {
            // A broken pipe means the same: the parent is gone.
        }
        System.out.println("[tessera-perf] the parent JVM is gone (stdin closed): exiting as on SIGTERM");
        System.exit(PARENT_GONE_STATUS);
    }
}

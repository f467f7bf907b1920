package dev.tessera.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this test process ignores SIGINT. A build started as a background job of a shell without job control does,
 * and so does every process it starts: a JVM that inherits SIGINT ignored installs no handler for it (no Ctrl-C can
 * reach it either), so a test of what Ctrl-C does has nothing to test there. A terminal, and the README's test
 * command run in it, are not that.
 */
public final class IgnoredSignals
{
    private static final int SIGINT = 2;

    private IgnoredSignals()
    {
    }

    /** From {@code SigIgn} in /proc/self/status; true when it cannot be read (the test then cannot tell). */
    public static boolean sigint() throws IOException
    {
        final Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status))
        {
            return true;
        }
        for (final String line : Files.readAllLines(status))
        {
            if (line.startsWith("SigIgn:"))
            {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & (1L << (SIGINT - 1))) != 0;
            }
        }
        return true;
    }
}

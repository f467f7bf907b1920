package dev.tessera.perf.fix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The stop-the-world pauses in a JVM's {@code -Xlog:gc:file=...} log, e.g.
 * {@code [3.104s][info][gc] GC(4) Pause Young (Normal) (G1 Evacuation Pause) 60M->4M(1024M) 2.817ms}:
 * how the benchmark counts the gateway JVM's collections, which it cannot ask over JMX.
 */
public final class GcLog
{
    private GcLog()
    {
    }

    /** {pauses, total pause milliseconds (rounded)} so far; {0, 0} if there is no log yet. */
    public static long[] pauses(final Path file)
    {
        final List<String> lines;
        try
        {
            lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
        }
        catch (final IOException ex)
        {
            return new long[]{0, 0};
        }
        long count = 0;
        double millis = 0;
        for (final String line : lines)
        {
            final int pause = line.indexOf(" Pause ");
            if (pause < 0 || !line.endsWith("ms"))
            {
                continue;
            }
            count++;
            final String last = line.substring(line.lastIndexOf(' ') + 1, line.length() - 2);
            try
            {
                millis += Double.parseDouble(last);
            }
            catch (final NumberFormatException ex)
            {
                // A pause line without a duration: counted, adds no time.
            }
        }
        return new long[]{count, Math.round(millis)};
    }
}

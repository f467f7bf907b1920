package dev.tessera.perf;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A latency histogram as an {@code .hgrm} file: HdrHistogram's percentile distribution, in microseconds. */
final class HgrmFile
{
    private HgrmFile()
    {
    }

    /** Writes {@code histogram} (values in ns) to {@code file}, creating its directory. */
    static void write(final Path file, final Histogram histogram)
    {
        try
        {
            Files.createDirectories(file.getParent());
            try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "UTF-8"))
            {
                histogram.outputPercentileDistribution(out, 1_000.0);
            }
            System.out.println("[tessera-perf] wrote " + file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }
}

package dev.tessera.server;

import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.ExchangeConfigLoader;
import dev.tessera.gateway.FixServer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run behind the launcher's class-data archive ({@code bin/class-data}): it goes through the
 * code a start and a restart of the exchange load, in a temporary directory, so that a JVM started with
 * {@code -XX:ArchiveClassesAtExit} dumps those classes, already parsed and verified, for later JVMs to map.
 *
 * <p>Why: a restart is a cold JVM, and about half of a 10 M-event restart with a recent snapshot was
 * opening the journal, mostly loading Chronicle's classes (perf/results/2026-11-22-class-data). The
 * archive changes no behaviour: a JVM that cannot use it (a changed jar, another JDK) loads the classes
 * from the jar as before.
 *
 * <p>What it runs: the demo order flow twice (journal, pipeline, matching, snapshotter; the second time
 * recovers from the first run's snapshot), then the FIX server's start and stop on a port the OS picks,
 * on 127.0.0.1. It writes nothing outside its temporary directory, which it deletes.
 */
public final class ClassDataTraining
{
    private ClassDataTraining()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final Path directory = Files.createTempDirectory("tessera-class-data-");
        try
        {
            final ExchangeConfig config = ExchangeConfigLoader.load(null, Map.of(
                "journal.directory", directory.resolve("journal").toString(),
                "journal.snapshotDirectory", directory.resolve("snapshots").toString(),
                "journal.snapshotIntervalRecords", "16",
                "gateway.stateDirectory", directory.resolve("sessions").toString(),
                "gateway.host", "127.0.0.1",
                "gateway.port", "0"));
            final PrintWriter quiet = new PrintWriter(Writer.nullWriter());
            new DemoOrderFlow(config, quiet, quiet).run(() -> { });
            new DemoOrderFlow(config, quiet, quiet).run(() -> { });
            FixServer.start(config, line -> { }).close();
        }
        finally
        {
            delete(directory);
        }
    }

    private static void delete(final Path directory) throws IOException
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(path);
            }
        }
    }
}

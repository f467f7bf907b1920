package dev.tessera.perf;

import dev.tessera.config.Durability;
import dev.tessera.config.Prefault;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.JournalConfig;
import dev.tessera.config.PipelineConfig;
import dev.tessera.config.WaitStrategy;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalPosition;
import dev.tessera.pipeline.ExchangePipeline;
import org.agrona.concurrent.EpochNanoClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The exchange as deployed, minus the gateway: a fresh journal in its own temp directory, a fresh
 * engine, the pipeline over them, and one {@link JournalConsumer} that reads the journal up to the
 * published position. The benchmark's threads: its producer(s), "tessera-engine", "consumer", and
 * "tessera-journal-prefault" unless {@link #PREFAULT} is {@code off}.
 * {@link #close()} drains everything, checks that the consumer saw every journaled command, and
 * deletes the journal.
 */
final class PipelineRig implements AutoCloseable
{
    static final String ROLL_CYCLE = "FAST_DAILY";
    /**
     * {@code journal.prefault} for every journal the benchmarks write: the product's default unless the JVM
     * property {@code tessera.perf.prefault} says otherwise (e.g. {@code TESSERA_BENCH_JVM_ARGS=
     * -Dtessera.perf.prefault=read}, which child JVMs inherit; populate, read or off), to compare them.
     */
    static final Prefault PREFAULT = Prefault.valueOf(
        System.getProperty("tessera.perf.prefault", JournalConfig.DEFAULT_PREFAULT.name()).toUpperCase(Locale.ROOT));
    /** A benchmark journal in {@code directory}: {@link #ROLL_CYCLE}, {@link #PREFAULT}, snapshot defaults. */
    static JournalConfig journalConfig(final Path directory, final Durability durability)
    {
        return new JournalConfig(directory, ROLL_CYCLE, durability, JournalConfig.DEFAULT_SNAPSHOT_DIRECTORY,
            JournalConfig.DEFAULT_SNAPSHOT_INTERVAL_RECORDS, JournalConfig.DEFAULT_SNAPSHOTS_TO_KEEP,
            JournalConfig.DEFAULT_ARCHIVE_DIRECTORY, PREFAULT);
    }

    /** The name of the journal writer's pre-fault thread ({@code JournalPrefault}), for its CPU time. */
    static final String PREFAULT_THREAD = "tessera-journal-prefault";

    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);

    final Path directory;
    final Journal journal;
    final MatchingEngine engine;
    final ExchangePipeline pipeline;
    final JournalConsumer consumer;
    final Thread engineThread;
    final Thread consumerThread;
    final long clockOffset;
    /** Batches published (journaled, and msynced under SYNC): one per onPublish, counted on the engine thread. */
    final AtomicLong publishes = new AtomicLong();
    private final boolean deleteOnClose;

    /** Sees each publication on the engine thread, before the consumer is woken. */
    interface PublishListener
    {
        /**
         * @param commandsJournaled commands journaled and now published, all batches so far.
         * @param nowNanos          System.nanoTime() right after the publication.
         */
        void onPublished(long commandsJournaled, long nowNanos);
    }

    private PipelineRig(
        final Path directory, final InstrumentConfig instrument, final Durability durability, final WaitStrategy waitStrategy,
        final WaitStrategy consumerWait, final int ringSize, final int expectedOrders, final JournalConsumer.Listener listener,
        final PublishListener publishListener, final boolean deleteOnClose)
    {
        this.directory = directory;
        this.deleteOnClose = deleteOnClose;
        this.journal = Journal.open(journalConfig(directory, durability));
        this.engine = new MatchingEngine(List.of(instrument), expectedOrders);
        // The entry stamp is epoch nanoseconds as always, but taken from System.nanoTime() plus a fixed
        // offset: so it is monotonic, cheap, and comparable with the nanoTime of the consumer (entry to
        // visibility, without the error of two different clocks).
        this.clockOffset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
        final EpochNanoClock clock = () -> System.nanoTime() + clockOffset;
        // The consumer needs the pipeline's published position, the pipeline needs the consumer's wake-up:
        // the holder is filled before any producer starts, which orders it before the first publication.
        final JournalConsumer[] wake = new JournalConsumer[1];
        final ExchangePipeline[] self = new ExchangePipeline[1];
        this.pipeline = ExchangePipeline.start(new PipelineConfig(ringSize, waitStrategy), journal, engine,
            JournalPosition.EMPTY, new ExchangePipeline.Options().clock(clock).onPublish(() ->
            {
                final ExchangePipeline started = self[0];
                if (publishListener != null && started != null)
                {
                    publishListener.onPublished(started.commandsProcessed(), System.nanoTime());
                }
                publishes.lazySet(publishes.get() + 1);
                final JournalConsumer target = wake[0];
                if (target != null)
                {
                    target.wake();
                }
            }));
        self[0] = pipeline;
        this.consumer = new JournalConsumer(journal.reader(), pipeline.published(), consumerWait, listener);
        wake[0] = consumer;
        this.consumerThread = consumer.start("consumer");
        this.engineThread = Machine.thread("tessera-engine");
    }

    /**
     * @param parent           where the journal's temp directory is created (e.g. /tmp).
     * @param consumerWait     how the consumer waits for new records (usually {@code waitStrategy}).
     * @param listener         sees every record the consumer reads (null: none).
     * @param publishListener  sees every publication on the engine thread (null: none).
     * @param deleteOnClose    false keeps the journal (for recovery benchmarks).
     */
    static PipelineRig start(
        final Path parent, final Durability durability, final WaitStrategy waitStrategy, final WaitStrategy consumerWait,
        final int ringSize, final JournalConsumer.Listener listener, final PublishListener publishListener,
        final boolean deleteOnClose)
    {
        return start(parent, BenchInstrument.config(), durability, waitStrategy, consumerWait, ringSize, listener,
            publishListener, deleteOnClose);
    }

    /** As above, on another instrument than the generated mix's (a recorded journal's workload). */
    static PipelineRig start(
        final Path parent, final InstrumentConfig instrument, final Durability durability, final WaitStrategy waitStrategy,
        final WaitStrategy consumerWait, final int ringSize, final JournalConsumer.Listener listener,
        final PublishListener publishListener, final boolean deleteOnClose)
    {
        return new PipelineRig(temporaryDirectory(parent, "tessera-perf-journal-"), instrument, durability, waitStrategy,
            consumerWait, ringSize, MatchingEngine.DEFAULT_EXPECTED_ORDERS, listener, publishListener, deleteOnClose);
    }

    /**
     * A new empty directory under {@code parent} (created if missing), for one journal; {@link #delete} removes it,
     * and so does this JVM's shutdown if the run is stopped before (Ctrl-C, timeout, kill: {@link Leftovers}).
     */
    static Path temporaryDirectory(final Path parent, final String prefix)
    {
        try
        {
            Files.createDirectories(parent);
            final Path directory = Files.createTempDirectory(parent, prefix);
            Leftovers.deleteOnExit(directory);
            return directory;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create a directory under " + parent, ex);
        }
    }

    /** Fails the run as soon as the engine thread or the consumer stopped. */
    void checkRunning()
    {
        if (pipeline.failure() != null)
        {
            throw new IllegalStateException("the engine thread stopped", pipeline.failure());
        }
        if (consumer.failure() != null)
        {
            throw new IllegalStateException("the consumer stopped", consumer.failure());
        }
    }

    /**
     * Closes the pipeline (every entered command journaled and published), lets the consumer read to
     * the end, and checks that it saw exactly what the engine journaled: every command, every event.
     *
     * @return the commands journaled.
     */
    long drain() throws InterruptedException
    {
        pipeline.close();
        checkRunning();
        consumer.drainAndStop(pipeline.published().journalIndex(), DRAIN_TIMEOUT_NS);
        final long journaled = pipeline.commandsProcessed();
        if (consumer.records() != journaled || consumer.events() != engine.lastEventSequence())
        {
            throw new IllegalStateException(String.format("the consumer read %,d records and %,d events; the engine " +
                "journaled %,d commands and %,d events", consumer.records(), consumer.events(), journaled,
                engine.lastEventSequence()));
        }
        return journaled;
    }

    @Override
    public void close()
    {
        try
        {
            pipeline.close();
        }
        finally
        {
            journal.close();
            if (deleteOnClose)
            {
                delete(directory);
            }
        }
    }

    static void delete(final Path directory)
    {
        Leftovers.forget(directory);
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> files = Files.walk(directory))
        {
            for (final Path file : (Iterable<Path>)files.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(file);
            }
        }
        catch (final IOException ex)
        {
            System.out.println("[tessera-perf] could not delete " + directory + ": " + ex);
        }
    }

    /** Bytes the directory's files take on disk (du: Chronicle's files are sparse, their length says little). */
    static long diskBytes(final Path directory)
    {
        try
        {
            final Process du = new ProcessBuilder("du", "-s", "-B1", directory.toString()).start();
            final String out = new String(du.getInputStream().readAllBytes()).trim();
            du.waitFor(30, TimeUnit.SECONDS);
            return Long.parseLong(out.split("\\s+")[0]);
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}

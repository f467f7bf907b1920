package dev.tessera.pipeline;

import dev.tessera.config.Durability;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.JournalConfig;
import dev.tessera.config.PipelineConfig;
import dev.tessera.config.SelfTradePrevention;
import dev.tessera.config.WaitStrategy;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalPosition;
import dev.tessera.journal.Recovery;
import dev.tessera.journal.SnapshotDirectory;
import dev.tessera.journal.SnapshotStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SnapshotterTest
{
    private static final List<InstrumentConfig> INSTRUMENTS = List.of(
        new InstrumentConfig("TEST", 1, 2, 1, 1, 1, 1_000_000, 10_000, 0, SelfTradePrevention.CANCEL_RESTING));
    private static final int EXPECTED_ORDERS = 4096;

    @TempDir
    Path root;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private JournalConfig config(final long interval, final int keep)
    {
        return new JournalConfig(root.resolve("journal"), "FAST_DAILY", Durability.PROCESS, root.resolve("snapshots"),
            interval, keep, root.resolve("archive"));
    }

    private static Recovery.Result recover(final Journal journal, final SnapshotStore snapshots)
    {
        return Recovery.recover(journal, INSTRUMENTS, EXPECTED_ORDERS, snapshots, line -> { });
    }

    private Snapshotter startSnapshotter(final JournalConfig config, final Journal journal, final ExchangePipeline pipeline)
    {
        return Snapshotter.start(config, 0, INSTRUMENTS, EXPECTED_ORDERS, journal, pipeline.published(), log::add);
    }

    /** Producer threads as in ExchangePipelineTest; client ids start at {@code base} so phases do not collide. */
    private static void produce(final ExchangePipeline pipeline, final int producers, final int commandsEach,
        final long base) throws InterruptedException
    {
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++)
        {
            final int owner = p + 1;
            final Thread thread = new Thread(() ->
            {
                final OrderEntry entry = pipeline.orderEntry();
                for (int i = 0; i < commandsEach; i++)
                {
                    final long id = base + owner * 1_000_000L + i;
                    final Side side = (i + owner) % 2 == 0 ? Side.BUY : Side.SELL;
                    long result;
                    do
                    {
                        result = i % 5 == 4 ?
                            entry.cancelOrder(owner, 0, id - 2, id) :
                            entry.newOrder(owner, 1, id, side, OrderType.LIMIT, TimeInForce.GTC, false,
                                9_995 + (i * 7 + owner) % 11, 1 + i % 13);
                    }
                    while (result == OrderEntry.BUSY);
                    assertThat(result).isPositive();
                }
            }, "producer-" + owner);
            threads.add(thread);
            thread.start();
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
    }

    private static void awaitProcessed(final ExchangePipeline pipeline, final long commands)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pipeline.commandsProcessed() < commands)
        {
            assertThat(System.nanoTime()).as(commands + " commands processed in time").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertThat(pipeline.commandsProcessed()).isEqualTo(commands);
    }

    private static void awaitSnapshotCovering(final Snapshotter snapshotter, final long recordSequence)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (snapshotter.lastSnapshotPosition().recordSequence() < recordSequence)
        {
            assertThat(snapshotter.failure()).isNull();
            assertThat(System.nanoTime()).as("snapshot of record " + recordSequence + " in time").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static void awaitAtMostFiles(final SnapshotDirectory snapshots, final int count)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (snapshots.files().size() > count)
        {
            assertThat(System.nanoTime()).as("at most " + count + " snapshots in time").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    @Test
    void shouldSnapshotAlongsideALivePipelineAndKeepOnlyTheNewest() throws Exception
    {
        final JournalConfig config = config(500, 2);
        final SnapshotDirectory snapshots = new SnapshotDirectory(config.snapshotDirectory());
        final long liveHash;
        final JournalPosition finalSnapshot;
        try (Journal journal = Journal.open(config))
        {
            final Recovery.Result start = recover(journal, snapshots);
            final MatchingEngine engine = start.engine();
            try (ExchangePipeline pipeline = ExchangePipeline.start(new PipelineConfig(1024, WaitStrategy.BLOCKING),
                journal, engine, start.position(), new ExchangePipeline.Options()))
            {
                try (Snapshotter snapshotter = startSnapshotter(config, journal, pipeline))
                {
                    produce(pipeline, 3, 1_000, 0);
                    awaitSnapshotCovering(snapshotter, 2_500);
                    final long snapshotsInPhaseOne = snapshotter.snapshotsWritten();

                    // Matching went on while the snapshotter worked, and goes on after it wrote.
                    produce(pipeline, 3, 1_000, 100_000_000L);
                    awaitProcessed(pipeline, 6_000);
                    awaitSnapshotCovering(snapshotter, 6_000);

                    assertThat(snapshotsInPhaseOne).isGreaterThanOrEqualTo(5);
                    assertThat(snapshotter.snapshotsWritten()).isGreaterThanOrEqualTo(11);
                    // The oldest is deleted just after the newest is written: retention holds once that is done.
                    awaitAtMostFiles(snapshots, 2);
                    assertThat(snapshots.files()).as("only the newest").hasSize(2);
                    finalSnapshot = snapshotter.snapshotNow();
                    assertThat(finalSnapshot.index()).isEqualTo(pipeline.published().journalIndex());
                    assertThat(finalSnapshot.recordSequence()).isEqualTo(6_000);
                    assertThat(snapshotter.failure()).isNull();
                }
            }
            liveHash = engine.stateHash();
        }
        assertThat(snapshots.files()).extracting(file -> file.getFileName().toString())
            .containsExactly(SnapshotDirectory.fileName(5_500), SnapshotDirectory.fileName(6_000));
        assertThat(log).anyMatch(line -> line.contains("wrote " + SnapshotDirectory.fileName(500)));
        assertThat(log).noneMatch(line -> line.contains("WARNING") || line.contains("stopped"));

        try (Journal journal = Journal.open(config))
        {
            final Recovery.Result recovered = recover(journal, snapshots);
            assertThat(recovered.snapshot()).isEqualTo(SnapshotDirectory.fileName(6_000));
            assertThat(recovered.recordsReplayed()).isZero();
            assertThat(recovered.position()).isEqualTo(finalSnapshot);
            assertThat(recovered.engine().stateHash()).isEqualTo(liveHash);

            final Recovery.Result full = recover(journal, SnapshotStore.NONE);
            assertThat(full.engine().stateHash()).isEqualTo(liveHash);
            assertThat(full.position()).isEqualTo(finalSnapshot);
        }
    }

    @Test
    void shouldStartFromTheNewestSnapshotAndWriteAFinalOneOnClose() throws Exception
    {
        final JournalConfig config = config(1_000, 3);
        final SnapshotDirectory snapshots = new SnapshotDirectory(config.snapshotDirectory());
        for (int run = 0; run < 2; run++)
        {
            try (Journal journal = Journal.open(config))
            {
                final Recovery.Result start = recover(journal, snapshots);
                final ExchangePipeline pipeline = ExchangePipeline.start(new PipelineConfig(256, WaitStrategy.BLOCKING),
                    journal, start.engine(), start.position(), new ExchangePipeline.Options());
                try (Snapshotter snapshotter = startSnapshotter(config, journal, pipeline))
                {
                    // The pipeline closes first: everything entered is published before the final snapshot.
                    try (pipeline)
                    {
                        produce(pipeline, 2, 750, run * 100_000_000L);
                    }
                }
            }
        }
        // Run 1: 1000 (interval), 1500 (close). Run 2 starts after 1500: 2500 (interval), 3000 (close).
        assertThat(snapshots.files()).extracting(file -> file.getFileName().toString()).containsExactly(
            SnapshotDirectory.fileName(1_500), SnapshotDirectory.fileName(2_500), SnapshotDirectory.fileName(3_000));
        assertThat(log).anyMatch(line -> line.contains("snapshotter: snapshot " + SnapshotDirectory.fileName(1_500)));
        assertThat(log).anyMatch(line -> line.contains("started after record 1500"));

        try (Journal journal = Journal.open(config))
        {
            final Recovery.Result recovered = recover(journal, snapshots);
            final Recovery.Result full = recover(journal, SnapshotStore.NONE);
            assertThat(recovered.recordsReplayed()).isZero();
            assertThat(recovered.engine().stateHash()).isEqualTo(full.engine().stateHash());
        }
    }

    /**
     * QA 98: each warning for a snapshot skipped at start-up came twice, from recovery and from the snapshotter, whose
     * start walks the same snapshots of the same journal right after. Said once, by recovery.
     */
    @Test
    void shouldLeaveTheWarningForASnapshotSkippedAtStartToRecovery() throws Exception
    {
        final JournalConfig config = config(500, 3);
        final SnapshotDirectory snapshots = new SnapshotDirectory(config.snapshotDirectory());
        try (Journal journal = Journal.open(config))
        {
            final Recovery.Result start = recover(journal, snapshots);
            try (ExchangePipeline pipeline = ExchangePipeline.start(new PipelineConfig(256, WaitStrategy.BLOCKING),
                journal, start.engine(), start.position(), new ExchangePipeline.Options());
                Snapshotter snapshotter = startSnapshotter(config, journal, pipeline))
            {
                produce(pipeline, 2, 500, 0);
                awaitProcessed(pipeline, 1_000);
                awaitSnapshotCovering(snapshotter, 1_000);
            }
        }
        final Path newest = snapshots.files().get(snapshots.files().size() - 1);
        final byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length - 1] ^= 1;
        Files.write(newest, bytes);
        log.clear();

        try (Journal journal = Journal.open(config))
        {
            final Recovery.Result start = Recovery.recover(journal, INSTRUMENTS, EXPECTED_ORDERS, snapshots, log::add);
            assertThat(start.snapshot()).isNotEqualTo(newest.getFileName().toString()).isNotNull();
            try (ExchangePipeline pipeline = ExchangePipeline.start(new PipelineConfig(256, WaitStrategy.BLOCKING),
                journal, start.engine(), start.position(), new ExchangePipeline.Options());
                Snapshotter snapshotter = startSnapshotter(config, journal, pipeline))
            {
                assertThat(snapshotter.snapshotNow().recordSequence()).isPositive();
            }
        }
        assertThat(log).anyMatch(line -> line.startsWith("snapshotter: started after record"));
        assertThat(log.stream().filter(line -> line.contains("WARNING skipping " + newest)))
            .as("%s", log).hasSize(1);
    }

    @Test
    void shouldWriteNothingWhenNothingHappened() throws Exception
    {
        final JournalConfig config = config(100, 3);
        try (Journal journal = Journal.open(config))
        {
            final Recovery.Result start = recover(journal, SnapshotStore.NONE);
            try (ExchangePipeline pipeline = ExchangePipeline.start(new PipelineConfig(16, WaitStrategy.BLOCKING),
                journal, start.engine(), start.position(), new ExchangePipeline.Options());
                Snapshotter snapshotter = startSnapshotter(config, journal, pipeline))
            {
                assertThat(snapshotter.snapshotNow()).isEqualTo(JournalPosition.EMPTY);
                assertThat(snapshotter.snapshotsWritten()).isZero();
            }
        }
        assertThat(new SnapshotDirectory(config.snapshotDirectory()).files()).isEmpty();
    }
    @Test
    void shouldStopOnADiskErrorWithoutStoppingMatching() throws Exception
    {
        final JournalConfig config = config(100, 3);
        java.nio.file.Files.writeString(config.snapshotDirectory(), "a file where the directory should be");
        try (Journal journal = Journal.open(config))
        {
            final Recovery.Result start = recover(journal, SnapshotStore.NONE);
            try (ExchangePipeline pipeline = ExchangePipeline.start(new PipelineConfig(256, WaitStrategy.BLOCKING),
                journal, start.engine(), start.position(), new ExchangePipeline.Options()))
            {
                final Snapshotter snapshotter = startSnapshotter(config, journal, pipeline);
                produce(pipeline, 2, 250, 0);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (snapshotter.failure() == null && System.nanoTime() < deadline)
                {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
                assertThat(snapshotter.failure()).hasMessageContaining("cannot write snapshot");
                snapshotter.close();

                produce(pipeline, 2, 250, 100_000_000L);
                awaitProcessed(pipeline, 1_000);
                assertThat(pipeline.failure()).isNull();
            }
        }
        assertThat(log).anyMatch(line -> line.startsWith("snapshotter: stopped, no more snapshots until a restart " +
            "(matching goes on; a restart replays the journal from the newest snapshot): cannot write snapshot " +
            config.snapshotDirectory().resolve(SnapshotDirectory.fileName(100)) + ": " + config.snapshotDirectory() +
            ": a file that is not a directory is there"));
    }
}

package dev.tessera.perf;

import dev.tessera.config.Durability;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalPosition;
import dev.tessera.journal.JournalReader;
import dev.tessera.journal.Recovery;
import dev.tessera.journal.SnapshotDirectory;
import dev.tessera.journal.SnapshotStore;
import dev.tessera.perf.workload.HarnessArgs;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Restart time: {@code Journal.open} plus {@link Recovery#recover} with a {@link SnapshotDirectory},
 * over a journal of the realistic mix with (by default) 10 M events, with a recent snapshot (at 99% of
 * the journal's records) and without one (a full replay). Every restart runs in a fresh JVM
 * ({@link ChildJvm}), because a real restart starts cold: no JIT profile, classes to load. The child
 * reports the open and recovery times it measured, its JVM uptime when it was ready, and the state
 * hash, which must equal that of the engine that wrote the journal; the parent adds the wall time
 * from spawning the JVM to its exit. The page cache is warm (the journal was just written, and this
 * harness does not drop caches on a shared machine): a restart after a reboot reads the files from
 * disk first.
 *
 * <p>The snapshot is written the way the {@code Snapshotter} writes one: a separate engine applies
 * the journal's events up to the record, then {@link SnapshotDirectory#write} (temp file, fsync,
 * atomic rename).
 *
 * <pre>
 * perf/bin/pipeline-bench restart [--events 10000000] [--snapshot-at 0.99] [--repeat 3] [--ring-ops 524288]
 *     [--dir /tmp] [--keep] [--smoke]
 *
 * java @.mvn/jvm.config -cp perf/target/benchmarks.jar dev.tessera.perf.RestartHarness --restart-once JOURNAL_DIR
 *     --snapshots SNAPSHOT_DIR|none          (one restart; what each child runs, e.g. under a profiler)
 * </pre>
 */
public final class RestartHarness
{
    private static final long CHILD_TIMEOUT_S = 300;

    private RestartHarness()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final HarnessArgs options = new HarnessArgs(args);
        final String once = options.string("restart-once", "",
            "one restart of this journal directory, with --snapshots DIR|none, and nothing else (what each child runs)");
        if (!once.isEmpty())
        {
            final String snapshots = options.string("snapshots", "none", "with --restart-once: the snapshot directory, or none");
            options.requireAllUsed();
            restartOnce(Path.of(once), snapshots);
            return;
        }
        final boolean smoke = options.smoke();
        final long events = options.longValue("events", smoke ? 50_000 : 10_000_000, 1, PipelineThroughputBenchmark.EVENTS);
        final double snapshotAt = options.fraction("snapshot-at", 0.99,
            "where the snapshot is taken, as a fraction of the journal's records (the restart replays the rest)");
        final int repeat = options.integer("repeat", smoke ? 1 : 3, 1,
            "restarts of each kind, with the snapshot and then without one (a full replay), each in a fresh JVM");
        final int ringOps = options.integer("ring-ops", smoke ? 1 << 13 : 1 << 19, 1, PipelineThroughputBenchmark.RING_OPS);
        final String dir = options.string("dir", System.getProperty("java.io.tmpdir"), PipelineThroughputBenchmark.DIR);
        final boolean keep = options.flag("keep",
            "keep the journal and the snapshot directory afterwards (it says where), e.g. to restart them again");
        options.requireAllUsed();
        JvmFlags.check();
        System.out.println(Machine.header("RestartHarness", options));

        final MixFeed feed = PipelineThroughputBenchmark.feed(ringOps, smoke);
        final MixJournal.Generated generated = MixJournal.generate(feed, Path.of(dir), events);
        final Path snapshots = PipelineRig.temporaryDirectory(Path.of(dir), "tessera-perf-snapshots-");
        try
        {
            final long snapshotRecord = (long)Math.floor(generated.records() * snapshotAt);
            writeSnapshot(generated, snapshots, snapshotRecord);

            final List<String> results = new ArrayList<>();
            for (final String mode : new String[]{"snapshot", "none"})
            {
                for (int r = 0; r < repeat; r++)
                {
                    final String load = Machine.loadAverage();
                    final ChildJvm.Outcome outcome = ChildJvm.run(RestartHarness.class, List.of("--restart-once",
                        generated.directory().toString(), "--snapshots", "snapshot".equals(mode) ? snapshots.toString() : "none"),
                        CHILD_TIMEOUT_S);
                    if (outcome.exitStatus() != 0 || outcome.results().size() != 1)
                    {
                        throw new IllegalStateException("restart (" + mode + ") failed, exit status " + outcome.exitStatus());
                    }
                    final String result = outcome.results().get(0);
                    if (Long.parseUnsignedLong(ChildJvm.field(result, "hash"), 16) != generated.stateHash())
                    {
                        throw new IllegalStateException("restart (" + mode + ") rebuilt another state: " + result);
                    }
                    final String line = String.format("mode=%s %s jvmWallMs=%.0f loadBefore=%s", mode, result,
                        outcome.wallNanos() / 1e6, load.replace(' ', '/'));
                    System.out.printf("[tessera-perf] restart %s #%d: %s%n", mode, r + 1, line);
                    results.add(line);
                }
            }
            summary(generated, snapshotRecord, results);
        }
        finally
        {
            if (keep)
            {
                Leftovers.forget(snapshots);
                Leftovers.forget(generated.directory());
                System.out.printf("[tessera-perf] kept the journal %s and the snapshot directory %s (--keep): delete them " +
                    "when done%n", generated.directory(), snapshots);
            }
            else
            {
                PipelineRig.delete(snapshots);
                PipelineRig.delete(generated.directory());
            }
        }
    }

    /** Applies records 1..{@code record} to a fresh engine and writes its snapshot, as the Snapshotter would. */
    private static void writeSnapshot(final MixJournal.Generated generated, final Path snapshots, final long record)
    {
        final long start = System.nanoTime();
        try (Journal journal = Journal.open(PipelineRig.journalConfig(generated.directory(), Durability.PROCESS));
             JournalReader reader = journal.reader())
        {
            final MatchingEngine engine = new MatchingEngine(List.of(BenchInstrument.config()), MatchingEngine.DEFAULT_EXPECTED_ORDERS);
            long applied = 0;
            while (applied < record)
            {
                final int read = reader.poll(
                    r -> engine.apply(r.buffer(), r.eventsOffset(), r.eventsLength()), (int)Math.min(4096, record - applied));
                if (read == 0)
                {
                    throw new IllegalStateException("the journal ended at record " + applied + " before " + record);
                }
                applied += read;
            }
            final JournalPosition position = reader.position();
            final Path file = new SnapshotDirectory(snapshots).write(engine, position);
            System.out.printf("[tessera-perf] snapshot %s: record %,d of %,d (%.1f%%), event %,d, %,d live orders, %,d bytes; " +
                    "built in %.1f s%n", file.getFileName(), position.recordSequence(), generated.records(),
                100.0 * position.recordSequence() / generated.records(), position.lastEventSequence(), engine.liveOrderCount(),
                file.toFile().length(), (System.nanoTime() - start) / 1e9);
        }
    }

    /** The child: one restart, timed from inside, reported as one RESULT line. */
    private static void restartOnce(final Path journalDirectory, final String snapshots)
    {
        JvmFlags.check();
        final long uptimeAtStart = ManagementFactory.getRuntimeMXBean().getUptime();
        final long processCpu = Machine.processCpuNanos();
        final long threadCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        final long start = System.nanoTime();
        try (Journal journal = Journal.open(PipelineRig.journalConfig(journalDirectory, Durability.PROCESS)))
        {
            final long opened = System.nanoTime();
            final SnapshotStore store = "none".equals(snapshots) ? SnapshotStore.NONE : new SnapshotDirectory(Path.of(snapshots));
            final Recovery.Result result = Recovery.recover(journal, List.of(BenchInstrument.config()),
                MatchingEngine.DEFAULT_EXPECTED_ORDERS, store, line -> System.out.println("[tessera-perf]   " + line));
            final long ready = System.nanoTime();
            // On a shared 2-core machine the restarting thread also competes with the JIT compiler threads
            // it wakes: its own CPU time and the whole process's say how much of the wall time was work.
            final long mainCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpu;
            System.out.println(ChildJvm.RESULT + String.format("totalMs=%.1f openMs=%.1f recoverMs=%.1f records=%d events=%d " +
                    "snapshot=%s hash=%016x uptimeAtMainMs=%d uptimeAtReadyMs=%d mainCpuMs=%.0f processCpuMs=%.0f load=%s",
                (ready - start) / 1e6, (opened - start) / 1e6, (ready - opened) / 1e6, result.recordsReplayed(),
                result.eventsReplayed(), result.snapshot(), result.engine().stateHash(), uptimeAtStart,
                ManagementFactory.getRuntimeMXBean().getUptime(), mainCpu / 1e6, (Machine.processCpuNanos() - processCpu) / 1e6,
                Machine.loadAverage().replace(' ', '/')));
        }
    }

    private static void summary(final MixJournal.Generated generated, final long snapshotRecord, final List<String> results)
    {
        System.out.printf("%n| journal | restart | open+recover ms (median; all) | replayed events | restarting thread CPU ms (median) | process CPU ms (median) | JVM uptime at ready ms (median) | JVM spawn to exit ms (median) |%n");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (final String mode : new String[]{"snapshot", "none"})
        {
            final List<String> of = results.stream().filter(r -> ChildJvm.field(r, "mode").equals(mode)).toList();
            final double[] total = of.stream().mapToDouble(r -> Double.parseDouble(ChildJvm.field(r, "totalMs"))).sorted().toArray();
            final double[] uptime = of.stream().mapToDouble(r -> Double.parseDouble(ChildJvm.field(r, "uptimeAtReadyMs"))).sorted().toArray();
            final double[] wall = of.stream().mapToDouble(r -> Double.parseDouble(ChildJvm.field(r, "jvmWallMs"))).sorted().toArray();
            final double[] mainCpu = of.stream().mapToDouble(r -> Double.parseDouble(ChildJvm.field(r, "mainCpuMs"))).sorted().toArray();
            final double[] processCpu = of.stream().mapToDouble(r -> Double.parseDouble(ChildJvm.field(r, "processCpuMs"))).sorted().toArray();
            System.out.printf("| %,d records, %,d events | %s | %.0f (%s) | %s | %.0f | %.0f | %.0f | %.0f |%n",
                generated.records(), generated.events(),
                "snapshot".equals(mode) ? String.format("snapshot at record %,d (%.1f%%)", snapshotRecord,
                    100.0 * snapshotRecord / generated.records()) : "no snapshot (full replay)",
                ReplayBenchmark.median(total), Arrays.toString(total), ChildJvm.field(of.get(0), "events"),
                ReplayBenchmark.median(mainCpu), ReplayBenchmark.median(processCpu), ReplayBenchmark.median(uptime),
                ReplayBenchmark.median(wall));
        }
    }
}

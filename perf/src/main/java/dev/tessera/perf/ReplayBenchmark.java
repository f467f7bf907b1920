package dev.tessera.perf;

import dev.tessera.config.Durability;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalReader;
import dev.tessera.journal.JournalRecord;
import dev.tessera.journal.JournalRecordHandler;
import dev.tessera.journal.Recovery;
import dev.tessera.journal.SnapshotStore;
import dev.tessera.perf.workload.HarnessArgs;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Replay rate: events per second of rebuilding the books by applying journaled events, i.e.
 * {@link Recovery#recover} with no snapshot ({@link SnapshotStore#NONE}) over a journal of the
 * realistic mix generated up front ({@link MixJournal}). Only the recovery is timed; every replay must
 * end with the writing engine's state hash. Beside it, the same journal is only read and verified
 * (CRC32C, sequences, hash chain; no apply), to show how the time splits between the journal and the
 * engine. The first repetition warms up the JIT and is reported apart (a restart is cold: see
 * {@link RestartHarness}). The page cache is warm: the journal has just been written.
 *
 * <pre>
 * perf/bin/pipeline-bench replay [--events 5000000] [--repeat 5] [--ring-ops 524288] [--dir /tmp] [--smoke]
 * </pre>
 */
public final class ReplayBenchmark
{
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int POLL = 4096;

    private ReplayBenchmark()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final HarnessArgs options = new HarnessArgs(args);
        final boolean smoke = options.smoke();
        final long events = options.longValue("events", smoke ? 50_000 : 5_000_000, 1, PipelineThroughputBenchmark.EVENTS);
        final int repeat = options.integer("repeat", smoke ? 2 : 5, 1,
            "replays of the journal; the first warms up the JIT and is reported apart");
        final int ringOps = options.integer("ring-ops", smoke ? 1 << 13 : 1 << 19, 1, PipelineThroughputBenchmark.RING_OPS);
        final String dir = options.string("dir", System.getProperty("java.io.tmpdir"), PipelineThroughputBenchmark.DIR);
        options.requireAllUsed();
        JvmFlags.check();
        System.out.println(Machine.header("ReplayBenchmark", options));

        final MixFeed feed = PipelineThroughputBenchmark.feed(ringOps, smoke);
        final MixJournal.Generated generated = MixJournal.generate(feed, Path.of(dir), events);
        try (Journal journal = Journal.open(PipelineRig.journalConfig(generated.directory(), Durability.PROCESS)))
        {
            final double[] replay = new double[repeat];
            final double[] replayCpu = new double[repeat];
            final double[] read = new double[repeat];
            for (int r = 0; r < repeat; r++)
            {
                final String load = Machine.loadAverage();
                final long readCpu = THREADS.getCurrentThreadCpuTime();
                final long readStart = System.nanoTime();
                final long[] readEvents = readOnly(journal);
                final long readNanos = System.nanoTime() - readStart;
                final long readCpuNanos = THREADS.getCurrentThreadCpuTime() - readCpu;
                check(generated.readWhole(readEvents),
                    "reading found " + readEvents[0] + " records and " + readEvents[1] + " events");

                final long cpu = THREADS.getCurrentThreadCpuTime();
                final Recovery.Result result = Recovery.recover(journal, List.of(BenchInstrument.config()),
                    MatchingEngine.DEFAULT_EXPECTED_ORDERS, SnapshotStore.NONE, line -> { });
                final long cpuNanos = THREADS.getCurrentThreadCpuTime() - cpu;
                check(generated.rebuiltBy(result), "the replay did not rebuild the writer's state: " + result.describe());

                replay[r] = result.eventsReplayed() / (result.nanos() / 1e9);
                replayCpu[r] = result.eventsReplayed() / (cpuNanos / 1e9);
                read[r] = readEvents[1] / (readNanos / 1e9);
                System.out.printf("[tessera-perf] replay %d%s: %,d records, %,d events in %.3f s: %,.0f events/s " +
                        "(%,.0f records/s; thread had %.0f%% of a CPU: %,.0f events per CPU-second); read+verify alone " +
                        "%.3f s: %,.0f events/s (%.0f%% CPU); load average %s%n",
                    r + 1, r == 0 ? " (warm-up, cold JIT)" : "", result.recordsReplayed(), result.eventsReplayed(),
                    result.nanos() / 1e9, replay[r], result.recordsReplayed() / (result.nanos() / 1e9),
                    100.0 * cpuNanos / result.nanos(), replayCpu[r], readNanos / 1e9, read[r],
                    100.0 * readCpuNanos / readNanos, load);
                System.out.println(ChildJvm.RESULT + String.format("repetition=%d warm=%b records=%d events=%d seconds=%.3f " +
                        "eventsPerS=%.0f eventsPerCpuS=%.0f readVerifyEventsPerS=%.0f load=%s", r + 1, r > 0,
                    result.recordsReplayed(), result.eventsReplayed(), result.nanos() / 1e9, replay[r], replayCpu[r], read[r],
                    load.replace(' ', '/')));
            }
            if (repeat > 1)
            {
                final double[] warm = Arrays.copyOfRange(replay, 1, repeat);
                final double[] warmCpu = Arrays.copyOfRange(replayCpu, 1, repeat);
                final double[] warmRead = Arrays.copyOfRange(read, 1, repeat);
                Arrays.sort(warm);
                Arrays.sort(warmCpu);
                Arrays.sort(warmRead);
                System.out.printf("%n| journal | replay events/s (warm, median; min..max) | events per CPU-second (median) | " +
                    "cold first replay events/s | read+verify only events/s (median) |%n|---|---|---|---|---|%n" +
                    "| %,d records, %,d events | %,.0f (%,.0f..%,.0f) | %,.0f | %,.0f | %,.0f |%n",
                    generated.records(), generated.events(), median(warm), warm[0], warm[warm.length - 1], median(warmCpu),
                    replay[0], median(warmRead));
            }
        }
        finally
        {
            PipelineRig.delete(generated.directory());
        }
    }

    /** Reads and verifies every record, applying nothing: {records, events}. */
    static long[] readOnly(final Journal journal)
    {
        final long[] counts = new long[2];
        try (JournalReader reader = journal.reader())
        {
            final JournalRecordHandler handler = (final JournalRecord record) ->
            {
                counts[0]++;
                counts[1] += record.eventCount();
            };
            while (reader.poll(handler, POLL) > 0)
            {
                // until the end
            }
        }
        return counts;
    }

    static double median(final double[] sorted)
    {
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void check(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new IllegalStateException(what);
        }
    }
}

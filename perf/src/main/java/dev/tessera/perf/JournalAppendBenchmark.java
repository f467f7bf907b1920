package dev.tessera.perf;

import dev.tessera.config.Durability;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalPosition;
import dev.tessera.journal.JournalWriter;
import dev.tessera.perf.workload.HarnessArgs;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine thread's own work without the pipeline around it: on one thread, the realistic mix is
 * matched ({@code MatchingEngine.onCommand}) and journaled ({@code JournalWriter.append}) command by
 * command, and every {@code batch} commands the batch is ended ({@code JournalWriter.endOfBatch}: the
 * msync under SYNC, nothing under PROCESS), exactly as {@code MatchingHandler} does. No ring, no
 * other thread, so a shared machine disturbs it less than the pipeline harnesses, and it answers two
 * questions directly: how many commands per second one core can match and journal (the ceiling of the
 * pipeline's throughput), and what one msync costs (the price of SYNC durability), by batch size.
 * The journal is fresh (a new sparse file), only written (it lacks the ring's prologue, so it is not
 * replayable) and deleted afterwards; the engine is checked against the ring's simulated path after each run.
 *
 * <pre>
 * perf/bin/pipeline-bench append [--durability PROCESS,SYNC] [--batches 1,10,100] [--commands 300000]
 *     [--ring-ops 524288] [--dir /tmp] [--smoke]
 * </pre>
 */
public final class JournalAppendBenchmark
{
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(10);

    private JournalAppendBenchmark()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final HarnessArgs options = new HarnessArgs(args);
        final boolean smoke = options.smoke();
        final List<Durability> durabilities = options.enums("durability", Durability.class, "PROCESS,SYNC",
            "journal durabilities, each a run: at the end of a batch SYNC msyncs, PROCESS does nothing");
        final int[] batches = options.integers("batches", "1,10,100", 1,
            "batch sizes, each a run: commands matched and journaled before the batch is ended");
        final int commands = options.integer("commands", smoke ? 20_000 : 300_000, 1, "commands matched and journaled per run");
        final int ringOps = options.integer("ring-ops", smoke ? 1 << 13 : 1 << 19, 1, PipelineThroughputBenchmark.RING_OPS);
        final String dir = options.string("dir", System.getProperty("java.io.tmpdir"), PipelineThroughputBenchmark.DIR);
        options.requireAllUsed();
        JvmFlags.check();
        System.out.println(Machine.header("JournalAppendBenchmark", options));

        final long start = System.nanoTime();
        final Ring ring = Rings.mixed(ringOps);
        ring.requireRealisticDepth();
        System.out.printf("[tessera-perf] mixed ring: %s; set-up %.1f s%n", ring.composition, (System.nanoTime() - start) / 1e9);

        // A first pass warms up the JIT on the same path; it is not reported.
        run(ring, Durability.PROCESS, 10, Math.min(commands, 200_000), Path.of(dir), false);
        final StringBuilder table = new StringBuilder();
        for (final Durability durability : durabilities)
        {
            for (final int batch : batches)
            {
                table.append(run(ring, durability, batch, commands, Path.of(dir), true));
            }
        }
        System.out.println();
        System.out.println("| durability | batch | match+append cmd/s (per thread CPU-second) | per command us (p50 / p99 of batch time / batch) | " +
            "endOfBatch us p50 / p90 / p99 / p99.9 / max | endOfBatch share of the time | thread CPU share | load |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        System.out.print(table);
    }

    private static String run(
        final Ring ring, final Durability durability, final int batch, final int commands, final Path parent,
        final boolean report)
    {
        final Path directory = PipelineRig.temporaryDirectory(parent, "tessera-perf-append-");
        final String load = Machine.loadAverage();
        try (Journal journal = Journal.open(PipelineRig.journalConfig(directory, durability));
             JournalWriter writer = journal.writer(JournalPosition.EMPTY))
        {
            final Replay replay = new Replay(ring);
            final Histogram work = new Histogram(HIGHEST_TRACKABLE_NS, 3);
            final Histogram sync = new Histogram(HIGHEST_TRACKABLE_NS, 3);
            long syncTotal = 0;
            final long cpu = THREADS.getCurrentThreadCpuTime();
            final long begin = System.nanoTime();
            for (int done = 0; done < commands; done += batch)
            {
                final long t0 = System.nanoTime();
                for (int i = 0; i < batch; i++)
                {
                    replay.command(writer);
                }
                final long t1 = System.nanoTime();
                writer.endOfBatch();
                final long t2 = System.nanoTime();
                work.recordValue(Math.min(HIGHEST_TRACKABLE_NS, (t1 - t0) / batch));
                sync.recordValue(Math.min(HIGHEST_TRACKABLE_NS, t2 - t1));
                syncTotal += t2 - t1;
            }
            final long wall = System.nanoTime() - begin;
            final long cpuNanos = THREADS.getCurrentThreadCpuTime() - cpu;
            replay.verify();
            final long done = (commands + batch - 1) / batch * (long)batch;
            final double rate = done / (wall / 1e9);
            final double perCpu = done / (cpuNanos / 1e9);
            if (!report)
            {
                return "";
            }
            System.out.printf("[tessera-perf] %s, batch %d: %,d commands matched and journaled in %.2f s: %,.0f/s " +
                    "(%,.0f per thread CPU-second, %.0f%% CPU); per command p50 %.2f us p99 %.2f us; endOfBatch p50 %.1f us " +
                    "p99 %.1f us max %.1f us, %.1f%% of the time; load average %s%n",
                durability, batch, done, wall / 1e9, rate, perCpu, 100.0 * cpuNanos / wall, us(work, 50), us(work, 99),
                us(sync, 50), us(sync, 99), sync.getMaxValue() / 1e3, 100.0 * syncTotal / wall, load);
            final String row = String.format("| %s | %d | %,.0f (%,.0f) | %.2f / %.2f | %.1f / %.1f / %.1f / %.1f / %.1f | %.1f%% | %.0f%% | %s |%n",
                durability, batch, rate, perCpu, us(work, 50), us(work, 99), us(sync, 50), us(sync, 90), us(sync, 99),
                us(sync, 99.9), sync.getMaxValue() / 1e3, 100.0 * syncTotal / wall, 100.0 * cpuNanos / wall, load);
            System.out.println(ChildJvm.RESULT + String.format("durability=%s batch=%d perS=%.0f perCpuS=%.0f syncP50=%.1f " +
                    "syncP99=%.1f syncShare=%.1f", durability, batch, rate, perCpu, us(sync, 50), us(sync, 99),
                100.0 * syncTotal / wall));
            return row;
        }
        finally
        {
            PipelineRig.delete(directory);
        }
    }

    private static double us(final Histogram histogram, final double percentile)
    {
        return histogram.getValueAtPercentile(percentile) / 1e3;
    }
}

package dev.tessera.perf;

import dev.tessera.perf.workload.HarnessArgs;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How long this machine keeps a thread that never blocks off its CPU: the floor under every latency
 * percentile the other harnesses report, measured before blaming the code for a tail.
 *
 * <p>Each thread spins on {@link System#nanoTime()} for the measured time and records every step longer
 * than the threshold: a time it was not running (an interrupt, the hypervisor, another thread on its
 * CPU). A command that arrives at a random moment while the engine thread is off its CPU waits for the
 * rest of that gap, so the harness also reports that wait: with gaps L<sub>i</sub> over a run of T,
 * P(wait &gt; x) = &Sigma; max(0, L<sub>i</sub> &minus; x) / T. Its 99th percentile is a lower bound on
 * the p99 of any single-threaded pipeline on this machine, whatever the pipeline does; the pipeline's
 * own threads, which share these CPUs, only add to it.
 *
 * <p>Run it with one thread (a dedicated engine thread on an otherwise quiet machine) and with as many
 * threads as CPUs (every CPU busy, as under load). The /proc/stat columns say where the CPUs' time went
 * meanwhile: steal is time the hypervisor gave to other guests.
 *
 * <pre>
 * perf/bin/pipeline-bench jitter [--threads 1,2] [--seconds 20] [--threshold-ns 1000] [--smoke]
 * </pre>
 */
public final class HostJitter
{
    /** Gaps are recorded to three significant digits, up to an hour. */
    private static final long HIGHEST_GAP_NANOS = 3_600_000_000_000L;
    private static final long[] WAIT_BOUNDS_NANOS = {10_000, 100_000, 1_000_000};
    private static final double[] WAIT_QUANTILES = {0.99, 0.999, 0.9999};

    private HostJitter()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final HarnessArgs options = new HarnessArgs(args);
        final boolean smoke = options.smoke();
        final int[] threadCounts = options.integers("threads", "1," + Machine.processors(), 1,
            "spinning threads, each count a run: 1 (a dedicated engine thread) and as many as CPUs (every CPU busy)");
        final int seconds = options.integer("seconds", smoke ? 1 : 20, 1, "seconds each run spins");
        final long thresholdNanos = options.longValue("threshold-ns", 1_000, 1,
            "a step of System.nanoTime() longer than this, in ns, is recorded as a gap (time off the CPU)");
        options.requireAllUsed();
        System.out.println(Machine.header("HostJitter", options));

        for (final int count : threadCounts)
        {
            run(count, seconds * 1_000_000_000L, thresholdNanos);
        }
    }

    private static void run(final int threads, final long runNanos, final long thresholdNanos) throws Exception
    {
        final String load = Machine.loadAverage();
        final long[] cpuBefore = procStatCpu();
        final List<Spinner> spinners = new ArrayList<>();
        for (int i = 0; i < threads; i++)
        {
            final Spinner spinner = new Spinner(runNanos, thresholdNanos);
            spinner.thread = new Thread(spinner, "tessera-jitter-" + i);
            spinners.add(spinner);
        }
        spinners.forEach(spinner -> spinner.thread.start());
        for (final Spinner spinner : spinners)
        {
            spinner.thread.join();
        }
        final long[] cpuAfter = procStatCpu();

        System.out.printf("%n%d spinning thread(s), %.0f s each, steps over %,d ns recorded; load average before %s%n",
            threads, runNanos / 1e9, thresholdNanos, load);
        System.out.println(procStatShares(cpuBefore, cpuAfter));
        System.out.println("| thread | gaps/s | time off CPU | gap p50 µs | gap p99 µs | gap max µs | " +
            "P(wait > 10 µs) | P(wait > 100 µs) | P(wait > 1 ms) | wait p99 µs | wait p99.9 µs | wait p99.99 µs |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < spinners.size(); i++)
        {
            final Spinner spinner = spinners.get(i);
            final Histogram gaps = spinner.gaps;
            final StringBuilder row = new StringBuilder(String.format("| %d | %,.0f | %.3f%% | %.1f | %.1f | %,.1f |",
                i, gaps.getTotalCount() / (spinner.elapsedNanos / 1e9), 100.0 * spinner.lostNanos / spinner.elapsedNanos,
                gaps.getValueAtPercentile(50) / 1e3, gaps.getValueAtPercentile(99) / 1e3, gaps.getMaxValue() / 1e3));
            for (final long bound : WAIT_BOUNDS_NANOS)
            {
                row.append(String.format(" %.2e |", probabilityOfWaitAbove(gaps, spinner.elapsedNanos, bound)));
            }
            for (final double quantile : WAIT_QUANTILES)
            {
                row.append(String.format(" %,.1f |", waitAtQuantile(gaps, spinner.elapsedNanos, quantile) / 1e3));
            }
            System.out.println(row);
            System.out.println(ChildJvm.RESULT + String.format("threads=%d thread=%d gapsPerS=%.0f lostPercent=%.4f " +
                    "gapMaxUs=%.1f waitP99Us=%.1f waitP999Us=%.1f", threads, i,
                gaps.getTotalCount() / (spinner.elapsedNanos / 1e9), 100.0 * spinner.lostNanos / spinner.elapsedNanos,
                gaps.getMaxValue() / 1e3, waitAtQuantile(gaps, spinner.elapsedNanos, 0.99) / 1e3,
                waitAtQuantile(gaps, spinner.elapsedNanos, 0.999) / 1e3));
        }
    }

    /**
     * P(wait &gt; bound) for work arriving uniformly over {@code totalNanos}: the share of the run that lies
     * inside a recorded gap with more than {@code bound} of it still to come.
     */
    static double probabilityOfWaitAbove(final Histogram gaps, final long totalNanos, final long bound)
    {
        double excess = 0;
        for (final HistogramIterationValue value : gaps.recordedValues())
        {
            final long gap = gaps.medianEquivalentValue(value.getValueIteratedTo());
            if (gap > bound)
            {
                excess += (double)(gap - bound) * value.getCountAtValueIteratedTo();
            }
        }
        return excess / totalNanos;
    }

    /**
     * The wait that work arriving uniformly over {@code totalNanos} exceeds with probability 1 &minus;
     * quantile: the x where &Sigma; max(0, L &minus; x) = (1 &minus; quantile) T, 0 if the gaps are too few.
     */
    static long waitAtQuantile(final Histogram gaps, final long totalNanos, final double quantile)
    {
        final double allowed = (1.0 - quantile) * totalNanos;
        final List<long[]> descending = new ArrayList<>();
        for (final HistogramIterationValue value : gaps.recordedValues())
        {
            descending.add(0, new long[] {gaps.medianEquivalentValue(value.getValueIteratedTo()),
                value.getCountAtValueIteratedTo()});
        }
        // Between two neighbouring gap lengths the excess is linear in x: sum - count * x over the longer gaps.
        double count = 0;
        double sum = 0;
        for (int k = 0; k < descending.size(); k++)
        {
            count += descending.get(k)[1];
            sum += (double)descending.get(k)[0] * descending.get(k)[1];
            final long next = k + 1 < descending.size() ? descending.get(k + 1)[0] : 0;
            if (sum - count * next >= allowed)
            {
                return Math.max(next, (long)Math.ceil((sum - allowed) / count));
            }
        }
        return 0;
    }

    /** The aggregate "cpu" line of /proc/stat (user nice system idle iowait irq softirq steal), or empty. */
    private static long[] procStatCpu()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/stat")))
            {
                if (line.startsWith("cpu "))
                {
                    final String[] fields = line.trim().split("\\s+");
                    final long[] ticks = new long[8];
                    for (int i = 0; i < ticks.length && i + 1 < fields.length; i++)
                    {
                        ticks[i] = Long.parseLong(fields[i + 1]);
                    }
                    return ticks;
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // not Linux: the shares are left out
        }
        return new long[0];
    }

    private static String procStatShares(final long[] before, final long[] after)
    {
        if (before.length == 0 || after.length == 0)
        {
            return "/proc/stat: n/a";
        }
        final String[] names = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};
        long total = 0;
        for (int i = 0; i < names.length; i++)
        {
            total += after[i] - before[i];
        }
        final StringBuilder shares = new StringBuilder("/proc/stat, all CPUs, during the run:");
        for (int i = 0; i < names.length; i++)
        {
            shares.append(String.format(" %s %.1f%%", names[i], total == 0 ? 0.0 : 100.0 * (after[i] - before[i]) / total));
        }
        return shares.toString();
    }

    private static final class Spinner implements Runnable
    {
        private final long runNanos;
        private final long thresholdNanos;
        private final Histogram gaps = new Histogram(HIGHEST_GAP_NANOS, 3);
        private Thread thread;
        private long lostNanos;
        private long elapsedNanos;

        private Spinner(final long runNanos, final long thresholdNanos)
        {
            this.runNanos = runNanos;
            this.thresholdNanos = thresholdNanos;
        }

        @Override
        public void run()
        {
            final long start = System.nanoTime();
            final long end = start + runNanos;
            long previous = start;
            long now;
            do
            {
                now = System.nanoTime();
                final long gap = now - previous;
                if (gap > thresholdNanos)
                {
                    gaps.recordValue(Math.min(gap, HIGHEST_GAP_NANOS));
                    lostNanos += gap;
                }
                previous = now;
            }
            while (now < end);
            elapsedNanos = now - start;
        }
    }
}

package dev.tessera.perf.workload;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency at fixed offered rates, the same way for every engine: one producer sends the workload on a
 * fixed schedule (command k of a step is due at {@code start + k * period}, its intended send time),
 * never skips one and never waits for a result, so a late producer sends the overdue commands at once
 * and every delay lands in the latencies it caused ({@link LatencyTracker}).
 *
 * <p>The run: the workload's prologue (the start book) flat out and unrecorded; a warm-up at a fixed
 * rate, unrecorded; then per rate a pause, an unrecorded lead-in and a measured window on one schedule
 * (the window starts where the lead-in ends, so it starts in steady state). A step the system cannot
 * keep up with runs past its window to send every scheduled command, up to three windows; what is
 * still unsent then is reported. The ladder stops after the first saturated step: higher rates would
 * only measure a longer queue.
 */
public final class RateLadder
{
    /** Waits longer than this park (coarse, ~50-60 us on Linux); shorter ones yield, the last few spin. */
    private static final long PARK_ABOVE_NS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final long SPIN_BELOW_NS = TimeUnit.MICROSECONDS.toNanos(2);
    private static final long CATCH_UP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(120);
    private static final long PAUSE_NS = TimeUnit.MILLISECONDS.toNanos(200);

    /** The engine under test, seen from the producer. */
    public interface Target
    {
        /**
         * Sends command {@code n} of the workload (0-based; the engine maps it with {@link Workload#position}).
         *
         * @return false when the engine cannot take it now (ring full): the same command is offered again.
         */
        boolean offer(long n);

        /** Throws if the engine stopped or failed (checked while waiting). */
        void checkRunning();
    }

    /**
     * @param rates           offered rates, commands per second, in the order to run them.
     * @param warmupSeconds   unrecorded warm-up, at {@code warmupRate}.
     * @param leadInSeconds   unrecorded start of each step.
     * @param measureSeconds  the recorded window of each step.
     */
    public record Settings(long[] rates, double warmupSeconds, long warmupRate, double leadInSeconds, double measureSeconds)
    {
    }

    private final String system;
    private final Target target;
    private final LatencyTracker tracker;
    private final Settings settings;
    private final Path hgrmDirectory;
    private long sent;

    /** @param hgrmDirectory where each step's {@code .hgrm} goes (null: none). */
    public RateLadder(
        final String system, final Target target, final LatencyTracker tracker, final Settings settings, final Path hgrmDirectory)
    {
        this.system = system;
        this.target = target;
        this.tracker = tracker;
        this.settings = settings;
        this.hgrmDirectory = hgrmDirectory;
    }

    /** Commands sent so far. */
    public long sent()
    {
        return sent;
    }

    /** Prologue, warm-up, then the ladder; each step's result is printed as it ends. */
    public List<StepResult> run(final int prologueCommands)
    {
        final long start = System.nanoTime();
        send(start, 0, prologueCommands, Long.MAX_VALUE);
        awaitCompleted(sent);
        System.out.printf("[ladder] %s: prologue of %,d commands in %.1f s%n", system, prologueCommands, (System.nanoTime() - start) / 1e9);

        final long warmup = (long)(settings.warmupRate() * settings.warmupSeconds());
        send(System.nanoTime(), requirePositive(settings.warmupRate()), warmup, Long.MAX_VALUE);
        awaitCompleted(sent);

        final List<StepResult> results = new ArrayList<>();
        for (final long rate : settings.rates())
        {
            final StepResult result = step(rate);
            System.out.println("[ladder] " + result.describe());
            System.out.println(result.line());
            results.add(result);
            if (result.saturated())
            {
                System.out.printf("[ladder] %s saturated at %,d/s: the higher rates are not run%n", system, rate);
                break;
            }
        }
        return results;
    }

    private StepResult step(final long rate)
    {
        LockSupport.parkNanos(PAUSE_NS);
        target.checkRunning();
        final long gcCount = gcCount();
        final long gcMillis = gcMillis();
        final long leadIn = (long)(rate * settings.leadInSeconds());
        final long window = Math.max(1, (long)(rate * settings.measureSeconds()));
        final Histogram histogram = new Histogram(LatencyTracker.HIGHEST_TRACKABLE_NS, 3);
        final long first = sent + leadIn;
        tracker.openWindow(first, first + window, histogram);
        requirePositive(rate);
        final long start = System.nanoTime();
        final long windowStart = start + leadIn * TimeUnit.SECONDS.toNanos(1) / rate;
        final long giveUp = windowStart + 3 * Math.max(window * TimeUnit.SECONDS.toNanos(1) / rate, TimeUnit.SECONDS.toNanos(1));
        final long maxLate = send(start, rate, leadIn + window, giveUp);
        final long unsent = first + window - sent;
        awaitCompleted(sent);
        final long recorded = histogram.getTotalCount();
        final double seconds = Math.max(1, tracker.lastInWindowNanos() - windowStart) / 1e9;
        final StepResult result = new StepResult(system, rate, recorded / seconds, recorded, Math.max(0, unsent),
            histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99),
            histogram.getValueAtPercentile(99.9), histogram.getValueAtPercentile(99.99), histogram.getMaxValue(),
            histogram.getMean(), gcCount() - gcCount, gcMillis() - gcMillis, maxLate);
        if (hgrmDirectory != null)
        {
            writeHgrm(hgrmDirectory.resolve(hgrmName(system, rate)), histogram);
        }
        return result;
    }

    /** {@code latency-<system>-<rate>.hgrm}, e.g. {@code latency-exchange-core-100k.hgrm}. */
    public static String hgrmName(final String system, final long rate)
    {
        final String label = rate % 1_000_000 == 0 ? rate / 1_000_000 + "m" : rate % 1_000 == 0 ? rate / 1_000 + "k" : Long.toString(rate);
        return "latency-" + system + "-" + label + ".hgrm";
    }

    private static long requirePositive(final long rate)
    {
        if (rate <= 0)
        {
            throw new IllegalArgumentException("rates must be positive: " + rate);
        }
        return rate;
    }

    /**
     * Sends {@code commands} commands from {@link #sent}, command k not before {@code start + k / rate}
     * seconds (rate 0: as fast as the engine takes them), until done or {@code giveUpNanos}.
     *
     * @return how late the latest command was sent, ns.
     */
    private long send(final long start, final long rate, final long commands, final long giveUpNanos)
    {
        final long first = sent;
        long maxLate = 0;
        long checked = System.nanoTime();
        for (long k = 0; k < commands; k++)
        {
            final long intended = rate == 0 ? start : start + k * TimeUnit.SECONDS.toNanos(1) / rate;
            long now = System.nanoTime();
            long early;
            while ((early = intended - now) > 0)
            {
                if (early > PARK_ABOVE_NS)
                {
                    LockSupport.parkNanos(early - PARK_ABOVE_NS / 2);
                }
                else if (early > SPIN_BELOW_NS)
                {
                    Thread.yield();
                }
                else
                {
                    Thread.onSpinWait();
                }
                now = System.nanoTime();
            }
            if (now > giveUpNanos)
            {
                break;
            }
            final long n = first + k;
            final long due = rate == 0 ? now : intended;
            while (!tracker.hasRoom(n))
            {
                Thread.yield();
            }
            tracker.intend(n, due);
            while (!target.offer(n))
            {
                Thread.yield();
            }
            sent = n + 1;
            maxLate = Math.max(maxLate, now - due);
            if (now - checked > TimeUnit.MILLISECONDS.toNanos(100))
            {
                checked = now;
                target.checkRunning();
            }
        }
        return maxLate;
    }

    private void awaitCompleted(final long commands)
    {
        final long deadline = System.nanoTime() + CATCH_UP_TIMEOUT_NS;
        while (tracker.completed() < commands)
        {
            target.checkRunning();
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException(system + ": command " + commands + " did not complete in time (at " +
                    tracker.completed() + ")");
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
        }
    }

    /** Collections so far, all collectors. */
    public static long gcCount()
    {
        long count = 0;
        for (final GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += Math.max(0, collector.getCollectionCount());
        }
        return count;
    }

    /** Milliseconds spent collecting so far, all collectors. */
    public static long gcMillis()
    {
        long millis = 0;
        for (final GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
        {
            millis += Math.max(0, collector.getCollectionTime());
        }
        return millis;
    }

    /** An HdrHistogram percentile distribution in microseconds, as HdrHistogram's plotter reads it. */
    public static void writeHgrm(final Path file, final Histogram histogram)
    {
        try
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "UTF-8"))
            {
                histogram.outputPercentileDistribution(out, 1_000.0);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }
}

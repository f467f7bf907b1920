package dev.tessera.perf;

import dev.tessera.config.Durability;
import dev.tessera.config.WaitStrategy;
import dev.tessera.journal.JournalRecord;
import dev.tessera.pipeline.OrderEntry;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Command-to-publish latency of the journaled pipeline at fixed rates, free of coordinated omission.
 *
 * <p>The producer enters the realistic mix ({@link MixFeed}) on a fixed schedule: command k of a step
 * is due at {@code start + k * period}, its INTENDED send time, whatever happened to the commands
 * before it. A producer that is late (descheduled, or held up by a full ring) sends the overdue
 * commands at once and never skips one, so a stall shows up in the latency of every command it
 * delayed, as a client would see it. The consumer reads the journal up to the published position, as
 * a real consumer does; when it reads a command's record (the command and its events) it records
 * {@code now - intended} in an HdrHistogram. It finds the intended time from the command sequence
 * alone (one producer: sequences are consecutive, and the schedule of each step is published before
 * its first command), so nothing is shared per command. A second histogram records {@code now - entry},
 * entry being the time {@code OrderEntry} stamped on the command: the pipeline's own service time,
 * without the producer's lateness.
 *
 * <p>Per configuration (durability x wait strategy): the start book, a warm-up at the first rate
 * (not recorded), then per rate of the ladder a short unrecorded lead-in and a measured window. A step
 * the pipeline cannot keep up with runs on past its window to send every scheduled command, up to
 * three times the window; whatever is still unsent then is reported (and the step is saturated).
 * Results: p50/p90/p99/p99.9/p99.99/max, achieved rate, the CPU each thread got, and {@code .hgrm}
 * files ({@code outputPercentileDistribution}, microseconds) with {@code --hgrm-dir}.
 *
 * <pre>
 * perf/bin/pipeline-bench latency [--durability PROCESS,SYNC] [--wait YIELDING,BLOCKING]
 *     [--rates 10000,50000,100000,200000] [--warmup 10] [--warmup-rate 100000] [--lead-in 2] [--measure 10] [--hgrm-dir DIR]
 *     [--ring-ops 524288] [--ring-size 65536] [--dir /tmp] [--fork true] [--smoke]
 * </pre>
 */
public final class PipelineLatencyHarness
{
    private static final long CHILD_TIMEOUT_S = 1_200;
    private static final long HIGHEST_TRACKABLE_NS = TimeUnit.MINUTES.toNanos(2);
    private static final long CATCH_UP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(120);
    /** Waits longer than this park (coarse, ~50-60 us on Linux); shorter ones yield, the last few spin. */
    private static final long PARK_ABOVE_NS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final long SPIN_BELOW_NS = TimeUnit.MICROSECONDS.toNanos(2);

    private PipelineLatencyHarness()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final HarnessArgs options = new HarnessArgs(args);
        final boolean smoke = options.flag("smoke");
        final List<Durability> durabilities = options.enums("durability", Durability.class, "PROCESS,SYNC");
        final List<WaitStrategy> waits = options.enums("wait", WaitStrategy.class, "YIELDING,BLOCKING");
        final String rates = options.string("rates", smoke ? "10000,50000" : "10000,50000,100000,200000");
        final double warmup = options.decimal("warmup", smoke ? 0.3 : 10);
        final long warmupRate = options.longValue("warmup-rate", smoke ? 10_000 : 100_000);
        final double leadIn = options.decimal("lead-in", smoke ? 0.1 : 2);
        final double measure = options.decimal("measure", smoke ? 0.3 : 10);
        final String hgrmDir = options.string("hgrm-dir", "");
        final int ringOps = options.integer("ring-ops", smoke ? 1 << 13 : 1 << 19);
        final int ringSize = options.integer("ring-size", 65_536);
        final String dir = options.string("dir", System.getProperty("java.io.tmpdir"));
        final boolean fork = Boolean.parseBoolean(options.string("fork", Boolean.toString(!smoke)));
        options.requireAllUsed();
        JvmFlags.check();
        System.out.println(Machine.header("PipelineLatencyHarness", options));
        final long[] ladder = Arrays.stream(rates.split(",")).mapToLong(rate -> Long.parseLong(rate.trim().replace("_", ""))).toArray();

        final List<String> results = new ArrayList<>();
        if (fork && durabilities.size() * waits.size() > 1)
        {
            for (final Durability durability : durabilities)
            {
                for (final WaitStrategy wait : waits)
                {
                    final ChildJvm.Outcome outcome = ChildJvm.run(PipelineLatencyHarness.class, List.of(
                        "--durability", durability.name(), "--wait", wait.name(), "--rates", rates,
                        "--warmup", Double.toString(warmup), "--warmup-rate", Long.toString(warmupRate),
                        "--lead-in", Double.toString(leadIn),
                        "--measure", Double.toString(measure), "--hgrm-dir", hgrmDir.isEmpty() ? "" : hgrmDir,
                        "--ring-ops", Integer.toString(ringOps), "--ring-size", Integer.toString(ringSize), "--dir", dir,
                        "--fork", "false", "--smoke", Boolean.toString(smoke)), CHILD_TIMEOUT_S);
                    if (outcome.exitStatus() != 0 || outcome.results().size() != ladder.length)
                    {
                        throw new IllegalStateException(durability + "/" + wait + " failed (exit status " + outcome.exitStatus() + ")");
                    }
                    results.addAll(outcome.results());
                }
            }
        }
        else
        {
            final MixFeed feed = PipelineThroughputBenchmark.feed(ringOps, smoke);
            for (final Durability durability : durabilities)
            {
                for (final WaitStrategy wait : waits)
                {
                    results.addAll(run(feed, durability, wait, ladder, warmup, warmupRate, leadIn, measure, ringSize, Path.of(dir),
                        hgrmDir.isEmpty() ? null : Path.of(hgrmDir)));
                }
            }
        }
        summary(results);
    }

    /**
     * The schedule of one step: command sequence {@code firstSequence + k} is due at {@code startNanos +
     * k * periodNanos}. Published (volatile array) before its first command is entered, so the consumer,
     * which sees that command only after the engine published it, always finds it.
     */
    private static final class Schedule
    {
        final long firstSequence;
        final long startNanos;
        final long periodNanos;
        /** Null for unrecorded schedules (warm-up, lead-in). */
        final Histogram intended;
        final Histogram entry;

        Schedule(final long firstSequence, final long startNanos, final long periodNanos, final boolean recorded)
        {
            this.firstSequence = firstSequence;
            this.startNanos = startNanos;
            this.periodNanos = periodNanos;
            this.intended = recorded ? new Histogram(HIGHEST_TRACKABLE_NS, 3) : null;
            this.entry = recorded ? new Histogram(HIGHEST_TRACKABLE_NS, 3) : null;
        }
    }

    /** Consumer side: command sequence -> schedule -> latency. Runs on the consumer thread only. */
    private static final class Recorder implements JournalConsumer.Listener
    {
        private volatile Schedule[] schedules = new Schedule[0];
        private final AtomicLong lastSequence = new AtomicLong();
        private long clockOffset;
        private Schedule current;
        private int next;

        /** Producer thread, before the schedule's first command. */
        void add(final Schedule schedule)
        {
            final Schedule[] old = schedules;
            final Schedule[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = schedule;
            schedules = grown;
        }

        @Override
        public void onRecord(final JournalRecord record, final long seenNanos)
        {
            final long sequence = record.commandSequence();
            final Schedule[] all = schedules;
            while (next < all.length && all[next].firstSequence <= sequence)
            {
                current = all[next++];
            }
            final Schedule schedule = current;
            if (schedule != null && schedule.intended != null)
            {
                final long intended = schedule.startNanos + (sequence - schedule.firstSequence) * schedule.periodNanos;
                schedule.intended.recordValue(Math.min(HIGHEST_TRACKABLE_NS, Math.max(0, seenNanos - intended)));
                // The entry stamp is epoch ns = nanoTime + the rig's fixed offset (see PipelineRig).
                final long entered = record.timestamp() - clockOffset;
                schedule.entry.recordValue(Math.min(HIGHEST_TRACKABLE_NS, Math.max(0, seenNanos - entered)));
            }
            lastSequence.lazySet(sequence);
        }
    }

    /** What the producer did in one step. */
    private record Sent(long commands, long lastSendNanos, long maxLateNanos, long busy, long unsent)
    {
    }

    static List<String> run(
        final MixFeed feed, final Durability durability, final WaitStrategy wait, final long[] ladder,
        final double warmupSeconds, final long warmupRate, final double leadInSeconds, final double measureSeconds, final int ringSize,
        final Path dir, final Path hgrmDir) throws InterruptedException
    {
        final String name = durability + "/" + wait;
        feed.reset();
        final Recorder recorder = new Recorder();
        final List<String> results = new ArrayList<>();
        try (PipelineRig rig = PipelineRig.start(dir, durability, wait, ringSize, recorder, true))
        {
            recorder.clockOffset = rig.clockOffset;
            final OrderEntry entry = rig.pipeline.orderEntry();
            final Thread producerThread = Thread.currentThread();
            System.out.printf("[tessera-perf] %s: journal %s, ring %,d slots; threads: producer (this harness's main " +
                    "thread, fixed schedule), tessera-engine, consumer; rates %s/s, warm-up %.1f s at %,d/s, lead-in %.1f s, " +
                    "measured %.1f s each%n",
                name, rig.directory, ringSize, Arrays.toString(ladder), warmupSeconds, warmupRate, leadInSeconds,
                measureSeconds);

            // The start book, flat out, then everything read before the clock starts.
            while (feed.entered() < feed.prologueCount())
            {
                if (feed.enterNext(entry) == OrderEntry.BUSY)
                {
                    Thread.yield();
                }
            }
            awaitConsumer(rig, recorder, feed.entered());

            drive(rig, feed, entry, recorder, warmupRate, warmupSeconds, false);
            awaitConsumer(rig, recorder, feed.entered());
            for (final long rate : ladder)
            {
                pause(rig);
                final long leadInCommands = (long)(rate * leadInSeconds);
                final long start = System.nanoTime();
                final long period = TimeUnit.SECONDS.toNanos(1) / rate;
                // Lead-in and measured window are one schedule: the window starts where the lead-in ends.
                drive(rig, feed, entry, recorder, start, period, leadInCommands, false);
                final long windowStart = start + leadInCommands * period;
                final String loadBefore = Machine.loadAverage();
                final long gcCount = Machine.gcCount();
                final long gcMillis = Machine.gcMillis();
                final long publishes = rig.publishes.get();
                final long[] cpu = cpu(rig, producerThread);
                final long cpuWall = System.nanoTime();
                final Schedule schedule = new Schedule(feed.entered() + 1, windowStart, period, true);
                final Sent sent = drive(rig, feed, entry, recorder, schedule, (long)(rate * measureSeconds));
                final long lastSequence = feed.entered();
                final long[] cpuEnd = cpu(rig, producerThread);
                final long cpuNanos = System.nanoTime() - cpuWall;
                awaitConsumer(rig, recorder, lastSequence);
                final long batches = rig.publishes.get() - publishes;
                final String result = report(name, durability, wait, rate, schedule, sent, batches,
                    cpu, cpuEnd, cpuNanos, Machine.gcCount() - gcCount, Machine.gcMillis() - gcMillis, loadBefore,
                    Machine.loadAverage(), hgrmDir);
                System.out.println(ChildJvm.RESULT + result);
                results.add(result);
            }
            final long journaled = rig.drain();
            if (journaled != feed.entered())
            {
                throw new IllegalStateException(String.format("%,d commands entered, %,d journaled", feed.entered(), journaled));
            }
            feed.verify(rig.engine, journaled);
            System.out.printf("[tessera-perf] %s: %,d commands in all, every one read by the consumer; engine verified " +
                "against the simulated trajectory%n", name, journaled);
        }
        return results;
    }

    /** An unrecorded stretch at {@code rate} for {@code seconds}, starting now. */
    private static Sent drive(
        final PipelineRig rig, final MixFeed feed, final OrderEntry entry, final Recorder recorder, final long rate,
        final double seconds, final boolean recorded)
    {
        final long period = TimeUnit.SECONDS.toNanos(1) / rate;
        return drive(rig, feed, entry, recorder, System.nanoTime(), period, (long)(rate * seconds), recorded);
    }

    private static Sent drive(
        final PipelineRig rig, final MixFeed feed, final OrderEntry entry, final Recorder recorder, final long start,
        final long period, final long commands, final boolean recorded)
    {
        return drive(rig, feed, entry, recorder, new Schedule(feed.entered() + 1, start, period, recorded), commands);
    }

    /**
     * Enters {@code commands} commands on the schedule: command k not before its intended time, and
     * never skipped. Stops sending (and reports the rest as unsent) only when it is still behind
     * three windows after the start.
     */
    private static Sent drive(
        final PipelineRig rig, final MixFeed feed, final OrderEntry entry, final Recorder recorder, final Schedule schedule,
        final long commands)
    {
        recorder.add(schedule);
        final long start = schedule.startNanos;
        final long period = schedule.periodNanos;
        final long giveUp = start + 3 * Math.max(commands * period, TimeUnit.SECONDS.toNanos(1));
        long maxLate = 0;
        long busy = 0;
        long lastSend = start;
        long k = 0;
        long checked = System.nanoTime();
        while (k < commands)
        {
            final long intended = start + k * period;
            long now = System.nanoTime();
            final long early = intended - now;
            if (early > 0)
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
                continue;
            }
            if (now > giveUp)
            {
                break;
            }
            long result;
            while ((result = feed.enterNext(entry)) == OrderEntry.BUSY)
            {
                busy++;
                Thread.yield();
            }
            if (result == OrderEntry.CLOSED)
            {
                rig.checkRunning();
                throw new IllegalStateException("the pipeline closed");
            }
            if (result != schedule.firstSequence + k)
            {
                throw new IllegalStateException("command sequence " + result + " where " + (schedule.firstSequence + k) +
                    " was expected: the schedule would attribute latencies to the wrong commands");
            }
            maxLate = Math.max(maxLate, now - intended);
            lastSend = now;
            k++;
            if (now - checked > TimeUnit.MILLISECONDS.toNanos(100))
            {
                checked = now;
                rig.checkRunning();
            }
        }
        return new Sent(k, lastSend, maxLate, busy, commands - k);
    }

    private static void awaitConsumer(final PipelineRig rig, final Recorder recorder, final long sequence)
    {
        final long deadline = System.nanoTime() + CATCH_UP_TIMEOUT_NS;
        while (recorder.lastSequence.get() < sequence)
        {
            rig.checkRunning();
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the consumer did not read command " + sequence + " in time (at " +
                    recorder.lastSequence.get() + ")");
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
        }
    }

    /** A quiet moment between steps, so one step's backlog is not the next one's. */
    private static void pause(final PipelineRig rig)
    {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        rig.checkRunning();
    }

    private static long[] cpu(final PipelineRig rig, final Thread producer)
    {
        return new long[]{Machine.threadCpuNanos(producer), Machine.threadCpuNanos(rig.engineThread),
            Machine.threadCpuNanos(rig.consumerThread), Machine.processCpuNanos()};
    }

    private static String report(
        final String name, final Durability durability, final WaitStrategy wait, final long rate, final Schedule schedule,
        final Sent sent, final long batches, final long[] cpu, final long[] cpuEnd, final long cpuNanos,
        final long gcs, final long gcMillis, final String loadBefore, final String loadAfter, final Path hgrmDir)
    {
        final Histogram intended = schedule.intended;
        final Histogram entry = schedule.entry;
        final double sendSeconds = Math.max(1, sent.lastSendNanos() - schedule.startNanos + schedule.periodNanos) / 1e9;
        final double achieved = sent.commands() / sendSeconds;
        final double[] share = new double[4];
        for (int i = 0; i < 4; i++)
        {
            share[i] = (double)(cpuEnd[i] - cpu[i]) / cpuNanos;
        }
        final String label = String.format("%s @ %,d/s", name, rate);
        final boolean saturated = sent.unsent() > 0 || achieved < 0.95 * rate;
        System.out.printf("[tessera-perf] %s: %,d commands recorded, achieved %,.0f/s%s; intended->seen (coordinated-omission " +
                "free) us: p50 %s p90 %s p99 %s p99.9 %s p99.99 %s max %s mean %.1f%n",
            label, intended.getTotalCount(), achieved, saturated ? " (SATURATED: " + sent.unsent() + " scheduled commands unsent)" : "",
            us(intended, 50), us(intended, 90), us(intended, 99), us(intended, 99.9), us(intended, 99.99),
            us(intended.getMaxValue()), intended.getMean() / 1e3);
        System.out.printf("[tessera-perf] %s: entry->seen (pipeline service time, producer lateness excluded) us: p50 %s " +
                "p99 %s p99.9 %s max %s; producer up to %s us late, ring full %,d times; %,.1f commands per published batch%s%n",
            label, us(entry, 50), us(entry, 99), us(entry, 99.9), us(entry.getMaxValue()), us(sent.maxLateNanos()),
            sent.busy(), batches == 0 ? 0.0 : (double)sent.commands() / batches,
            durability == Durability.SYNC ? String.format(" (%,.0f msyncs/s)", batches / sendSeconds) : "");
        System.out.printf("[tessera-perf] %s: CPU (1.00 = one core): producer %.2f, engine %.2f, consumer %.2f, process %.2f; " +
                "%d GCs (%d ms); load average %s before, %s after%n",
            label, share[0], share[1], share[2], share[3], gcs, gcMillis, loadBefore, loadAfter);
        if (hgrmDir != null)
        {
            final String base = String.format("latency-%s-%s-%dk", durability, wait, rate / 1_000).toLowerCase();
            HgrmFile.write(hgrmDir.resolve(base + ".hgrm"), intended);
            HgrmFile.write(hgrmDir.resolve(base + "-entry.hgrm"), entry);
        }
        return String.format("durability=%s wait=%s rate=%d achieved=%.0f count=%d unsent=%d p50=%s p90=%s p99=%s p999=%s " +
                "p9999=%s max=%s mean=%.1f entryP50=%s entryP99=%s entryP999=%s entryMax=%s maxLate=%s batch=%.1f " +
                "producerCpu=%.2f engineCpu=%.2f consumerCpu=%.2f processCpu=%.2f gcs=%d load=%s",
            durability, wait, rate, achieved, intended.getTotalCount(), sent.unsent(), us(intended, 50), us(intended, 90),
            us(intended, 99), us(intended, 99.9), us(intended, 99.99), us(intended.getMaxValue()), intended.getMean() / 1e3,
            us(entry, 50), us(entry, 99), us(entry, 99.9), us(entry.getMaxValue()), us(sent.maxLateNanos()),
            batches == 0 ? 0.0 : (double)sent.commands() / batches, share[0], share[1], share[2], share[3], gcs,
            loadAfter.replace(' ', '/'));
    }

    private static String us(final Histogram histogram, final double percentile)
    {
        return us(histogram.getValueAtPercentile(percentile));
    }

    private static String us(final long nanos)
    {
        return String.format("%.1f", nanos / 1e3);
    }

    private static void summary(final List<String> results)
    {
        System.out.println();
        System.out.println("| durability | wait | rate/s | achieved/s | p50 us | p90 us | p99 us | p99.9 us | p99.99 us | max us | entry->seen p99 us | batch | CPU producer/engine/consumer/process | load (1/5/15) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (final String result : results)
        {
            System.out.printf("| %s | %s | %,d | %,.0f%s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s / %s / %s | %s |%n",
                ChildJvm.field(result, "durability"), ChildJvm.field(result, "wait"),
                Long.parseLong(ChildJvm.field(result, "rate")), Double.parseDouble(ChildJvm.field(result, "achieved")),
                "0".equals(ChildJvm.field(result, "unsent")) ? "" : " (saturated)",
                ChildJvm.field(result, "p50"), ChildJvm.field(result, "p90"), ChildJvm.field(result, "p99"),
                ChildJvm.field(result, "p999"), ChildJvm.field(result, "p9999"), ChildJvm.field(result, "max"),
                ChildJvm.field(result, "entryP99"), ChildJvm.field(result, "batch"),
                ChildJvm.field(result, "producerCpu"), ChildJvm.field(result, "engineCpu"),
                ChildJvm.field(result, "consumerCpu"), ChildJvm.field(result, "processCpu"), ChildJvm.field(result, "load"));
        }
    }
}

package dev.tessera.perf;

import dev.tessera.config.Durability;
import dev.tessera.config.WaitStrategy;
import dev.tessera.perf.workload.HarnessArgs;
import dev.tessera.pipeline.OrderEntry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sustained throughput of the journaled pipeline: one producer enters the realistic mix
 * ({@link MixFeed}) through {@link OrderEntry} as fast as it can (a full ring answers BUSY: it yields,
 * or with {@code --producer-park-us N} parks for N microseconds, and tries again), into the pipeline over a real Chronicle journal in a temp directory, while a
 * consumer reads the journal up to the published position, as a real consumer would.
 *
 * <p>A plain harness rather than JMH: the quantity is a rate sustained by three threads and a disk
 * over seconds, not the cost of a call. Per configuration (durability x wait strategy) it warms up,
 * then samples the counters every second of the measured window and reports the mean rate (commands
 * journaled and published; commands read by the consumer), the slowest and fastest second, the
 * average batch (commands per publication, i.e. per msync under SYNC), and the CPU time every thread
 * of the layout got, so that the result can be read on a shared machine. After the window the
 * pipeline is drained and the engine is checked against the mix's simulated trajectory, and the
 * consumer must have read every journaled command and event.
 *
 * <p>Thread layout: "producer" + "tessera-engine" + "consumer" + "tessera-journal-prefault" (+ main, asleep
 * while it samples). On 2 cores that is already more busy threads than cores. The pre-fault thread's CPU is
 * almost all system time: the kernel making the journal's fresh page-cache pages. Each configuration runs in a fresh JVM
 * ({@link ChildJvm}) unless {@code --fork false}.
 *
 * <pre>
 * perf/bin/pipeline-bench throughput [--durability PROCESS,SYNC] [--wait BLOCKING,YIELDING,SLEEPING]
 *     [--warmup 5] [--measure 10] [--ring-ops 524288] [--ring-size 65536] [--producer-park-us 0] [--dir /tmp]
 *     [--fork true] [--smoke]
 * </pre>
 */
public final class PipelineThroughputBenchmark
{
    /** The --help lines of the options the pipeline harnesses share, in one place so that they say the same. */
    static final String RING_OPS =
        "random operations in one cycle of the generated mix (exchange-core's mix on a ~10,400-order book), sent over and over";
    static final String RING_SIZE = "slots of the Disruptor ring from order entry to the engine thread (a power of two)";
    static final String DIR = "the directory in which the run makes its journal's temporary directory";
    static final String FORK = "each configuration in a fresh JVM of its own (when there is more than one); false: all in this JVM";
    static final String EVENTS = "events in the journal of the generated mix written up front";

    private static final long CHILD_TIMEOUT_S = 600;

    private PipelineThroughputBenchmark()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final HarnessArgs options = new HarnessArgs(args);
        final boolean smoke = options.smoke();
        final List<Durability> durabilities = options.enums("durability", Durability.class, "PROCESS,SYNC",
            "journal durabilities, each a run: SYNC msyncs every batch before publishing");
        final List<WaitStrategy> waits = options.enums("wait", WaitStrategy.class, "BLOCKING,YIELDING,SLEEPING",
            "the ring's wait strategies, each a run with every durability");
        final double warmup = options.decimal("warmup", smoke ? 0.3 : 5, 0, "seconds of warm-up at full speed, not measured");
        final double measure = options.positive("measure", smoke ? 0.4 : 10,
            "seconds measured, sampled every second (mean, slowest and fastest second)");
        final int ringOps = options.integer("ring-ops", smoke ? 1 << 13 : 1 << 19, 1, RING_OPS);
        final int ringSize = options.powerOfTwo("ring-size", 65_536, RING_SIZE);
        final int producerParkMicros = options.integer("producer-park-us", 0, 0,
            "when the ring is full (BUSY), the producer parks this many microseconds before it tries again; 0: it yields");
        final String dir = options.string("dir", System.getProperty("java.io.tmpdir"), DIR);
        final boolean fork = options.bool("fork", !smoke, FORK);
        options.requireAllUsed();
        JvmFlags.check();
        System.out.println(Machine.header("PipelineThroughputBenchmark", options));

        final List<String> results = new ArrayList<>();
        final int configs = durabilities.size() * waits.size();
        if (fork && configs > 1)
        {
            for (final Durability durability : durabilities)
            {
                for (final WaitStrategy wait : waits)
                {
                    final ChildJvm.Outcome outcome = ChildJvm.run(PipelineThroughputBenchmark.class, List.of(
                        "--durability", durability.name(), "--wait", wait.name(), "--warmup", Double.toString(warmup),
                        "--measure", Double.toString(measure), "--ring-ops", Integer.toString(ringOps),
                        "--ring-size", Integer.toString(ringSize), "--producer-park-us", Integer.toString(producerParkMicros),
                        "--dir", dir, "--fork", "false",
                        "--smoke", Boolean.toString(smoke)), CHILD_TIMEOUT_S);
                    if (outcome.exitStatus() != 0 || outcome.results().isEmpty())
                    {
                        throw new IllegalStateException(durability + "/" + wait + " failed (exit status " + outcome.exitStatus() + ")");
                    }
                    results.addAll(outcome.results());
                }
            }
        }
        else
        {
            final MixFeed feed = feed(ringOps, smoke);
            for (final Durability durability : durabilities)
            {
                for (final WaitStrategy wait : waits)
                {
                    final String result = run(feed, durability, wait, warmup, measure, ringSize, producerParkMicros, Path.of(dir));
                    System.out.println(ChildJvm.RESULT + result);
                    results.add(result);
                }
            }
        }
        if (configs > 1)
        {
            summary(results);
        }
    }

    static MixFeed feed(final int ringOps, final boolean smoke)
    {
        final long start = System.nanoTime();
        final MixFeed feed = MixFeed.mixed(ringOps);
        System.out.printf("[tessera-perf] mixed ring: %s%s%n[tessera-perf] depth over the ring (simulated): %s; " +
            "prologue %,d commands (the start book); set-up %.1f s%n", feed.composition(),
            smoke ? " (smoke run: numbers only show that it runs)" : "", feed.depthSummary(), feed.prologueCount(),
            (System.nanoTime() - start) / 1e9);
        return feed;
    }

    /** The producer: the mix as fast as the ring takes it. */
    private static final class Producer implements Runnable
    {
        private final MixFeed feed;
        private final OrderEntry entry;
        /** 0: yield on BUSY. Else park this long, as a client that backs off when the exchange is busy. */
        private final long parkNanos;
        private final AtomicLong busy = new AtomicLong();
        private volatile boolean running = true;
        private volatile Throwable failure;

        Producer(final MixFeed feed, final OrderEntry entry, final long parkNanos)
        {
            this.feed = feed;
            this.entry = entry;
            this.parkNanos = parkNanos;
        }

        @Override
        public void run()
        {
            try
            {
                long busyCount = 0;
                while (running)
                {
                    final long result = feed.enterNext(entry);
                    if (result == OrderEntry.BUSY)
                    {
                        busy.lazySet(++busyCount);
                        // The ring is full: the engine thread needs the core more than we do.
                        if (parkNanos > 0)
                        {
                            LockSupport.parkNanos(parkNanos);
                        }
                        else
                        {
                            Thread.yield();
                        }
                    }
                    else if (result == OrderEntry.CLOSED)
                    {
                        return;
                    }
                    else if (result == OrderEntry.JOURNAL_FULL)
                    {
                        // Not a rate to measure: every order after it would be refused at once.
                        throw new IllegalStateException("the journal's file system is nearly full");
                    }
                }
            }
            catch (final Throwable ex)
            {
                failure = ex;
            }
        }
    }

    /** Counters and CPU clocks at one moment. */
    private record Sample(
        long nanos, long entered, long journaled, long publishes, long consumed, long events, long bytes, long busy,
        long producerCpu, long engineCpu, long consumerCpu, long prefaultCpu, long processCpu)
    {
        static Sample take(
            final PipelineRig rig, final MixFeed feed, final Producer producer, final Thread producerThread,
            final Thread prefaultThread)
        {
            return new Sample(System.nanoTime(), feed.entered(), rig.pipeline.commandsProcessed(), rig.publishes.get(),
                rig.consumer.records(), rig.consumer.events(), rig.consumer.bytes(), producer.busy.get(),
                Machine.threadCpuNanos(producerThread), Machine.threadCpuNanos(rig.engineThread),
                Machine.threadCpuNanos(rig.consumerThread), Machine.threadCpuNanos(prefaultThread), Machine.processCpuNanos());
        }
    }

    static String run(
        final MixFeed feed, final Durability durability, final WaitStrategy wait, final double warmupSeconds,
        final double measureSeconds, final int ringSize, final int producerParkMicros, final Path dir)
        throws InterruptedException
    {
        final String name = durability + "/" + wait;
        feed.reset();
        final String loadBefore = Machine.loadAverage();
        try (PipelineRig rig = PipelineRig.start(dir, durability, wait, wait, ringSize, null, null, true))
        {
            final Producer producer = new Producer(feed, rig.pipeline.orderEntry(), TimeUnit.MICROSECONDS.toNanos(producerParkMicros));
            final Thread producerThread = new Thread(producer, "producer");
            producerThread.setDaemon(true);
            producerThread.start();
            System.out.printf("[tessera-perf] %s: journal %s, ring %,d slots; threads: producer (on a full ring it %s), " +
                "tessera-engine, consumer; warm-up %.1f s, measured %.1f s%n", name, rig.directory, ringSize,
                producerParkMicros > 0 ? "parks " + producerParkMicros + " us" : "yields", warmupSeconds, measureSeconds);

            sleep(rig, producer, (long)(warmupSeconds * 1e9));
            // Started by the journal writer on the engine thread, so looked up once the pipeline runs.
            final Thread prefaultThread = Machine.thread(PipelineRig.PREFAULT_THREAD);
            final long step = measureSeconds >= 3 ? TimeUnit.SECONDS.toNanos(1) : (long)(measureSeconds * 1e9 / 4);
            final List<Sample> samples = new ArrayList<>();
            samples.add(Sample.take(rig, feed, producer, producerThread, prefaultThread));
            final long end = samples.get(0).nanos() + (long)(measureSeconds * 1e9);
            while (System.nanoTime() < end)
            {
                sleep(rig, producer, Math.min(step, end - System.nanoTime()));
                samples.add(Sample.take(rig, feed, producer, producerThread, prefaultThread));
            }
            final String loadDuring = Machine.loadAverage();

            producer.running = false;
            producerThread.join(TimeUnit.SECONDS.toMillis(30));
            final long journaled = rig.drain();
            if (journaled != feed.entered())
            {
                throw new IllegalStateException(String.format("%,d commands entered, %,d journaled", feed.entered(), journaled));
            }
            feed.verify(rig.engine, journaled);
            final long disk = PipelineRig.diskBytes(rig.directory);
            return report(name, durability, wait, samples, journaled, rig.engine.lastEventSequence(), disk, loadBefore, loadDuring);
        }
    }

    private static void sleep(final PipelineRig rig, final Producer producer, final long nanos)
    {
        final long end = System.nanoTime() + nanos;
        long left;
        while ((left = end - System.nanoTime()) > 0)
        {
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            rig.checkRunning();
            if (producer.failure != null)
            {
                throw new IllegalStateException("the producer failed", producer.failure);
            }
        }
    }

    private static String report(
        final String name, final Durability durability, final WaitStrategy wait, final List<Sample> samples,
        final long journaledTotal, final long eventsTotal, final long diskBytes, final String loadBefore, final String loadDuring)
    {
        final Sample first = samples.get(0);
        final Sample last = samples.get(samples.size() - 1);
        final double seconds = (last.nanos() - first.nanos()) / 1e9;
        final long commands = last.journaled() - first.journaled();
        final double journaled = commands / seconds;
        final double consumed = (last.consumed() - first.consumed()) / seconds;
        final double events = (last.events() - first.events()) / seconds;
        final double megabytes = (last.bytes() - first.bytes()) / seconds / 1e6;
        final long batches = last.publishes() - first.publishes();
        final long attempts = last.entered() - first.entered() + last.busy() - first.busy();
        final double busyShare = attempts == 0 ? 0 : 100.0 * (last.busy() - first.busy()) / attempts;
        final double[] perSecond = new double[samples.size() - 1];
        final double[] consumedPerSecond = new double[samples.size() - 1];
        for (int i = 1; i < samples.size(); i++)
        {
            final double interval = (samples.get(i).nanos() - samples.get(i - 1).nanos()) / 1e9;
            perSecond[i - 1] = (samples.get(i).journaled() - samples.get(i - 1).journaled()) / interval;
            consumedPerSecond[i - 1] = (samples.get(i).consumed() - samples.get(i - 1).consumed()) / interval;
        }
        Arrays.sort(perSecond);
        Arrays.sort(consumedPerSecond);
        final double wall = last.nanos() - first.nanos();
        final double producerCpu = (last.producerCpu() - first.producerCpu()) / wall;
        final double engineCpu = (last.engineCpu() - first.engineCpu()) / wall;
        final double consumerCpu = (last.consumerCpu() - first.consumerCpu()) / wall;
        final double prefaultCpu = last.prefaultCpu() < 0 ? 0 : (last.prefaultCpu() - first.prefaultCpu()) / wall;
        final double processCpu = (last.processCpu() - first.processCpu()) / wall;
        final double perEngineCpuSecond = engineCpu > 0 ? journaled / engineCpu : 0;
        final double perProcessCpuSecond = processCpu > 0 ? journaled / processCpu : 0;
        final double eventsPerCommand = (double)eventsTotal / journaledTotal;
        final double bytesPerRecord = commands == 0 ? 0 : (double)(last.bytes() - first.bytes()) / (last.consumed() - first.consumed());

        System.out.printf("[tessera-perf] %s: journaled and published %,.0f commands/s (slowest second %,.0f, fastest %,.0f); " +
                "consumer read %,.0f commands/s (slowest second %,.0f), %,.0f events/s, %.1f MB/s of journal%n",
            name, journaled, perSecond[0], perSecond[perSecond.length - 1], consumed, consumedPerSecond[0], events, megabytes);
        System.out.printf("[tessera-perf] %s: %,.1f commands per published batch%s; producer found the ring full on %.1f%% of attempts%n",
            name, batches == 0 ? 0.0 : (double)commands / batches,
            durability == Durability.SYNC ? String.format(" (%,.0f msyncs/s)", batches / seconds) : "", busyShare);
        System.out.printf("[tessera-perf] %s: CPU in the window (1.00 = one core): producer %.2f, engine %.2f, consumer %.2f, " +
                "journal pre-fault %.2f, whole process %.2f of %d; load average %s before, %s at the end%n",
            name, producerCpu, engineCpu, consumerCpu, prefaultCpu, processCpu, Machine.processors(), loadBefore, loadDuring);
        System.out.printf("[tessera-perf] %s: CPU-normalised: %,.0f commands per engine-thread CPU-second, %,.0f per process " +
                "CPU-second; %.2f events and %.0f journal bytes per command; run total %,d commands, %,d events, " +
                "%,d bytes on disk; verified against the simulated trajectory%n",
            name, perEngineCpuSecond, perProcessCpuSecond, eventsPerCommand, bytesPerRecord, journaledTotal, eventsTotal,
            diskBytes);
        return String.format("durability=%s wait=%s journaled=%.0f consumed=%.0f slowestSecond=%.0f fastestSecond=%.0f " +
                "events=%.0f mbPerS=%.1f batch=%.1f busyPct=%.1f producerCpu=%.2f engineCpu=%.2f consumerCpu=%.2f " +
                "prefaultCpu=%.2f processCpu=%.2f perEngineCpuS=%.0f perProcessCpuS=%.0f eventsPerCommand=%.2f bytesPerRecord=%.0f load=%s",
            durability, wait, journaled, consumed, perSecond[0], perSecond[perSecond.length - 1], events, megabytes,
            batches == 0 ? 0.0 : (double)commands / batches, busyShare, producerCpu, engineCpu, consumerCpu, prefaultCpu, processCpu,
            perEngineCpuSecond, perProcessCpuSecond, eventsPerCommand, bytesPerRecord, loadDuring.replace(' ', '/'));
    }

    private static void summary(final List<String> results)
    {
        System.out.println();
        System.out.println("| durability | wait | journaled+published cmd/s | slowest second | consumer cmd/s | batch | ring full | CPU producer/engine/consumer/pre-fault/process | cmd per engine CPU-s | cmd per process CPU-s | load (1/5/15) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (final String result : results)
        {
            System.out.printf("| %s | %s | %,.0f | %,.0f | %,.0f | %s | %s%% | %s / %s / %s / %s / %s | %,.0f | %,.0f | %s |%n",
                ChildJvm.field(result, "durability"), ChildJvm.field(result, "wait"),
                Double.parseDouble(ChildJvm.field(result, "journaled")), Double.parseDouble(ChildJvm.field(result, "slowestSecond")),
                Double.parseDouble(ChildJvm.field(result, "consumed")), ChildJvm.field(result, "batch"),
                ChildJvm.field(result, "busyPct"), ChildJvm.field(result, "producerCpu"), ChildJvm.field(result, "engineCpu"),
                ChildJvm.field(result, "consumerCpu"), ChildJvm.field(result, "prefaultCpu"), ChildJvm.field(result, "processCpu"),
                Double.parseDouble(ChildJvm.field(result, "perEngineCpuS")),
                Double.parseDouble(ChildJvm.field(result, "perProcessCpuS")), ChildJvm.field(result, "load"));
        }
    }
}

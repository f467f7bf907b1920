package dev.tessera.perf;

import dev.tessera.config.Durability;
import dev.tessera.config.WaitStrategy;
import dev.tessera.perf.fix.BenchGatewayConfig;
import dev.tessera.perf.fix.GatewayProcess;
import dev.tessera.perf.fix.GcLog;
import dev.tessera.perf.fix.LoadGenerator;
import dev.tessera.perf.fix.LoadSettings;
import dev.tessera.perf.fix.StepResult;
import dev.tessera.perf.workload.HarnessArgs;
import dev.tessera.perf.workload.RateLadder;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The FIX gateway end to end over loopback TCP: a FIX client's round trip (NewOrderSingle or
 * OrderCancelRequest out, ExecutionReport back, the command journaled in between) at fixed rates,
 * and the sustained rate the gateway acknowledges.
 *
 * <pre>
 *   this JVM: LoadGenerator, one thread        gateway JVM (TesseraMain --config, its own heap and JIT)
 *     N sessions LOAD001.., non-blocking  ==TCP==>  FIX sessions -> ring -> engine -> journal
 *     schedule -> encode -> write                                                       |
 *     read -> parse -> latency  <==TCP==  ExecutionReports, read back from the journal <-
 * </pre>
 *
 * <p>The gateway is started with this JVM's flags (so {@code .mvn/jvm.config} reaches it), its own
 * heap ({@code --server-heap}) and {@code --server-jvm-args}, and a configuration written for the run
 * ({@link BenchGatewayConfig}: the sessions, one instrument, private journal and state directories,
 * deleted afterwards). The order flow ({@link dev.tessera.perf.fix.OrderFlow}) rests limit orders
 * 1-50 ticks from the reference and cancels them, half and half, so the book stays bounded; every
 * request gets exactly one ExecutionReport. A request is a NewOrderSingle or an OrderCancelRequest:
 * rates count both.
 *
 * <p>Steps: a warm-up at {@code --warmup-rate} (not recorded), then per rate of {@code --rates} a
 * lead-in and a measured window on a fixed schedule (latency from the intended send time, coordinated
 * omission corrected), then with {@code --throughput} a closed-loop step per window of {@code --windows}
 * (each session keeps that many requests in flight). Each step prints a RESULT line; {@code --hgrm-dir} writes the
 * histograms ({@code outputPercentileDistribution}, microseconds).
 *
 * <pre>
 * perf/bin/fix-bench [--sessions 10] [--rates 20000] [--warmup 10] [--warmup-rate 20000] [--lead-in 2] [--measure 10]
 *     [--throughput true] [--windows 64] [--throughput-warmup 5] [--throughput-measure 10] [--live-orders 16]
 *     [--seed 20261122] [--spin false] [--hgrm-dir DIR] [--server-cp CP] [--server-heap 1g] [--server-jvm-args "..."]
 *     [--wait blocking] [--durability process] [--dir /tmp] [--smoke]
 * </pre>
 */
public final class FixGatewayBenchmark
{
    /** The system name in RESULT lines, as the suite's ladders name theirs. */
    static final String SYSTEM = "tessera-fix-tcp";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private FixGatewayBenchmark()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final HarnessArgs options = new HarnessArgs(args);
        final boolean smoke = options.smoke();
        final int sessions = options.integer("sessions", smoke ? 4 : 10, 1,
            "FIX sessions the load generator logs on (LOAD001..)");
        final long[] ladder = options.longs("rates", smoke ? "5000" : "20000", 1,
            "fixed offered rates, requests/s over all sessions (new orders and cancels), each a measured latency step");
        final double warmup = options.decimal("warmup", smoke ? 1 : 10, 0, "seconds of warm-up at --warmup-rate, not recorded");
        final long warmupRate = options.longValue("warmup-rate", smoke ? 5_000 : 20_000, 1, "the warm-up's rate, requests/s");
        final double leadIn = options.decimal("lead-in", smoke ? 0.2 : 2, 0,
            "seconds at each rate before its measured window, not recorded");
        final double measure = options.positive("measure", smoke ? 1 : 10, "seconds measured at each rate");
        final boolean throughput = options.bool("throughput", true,
            "after the rates, a closed-loop step per --windows value: the sustained rate the gateway acknowledges");
        final long[] windows = options.longs("windows", smoke ? "16" : "64", 1,
            "requests each session keeps in flight, each a closed-loop step");
        final double throughputWarmup = options.decimal("throughput-warmup", smoke ? 0.5 : 5, 0,
            "seconds of each closed-loop step before it is measured");
        final double throughputMeasure = options.positive("throughput-measure", smoke ? 1 : 10,
            "seconds each closed-loop step is measured");
        final int liveOrders = options.integer("live-orders", 16, 1,
            "live orders per session before the next request cancels the oldest (the book holds at most sessions x this)");
        final long seed = options.longValue("seed", 20_261_122L,
            "the order flows' seed; session i's flow is seeded from it and i");
        final boolean spin = options.flag("spin", "the load generator spins when idle rather than yielding its CPU");
        final String hgrmDir = options.string("hgrm-dir", "",
            "a directory to write each step's latency histogram to (.hgrm, microseconds)");
        final String serverClasspath = options.string("server-cp", System.getProperty("java.class.path"),
            "the gateway JVM's class path");
        final String serverHeap = options.string("server-heap", "1g", "the gateway JVM's heap (-Xms and -Xmx)");
        final String serverJvmArgs = options.string("server-jvm-args", "",
            "more flags for the gateway JVM, space-separated in one value (-Dtessera.gateway.port=9941 picks its port)");
        final WaitStrategy wait = options.oneOf("wait", WaitStrategy.class, WaitStrategy.BLOCKING,
            "the gateway's pipeline.waitStrategy");
        final Durability durability = options.oneOf("durability", Durability.class, Durability.PROCESS,
            "the gateway's journal durability");
        final String dir = options.string("dir", System.getProperty("java.io.tmpdir"),
            "where the gateway's configuration, journal and state go (a temporary directory, deleted afterwards)");
        options.requireAllUsed();
        JvmFlags.check();
        System.out.println(Machine.header("FixGatewayBenchmark", options));

        // Removed at the end, and by this JVM's shutdown hook when the run is stopped before (Ctrl-C, timeout, kill).
        final Path data = PipelineRig.temporaryDirectory(Path.of(dir), "tessera-fix-bench-");
        final List<String> results = new ArrayList<>();
        long errors;
        // How the gateway went away, if it did: the run ends there, measuring nothing more.
        String lost = null;
        final Path gcLog = data.resolve("gateway-gc.log");
        try (GatewayProcess gateway = GatewayProcess.start(serverFlags(serverHeap, serverJvmArgs, gcLog), serverClasspath,
            BenchGatewayConfig.write(sessions, data, configValue(wait), configValue(durability)), START_TIMEOUT))
        {
            final LoadSettings settings = new LoadSettings(BenchGatewayConfig.TARGET_COMP_ID, BenchGatewayConfig.SYMBOL,
                BenchGatewayConfig.PRICE_DECIMALS, BenchGatewayConfig.REFERENCE_PRICE_TICKS, 50, 100, liveOrders, seed, 30, spin);
            System.out.printf("[tessera-perf] gateway pid %d on port %d (data %s); %d sessions, %s idle; warm-up %.1f s at %,d/s, " +
                    "rates %s/s with %.1f s lead-in and %.1f s measured each%s%n",
                gateway.pid(), gateway.port(), data, sessions, spin ? "spinning" : "yielding", warmup, warmupRate,
                Arrays.toString(ladder), leadIn, measure,
                throughput ? String.format(", then closed loop with %s in flight per session (%.1f s warm-up, %.1f s measured each)",
                    Arrays.toString(windows), throughputWarmup, throughputMeasure) : "");
            try (LoadGenerator load = new LoadGenerator(new InetSocketAddress("127.0.0.1", gateway.port()),
                BenchGatewayConfig.logins(sessions), settings).gatewayAlive(gateway::alive))
            {
                load.logon(TimeUnit.SECONDS.toNanos(30));
                // The step during which the gateway went away, if it did.
                String lostIn = null;
                if (load.fixedRate(warmupRate, 0, seconds(warmup), false).gatewayGone())
                {
                    lostIn = "the warm-up";
                }
                else
                {
                    requireNoErrors(load, "warm-up");
                }
                for (int i = 0; i < ladder.length && lostIn == null; i++)
                {
                    pause();
                    final Snapshot before = new Snapshot(gateway, gcLog);
                    final StepResult step = load.fixedRate(ladder[i], seconds(leadIn), seconds(measure), true);
                    lostIn = step.gatewayGone() ? "the latency " + label(step) + " step" : null;
                    if (lostIn == null)
                    {
                        results.add(report("latency", step, before, new Snapshot(gateway, gcLog), sessions, hgrmDir));
                    }
                }
                for (int i = 0; i < (throughput ? windows.length : 0) && lostIn == null; i++)
                {
                    pause();
                    final Snapshot before = new Snapshot(gateway, gcLog);
                    final StepResult step = load.closedLoop((int)windows[i], seconds(throughputWarmup), seconds(throughputMeasure));
                    lostIn = step.gatewayGone() ? "the throughput " + label(step) + " step" : null;
                    if (lostIn == null)
                    {
                        results.add(report("throughput", step, before, new Snapshot(gateway, gcLog), sessions, hgrmDir));
                    }
                }
                if (lostIn != null)
                {
                    // No percentiles, no "saturated", no CPU for that step: what it recorded is the gateway's death, not
                    // its latency. The connection errors below say how the sessions saw it.
                    lost = "the gateway (pid " + gateway.pid() + ") " + gateway.ending(Duration.ofSeconds(5)) + " during " + lostIn;
                    System.out.println("[tessera-perf] " + lost + ": that step and the rest of the run were not measured");
                }
                errors = load.errors();
                if (errors > 0)
                {
                    System.out.println("[tessera-perf] ERRORS: " + errors + ", first: " + load.errorSamples());
                }
            }
        }
        catch (final GatewayProcess.ExitedBeforeListening ex)
        {
            System.err.println("[tessera-perf] " + ex.getMessage());
            if (ex.status() == GatewayProcess.ExitedBeforeListening.CANNOT_LISTEN)
            {
                // The gateway's own advice names bin/tessera's --set, which this harness does not take.
                System.err.println("[tessera-perf] the benchmark's gateway listens on port 0 (any free one) unless its JVM " +
                    "is given another: perf/bin/fix-bench --server-jvm-args -Dtessera.gateway.port=N");
            }
            PipelineRig.delete(data);
            System.exit(1);
            return;
        }
        finally
        {
            PipelineRig.delete(data);
        }
        if (!results.isEmpty())
        {
            summary(results);
        }
        if (lost != null)
        {
            // Last, after the gateway's own last lines and the connection errors: why the run has no more steps.
            System.out.println("[tessera-perf] the run stopped: " + lost);
            System.exit(1);
        }
        if (errors > 0 || results.stream().anyMatch(result -> "0".equals(ChildJvm.field(result, "count"))))
        {
            System.exit(1);
        }
    }

    /** This JVM's flags minus heap size, agents and recordings, plus the gateway's heap, its GC log and extra flags. */
    private static List<String> serverFlags(final String heap, final String extra, final Path gcLog)
    {
        final List<String> flags = new ArrayList<>();
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (!flag.startsWith("-Xms") && !flag.startsWith("-Xmx") && !flag.startsWith("-XX:StartFlightRecording") &&
                !flag.startsWith("-agent") && !flag.startsWith("-javaagent"))
            {
                flags.add(flag);
            }
        }
        flags.add("-Xms" + heap);
        flags.add("-Xmx" + heap);
        flags.add("-Xlog:gc:file=" + gcLog);
        if (!extra.isBlank())
        {
            flags.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        return flags;
    }

    /** CPU of the gateway JVM and of each of its threads, and its GC pauses so far, at one moment. */
    private static final class Snapshot
    {
        final long nanos = System.nanoTime();
        final long processCpu;
        final Map<String, Long> threadCpu;
        final Map<String, Long> threadRunQueueNanos;
        /** This thread's: the snapshots are taken on the load generator's thread. */
        final long clientRunQueueNanos;
        final long[] gcPauses;
        final String load = Machine.loadAverage();

        Snapshot(final GatewayProcess gateway, final Path gcLog)
        {
            processCpu = gateway.cpuNanos();
            threadCpu = gateway.threadCpuNanos();
            threadRunQueueNanos = gateway.threadRunQueueNanos();
            clientRunQueueNanos = clientRunQueueNanos();
            gcPauses = GcLog.pauses(gcLog);
        }
    }

    private static long clientRunQueueNanos()
    {
        try
        {
            return GatewayProcess.runQueueNanos(Path.of("/proc/thread-self"));
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }

    private static String report(
        final String kind, final StepResult step, final Snapshot before, final Snapshot after, final int sessions, final String hgrmDir)
    {
        final double wall = after.nanos - before.nanos;
        final double serverCpu = (after.processCpu - before.processCpu) / wall;
        final double clientCpu = step.clientCpuNanos() / wall;
        // The gateway's busiest threads during the step, as shares of one core, and how long the hot threads were
        // runnable but waiting for a CPU, as shares of the step.
        final String threads = after.threadCpu.entrySet().stream()
            .map(entry -> Map.entry(entry.getKey(), entry.getValue() - before.threadCpu.getOrDefault(entry.getKey(), 0L)))
            .filter(entry -> entry.getValue() > 0)
            .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
            .limit(6)
            .map(entry -> String.format("%s:%.2f", entry.getKey().replace(' ', '_'), entry.getValue() / wall))
            .collect(Collectors.joining(","));
        final String waited = String.format("client:%.2f,", (after.clientRunQueueNanos - before.clientRunQueueNanos) / wall) +
            Stream.of("tessera-gateway", "tessera-engine", "tessera-snapshot")
                .map(name -> after.threadRunQueueNanos.entrySet().stream().filter(entry -> name.startsWith(entry.getKey()))
                    .map(entry -> String.format("%s:%.2f", entry.getKey(),
                        (entry.getValue() - before.threadRunQueueNanos.getOrDefault(entry.getKey(), 0L)) / wall))
                    .findFirst().orElse(name + ":n/a"))
                .collect(Collectors.joining(","));
        final Histogram all = step.all();
        final String label = label(step);
        System.out.printf("[tessera-perf] %s %s: %,d answers recorded, achieved %,.0f/s%s%s; round trip us (%s): p50 %s p90 %s " +
                "p99 %s p99.9 %s p99.99 %s max %s mean %.1f%n",
            kind, label, step.recorded(), step.achievedPerSecond(),
            step.saturated() ? " (SATURATED: " + step.unsent() + " scheduled requests unsent)" : "",
            step.slowestSecond() >= 0 ? String.format(", slowest second %,d", step.slowestSecond()) : "",
            step.targetRate() > 0 ? "intended send -> ExecutionReport, coordinated-omission corrected" : "send -> ExecutionReport",
            us(all, 50), us(all, 90), us(all, 99), us(all, 99.9), us(all, 99.99), us(all.getMaxValue()), all.getMean() / 1e3);
        System.out.printf("[tessera-perf] %s %s: NewOrderSingle->New p50 %s p99 %s p99.9 %s max %s (%,d); cancel->Canceled p50 %s " +
                "p99 %s p99.9 %s max %s (%,d); client up to %s us late%n",
            kind, label, us(step.newOrders(), 50), us(step.newOrders(), 99), us(step.newOrders(), 99.9),
            us(step.newOrders().getMaxValue()), step.newOrders().getTotalCount(), us(step.cancels(), 50), us(step.cancels(), 99),
            us(step.cancels(), 99.9), us(step.cancels().getMaxValue()), step.cancels().getTotalCount(), us(step.maxLateNanos()));
        final long gcs = after.gcPauses[0] - before.gcPauses[0];
        final long gcMillis = after.gcPauses[1] - before.gcPauses[1];
        System.out.printf("[tessera-perf] %s %s: CPU (1.00 = one core): client thread %.2f, gateway JVM %.2f (busiest threads %s); " +
                "gateway GC pauses %d (%d ms); waiting for a CPU (share of the step) %s; load average %s before, " +
                "%s after%n",
            kind, label, clientCpu, serverCpu, threads, gcs, gcMillis, waited, before.load, after.load);
        if (!hgrmDir.isEmpty())
        {
            // A fixed-rate step is named as the suite's ladder steps are, so its report charts it beside them.
            final String base = step.targetRate() > 0 ?
                RateLadder.hgrmName(SYSTEM, step.targetRate()).replace(".hgrm", "") :
                String.format("fix-throughput-window-%d", step.window());
            RateLadder.writeHgrm(Path.of(hgrmDir).resolve(base + ".hgrm"), all);
            RateLadder.writeHgrm(Path.of(hgrmDir).resolve(base + "-new-order.hgrm"), step.newOrders());
            RateLadder.writeHgrm(Path.of(hgrmDir).resolve(base + "-cancel.hgrm"), step.cancels());
        }
        // The fields of dev.tessera.perf.workload.StepResult first (system, rate, ..., maxLateNs; latencies in ns), so
        // the suite reads a fixed-rate step like any other ladder step; then this harness's own fields.
        final String result = String.format(Locale.ROOT, "system=%s rate=%d achieved=%.0f count=%d unsent=%d p50=%d p90=%d " +
                "p99=%d p999=%d p9999=%d max=%d mean=%.0f gcs=%d gcMs=%d maxLateNs=%d step=%s window=%d sessions=%d slowest=%d " +
                "newP50=%d newP99=%d newP999=%d cancelP50=%d cancelP99=%d cancelP999=%d clientCpu=%.2f serverCpu=%.2f " +
                "serverThreads=%s runQueueWait=%s errors=%d load=%s",
            SYSTEM, step.targetRate(), step.achievedPerSecond(), step.recorded(), step.unsent(), ns(all, 50), ns(all, 90),
            ns(all, 99), ns(all, 99.9), ns(all, 99.99), all.getMaxValue(), all.getMean(), gcs, gcMillis, step.maxLateNanos(),
            kind, step.window(), sessions, step.slowestSecond(), ns(step.newOrders(), 50), ns(step.newOrders(), 99),
            ns(step.newOrders(), 99.9), ns(step.cancels(), 50), ns(step.cancels(), 99), ns(step.cancels(), 99.9), clientCpu,
            serverCpu, threads.isEmpty() ? "n/a" : threads, waited, step.errors(), after.load.replace(' ', '/'));
        System.out.println(ChildJvm.RESULT + result);
        return result;
    }

    /** A step as the console names it: "5,000/s", or "closed loop, window 64". */
    private static String label(final StepResult step)
    {
        return step.targetRate() > 0 ? String.format("%,d/s", step.targetRate()) : "closed loop, window " + step.window();
    }

    private static void summary(final List<String> results)
    {
        System.out.println();
        System.out.println("| step | rate/s | achieved/s | p50 us | p90 us | p99 us | p99.9 us | p99.99 us | max us | new p99 us | " +
            "cancel p99 us | CPU client / gateway | errors | load (1/5/15) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (final String result : results)
        {
            final long rate = Long.parseLong(ChildJvm.field(result, "rate"));
            System.out.printf("| %s | %s | %,.0f%s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s | %s |%n",
                ChildJvm.field(result, "step"), rate > 0 ? String.format("%,d", rate) : "window " + ChildJvm.field(result, "window"),
                Double.parseDouble(ChildJvm.field(result, "achieved")),
                "0".equals(ChildJvm.field(result, "unsent")) ? "" : " (saturated)",
                us(result, "p50"), us(result, "p90"), us(result, "p99"), us(result, "p999"), us(result, "p9999"),
                us(result, "max"), us(result, "newP99"), us(result, "cancelP99"), ChildJvm.field(result, "clientCpu"),
                ChildJvm.field(result, "serverCpu"), ChildJvm.field(result, "errors"), ChildJvm.field(result, "load"));
        }
    }

    private static void requireNoErrors(final LoadGenerator load, final String step)
    {
        if (load.errors() > 0)
        {
            throw new IllegalStateException(step + ": " + load.errors() + " errors, first: " + load.errorSamples());
        }
    }

    /** As the configuration writes its enums: blocking, process. */
    private static String configValue(final Enum<?> constant)
    {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    private static long seconds(final double seconds)
    {
        return (long)(seconds * NANOS_PER_SECOND);
    }

    /** A quiet moment between steps, so one step's backlog is not the next one's. */
    private static void pause()
    {
        try
        {
            Thread.sleep(500);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    private static long ns(final Histogram histogram, final double percentile)
    {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
    }

    /** A RESULT field in ns, as microseconds with one decimal. */
    private static String us(final String result, final String key)
    {
        return us(Long.parseLong(ChildJvm.field(result, key)));
    }

    private static String us(final Histogram histogram, final double percentile)
    {
        return us(histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile));
    }

    private static String us(final long nanos)
    {
        return String.format("%.1f", nanos / 1e3);
    }
}

package dev.tessera.perf;

import dev.tessera.config.Durability;
import dev.tessera.config.WaitStrategy;
import dev.tessera.perf.workload.HarnessArgs;
import dev.tessera.perf.workload.LadderTable;
import dev.tessera.perf.workload.LatencyTracker;
import dev.tessera.perf.workload.RateLadder;
import dev.tessera.perf.workload.StepResult;
import dev.tessera.perf.workload.Workload;
import dev.tessera.pipeline.OrderEntry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Tessera's latency at fixed offered rates, free of coordinated omission, with the rate ladder the
 * exchange-core peer runs too ({@link RateLadder}: latency from each command's intended send time,
 * HdrHistogram, warm-up and lead-in excluded, up to the first saturated rate). Two systems:
 * <ul>
 *   <li>{@code journal} (reported as {@code tessera-journal}, {@code -sync} under SYNC durability): the
 *       exchange as deployed minus the gateway ({@link PipelineRig}): {@link OrderEntry} into the
 *       Disruptor ring, the engine thread matches and journals, and a command is complete when a
 *       consumer reads its record (command and events) from the journal, which it can only do once
 *       the batch is published;</li>
 *   <li>{@code journal} with {@code --complete-at PUBLISH} ({@code tessera-publish}): the same pipeline, but a
 *       command is complete when the engine thread publishes the batch that holds it (its record is in
 *       the journal and readable from then on): command to publish, as the pipeline issue states its
 *       latency target, without the consumer's wake-up on the measured path. The consumer still reads
 *       and verifies every record ({@code --consumer-wait} chooses how it waits);</li>
 *   <li>{@code engine} ({@code tessera-engine}): the same ring and engine thread without the journal,
 *       complete when a results thread after the engine sees it ({@link EngineRig}), which is how
 *       exchange-core's pipeline ends.</li>
 * </ul>
 * The commands are the mixed ring's {@link Workload}, or with {@code --journal DIR} those a recorded
 * Tessera journal holds for one instrument ({@code --instrument SYMBOL|ID}, default the one with the most
 * commands; {@link JournalWorkload}, which prints what it dropped or rewrote). With {@code --workload FILE}
 * the workload made here must have that file's fingerprint (the file exchange-core runs: the same commands
 * on both sides); {@code --write-workload FILE} writes it. Each system runs in a JVM of its own
 * ({@link ChildJvm}); after the run the engine is checked against the path the workload's export recorded.
 *
 * <pre>
 * perf/bin/pipeline-bench latency [--system journal,engine] [--durability PROCESS] [--wait BLOCKING]
 *     [--complete-at READ,PUBLISH] [--consumer-wait SLEEPING]
 *     [--rates 10000,100000,500000,1000000,2000000] [--warmup 10] [--warmup-rate 100000] [--lead-in 1] [--measure 5]
 *     [--hgrm-dir DIR] [--workload FILE] [--write-workload FILE] [--journal DIR [--instrument SYMBOL|ID]]
 *     [--ring-ops 524288] [--ring-size 65536] [--dir /tmp]
 *     [--fork true] [--smoke]
 * </pre>
 */
public final class PipelineLatencyHarness
{
    private static final long CHILD_TIMEOUT_S = 1_200;
    private static final int TRACKER_CAPACITY = 1 << 22;

    /** The two Tessera systems of the ladder. */
    enum Variant
    {
        JOURNAL,
        ENGINE
    }

    /**
     * Where a journaled command is complete: {@code READ} when the consumer thread reads its record from
     * the journal (command to consumer, the default), {@code PUBLISH} when the engine thread publishes
     * the batch that holds it, i.e. the record is in the journal and consumers may read it (command to
     * publish: no third thread on the measured path, which matters on two cores).
     */
    enum CompleteAt
    {
        READ,
        PUBLISH
    }

    private PipelineLatencyHarness()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final HarnessArgs options = new HarnessArgs(args);
        final boolean smoke = options.smoke();
        final List<Variant> systems = options.enums("system", Variant.class, "JOURNAL,ENGINE",
            "systems to run: journal (pipeline and journal, tessera-journal), engine (ring and engine thread, tessera-engine)");
        final List<Durability> durabilities = options.enums("durability", Durability.class, "PROCESS",
            "the journal system's durabilities, each a run: SYNC msyncs every batch before publishing (tessera-journal-sync)");
        final List<WaitStrategy> waits = options.enums("wait", WaitStrategy.class, "BLOCKING",
            "the ring's wait strategies, each a run of every system (named -yielding etc. unless blocking)");
        final List<CompleteAt> completions = options.enums("complete-at", CompleteAt.class, "READ",
            "where a journaled command's latency ends: READ when the consumer reads its record from the journal, " +
                "PUBLISH when the engine thread publishes its batch (tessera-publish); each a run");
        final WaitStrategy consumerWait = options.optionalOneOf("consumer-wait", WaitStrategy.class,
            "how the journal's consumer thread waits for records; not set: as --wait");
        final long[] rates = options.longs("rates", smoke ? "10000,50000" : "10000,100000,500000,1000000,2000000", 1,
            "offered rates of the ladder, commands/s, each a measured step; the ladder stops after the first saturated one");
        final double warmup = options.decimal("warmup", smoke ? 0.3 : 10, 0,
            "seconds of warm-up at --warmup-rate before the ladder, not recorded");
        final long warmupRate = options.longValue("warmup-rate", smoke ? 10_000 : 100_000, 1, "the warm-up's rate, commands/s");
        final double leadIn = options.decimal("lead-in", smoke ? 0.1 : 1, 0,
            "seconds at each rate before its measured window, not recorded");
        final double measure = options.positive("measure", smoke ? 0.3 : 5, "seconds measured at each rate");
        final String hgrmDir = options.string("hgrm-dir", "",
            "a directory to write each step's latency histogram to (.hgrm, HdrHistogram's percentile format)");
        final String workloadFile = options.string("workload", "",
            "a workload file (what exchange-core runs): the commands made here must have its fingerprint");
        final String writeWorkload = options.string("write-workload", "",
            "write the workload to this file, for the exchange-core peer");
        final String journal = options.string("journal", "",
            "a recorded Tessera journal whose commands for one instrument are sent instead of the generated mix");
        final String instrument = options.string("instrument", JournalWorkload.BUSIEST,
            "with --journal: the instrument, a symbol or an id; not set: the one with the most commands");
        final int ringOps = options.integer("ring-ops", smoke ? 1 << 13 : 1 << 19, 1, PipelineThroughputBenchmark.RING_OPS);
        final int ringSize = options.powerOfTwo("ring-size", 65_536, PipelineThroughputBenchmark.RING_SIZE);
        final String dir = options.string("dir", System.getProperty("java.io.tmpdir"), PipelineThroughputBenchmark.DIR);
        final boolean fork = options.bool("fork", !smoke, PipelineThroughputBenchmark.FORK);
        if (journal.isEmpty() && !instrument.isEmpty())
        {
            options.refuse("--instrument chooses an instrument of --journal DIR");
        }
        else if (!journal.isEmpty())
        {
            // QA 113 F2, F3: not a journal, or a symbol it does not know, was a stack trace once a results directory
            // was made; and a symbol of the embedded configuration named another instrument of a LOBSTER journal.
            final String problem = JournalWorkload.problem(Path.of(journal), instrument); // reads the journal once
            if (problem != null)
            {
                options.refuse(problem);
            }
        }
        options.requireAllUsed();
        JvmFlags.check();
        System.out.println(Machine.header("PipelineLatencyHarness", options));
        final RateLadder.Settings settings = new RateLadder.Settings(rates, warmup, warmupRate, leadIn, measure);

        final List<String[]> configurations = new ArrayList<>();
        for (final Variant system : systems)
        {
            for (final WaitStrategy wait : waits)
            {
                if (system == Variant.ENGINE)
                {
                    configurations.add(new String[] {system.name(), Durability.PROCESS.name(), wait.name(), CompleteAt.READ.name()});
                    continue;
                }
                for (final Durability durability : durabilities)
                {
                    for (final CompleteAt completeAt : completions)
                    {
                        configurations.add(new String[] {system.name(), durability.name(), wait.name(), completeAt.name()});
                    }
                }
            }
        }

        final List<StepResult> results = new ArrayList<>();
        if (fork && (configurations.size() > 1 || !writeWorkload.isEmpty()))
        {
            if (!writeWorkload.isEmpty())
            {
                write(feed(journal, instrument, ringOps, smoke), Path.of(writeWorkload));
            }
            final String file = writeWorkload.isEmpty() ? workloadFile : writeWorkload;
            for (final String[] configuration : configurations)
            {
                final ChildJvm.Outcome outcome = ChildJvm.run(PipelineLatencyHarness.class, List.of(
                    "--system", configuration[0], "--durability", configuration[1], "--wait", configuration[2],
                    "--complete-at", configuration[3], "--consumer-wait", consumerWait == null ? "" : consumerWait.name(),
                    "--rates", Arrays.stream(rates).mapToObj(Long::toString).collect(Collectors.joining(",")),
                    "--warmup", Double.toString(warmup), "--warmup-rate", Long.toString(warmupRate),
                    "--lead-in", Double.toString(leadIn), "--measure", Double.toString(measure), "--hgrm-dir", hgrmDir,
                    "--workload", file, "--journal", journal, "--instrument", instrument,
                    "--ring-ops", Integer.toString(ringOps), "--ring-size", Integer.toString(ringSize),
                    "--dir", dir, "--fork", "false", "--smoke", Boolean.toString(smoke)), CHILD_TIMEOUT_S);
                if (outcome.exitStatus() != 0 || outcome.results().isEmpty())
                {
                    throw new IllegalStateException(Arrays.toString(configuration) + " failed (exit status " + outcome.exitStatus() + ")");
                }
                outcome.results().forEach(line -> results.add(StepResult.parse(line)));
            }
        }
        else
        {
            final MixFeed feed = feed(journal, instrument, ringOps, smoke);
            if (!workloadFile.isEmpty())
            {
                requireSameWorkload(feed.workload(), Path.of(workloadFile));
            }
            if (!writeWorkload.isEmpty())
            {
                write(feed, Path.of(writeWorkload));
            }
            for (final String[] configuration : configurations)
            {
                final WaitStrategy wait = WaitStrategy.valueOf(configuration[2]);
                results.addAll(run(feed, Variant.valueOf(configuration[0]), Durability.valueOf(configuration[1]), wait,
                    CompleteAt.valueOf(configuration[3]), consumerWait == null ? wait : consumerWait,
                    settings, ringSize, Path.of(dir), hgrmDir.isEmpty() ? null : Path.of(hgrmDir)));
            }
        }
        System.out.println();
        System.out.print(LadderTable.steps(results));
    }

    /** The generated mix, or a recorded journal's commands; says which in a line the suite's report quotes. */
    private static MixFeed feed(final String journal, final String instrument, final int ringOps, final boolean smoke)
    {
        final MixFeed feed = journal.isEmpty() ? PipelineThroughputBenchmark.feed(ringOps, smoke) :
            JournalWorkload.feed(Path.of(journal), instrument);
        System.out.println(SuiteReport.WORKLOAD + feed.workload().description());
        return feed;
    }

    private static void write(final MixFeed feed, final Path file)
    {
        feed.workload().write(file);
        System.out.printf("[tessera-perf] wrote the workload %s: %s; fingerprint %016x%n", file,
            feed.workload().composition(), feed.workload().fingerprint());
    }

    /** The ring generated here must be the file's: the same commands as the peer runs. */
    private static void requireSameWorkload(final Workload generated, final Path file)
    {
        if (!Files.exists(file))
        {
            throw new IllegalArgumentException("no workload file " + file);
        }
        final Workload stored = Workload.read(file);
        if (stored.fingerprint() != generated.fingerprint())
        {
            throw new IllegalStateException(String.format("the workload made here (%016x) is not the one in %s (%016x): " +
                "same --ring-ops and seed, or --journal and --instrument?", generated.fingerprint(), file, stored.fingerprint()));
        }
        System.out.printf("[tessera-perf] workload fingerprint %016x, identical to %s%n", generated.fingerprint(), file);
    }

    static String systemName(final Variant system, final Durability durability, final WaitStrategy wait, final CompleteAt completeAt)
    {
        final String journal = completeAt == CompleteAt.PUBLISH ? "tessera-publish" : "tessera-journal";
        final String base = system == Variant.ENGINE ? "tessera-engine" :
            durability == Durability.SYNC ? journal + "-sync" : journal;
        return wait == WaitStrategy.BLOCKING ? base : base + "-" + wait.name().toLowerCase(Locale.ROOT);
    }

    static List<StepResult> run(
        final MixFeed feed, final Variant system, final Durability durability, final WaitStrategy wait,
        final CompleteAt completeAt, final WaitStrategy consumerWait, final RateLadder.Settings settings, final int ringSize,
        final Path dir, final Path hgrmDir) throws InterruptedException
    {
        final String name = systemName(system, durability, wait, completeAt);
        feed.reset();
        final LatencyTracker tracker = new LatencyTracker(TRACKER_CAPACITY);
        System.out.printf("[tessera-perf] %s: ring %,d slots, wait %s; rates %s/s, warm-up %.1f s at %,d/s, lead-in %.1f s, " +
            "measured %.1f s each; workload fingerprint %016x%n", name, ringSize, wait, Arrays.toString(settings.rates()),
            settings.warmupSeconds(), settings.warmupRate(), settings.leadInSeconds(), settings.measureSeconds(),
            feed.workload().fingerprint());
        if (system == Variant.ENGINE)
        {
            try (EngineRig rig = new EngineRig(feed, wait, ringSize, tracker))
            {
                final RateLadder ladder = new RateLadder(name, rig, tracker, settings, hgrmDir);
                final List<StepResult> results = ladder.run(feed.prologueCount());
                rig.close();
                feed.verify(rig.engine, ladder.sent());
                System.out.printf("[tessera-perf] %s: %,d commands; engine verified against the simulated trajectory%n",
                    name, ladder.sent());
                return results;
            }
        }
        final JournalConsumer.Listener onRead = completeAt == CompleteAt.READ ? (record, seenNanos) -> tracker.onCompleted(seenNanos) : null;
        final PipelineRig.PublishListener onPublish = completeAt == CompleteAt.PUBLISH ? new PipelineRig.PublishListener()
        {
            private long completed;

            @Override
            public void onPublished(final long commandsJournaled, final long nowNanos)
            {
                while (completed < commandsJournaled)
                {
                    tracker.onCompleted(nowNanos);
                    completed++;
                }
            }
        } : null;
        try (PipelineRig rig = PipelineRig.start(dir, feed.instrument(), durability, wait, consumerWait, ringSize, onRead, onPublish, true))
        {
            final OrderEntry entry = rig.pipeline.orderEntry();
            final RateLadder ladder = new RateLadder(name, new RateLadder.Target()
            {
                @Override
                public boolean offer(final long n)
                {
                    final long result = feed.enter(entry, n);
                    if (result == OrderEntry.CLOSED)
                    {
                        rig.checkRunning();
                        throw new IllegalStateException("the pipeline closed");
                    }
                    if (result == OrderEntry.JOURNAL_FULL)
                    {
                        throw new IllegalStateException("the journal's file system is nearly full");
                    }
                    return result != OrderEntry.BUSY;
                }

                @Override
                public void checkRunning()
                {
                    rig.checkRunning();
                }
            }, tracker, settings, hgrmDir);
            System.out.printf("[tessera-perf] %s: journal %s (%s); threads: producer (main), tessera-engine, consumer (waits %s); " +
                "a command is complete when %s%n", name, rig.directory, durability, consumerWait,
                completeAt == CompleteAt.READ ? "the consumer reads its record" : "the engine thread publishes its batch");
            final List<StepResult> results = ladder.run(feed.prologueCount());
            final long journaled = rig.drain();
            if (journaled != ladder.sent())
            {
                throw new IllegalStateException(String.format("%,d commands entered, %,d journaled", ladder.sent(), journaled));
            }
            feed.verify(rig.engine, journaled);
            System.out.printf("[tessera-perf] %s: %,d commands, every one read back from the journal; engine verified " +
                "against the simulated trajectory%n", name, journaled);
            return results;
        }
    }
}

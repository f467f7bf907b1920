package dev.tessera.perf;

import dev.tessera.config.Durability;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.JournalConfig;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalPosition;
import dev.tessera.journal.JournalWriter;
import dev.tessera.journal.Recovery;
import dev.tessera.journal.SnapshotStore;
import dev.tessera.journal.tools.ProgressBar;
import dev.tessera.perf.workload.HarnessArgs;
import dev.tessera.simulation.JournalCommandSource;
import dev.tessera.simulation.Pacer;
import dev.tessera.simulation.ReplayVerifier;
import dev.tessera.simulation.Simulation;
import dev.tessera.simulation.SimulationStatistics;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replay and simulation rates over one journal of the realistic mix ({@link MixJournal}), every pass
 * on one thread from record 1, in events per second of wall time:
 * <ul>
 *   <li>{@code read}: read and verify every record (CRC32C, sequences, hash chain), nothing else;</li>
 *   <li>{@code apply}: rebuild the books from the journaled events ({@link Recovery}, no snapshot) -
 *       "replay from journal to books", what a restart does;</li>
 *   <li>{@code re-execute}: run every journaled command through a fresh engine ({@link Simulation},
 *       no statistics, no output journal) - the core of {@code simulate};</li>
 *   <li>{@code simulate}: as {@code re-execute} with the per-instrument statistics (what
 *       {@code bin/tessera simulate --no-journal} does before writing its CSV and page);</li>
 *   <li>{@code simulate+journal}: as {@code simulate}, also writing the run's own journal (the
 *       default of {@code bin/tessera simulate});</li>
 *   <li>{@code verify-replay}: re-execute and compare every event byte for byte ({@link ReplayVerifier}).</li>
 * </ul>
 * Every pass must end in the writing engine's state (hash) or find every event identical. The first
 * repetition warms up the JIT and is reported apart; the table gives the median of the others.
 *
 * <pre>
 * perf/bin/pipeline-bench simulate [--events 5000000] [--repeat 5] [--ring-ops 524288] [--dir /tmp] [--smoke]
 * </pre>
 */
public final class SimulationBenchmark
{
    private enum Mode
    {
        READ("read"), APPLY("apply"), RE_EXECUTE("re-execute"), SIMULATE("simulate"), SIMULATE_JOURNAL("simulate+journal"),
        VERIFY_REPLAY("verify-replay");

        final String label;

        Mode(final String label)
        {
            this.label = label;
        }
    }

    private SimulationBenchmark()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final HarnessArgs options = new HarnessArgs(args);
        final boolean smoke = options.smoke();
        final long events = options.longValue("events", smoke ? 50_000 : 5_000_000, 1, PipelineThroughputBenchmark.EVENTS);
        final int repeat = options.integer("repeat", smoke ? 2 : 5, 1,
            "passes of every mode; the first warms up the JIT and is reported apart, the table gives the others' median");
        final int ringOps = options.integer("ring-ops", smoke ? 1 << 13 : 1 << 19, 1, PipelineThroughputBenchmark.RING_OPS);
        final String dir = options.string("dir", System.getProperty("java.io.tmpdir"), PipelineThroughputBenchmark.DIR);
        options.requireAllUsed();
        JvmFlags.check();
        System.out.println(Machine.header("SimulationBenchmark", options));

        final MixFeed feed = PipelineThroughputBenchmark.feed(ringOps, smoke);
        final MixJournal.Generated generated = MixJournal.generate(feed, Path.of(dir), events);
        final List<InstrumentConfig> instruments = List.of(BenchInstrument.config());
        final Map<Mode, double[]> rates = new EnumMap<>(Mode.class);
        try (Journal journal = Journal.open(PipelineRig.journalConfig(generated.directory(), Durability.PROCESS)))
        {
            for (int r = 0; r < repeat; r++)
            {
                for (final Mode mode : Mode.values())
                {
                    final String load = Machine.loadAverage();
                    final long start = System.nanoTime();
                    final long replayed = pass(mode, journal, instruments, generated, Path.of(dir));
                    final long nanos = System.nanoTime() - start;
                    final double rate = replayed / (nanos / 1e9);
                    rates.computeIfAbsent(mode, m -> new double[repeat])[r] = rate;
                    System.out.printf(Locale.ROOT, "[tessera-perf] %-16s %d%s: %,d events in %.3f s: %,.0f events/s; " +
                        "load average %s%n", mode.label, r + 1, r == 0 ? " (warm-up)" : "", replayed, nanos / 1e9, rate, load);
                    System.out.println(ChildJvm.RESULT + String.format(Locale.ROOT, "mode=%s repetition=%d warm=%b " +
                        "events=%d seconds=%.3f eventsPerS=%.0f load=%s", mode.label, r + 1, r > 0, replayed, nanos / 1e9, rate,
                        load.replace(' ', '/')));
                }
            }
        }
        finally
        {
            PipelineRig.delete(generated.directory());
        }
        printTable(generated, rates, repeat);
    }

    /** One pass over the journal; returns the events it covered, after checking it reproduced the writer. */
    private static long pass(
        final Mode mode, final Journal journal, final List<InstrumentConfig> instruments, final MixJournal.Generated generated,
        final Path dir)
    {
        switch (mode)
        {
            case READ ->
            {
                final long[] counts = ReplayBenchmark.readOnly(journal);
                check(counts[1] == generated.events(), "read " + counts[1] + " events");
                return counts[1];
            }
            case APPLY ->
            {
                final Recovery.Result result = Recovery.recover(journal, instruments, MatchingEngine.DEFAULT_EXPECTED_ORDERS,
                    SnapshotStore.NONE, line -> { });
                check(result.engine().stateHash() == generated.stateHash(), "apply: " + result.describe());
                return result.eventsReplayed();
            }
            case VERIFY_REPLAY ->
            {
                final ReplayVerifier.Result result = ReplayVerifier.verify(journal, instruments, ProgressBar.NONE);
                check(result.identical(), "verify-replay: " + result.divergence());
                return result.events();
            }
            default ->
            {
                return simulate(mode, journal, instruments, generated, dir);
            }
        }
    }

    private static long simulate(
        final Mode mode, final Journal journal, final List<InstrumentConfig> instruments, final MixJournal.Generated generated,
        final Path dir)
    {
        final MatchingEngine engine = new MatchingEngine(instruments);
        final SimulationStatistics statistics = mode == Mode.RE_EXECUTE ? null : new SimulationStatistics(instruments);
        final Path output = mode == Mode.SIMULATE_JOURNAL ? PipelineRig.temporaryDirectory(dir, "tessera-perf-simulation-") : null;
        try (JournalCommandSource source = new JournalCommandSource(journal);
            Journal own = output == null ? null : Journal.open(new JournalConfig(output, PipelineRig.ROLL_CYCLE,
                Durability.PROCESS));
            JournalWriter writer = own == null ? null : own.writer(JournalPosition.EMPTY))
        {
            final Simulation.Result result = new Simulation(engine, Pacer.AS_FAST_AS_POSSIBLE, writer, statistics,
                ProgressBar.NONE).run(source);
            check(engine.stateHash() == generated.stateHash() && result.events() == generated.events(),
                mode.label + ": " + result.throughput() + ", state hash " + Long.toHexString(engine.stateHash()));
            return result.events();
        }
        finally
        {
            if (output != null)
            {
                PipelineRig.delete(output);
            }
        }
    }

    private static void printTable(final MixJournal.Generated generated, final Map<Mode, double[]> rates, final int repeat)
    {
        System.out.printf(Locale.ROOT, "%n%,d records, %,d events (%.2f events per command)%n%n" +
            "| pass | events/s (warm median; min..max) | cold first pass events/s |%n|---|---|---|%n",
            generated.records(), generated.events(), (double)generated.events() / generated.records());
        for (final Mode mode : Mode.values())
        {
            final double[] all = rates.get(mode);
            final double[] warm = repeat > 1 ? Arrays.copyOfRange(all, 1, repeat) : all.clone();
            Arrays.sort(warm);
            System.out.printf(Locale.ROOT, "| %s | %,.0f (%,.0f..%,.0f) | %,.0f |%n", mode.label,
                ReplayBenchmark.median(warm), warm[0], warm[warm.length - 1], all[0]);
        }
    }

    private static void check(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new IllegalStateException(what);
        }
    }
}

package dev.tessera.perf;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

/**
 * Order-book throughput on one thread: {@link dev.tessera.engine.MatchingEngine#onCommand} fed
 * pre-encoded SBE commands on a realistic book (500 levels a side, about 10,000 resting orders, 8
 * owners). Each benchmark replays a ring of commands generated at set-up from a fixed seed against a
 * setup-only engine (see {@link Rings}): every command is checked to do what it intends (no reject;
 * cancels and replaces hit live orders; IOCs trade), and every ring ends in the state it started from,
 * so the replay can wrap around for as long as a run lasts and the depth never drifts. The measured
 * methods only index the ring; after each iteration the engine is checked against the simulation.
 * <p>
 * Score: commands per second ({@code aggressiveMatch}: IOC sweeps per second, with commands per
 * second as the {@code commands} counter). Run with {@code perf/bin/bench} (adds the JVM flags of
 * {@code .mvn/jvm.config} to the forks) and {@code -prof gc} for allocation per operation.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class OrderBookBenchmark
{
    /** Shared set-up: JVM flag check, ring generation, replay engine, checks after each iteration. */
    public abstract static class ReplayState
    {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        Replay replay;
        private long iterationCommands;
        private long iterationCpu;
        private long iterationWall;

        abstract Ring ring();

        @Setup(Level.Trial)
        public void setUp()
        {
            JvmFlags.check();
            final long start = System.nanoTime();
            final Ring ring = ring();
            ring.requireRealisticDepth();
            replay = new Replay(ring);
            System.out.printf("[tessera-perf] %s ring: %s%s%n", ring.name, ring.composition,
                Rings.scale() == 1 ? "" : " (" + Rings.SCALE_PROPERTY + "=" + Rings.scale() + ": smoke run, numbers only show it runs)");
            System.out.printf("[tessera-perf] %s depth over the ring (simulated): %s; set-up %.1f s%n",
                ring.name, ring.depthSummary(), (System.nanoTime() - start) / 1e9);
        }

        @Setup(Level.Iteration)
        public void startIteration()
        {
            iterationCommands = replay.commandsRun();
            iterationWall = System.nanoTime();
            iterationCpu = THREADS.getCurrentThreadCpuTime();
        }

        /**
         * Checks the engine against the simulation, and reports how much CPU the benchmark thread got:
         * on a shared machine the score is wall-clock throughput, commands per CPU-second is what one
         * uncontended core would do (roughly: caches and frequency are shared too).
         */
        @TearDown(Level.Iteration)
        public void verify()
        {
            final long cpu = THREADS.getCurrentThreadCpuTime() - iterationCpu;
            final long wall = System.nanoTime() - iterationWall;
            final long commands = replay.commandsRun() - iterationCommands;
            replay.verify();
            System.out.printf("[tessera-perf] %,d commands; benchmark thread had %.0f%% of a CPU (%.2f s of %.2f s): %.2f M commands per CPU-second%n",
                commands, 100.0 * cpu / wall, cpu / 1e9, wall / 1e9, commands * 1e3 / Math.max(1, cpu));
        }

        @TearDown(Level.Trial)
        public void report()
        {
            replay.verify();
            System.out.printf("[tessera-perf] %s%n", replay.report());
        }
    }

    /** Passive adds at random prices (some new levels), each balanced by a cancel of an add 1,000 pairs older. */
    @State(Scope.Thread)
    public static class AddState extends ReplayState
    {
        @Override
        Ring ring()
        {
            return Rings.add(Rings.scaled(1 << 19), 1_000);
        }
    }

    /** Cancels of random resting orders anywhere in the book, each balanced by re-entering the order. */
    @State(Scope.Thread)
    public static class CancelState extends ReplayState
    {
        @Override
        Ring ring()
        {
            return Rings.cancel(Rings.scaled(1 << 19));
        }
    }

    /** Replaces of random resting orders: price moves (lose priority) or quantity reductions (keep it). */
    @State(Scope.Thread)
    public static class ReplaceState extends ReplayState
    {
        @Param({"move", "reduce"})
        public String kind;

        @Override
        Ring ring()
        {
            return Rings.replace(kind, Rings.scaled(1 << 20));
        }
    }

    /** IOC sweeps of exactly 1-3 levels, each followed by the adds that restore the book. */
    @State(Scope.Thread)
    public static class AggressiveState extends ReplayState
    {
        @Override
        Ring ring()
        {
            return Rings.aggressive(Rings.scaled(1 << 15));
        }
    }

    /** The exchange-core mix on a steady book. */
    @State(Scope.Thread)
    public static class MixedState extends ReplayState
    {
        @Override
        Ring ring()
        {
            return Rings.mixed(Rings.scaled(1 << 20));
        }
    }

    /** Commands per second of the aggressive benchmark (IOC plus replenishing adds). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Commands
    {
        public long commands;

        @Setup(Level.Iteration)
        public void reset()
        {
            commands = 0;
        }
    }

    /** One command of an add/cancel alternation (half adds, half cancels). */
    @Benchmark
    public int add(final AddState state)
    {
        return state.replay.command();
    }

    /** One command of a cancel/re-enter alternation (half cancels, half adds). */
    @Benchmark
    public int cancel(final CancelState state)
    {
        return state.replay.command();
    }

    /** One replace (move or reduce, see the kind parameter). */
    @Benchmark
    public int replace(final ReplaceState state)
    {
        return state.replay.command();
    }

    /** One IOC sweep of 1-3 levels plus its replenishing adds; see the commands counter for commands/s. */
    @Benchmark
    public int aggressiveMatch(final AggressiveState state, final Commands counters)
    {
        final int commands = state.replay.episode();
        counters.commands += commands;
        return commands;
    }

    /** One command of the exchange-core mix. */
    @Benchmark
    public int mixed(final MixedState state)
    {
        return state.replay.command();
    }
}

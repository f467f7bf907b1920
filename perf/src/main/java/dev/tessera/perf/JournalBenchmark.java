package dev.tessera.perf;

import dev.tessera.config.Durability;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalPosition;
import dev.tessera.journal.JournalWriter;
import dev.tessera.journal.Recovery;
import dev.tessera.journal.SnapshotStore;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The journal through its real code, on a Chronicle queue in a temp directory (PROCESS durability):
 * <ul>
 *   <li>{@code append}: {@link JournalWriter#append} of one command and its events, the record of a
 *       {@link MatchedCommand} (a passive add: 1 event, 192 bytes; a sweep: 5 events, 589 bytes). The
 *       same command and events every time (the writer gives each its own sequence, checksum and chain):
 *       an append costs by its length, not its content. Score: records per second.</li>
 *   <li>{@code matchAndAppend}: one command of the realistic mix matched by the engine and journaled with
 *       its events, the engine thread's work per command ({@code MatchingHandler}; under PROCESS the end
 *       of a batch has nothing to do). The ring is {@code OrderBookBenchmark.mixed}'s (same generator, same
 *       length), so the two side by side show what journaling adds per command. Score: commands per second.</li>
 *   <li>{@code replay}: a whole recovery with no snapshot ({@link Recovery#recover}: read, verify and apply
 *       every record, on its two threads) of a journal of the mix written once per trial by the pipeline
 *       ({@link MixJournal}, {@link #REPLAY_EVENTS} events); each must rebuild the writer's state hash.
 *       Score: replays per second; the {@code events} and {@code records} counters are the rates that matter.</li>
 *   <li>{@code readVerify}: the same journal only read and verified (CRC32C, sequences, hash chain), no
 *       apply: the journal's share of a replay.</li>
 * </ul>
 * The append benchmarks run {@link #RECORDS_PER_INVOCATION} records per call (the score is per record)
 * so that the journal can be replaced between calls, outside the measured time, once it holds
 * {@link #ROLL_RECORDS}: a trial never has more than one journal of at most that many records (up to
 * about 600 MB of sweeps) on disk, and each is deleted as soon as it is replaced. Run with
 * {@code perf/bin/bench --journal} (adds the JVM flags of {@code .mvn/jvm.config}). Under {@code -prof gc}
 * the appends show a fraction of a byte per record: the journal replacements and the per-iteration
 * report (both outside the measured time, inside the profiler's window), not the append; a replay
 * allocates its engine (about 9 MB) and its ring once per replay.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class JournalBenchmark
{
    static final int RECORDS_PER_INVOCATION = 16_384;
    static final long ROLL_RECORDS = 1 << 20;
    /** Events in the replay journal, 1/8 of it in a smoke run ({@link Rings#scale()}). */
    static final int REPLAY_EVENTS = 1_000_000;

    private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

    /** A journal to append to, replaced by a fresh one once it is full, and deleted at the end. */
    public abstract static class AppendState
    {
        JournalWriter writer;
        private Journal journal;
        private Path directory;
        private long appendedBefore;
        private int journals;

        /** Whatever the benchmark appends, made once per trial. */
        abstract void prepare();

        @Setup(Level.Trial)
        public void setUp()
        {
            JvmFlags.check();
            prepare();
            open();
        }

        /** Outside the measured time: a full journal is replaced, so disk use stays bounded. */
        @Setup(Level.Invocation)
        public void rollWhenFull()
        {
            if (writer.lastRecordSequence() >= ROLL_RECORDS)
            {
                close();
                open();
            }
        }

        @TearDown(Level.Iteration)
        public void report()
        {
            System.out.printf("[tessera-perf] %,d records appended so far, into %d journal(s) of at most %,d records; " +
                "the current one %s: %,d records, %,d bytes on disk%n", appendedBefore + writer.lastRecordSequence(),
                journals, ROLL_RECORDS, directory, writer.lastRecordSequence(), PipelineRig.diskBytes(directory));
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            close();
        }

        private void open()
        {
            directory = PipelineRig.temporaryDirectory(TEMP, "tessera-perf-append-");
            journal = Journal.open(PipelineRig.journalConfig(directory, Durability.PROCESS));
            writer = journal.writer(JournalPosition.EMPTY);
            journals++;
        }

        private void close()
        {
            appendedBefore += writer.lastRecordSequence();
            try
            {
                writer.close();
                journal.close();
            }
            finally
            {
                PipelineRig.delete(directory);
            }
        }
    }

    /** One command's record appended again and again. */
    @State(Scope.Thread)
    public static class RecordState extends AppendState
    {
        @Param({MatchedCommand.ADD, MatchedCommand.SWEEP})
        public String record;

        MatchedCommand matched;

        @Override
        void prepare()
        {
            matched = new MatchedCommand(record);
            System.out.printf("[tessera-perf] %s record: a %d-byte command and %d events in %d bytes%n", record,
                matched.commandLength, matched.eventCount, matched.events().length());
        }
    }

    /** The realistic mix, matched and journaled command by command; the engine is checked after each iteration. */
    @State(Scope.Thread)
    public static class MixState extends AppendState
    {
        Replay replay;

        @Override
        void prepare()
        {
            final long start = System.nanoTime();
            final Ring ring = Rings.mixed(Rings.scaled(1 << 20));
            ring.requireRealisticDepth();
            replay = new Replay(ring);
            System.out.printf("[tessera-perf] mixed ring: %s; set-up %.1f s%n", ring.composition,
                (System.nanoTime() - start) / 1e9);
        }

        @TearDown(Level.Iteration)
        public void verify()
        {
            replay.verify();
        }
    }

    /** A journal of the mix, written once per trial, and the state its replays must rebuild. */
    @State(Scope.Thread)
    public static class ReplayState
    {
        final List<InstrumentConfig> instruments = List.of(BenchInstrument.config());
        final Consumer<String> log = line ->
        {
        };
        MixJournal.Generated generated;
        Journal journal;

        @Setup(Level.Trial)
        public void setUp() throws InterruptedException
        {
            JvmFlags.check();
            final MixFeed feed = PipelineThroughputBenchmark.feed(Rings.scaled(1 << 19), Rings.scale() < 1);
            generated = MixJournal.generate(feed, TEMP, Rings.scaled(REPLAY_EVENTS));
            journal = Journal.open(PipelineRig.journalConfig(generated.directory(), Durability.PROCESS));
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            try
            {
                journal.close();
            }
            finally
            {
                PipelineRig.delete(generated.directory());
            }
        }

        void check(final boolean condition, final String what)
        {
            if (!condition)
            {
                throw new IllegalStateException(what + "; the journal has " + generated.records() + " records, " +
                    generated.events() + " events, state hash " + Long.toHexString(generated.stateHash()));
            }
        }
    }

    /** Records and events read per second, beside the replays per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Replayed
    {
        public long records;
        public long events;

        @Setup(Level.Iteration)
        public void reset()
        {
            records = 0;
            events = 0;
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_INVOCATION)
    public long append(final RecordState state)
    {
        final MatchedCommand matched = state.matched;
        final JournalWriter writer = state.writer;
        long index = 0;
        for (int i = 0; i < RECORDS_PER_INVOCATION; i++)
        {
            index = writer.append(matched.command, 0, matched.commandLength, matched.events());
        }
        return index;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_INVOCATION)
    public long matchAndAppend(final MixState state)
    {
        final Replay replay = state.replay;
        final JournalWriter writer = state.writer;
        long events = 0;
        for (int i = 0; i < RECORDS_PER_INVOCATION; i++)
        {
            events += replay.command(writer);
        }
        return events;
    }

    @Benchmark
    public MatchingEngine replay(final ReplayState state, final Replayed counters)
    {
        final Recovery.Result result = Recovery.recover(state.journal, state.instruments,
            MatchingEngine.DEFAULT_EXPECTED_ORDERS, SnapshotStore.NONE, state.log);
        state.check(state.generated.rebuiltBy(result), "a replay did not rebuild the writer's state: " + result.describe());
        counters.records += result.recordsReplayed();
        counters.events += result.eventsReplayed();
        return result.engine();
    }

    @Benchmark
    public long readVerify(final ReplayState state, final Replayed counters)
    {
        final long[] counts = ReplayBenchmark.readOnly(state.journal);
        state.check(state.generated.readWhole(counts), "reading found " + counts[0] + " records and " + counts[1] + " events");
        counters.records += counts[0];
        counters.events += counts[1];
        return counts[1];
    }
}

package dev.tessera.journal;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.OrderBook;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Rebuilds the engine on start: the newest valid snapshot the journal still matches (see
 * {@link #start} for the fallback rule), then every later journal record's events applied (not
 * re-matched), verified as they are read. The result continues the journal
 * with no gap and no duplicate: its {@link Result#position()} is what the writer continues from.
 */
public final class Recovery
{
    /**
     * Fewer records than this after the snapshot replay on the recovering thread; more go through
     * {@link PipelinedReplay} (read and verify on one thread, apply on another). Two threads win on a long
     * replay with a core to spare (5.6 M against 4.1 M events/s on two cores), but a restart starts a cold
     * JVM whose JIT compiler threads want those cores too: a 100 k-event tail replayed in 0.31-0.39 s on
     * one thread against 0.36-0.52 s on two (perf/results/2026-11-22-restart-10m).
     */
    static final long TWO_THREAD_REPLAY_MIN_RECORDS = 1_000_000;
    private static final int REPLAY_BATCH = 1024;

    private Recovery()
    {
    }

    /**
     * @param journal        the journal to recover from.
     * @param instruments    the configured instruments.
     * @param expectedOrders resting orders to pre-allocate for.
     * @param snapshots      where to look for a snapshot ({@link SnapshotStore#NONE} for a full replay).
     * @param log            receives one line per step (snapshot used or skipped, replay rate).
     * @throws JournalCorruptionException at the first record that does not verify, or when no usable
     *                                    snapshot is left and the journal no longer starts at record 1.
     */
    public static Result recover(
        final Journal journal,
        final List<InstrumentConfig> instruments,
        final int expectedOrders,
        final SnapshotStore snapshots,
        final Consumer<String> log)
    {
        final long start = System.nanoTime();
        final long[] events = new long[1];
        final MatchingEngine engine;
        final JournalPosition from;
        final JournalPosition position;
        final long lastTimestamp;
        final String snapshot;
        try (Start begin = start(journal, instruments, expectedOrders, snapshots, "recovery", log))
        {
            engine = begin.engine();
            from = begin.from();
            snapshot = begin.snapshot();
            final JournalReader reader = begin.reader();
            events[0] = replay(reader, engine, journal.recordsAfter(from));
            position = reader.position();
            lastTimestamp = reader.lastTimestamp();
        }

        requireNoOrdersLeftOut(journal, engine);
        final long nanos = System.nanoTime() - start;
        final Result result = new Result(
            engine, position, lastTimestamp, firstEntrySinceEndOfDay(engine, lastTimestamp),
            position.recordSequence() - from.recordSequence(), events[0], nanos, snapshot);
        log.accept(result.describe());
        RestingOrderRules.misfits(engine, instruments).forEach(log);
        return result;
    }

    /**
     * An instrument may be left out of the configuration once nothing rests on it: its history is still applied (in a
     * book of its own, {@link MatchingEngine#booksLeftOut()}) and readable. With orders resting on it the exchange
     * is refused: nothing could trade them and no instrument rule would apply to them, yet their owners would see
     * them live; and no command of the configuration could name the instrument to cancel them.
     *
     * @throws JournalInstrumentsException naming each such instrument and how many of its orders rest.
     */
    private static void requireNoOrdersLeftOut(final Journal journal, final MatchingEngine engine)
    {
        final List<OrderBook> books = engine.booksLeftOut();
        if (books.isEmpty())
        {
            return;
        }
        final Map<Integer, JournalInstruments.Entry> instruments = JournalInstruments.read(journal.directory());
        final StringBuilder leftOut = new StringBuilder();
        for (final OrderBook book : books)
        {
            final int resting = book.orderCount();
            if (resting > 0)
            {
                final int id = book.instrument().id();
                final JournalInstruments.Entry journaled = instruments.get(id);
                leftOut.append(leftOut.length() == 0 ? "" : ", ")
                    .append(journaled == null ? "instrument id " + id : journaled.symbol() + " (id " + id + ")")
                    .append(" with ").append(resting).append(resting == 1 ? " resting order" : " resting orders");
            }
        }
        if (leftOut.length() > 0)
        {
            throw new JournalInstrumentsException("the configuration leaves out " + leftOut + " of journal " +
                journal.directory() + ". Nothing could trade with those orders and no request could name their instrument, so configure it " +
                "again (its id, symbol and priceScale as they were) until they are cancelled; an instrument with no " +
                "resting order may be left out");
        }
    }

    /**
     * The engine's first entry since the last all-instrument EndOfDay. An engine restored from a snapshot of
     * format 1 or 2 that has seen no such EndOfDay since does not know it; then the last command's entry
     * time stands in, the rule before format 3. Conservative on purpose: it can miss a day end (commands came
     * after it and the server stopped before entering its EndOfDay), but never makes one due before every
     * journaled order's day has ended; guessing earlier could expire the DAY orders of a day still running.
     */
    private static long firstEntrySinceEndOfDay(final MatchingEngine engine, final long lastTimestamp)
    {
        final long firstEntry = engine.firstEntrySinceEndOfDay();
        return firstEntry == MatchingEngine.UNKNOWN_ENTRY_SINCE_END_OF_DAY ? lastTimestamp : firstEntry;
    }

    static long replay(final JournalReader reader, final MatchingEngine engine, final long records)
    {
        if (records >= TWO_THREAD_REPLAY_MIN_RECORDS)
        {
            return PipelinedReplay.run(reader, engine);
        }
        final long[] events = new long[1];
        int read;
        do
        {
            read = reader.poll(record ->
            {
                engine.apply(record.buffer(), record.eventsOffset(), record.eventsLength());
                events[0] += record.eventCount();
            }, REPLAY_BATCH);
        }
        while (read > 0);
        return events[0];
    }

    /**
     * Where a rebuild starts, for recovery and for anyone else who keeps a copy of the books (the
     * snapshotter): the newest valid snapshot whose record the journal still holds, exactly, with a
     * reader positioned just after that record; or a fresh engine and a reader at the journal start.
     *
     * <p>Fallback rule: a snapshot that does not verify is skipped (by the store, with a warning); a
     * snapshot whose journal record is missing or different (the journal was truncated, or lost its
     * tail in a power cut the snapshot survived, or belongs to another history) is skipped with a
     * warning too, and the next older snapshot is tried, then a full replay. A full replay needs the
     * journal from record 1: when its start was archived, this fails and says so instead of
     * rebuilding a different exchange.
     *
     * @param role what the log lines start with: "recovery", "snapshotter".
     * @return the start; the caller closes it (its reader), on the thread that reads with it.
     * @throws JournalCorruptionException when no snapshot is usable and the journal does not start at record 1.
     */
    public static Start start(
        final Journal journal,
        final List<InstrumentConfig> instruments,
        final int expectedOrders,
        final SnapshotStore snapshots,
        final String role,
        final Consumer<String> log)
    {
        return start(journal, instruments, expectedOrders, snapshots, role, log, log);
    }

    /**
     * As {@link #start(Journal, List, int, SnapshotStore, String, Consumer)}, the warnings for the snapshots skipped
     * going to {@code skipped}: for a start that walks the snapshots a recovery of the same journal has just walked
     * and reported (the snapshotter's), which would only say each again (QA 98).
     */
    public static Start start(
        final Journal journal,
        final List<InstrumentConfig> instruments,
        final int expectedOrders,
        final SnapshotStore snapshots,
        final String role,
        final Consumer<String> log,
        final Consumer<String> skipped)
    {
        final Optional<Start> fromSnapshot = startFromSnapshot(journal, instruments, expectedOrders, snapshots,
            Long.MAX_VALUE, snapshot -> true, start -> true, role, log, skipped);
        if (fromSnapshot.isPresent())
        {
            return fromSnapshot.get();
        }
        final long firstRecordSequence = journal.firstRecordSequence();
        if (firstRecordSequence > 1)
        {
            throw JournalCorruptionException.archivedWithoutSnapshot(journal.firstIndex(), firstRecordSequence,
                journal.directory());
        }
        log.accept(role + ": no snapshot, replaying the whole journal");
        final JournalReader reader = journal.reader();
        return new Start(new MatchingEngine(instruments, expectedOrders), reader.startAfter(JournalPosition.EMPTY),
            JournalPosition.EMPTY, null);
    }

    /**
     * The snapshot half of {@link #start}'s fallback rule, for anyone who can also start otherwise (the
     * FIX gateway): the newest snapshot that verifies, covers a record at or before {@code atMostRecordSequence},
     * is {@code acceptable}, and whose record the journal holds exactly, with a reader positioned just after
     * that record. A snapshot that fails any of these is skipped for the next older one.
     *
     * @param acceptable says whether the caller can start from a snapshot that verified; it logs its own
     *                   reason when not.
     * @param role       what the log lines start with.
     * @return the start (the caller closes it), or empty when no snapshot qualifies.
     */
    public static Optional<Start> startFromSnapshot(
        final Journal journal,
        final List<InstrumentConfig> instruments,
        final int expectedOrders,
        final SnapshotStore snapshots,
        final long atMostRecordSequence,
        final Predicate<SnapshotStore.Snapshot> acceptable,
        final String role,
        final Consumer<String> log)
    {
        return startFromSnapshot(journal, instruments, expectedOrders, snapshots, atMostRecordSequence, acceptable,
            start -> true, role, log, log);
    }

    /**
     * As {@link #startFromSnapshot(Journal, List, int, SnapshotStore, long, Predicate, String, Consumer)}, with one
     * more condition that needs the reader positioned: {@code usable} (a tool's point in history, which may be a
     * time, not after the snapshot's record). A start it refuses is closed and the next older snapshot tried. The
     * warnings for the snapshots skipped go to {@code skipped} ({@link #start}'s second consumer).
     */
    public static Optional<Start> startFromSnapshot(
        final Journal journal,
        final List<InstrumentConfig> instruments,
        final int expectedOrders,
        final SnapshotStore snapshots,
        final long atMostRecordSequence,
        final Predicate<SnapshotStore.Snapshot> acceptable,
        final Predicate<Start> usable,
        final String role,
        final Consumer<String> log,
        final Consumer<String> skipped)
    {
        final Start[] taken = {null};
        visitSnapshotStarts(journal, instruments, expectedOrders, snapshots, atMostRecordSequence, acceptable, start ->
        {
            if (usable.test(start))
            {
                taken[0] = start;
                return false;
            }
            start.close();
            return true;
        }, role, skipped);
        return taken[0] == null ? Optional.empty() : started(taken[0], role, log);
    }

    /**
     * Walks the snapshots as {@link #startFromSnapshot(Journal, List, int, SnapshotStore, long, Predicate, String,
     * Consumer)} does, newest first, restoring each once: each {@code acceptable} one whose record the journal holds
     * is handed to {@code visitor} as a start it then owns (keeps or closes), and the walk goes on to the next older
     * snapshot while the visitor returns true. For a caller that chooses among several (the oldest usable one, say)
     * without restoring any twice; it logs the one it takes ({@link #logStart}).
     */
    public static void visitSnapshotStarts(
        final Journal journal,
        final List<InstrumentConfig> instruments,
        final int expectedOrders,
        final SnapshotStore snapshots,
        final long atMostRecordSequence,
        final Predicate<SnapshotStore.Snapshot> acceptable,
        final Predicate<Start> visitor,
        final String role,
        final Consumer<String> log)
    {
        Optional<SnapshotStore.Snapshot> snapshot = atMostRecordSequence == Long.MAX_VALUE ?
            snapshots.loadNewestValid(instruments, expectedOrders, log) :
            snapshots.loadNewestValidBefore(atMostRecordSequence + 1, instruments, expectedOrders, log);
        while (snapshot.isPresent())
        {
            final SnapshotStore.Snapshot candidate = snapshot.get();
            if (acceptable.test(candidate))
            {
                final Optional<Start> start = startAfter(journal, candidate, role, log);
                if (start.isPresent() && !visitor.test(start.get()))
                {
                    return;
                }
            }
            snapshot = snapshots.loadNewestValidBefore(candidate.position().recordSequence(), instruments,
                expectedOrders, log);
        }
    }

    /**
     * The oldest snapshot in {@code snapshots} that verifies and whose record the journal holds exactly, with a
     * reader positioned just after that record: for a tool that reads as much of a journal whose start was
     * archived as can be rebuilt ({@code verify-replay}). Snapshots that fail are skipped for the next newer one.
     *
     * @return the start (the caller closes it), or empty when no snapshot qualifies.
     */
    public static Optional<Start> startFromOldestSnapshot(
        final Journal journal,
        final List<InstrumentConfig> instruments,
        final int expectedOrders,
        final SnapshotDirectory snapshots,
        final String role,
        final Consumer<String> log)
    {
        for (final Path file : snapshots.files())
        {
            final SnapshotStore.Snapshot candidate;
            try
            {
                candidate = snapshots.load(file, instruments, expectedOrders);
            }
            catch (final InvalidSnapshotException ex)
            {
                log.accept("snapshot: WARNING skipping " + file + ": " + ex.getMessage());
                continue;
            }
            final Optional<Start> start = startAfter(journal, candidate, role, log);
            if (start.isPresent())
            {
                return started(start.get(), role, log);
            }
        }
        return Optional.empty();
    }

    /** A reader positioned just after the snapshot's record; empty, with a warning, when the journal lacks it. */
    private static Optional<Start> startAfter(
        final Journal journal, final SnapshotStore.Snapshot candidate, final String role, final Consumer<String> log)
    {
        final JournalReader reader = journal.reader();
        try
        {
            reader.startAfter(candidate.position());
            return Optional.of(new Start(candidate.engine(), reader, candidate.position(), candidate.name()));
        }
        catch (final JournalCorruptionException ex)
        {
            reader.close();
            log.accept(role + ": WARNING snapshot " + candidate.name() + (ex.anotherHistory() ? " is " +
                SnapshotDirectory.notOfThisJournal(ex) : " not usable, the journal does not hold the record it covers: " +
                ex.getMessage()) + "; trying another one");
            return Optional.empty();
        }
    }

    private static Optional<Start> started(final Start start, final String role, final Consumer<String> log)
    {
        logStart(start, role, log);
        return Optional.of(start);
    }

    /** The line that says which snapshot a start was taken from. */
    public static void logStart(final Start start, final String role, final Consumer<String> log)
    {
        log.accept(role + ": snapshot " + start.snapshot() + " covers record " + start.from().recordSequence() +
            " (event " + start.from().lastEventSequence() + ")");
    }

    /**
     * Where a rebuild starts.
     *
     * @param engine   the snapshot's engine, or a fresh one.
     * @param reader   positioned just after {@code from}; owned by this start.
     * @param from     the last journal record the engine includes ({@link JournalPosition#EMPTY} for none).
     * @param snapshot the name of the snapshot used, or null.
     */
    public record Start(MatchingEngine engine, JournalReader reader, JournalPosition from, String snapshot)
        implements AutoCloseable
    {
        @Override
        public void close()
        {
            reader.close();
        }
    }

    /**
     * @param engine           the rebuilt engine.
     * @param position         the last good journal record: the writer continues after it.
     * @param lastTimestamp    entry time (epoch nanoseconds) of that record's command, 0 for an empty journal.
     * @param firstEntrySinceEndOfDay entry time (epoch nanoseconds) of the first command journaled since the
     *                         last all-instrument EndOfDay, 0 when there is none: the day end due is the first
     *                         after it. {@code lastTimestamp} when the engine does not know it (restored from
     *                         a snapshot of format 1 or 2 and no EndOfDay since), as before format 3.
     * @param recordsReplayed  journal records applied after the snapshot.
     * @param eventsReplayed   events applied after the snapshot.
     * @param nanos            wall time of the whole recovery.
     * @param snapshot         the snapshot used, or null.
     */
    public record Result(
        MatchingEngine engine, JournalPosition position, long lastTimestamp, long firstEntrySinceEndOfDay,
        long recordsReplayed, long eventsReplayed, long nanos, String snapshot)
    {
        public String describe()
        {
            final double seconds = nanos / 1e9;
            return String.format("recovery: %,d records, %,d events replayed in %.3f s (%,.0f events/s); " +
                    "%,d live orders, next record %d, next command sequence %d, state hash %016x",
                recordsReplayed, eventsReplayed, seconds, seconds > 0 ? eventsReplayed / seconds : 0.0,
                engine.liveOrderCount(), position.recordSequence() + 1, position.commandSequence() + 1,
                engine.stateHash());
        }
    }
}

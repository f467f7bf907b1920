package dev.tessera.journal;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.MatchingEngine;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Rebuilds the engine on start: the newest valid snapshot, then every later journal record's
 * events applied (not re-matched), verified as they are read. The result continues the journal
 * with no gap and no duplicate: its {@link Result#position()} is what the writer continues from.
 */
public final class Recovery
{
    private static final int BATCH = 4096;

    private Recovery()
    {
    }

    /**
     * @param journal        the journal to recover from.
     * @param instruments    the configured instruments.
     * @param expectedOrders resting orders to pre-allocate for.
     * @param snapshots      where to look for a snapshot ({@link SnapshotStore#NONE} for a full replay).
     * @param log            receives one line per step (snapshot used or skipped, replay rate).
     * @throws JournalCorruptionException at the first record that does not verify.
     */
    public static Result recover(
        final Journal journal,
        final List<InstrumentConfig> instruments,
        final int expectedOrders,
        final SnapshotStore snapshots,
        final Consumer<String> log)
    {
        final long start = System.nanoTime();
        final Optional<SnapshotStore.Snapshot> snapshot = snapshots.loadNewestValid(instruments, expectedOrders, log);
        final MatchingEngine engine;
        final JournalPosition from;
        if (snapshot.isPresent())
        {
            engine = snapshot.get().engine();
            from = snapshot.get().position();
            log.accept("recovery: snapshot " + snapshot.get().name() + " covers record " + from.recordSequence() +
                " (event " + from.lastEventSequence() + ")");
        }
        else
        {
            engine = new MatchingEngine(instruments, expectedOrders);
            from = JournalPosition.EMPTY;
            log.accept("recovery: no snapshot, replaying the whole journal");
        }

        final long[] events = new long[1];
        final JournalPosition position;
        try (JournalReader reader = journal.reader())
        {
            reader.startAfter(from);
            int read;
            do
            {
                read = reader.poll(record ->
                {
                    engine.apply(record.buffer(), record.eventsOffset(), record.eventsLength());
                    events[0] += record.eventCount();
                }, BATCH);
            }
            while (read > 0);
            position = reader.position();
        }

        final long nanos = System.nanoTime() - start;
        final Result result = new Result(engine, position, position.recordSequence() - from.recordSequence(), events[0],
            nanos, snapshot.map(SnapshotStore.Snapshot::name).orElse(null));
        log.accept(result.describe());
        return result;
    }

    /**
     * @param engine           the rebuilt engine.
     * @param position         the last good journal record: the writer continues after it.
     * @param recordsReplayed  journal records applied after the snapshot.
     * @param eventsReplayed   events applied after the snapshot.
     * @param nanos            wall time of the whole recovery.
     * @param snapshot         the snapshot used, or null.
     */
    public record Result(
        MatchingEngine engine, JournalPosition position, long recordsReplayed, long eventsReplayed, long nanos,
        String snapshot)
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

package dev.tessera.journal;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.MatchingEngine;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Where snapshots of the engine live: the newest valid one shortens recovery to a journal tail. */
public interface SnapshotStore
{
    /**
     * The newest snapshot that verifies, restored into a fresh engine. Corrupt or partial snapshots
     * are skipped with a warning to {@code log}, falling back to older ones.
     */
    Optional<Snapshot> loadNewestValid(List<InstrumentConfig> instruments, int expectedOrders, Consumer<String> log);

    /**
     * As {@link #loadNewestValid}, among the snapshots covering a record before {@code recordSequence}
     * only: recovery falls back to these when the journal no longer holds the newest one's record.
     * A store that keeps a single snapshot has none older.
     */
    default Optional<Snapshot> loadNewestValidBefore(
        final long recordSequence,
        final List<InstrumentConfig> instruments,
        final int expectedOrders,
        final Consumer<String> log)
    {
        return Optional.empty();
    }

    /**
     * A restored engine and the journal position its state covers.
     *
     * @param ordersWithoutFilledNotional live orders whose filled notional the snapshot does not know
     *                                    (partly filled orders in a format-1 snapshot, or in a later one
     *                                    taken by an engine restored from it); 0 when it knows them all.
     */
    record Snapshot(MatchingEngine engine, JournalPosition position, String name, int ordersWithoutFilledNotional)
    {
        /** Whether it holds everything the FIX gateway's reports need (the filled notional for AvgPx). */
        public boolean knowsEveryFilledNotional()
        {
            return ordersWithoutFilledNotional == 0;
        }
    }

    /** A store with no snapshots: recovery replays the whole journal. */
    SnapshotStore NONE = (instruments, expectedOrders, log) -> Optional.empty();
}

package dev.tessera.projection;

import dev.tessera.journal.JournalRecord;
import dev.tessera.journal.JournalRecordHandler;

/**
 * A read model derived only from the journal: it is fed every verified record in order, from
 * record 1, and holds nothing the journal does not. So it can be thrown away and rebuilt from
 * scratch at any time ({@link ProjectionHost#rebuild}), and a new version can be built beside the
 * one serving ({@link ProjectionHost#deploy}). Applying and querying are synchronized: one thread
 * feeds a projection while others query it; queries return copies.
 */
public interface Projection extends JournalRecordHandler
{
    /** Applies the next record; records arrive in journal order, each exactly once. */
    @Override
    void onRecord(JournalRecord record);

    /** The last record applied (1-based), 0 before any. */
    long recordSequence();

    /** What it is, for logs and reports: "candles 1m". */
    String name();
}

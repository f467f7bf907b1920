package dev.tessera.journal.tools;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalCorruptionException;
import dev.tessera.journal.JournalIndex;
import dev.tessera.journal.JournalPosition;
import dev.tessera.journal.JournalRecord;
import dev.tessera.journal.Recovery;

import java.util.List;

/**
 * The books as they stood at a point in history: a fresh engine (or a snapshot's, when the journal's start
 * was archived), every journaled event from the first record (after the snapshot's) applied in order
 * ({@link MatchingEngine#apply}, which replays outcomes rather than re-matching) up to and including the
 * record at the point, or for a time every record up to the first one stamped later. A point before the first
 * record is refused, as {@code journal dump --to} refuses one: in any of its forms it reaches no record (an index
 * there names no document; at a time there, no command had come in).
 */
public final class BookRebuilder
{
    private BookRebuilder()
    {
    }

    /**
     * Where the rebuild stopped: the last record applied, or the snapshot's record when none was applied after it
     * (without a snapshot, at least one record is applied: a point before the first is refused).
     *
     * @param engine   the engine holding the state after that record.
     * @param records  records applied (after the snapshot, if one was the start).
     * @param snapshot the snapshot the rebuild started from, or null for record 1.
     */
    public record Result(
        MatchingEngine engine, long records, long index, long recordSequence, long commandSequence, long timestamp,
        String snapshot)
    {
    }

    /**
     * @throws IllegalArgumentException   when an index or record number names no record of the journal, or the
     *                                    point lies before its first record (or the journal holds none).
     * @throws IllegalStateException      when the journaled events do not fit the rebuilt state, which
     *                                    means the journal was written with other instruments.
     * @throws JournalCorruptionException at the first record that does not verify.
     */
    public static Result rebuild(
        final Journal journal, final List<InstrumentConfig> instruments, final RecordPoint at, final ProgressBar progress)
    {
        final MatchingEngine engine = new MatchingEngine(instruments, MatchingEngine.DEFAULT_EXPECTED_ORDERS);
        final Applier applier = new Applier(engine, at);
        return result(applier, JournalScan.scan(journal, progress, applier::onRecord), null);
    }

    /**
     * As {@link #rebuild(Journal, List, RecordPoint, ProgressBar)}, from a snapshot instead of record 1 (for a
     * journal whose start was archived): its books, then the records after it up to the point, which must not lie
     * before the snapshot's record. The caller closes {@code start}.
     */
    public static Result rebuild(final Recovery.Start start, final RecordPoint at, final ProgressBar progress)
    {
        final Applier applier = new Applier(start.engine(), at);
        final JournalPosition from = start.from();
        final long timestamp = start.reader().lastTimestamp();
        if (at.isBefore(from, timestamp))
        {
            throw new IllegalArgumentException(at + " lies before record " + from.recordSequence() + ", which snapshot " +
                start.snapshot() + " covers");
        }
        applier.index = from.index();
        applier.recordSequence = from.recordSequence();
        applier.commandSequence = from.commandSequence();
        applier.timestamp = timestamp;
        applier.reached = at.isExactly(from, timestamp);
        return result(applier, JournalScan.scan(start.reader(), progress, applier::onRecord), start.snapshot());
    }

    private static Result result(final Applier applier, final long read, final String snapshot)
    {
        final RecordPoint at = applier.at;
        if (applier.records == 0 && snapshot == null)
        {
            throw new IllegalArgumentException(read == 0 ? "--at " + at + ": the journal holds no record" :
                at.beforeFirstRecord("--at", applier.firstRecordSequence, applier.firstIndex, applier.firstTimestamp));
        }
        if (at.kind() != RecordPoint.Kind.TIME && !applier.reached && !applier.passed && applier.recordSequence > 0)
        {
            // in journal dump's words for its --from
            throw new IllegalArgumentException("--at " + at + " is past the end of the journal (the last record is " +
                RecordPoint.describe(applier.recordSequence, applier.index, applier.timestamp) + ")");
        }
        if (at.kind() != RecordPoint.Kind.TIME && !applier.reached)
        {
            throw new IllegalArgumentException("no record at " + at + " in the journal (" + Counted.of(read, "record") +
                " read" + (applier.recordSequence > 0 ? ", the last applied is record " + applier.recordSequence +
                " at index " + JournalIndex.format(applier.index) : "") + ")");
        }
        return new Result(applier.engine, applier.records, applier.index, applier.recordSequence,
            applier.commandSequence, applier.timestamp, snapshot);
    }

    private static final class Applier
    {
        private final MatchingEngine engine;
        private final RecordPoint at;
        private boolean reached;
        /** A record after the point was read: a point not reached lies between records, not past the last. */
        private boolean passed;
        private long records;
        private long index;
        private long recordSequence;
        private long commandSequence;
        private long timestamp;
        private long firstRecordSequence;
        private long firstIndex;
        private long firstTimestamp;

        Applier(final MatchingEngine engine, final RecordPoint at)
        {
            this.engine = engine;
            this.at = at;
        }

        boolean onRecord(final JournalRecord record)
        {
            if (at.isBefore(record))
            {
                passed = true;
                if (records == 0)
                {
                    firstRecordSequence = record.recordSequence();
                    firstIndex = record.index();
                    firstTimestamp = record.timestamp();
                }
                return false;
            }
            try
            {
                engine.apply(record.buffer(), record.eventsOffset(), record.eventsLength());
            }
            catch (final IllegalArgumentException ex)
            {
                throw new JournalCorruptionException(record.index(), record.recordSequence(),
                    "events do not decode: " + ex.getMessage());
            }
            catch (final IllegalStateException ex)
            {
                throw new IllegalStateException("the events of record " + record.recordSequence() + " (index " +
                    JournalIndex.format(record.index()) + ") do not fit the books rebuilt so far: " + ex.getMessage() +
                    "; was the journal written with this configuration's instruments?", ex);
            }
            records++;
            index = record.index();
            recordSequence = record.recordSequence();
            commandSequence = record.commandSequence();
            timestamp = record.timestamp();
            reached |= at.isExactly(record);
            // A record number names one record; an index names a document, which ends with its last record.
            return !(reached && at.kind() == RecordPoint.Kind.RECORD);
        }
    }
}

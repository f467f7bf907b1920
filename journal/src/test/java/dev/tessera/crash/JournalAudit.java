package dev.tessera.crash;

import dev.tessera.engine.EventBuffer;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalPosition;
import dev.tessera.journal.JournalReader;
import dev.tessera.journal.JournalRecord;
import org.agrona.DirectBuffer;

/**
 * An independent replay of a journal, kept across kills: every journaled command is executed again
 * on a fresh engine ({@link MatchingEngine#onCommand}, i.e. matched again, unlike recovery which
 * applies the journaled events), and each result must be byte-identical to the events journaled
 * with it. It also checks that command sequences run 1, 2, 3... with no gap or repeat across
 * restarts, one record per command. Each audit continues after the last audited record (the reader
 * checks that record is still there, unchanged), so the whole journal is replayed exactly once.
 */
final class JournalAudit
{
    private static final int BATCH = 4096;

    private final MatchingEngine engine = new MatchingEngine(CrashVictim.INSTRUMENTS, CrashVictim.EXPECTED_ORDERS);
    private JournalPosition position = JournalPosition.EMPTY;
    private long wantedRecordSequence;
    private long wantedChainHash;
    private long lastCommandSequence;
    private long audited;

    /**
     * Replays every record after the previous audit.
     *
     * @param recordSequence a record whose chain hash to report (0 for none).
     * @return the chain hash of that record, or 0 when it was not among the new records.
     */
    long continueWith(final Journal journal, final long recordSequence)
    {
        wantedRecordSequence = recordSequence;
        wantedChainHash = 0;
        try (JournalReader reader = journal.reader())
        {
            reader.startAfter(position);
            while (reader.poll(this::onRecord, BATCH) > 0)
            {
                // every record verifies (CRC, chain, sequences) and replays identically
            }
            position = reader.position();
        }
        return wantedChainHash;
    }

    private void onRecord(final JournalRecord record)
    {
        final long expectedCommand = lastCommandSequence + 1;
        if (record.commandSequence() != record.recordSequence() || record.commandSequence() != expectedCommand)
        {
            throw new AssertionError("record " + record.recordSequence() + " holds command " +
                record.commandSequence() + " where command " + expectedCommand + " was expected");
        }
        engine.onCommand(record.buffer(), record.commandOffset(), record.commandLength());
        final EventBuffer events = engine.events();
        if (!sameBytes(
            events.buffer(), 0, events.length(), record.buffer(), record.eventsOffset(), record.eventsLength()))
        {
            throw new AssertionError("record " + record.recordSequence() + ": replaying its command gives " +
                events.eventCount() + " events (" + events.length() + " bytes) that differ from the " +
                record.eventCount() + " journaled (" + record.eventsLength() + " bytes)");
        }
        if (engine.lastEventSequence() != record.lastEventSequence())
        {
            throw new AssertionError("record " + record.recordSequence() + ": replay at event " +
                engine.lastEventSequence() + ", journal at " + record.lastEventSequence());
        }
        if (record.recordSequence() == wantedRecordSequence)
        {
            wantedChainHash = record.chainHash();
        }
        lastCommandSequence = expectedCommand;
        audited++;
    }

    private static boolean sameBytes(
        final DirectBuffer a,
        final int aOffset,
        final int aLength,
        final DirectBuffer b,
        final int bOffset,
        final int bLength)
    {
        if (aLength != bLength)
        {
            return false;
        }
        for (int i = 0; i < aLength; i++)
        {
            if (a.getByte(aOffset + i) != b.getByte(bOffset + i))
            {
                return false;
            }
        }
        return true;
    }

    MatchingEngine engine()
    {
        return engine;
    }

    /** Records replayed so far. */
    long audited()
    {
        return audited;
    }

    JournalPosition position()
    {
        return position;
    }
}

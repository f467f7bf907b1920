package dev.tessera.journal;

import org.agrona.collections.LongArrayList;

/**
 * Checks Chronicle's index of every cycle file of a journal read in order: reading in order never uses those
 * indexes, but a start from a snapshot does, and so does Chronicle's search for the last record, which can wind
 * back into the cycle before the last. So the tools that vouch for a journal ({@code journal verify}, a repair's
 * first read) find the last record of each cycle through its index once they have read every record. A tool,
 * not the hot path: it keeps one entry per cycle file.
 */
public final class CycleIndexCheck
{
    private final LongArrayList lastIndexes = new LongArrayList();
    private final LongArrayList lastRecordSequences = new LongArrayList();
    private int cycle;

    /** Notes a record read in order from {@code journal}. */
    public void onRecord(final Journal journal, final long index, final long recordSequence)
    {
        final int recordCycle = journal.cycleOf(index);
        if (lastIndexes.isEmpty() || recordCycle != cycle)
        {
            cycle = recordCycle;
            lastIndexes.addLong(index);
            lastRecordSequences.addLong(recordSequence);
        }
        else
        {
            lastIndexes.setLong(lastIndexes.size() - 1, index);
            lastRecordSequences.setLong(lastRecordSequences.size() - 1, recordSequence);
        }
    }

    /**
     * After every record was read: each cycle's last record through that cycle file's index.
     *
     * Then the write position the last cycle file's header records ({@link Journal#checkWritePosition}).
     *
     * @throws JournalCorruptionException naming the first cycle file whose index does not find its record, or the last
     *                                    one when its write position is astray (every record is intact and was read:
     *                                    {@link JournalCorruptionException#afterEveryRecord}).
     */
    public void check(final Journal journal)
    {
        for (int i = 0; i < lastIndexes.size(); i++)
        {
            journal.checkIndexFinds(lastIndexes.getLong(i), lastRecordSequences.getLong(i));
        }
        // Where the writer would go on: a wrong one hides every record appended next (WritePositionCheck).
        final int last = lastIndexes.size() - 1;
        journal.checkWritePosition(last < 0 ? 0 : lastIndexes.getLong(last), last < 0 ? 0 : lastRecordSequences.getLong(last));
    }
}

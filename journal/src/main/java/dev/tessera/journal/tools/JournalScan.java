package dev.tessera.journal.tools;

import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalCorruptionException;
import dev.tessera.journal.JournalReader;
import dev.tessera.journal.JournalRecord;

/**
 * Reads a journal from its first record through the verifying {@link JournalReader}, handing each
 * record to a visitor until it asks to stop, and drives a progress bar. Records are read one poll
 * at a time so that nothing after the stopping record is read: a dump limited to ten records
 * must not fail on corruption in the eleventh.
 */
public final class JournalScan
{
    /** Receives each verified record (a flyweight valid only during the call). */
    @FunctionalInterface
    public interface Visitor
    {
        /** @return false to stop the scan after this record. */
        boolean onRecord(JournalRecord record);
    }

    private JournalScan()
    {
    }

    /**
     * Scans from record 1: for what needs the whole history (rebuilding books).
     *
     * @return the number of records handed to the visitor.
     * @throws JournalCorruptionException at the first record that does not verify.
     */
    public static long scan(final Journal journal, final ProgressBar progress, final Visitor visitor)
    {
        return scan(journal, false, progress, visitor);
    }

    /**
     * Scans from the first record the journal still holds (its older cycles may be archived), for
     * what only reads records: dump, verify, stats.
     *
     * @return the number of records handed to the visitor.
     * @throws JournalCorruptionException at the first record that does not verify.
     */
    public static long scanAvailable(final Journal journal, final ProgressBar progress, final Visitor visitor)
    {
        return scan(journal, true, progress, visitor);
    }

    private static long scan(
        final Journal journal, final boolean fromFirstAvailable, final ProgressBar progress, final Visitor visitor)
    {
        try (JournalReader reader = fromFirstAvailable ? journal.reader().fromFirstAvailable() : journal.reader())
        {
            return scan(reader, progress, visitor);
        }
    }

    /**
     * Scans from where {@code reader} stands (just after the record a snapshot covers, say); the caller closes it.
     *
     * @return the number of records handed to the visitor.
     * @throws JournalCorruptionException at the first record that does not verify.
     */
    public static long scan(final JournalReader reader, final ProgressBar progress, final Visitor visitor)
    {
        final long[] read = {0};
        final boolean[] going = {true};
        try
        {
            while (going[0] && reader.poll(record ->
            {
                read[0]++;
                going[0] = visitor.onRecord(record);
            }, 1) > 0)
            {
                progress.update(read[0]);
            }
        }
        finally
        {
            progress.finish(read[0]);
        }
        return read[0];
    }
}

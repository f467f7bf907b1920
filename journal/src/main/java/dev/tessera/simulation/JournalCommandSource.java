package dev.tessera.simulation;

import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalReader;
import dev.tessera.journal.JournalRecord;
import org.agrona.MutableDirectBuffer;

/**
 * The commands of a recorded journal, from its first record, each verified by the reader
 * (checksums, chain, sequences). The journal is only read; the events it holds are ignored: the
 * simulation's engine makes its own.
 */
public final class JournalCommandSource implements CommandSource
{
    private final Journal journal;
    private final JournalReader reader;
    private final long length;
    private MutableDirectBuffer target;
    private int copied;
    private long position;

    /**
     * @throws dev.tessera.journal.JournalCorruptionException at once when the journal's start was archived (its
     *     reader would say so only at the first record, after a caller began its output).
     */
    public JournalCommandSource(final Journal journal)
    {
        journal.requireStartAtRecordOne();
        this.journal = journal;
        this.reader = journal.reader();
        this.length = journal.recordCount();
    }

    @Override
    public int next(final MutableDirectBuffer buffer)
    {
        target = buffer;
        copied = END;
        if (reader.poll(this::copy, 1) == 0)
        {
            return END;
        }
        position++;
        return copied;
    }

    private void copy(final JournalRecord record)
    {
        target.putBytes(0, record.buffer(), record.commandOffset(), record.commandLength());
        copied = record.commandLength();
    }

    @Override
    public long position()
    {
        return position;
    }

    @Override
    public long length()
    {
        return length;
    }

    @Override
    public String description()
    {
        return "journal " + journal.directory();
    }

    @Override
    public void close()
    {
        reader.close();
    }
}

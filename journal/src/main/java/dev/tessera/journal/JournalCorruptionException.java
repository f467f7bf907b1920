package dev.tessera.journal;

/**
 * The journal cannot be trusted from {@link #index()} on. Start-up stops with this error rather
 * than skip anything; an explicit repair (truncate to the last good record) is the only way past it.
 */
public final class JournalCorruptionException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final long index;
    private final long recordSequence;

    public JournalCorruptionException(final long index, final long recordSequence, final String detail)
    {
        super(String.format(
            "journal corrupt at index %s (record %d): %s", JournalIndex.format(index), recordSequence, detail));
        this.index = index;
        this.recordSequence = recordSequence;
    }

    /** Chronicle index of the first bad record. */
    public long index()
    {
        return index;
    }

    /** The record sequence the bad record should have had. */
    public long recordSequence()
    {
        return recordSequence;
    }
}

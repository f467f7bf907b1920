package dev.tessera.journal;

/** Chronicle indexes as people read them: hex, and the cycle/sequence they are made of. */
public final class JournalIndex
{
    private JournalIndex()
    {
    }

    public static String format(final long index)
    {
        return "0x" + Long.toHexString(index);
    }
}

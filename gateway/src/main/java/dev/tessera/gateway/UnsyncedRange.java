package dev.tessera.gateway;

import java.nio.MappedByteBuffer;

/**
 * The bytes of a mapped session file written since its last msync, as one range each write widens: in {@code sync}
 * durability only they are forced before anything is sent ({@link SessionStore#syncBeforeSend}), not the whole file.
 * Writes of one session come close together (the next MsgSeqNums, the next records), so one range covers them well.
 */
final class UnsyncedRange
{
    private long from = Long.MAX_VALUE;
    private long to;

    void written(final long offset, final long length)
    {
        from = Math.min(from, offset);
        to = Math.max(to, offset + length);
    }

    boolean isEmpty()
    {
        return from >= to;
    }

    /** msyncs the range of {@code mapping} (the same file pages after a remap), if any, and empties it. */
    void force(final MappedByteBuffer mapping)
    {
        if (from < to)
        {
            mapping.force((int)from, (int)(to - from));
            clear();
        }
    }

    /** Everything is on disk: the whole mapping was forced. */
    void clear()
    {
        from = Long.MAX_VALUE;
        to = 0;
    }
}

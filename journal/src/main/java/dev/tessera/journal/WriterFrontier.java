package dev.tessera.journal;

import java.io.File;

/**
 * Where the journal writer is, for {@link JournalPrefault}: the mapped chunk it writes into (its cycle
 * file, the chunk's native address and the file offsets it maps), set by the engine thread when it
 * enters a new chunk, and the file offset after its last record, published at the end of each batch.
 *
 * <p>The chunk is four values that must be read together: a sequence lock keeps them consistent (odd
 * while the engine thread changes them). It changes once per chunk (tens of MiB), so the volatile
 * stores cost nothing that matters; the position is one volatile store per batch.
 */
final class WriterFrontier
{
    private volatile long chunkVersion;
    private volatile File file;
    private volatile long chunkAddress;
    private volatile long chunkStart;
    private volatile long chunkEnd;
    private volatile long position;

    /** Engine thread: the writer now writes into the chunk mapping {@code [start, end)} of {@code file} at {@code address}. */
    void chunk(final File file, final long address, final long start, final long end)
    {
        final long version = chunkVersion;
        chunkVersion = version + 1;
        this.file = file;
        this.chunkAddress = address;
        this.chunkStart = start;
        this.chunkEnd = end;
        chunkVersion = version + 2;
    }

    /** Engine thread: the file offset after the last record of a batch. */
    void publish(final long position)
    {
        this.position = position;
    }

    long position()
    {
        return position;
    }

    /** Even when the chunk fields are stable; compare before and after reading them. */
    long chunkVersion()
    {
        return chunkVersion;
    }

    File file()
    {
        return file;
    }

    long chunkAddress()
    {
        return chunkAddress;
    }

    long chunkStart()
    {
        return chunkStart;
    }

    long chunkEnd()
    {
        return chunkEnd;
    }
}

package dev.tessera.journal;

import net.openhft.chronicle.wire.Wires;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Steps over the Chronicle document headers of one cycle file with plain file reads, never through a mapping: damage
 * (a header claiming more than the file holds, a file cut short) then cannot make the JVM read past a mapped file and
 * die of SIGBUS, and is told as a value ({@link Found}) for the caller to name. Headers are read through a window of
 * {@link #WINDOW} bytes, so stepping over small documents costs one read per window, and reading one header costs one.
 *
 * <p>The layout it knows: a 4-byte little-endian header (length and flags, {@link Wires#lengthOf}), the document, and
 * the next header at the next 4-byte boundary; the documents end at a zero header, or at one still being written (the
 * end-of-file marker is one of those).
 */
final class CycleFileHeaders
{
    /** What the header at {@link #position()} is. */
    enum Found
    {
        /** A complete document lying wholly within the file: {@link #next()} steps over it. */
        DOCUMENT,
        /** A zero header or one not complete: the end of the documents (or one being written, or end-of-file). */
        END,
        /** The document the header claims runs past the end of the file: no writer leaves one, so damage. */
        OVERRUNS,
        /** No header fits between the position and the end of the file. */
        PAST_FILE
    }

    /** Bytes read at a time: many headers per read, as documents are mostly far smaller. */
    private static final int WINDOW = 64 * 1024;

    private final FileChannel channel;
    private final long size;
    private final ByteBuffer window;
    private long windowStart;
    private long windowEnd;
    private long position;
    private int header;
    private Found found;

    /** Headers of the file {@code channel} reads, as long as it is now, {@link #WINDOW} bytes a read. */
    CycleFileHeaders(final FileChannel channel) throws IOException
    {
        this(channel, WINDOW);
    }

    /**
     * As {@link #CycleFileHeaders(FileChannel)}, {@code windowBytes} a read: {@link Integer#BYTES} for a look at one
     * header (the first of each of many files), which then costs neither a 64 KiB read nor its buffer.
     */
    CycleFileHeaders(final FileChannel channel, final int windowBytes) throws IOException
    {
        this.channel = channel;
        this.size = channel.size();
        this.window = ByteBuffer.allocate(Math.max(Integer.BYTES, windowBytes)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The file's size when this walk began: what every {@link Found} is told against. */
    long size()
    {
        return size;
    }

    /** Reads the header at {@code position} (a 4-byte aligned byte of the file). */
    Found at(final long position) throws IOException
    {
        this.position = position;
        header = 0;
        if (position < 0 || position + Integer.BYTES > size)
        {
            found = Found.PAST_FILE;
            return found;
        }
        if (position < windowStart || position + Integer.BYTES > windowEnd)
        {
            window.clear();
            final int read = channel.read(window, position);
            if (read < Integer.BYTES)
            {
                // The file shrank under the walk: what was there is no longer a header.
                windowEnd = windowStart;
                found = Found.PAST_FILE;
                return found;
            }
            windowStart = position;
            windowEnd = position + read;
        }
        header = window.getInt((int)(position - windowStart));
        if (header == 0 || (header & Wires.NOT_COMPLETE) != 0)
        {
            found = Found.END;
        }
        else if (position + Integer.BYTES + Wires.lengthOf(header) > size)
        {
            found = Found.OVERRUNS;
        }
        else
        {
            found = Found.DOCUMENT;
        }
        return found;
    }

    /** Steps over the {@link Found#DOCUMENT} at {@link #position()} and reads the header after it. */
    Found next() throws IOException
    {
        if (found != Found.DOCUMENT)
        {
            throw new IllegalStateException("no document to step over at byte " + position + ": " + found);
        }
        return at(nextPosition());
    }

    /** The byte the last header read stands at. */
    long position()
    {
        return position;
    }

    /** The last header read, raw (0 when none could be read). */
    int header()
    {
        return header;
    }

    /** The length of the document the last header claims, header excluded. */
    int length()
    {
        return Wires.lengthOf(header);
    }

    /** Whether the last header is a data document (not Chronicle's metadata). */
    boolean isData()
    {
        return Wires.isData(header);
    }

    /** Where the header after the last one read stands: past its document, 4-byte aligned. */
    long nextPosition()
    {
        return (position + Integer.BYTES + length() + 3) & ~3L;
    }
}

package dev.tessera.gateway;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * The bodies of the application messages the gateway makes itself, without a journaled event (throttle rejects,
 * "already pending cancel" rejects, status replies, mass cancel reports, other gateway-level rejects): nothing else
 * could make them again, and a client that lost one in transit (the connection dropped just after it was written)
 * must get it in answer to its ResendRequest, as it would from any FIX engine's message store, or it keeps the
 * order it refuses pending for ever. The file {@code <compId>.made}, memory-mapped and append-only (a {@code kill -9}
 * loses nothing written); the sent index names a record by {@link SessionStore#madeEntry}. Emptied with the sent
 * index ({@link SessionStore#reset}).
 *
 * <p>A record: body length, MsgType, MsgSeqNum, SendingTime, then the body (the fields between the standard header and
 * the trailer), padded to 8 bytes. A record is written whole before the end moves past it, and the sent index names
 * it only after that, so a crash leaves either a whole record or a MsgSeqNum that is gap-filled.
 *
 * <p>Made messages are rare (a throttled flood, a client's mistake): the file grows by doubling only past its high
 * water mark, and appending copies the body once, allocating nothing.
 */
final class MadeMessages implements AutoCloseable
{
    static final int HEADER_BYTES = 64;
    private static final int MAGIC = 0x544D4144; // "TMAD"
    private static final int VERSION = 1;
    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = 4;
    /** The offset after the last whole record. */
    private static final int END_OFFSET = 8;
    private static final int BODY_LENGTH_OFFSET = 0;
    private static final int MSG_TYPE_OFFSET = 4;
    private static final int MSG_SEQ_NUM_OFFSET = 8;
    private static final int SENDING_TIME_OFFSET = 16;
    private static final int RECORD_HEADER_BYTES = 24;
    /** As an index's first mapping: thousands of messages before the file first grows. */
    private static final long INITIAL_BYTES = 1L << 20;

    private final Path file;
    private final UnsafeBuffer bytes = new UnsafeBuffer(0, 0);
    private MappedByteBuffer mapping;
    /** The record bytes written since the last {@link #force}. */
    private final UnsyncedRange unsyncedRecords = new UnsyncedRange();
    private boolean endUnsynced;

    /** Opens {@code file}, making it when missing. @throws UnreadableSessionStateException of another format. */
    MadeMessages(final Path file)
    {
        this.file = file;
        final long fileBytes = SessionStore.size(file);
        remap(Math.max(INITIAL_BYTES, fileBytes));
        final int magic = bytes.getInt(MAGIC_OFFSET);
        if (magic == 0)
        {
            bytes.putInt(VERSION_OFFSET, VERSION);
            bytes.putLong(END_OFFSET, HEADER_BYTES);
            bytes.putIntVolatile(MAGIC_OFFSET, MAGIC);
            endUnsynced = true;
        }
        else if (magic != MAGIC || bytes.getInt(VERSION_OFFSET) != VERSION ||
            bytes.getLong(END_OFFSET) < HEADER_BYTES || bytes.getLong(END_OFFSET) > bytes.capacity())
        {
            final String what = magic != MAGIC ? "not a made-message file" :
                bytes.getInt(VERSION_OFFSET) != VERSION ? "unknown made-message file version " +
                bytes.getInt(VERSION_OFFSET) : "its end is outside the file";
            IoUtil.unmap(mapping); // no access to the buffer after this: it would fault
            throw new UnreadableSessionStateException(file + ": " + what + "; move it aside to have the next start " +
                "write it again (the gateway's own rejects in it are then gap-filled if a client asks for them again)");
        }
        else if (end() > fileBytes)
        {
            // Cut short (a truncated copy): the mapping grew it back with zeros, which must not pass for the rest of
            // the record cut in two. The whole records before the cut stay; the rest are gap-filled if asked for.
            bytes.putLongOrdered(END_OFFSET, wholeRecordsEnd(fileBytes));
            endUnsynced = true;
        }
    }

    /** The end of the last record that lies whole within the first {@code fileBytes} bytes. */
    private long wholeRecordsEnd(final long fileBytes)
    {
        final long end = end();
        long offset = HEADER_BYTES;
        while (offset + RECORD_HEADER_BYTES <= Math.min(end, fileBytes))
        {
            final long recordEnd = offset + BitUtil.align(RECORD_HEADER_BYTES + bodyLength(offset), 8);
            if (recordEnd <= offset || recordEnd > fileBytes || recordEnd > end) // <=: a garbled length
            {
                break;
            }
            offset = recordEnd;
        }
        return offset;
    }

    /** The offset after the last record: where the next one goes. */
    long end()
    {
        return bytes.getLong(END_OFFSET);
    }

    /**
     * Appends a message's body ({@code bodyLength} bytes of {@code body} at {@code bodyOffset}).
     *
     * @return the record's offset, for {@link #holds} and the sent index; -1 when the file cannot grow to hold it (a
     *     full disk): the message then goes out unrecorded, as one a resend gap-fills.
     */
    long append(final int msgType, final int msgSeqNum, final long sendingTimeNs, final DirectBuffer body,
        final int bodyOffset, final int bodyLength)
    {
        final long offset = end();
        final long recordEnd = offset + BitUtil.align(RECORD_HEADER_BYTES + bodyLength, 8);
        if (recordEnd > bytes.capacity())
        {
            try
            {
                remap(Math.max(recordEnd, 2L * bytes.capacity()));
            }
            catch (final UncheckedIOException | IllegalStateException ex)
            {
                return -1;
            }
        }
        final int at = (int)offset;
        bytes.putInt(at + MSG_TYPE_OFFSET, msgType);
        bytes.putInt(at + MSG_SEQ_NUM_OFFSET, msgSeqNum);
        bytes.putLong(at + SENDING_TIME_OFFSET, sendingTimeNs);
        bytes.putBytes(at + RECORD_HEADER_BYTES, body, bodyOffset, bodyLength);
        bytes.putInt(at + BODY_LENGTH_OFFSET, bodyLength);
        bytes.putLongOrdered(END_OFFSET, recordEnd); // the record whole first: a crash leaves no half of one
        unsyncedRecords.written(offset, recordEnd - offset);
        endUnsynced = true;
        return offset;
    }

    /**
     * Whether {@code offset} is a whole record of {@code msgSeqNum}'s message: false for one beyond the end (the file
     * was emptied, or moved aside, after the sent index named it), which is then gap-filled rather than read.
     */
    boolean holds(final long offset, final int msgSeqNum)
    {
        if (offset < HEADER_BYTES || offset + RECORD_HEADER_BYTES > end() || (offset & 7) != 0)
        {
            return false;
        }
        final int at = (int)offset;
        return bytes.getInt(at + MSG_SEQ_NUM_OFFSET) == msgSeqNum &&
            offset + RECORD_HEADER_BYTES + bytes.getInt(at + BODY_LENGTH_OFFSET) <= end();
    }

    /** The MsgType of the record at {@code offset} (one {@link #holds}). */
    int msgType(final long offset)
    {
        return bytes.getInt((int)offset + MSG_TYPE_OFFSET);
    }

    /** The SendingTime the record's message first went out with. */
    long sendingTimeNs(final long offset)
    {
        return bytes.getLong((int)offset + SENDING_TIME_OFFSET);
    }

    /** The buffer the bodies are in, at {@link #bodyOffset} for {@link #bodyLength} bytes. */
    DirectBuffer buffer()
    {
        return bytes;
    }

    int bodyOffset(final long offset)
    {
        return (int)offset + RECORD_HEADER_BYTES;
    }

    int bodyLength(final long offset)
    {
        return bytes.getInt((int)offset + BODY_LENGTH_OFFSET);
    }

    /** Forgets every record: the sent index that named them was emptied. The file keeps its size. */
    void reset()
    {
        bytes.putLongOrdered(END_OFFSET, HEADER_BYTES);
        endUnsynced = true;
    }

    boolean unsynced()
    {
        return endUnsynced || !unsyncedRecords.isEmpty();
    }

    /** msyncs the records written since the last force, then the end that names them whole. */
    void force()
    {
        unsyncedRecords.force(mapping);
        if (endUnsynced)
        {
            endUnsynced = false;
            mapping.force(0, HEADER_BYTES);
        }
    }

    void forceAll()
    {
        mapping.force();
        unsyncedRecords.clear();
        endUnsynced = false;
    }

    @Override
    public void close()
    {
        IoUtil.unmap(mapping);
    }

    private void remap(final long size)
    {
        if (size > Integer.MAX_VALUE)
        {
            throw new IllegalStateException(file + ": more than 2 GiB of the gateway's own messages in one session; " +
                "reset its sequence numbers");
        }
        mapping = SessionStore.remap(file, mapping, size);
        bytes.wrap(mapping);
    }
}

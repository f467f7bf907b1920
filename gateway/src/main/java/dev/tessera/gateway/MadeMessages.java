package dev.tessera.gateway;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
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
 *
 * <p>The file holds the last {@link #MAX_BYTES} of records, not all: past that, records are written from the start
 * again (a lap), over the oldest. A client flooding past its throttle made 25 MB of rejects a second, which this file
 * kept until a sequence reset (2 GiB a session, then every disk). A record is named by its lap and offset ({@link
 * #append}); it is held while no later lap has written over it: in the current lap below the end, or in the lap
 * before at or past the end and below where that lap stopped ({@code wrapEnd}). An older one is gap-filled if asked
 * for: a client asks again for what it lost in a disconnect, the last seconds, not the day.
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
    /** Added without a version change, as the fields below: zero in an older file, which never wrapped. */
    private static final int LAP_OFFSET = 16;
    /** Where the lap before the current one stopped: its records from the end up to here are whole. */
    private static final int WRAP_END_OFFSET = 24;
    private static final int BODY_LENGTH_OFFSET = 0;
    private static final int MSG_TYPE_OFFSET = 4;
    private static final int MSG_SEQ_NUM_OFFSET = 8;
    private static final int RECORD_LAP_OFFSET = 12;
    private static final int SENDING_TIME_OFFSET = 16;
    private static final int RECORD_HEADER_BYTES = 24;
    /** As an index's first mapping: thousands of messages before the file first grows. */
    private static final long INITIAL_BYTES = 1L << 20;
    /** 64 MiB, some 250,000 made messages: what the file keeps at most. */
    static final long MAX_BYTES = 64L << 20;
    /** A growth writes its zeros on the gateway thread while every session waits: 16 MiB at most, some ms. */
    private static final long MAX_GROWTH_BYTES = 16L << 20;
    private static final long OFFSET_MASK = 0xFFFF_FFFFL;

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
        else
        {
            final String why = whyUnreadable(bytes, bytes.capacity());
            if (why != null)
            {
                IoUtil.unmap(mapping); // no access to the buffer after this: it would fault
                throw unreadable(file, why);
            }
        }
        if (magic != 0 && (end() > fileBytes || wrapEnd() > fileBytes))
        {
            // Cut short (a truncated copy): the mapping grew it back with zeros, which must not pass for the rest of
            // the record cut in two. The whole records before the cut stay; the rest are gap-filled if asked for.
            bytes.putLongOrdered(WRAP_END_OFFSET, Math.min(wrapEnd(), fileBytes));
            bytes.putLongOrdered(END_OFFSET, wholeRecordsEnd(fileBytes));
            endUnsynced = true;
        }
    }

    /**
     * Refuses a file the constructor would: found before the journal is opened, as a session file's damage is, not
     * after the gateway's recovery (QA 111). Reads its header only.
     *
     * @throws UnreadableSessionStateException of another format.
     */
    static void refuseUnreadableHeader(final Path file) throws IOException
    {
        if (!Files.isRegularFile(file))
        {
            return;
        }
        final UnsafeBuffer bytes = readHeader(file);
        final String why = bytes.getInt(MAGIC_OFFSET) == 0 ? null :
            whyUnreadable(bytes, Math.max(INITIAL_BYTES, Files.size(file)));
        if (why != null)
        {
            throw unreadable(file, why);
        }
    }

    /** @return the lap of a made-message file, as its header says; -1 when there is no such file, or it is blank. */
    static int lapOf(final Path file) throws IOException
    {
        if (!Files.isRegularFile(file))
        {
            return -1;
        }
        final UnsafeBuffer bytes = readHeader(file);
        return bytes.getInt(MAGIC_OFFSET) == MAGIC ? bytes.getInt(LAP_OFFSET) : -1;
    }

    /** The file's first {@link #HEADER_BYTES}, zeros past its end. */
    private static UnsafeBuffer readHeader(final Path file) throws IOException
    {
        final byte[] header = new byte[HEADER_BYTES];
        try (InputStream in = Files.newInputStream(file))
        {
            in.readNBytes(header, 0, HEADER_BYTES);
        }
        return new UnsafeBuffer(header);
    }

    /**
     * Whether {@link #append} can have named a record so, in a file now at {@code fileLap} (-1: unknown) holding
     * {@code fileBytes}: a record starts 8-aligned past the header, inside the file's most, in a lap at most one
     * after the file's (the sent index is synced before this file: a power cut between the two may leave the header
     * a lap behind). A sent-index entry whose record is none of that is damaged (QA 112: a report's entry with its
     * sign bit flipped read as a made message's, at an offset near 4 GiB and lap 2^31 - 1).
     */
    static boolean couldName(final long record, final int fileLap, final long fileBytes)
    {
        final long offset = record & OFFSET_MASK;
        final long lap = record >>> 32;
        return offset >= HEADER_BYTES && (offset & 7) == 0 && offset < Math.max(MAX_BYTES, fileBytes) &&
            lap <= (fileLap < 0 ? Integer.MAX_VALUE : fileLap + 1L);
    }

    /** @return why a header (its magic not 0) is not one this build reads, or null. */
    private static String whyUnreadable(final UnsafeBuffer header, final long mappedBytes)
    {
        if (header.getInt(MAGIC_OFFSET) != MAGIC)
        {
            return "not a made-message file";
        }
        if (header.getInt(VERSION_OFFSET) != VERSION)
        {
            return "unknown made-message file version " + header.getInt(VERSION_OFFSET);
        }
        final long end = header.getLong(END_OFFSET);
        return end < HEADER_BYTES || end > mappedBytes ? "its end is outside the file" : null;
    }

    private static UnreadableSessionStateException unreadable(final Path file, final String why)
    {
        return new UnreadableSessionStateException(file + ": " + why + "; move it aside to have the next start " +
            "write it again (the gateway's own rejects in it are then gap-filled if a client asks for them again)");
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

    private long wrapEnd()
    {
        return bytes.getLong(WRAP_END_OFFSET);
    }

    private int lap()
    {
        return bytes.getInt(LAP_OFFSET);
    }

    /**
     * Appends a message's body ({@code bodyLength} bytes of {@code body} at {@code bodyOffset}), from the start again
     * over the oldest records when the file holds {@link #MAX_BYTES}.
     *
     * @return the record's name, its lap and offset, for {@link #holds} and the sent index (positive); -1 when the file
     *     cannot grow to hold it (a full disk): the message then goes out unrecorded, as one a resend gap-fills.
     */
    long append(final int msgType, final int msgSeqNum, final long sendingTimeNs, final DirectBuffer body,
        final int bodyOffset, final int bodyLength)
    {
        final long recordBytes = BitUtil.align(RECORD_HEADER_BYTES + bodyLength, 8);
        if (end() + recordBytes > Math.max(MAX_BYTES, bytes.capacity()))
        {
            // Where this lap stops first, then the lap, then the end: a kill between them leaves fewer records held
            // (each check fails for the ones between), never one taken for another.
            bytes.putLongOrdered(WRAP_END_OFFSET, end());
            bytes.putIntOrdered(LAP_OFFSET, lap() + 1);
            bytes.putLongOrdered(END_OFFSET, HEADER_BYTES);
            endUnsynced = true;
        }
        final long offset = end();
        final long recordEnd = offset + recordBytes;
        if (recordEnd > bytes.capacity())
        {
            try
            {
                final long capacity = bytes.capacity();
                remap(Math.max(recordEnd, Math.min(MAX_BYTES, capacity + Math.min(capacity, MAX_GROWTH_BYTES))));
            }
            catch (final UncheckedIOException | IllegalStateException ex)
            {
                return -1;
            }
        }
        final int at = (int)offset;
        bytes.putInt(at + MSG_TYPE_OFFSET, msgType);
        bytes.putInt(at + MSG_SEQ_NUM_OFFSET, msgSeqNum);
        bytes.putInt(at + RECORD_LAP_OFFSET, lap());
        bytes.putLong(at + SENDING_TIME_OFFSET, sendingTimeNs);
        bytes.putBytes(at + RECORD_HEADER_BYTES, body, bodyOffset, bodyLength);
        bytes.putInt(at + BODY_LENGTH_OFFSET, bodyLength);
        bytes.putLongOrdered(END_OFFSET, recordEnd); // the record whole first: a crash leaves no half of one
        unsyncedRecords.written(offset, recordEnd - offset);
        endUnsynced = true;
        return (long)lap() << 32 | offset;
    }

    /**
     * Whether {@code record} ({@link #append}'s name of it) is a whole record of {@code msgSeqNum}'s message: false for
     * one a later lap wrote over, or beyond the end (the file was emptied, or moved aside, after the sent index named
     * it), which is then gap-filled rather than read.
     */
    boolean holds(final long record, final int msgSeqNum)
    {
        final long offset = record & OFFSET_MASK;
        final int lap = (int)(record >>> 32);
        final long heldFrom = lap == lap() ? HEADER_BYTES : end();
        final long heldTo = lap == lap() ? end() : lap == lap() - 1 ? Math.min(wrapEnd(), bytes.capacity()) : 0;
        if (offset < heldFrom || offset + RECORD_HEADER_BYTES > heldTo || (offset & 7) != 0)
        {
            return false;
        }
        final int at = (int)offset;
        return bytes.getInt(at + MSG_SEQ_NUM_OFFSET) == msgSeqNum && bytes.getInt(at + RECORD_LAP_OFFSET) == lap &&
            offset + RECORD_HEADER_BYTES + bytes.getInt(at + BODY_LENGTH_OFFSET) <= heldTo;
    }

    /** Whether a later lap wrote over {@code record}: it is not held, as it should not be, not lost. */
    boolean writtenOver(final long record)
    {
        final int lap = (int)(record >>> 32);
        return lap < lap() - 1 || (lap == lap() - 1 && (record & OFFSET_MASK) < end());
    }

    /** The MsgType of {@code record} (one {@link #holds}). */
    int msgType(final long record)
    {
        return bytes.getInt(at(record) + MSG_TYPE_OFFSET);
    }

    /** The SendingTime the record's message first went out with. */
    long sendingTimeNs(final long record)
    {
        return bytes.getLong(at(record) + SENDING_TIME_OFFSET);
    }

    private static int at(final long record)
    {
        return (int)(record & OFFSET_MASK);
    }

    /** The buffer the bodies are in, at {@link #bodyOffset} for {@link #bodyLength} bytes. */
    DirectBuffer buffer()
    {
        return bytes;
    }

    int bodyOffset(final long record)
    {
        return at(record) + RECORD_HEADER_BYTES;
    }

    int bodyLength(final long record)
    {
        return bytes.getInt(at(record) + BODY_LENGTH_OFFSET);
    }

    /** Forgets every record: the sent index that named them was emptied. The file keeps its size. */
    void reset()
    {
        bytes.putLongOrdered(WRAP_END_OFFSET, HEADER_BYTES); // the lap before holds nothing either
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

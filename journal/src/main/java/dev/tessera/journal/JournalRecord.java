package dev.tessera.journal;

import dev.tessera.journal.codec.JournalRecordDecoder;
import dev.tessera.journal.codec.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.checksum.Crc32c;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A flyweight over one journal record in place (memory-mapped, no copy): the framing fields, the
 * command bytes and the event bytes. Valid only until the reader moves on.
 *
 * <p>Upcasting: fields a record of an older version lacks are derived here, so callers always see
 * the current shape. Version 1 records have no timestamp field: it is read from their command.
 */
public final class JournalRecord
{
    /** All engine commands start with sequence then timestamp, right after the 8-byte SBE header. */
    static final int COMMAND_SEQUENCE_OFFSET = 8;
    static final int COMMAND_TIMESTAMP_OFFSET = 16;
    static final int COMMAND_MIN_LENGTH = COMMAND_TIMESTAMP_OFFSET + 8;
    /** The smallest block any readable version has: version 1's. */
    static final int VERSION_1_BLOCK_LENGTH = 40;
    /** CRC32C covers the record from the field after chainHash to its end. */
    static final int CHECKSUMMED_FROM = MessageHeaderDecoder.ENCODED_LENGTH +
        JournalRecordDecoder.recordSequenceEncodingOffset();

    private final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final JournalRecordDecoder decoder = new JournalRecordDecoder();
    private long index;
    private int payloadOffset;

    /** Wraps the record at {@code address}; the caller has checked the framing with {@link JournalReader}. */
    void wrap(final long index, final long address, final int length)
    {
        this.index = index;
        buffer.wrap(address, length);
        header.wrap(buffer, 0);
        decoder.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        payloadOffset = MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength();
    }

    /**
     * The record's length by its own framing (SBE header, block, command and events), or -1 when its
     * lengths are negative or need more than {@code available} bytes. The record was wrapped over at least
     * a header and a version-1 block.
     */
    long framedLength(final long available)
    {
        final long length = (long)MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength() +
            decoder.commandLength() + decoder.eventsLength();
        return decoder.commandLength() < 0 || decoder.eventsLength() < 0 || length > available ? -1 : length;
    }

    MessageHeaderDecoder header()
    {
        return header;
    }

    JournalRecordDecoder decoder()
    {
        return decoder;
    }

    int length()
    {
        return buffer.capacity();
    }

    long address()
    {
        return buffer.addressOffset();
    }

    /**
     * The CRC32C of the record as wrapped (at its framed length), over what its stored checksum covers: from
     * {@link #CHECKSUMMED_FROM} to its end. The one place the range is read back, for every check of a record.
     */
    int computedChecksum()
    {
        return Crc32c.INSTANCE.compute(buffer.addressOffset(), CHECKSUMMED_FROM, length() - CHECKSUMMED_FROM);
    }

    /** Chronicle index of this record. */
    public long index()
    {
        return index;
    }

    public int version()
    {
        return header.version();
    }

    public long recordSequence()
    {
        return decoder.recordSequence();
    }

    public long chainHash()
    {
        return decoder.chainHash();
    }

    public int checksum()
    {
        return decoder.checksum();
    }

    /** Engine event sequence after this record. */
    public long lastEventSequence()
    {
        return decoder.lastEventSequence();
    }

    public int eventCount()
    {
        return decoder.eventCount();
    }

    /** Sequence stamped on the command where it entered the system (0 for bytes too short to be a command). */
    public long commandSequence()
    {
        return commandLength() >= COMMAND_MIN_LENGTH ? buffer.getLong(commandOffset() + COMMAND_SEQUENCE_OFFSET) : 0;
    }

    /** Timestamp (epoch ns) stamped on the command where it entered the system (0 for runt bytes). */
    public long timestamp()
    {
        if (header.version() >= JournalRecordDecoder.timestampSinceVersion())
        {
            return decoder.timestamp();
        }
        return commandTimestamp(buffer, commandOffset(), commandLength());
    }

    static long commandTimestamp(final DirectBuffer buffer, final int offset, final int length)
    {
        return length >= COMMAND_MIN_LENGTH ? buffer.getLong(offset + COMMAND_TIMESTAMP_OFFSET) : 0;
    }

    /**
     * Raises the time stamped on an engine command to {@code notBefore} when it is earlier (the engine thread keeps
     * the journal's time from going back: {@code dev.tessera.pipeline.MatchingHandler}).
     *
     * @return the command's time after that; {@code notBefore} for a buffer too short to be a command.
     */
    public static long stampNotBefore(
        final MutableDirectBuffer buffer, final int offset, final int length, final long notBefore)
    {
        if (length < COMMAND_MIN_LENGTH)
        {
            return notBefore;
        }
        final long stamped = buffer.getLong(offset + COMMAND_TIMESTAMP_OFFSET);
        if (stamped >= notBefore)
        {
            return stamped;
        }
        buffer.putLong(offset + COMMAND_TIMESTAMP_OFFSET, notBefore);
        return notBefore;
    }

    /** The buffer holding both the command and the events. */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    public int commandOffset()
    {
        return payloadOffset;
    }

    public int commandLength()
    {
        return decoder.commandLength();
    }

    public int eventsOffset()
    {
        return payloadOffset + decoder.commandLength();
    }

    public int eventsLength()
    {
        return decoder.eventsLength();
    }
}

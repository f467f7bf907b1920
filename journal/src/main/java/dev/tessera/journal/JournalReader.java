package dev.tessera.journal;

import dev.tessera.journal.codec.JournalRecordDecoder;
import dev.tessera.journal.codec.MessageHeaderDecoder;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.checksum.Crc32c;

/**
 * Reads journal records in order and verifies each before handing it on: framing, CRC32C checksum,
 * record sequence continuity, the hash chain and event sequence continuity. The first record that
 * fails stops the reader with a {@link JournalCorruptionException} naming its index; nothing is
 * ever skipped. Records are read in place (no copy, no allocation).
 */
public final class JournalReader implements AutoCloseable
{
    /** Poll limit meaning "no limit". */
    public static final long ANY_INDEX = Long.MAX_VALUE;

    private static final int MIN_BLOCK_LENGTH = JournalRecord.VERSION_1_BLOCK_LENGTH;

    private final ExcerptTailer tailer;
    private final JournalRecord record = new JournalRecord();
    private long lastIndex = JournalPosition.EMPTY.index();
    private long lastRecordSequence;
    private long lastChainHash = JournalChain.GENESIS;
    private long lastEventSequence;
    private long lastCommandSequence;
    private long lastTimestamp;
    private boolean trustFirstRecord;

    JournalReader(final ExcerptTailer tailer)
    {
        this.tailer = tailer;
    }

    /**
     * Positions the reader just after a record known to be good (e.g. the one a snapshot covers),
     * checking that the journal still holds exactly that record there.
     *
     * @throws JournalCorruptionException when the record at that index is missing or different.
     */
    public JournalReader startAfter(final JournalPosition position)
    {
        if (position.index() < 0)
        {
            tailer.toStart();
            remember(JournalPosition.EMPTY.index(), 0, JournalChain.GENESIS, 0, 0);
            return this;
        }
        if (!tailer.moveToIndex(position.index()))
        {
            throw new JournalCorruptionException(position.index(), position.recordSequence(),
                "the record this position refers to is not in the journal (archived or truncated?)");
        }
        try (DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                throw new JournalCorruptionException(position.index(), position.recordSequence(), "record missing");
            }
            wrap(document);
            checkFraming(position.recordSequence());
            if (record.recordSequence() != position.recordSequence() || record.chainHash() != position.chainHash())
            {
                throw new JournalCorruptionException(position.index(), position.recordSequence(),
                    "record differs from the expected one (sequence " + record.recordSequence() + ", chain " +
                    Long.toHexString(record.chainHash()) + ", expected " + Long.toHexString(position.chainHash()) + ")");
            }
            remember();
        }
        return this;
    }

    /**
     * For a journal whose oldest cycles were archived: the first record read becomes the base. Its
     * own checksum and framing are verified, but its link to the archived records before it (record
     * sequence, chain, event sequence) is taken as stored; every later record is verified in full.
     */
    public JournalReader fromFirstAvailable()
    {
        tailer.toStart();
        trustFirstRecord = true;
        return this;
    }

    /** Reads and verifies up to {@code limit} available records. @return the number handed on. */
    public int poll(final JournalRecordHandler handler, final int limit)
    {
        return poll(handler, limit, ANY_INDEX);
    }

    /**
     * Reads and verifies up to {@code limit} available records whose index is at most
     * {@code maxIndex} (the published limit of a live pipeline).
     *
     * @return the number of records handed on.
     */
    public int poll(final JournalRecordHandler handler, final int limit, final long maxIndex)
    {
        int count = 0;
        while (count < limit)
        {
            try (DocumentContext document = tailer.readingDocument())
            {
                if (!document.isPresent())
                {
                    break;
                }
                if (document.index() > maxIndex)
                {
                    document.rollbackOnClose();
                    break;
                }
                wrap(document);
                verify();
                remember();
                handler.onRecord(record);
                count++;
            }
        }
        return count;
    }

    /**
     * Entry time (epoch nanoseconds) of the command of the last good record read, or of the start
     * position's record; 0 before any record.
     */
    public long lastTimestamp()
    {
        return lastTimestamp;
    }

    /** The last good record read (or the start position). */
    public JournalPosition position()
    {
        return new JournalPosition(lastIndex, lastRecordSequence, lastChainHash, lastEventSequence, lastCommandSequence);
    }

    private void remember()
    {
        remember(record.index(), record.recordSequence(), record.chainHash(), record.lastEventSequence(),
            record.commandSequence());
        lastTimestamp = record.timestamp();
    }

    private void remember(
        final long index, final long recordSequence, final long chainHash, final long eventSequence,
        final long commandSequence)
    {
        lastIndex = index;
        lastRecordSequence = recordSequence;
        lastChainHash = chainHash;
        lastEventSequence = eventSequence;
        lastCommandSequence = commandSequence;
        lastTimestamp = 0;
    }

    private void wrap(final DocumentContext document)
    {
        final Bytes<?> bytes = document.wire().bytes();
        final long position = bytes.readPosition();
        final long length = bytes.readRemaining();
        final long index = document.index();
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + MIN_BLOCK_LENGTH || length > Integer.MAX_VALUE)
        {
            throw new JournalCorruptionException(index, lastRecordSequence + 1, "record of " + length + " bytes");
        }
        record.wrap(index, bytes.addressForRead(position), (int)length);
    }

    private void checkFraming(final long expectedSequence)
    {
        final MessageHeaderDecoder header = record.header();
        final long index = record.index();
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || header.templateId() != JournalRecordDecoder.TEMPLATE_ID)
        {
            throw new JournalCorruptionException(index, expectedSequence,
                "not a journal record (schema " + header.schemaId() + ", template " + header.templateId() + ")");
        }
        if (header.version() < 1 || header.version() > JournalRecordDecoder.SCHEMA_VERSION)
        {
            throw new JournalCorruptionException(index, expectedSequence, "record version " + header.version() +
                " is not readable by this build (knows 1.." + JournalRecordDecoder.SCHEMA_VERSION + ")");
        }
        if (header.blockLength() < MIN_BLOCK_LENGTH)
        {
            throw new JournalCorruptionException(index, expectedSequence, "block of " + header.blockLength() + " bytes");
        }
        final JournalRecordDecoder decoder = record.decoder();
        final long expectedLength = (long)MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength() +
            decoder.commandLength() + decoder.eventsLength();
        if (decoder.commandLength() < 0 || decoder.eventsLength() < 0 || expectedLength != record.length())
        {
            throw new JournalCorruptionException(index, expectedSequence, "lengths do not add up (command " +
                decoder.commandLength() + ", events " + decoder.eventsLength() + ", record " + record.length() + ")");
        }
        final int checksum = Crc32c.INSTANCE.compute(
            record.address(), JournalRecord.CHECKSUMMED_FROM, record.length() - JournalRecord.CHECKSUMMED_FROM);
        if (checksum != decoder.checksum())
        {
            throw new JournalCorruptionException(index, expectedSequence, "checksum mismatch (stored " +
                Integer.toHexString(decoder.checksum()) + ", computed " + Integer.toHexString(checksum) + ")");
        }
    }

    private void verify()
    {
        if (trustFirstRecord)
        {
            trustFirstRecord = false;
            checkFraming(record.recordSequence());
            return;
        }
        final long expectedSequence = lastRecordSequence + 1;
        checkFraming(expectedSequence);
        final long index = record.index();
        if (record.recordSequence() != expectedSequence)
        {
            throw new JournalCorruptionException(index, expectedSequence,
                "record sequence " + record.recordSequence() + " where " + expectedSequence + " was expected");
        }
        final long chain = JournalChain.next(lastChainHash, record.checksum(), record.recordSequence());
        if (chain != record.chainHash())
        {
            throw new JournalCorruptionException(index, expectedSequence, "hash chain broken (stored " +
                Long.toHexString(record.chainHash()) + ", computed " + Long.toHexString(chain) + ")");
        }
        if (record.lastEventSequence() != lastEventSequence + record.eventCount())
        {
            throw new JournalCorruptionException(index, expectedSequence, "event sequence gap: " +
                record.eventCount() + " events after event " + lastEventSequence + " end at " +
                record.lastEventSequence());
        }
    }

    @Override
    public void close()
    {
        tailer.close();
    }
}

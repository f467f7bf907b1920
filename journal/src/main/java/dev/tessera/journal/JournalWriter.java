package dev.tessera.journal;

import dev.tessera.config.Durability;
import dev.tessera.config.Prefault;
import dev.tessera.engine.EventBuffer;
import dev.tessera.journal.codec.JournalRecordEncoder;
import dev.tessera.journal.codec.MessageHeaderEncoder;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.checksum.Crc32c;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Appends one record per command, encoding straight into the memory-mapped queue (one copy of
 * the payload, no allocation). A record is in the journal once {@link #append} returns: from then
 * on a kill -9 cannot lose it; with {@link Durability#SYNC} it is also msynced at the end of each
 * batch ({@link #endOfBatch}) before anything of that batch may be published.
 */
public final class JournalWriter implements AutoCloseable
{
    private static final int RECORD_OVERHEAD = MessageHeaderEncoder.ENCODED_LENGTH + JournalRecordEncoder.BLOCK_LENGTH;

    private final ExcerptAppender appender;
    private final Durability durability;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final JournalRecordEncoder encoder = new JournalRecordEncoder();
    private final UnsafeBuffer record = new UnsafeBuffer(0, 0);
    private final WriterFrontier frontier = new WriterFrontier();
    /** The pre-fault thread ({@link JournalPrefault}), or null when {@code journal.prefault} is {@code off}. */
    private final AgentRunner prefault;
    private BytesStore<?, ?> chunk;
    private long writeEnd;
    private long lastIndex;
    private long recordSequence;
    private long chainHash;
    private long lastCommandSequence;
    private long lastEventSequence;
    private boolean unsynced;

    JournalWriter(
        final ExcerptAppender appender, final Durability durability, final JournalPosition tail, final Prefault prefault)
    {
        this.appender = appender;
        this.durability = durability;
        this.lastIndex = tail.index();
        this.recordSequence = tail.recordSequence();
        this.chainHash = tail.chainHash();
        this.lastCommandSequence = tail.commandSequence();
        this.lastEventSequence = tail.lastEventSequence();
        this.prefault = prefault == Prefault.OFF ? null : JournalPrefault.start(frontier, prefault == Prefault.POPULATE);
    }

    /**
     * Journals a command and the events the engine produced for it.
     *
     * @return the Chronicle index of the new record.
     */
    public long append(
        final DirectBuffer command, final int commandOffset, final int commandLength, final EventBuffer events)
    {
        final int eventsLength = events.length();
        final int length = RECORD_OVERHEAD + commandLength + eventsLength;
        final long sequence = recordSequence + 1;
        final int checksum;
        final long chain;
        try (DocumentContext document = appender.writingDocument())
        {
            try
            {
                final Bytes<?> bytes = document.wire().bytes();
                final long position = bytes.writePosition();
                bytes.writeSkip(length);
                writeEnd = position + length;
                final BytesStore<?, ?> store = bytes.bytesStore();
                if (store != chunk)
                {
                    newChunk(bytes, store);
                }
                final long address = bytes.addressForWrite(position);
                record.wrap(address, length);
                encoder.wrapAndApplyHeader(record, 0, header)
                    .recordSequence(sequence)
                    .lastEventSequence(events.lastSequence())
                    .commandLength(commandLength)
                    .eventsLength(eventsLength)
                    .eventCount(events.eventCount())
                    .timestamp(JournalRecord.commandTimestamp(command, commandOffset, commandLength));
                record.putBytes(RECORD_OVERHEAD, command, commandOffset, commandLength);
                record.putBytes(RECORD_OVERHEAD + commandLength, events.buffer(), 0, eventsLength);
                checksum = Crc32c.INSTANCE.compute(
                    address, JournalRecord.CHECKSUMMED_FROM, length - JournalRecord.CHECKSUMMED_FROM);
                chain = JournalChain.next(chainHash, checksum, sequence);
                encoder.checksum(checksum).chainHash(chain);
            }
            catch (final RuntimeException ex)
            {
                document.rollbackOnClose();
                throw ex;
            }
        }
        recordSequence = sequence;
        chainHash = chain;
        if (commandLength >= JournalRecord.COMMAND_MIN_LENGTH)
        {
            lastCommandSequence = command.getLong(commandOffset + JournalRecord.COMMAND_SEQUENCE_OFFSET);
        }
        lastEventSequence = events.lastSequence();
        lastIndex = appender.lastIndexAppended();
        unsynced = true;
        return lastIndex;
    }

    /** Ends a batch of appends: with SYNC durability, msyncs them before the caller publishes. */
    public void endOfBatch()
    {
        if (durability == Durability.SYNC && unsynced)
        {
            appender.sync();
        }
        unsynced = false;
        frontier.publish(writeEnd);
    }

    /** A new chunk (or cycle file): the pre-fault thread follows the mapping the writer is in. */
    private void newChunk(final Bytes<?> bytes, final BytesStore<?, ?> store)
    {
        chunk = store;
        if (bytes instanceof MappedBytes && store instanceof MappedBytesStore)
        {
            final MappedBytesStore mapped = (MappedBytesStore)store;
            frontier.chunk(((MappedBytes)bytes).mappedFile().file(), mapped.addressForWrite(mapped.start()),
                mapped.start(), mapped.realCapacity());
        }
    }

    public JournalPosition position()
    {
        return new JournalPosition(lastIndex, recordSequence, chainHash, lastEventSequence, lastCommandSequence);
    }

    public long lastIndex()
    {
        return lastIndex;
    }

    public long lastRecordSequence()
    {
        return recordSequence;
    }

    public long lastCommandSequence()
    {
        return lastCommandSequence;
    }

    @Override
    public void close()
    {
        CloseHelper.close(prefault);
        appender.close();
    }
}

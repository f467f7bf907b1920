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
 * the payload, no allocation). Records go into Chronicle documents of up to
 * {@link #MAX_RECORDS_PER_DOCUMENT} records and {@link #MAX_DOCUMENT_BYTES} bytes; a document is
 * closed at the end of each batch ({@link #endOfBatch}) at the latest. Why: Chronicle's cost per
 * document (the write lock, the roll-cycle clock, finding the header number, the index update on close)
 * was about a third of the engine thread's time with one document per command.
 * <p>
 * A record is in the journal once its document is closed, and a batch's documents are all closed by
 * {@link #endOfBatch}: from then on a kill -9 cannot lose it; with {@link Durability#SYNC} the batch is
 * also msynced there. Nothing may be published before {@link #endOfBatch} returns (and nothing was:
 * publication always followed it). A kill -9 before that loses the open document, whose records no one
 * has seen.
 */
public final class JournalWriter implements AutoCloseable
{
    private static final int RECORD_OVERHEAD = MessageHeaderEncoder.ENCODED_LENGTH + JournalRecordEncoder.BLOCK_LENGTH;
    /**
     * Records per Chronicle document at most. Enough to take Chronicle's per-document cost off the
     * engine thread (64 records spread it to under a 60th), small enough that a reader's unit of work stays short.
     */
    public static final int MAX_RECORDS_PER_DOCUMENT = 64;
    /**
     * Bytes per document at most, unless a single record is larger (it then has a document of its own):
     * far below Chronicle's limit for one document, whatever the roll cycle.
     */
    public static final int MAX_DOCUMENT_BYTES = 64 * 1024;

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
    /** Chronicle index of the document holding the last record appended. */
    private long recordIndex;
    private long recordSequence;
    private long chainHash;
    private long lastCommandSequence;
    private long lastEventSequence;
    private boolean unsynced;
    /** The document records are being appended to, or null between documents; and its bytes. */
    private DocumentContext document;
    private Bytes<?> documentBytes;
    private long documentIndex;
    private long documentStart;
    private int recordsInDocument;

    JournalWriter(
        final ExcerptAppender appender, final Durability durability, final JournalPosition tail, final Prefault prefault)
    {
        this.appender = appender;
        this.durability = durability;
        this.lastIndex = tail.index();
        this.recordIndex = tail.index();
        this.recordSequence = tail.recordSequence();
        this.chainHash = tail.chainHash();
        this.lastCommandSequence = tail.commandSequence();
        this.lastEventSequence = tail.lastEventSequence();
        this.prefault = prefault == Prefault.OFF ? null : JournalPrefault.start(frontier, prefault == Prefault.POPULATE);
    }

    /**
     * Journals a command and the events the engine produced for it, into the open document (opening
     * one if none is open, or if this record would take it past its limits). The record is in the
     * journal once {@link #endOfBatch} returns.
     *
     * @return the Chronicle index of the document the new record is in.
     */
    public long append(
        final DirectBuffer command, final int commandOffset, final int commandLength, final EventBuffer events)
    {
        final int eventsLength = events.length();
        final int length = RECORD_OVERHEAD + commandLength + eventsLength;
        final long sequence = recordSequence + 1;
        final int checksum;
        final long chain;
        final Bytes<?> bytes = bytesFor(length);
        final long position = bytes.writePosition();
        try
        {
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
            // Only this record goes; the document keeps the records before it (an empty one is dropped on close).
            bytes.writePosition(position);
            throw ex;
        }
        recordsInDocument++;
        recordIndex = documentIndex;
        recordSequence = sequence;
        chainHash = chain;
        if (commandLength >= JournalRecord.COMMAND_MIN_LENGTH)
        {
            lastCommandSequence = command.getLong(commandOffset + JournalRecord.COMMAND_SEQUENCE_OFFSET);
        }
        lastEventSequence = events.lastSequence();
        unsynced = true;
        if (recordsInDocument == MAX_RECORDS_PER_DOCUMENT)
        {
            closeDocument();
        }
        return documentIndex;
    }

    /** The bytes of the open document if the next {@code length} bytes fit in it, else of a new one. */
    private Bytes<?> bytesFor(final int length)
    {
        if (document != null && documentBytes.writePosition() + length - documentStart > MAX_DOCUMENT_BYTES)
        {
            closeDocument();
        }
        if (document == null)
        {
            document = appender.writingDocument();
            documentBytes = document.wire().bytes();
            documentIndex = document.index();
            documentStart = documentBytes.writePosition();
        }
        return documentBytes;
    }

    private void closeDocument()
    {
        final DocumentContext closing = document;
        if (closing != null)
        {
            document = null;
            documentBytes = null;
            if (recordsInDocument == 0)
            {
                closing.rollbackOnClose();
                closing.close();
                return;
            }
            recordsInDocument = 0;
            closing.close();
            lastIndex = documentIndex;
        }
    }

    /**
     * Ends a batch of appends: closes the open document, so every record appended so far is in the
     * journal, and with SYNC durability msyncs them, before the caller publishes.
     */
    public void endOfBatch()
    {
        closeDocument();
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

    /** Where the journal stands after the last record appended (closed by {@link #endOfBatch} or not). */
    public JournalPosition position()
    {
        return new JournalPosition(recordIndex, recordSequence, chainHash, lastEventSequence, lastCommandSequence);
    }

    /** Chronicle index of the last closed document (its records are in the journal), -1 for none. */
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
        closeDocument();
        CloseHelper.close(prefault);
        appender.close();
    }
}

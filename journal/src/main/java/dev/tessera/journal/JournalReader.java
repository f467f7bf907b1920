package dev.tessera.journal;

import dev.tessera.journal.codec.JournalRecordDecoder;
import dev.tessera.journal.codec.MessageHeaderDecoder;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads journal records in order and verifies each before handing it on: framing, CRC32C checksum,
 * record sequence continuity, the hash chain and event sequence continuity. The first record that
 * fails stops the reader with a {@link JournalCorruptionException} naming its index (that of its
 * document) and record sequence; nothing is ever skipped. A Chronicle document holds one or more
 * records back to back ({@link JournalWriter}); a read may stop between two records of one document and
 * the next goes on from there. Records are read in place (no copy, no allocation).
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
    /** When a read stopped inside a document: that document's index and where in it the next record starts. */
    private long resumeIndex;
    private long resumeOffset;
    /** The last document read when the queue last confirmed that no complete document follows it. */
    private long endConfirmedAfter = Long.MIN_VALUE;
    /** The cycle of the last document read, its file's length when last looked at, and where that document ended. */
    private int fileCycle = Integer.MIN_VALUE;
    private long fileLength = Long.MAX_VALUE;
    private long documentEnd = -1;

    JournalReader(final ExcerptTailer tailer)
    {
        this.tailer = tailer;
    }

    /**
     * Positions the reader just after a record known to be good (e.g. the one a snapshot covers),
     * checking that the journal still holds exactly that record there. The record may be anywhere in
     * its document: reading resumes with the record after it.
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
        if (!moveToIndex(position.index()))
        {
            throw JournalCorruptionException.recordNotHeld(position.index(), position.recordSequence());
        }
        try (DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                throw new JournalCorruptionException(position.index(), position.recordSequence(), "record missing");
            }
            final Bytes<?> bytes = document.wire().bytes();
            final long start = bytes.readPosition();
            final long end = start + bytes.readRemaining();
            long at = start;
            while (true)
            {
                if (at >= end)
                {
                    throw JournalCorruptionException.recordOfAnotherHistory(position.index(), position.recordSequence(),
                        "the journal's document at index " + JournalIndex.format(position.index()) + " does not hold " +
                        "record " + position.recordSequence() + " (the last there is " + record.recordSequence() + ")");
                }
                // Records before it in the document are only stepped over: their lengths, not their checksums.
                at += frame(document.index(), bytes, at, end, position.recordSequence(), false);
                if (record.recordSequence() == position.recordSequence())
                {
                    break;
                }
            }
            checkFraming(position.recordSequence());
            if (record.chainHash() != position.chainHash())
            {
                throw JournalCorruptionException.recordOfAnotherHistory(position.index(), position.recordSequence(),
                    "the journal holds another record " + record.recordSequence() + " at index " +
                    JournalIndex.format(position.index()) + " (chain " + Long.toHexString(record.chainHash()) +
                    ", the position's " + Long.toHexString(position.chainHash()) + ")");
            }
            remember();
            pauseIfInside(document, start, at, end);
        }
        return this;
    }

    /** Chronicle finds a document by index through the cycle file's index: damage there is named as such. */
    private boolean moveToIndex(final long index)
    {
        try
        {
            return tailer.moveToIndex(index);
        }
        catch (final RuntimeException ex)
        {
            final SingleChronicleQueue queue = (SingleChronicleQueue)tailer.queue();
            throw Journal.unreadableIndex(queue, queue.rollCycle().toCycle(index), ex);
        }
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
        return read(handler, limit, ANY_INDEX, false);
    }

    /**
     * Reads and verifies up to {@code limit} available records whose index is at most
     * {@code maxIndex} (the published limit of a live pipeline). It may stop inside a document; the
     * next poll goes on from there.
     *
     * @return the number of records handed on.
     */
    public int poll(final JournalRecordHandler handler, final int limit, final long maxIndex)
    {
        return read(handler, limit, maxIndex, false);
    }

    /**
     * As {@link #poll(JournalRecordHandler, int, long)}, but stops only at the end of a document: once
     * {@code limit} records are read it finishes the document it is in (up to
     * {@link JournalWriter#MAX_RECORDS_PER_DOCUMENT} - 1 more). So when it returns, every record of every
     * document up to the last record's {@link JournalRecord#index()} has been handed on, and a
     * consumer that tracks how far it has read by index (against {@link JournalPosition#index()} or a
     * published index) is never half-way through one.
     *
     * @return the number of records handed on.
     */
    public int pollDocuments(final JournalRecordHandler handler, final int limit, final long maxIndex)
    {
        return read(handler, limit, maxIndex, true);
    }

    private int read(final JournalRecordHandler handler, final int limit, final long maxIndex, final boolean wholeDocuments)
    {
        int count = 0;
        boolean lookedAgain = false;
        while (count < limit)
        {
            checkNextHeaderWithinFile();
            try (DocumentContext document = tailer.readingDocument())
            {
                if (!document.isPresent())
                {
                    if (maxIndex == ANY_INDEX && completeDocumentUnread(lookedAgain))
                    {
                        lookedAgain = true;
                        continue;
                    }
                    break;
                }
                lookedAgain = false;
                final long index = document.index();
                if (index > maxIndex)
                {
                    document.rollbackOnClose();
                    break;
                }
                final Bytes<?> bytes = document.wire().bytes();
                final long start = bytes.readPosition();
                final long end = start + bytes.readRemaining();
                enterDocument(index, end);
                long at = start;
                if (resumeOffset > 0)
                {
                    if (index != resumeIndex)
                    {
                        throw new IllegalStateException("the reader was paused inside document " +
                            JournalIndex.format(resumeIndex) + " but the queue gave " + JournalIndex.format(index));
                    }
                    at += resumeOffset;
                    resumeOffset = 0;
                }
                if (end == start)
                {
                    // A document with no record in it: no writer of this journal leaves one, so never pass it silently.
                    throw new JournalCorruptionException(index, lastRecordSequence + 1, "an empty document");
                }
                while (at < end)
                {
                    if (count >= limit && !wholeDocuments)
                    {
                        pauseIfInside(document, start, at, end);
                        return count;
                    }
                    at += frame(index, bytes, at, end, lastRecordSequence + 1, true);
                    verify();
                    remember();
                    try
                    {
                        handler.onRecord(record);
                    }
                    catch (final RuntimeException | Error ex)
                    {
                        // As with a record alone in its document: the failed record counts as read, the rest are not.
                        pauseIfInside(document, start, at, end);
                        throw ex;
                    }
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * At the end of what a reader of all there is ({@link #ANY_INDEX}) can read: whether the queue's own
     * record of what was written (the last complete document, kept in the cycle file's header) lies beyond the
     * last document read. Chronicle ends every tailer at a document header that is zero or marked unfinished;
     * at the tail that is a writer killed inside an append, never published, but in the middle of the journal
     * it is damage (a page lost in a crash reads as zeros) that would hide every record after it, from
     * verify, recovery and repair alike. The first time, the caller looks again: a live writer may have
     * completed the document meanwhile; a document that is still unreadable then never will be.
     * A reader idle at the same end asks the queue once, not at every poll.
     *
     * @throws JournalCorruptionException when the second look still finds no document.
     */
    private boolean completeDocumentUnread(final boolean lookedAgain)
    {
        if (lastIndex == endConfirmedAfter)
        {
            return false;
        }
        final long lastWritten;
        try
        {
            lastWritten = Journal.lastIndex((SingleChronicleQueue)tailer.queue());
        }
        catch (final JournalCorruptionException ex)
        {
            // Every record read so far verified: the damage is named here, after them, so a repair keeps them all.
            throw JournalCorruptionException.endNotConfirmed(tailer.index(), lastRecordSequence + 1, ex);
        }
        if (lastWritten <= lastIndex)
        {
            endConfirmedAfter = lastIndex;
            return false;
        }
        if (lookedAgain)
        {
            throw new JournalCorruptionException(tailer.index(), lastRecordSequence + 1, "the document here cannot " +
                "be read (its Chronicle header is zero or marked unfinished), yet the journal holds complete documents " +
                "up to index " + JournalIndex.format(lastWritten) + ": the records after it would be lost unseen");
        }
        return true;
    }

    /**
     * Notes the document at {@code index} ending at byte {@code end} of its cycle file, and checks that the file holds
     * it. A cycle file cut short (a copy that did not finish, a full disk) is mapped read-only by a tool, and a read
     * past its end faults the JVM (an InternalError, or SIGBUS) instead of failing: so the reader compares positions
     * with the file's length first, a long comparison per document and a file length per cycle.
     */
    private void enterDocument(final long index, final long end)
    {
        final int cycle = queue().rollCycle().toCycle(index);
        if (cycle != fileCycle)
        {
            fileCycle = cycle;
            fileLength = lengthOf(cycle);
        }
        checkWithinFile(end);
        documentEnd = end;
    }

    /**
     * Before the next document header: throws, naming the cycle file, when the file ends before it and more was
     * written there (an earlier cycle always ends with an end-of-file marker; for the last one the queue's own record
     * of its last document says). The length is looked at again first, for a file a live writer has grown since.
     */
    private void checkNextHeaderWithinFile()
    {
        if (documentEnd < 0)
        {
            return;
        }
        final long next = ((documentEnd + 3) & ~3L) + Integer.BYTES;
        if (next <= fileLength || (fileLength = lengthOf(fileCycle)) >= next)
        {
            return;
        }
        if (fileCycle >= queue().lastCycle())
        {
            try
            {
                Journal.lastIndex(queue());
                return;
            }
            catch (final JournalCorruptionException ex)
            {
                throw JournalCorruptionException.endNotConfirmed(tailer.index(), lastRecordSequence + 1, ex);
            }
        }
        throw cutShort(next);
    }

    private void checkWithinFile(final long position)
    {
        if (position > fileLength && (fileLength = lengthOf(fileCycle)) < position)
        {
            throw cutShort(position);
        }
    }

    private JournalCorruptionException cutShort(final long position)
    {
        return new JournalCorruptionException(tailer.index(), lastRecordSequence + 1, "cycle file " +
            Journal.cycleFile(queue(), queue().file().toPath(), fileCycle) + " is cut short: it ends at byte " +
            fileLength + ", before byte " + position + ", which the document after the last record read needs (an " +
            "unfinished copy, a full disk?)");
    }

    private long lengthOf(final int cycle)
    {
        return Journal.cycleFile(queue(), queue().file().toPath(), cycle).toFile().length();
    }

    private SingleChronicleQueue queue()
    {
        return (SingleChronicleQueue)tailer.queue();
    }

    /** Keeps the tailer on this document when records remain after {@code at}; the next read starts there. */
    private void pauseIfInside(final DocumentContext document, final long start, final long at, final long end)
    {
        if (at < end)
        {
            resumeIndex = document.index();
            resumeOffset = at - start;
            document.rollbackOnClose();
        }
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

    /**
     * Wraps the record that starts at {@code at} in a document ending at {@code end} and checks that its
     * framing holds together (and, when asked, its checksum).
     *
     * @return its length.
     */
    private int frame(
        final long index, final Bytes<?> bytes, final long at, final long end, final long expectedSequence,
        final boolean checksum)
    {
        final long remaining = end - at;
        if (remaining < MessageHeaderDecoder.ENCODED_LENGTH + MIN_BLOCK_LENGTH)
        {
            throw new JournalCorruptionException(index, expectedSequence,
                "the last " + remaining + " bytes of the document are too short for a record");
        }
        record.wrap(index, bytes.addressForRead(at), (int)Math.min(remaining, Integer.MAX_VALUE));
        checkHeader(expectedSequence);
        final long length = record.framedLength(remaining);
        if (length < 0)
        {
            throw new JournalCorruptionException(index, expectedSequence, "lengths do not add up (command " +
                record.commandLength() + ", events " + record.eventsLength() + ", " + remaining +
                " bytes left in the document)");
        }
        record.wrap(index, record.address(), (int)length);
        if (checksum)
        {
            checkChecksum(expectedSequence);
        }
        return (int)length;
    }

    private void checkHeader(final long expectedSequence)
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
    }

    private void checkChecksum(final long expectedSequence)
    {
        final JournalRecordDecoder decoder = record.decoder();
        final int checksum = record.computedChecksum();
        if (checksum != decoder.checksum())
        {
            throw new JournalCorruptionException(record.index(), expectedSequence, "checksum mismatch (stored " +
                String.format("0x%08x", decoder.checksum()) + ", computed " + String.format("0x%08x", checksum) + ")");
        }
    }

    /** The framing of a record already wrapped at its exact length. */
    private void checkFraming(final long expectedSequence)
    {
        checkHeader(expectedSequence);
        checkChecksum(expectedSequence);
    }

    private void verify()
    {
        if (trustFirstRecord)
        {
            trustFirstRecord = false;
            return;
        }
        final long expectedSequence = lastRecordSequence + 1;
        final long index = record.index();
        if (expectedSequence == 1 && record.recordSequence() > 1)
        {
            // The checksum held, so the sequence is what was written: the records before it were archived.
            throw JournalCorruptionException.archivedStart(index, record.recordSequence());
        }
        if (record.recordSequence() > expectedSequence && lastIndex >= 0 &&
            queue().rollCycle().toCycle(index) != queue().rollCycle().toCycle(lastIndex))
        {
            // The first record of a cycle, intact, carries on a later sequence: the cycles between are missing whole.
            throw JournalCorruptionException.missingCycleFile(index, expectedSequence, record.recordSequence(),
                Journal.cycleFile(queue(), queue().file().toPath(), queue().rollCycle().toCycle(lastIndex)),
                Journal.cycleFile(queue(), queue().file().toPath(), queue().rollCycle().toCycle(index)));
        }
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

package dev.tessera.journal;

import dev.tessera.journal.CycleFileHeaders.Found;
import dev.tessera.journal.codec.JournalRecordDecoder;
import dev.tessera.journal.codec.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks the write position a cycle file's own header records (Chronicle's {@code writePosition}: where the last
 * complete document starts) against the documents the file holds. Chronicle's appender goes on from there: it
 * writes its next document at the first zero header it meets from that position. A position past the documents
 * (one flipped byte of the header) makes it write after a gap of zeros, where every reader stops, so the new
 * records would be journaled and never published; one inside a document makes it step over the bytes of records
 * as if they were headers. The documents themselves are intact either way: only the header's hint is wrong.
 *
 * <p>Only the last cycle file matters (no appender writes into an earlier one). A position that starts a document
 * holding a journal record with its checksum right, with the end a few documents after it, is taken at once (the
 * common case, read in a few plain reads); otherwise the documents are stepped over from the file's start
 * ({@link CycleFileHeaders}: plain reads, so damage cannot make the JVM read past a mapping), to name what is wrong. A position that is
 * a document's start is accepted even when documents follow it: a writer killed after completing a document and
 * before recording its position leaves exactly that, and the appender steps over them.
 */
final class WritePositionCheck
{
    /** Documents after the recorded one that the quick check steps over before it leaves the rest to the walk. */
    private static final int MAX_DOCUMENTS_AFTER = 64;
    /** The largest document the quick check reads whole: a journal document holds a few records of some KiB. */
    private static final int MAX_CHECKED_DOCUMENT = 1 << 20;

    private WritePositionCheck()
    {
    }

    /**
     * What is wrong with {@code writePosition} in {@code file}: null when it is the start of a document (0 included) or the end of the last one, and
     * when the documents cannot be stepped over to it for another damage that readers name (a header claiming more
     * than the file holds, a document after a run of zeros).
     */
    static String problem(final Path file, final long writePosition)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (startsTheLastDocuments(channel, size, writePosition))
            {
                return null;
            }
            final CycleFileHeaders headers = new CycleFileHeaders(channel);
            long previous = -1;
            for (Found found = headers.at(0); ; found = headers.next())
            {
                final long position = headers.position();
                if (found == Found.PAST_FILE)
                {
                    return beyondEnd(headers, writePosition, position);
                }
                if (position == writePosition)
                {
                    // A document's start, or the end itself: the appender writes where readers go on.
                    return null;
                }
                if (position > writePosition)
                {
                    return String.format("its header records byte %d as where the last complete document starts, " +
                        "but that byte lies inside the document at byte %d, which ends at byte %d", writePosition,
                        previous, position);
                }
                if (found == Found.END)
                {
                    // The end of the documents (or one being written, or the end-of-file marker).
                    return beyondEnd(headers, writePosition, position);
                }
                if (found == Found.OVERRUNS)
                {
                    return null; // a header claiming more than the file holds: the last-index check names it
                }
                previous = position;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read journal file " + file, ex);
        }
    }

    /**
     * The common case, told without stepping over the file from its start (a day's cycle file may hold gigabytes, and
     * the exchange's open must stay well inside its restart time): the position starts a document whose first record
     * is a journal record with its checksum right, so it is no byte inside another document, and at most {@link
     * #MAX_DOCUMENTS_AFTER} documents follow it before the end (a writer killed between completing a document and
     * recording its position leaves one or a few). Anything else goes to the full walk, which names the damage.
     */
    static boolean startsTheLastDocuments(final FileChannel channel, final long size, final long writePosition)
        throws IOException
    {
        if (writePosition <= 0 || (writePosition & 3) != 0)
        {
            return false;
        }
        final CycleFileHeaders headers = new CycleFileHeaders(channel);
        if (headers.at(writePosition) != Found.DOCUMENT || !headers.isData() ||
            headers.length() < JournalRecord.CHECKSUMMED_FROM || headers.length() > MAX_CHECKED_DOCUMENT)
        {
            return false;
        }
        final int length = headers.length();
        final ByteBuffer document = ByteBuffer.allocateDirect(length);
        if (channel.read(document, writePosition + Integer.BYTES) < length)
        {
            return false;
        }
        final UnsafeBuffer bytes = new UnsafeBuffer(document);
        final JournalRecord record = new JournalRecord();
        record.wrap(0, bytes.addressOffset(), length);
        if (record.header().schemaId() != MessageHeaderDecoder.SCHEMA_ID ||
            record.header().templateId() != JournalRecordDecoder.TEMPLATE_ID ||
            record.header().blockLength() < JournalRecord.VERSION_1_BLOCK_LENGTH)
        {
            return false;
        }
        final long recordLength = record.framedLength(length);
        if (recordLength < JournalRecord.CHECKSUMMED_FROM)
        {
            return false;
        }
        record.wrap(0, bytes.addressOffset(), (int)recordLength);
        if (record.computedChecksum() != record.decoder().checksum())
        {
            return false;
        }
        Found found = headers.next();
        for (int documents = 0; documents <= MAX_DOCUMENTS_AFTER; documents++)
        {
            if (found != Found.DOCUMENT)
            {
                // The end; or a header claiming past the file, which the last-index check names.
                return true;
            }
            found = headers.next();
        }
        return false;
    }

    /**
     * The position lies past {@code end}, where the documents stop. When a document starts there, the damage is the
     * zeros before it, not the position: the reader names that ("the document here cannot be read ..."), so not here.
     */
    private static String beyondEnd(final CycleFileHeaders headers, final long writePosition, final long end)
        throws IOException
    {
        final long size = headers.size();
        if (headers.at(writePosition) != Found.PAST_FILE && headers.header() != 0)
        {
            return null;
        }
        return String.format("its header records byte %d as where the last complete document starts, but the " +
            "documents end at byte %d%s: the next document would be written at byte %d, after a gap no reader passes, " +
            "and its records never published", writePosition, end,
            writePosition >= size ? " (the file holds " + size + " bytes)" : "", writePosition);
    }
}

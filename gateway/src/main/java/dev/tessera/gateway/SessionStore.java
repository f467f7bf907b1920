package dev.tessera.gateway;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a FIX session must remember across a server restart, in memory-mapped files (so a
 * {@code kill -9} loses nothing written): the next MsgSeqNum each way, the last engine event the
 * session has been sent, and for every outbound MsgSeqNum what it carried. The sent index holds no
 * message bodies: an entry names the journaled event (and the report role) a message was made from,
 * so a ResendRequest is answered by regenerating the report from the journal; 0 marks a message
 * that is not resent (admin, market data), which a resend turns into a gap fill.
 *
 * <p>Files: {@code <compId>.session} (fixed header) and {@code <compId>.sent} (8 bytes per MsgSeqNum);
 * beside them, {@link ReportCheckpoint}'s {@code gateway.checkpoint}.
 */
final class SessionStore implements AutoCloseable
{
    /** Role of a report in a sent-index entry: the event's one report. */
    static final int ROLE_REPORT = 1;
    /** The maker's report of a trade. */
    static final int ROLE_MAKER = 2;
    /** The taker's report of a trade. */
    static final int ROLE_TAKER = 3;
    static final long NOT_RESENT = 0;

    private static final int MAGIC = 0x54534553; // "TSES"
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 64;
    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = 4;
    private static final int NEXT_SENDER_SEQ_OFFSET = 8;
    private static final int NEXT_TARGET_SEQ_OFFSET = 12;
    private static final int LAST_EVENT_OFFSET = 16;
    /** Added without a version change: the header's spare bytes are zero in an older file, meaning "none". */
    private static final int LAST_ENTRY_MADE_OFFSET = 24;
    private static final int SENT_ENTRY_BYTES = 8;
    private static final long INITIAL_SENT_BYTES = 1L << 20;

    private final Path sentFile;
    private final MappedByteBuffer headerMapping;
    private final UnsafeBuffer header;
    private MappedByteBuffer sentMapping;
    private final UnsafeBuffer sent = new UnsafeBuffer(0, 0);

    private SessionStore(final Path headerFile, final Path sentFile)
    {
        this.sentFile = sentFile;
        this.headerMapping = map(headerFile, HEADER_BYTES);
        this.header = new UnsafeBuffer(headerMapping);
        if (header.getInt(MAGIC_OFFSET) != MAGIC)
        {
            header.putInt(VERSION_OFFSET, VERSION);
            header.putInt(NEXT_SENDER_SEQ_OFFSET, 1);
            header.putInt(NEXT_TARGET_SEQ_OFFSET, 1);
            header.putLong(LAST_EVENT_OFFSET, 0);
            header.putIntVolatile(MAGIC_OFFSET, MAGIC);
        }
        else if (header.getInt(VERSION_OFFSET) != VERSION)
        {
            throw new IllegalStateException(headerFile + ": unknown session file version " + header.getInt(VERSION_OFFSET));
        }
        remapSent(Math.max(INITIAL_SENT_BYTES, size(sentFile)));
    }

    static SessionStore open(final Path directory, final String compId)
    {
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the session state directory " + directory, ex);
        }
        return new SessionStore(directory.resolve(compId + ".session"), directory.resolve(compId + ".sent"));
    }

    int nextSenderMsgSeqNum()
    {
        return header.getInt(NEXT_SENDER_SEQ_OFFSET);
    }

    int nextTargetMsgSeqNum()
    {
        return header.getInt(NEXT_TARGET_SEQ_OFFSET);
    }

    void nextTargetMsgSeqNum(final int msgSeqNum)
    {
        header.putInt(NEXT_TARGET_SEQ_OFFSET, msgSeqNum);
    }

    /** The sent-index entry of the last report this session has been sent: reports are made in entry order. */
    long lastReportEntry()
    {
        return header.getLong(LAST_EVENT_OFFSET);
    }

    void lastReportEntry(final long entry)
    {
        header.putLong(LAST_EVENT_OFFSET, entry);
    }

    /**
     * The sent-index entry of the last report made for this session's owner, sent or not: a logon whose
     * {@link #lastReportEntry} is below it needs a catch-up. Kept here, not only in memory, because the
     * gateway starts from a snapshot and does not see the reports made before it again.
     */
    long lastReportEntryMade()
    {
        return header.getLong(LAST_ENTRY_MADE_OFFSET);
    }

    /** Records a report made; re-reading a journal stretch after a restart never moves it back. */
    void reportMade(final long entry)
    {
        if (entry > header.getLong(LAST_ENTRY_MADE_OFFSET))
        {
            header.putLong(LAST_ENTRY_MADE_OFFSET, entry);
        }
    }

    /**
     * Takes the next outbound MsgSeqNum and records what goes out under it.
     *
     * @param entry {@link #entry} for a report made from a journaled event, or {@link #NOT_RESENT}.
     */
    int claimSenderMsgSeqNum(final long entry)
    {
        final int msgSeqNum = header.getInt(NEXT_SENDER_SEQ_OFFSET);
        final long offset = (long)msgSeqNum * SENT_ENTRY_BYTES;
        if (offset + SENT_ENTRY_BYTES > sent.capacity())
        {
            remapSent(Math.max(offset + SENT_ENTRY_BYTES, 2L * sent.capacity()));
        }
        // The entry first: a crash between the two writes leaves an unused entry, never a gap.
        sent.putLong((int)offset, entry);
        header.putInt(NEXT_SENDER_SEQ_OFFSET, msgSeqNum + 1);
        return msgSeqNum;
    }

    /** What went out under {@code msgSeqNum}, {@link #NOT_RESENT} if unknown. */
    long sentEntry(final int msgSeqNum)
    {
        final long offset = (long)msgSeqNum * SENT_ENTRY_BYTES;
        return msgSeqNum <= 0 || offset + SENT_ENTRY_BYTES > sent.capacity() ? NOT_RESENT : sent.getLong((int)offset);
    }

    /** ResetSeqNumFlag or SequenceReset: both directions start again at 1; old entries are void. */
    void reset()
    {
        sent.setMemory(0, sent.capacity(), (byte)0);
        header.putInt(NEXT_SENDER_SEQ_OFFSET, 1);
        header.putInt(NEXT_TARGET_SEQ_OFFSET, 1);
    }

    static long entry(final long eventSequence, final int role)
    {
        return eventSequence << 2 | role;
    }

    static long eventSequenceOf(final long entry)
    {
        return entry >>> 2;
    }

    /**
     * The first event that can hold a report after {@code entry}: the next event, except after a maker's
     * fill, whose trade may also hold the same owner's taker report.
     */
    static long firstEventAfter(final long entry)
    {
        return eventSequenceOf(entry) + ((entry & 3) == ROLE_MAKER ? 0 : 1);
    }

    static int roleOf(final long entry)
    {
        return (int)(entry & 3);
    }

    @Override
    public void close()
    {
        IoUtil.unmap(headerMapping);
        IoUtil.unmap(sentMapping);
    }

    private void remapSent(final long bytes)
    {
        if (bytes > Integer.MAX_VALUE)
        {
            throw new IllegalStateException(sentFile + ": more than " + Integer.MAX_VALUE / SENT_ENTRY_BYTES +
                " messages in one session; reset its sequence numbers");
        }
        if (sentMapping != null)
        {
            IoUtil.unmap(sentMapping);
        }
        sentMapping = map(sentFile, bytes);
        sent.wrap(sentMapping);
    }

    private static long size(final Path file)
    {
        try
        {
            return Files.exists(file) ? Files.size(file) : 0;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static MappedByteBuffer map(final Path file, final long bytes)
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            if (raf.length() < bytes)
            {
                raf.setLength(bytes);
            }
            return raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, Math.max(bytes, raf.length()));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot map session file " + file, ex);
        }
    }
}

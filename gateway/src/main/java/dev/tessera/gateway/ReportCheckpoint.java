package dev.tessera.gateway;

import dev.tessera.config.UnusableDirectoryException;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * The last journal record the gateway has turned into reports, in {@code gateway.checkpoint} beside the
 * session files (memory-mapped: a {@code kill -9} loses nothing written). Every session's
 * {@link SessionStore#lastReportEntryMade} is complete through this record, so the gateway may start
 * from a snapshot at or before it without losing track of a report a session has not been sent yet.
 * 0 means unknown (a new state directory, or one written by a build before the checkpoint). Beside it, the
 * last event of that record, so that a start can go back far enough for the done orders the reports remember
 * ({@link DoneOrders}); 0 when unknown (written by a build before it: the field was zero then).
 */
final class ReportCheckpoint implements AutoCloseable
{
    static final String FILE_NAME = "gateway.checkpoint";
    private static final int MAGIC = 0x4B435754; // "TWCK"
    private static final int VERSION = 1;
    private static final int BYTES = 64;
    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = 4;
    private static final int RECORD_SEQUENCE_OFFSET = 8;
    private static final int LAST_EVENT_SEQUENCE_OFFSET = 16;

    private final MappedByteBuffer mapping;
    private final UnsafeBuffer buffer;
    private long stagedRecordSequence;
    private long stagedLastEventSequence;
    private boolean staged;

    private ReportCheckpoint(final Path file)
    {
        this.mapping = SessionStore.map(file, BYTES);
        this.buffer = new UnsafeBuffer(mapping);
        if (buffer.getInt(MAGIC_OFFSET) != MAGIC)
        {
            buffer.putInt(VERSION_OFFSET, VERSION);
            buffer.putLong(RECORD_SEQUENCE_OFFSET, 0);
            buffer.putLong(LAST_EVENT_SEQUENCE_OFFSET, 0);
            buffer.putIntVolatile(MAGIC_OFFSET, MAGIC);
        }
        else if (buffer.getInt(VERSION_OFFSET) != VERSION)
        {
            final int version = buffer.getInt(VERSION_OFFSET);
            IoUtil.unmap(mapping); // no access to the buffer after this: it would fault
            throw new UnreadableSessionStateException(file + ": unknown checkpoint file version " + version +
                "; move it aside to have the next start write it again (the gateway then reads the journal from its " +
                "start for reports)");
        }
    }

    /** Opens the checkpoint in {@code directory}, creating both if need be. */
    static ReportCheckpoint open(final Path directory)
    {
        UnusableDirectoryException.create("session state directory", directory);
        return new ReportCheckpoint(directory.resolve(FILE_NAME));
    }

    /** The record sequence of the last record turned into reports; 0 when unknown. */
    long recordSequence()
    {
        return buffer.getLong(RECORD_SEQUENCE_OFFSET);
    }

    /** The last event of {@link #recordSequence}'s record; 0 when unknown. */
    long lastEventSequence()
    {
        return buffer.getLong(LAST_EVENT_SEQUENCE_OFFSET);
    }

    /**
     * The last record turned into reports, and its last event. The record first: a crash between the two leaves
     * an older event, which only makes the next start go back further than it needs to.
     */
    void recordSequence(final long recordSequence, final long lastEventSequence)
    {
        buffer.putLong(RECORD_SEQUENCE_OFFSET, recordSequence);
        buffer.putLong(LAST_EVENT_SEQUENCE_OFFSET, lastEventSequence);
    }

    /**
     * {@code sync} durability: the next value, held back until {@link #commitStaged}. The rule above needs every
     * session's last report made on disk through the checkpoint's record, and a power cut keeps whatever of the
     * mapping the kernel has written back, which may be this page before the session files' msyncs. So the value
     * is written only once the session stores that cover it are msynced: the disk never holds it ahead of them.
     */
    void stage(final long recordSequence, final long lastEventSequence)
    {
        stagedRecordSequence = recordSequence;
        stagedLastEventSequence = lastEventSequence;
        staged = true;
    }

    boolean hasStaged()
    {
        return staged;
    }

    /** Writes the staged value, if there is one, as {@link #recordSequence(long, long)} does. */
    void commitStaged()
    {
        if (staged)
        {
            staged = false;
            recordSequence(stagedRecordSequence, stagedLastEventSequence);
        }
    }

    @Override
    public void close()
    {
        IoUtil.unmap(mapping);
    }
}

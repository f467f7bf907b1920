package dev.tessera.gateway;

import dev.tessera.config.UnusableDirectoryException;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * Numbers for the ids of messages the gateway makes itself (the ExecIDs of status replies and of its own rejects),
 * unique across restarts. The last number issued is kept in {@value #FILE_NAME} beside the session files
 * (memory-mapped: a {@code kill -9} loses nothing written), and a start goes on from the greater of it and the
 * clock's epoch nanoseconds. The number alone keeps them unique when the clock was stepped back past an earlier run's
 * start (seeding from the clock alone did not); the clock keeps them apart from the ids of an earlier state
 * directory that was replaced by a new one.
 */
final class GatewayIds implements AutoCloseable
{
    static final String FILE_NAME = "gateway.ids";
    private static final int MAGIC = 0x44495754; // "TWID"
    private static final int VERSION = 1;
    private static final int BYTES = 64;
    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = 4;
    private static final int LAST_ISSUED_OFFSET = 8;

    private final MappedByteBuffer mapping;
    private final UnsafeBuffer buffer;
    private long lastIssued;

    private GatewayIds(final Path file, final long nowEpochNanos)
    {
        this.mapping = SessionStore.map(file, BYTES);
        this.buffer = new UnsafeBuffer(mapping);
        if (buffer.getInt(MAGIC_OFFSET) != MAGIC)
        {
            buffer.putInt(VERSION_OFFSET, VERSION);
            buffer.putLong(LAST_ISSUED_OFFSET, 0);
            buffer.putIntVolatile(MAGIC_OFFSET, MAGIC);
        }
        else if (buffer.getInt(VERSION_OFFSET) != VERSION)
        {
            final int version = buffer.getInt(VERSION_OFFSET);
            IoUtil.unmap(mapping); // no access to the buffer after this: it would fault
            throw new UnreadableSessionStateException(file + ": unknown gateway id file version " + version +
                "; move it aside to have the next start write it again");
        }
        this.lastIssued = Math.max(nowEpochNanos, buffer.getLong(LAST_ISSUED_OFFSET));
    }

    /** Opens the ids kept in {@code directory}, creating both if need be; {@code nowEpochNanos}: the clock's time. */
    static GatewayIds open(final Path directory, final long nowEpochNanos)
    {
        UnusableDirectoryException.create("session state directory", directory);
        return new GatewayIds(directory.resolve(FILE_NAME), nowEpochNanos);
    }

    /** A number not issued before; kept at once (a store to the mapping, nothing allocated). */
    long next()
    {
        buffer.putLong(LAST_ISSUED_OFFSET, ++lastIssued);
        return lastIssued;
    }

    @Override
    public void close()
    {
        IoUtil.unmap(mapping);
    }
}

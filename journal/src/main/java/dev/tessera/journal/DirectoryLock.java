package dev.tessera.journal;

import dev.tessera.config.UnusableDirectoryException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A directory that one process at a time may change: an OS lock on a file in it, held until {@link #close} and
 * dropped by the OS when the process dies, even by kill -9. The file names the holder's pid, for the error the
 * next one gets. The journal's writer lock ({@link Journal#WRITER_LOCK_FILE}) and the gateway's session state
 * lock are both this: two exchanges on one journal would interleave records, and two on one session state
 * directory would rewind each other's memory-mapped MsgSeqNums.
 */
public final class DirectoryLock implements AutoCloseable
{
    /** The lock files this process holds (real paths). */
    private static final Set<Path> LOCKED_HERE = ConcurrentHashMap.newKeySet();

    private final FileChannel channel;
    private final Path file;

    private DirectoryLock(final FileChannel channel, final Path file)
    {
        this.channel = channel;
        this.file = file;
    }

    /**
     * Takes the lock of {@code directory}, which must exist, on its file {@code fileName}.
     *
     * @param what what the lock is, for an I/O failure's message, e.g. "writer lock of journal"
     * @param inUse the refusal, given who holds the lock ("in this process", "by another process, pid N")
     * @throws UncheckedIOException when the lock file cannot be made, naming the OS reason
     */
    public static DirectoryLock take(
        final Path directory, final String fileName, final String what, final Function<String, RuntimeException> inUse)
    {
        final Path file;
        try
        {
            file = directory.toRealPath().resolve(fileName);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot take the " + what + " " + directory + ": " +
                UnusableDirectoryException.reason(directory, ex), ex);
        }
        // Checked before the file is even opened: the OS lock is per process, and closing any channel of the
        // file in this process, a refused second one included, would drop the lock the first one holds.
        if (!LOCKED_HERE.add(file))
        {
            throw inUse.apply("in this process");
        }
        FileChannel channel = null;
        boolean locked = false;
        try
        {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (channel.tryLock() == null)
            {
                throw inUse.apply("by another process, " + holderOf(file));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n")
                .getBytes(StandardCharsets.US_ASCII)), 0);
            locked = true;
            return new DirectoryLock(channel, file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot take the " + what + " " + directory + ": " +
                UnusableDirectoryException.reason(file, ex), ex);
        }
        finally
        {
            if (!locked)
            {
                closeQuietly(channel);
                LOCKED_HERE.remove(file);
            }
        }
    }

    /**
     * Who holds the lock of {@code directory} on its file {@code fileName} ("pid N", "this process"), or null when no one
     * does or there is no such file: for a reader that must not look at what the holder is writing. Takes the lock for
     * a moment when it is free, and writes nothing.
     */
    public static String holder(final Path directory, final String fileName)
    {
        final Path file;
        try
        {
            file = directory.toRealPath().resolve(fileName);
        }
        catch (final IOException ex)
        {
            return null; // no directory: no holder
        }
        if (LOCKED_HERE.contains(file))
        {
            return "this process";
        }
        if (!Files.isRegularFile(file))
        {
            return null;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final FileLock lock = channel.tryLock();
            if (lock == null)
            {
                return holderOf(file);
            }
            lock.release();
            return null;
        }
        catch (final IOException | OverlappingFileLockException ex)
        {
            return null; // unreadable: the caller's own checks say why
        }
    }

    /** Whether this process holds the lock of {@code file} (a real path), taken by {@link #take}. */
    static boolean heldHere(final Path file)
    {
        return LOCKED_HERE.contains(file);
    }

    /** What the lock file says of its holder ("pid N"); the lock is advisory, so it can be read. */
    static String holderOf(final Path file)
    {
        try
        {
            final String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? "pid unknown" : text;
        }
        catch (final IOException ex)
        {
            return "pid unknown";
        }
    }

    @Override
    public void close()
    {
        closeQuietly(channel);
        LOCKED_HERE.remove(file);
    }

    private static void closeQuietly(final FileChannel channel)
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignored)
            {
                // Closing releases the lock; a failure to close leaves nothing to do.
            }
        }
    }
}

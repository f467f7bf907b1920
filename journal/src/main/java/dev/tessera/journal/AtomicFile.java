package dev.tessera.journal;

import dev.tessera.config.UnusableDirectoryException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A small file replaced whole: written to {@code <name>.tmp}, forced, renamed over the file, then the directory
 * forced. A crash leaves the old file or the new one whole, and at worst the temp file, which the next write
 * overwrites. For records that must never be read half-written ({@code instruments.txt}, the session state's
 * journal identity).
 */
public final class AtomicFile
{
    private AtomicFile()
    {
    }

    /** The temp file {@link #write} goes through for {@code file}. */
    public static Path tempFileOf(final Path file)
    {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    /** @throws UncheckedIOException naming {@code file} when it cannot be written. */
    public static void write(final Path file, final byte[] bytes)
    {
        final Path temp = tempFileOf(file);
        try
        {
            try (FileChannel channel = FileChannel.open(temp,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))
            {
                final ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining())
                {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            SnapshotDirectory.forceDirectory(file.getParent());
        }
        catch (final IOException ex)
        {
            // The operating system's reason too ("No space left on device"): what the operator has to put right.
            throw new UncheckedIOException("cannot write " + file + ": " + UnusableDirectoryException.reason(file, ex), ex);
        }
    }
}

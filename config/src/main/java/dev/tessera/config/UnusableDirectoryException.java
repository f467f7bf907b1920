package dev.tessera.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A directory the configuration names (the journal's, the snapshots', the gateway's session state) cannot be
 * created or written: a path under {@code /proc}, a regular file in the way, no permission. The operator's to put
 * right, like a bad configuration value, so its message is one line naming the path and the operating system's
 * reason.
 * It is an {@link UncheckedIOException}, as before it had a type of its own, for the callers that catch that.
 */
public final class UnusableDirectoryException extends UncheckedIOException
{
    private static final long serialVersionUID = 1L;
    /** The file {@link #createWritable} makes and deletes again; no reader of these directories takes its name. */
    private static final String WRITE_CHECK_FILE = ".tessera-write-check";

    private UnusableDirectoryException(final String message, final IOException cause)
    {
        super(message, cause);
    }

    /**
     * Creates {@code directory} and any missing parent, as {@link Files#createDirectories} does.
     *
     * @param what what the directory is for, e.g. "journal directory"
     * @throws UnusableDirectoryException naming the directory and why it cannot be created
     */
    public static Path create(final String what, final Path directory)
    {
        try
        {
            return Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UnusableDirectoryException("cannot create the " + what + " " + directory + ": " +
                reason(directory, ex), ex);
        }
    }

    /**
     * Creates {@code directory} as {@link #create} does, then makes and deletes a file in it: a directory that is
     * there but takes no file (no permission, a read-only file system) fails now, not at the first write.
     *
     * @param what what the directory is for, e.g. "snapshot directory"
     * @throws UnusableDirectoryException naming the directory and why it cannot be created or written
     */
    public static Path createWritable(final String what, final Path directory)
    {
        create(what, directory);
        writeCheck(directory, "cannot write in the " + what + " " + directory + ": ");
        return directory;
    }

    /** Makes and deletes a file in {@code directory}; when it cannot, {@code failure} and the OS reason. */
    private static void writeCheck(final Path directory, final String failure)
    {
        final Path check = directory.resolve(WRITE_CHECK_FILE);
        try
        {
            Files.newByteChannel(check, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE).close();
        }
        catch (final IOException ex)
        {
            throw new UnusableDirectoryException(failure + reason(check, ex), ex);
        }
    }

    /**
     * Whether {@link #createWritable} would succeed, creating nothing that is not there: an existing directory must
     * take a file; a missing one, its nearest existing parent (so {@code tessera config} can tell of a directory
     * start-up would refuse without making it). The check file is made and deleted again.
     *
     * @throws UnusableDirectoryException as {@link #createWritable} would
     */
    public static void checkUsable(final String what, final Path directory)
    {
        Path existing = directory.toAbsolutePath();
        while (!Files.exists(existing) && existing.getParent() != null)
        {
            existing = existing.getParent();
        }
        final boolean itself = existing.equals(directory.toAbsolutePath());
        if (!Files.isDirectory(existing))
        {
            // UncheckedIOException takes no null cause: the OS would say the same, had it been asked to create it.
            final String notADirectory = "a file that is not a directory is there";
            throw new UnusableDirectoryException("cannot create the " + what + " " + directory + ": " +
                (itself ? "" : existing + ": ") + notADirectory,
                new FileSystemException(existing.toString(), null, notADirectory));
        }
        writeCheck(existing, itself ? "cannot write in the " + what + " " + directory + ": " :
            "cannot create the " + what + " " + directory + ": " + existing + ": ");
    }

    /**
     * The nearest existing ancestor of {@code path} (or itself) when it is a file, not a directory; else null. Made
     * absolute, as the JDK names the file in the way one level down ({@link Files#createDirectories} works on the
     * absolute path).
     */
    private static Path fileInTheWay(final Path path)
    {
        for (Path at = path.toAbsolutePath(); at != null; at = at.getParent())
        {
            if (Files.exists(at))
            {
                return Files.isDirectory(at) ? null : at;
            }
        }
        return null;
    }

    /**
     * The operating system's reason for {@code ex}, a failure on {@code path}, in words ({@code Permission denied},
     * {@code No space left on device}), preceded by the path it concerns when that is not {@code path} itself (a
     * parent).
     */
    public static String reason(final Path path, final IOException ex)
    {
        if (!(ex instanceof FileSystemException failure))
        {
            return String.valueOf(ex.getMessage());
        }
        final String file = failure.getFile();
        final String where = file == null || file.equals(path.toString()) ? "" : file + ": ";
        final Path fileInTheWay = "Not a directory".equals(failure.getReason()) ? fileInTheWay(path) : null;
        if (fileInTheWay != null)
        {
            // The JDK names the deepest path it tried, which need not exist (QA 98: a/sub/deeper blamed a/sub).
            return fileInTheWay + ": a file that is not a directory is there";
        }
        if (failure.getReason() != null)
        {
            return where + failure.getReason();
        }
        // The JDK gives these three no reason text: the exception's type is the reason.
        if (failure instanceof FileAlreadyExistsException)
        {
            return where + "a file that is not a directory is there";
        }
        if (failure instanceof AccessDeniedException)
        {
            return where + "Permission denied";
        }
        if (failure instanceof NoSuchFileException)
        {
            return where + "No such file or directory";
        }
        return where + failure.getClass().getSimpleName();
    }
}

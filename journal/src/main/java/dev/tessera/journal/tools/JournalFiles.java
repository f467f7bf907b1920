package dev.tessera.journal.tools;

import dev.tessera.config.UnusableDirectoryException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The journal's queue files ({@code *.cq4}) and their apparent sizes. Chronicle preallocates and
 * maps each file in large sparse chunks, so the apparent size says little about the data held:
 * {@link JournalStats} reports the bytes its records use next to it.
 */
public final class JournalFiles
{
    private final List<Path> files;
    private final long apparentBytes;

    private JournalFiles(final List<Path> files, final long apparentBytes)
    {
        this.files = files;
        this.apparentBytes = apparentBytes;
    }

    public static JournalFiles of(final Path directory)
    {
        try (Stream<Path> listing = Files.list(directory))
        {
            final List<Path> files = listing
                .filter(path -> path.getFileName().toString().endsWith(".cq4") && Files.isRegularFile(path))
                .sorted()
                .collect(Collectors.toUnmodifiableList());
            long bytes = 0;
            for (final Path file : files)
            {
                bytes += Files.size(file);
            }
            return new JournalFiles(files, bytes);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list journal files in " + directory + ": " +
                UnusableDirectoryException.reason(directory, ex), ex);
        }
    }

    public List<Path> files()
    {
        return files;
    }

    /** Sum of the files' sizes as the file system reports them (preallocated, mostly sparse). */
    public long apparentBytes()
    {
        return apparentBytes;
    }
}

package dev.tessera.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories a start is about to make, noted before it makes them, so that a refused start takes away what it
 * made and nothing else (QA 115 F3: a second exchange refused on a journal in use left its snapshot and session state
 * directories behind). Each is removed only while empty, with the parents made for it, up to the nearest one that
 * was there before.
 */
final class MadeDirectories
{
    private final List<Path> made = new ArrayList<>();
    private final List<Path> there = new ArrayList<>();

    /** Notes which of {@code directories} are not there yet, and the nearest parent of each that is. */
    static MadeDirectories before(final Path... directories)
    {
        final MadeDirectories before = new MadeDirectories();
        for (final Path directory : directories)
        {
            final Path absolute = directory.toAbsolutePath().normalize();
            Path existing = absolute;
            while (existing != null && !Files.exists(existing))
            {
                existing = existing.getParent();
            }
            if (existing != absolute)
            {
                before.made.add(absolute);
                before.there.add(existing);
            }
        }
        return before;
    }

    /** Whether {@code directory} was not there before the start. */
    boolean made(final Path directory)
    {
        return made.contains(directory.toAbsolutePath().normalize());
    }

    /** Removes each directory noted as made, and the parents made for it, while they are empty. */
    void removeEmpty()
    {
        for (int i = 0; i < made.size(); i++)
        {
            for (Path directory = made.get(i); directory != null && !directory.equals(there.get(i));
                directory = directory.getParent())
            {
                try
                {
                    Files.deleteIfExists(directory);
                }
                catch (final IOException ex)
                {
                    break; // not empty (something else is in it now), or not ours to remove: left as it is
                }
            }
        }
    }
}

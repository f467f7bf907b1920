package dev.tessera.journal;

import java.nio.file.Path;

/**
 * The journal is already open for writing, by another process or elsewhere in this one: a journal has
 * one writer, or two exchanges would interleave records and break its sequence and hash chain.
 */
public final class JournalInUseException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    JournalInUseException(final Path directory, final String holder)
    {
        super("journal " + directory.toAbsolutePath() + " is already open for writing (" + holder +
            "): a journal has one writer at a time");
    }
}

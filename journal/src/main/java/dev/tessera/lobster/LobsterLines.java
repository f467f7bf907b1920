package dev.tessera.lobster;

import dev.tessera.config.UnusableDirectoryException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lines of a LOBSTER CSV file, numbered from 1. LOBSTER writes plain ASCII: a line with any other byte (a
 * damaged file, a binary one given by mistake) is refused naming its line, and a file that cannot be read is refused
 * with the operating system's reason ({@code Permission denied}), never a bare "cannot read".
 */
final class LobsterLines implements AutoCloseable
{
    private static final char LAST_ASCII = 0x7F;

    private final Path file;
    private final String what;
    private final BufferedReader reader;
    private long lineNumber;

    /** @param what the kind of file, for messages: "LOBSTER message file" */
    LobsterLines(final Path file, final String what)
    {
        this.file = file;
        this.what = what;
        try
        {
            // Not Files.newBufferedReader: its decoder fails a whole buffer at once, before the line with the bad
            // byte is reached. This one puts U+FFFD for it, and the line is refused with its number.
            this.reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.US_ASCII));
        }
        catch (final IOException ex)
        {
            throw unreadable(ex);
        }
    }

    /**
     * @return the next line, or null at the end of the file.
     * @throws IllegalArgumentException naming the line when it is not ASCII text.
     */
    String next()
    {
        final String line;
        try
        {
            line = reader.readLine();
        }
        catch (final IOException ex)
        {
            throw unreadable(ex);
        }
        if (line == null)
        {
            return null;
        }
        lineNumber++;
        for (int i = 0; i < line.length(); i++)
        {
            if (line.charAt(i) > LAST_ASCII)
            {
                throw new IllegalArgumentException(file.getFileName() + " line " + lineNumber + ": not ASCII text " +
                    "(character " + (i + 1) + "); a LOBSTER file is numbers and commas");
            }
        }
        return line;
    }

    /** The number of the line {@link #next} returned last (1-based). */
    long lineNumber()
    {
        return lineNumber;
    }

    private UncheckedIOException unreadable(final IOException ex)
    {
        return new UncheckedIOException("cannot read " + what + " " + file + ": " +
            UnusableDirectoryException.reason(file, ex), ex);
    }

    @Override
    public void close()
    {
        try
        {
            reader.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot close " + file, ex);
        }
    }
}

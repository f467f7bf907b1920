package dev.tessera.lobster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a LOBSTER orderbook file row by row into one reused {@link LobsterBookRow}; a header line is skipped. */
public final class LobsterBookReader implements AutoCloseable
{
    private final BufferedReader reader;
    private final Path file;
    private final CsvLine csv;
    private final LobsterBookRow row;
    private long lineNumber;
    private long rows;

    public LobsterBookReader(final Path file, final int levels)
    {
        this.file = file;
        this.csv = new CsvLine(4 * levels + 1);
        this.row = new LobsterBookRow(levels);
        try
        {
            this.reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read LOBSTER orderbook file " + file, ex);
        }
    }

    /**
     * @return the next row (the same reused object), or null at the end of the file.
     * @throws IllegalArgumentException naming the line of a malformed row.
     */
    public LobsterBookRow next()
    {
        try
        {
            for (String line = reader.readLine(); line != null; line = reader.readLine())
            {
                lineNumber++;
                if (!CsvLine.isData(line))
                {
                    continue;
                }
                final int fields = csv.split(line);
                try
                {
                    if (fields < 0 || !row.parse(csv, fields))
                    {
                        throw new IllegalArgumentException("expected " + 4 * row.maxLevels() + " fields");
                    }
                }
                catch (final IllegalArgumentException | ArithmeticException ex)
                {
                    throw new IllegalArgumentException(file.getFileName() + " line " + lineNumber + ": " + ex.getMessage(), ex);
                }
                rows++;
                return row;
            }
            return null;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
    }

    /** Reads the rest of the file without parsing it; returns its data rows (a message file cut short leaves some). */
    public long skipRest()
    {
        try
        {
            long left = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine())
            {
                lineNumber++;
                left += CsvLine.isData(line) ? 1 : 0;
            }
            return left;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
    }

    /** Rows read so far. */
    public long rows()
    {
        return rows;
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

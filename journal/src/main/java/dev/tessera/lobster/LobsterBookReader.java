package dev.tessera.lobster;

import java.nio.file.Path;

/** Reads a LOBSTER orderbook file row by row into one reused {@link LobsterBookRow}; a header line is skipped. */
public final class LobsterBookReader implements AutoCloseable
{
    private final LobsterLines lines;
    private final Path file;
    private final CsvLine csv;
    private final LobsterBookRow row;
    private long rows;

    public LobsterBookReader(final Path file, final int levels)
    {
        this.file = file;
        this.csv = new CsvLine(4 * levels + 1);
        this.row = new LobsterBookRow(levels);
        this.lines = new LobsterLines(file, "LOBSTER orderbook file");
    }

    /**
     * @return the next row (the same reused object), or null at the end of the file.
     * @throws IllegalArgumentException naming the line of a malformed row.
     */
    public LobsterBookRow next()
    {
        for (String line = lines.next(); line != null; line = lines.next())
        {
            if (!CsvLine.isData(line))
            {
                if (CsvLine.isHeader(line, lines.lineNumber()))
                {
                    continue;
                }
                // Skipped, any such line shifted every later comparison by a row (QA 107), and the run failed at
                // the end without naming it; a blank line is refused as in the message file.
                throw notARow(line);
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
                throw new IllegalArgumentException(file.getFileName() + " line " + lines.lineNumber() + ": " +
                    ex.getMessage(), ex);
            }
            rows++;
            return row;
        }
        return null;
    }

    /** Reads the rest of the file without parsing it; returns its data rows (a message file cut short leaves some). */
    public long skipRest()
    {
        long left = 0;
        for (String line = lines.next(); line != null; line = lines.next())
        {
            if (CsvLine.isData(line))
            {
                left++;
            }
            else if (!CsvLine.isHeader(line, lines.lineNumber()))
            {
                throw notARow(line); // QA 111: after the last row compared, such a line passed without a word
            }
        }
        return left;
    }

    private IllegalArgumentException notARow(final String line)
    {
        return new IllegalArgumentException(file.getFileName() + " line " + lines.lineNumber() + ": " +
            CsvLine.whyNotARow(line, lines.lineNumber()) + (line.isBlank() ? "" : ": " + line));
    }

    /** The file line of the row {@link #next} returned last (1-based, a header line counted). */
    public long lineNumber()
    {
        return lines.lineNumber();
    }

    /** Rows read so far. */
    public long rows()
    {
        return rows;
    }

    @Override
    public void close()
    {
        lines.close();
    }
}

package dev.tessera.lobster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a LOBSTER message file row by row into one reused {@link LobsterMessage}. A header line
 * (some files have one) is skipped; a malformed row (a bad field, a type other than 1 to 7, a time
 * before the row before it, a blank line) stops the read with its line number.
 */
public final class LobsterMessageReader implements AutoCloseable
{
    private final BufferedReader reader;
    private final Path file;
    private final CsvLine csv = new CsvLine(6);
    private final LobsterMessage message = new LobsterMessage();
    private long lineNumber;
    private long messages;
    private long previousTimeNanos = Long.MIN_VALUE;

    public LobsterMessageReader(final Path file)
    {
        this.file = file;
        try
        {
            this.reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read LOBSTER message file " + file, ex);
        }
    }

    /** Counts the data rows of a message file (for a progress bar). */
    public static long countMessages(final Path file)
    {
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.US_ASCII))
        {
            long count = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine())
            {
                if (CsvLine.isData(line))
                {
                    count++;
                }
            }
            return count;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read LOBSTER message file " + file, ex);
        }
    }

    /**
     * @return the next message (the same reused object each time), or null at the end of the file.
     * @throws IllegalArgumentException naming the line of a malformed row.
     */
    public LobsterMessage next()
    {
        final String line = readLine();
        if (line == null)
        {
            return null;
        }
        if (csv.split(line) != 6)
        {
            throw malformed(line, "expected 6 fields");
        }
        final long timeNanos;
        final long type;
        final long direction;
        try
        {
            timeNanos = LobsterTime.parseNanos(line, csv.start(0), csv.end(0));
            type = csv.longValue(1);
            message.orderId = csv.longValue(2);
            message.size = csv.longValue(3);
            message.price = csv.longValue(4);
            direction = csv.longValue(5);
        }
        catch (final IllegalArgumentException | ArithmeticException ex)
        {
            throw malformed(line, ex.getMessage());
        }
        // Checked as read (a long), so that no value wraps into a valid one as an int.
        if (type < LobsterMessage.NEW_ORDER || type > LobsterMessage.HALT)
        {
            throw malformed(line, "type must be 1 to 7");
        }
        if (direction != LobsterMessage.BUY && direction != LobsterMessage.SELL)
        {
            throw malformed(line, "direction must be 1 or -1");
        }
        // The replay batches rows by timestamp: a row out of order would start a batch of its own.
        if (timeNanos < previousTimeNanos)
        {
            throw malformed(line, "time goes backwards (the row before is at " + LobsterTime.format(previousTimeNanos) +
                "; a LOBSTER file is in time order)");
        }
        previousTimeNanos = timeNanos;
        message.timeNanos = timeNanos;
        message.type = (int)type;
        message.direction = (int)direction;
        message.lineNumber = lineNumber;
        messages++;
        return message;
    }

    /** Data rows read so far. */
    public long messages()
    {
        return messages;
    }

    private String readLine()
    {
        try
        {
            for (String line = reader.readLine(); line != null; line = reader.readLine())
            {
                lineNumber++;
                if (CsvLine.isData(line))
                {
                    return line;
                }
                // A blank line is no row of LOBSTER's: something was lost there, so it is refused like any bad row.
                if (line.isBlank())
                {
                    throw malformed(line, "blank line");
                }
                if (lineNumber > 1)
                {
                    throw malformed(line, "not a data row");
                }
            }
            return null;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
    }

    private IllegalArgumentException malformed(final String line, final String why)
    {
        return new IllegalArgumentException(file.getFileName() + " line " + lineNumber + ": " + why +
            (line.isBlank() ? "" : ": " + line));
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

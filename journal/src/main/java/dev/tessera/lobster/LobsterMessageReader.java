package dev.tessera.lobster;

import org.agrona.collections.Long2LongHashMap;

import java.nio.file.Path;

/**
 * Reads a LOBSTER message file row by row into one reused {@link LobsterMessage}. A header line
 * (some files have one) is skipped; a malformed row (a bad field, a type other than 1 to 7, a time
 * before the row before it, a blank line (but those at the very end), a submission, cancel, delete or visible
 * execution without a positive size and a price LOBSTER can write, a submission of an order id the file submitted before) stops the read with its line
 * number. The rows of types 5 to 7 keep their special values (a hidden execution's order id 0, a halt's price -1).
 */
public final class LobsterMessageReader implements AutoCloseable
{
    private static final String WHAT = "LOBSTER message file";

    private final LobsterLines lines;
    private final Path file;
    private final CsvLine csv = new CsvLine(6);
    private final LobsterMessage message = new LobsterMessage();
    /** The line of each order id's submission: LOBSTER's order ids are unique for the day, never reused. */
    private final Long2LongHashMap submittedAtLine = new Long2LongHashMap(0);
    private long messages;
    private long previousTimeNanos = Long.MIN_VALUE;

    public LobsterMessageReader(final Path file)
    {
        this.file = file;
        this.lines = new LobsterLines(file, WHAT);
    }

    /** Counts the data rows of a message file (for a progress bar). */
    public static long countMessages(final Path file)
    {
        try (LobsterLines lines = new LobsterLines(file, WHAT))
        {
            long count = 0;
            for (String line = lines.next(); line != null; line = lines.next())
            {
                if (CsvLine.isData(line))
                {
                    count++;
                }
            }
            return count;
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
        if (type <= LobsterMessage.VISIBLE_EXECUTION)
        {
            refuseWhatNoBookChangeHas(line, type);
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
        message.lineNumber = lines.lineNumber();
        messages++;
        return message;
    }

    /**
     * Types 1 to 4 change the visible book and become engine commands: a size or price no order can have would only
     * show as a reject, and a reused order id would take another order's place, so they are refused here by line.
     */
    private void refuseWhatNoBookChangeHas(final String line, final long type)
    {
        if (message.size <= 0)
        {
            throw malformed(line, "size must be > 0 for a row of type " + type + ", got " + message.size);
        }
        if (message.price <= 0 || message.price > LobsterMessage.MAX_PRICE)
        {
            throw malformed(line, "price must be 1 to " + LobsterMessage.MAX_PRICE + " (dollars x 10,000) for a row " +
                "of type " + type + ", got " + message.price);
        }
        if (type == LobsterMessage.NEW_ORDER)
        {
            final long earlier = submittedAtLine.put(message.orderId, lines.lineNumber());
            if (earlier != 0)
            {
                throw malformed(line, "order id " + message.orderId + " was submitted already at line " + earlier +
                    " (LOBSTER order ids are never reused)");
            }
        }
    }

    /** Data rows read so far. */
    public long messages()
    {
        return messages;
    }

    private String readLine()
    {
        for (String line = lines.next(); line != null; line = lines.next())
        {
            if (CsvLine.isData(line))
            {
                return line;
            }
            if (line.isBlank())
            {
                // A blank line between rows is no row of LOBSTER's: something was lost there, so it is refused like any
                // bad row. Blank lines at the very end (an editor's extra newline, QA 120) lose nothing.
                final long blankLine = lines.lineNumber();
                if (restIsBlank())
                {
                    return null;
                }
                throw new IllegalArgumentException(file.getFileName() + " line " + blankLine + ": " +
                    CsvLine.whyNotARow(line, blankLine));
            }
            if (!CsvLine.isHeader(line, lines.lineNumber()))
            {
                throw malformed(line, CsvLine.whyNotARow(line, lines.lineNumber()));
            }
        }
        return null;
    }

    /** Reads on to the first line that is not blank: true when the file ends first. */
    private boolean restIsBlank()
    {
        for (String line = lines.next(); line != null; line = lines.next())
        {
            if (!line.isBlank())
            {
                return false;
            }
        }
        return true;
    }

    private IllegalArgumentException malformed(final String line, final String why)
    {
        return new IllegalArgumentException(file.getFileName() + " line " + lines.lineNumber() + ": " + why +
            (line.isBlank() ? "" : ": " + line));
    }

    @Override
    public void close()
    {
        lines.close();
    }
}

package dev.tessera.journal.tools;

import dev.tessera.journal.JournalIndex;
import dev.tessera.journal.JournalPosition;
import dev.tessera.journal.JournalRecord;

/**
 * A point in a journal's history as a tool's user names it: a Chronicle index as dumps print it
 * ({@code 0x512b00000010}; it names a document, so "at" it means after the last of its records), a record number ({@code 17}, the record sequence, from 1), or a time:
 * an ISO-8601 instant ({@code 2026-11-22T06:00:00Z}) or epoch nanoseconds with an {@code ns}
 * suffix ({@code 1795327200000000000ns}). The suffix keeps a time apart from a record number
 * without guessing by magnitude.
 *
 * <p>Journals are read in order, so a point is used as a bound while scanning: {@link #reachedBy}
 * says a record is at or after it (a "from" bound), {@link #isBefore} that the scan has gone past
 * it (a "to" bound). Times follow the journal's order: "at a time" is every record up to the first
 * one stamped later, since producers stamp commands on entry and two of them may interleave.
 */
public final class RecordPoint
{
    /** What the point is measured in. */
    public enum Kind
    {
        INDEX, RECORD, TIME
    }

    /**
     * After every record: a time later than any, so a rebuild to it applies the whole journal (the books as they are
     * now, {@code book}'s default).
     */
    public static final RecordPoint END = new RecordPoint(Kind.TIME, Long.MAX_VALUE);

    private static final String USAGE =
        "expected a Chronicle index (0x...), a record number, an ISO-8601 instant or epoch nanoseconds (...ns)";

    private final Kind kind;
    private final long value;

    private RecordPoint(final Kind kind, final long value)
    {
        this.kind = kind;
        this.value = value;
    }

    public static RecordPoint index(final long index)
    {
        return new RecordPoint(Kind.INDEX, index);
    }

    public static RecordPoint record(final long recordSequence)
    {
        return new RecordPoint(Kind.RECORD, recordSequence);
    }

    public static RecordPoint time(final long epochNanos)
    {
        return new RecordPoint(Kind.TIME, epochNanos);
    }

    /** @throws IllegalArgumentException naming the accepted forms. */
    public static RecordPoint parse(final String text)
    {
        final String trimmed = text.trim();
        try
        {
            if (trimmed.startsWith("0x") || trimmed.startsWith("0X"))
            {
                return index(nonNegative(Long.parseLong(trimmed.substring(2), 16), text));
            }
            if (trimmed.endsWith("ns") && isDigits(trimmed, trimmed.length() - 2))
            {
                return time(Long.parseLong(trimmed.substring(0, trimmed.length() - 2)));
            }
            if (isDigits(trimmed, trimmed.length()))
            {
                final long sequence = Long.parseLong(trimmed);
                if (sequence < 1)
                {
                    throw new IllegalArgumentException("record numbers start at 1, got " + text);
                }
                return record(sequence);
            }
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(USAGE + ", got " + text, ex);
        }
        if (trimmed.indexOf('T') > 0)
        {
            return time(JournalTime.parse(trimmed));
        }
        throw new IllegalArgumentException(USAGE + ", got " + text);
    }

    private static long nonNegative(final long index, final String text)
    {
        if (index < 0)
        {
            throw new IllegalArgumentException("not a Chronicle index: " + text);
        }
        return index;
    }

    private static boolean isDigits(final String text, final int length)
    {
        if (length == 0)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return true;
    }

    public Kind kind()
    {
        return kind;
    }

    public long value()
    {
        return value;
    }

    /** The record is at or after this point: where a "from" bound starts. */
    public boolean reachedBy(final JournalRecord record)
    {
        return measure(record) >= value;
    }

    /** This point lies before the record: a "to" bound stops the scan at it. */
    public boolean isBefore(final JournalRecord record)
    {
        return measure(record) > value;
    }

    /** Both points are measured alike and this one is later: a range from it to {@code other} holds nothing. */
    public boolean isLaterThan(final RecordPoint other)
    {
        return kind == other.kind && value > other.value;
    }

    /** The record is exactly this point, or in the document it names (always false for a time). */
    public boolean isExactly(final JournalRecord record)
    {
        return kind != Kind.TIME && measure(record) == value;
    }

    /**
     * As {@link #isBefore(JournalRecord)} for the record at {@code position} (one a snapshot covers), stamped
     * {@code timestamp}: a rebuild to this point cannot start after it.
     */
    public boolean isBefore(final JournalPosition position, final long timestamp)
    {
        return measure(position.index(), position.recordSequence(), timestamp) > value;
    }

    /** As {@link #isExactly(JournalRecord)} for the record at {@code position}, stamped {@code timestamp}. */
    public boolean isExactly(final JournalPosition position, final long timestamp)
    {
        return kind != Kind.TIME && measure(position.index(), position.recordSequence(), timestamp) == value;
    }

    private long measure(final JournalRecord record)
    {
        return measure(record.index(), record.recordSequence(), record.timestamp());
    }

    private long measure(final long index, final long recordSequence, final long timestamp)
    {
        switch (kind)
        {
            case INDEX:
                return index;
            case RECORD:
                return recordSequence;
            default:
                return timestamp;
        }
    }

    /**
     * Why this point, given as {@code option}, reaches no record: it lies before the journal's first, which is
     * named ("--to index 0x0 is before the first record of the journal (record 1, index 0x512c00000000, ...)").
     */
    public String beforeFirstRecord(final String option, final long recordSequence, final long index, final long timestamp)
    {
        return option + " " + this + " is before the first record of the journal (" +
            describe(recordSequence, index, timestamp) + ")";
    }

    /** A record as the tools name it where they must say which: "record 7, index 0x512b00000006, TIME". */
    public static String describe(final long recordSequence, final long index, final long timestamp)
    {
        return "record " + recordSequence + ", index " + JournalIndex.format(index) + ", " + JournalTime.format(timestamp);
    }

    @Override
    public String toString()
    {
        if (this == END)
        {
            return "the journal's end";
        }
        switch (kind)
        {
            case INDEX:
                return "index " + JournalIndex.format(value);
            case RECORD:
                return "record " + value;
            default:
                return JournalTime.format(value);
        }
    }
}

package dev.tessera.lobster;

/** Splits one line of a LOBSTER CSV file (numbers only, no quoting) into field boundaries, reused per line. */
final class CsvLine
{
    private final int[] starts;
    private final int[] ends;
    private String line;
    private int fields;

    CsvLine(final int maxFields)
    {
        starts = new int[maxFields];
        ends = new int[maxFields];
    }

    /** @return the number of fields, or -1 when there are more than the maximum. */
    int split(final String text)
    {
        line = text;
        fields = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++)
        {
            if (i == text.length() || text.charAt(i) == ',')
            {
                if (fields == starts.length)
                {
                    return -1;
                }
                starts[fields] = start;
                ends[fields] = i;
                fields++;
                start = i + 1;
            }
        }
        return fields;
    }

    int start(final int field)
    {
        return starts[field];
    }

    int end(final int field)
    {
        return ends[field];
    }

    /** A whole number, optionally negative; throws {@link NumberFormatException} naming the text. */
    long longValue(final int field)
    {
        final int start = starts[field];
        final int end = ends[field];
        if (start == end)
        {
            throw new NumberFormatException("empty field " + (field + 1));
        }
        final boolean negative = line.charAt(start) == '-';
        long value = 0;
        for (int i = negative ? start + 1 : start; i < end; i++)
        {
            final char c = line.charAt(i);
            if (c < '0' || c > '9')
            {
                throw new NumberFormatException("not a whole number in field " + (field + 1) + ": " + line.substring(start, end));
            }
            if (value > (Long.MAX_VALUE - (c - '0')) / 10)
            {
                // QA 107: Math's "long overflow" named neither the field nor the text.
                throw new NumberFormatException("number too large in field " + (field + 1) + ": " +
                    line.substring(start, end));
            }
            value = value * 10 + c - '0';
        }
        return negative ? -value : value;
    }

    /** A row of data starts with a digit; LOBSTER's optional header line does not. */
    static boolean isData(final String text)
    {
        return !text.isEmpty() && text.charAt(0) >= '0' && text.charAt(0) <= '9';
    }

    /**
     * LOBSTER's optional header line: column names, every field starting with a letter ({@code Time,Type,...},
     * {@code BestAsk,...}, {@code Ask Price 1,...}). A damaged first row ({@code -1,1,...}, {@code abc,1,...}) is not
     * one: it was taken for one and skipped, and every later message was compared with the orderbook row before its
     * own (QA 107). Only line 1 can be it.
     */
    static boolean isHeader(final String text, final long lineNumber)
    {
        return lineNumber == 1 && isHeader(text);
    }

    /** Why {@code text}, which is no data row and not the header, is refused, for either file's message. */
    static String whyNotARow(final String text, final long lineNumber)
    {
        return text.isBlank() ? "blank line" : "not a data row" + (lineNumber == 1 ? " (nor LOBSTER's header line of " +
            "column names)" : "");
    }

    private static boolean isHeader(final String text)
    {
        boolean fieldStart = true;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (fieldStart && !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
            {
                return false;
            }
            fieldStart = c == ',';
        }
        return !text.isEmpty() && !fieldStart;
    }
}

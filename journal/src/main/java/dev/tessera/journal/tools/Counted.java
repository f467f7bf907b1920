package dev.tessera.journal.tools;

import java.util.Locale;

/** A count with its noun, as the tools print it: "1 record", "1,000 records", "0 rows". */
public final class Counted
{
    private Counted()
    {
    }

    /** @param noun the singular, whose plural adds an s (record, row, file). */
    public static String of(final long count, final String noun)
    {
        return String.format(Locale.ROOT, "%,d %s%s", count, noun, count == 1 ? "" : "s");
    }
}

package dev.tessera.journal.tools;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Command timestamps (epoch nanoseconds) as people read and type them: ISO-8601 in UTC, always
 * with nine decimals so that lines of a dump align and no precision is hidden.
 */
public final class JournalTime
{
    private static final DateTimeFormatter ISO_NANOS =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private JournalTime()
    {
    }

    /** {@code 2026-11-22T06:00:00.000001234Z}. */
    public static String format(final long epochNanos)
    {
        return ISO_NANOS.format(instant(epochNanos));
    }

    private static Instant instant(final long epochNanos)
    {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND), Math.floorMod(epochNanos, NANOS_PER_SECOND));
    }

    /**
     * Parses an ISO-8601 instant ({@code 2026-11-22T06:00:00Z}, any number of decimals, or an offset
     * such as {@code +01:00}) to epoch nanoseconds.
     *
     * @throws IllegalArgumentException when the text is not such an instant or is out of range.
     */
    public static long parse(final String text)
    {
        final Instant instant;
        try
        {
            instant = DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException("not an ISO-8601 instant: " + text, ex);
        }
        try
        {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException("instant out of range of epoch nanoseconds: " + text, ex);
        }
    }

    /** A span such as {@code 6h 02m 03.250s}, for a journal's time range. */
    public static String formatDuration(final long nanos)
    {
        final long millis = TimeUnit.NANOSECONDS.toMillis(Math.abs(nanos));
        final long hours = millis / 3_600_000;
        final long minutes = millis / 60_000 % 60;
        final double seconds = millis % 60_000 / 1000.0;
        final String sign = nanos < 0 ? "-" : "";
        if (hours > 0)
        {
            return String.format(Locale.ROOT, "%s%dh %02dm %06.3fs", sign, hours, minutes, seconds);
        }
        if (minutes > 0)
        {
            return String.format(Locale.ROOT, "%s%dm %06.3fs", sign, minutes, seconds);
        }
        return String.format(Locale.ROOT, "%s%.3fs", sign, seconds);
    }
}

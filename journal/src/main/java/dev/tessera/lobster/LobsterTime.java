package dev.tessera.lobster;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

/**
 * LOBSTER times: decimal seconds after midnight in New York (NASDAQ's clock), with 0 to 9
 * decimals. Parsed as text into whole nanoseconds, so nothing is rounded.
 */
public final class LobsterTime
{
    /** NASDAQ's time zone, in which LOBSTER counts seconds after midnight. */
    public static final ZoneId EXCHANGE_ZONE = ZoneId.of("America/New_York");

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private LobsterTime()
    {
    }

    /**
     * {@code "34200.004241176"} to 34,200,004,241,176 ns.
     *
     * @throws IllegalArgumentException when it is not a non-negative decimal with at most 9 decimals.
     */
    public static long parseNanos(final CharSequence text, final int start, final int end)
    {
        long seconds = 0;
        long fraction = 0;
        int fractionDigits = -1;
        if (start >= end)
        {
            throw new IllegalArgumentException("empty time");
        }
        for (int i = start; i < end; i++)
        {
            final char c = text.charAt(i);
            if (c == '.' && fractionDigits < 0)
            {
                fractionDigits = 0;
            }
            else if (c >= '0' && c <= '9')
            {
                if (fractionDigits < 0)
                {
                    seconds = Math.addExact(Math.multiplyExact(seconds, 10), c - '0');
                }
                else if (++fractionDigits > 9)
                {
                    throw new IllegalArgumentException("more than 9 decimals in time " + text.subSequence(start, end));
                }
                else
                {
                    fraction = fraction * 10 + (c - '0');
                }
            }
            else
            {
                throw new IllegalArgumentException("not a time: " + text.subSequence(start, end));
            }
        }
        for (int d = Math.max(fractionDigits, 0); d < 9; d++)
        {
            fraction *= 10;
        }
        return Math.addExact(Math.multiplyExact(seconds, NANOS_PER_SECOND), fraction);
    }

    /** Epoch nanoseconds of midnight of {@code date} in New York. */
    public static long midnightEpochNanos(final LocalDate date)
    {
        return TimeUnit.SECONDS.toNanos(date.atStartOfDay(EXCHANGE_ZONE).toEpochSecond());
    }

    /** Nanoseconds after midnight as LOBSTER writes them: {@code 34200.004241176}. */
    public static String format(final long nanosAfterMidnight)
    {
        final long fraction = nanosAfterMidnight % NANOS_PER_SECOND;
        final String digits = Long.toString(NANOS_PER_SECOND + fraction).substring(1);
        return nanosAfterMidnight / NANOS_PER_SECOND + "." + digits;
    }
}

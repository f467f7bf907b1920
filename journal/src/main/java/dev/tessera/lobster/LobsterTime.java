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
    /** The longest day, one whose clocks go back an hour: LOBSTER's times are seconds after its midnight. */
    static final long MAX_SECONDS = TimeUnit.HOURS.toSeconds(25);

    private LobsterTime()
    {
    }

    /**
     * {@code "34200.004241176"} to 34,200,004,241,176 ns.
     *
     * @throws IllegalArgumentException when it is not a non-negative decimal with at most 9 decimals, or is past the
     *                                  longest day ({@link #MAX_SECONDS}).
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
                    seconds = seconds * 10 + (c - '0');
                    if (seconds > MAX_SECONDS)
                    {
                        // QA 111: past ~7.9e9 s the time wrapped into 1720 when made an epoch time, and a replay at
                        // --speed 1 waited for it; Math's "long overflow" came only past ~9.2e9 s.
                        throw pastTheDay(text, start, end);
                    }
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
        if (seconds == MAX_SECONDS && fraction > 0)
        {
            throw pastTheDay(text, start, end); // QA 112: 90000.5 passed the whole-seconds check
        }
        return seconds * NANOS_PER_SECOND + fraction;
    }

    private static IllegalArgumentException pastTheDay(final CharSequence text, final int start, final int end)
    {
        return new IllegalArgumentException("time " + text.subSequence(start, end) + " is past the day: LOBSTER times " +
            "are seconds after midnight, at most " + MAX_SECONDS + " on the longest day");
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

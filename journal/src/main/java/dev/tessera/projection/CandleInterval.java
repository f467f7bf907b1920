package dev.tessera.projection;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A candle width: a whole number of seconds, minutes, hours or days ("30s", "1m", "5m", "1h",
 * "1d"), aligned to the epoch, so that 1m candles start on the minute (UTC).
 */
public record CandleInterval(long nanos, String text)
{
    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    public CandleInterval
    {
        if (nanos <= 0)
        {
            throw new IllegalArgumentException("a candle interval must be > 0, got " + text);
        }
    }

    /** @throws IllegalArgumentException naming the forms accepted. */
    public static CandleInterval parse(final String text)
    {
        final Matcher matcher = FORM.matcher(text.strip());
        if (!matcher.matches())
        {
            throw new IllegalArgumentException("not a candle interval: " + text + " (a whole number and a unit: 500ms, " +
                "30s, 1m, 15m, 1h, 1d)");
        }
        final TimeUnit unit = switch (matcher.group(2))
        {
            case "ms" -> TimeUnit.MILLISECONDS;
            case "s" -> TimeUnit.SECONDS;
            case "m" -> TimeUnit.MINUTES;
            case "h" -> TimeUnit.HOURS;
            default -> TimeUnit.DAYS;
        };
        final long nanos;
        try
        {
            nanos = unit.toNanos(Long.parseLong(matcher.group(1)));
        }
        catch (final NumberFormatException ex)
        {
            throw tooLong(text); // QA 107: Java's "For input string" did not say it was the interval
        }
        if (nanos == Long.MAX_VALUE)
        {
            throw tooLong(text); // toNanos saturates
        }
        return new CandleInterval(nanos, matcher.group(0));
    }

    private static IllegalArgumentException tooLong(final String text)
    {
        return new IllegalArgumentException("candle interval too long: " + text + " (at most " +
            TimeUnit.NANOSECONDS.toDays(Long.MAX_VALUE - 1) + "d)");
    }

    /** The start of the candle that holds {@code epochNanos}. */
    public long startOf(final long epochNanos)
    {
        return Math.floorDiv(epochNanos, nanos) * nanos;
    }

    @Override
    public String toString()
    {
        return text;
    }
}

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
        final long count = Long.parseLong(matcher.group(1));
        final TimeUnit unit = switch (matcher.group(2))
        {
            case "ms" -> TimeUnit.MILLISECONDS;
            case "s" -> TimeUnit.SECONDS;
            case "m" -> TimeUnit.MINUTES;
            case "h" -> TimeUnit.HOURS;
            default -> TimeUnit.DAYS;
        };
        return new CandleInterval(unit.toNanos(count), matcher.group(0));
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

package dev.tessera.perf.workload;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One step of a rate ladder, as one line ({@link #line()}, {@link #parse}): how a child JVM hands its
 * results to the report, whichever engine it ran. Latencies in nanoseconds, from the intended send time.
 *
 * @param system     what ran, e.g. {@code tessera-journal}, {@code tessera-engine}, {@code exchange-core}.
 * @param rate       the offered rate, commands per second.
 * @param achieved   commands of the window divided by the time from the window's first intended send to
 *                   its last completion: the offered rate when the system keeps up, its throughput when not.
 * @param count      commands recorded.
 * @param unsent     scheduled commands of the window that were still unsent when the step gave up.
 * @param gcCount    collections during the step (lead-in, window and catch-up), all collectors.
 * @param gcMillis   their accumulated time, ms.
 * @param maxLateNs  how late the producer sent its latest command.
 */
public record StepResult(
    String system, long rate, double achieved, long count, long unsent,
    long p50, long p90, long p99, long p999, long p9999, long max, double mean,
    long gcCount, long gcMillis, long maxLateNs)
{
    public static final String PREFIX = "RESULT ";

    /** Below 95% of the offered rate, or anything unsent: the system did not keep up. */
    public boolean saturated()
    {
        return unsent > 0 || achieved < 0.95 * rate;
    }

    public String line()
    {
        return String.format(Locale.ROOT, "%ssystem=%s rate=%d achieved=%.0f count=%d unsent=%d p50=%d p90=%d p99=%d p999=%d " +
                "p9999=%d max=%d mean=%.0f gcs=%d gcMs=%d maxLateNs=%d",
            PREFIX, system, rate, achieved, count, unsent, p50, p90, p99, p999, p9999, max, mean, gcCount, gcMillis, maxLateNs);
    }

    /** Parses a {@link #line()} (with or without its prefix, with anything before the prefix). */
    public static StepResult parse(final String line)
    {
        final int at = line.indexOf(PREFIX);
        final String text = at >= 0 ? line.substring(at + PREFIX.length()) : line;
        final Map<String, String> fields = new LinkedHashMap<>();
        for (final String part : text.trim().split(" "))
        {
            final int eq = part.indexOf('=');
            if (eq > 0)
            {
                fields.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        try
        {
            return new StepResult(fields.get("system"), longField(fields, "rate"), Double.parseDouble(fields.get("achieved")),
                longField(fields, "count"), longField(fields, "unsent"), longField(fields, "p50"), longField(fields, "p90"),
                longField(fields, "p99"), longField(fields, "p999"), longField(fields, "p9999"), longField(fields, "max"),
                Double.parseDouble(fields.get("mean")), longField(fields, "gcs"), longField(fields, "gcMs"),
                longField(fields, "maxLateNs"));
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException("not a step result: " + line, ex);
        }
    }

    private static long longField(final Map<String, String> fields, final String name)
    {
        return Long.parseLong(fields.get(name));
    }

    /** The console line of a step: rate, achieved, percentiles in microseconds, GCs. */
    public String describe()
    {
        return String.format(Locale.ROOT, "%s @ %,d/s: achieved %,.0f/s%s; us from intended send: p50 %s p90 %s p99 %s p99.9 %s " +
                "p99.99 %s max %s; %d GCs (%d ms); producer up to %s us late",
            system, rate, achieved, saturated() ? " (SATURATED" + (unsent > 0 ? ", " + unsent + " unsent" : "") + ")" : "",
            micros(p50), micros(p90), micros(p99), micros(p999), micros(p9999), micros(max), gcCount, gcMillis, micros(maxLateNs));
    }

    public static String micros(final long nanos)
    {
        return nanos < 10_000 ? String.format(Locale.ROOT, "%.1f", nanos / 1e3) : String.format(Locale.ROOT, "%,.0f", nanos / 1e3);
    }
}

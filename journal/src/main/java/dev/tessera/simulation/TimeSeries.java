package dev.tessera.simulation;

import java.util.Arrays;

/**
 * One instrument's market over recorded time in at most {@value #MAX_BUCKETS} equal buckets: the
 * mid and spread at the end of each bucket and the volume traded in it. Buckets start at a
 * millisecond and double in width (merging pairs) whenever the run outgrows them, so memory stays
 * bounded however long the run and the resolution fits its length. Reporting only: doubles are fine.
 */
public final class TimeSeries
{
    public static final int MAX_BUCKETS = 1024;
    static final long FIRST_WIDTH_NANOS = 1_000_000;

    private final long[] volume = new long[MAX_BUCKETS];
    private final double[] mid = new double[MAX_BUCKETS];
    private final double[] spread = new double[MAX_BUCKETS];
    private final boolean[] quoted = new boolean[MAX_BUCKETS];
    private long originNanos;
    private long widthNanos = FIRST_WIDTH_NANOS;
    private int used;
    private boolean started;

    public TimeSeries()
    {
        Arrays.fill(mid, Double.NaN);
        Arrays.fill(spread, Double.NaN);
    }

    /** The quote after a change at {@code timestamp}; NaN for a side-less book. */
    public void onQuote(final long timestamp, final double midPrice, final double spreadPrice)
    {
        final int bucket = bucket(timestamp);
        mid[bucket] = midPrice;
        spread[bucket] = spreadPrice;
        quoted[bucket] = true;
    }

    public void onTrade(final long timestamp, final long quantity)
    {
        volume[bucket(timestamp)] += quantity;
    }

    private int bucket(final long timestamp)
    {
        if (!started)
        {
            started = true;
            originNanos = timestamp;
        }
        // a timestamp before the origin (clock step back in a recording) counts in the first bucket
        long index = Math.max(0, timestamp - originNanos) / widthNanos;
        while (index >= MAX_BUCKETS)
        {
            mergePairs();
            index = Math.max(0, timestamp - originNanos) / widthNanos;
        }
        used = Math.max(used, (int)index + 1);
        return (int)index;
    }

    private void mergePairs()
    {
        for (int i = 0; i < MAX_BUCKETS / 2; i++)
        {
            final int a = 2 * i;
            final int b = a + 1;
            volume[i] = volume[a] + volume[b];
            mid[i] = quoted[b] ? mid[b] : mid[a];
            spread[i] = quoted[b] ? spread[b] : spread[a];
            quoted[i] = quoted[a] || quoted[b];
        }
        Arrays.fill(quoted, MAX_BUCKETS / 2, MAX_BUCKETS, false);
        Arrays.fill(volume, MAX_BUCKETS / 2, MAX_BUCKETS, 0);
        Arrays.fill(mid, MAX_BUCKETS / 2, MAX_BUCKETS, Double.NaN);
        Arrays.fill(spread, MAX_BUCKETS / 2, MAX_BUCKETS, Double.NaN);
        widthNanos *= 2;
        used = (used + 1) / 2;
    }

    public int buckets()
    {
        return used;
    }

    public long originNanos()
    {
        return originNanos;
    }

    public long widthNanos()
    {
        return widthNanos;
    }

    /** End of bucket {@code i} (epoch ns). */
    public long endNanos(final int i)
    {
        return originNanos + (i + 1) * widthNanos;
    }

    public long volume(final int i)
    {
        return volume[i];
    }

    /** Mid at the end of the bucket: the last quote in it or, if none changed, the one before. */
    public double mid(final int i)
    {
        for (int j = i; j >= 0; j--)
        {
            if (quoted[j])
            {
                return mid[j];
            }
        }
        return Double.NaN;
    }

    public double spread(final int i)
    {
        for (int j = i; j >= 0; j--)
        {
            if (quoted[j])
            {
                return spread[j];
            }
        }
        return Double.NaN;
    }
}

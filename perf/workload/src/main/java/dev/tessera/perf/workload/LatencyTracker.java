package dev.tessera.perf.workload;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hand-off between the producer, which knows when each command was <em>meant</em> to be sent, and
 * the thread that sees its result, which knows when it came out: latency = seen - intended, so a stall
 * anywhere (the producer's included) shows in every command it delayed, as a client would see it
 * (no coordinated omission).
 *
 * <p>Both engines complete commands in the order they were sent (one producer, one sequenced pipeline),
 * so the completing thread just counts: its k-th completion is command k, whose intended time the
 * producer left in a ring of {@link #capacity()} slots. The producer never gets more than that far
 * ahead ({@link #hasRoom}). Only commands inside the open window are recorded, into a histogram the
 * completing thread alone writes; {@link #completed()} (a release store after the record) publishes it
 * to whoever waits for the window's end.
 */
public final class LatencyTracker
{
    public static final long HIGHEST_TRACKABLE_NS = TimeUnit.MINUTES.toNanos(2);

    private final long[] intended;
    private final int mask;
    private final AtomicLong completed = new AtomicLong();
    private volatile long windowFirst = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    private volatile Histogram window;
    private long lastInWindowNanos;
    private long next;

    /** @param capacity commands the producer may be ahead of the completions (rounded up to a power of two). */
    public LatencyTracker(final int capacity)
    {
        final int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        intended = new long[size];
        mask = size - 1;
    }

    public int capacity()
    {
        return intended.length;
    }

    /** Producer: may command {@code n} be sent without overwriting an intended time not yet used? */
    public boolean hasRoom(final long n)
    {
        return n - completed.get() < intended.length;
    }

    /** Producer, before sending command {@code n}. */
    public void intend(final long n, final long intendedNanos)
    {
        intended[(int)(n & mask)] = intendedNanos;
    }

    /** Producer, before command {@code first} is sent: record commands first..end-1 into {@code histogram}. */
    public void openWindow(final long first, final long end, final Histogram histogram)
    {
        window = histogram;
        windowEnd = end;
        windowFirst = first;
    }

    /** The completing thread, once per command, in command order. */
    public void onCompleted(final long nowNanos)
    {
        final long n = next++;
        if (n >= windowFirst && n < windowEnd)
        {
            final long latency = nowNanos - intended[(int)(n & mask)];
            window.recordValue(Math.min(HIGHEST_TRACKABLE_NS, Math.max(0, latency)));
            lastInWindowNanos = nowNanos;
        }
        completed.lazySet(n + 1);
    }

    /** Commands completed so far. */
    public long completed()
    {
        return completed.get();
    }

    /** When the last recorded command completed; read after {@link #completed()} passed the window's end. */
    public long lastInWindowNanos()
    {
        return lastInWindowNanos;
    }
}

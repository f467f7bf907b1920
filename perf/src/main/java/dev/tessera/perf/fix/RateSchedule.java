package dev.tessera.perf.fix;

/**
 * A fixed-rate schedule: request k (from 0) is due at {@code startNanos + k * 1e9 / rate}, its
 * INTENDED send time, whatever happened to the requests before it. Latency is measured from this
 * time, not from when the request was actually written, so a stall of the client or the server
 * (a full socket, a GC pause, a descheduled thread) shows up in every request it delayed, as it
 * would for a client trading on that schedule: the correction for coordinated omission. The time
 * of request k is computed from k, never by adding a rounded period, so it does not drift.
 */
public final class RateSchedule
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long startNanos;
    private final long ratePerSecond;

    public RateSchedule(final long startNanos, final long ratePerSecond)
    {
        if (ratePerSecond <= 0)
        {
            throw new IllegalArgumentException("rate must be > 0: " + ratePerSecond);
        }
        this.startNanos = startNanos;
        this.ratePerSecond = ratePerSecond;
    }

    public long startNanos()
    {
        return startNanos;
    }

    public long ratePerSecond()
    {
        return ratePerSecond;
    }

    /** When request {@code k} is due. */
    public long intendedNanos(final long k)
    {
        return startNanos + k * NANOS_PER_SECOND / ratePerSecond;
    }

    /** How many requests are due at {@code nowNanos}: those with an intended time at or before it. */
    public long dueCount(final long nowNanos)
    {
        if (nowNanos < startNanos)
        {
            return 0;
        }
        // k is due when floor(k * 1e9 / rate) <= elapsed, i.e. k * 1e9 < (elapsed + 1) * rate: the count is
        // ceil((elapsed + 1) * rate / 1e9). multiplyExact: a run long enough to overflow is a bug, not a wrap.
        final long elapsed = nowNanos - startNanos;
        return (Math.multiplyExact(elapsed + 1, ratePerSecond) + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }

    /** The first request due at or after {@code nanos}: the boundary of a window on this schedule. */
    public long firstAtOrAfter(final long nanos)
    {
        return dueCount(nanos - 1);
    }
}

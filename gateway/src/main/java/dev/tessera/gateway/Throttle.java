package dev.tessera.gateway;

/**
 * A token bucket: {@code ratePerSecond} messages a second on average, bursts up to one second's
 * worth. Over the limit a message is rejected at once (never queued), so one busy client cannot
 * slow the gateway down for the others.
 */
final class Throttle
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long ratePerSecond;
    /** Tokens times {@link #NANOS_PER_SECOND}, so refills stay exact in integers. */
    private long scaledTokens;
    private long lastRefillNs;
    private boolean started;

    Throttle(final long ratePerSecond)
    {
        this.ratePerSecond = ratePerSecond;
    }

    boolean tryAcquire(final long nowNs)
    {
        final long capacity = ratePerSecond * NANOS_PER_SECOND;
        if (!started)
        {
            started = true;
            scaledTokens = capacity;
            lastRefillNs = nowNs;
        }
        final long elapsedNs = Math.max(0, nowNs - lastRefillNs);
        lastRefillNs = nowNs;
        // elapsed * rate stays far below 2^63 for any sane rate once capped at a second
        scaledTokens = Math.min(capacity, scaledTokens + Math.min(elapsedNs, NANOS_PER_SECOND) * ratePerSecond);
        if (scaledTokens >= NANOS_PER_SECOND)
        {
            scaledTokens -= NANOS_PER_SECOND;
            return true;
        }
        return false;
    }
}

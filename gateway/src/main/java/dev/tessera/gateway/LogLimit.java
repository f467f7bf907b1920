package dev.tessera.gateway;

import java.util.concurrent.TimeUnit;

/**
 * A bound on the log lines one source (a session's inbound rejects) makes: up to {@code burstLines} lines, then the
 * rest only counted, and that count logged in one line at most once per {@code intervalNs}; once a whole interval has
 * passed with nothing left uncounted, full lines again. A client sending thousands of rejects a second thus costs the
 * log a few lines, not one each, and the gateway thread, which serves every session, no string per message. Times are
 * the gateway's {@code System.nanoTime()}, as the session {@link Throttle}'s. No allocation. One thread.
 */
final class LogLimit
{
    static final int BURST_LINES = 10;
    static final long INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final int burstLines;
    private final long intervalNs;
    /** Full lines since the budget was last refilled. */
    private int lines;
    /** Not logged since the last line that said how many were not. */
    private long suppressed;
    /** When the last line (full or summary) was logged. */
    private long lastLineNs;

    LogLimit(final int burstLines, final long intervalNs)
    {
        this.burstLines = burstLines;
        this.intervalNs = intervalNs;
    }

    /** @return whether the line about to be made at {@code nowNs} is logged; if not, it is counted. */
    boolean tryLine(final long nowNs)
    {
        if (suppressed == 0 && lines > 0 && nowNs - lastLineNs >= intervalNs)
        {
            lines = 0;
        }
        if (suppressed == 0 && lines < burstLines)
        {
            lines++;
            lastLineNs = nowNs;
            return true;
        }
        suppressed++;
        return false;
    }

    /**
     * @return how many lines were not logged, when a line saying so is due at {@code nowNs} (an interval after the
     *     last line); 0 when none is. The caller logs it: the count starts again from 0.
     */
    long takeSuppressed(final long nowNs)
    {
        if (suppressed == 0 || nowNs - lastLineNs < intervalNs)
        {
            return 0;
        }
        final long count = suppressed;
        suppressed = 0;
        lastLineNs = nowNs;
        return count;
    }
}

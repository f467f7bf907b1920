package dev.tessera.gateway;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Failed accepts of the server socket (QA 125 F5: file descriptors used up, "Too many open files"). The connection
 * stays pending, so a selector that still selects the server's key finds it again at every pass: the gateway thread
 * spun, logging a line each time (16.7 million lines in a minute). A failure takes the key's interest away for
 * {@link #BACK_OFF_NS}, given back by {@link #resume} in the duty cycle, and its lines are bounded as the gateway's
 * other repeated lines are ({@link LogLimit}: at most 10, then one a second saying how many failed since the last
 * line). The gateway thread only.
 */
final class AcceptFailures
{
    static final long BACK_OFF_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Consumer<String> log;
    private final LogLimit lines = new LogLimit(LogLimit.BURST_LINES, LogLimit.INTERVAL_NS);
    /** The key backing off, {@code null} when none is. */
    private SelectionKey pausedKey;
    private int pausedOps;
    private long pausedAtNs;
    /** The last failure's message, for the line that counts the ones not logged. */
    private String lastProblem;

    AcceptFailures(final Consumer<String> log)
    {
        this.log = log;
    }

    /** An accept through {@code key}'s channel failed with {@code ex} at {@code nowNs}: backs off, logs (bounded). */
    void failed(final SelectionKey key, final IOException ex, final long nowNs)
    {
        lastProblem = ex.getMessage();
        if (key.isValid())
        {
            if (pausedKey == null)
            {
                pausedOps = key.interestOps();
            }
            key.interestOps(0);
            pausedKey = key;
            pausedAtNs = nowNs;
        }
        if (lines.tryLine(nowNs))
        {
            log.accept("gateway: accept failed: " + lastProblem + "; accepting again in " +
                TimeUnit.NANOSECONDS.toMillis(BACK_OFF_NS) + " ms");
        }
    }

    /** @return 1 when the back-off is over at {@code nowNs} and the key is selected again, else 0. */
    int resume(final long nowNs)
    {
        if (pausedKey == null || nowNs - pausedAtNs < BACK_OFF_NS)
        {
            return 0;
        }
        final SelectionKey key = pausedKey;
        pausedKey = null;
        if (!key.isValid()) // the server socket closed meanwhile (the shutdown)
        {
            return 0;
        }
        key.interestOps(pausedOps);
        return 1;
    }

    /** Logs how many failures were not logged one by one, when such a line is due (at most one a second). */
    void onTimer(final long nowNs)
    {
        final long notLogged = lines.takeSuppressed(nowNs);
        if (notLogged > 0)
        {
            log.accept("gateway: " + notLogged + " more accept(s) failed (the last: " + lastProblem + "), not logged " +
                "one by one (at most " + LogLimit.BURST_LINES + " lines, then one a second; accepting again " +
                TimeUnit.NANOSECONDS.toMillis(BACK_OFF_NS) + " ms after each)");
        }
    }
}

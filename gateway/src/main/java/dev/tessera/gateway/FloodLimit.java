package dev.tessera.gateway;

/**
 * Counts a session's inbound messages in windows of one second, to log out a session that sends far more than its
 * throttle lets through. The throttle refuses or leaves unanswered what is over it, but every such message is still
 * read, parsed and its MsgSeqNum recorded: a client sending 200,000 a second past a throttle of 10,000 grew its
 * session file by 1.5 MB a second and raised other sessions' p99 from 1 ms to 20-100 ms (QA 132 N1).
 *
 * <p>A window starts at the first message one second or more after the start of the last one (a fixed window, not a
 * sliding one: two longs and a compare a message), so a session is logged out once it sends {@code limit} messages
 * within one window, and can send fewer than twice that within any one second without being. The count is
 * the session's and outlives its connection, as the throttle does: a session logged out for a flood that logs on
 * again within the same window is logged out at its next message. Times are the gateway thread's
 * {@code System.nanoTime()}, as the {@link Throttle}'s. No allocation. One thread.
 */
final class FloodLimit
{
    static final long WINDOW_NS = 1_000_000_000L;

    /** Messages within one window that make a flood; 0: none ever does. */
    private final long limit;
    private long windowStartNs;
    /** Messages counted in the window from {@link #windowStartNs} (0 before the first). */
    private long count;

    FloodLimit(final long limit)
    {
        this.limit = limit;
    }

    /** Counts a message received at {@code nowNs}. @return whether it makes the window's count a flood. */
    boolean onMessage(final long nowNs)
    {
        if (count == 0 || nowNs - windowStartNs >= WINDOW_NS)
        {
            windowStartNs = nowNs;
            count = 0;
        }
        count++;
        return limit != 0 && count >= limit;
    }

    /** The messages counted in the current window. */
    long count()
    {
        return count;
    }
}

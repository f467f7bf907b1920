package dev.tessera.perf.fix;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A FIX load generator: many sessions, each its own non-blocking socket, all driven by the calling
 * thread in one duty cycle (schedule what is due, encode and write it, read and parse what arrived).
 *
 * <p>Two kinds of step:
 * <ul>
 *   <li>{@link #fixedRate}: requests on a {@link RateSchedule}, round-robin over the sessions, each
 *       measured from its intended send time to the receipt of its ExecutionReport: coordinated
 *       omission is corrected, a late client or a slow server costs every request it delays. A
 *       lead-in at the same rate precedes the measured window.</li>
 *   <li>{@link #closedLoop}: every session keeps {@code window} requests in flight and sends the next
 *       as soon as one is answered: the sustained rate the gateway acknowledges. Latency here is
 *       send to answer, with no schedule to correct against.</li>
 * </ul>
 * The receive time is taken when a read returns, before parsing, so parsing a large read does not
 * count against the gateway. Everything that is not the expected answer (a reject, a gap, an answer
 * to nothing, an unanswered request) is counted in {@link #errors()}.
 *
 * <p>A step ends at once when the gateway is gone: every session's connection lost, or its process ended
 * ({@link #gatewayAlive}). Its result then says so ({@link StepResult#gatewayGone()}) and measures nothing: without
 * this, a dead gateway's step ran on to its give-up time and read as a saturated one (QA 113 F1).
 */
public final class LoadGenerator implements AutoCloseable
{
    /** A session's credentials: SenderCompID and Password (554). */
    public record SessionLogin(String compId, String password)
    {
    }

    private static final long HIGHEST_TRACKABLE_NS = TimeUnit.MINUTES.toNanos(2);
    private static final int MAX_ERROR_SAMPLES = 20;
    /** How often a step asks whether the gateway is gone, rather than on every turn of its loop. */
    private static final long GONE_CHECK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final LoadSettings settings;
    private final LoadSession[] sessions;
    private final Selector selector;
    private final FixView view = new FixView();
    private final Consumer<SelectionKey> onReadable = this::onReadable;
    private final List<String> errorSamples = new ArrayList<>();
    private long errors;
    private boolean closing;
    private BooleanSupplier gatewayAlive = () -> true;
    private boolean gatewayGone;
    private long lastGoneCheckNanos;

    private long backlogTotal;
    private long maxLateNanos;
    private long lastHeartbeatCheckNanos;

    private boolean recordByIntended;
    private long recordFromNanos = Long.MAX_VALUE;
    private long recordToNanos = Long.MIN_VALUE;
    private Histogram all;
    private Histogram newOrders;
    private Histogram cancels;
    private long recorded;
    private long lastRecordedNanos;
    private long[] perSecond;

    public LoadGenerator(final InetSocketAddress gateway, final List<SessionLogin> logins, final LoadSettings settings)
    {
        this.settings = settings;
        this.sessions = new LoadSession[logins.size()];
        try
        {
            this.selector = Selector.open();
            for (int i = 0; i < sessions.length; i++)
            {
                final SessionLogin login = logins.get(i);
                final OrderFlow flow = new OrderFlow(settings.seed() * 1_000_003L + i, settings.maxLiveOrders(),
                    settings.referencePriceTicks(), settings.maxOffsetTicks(), settings.maxQuantity());
                final LoadSession session = new LoadSession(i, login.compId(), login.password(), settings.targetCompId(), flow,
                    settings.symbol(), settings.priceDecimals());
                session.channel = SocketChannel.open(gateway);
                session.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                session.channel.configureBlocking(false);
                session.channel.register(selector, SelectionKey.OP_READ, session);
                sessions[i] = session;
            }
        }
        catch (final IOException ex)
        {
            closeChannels();
            throw new UncheckedIOException("cannot connect to " + gateway, ex);
        }
    }

    /**
     * How to tell that the gateway's process has ended (its sockets may outlive it for a moment): a step ends once this
     * says false. Without it, only the loss of every session's connection ends a step early.
     */
    public LoadGenerator gatewayAlive(final BooleanSupplier alive)
    {
        this.gatewayAlive = alive;
        return this;
    }

    /** Logs every session on (ResetSeqNumFlag=Y); throws if one is not logged on in time. */
    public void logon(final long timeoutNanos)
    {
        final long epochMillis = System.currentTimeMillis();
        for (final LoadSession session : sessions)
        {
            session.writer.logon(session.out, session.nextOutSeqNum++, epochMillis, settings.heartBtIntSeconds(), session.password);
        }
        final long deadline = System.nanoTime() + timeoutNanos;
        while (!allLoggedOn())
        {
            final long now = System.nanoTime();
            if (now > deadline || errors > 0)
            {
                throw new IllegalStateException("logon failed: " + loggedOnCount() + " of " + sessions.length +
                    " sessions logged on; " + errorSummary());
            }
            if (!(flushAll(now) | poll()))
            {
                idle();
            }
        }
    }

    /**
     * Sends at {@code ratePerSecond} for {@code leadInNanos + measureNanos}, recording (if {@code record})
     * the requests whose intended time falls in the measured window, then waits for every answer.
     */
    public StepResult fixedRate(final long ratePerSecond, final long leadInNanos, final long measureNanos, final boolean record)
    {
        final long cpuBefore = THREADS.getCurrentThreadCpuTime();
        final RateSchedule schedule = new RateSchedule(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1), ratePerSecond);
        final long windowFrom = schedule.startNanos() + leadInNanos;
        final long windowTo = windowFrom + measureNanos;
        final long total = schedule.firstAtOrAfter(windowTo);
        arm(record, true, windowFrom, windowTo);
        // A step that falls this far behind its schedule is saturated: stop, rather than queue for ever.
        final long giveUp = schedule.startNanos() + 3 * Math.max(windowTo - schedule.startNanos(), TimeUnit.SECONDS.toNanos(1));
        long scheduled = 0;
        int nextSession = 0;
        while (true)
        {
            final long now = System.nanoTime();
            if (scheduled < total)
            {
                final long due = Math.min(total, schedule.dueCount(now));
                while (scheduled < due && !sessions[nextSession].backlogFull())
                {
                    sessions[nextSession].enqueue(schedule.intendedNanos(scheduled));
                    backlogTotal++;
                    scheduled++;
                    nextSession = nextSession + 1 == sessions.length ? 0 : nextSession + 1;
                }
            }
            else if (backlogTotal == 0)
            {
                break;
            }
            if (now > giveUp || gatewayGone(now))
            {
                break;
            }
            if (!(sendBacklogs(now) | flushAll(now) | poll()))
            {
                heartbeats(now);
                idle();
            }
        }
        long unsent = total - scheduled;
        for (final LoadSession session : sessions)
        {
            unsent += session.clearBacklog();
        }
        backlogTotal = 0;
        drain(TimeUnit.SECONDS.toNanos(60));
        final double seconds = Math.max(measureNanos, lastRecordedNanos - windowFrom) / 1e9;
        return result(ratePerSecond, 0, total, unsent, recorded / seconds, -1, cpuBefore);
    }

    /**
     * Every session keeps {@code window} requests in flight for {@code warmupNanos + measureNanos};
     * answers received in the measured window are counted and their send-to-answer latency recorded.
     */
    public StepResult closedLoop(final int window, final long warmupNanos, final long measureNanos)
    {
        final long cpuBefore = THREADS.getCurrentThreadCpuTime();
        final long start = System.nanoTime();
        final long windowFrom = start + warmupNanos;
        final long windowTo = windowFrom + measureNanos;
        arm(true, false, windowFrom, windowTo);
        perSecond = new long[(int)Math.max(1, measureNanos / TimeUnit.SECONDS.toNanos(1))];
        long sent = 0;
        while (true)
        {
            final long now = System.nanoTime();
            if (now >= windowTo || gatewayGone(now))
            {
                break;
            }
            final long epochMillis = System.currentTimeMillis();
            boolean worked = false;
            for (final LoadSession session : sessions)
            {
                while (session.canSend(window))
                {
                    session.sendNext(now, epochMillis);
                    sent++;
                    worked = true;
                }
            }
            if (!(flushAll(now) | poll() | worked))
            {
                heartbeats(now);
                idle();
            }
        }
        drain(TimeUnit.SECONDS.toNanos(60));
        long slowest = Long.MAX_VALUE;
        for (final long count : perSecond)
        {
            slowest = Math.min(slowest, count);
        }
        final StepResult result = result(0, window, sent, 0, recorded / (measureNanos / 1e9), slowest, cpuBefore);
        perSecond = null;
        return result;
    }

    /** Waits until every sent request is answered; an unanswered one is an error. */
    public boolean drain(final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (openCount() > 0)
        {
            final long now = System.nanoTime();
            if (gatewayGone(now))
            {
                // Nothing more will come: what is open stays unanswered, and the step says why.
                return false;
            }
            if (now > deadline)
            {
                error(openCount() + " requests unanswered after " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s");
                return false;
            }
            if (!(flushAll(now) | poll()))
            {
                heartbeats(now);
                idle();
            }
        }
        return true;
    }

    public long errors()
    {
        return errors;
    }

    /** Whether a step has found the gateway gone (every connection lost, or its process ended); it stays gone. */
    public boolean gatewayGone()
    {
        return gatewayGone;
    }

    /** The first few errors, for the report. */
    public List<String> errorSamples()
    {
        return List.copyOf(errorSamples);
    }

    public int sessionCount()
    {
        return sessions.length;
    }

    /** Logs every session out (waiting up to five seconds for the gateway's Logout) and closes the sockets. */
    @Override
    public void close()
    {
        closing = true;
        try
        {
            final long epochMillis = System.currentTimeMillis();
            for (final LoadSession session : sessions)
            {
                if (session != null && session.loggedOn && !session.loggedOut && session.out.remaining() >= FixWriter.maxMessageBytes())
                {
                    session.writer.logout(session.out, session.nextOutSeqNum++, epochMillis);
                }
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!allLoggedOut() && System.nanoTime() < deadline)
            {
                if (!(flushAll(System.nanoTime()) | poll()))
                {
                    Thread.yield();
                }
            }
        }
        finally
        {
            closeChannels();
        }
    }

    private void arm(final boolean record, final boolean byIntended, final long fromNanos, final long toNanos)
    {
        recordByIntended = byIntended;
        recordFromNanos = record ? fromNanos : Long.MAX_VALUE;
        recordToNanos = record ? toNanos : Long.MIN_VALUE;
        all = new Histogram(HIGHEST_TRACKABLE_NS, 3);
        newOrders = new Histogram(HIGHEST_TRACKABLE_NS, 3);
        cancels = new Histogram(HIGHEST_TRACKABLE_NS, 3);
        recorded = 0;
        lastRecordedNanos = fromNanos;
        maxLateNanos = 0;
    }

    private StepResult result(
        final long rate, final int window, final long scheduled, final long unsent, final double achieved, final long slowest,
        final long cpuBefore)
    {
        return new StepResult(rate, window, scheduled, unsent, recorded, achieved, slowest, all, newOrders, cancels, maxLateNanos,
            errors, THREADS.getCurrentThreadCpuTime() - cpuBefore, gatewayGone);
    }

    /**
     * Whether the gateway is gone: every session's connection lost (a killed process's sockets are reset at once), or its
     * process ended. Asked at most every {@link #GONE_CHECK_INTERVAL_NS}; once gone, it stays gone.
     */
    private boolean gatewayGone(final long now)
    {
        if (!gatewayGone && now - lastGoneCheckNanos >= GONE_CHECK_INTERVAL_NS)
        {
            lastGoneCheckNanos = now;
            gatewayGone = connectedCount() == 0 || !gatewayAlive.getAsBoolean();
        }
        return gatewayGone;
    }

    private int connectedCount()
    {
        int count = 0;
        for (final LoadSession session : sessions)
        {
            count += session.loggedOut ? 0 : 1;
        }
        return count;
    }

    private boolean sendBacklogs(final long now)
    {
        if (backlogTotal == 0)
        {
            return false;
        }
        final long epochMillis = System.currentTimeMillis();
        boolean worked = false;
        for (final LoadSession session : sessions)
        {
            while (session.backlogCount() > 0 && session.canSend(LoadSession.OPEN_CAPACITY))
            {
                final long intended = session.peekBacklog();
                session.popBacklog();
                backlogTotal--;
                session.sendNext(intended, epochMillis);
                maxLateNanos = Math.max(maxLateNanos, now - intended);
                worked = true;
            }
        }
        return worked;
    }

    private boolean flushAll(final long now)
    {
        boolean worked = false;
        for (final LoadSession session : sessions)
        {
            try
            {
                if (session.flush() > 0)
                {
                    session.lastSentNanos = now;
                    worked = true;
                }
            }
            catch (final IOException ex)
            {
                lost(session, "write failed: " + ex);
            }
        }
        return worked;
    }

    private boolean poll()
    {
        try
        {
            return selector.selectNow(onReadable) > 0;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void onReadable(final SelectionKey key)
    {
        final LoadSession session = (LoadSession)key.attachment();
        final int read;
        try
        {
            read = session.channel.read(session.in);
        }
        catch (final IOException ex)
        {
            lost(session, "read failed: " + ex);
            return;
        }
        final long receivedNanos = System.nanoTime();
        if (read < 0)
        {
            lost(session, "connection closed by the gateway");
            return;
        }
        final int limit = session.in.position();
        int position = 0;
        while (position < limit)
        {
            final int length = FixView.frame(session.in, position, limit);
            if (length == FixView.INCOMPLETE)
            {
                break;
            }
            if (length == FixView.MALFORMED)
            {
                lost(session, "malformed bytes from the gateway at offset " + position);
                return;
            }
            if (view.wrap(session.in, position, length))
            {
                onMessage(session, receivedNanos);
            }
            else
            {
                error(session.compId + ": bad message (checksum or field syntax): " + view);
            }
            position += length;
        }
        session.in.limit(limit).position(position);
        session.in.compact();
    }

    private void onMessage(final LoadSession session, final long receivedNanos)
    {
        final long msgSeqNum = view.longValue(34);
        final int msgType = view.msgType();
        if (msgSeqNum != session.expectedInSeqNum && msgType != '4')
        {
            error(session.compId + ": MsgSeqNum " + msgSeqNum + " where " + session.expectedInSeqNum + " was expected");
        }
        session.expectedInSeqNum = msgSeqNum + 1;
        switch (msgType)
        {
            case '8' -> onExecutionReport(session, receivedNanos);
            case 'A' -> session.loggedOn = true;
            case '0' ->
            {
                // Heartbeat: nothing to do.
            }
            case '1' -> heartbeat(session, view.string(112));
            case '5' ->
            {
                session.loggedOut = true;
                if (!closing)
                {
                    error(session.compId + ": logged out by the gateway: " + view.string(58));
                }
            }
            case '4' -> session.expectedInSeqNum = view.longValue(36);
            case '9' ->
            {
                session.close(view.longValue(11));
                error(session.compId + ": OrderCancelReject: " + view);
            }
            default -> error(session.compId + ": unexpected message: " + view);
        }
    }

    private void onExecutionReport(final LoadSession session, final long receivedNanos)
    {
        final long clOrdId = view.longValue(11);
        final char execType = view.charValue(150);
        final long intended = session.intendedNanos(clOrdId);
        final byte kind = session.close(clOrdId);
        if (kind == 0)
        {
            error(session.compId + ": ExecutionReport for no open request: " + view);
            return;
        }
        final char expected = kind == OrderFlow.NEW_ORDER ? '0' : '4';
        if (execType != expected)
        {
            error(session.compId + ": ExecType " + execType + " where " + expected + " was expected: " + view);
            return;
        }
        final long key = recordByIntended ? intended : receivedNanos;
        if (key >= recordFromNanos && key < recordToNanos)
        {
            final long latency = Math.min(HIGHEST_TRACKABLE_NS, Math.max(0, receivedNanos - intended));
            all.recordValue(latency);
            (kind == OrderFlow.NEW_ORDER ? newOrders : cancels).recordValue(latency);
            recorded++;
            lastRecordedNanos = Math.max(lastRecordedNanos, receivedNanos);
            if (perSecond != null)
            {
                perSecond[(int)Math.min(perSecond.length - 1, (receivedNanos - recordFromNanos) / TimeUnit.SECONDS.toNanos(1))]++;
            }
        }
    }

    private void heartbeats(final long now)
    {
        if (now - lastHeartbeatCheckNanos < TimeUnit.MILLISECONDS.toNanos(100))
        {
            return;
        }
        lastHeartbeatCheckNanos = now;
        final long interval = TimeUnit.SECONDS.toNanos(settings.heartBtIntSeconds());
        for (final LoadSession session : sessions)
        {
            if (session.loggedOn && now - session.lastSentNanos > interval)
            {
                heartbeat(session, null);
            }
        }
    }

    private void heartbeat(final LoadSession session, final String testReqId)
    {
        if (session.out.remaining() >= FixWriter.maxMessageBytes())
        {
            session.writer.heartbeat(session.out, session.nextOutSeqNum++, System.currentTimeMillis(), testReqId);
        }
    }

    private void idle()
    {
        if (settings.spin())
        {
            Thread.onSpinWait();
        }
        else
        {
            Thread.yield();
        }
    }

    private void lost(final LoadSession session, final String reason)
    {
        if (!session.loggedOut)
        {
            session.loggedOut = true;
            if (!closing)
            {
                error(session.compId + ": " + reason);
            }
        }
        final SelectionKey key = session.channel.keyFor(selector);
        if (key != null)
        {
            key.cancel();
        }
        session.out.clear();
    }

    private void error(final String message)
    {
        errors++;
        if (errorSamples.size() < MAX_ERROR_SAMPLES)
        {
            errorSamples.add(message);
        }
    }

    private String errorSummary()
    {
        return errors + " errors" + (errorSamples.isEmpty() ? "" : ", first: " + errorSamples);
    }

    private long openCount()
    {
        long open = 0;
        for (final LoadSession session : sessions)
        {
            if (!session.loggedOut)
            {
                open += session.openCount();
            }
        }
        return open;
    }

    private boolean allLoggedOn()
    {
        return loggedOnCount() == sessions.length;
    }

    private int loggedOnCount()
    {
        int count = 0;
        for (final LoadSession session : sessions)
        {
            count += session.loggedOn ? 1 : 0;
        }
        return count;
    }

    private boolean allLoggedOut()
    {
        for (final LoadSession session : sessions)
        {
            if (session != null && session.loggedOn && !session.loggedOut)
            {
                return false;
            }
        }
        return true;
    }

    private void closeChannels()
    {
        for (final LoadSession session : sessions)
        {
            if (session != null && session.channel != null)
            {
                try
                {
                    session.channel.close();
                }
                catch (final IOException ex)
                {
                    // Closing at the end of a run: nothing left to do with the socket either way.
                }
            }
        }
        try
        {
            if (selector != null)
            {
                selector.close();
            }
        }
        catch (final IOException ex)
        {
            // As above.
        }
    }
}

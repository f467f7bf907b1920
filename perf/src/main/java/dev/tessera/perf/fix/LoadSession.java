package dev.tessera.perf.fix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One FIX session of the load generator: its socket, its buffers, its sequence numbers, its order
 * flow and the requests it has sent and not yet had answered. Single-threaded: only the
 * {@link LoadGenerator}'s thread touches it.
 *
 * <p>Open requests are found by ClOrdID: the session numbers them 1, 2, 3, ..., so the ClOrdID's low
 * bits index a ring of {@link #OPEN_CAPACITY} slots holding each request's intended send time and
 * kind. The span from the oldest open request to the newest may not exceed the ring, which bounds
 * what a session has in flight even when the schedule says otherwise; the requests it holds back
 * wait in the backlog with their intended times, so the wait is still measured.
 */
final class LoadSession
{
    static final int OPEN_CAPACITY = 1 << 14;
    private static final int OPEN_MASK = OPEN_CAPACITY - 1;
    static final int BACKLOG_CAPACITY = 1 << 16;
    private static final int BACKLOG_MASK = BACKLOG_CAPACITY - 1;
    private static final int BUFFER_BYTES = 1 << 20;

    final int index;
    final String compId;
    final String password;
    final FixWriter writer;
    final OrderFlow flow;
    private final String symbol;
    private final int priceDecimals;
    final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES);
    /** Write mode: bytes from 0 to position are waiting for the socket. */
    final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_BYTES);
    SocketChannel channel;
    boolean loggedOn;
    boolean loggedOut;
    int nextOutSeqNum = 1;
    long expectedInSeqNum = 1;
    long lastSentNanos;

    private long nextClOrdId = 1;
    private long oldestOpenClOrdId = 1;
    private int openCount;
    private final long[] openIntendedNanos = new long[OPEN_CAPACITY];
    private final byte[] openKinds = new byte[OPEN_CAPACITY];

    private final long[] backlog = new long[BACKLOG_CAPACITY];
    private int backlogHead;
    private int backlogCount;

    LoadSession(
        final int index, final String compId, final String password, final String targetCompId, final OrderFlow flow,
        final String symbol, final int priceDecimals)
    {
        this.symbol = symbol;
        this.priceDecimals = priceDecimals;
        this.index = index;
        this.compId = compId;
        this.password = password;
        this.writer = new FixWriter(compId, targetCompId);
        this.flow = flow;
    }

    /** Requests sent and not yet answered. */
    int openCount()
    {
        return openCount;
    }

    boolean canSend(final int window)
    {
        return nextClOrdId - oldestOpenClOrdId < Math.min(window, OPEN_CAPACITY) &&
            out.remaining() >= FixWriter.maxMessageBytes() && !loggedOut;
    }

    /** Encodes the flow's next request into the output buffer; returns its ClOrdID. */
    long sendNext(final long intendedNanos, final long epochMillis)
    {
        final long clOrdId = nextClOrdId++;
        flow.next(clOrdId);
        if (flow.kind() == OrderFlow.NEW_ORDER)
        {
            writer.newOrderSingle(out, nextOutSeqNum++, epochMillis, clOrdId, symbol, flow.side(), flow.orderQty(),
                flow.priceTicks(), priceDecimals, '1');
        }
        else
        {
            writer.orderCancelRequest(out, nextOutSeqNum++, epochMillis, clOrdId, flow.origClOrdId(), symbol, flow.side(),
                flow.orderQty());
        }
        final int slot = (int)(clOrdId & OPEN_MASK);
        openIntendedNanos[slot] = intendedNanos;
        openKinds[slot] = flow.kind();
        openCount++;
        return clOrdId;
    }

    /**
     * Closes the open request {@code clOrdId}.
     *
     * @return its kind ({@link OrderFlow#NEW_ORDER} or {@link OrderFlow#CANCEL}), or 0 if no such request is open
     */
    byte close(final long clOrdId)
    {
        if (clOrdId < oldestOpenClOrdId || clOrdId >= nextClOrdId)
        {
            return 0;
        }
        final int slot = (int)(clOrdId & OPEN_MASK);
        final byte kind = openKinds[slot];
        if (kind == 0)
        {
            return 0;
        }
        openKinds[slot] = 0;
        openCount--;
        while (oldestOpenClOrdId < nextClOrdId && openKinds[(int)(oldestOpenClOrdId & OPEN_MASK)] == 0)
        {
            oldestOpenClOrdId++;
        }
        return kind;
    }

    /** The intended send time of an open request (read before {@link #close}). */
    long intendedNanos(final long clOrdId)
    {
        return openIntendedNanos[(int)(clOrdId & OPEN_MASK)];
    }

    boolean backlogFull()
    {
        return backlogCount == BACKLOG_CAPACITY;
    }

    void enqueue(final long intendedNanos)
    {
        backlog[(backlogHead + backlogCount) & BACKLOG_MASK] = intendedNanos;
        backlogCount++;
    }

    int backlogCount()
    {
        return backlogCount;
    }

    long peekBacklog()
    {
        return backlog[backlogHead];
    }

    void popBacklog()
    {
        backlogHead = (backlogHead + 1) & BACKLOG_MASK;
        backlogCount--;
    }

    /** Drops what is still waiting to be sent; returns how many. */
    int clearBacklog()
    {
        final int dropped = backlogCount;
        backlogCount = 0;
        return dropped;
    }

    /** Writes what the socket takes now; returns the bytes written. */
    int flush() throws IOException
    {
        if (out.position() == 0)
        {
            return 0;
        }
        out.flip();
        final int written = channel.write(out);
        out.compact();
        return written;
    }
}

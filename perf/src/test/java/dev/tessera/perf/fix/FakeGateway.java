package dev.tessera.perf.fix;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A stand-in FIX acceptor for testing the load generator: answers Logon, NewOrderSingle (ER New, or
 * ER Rejected when told to), OrderCancelRequest (ER Canceled) and Logout, one blocking thread per
 * connection. It can stall (stop reading and answering) for a given span of time, drop every connection
 * at a given time (as a killed process's sockets are reset), and it records the most requests it read
 * before answering any of them.
 */
final class FakeGateway implements AutoCloseable
{
    private final ServerSocketChannel server;
    private final List<Thread> threads = new ArrayList<>();
    private final List<SocketChannel> channels = new CopyOnWriteArrayList<>();
    private volatile long stallFromNanos = Long.MAX_VALUE;
    private volatile long stallToNanos = Long.MIN_VALUE;
    private volatile boolean rejectNewOrders;
    private volatile boolean closed;
    final AtomicLong newOrders = new AtomicLong();
    final AtomicLong cancels = new AtomicLong();
    final AtomicLong sequenceErrors = new AtomicLong();
    final AtomicInteger maxUnansweredRequests = new AtomicInteger();

    FakeGateway() throws IOException
    {
        server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        final Thread acceptor = new Thread(this::accept, "fake-gateway-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() throws IOException
    {
        return (InetSocketAddress)server.getLocalAddress();
    }

    void stall(final long fromNanos, final long toNanos)
    {
        stallToNanos = toNanos;
        stallFromNanos = fromNanos;
    }

    /** At {@code atNanos} (System.nanoTime), resets every connection and accepts no more, as a gateway killed then. */
    void dropConnectionsAt(final long atNanos)
    {
        final Thread dropper = new Thread(() ->
        {
            long now;
            while ((now = System.nanoTime()) < atNanos)
            {
                LockSupport.parkNanos(atNanos - now);
            }
            closed = true;
            for (final SocketChannel channel : channels)
            {
                try
                {
                    // Linger 0: the close resets the connection, as the kernel does for a process killed outright.
                    channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                    channel.close();
                }
                catch (final IOException ex)
                {
                    // Already closed: nothing to drop.
                }
            }
            try
            {
                server.close();
            }
            catch (final IOException ex)
            {
                // As above.
            }
        }, "fake-gateway-dropper");
        dropper.setDaemon(true);
        dropper.start();
    }

    void rejectNewOrders()
    {
        rejectNewOrders = true;
    }

    @Override
    public void close() throws IOException
    {
        closed = true;
        server.close();
    }

    private void accept()
    {
        while (!closed)
        {
            try
            {
                final SocketChannel channel = server.accept();
                channels.add(channel);
                final Thread thread = new Thread(() -> serve(channel), "fake-gateway-session");
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
            catch (final IOException ex)
            {
                return;
            }
        }
    }

    private void serve(final SocketChannel channel)
    {
        final ByteBuffer in = ByteBuffer.allocate(1 << 20);
        final FixView view = new FixView();
        final StringBuilder answers = new StringBuilder();
        long expectedSeqNum = 1;
        int outSeqNum = 1;
        long orderId = 0;
        try (channel)
        {
            while (!closed)
            {
                if (channel.read(in) < 0)
                {
                    return;
                }
                awaitStallEnd();
                int position = 0;
                int requests = 0;
                int length;
                while ((length = FixView.frame(in, position, in.position())) > 0)
                {
                    if (!view.wrap(in, position, length))
                    {
                        throw new IllegalStateException("bad message " + view);
                    }
                    position += length;
                    if (view.longValue(34) != expectedSeqNum)
                    {
                        sequenceErrors.incrementAndGet();
                    }
                    expectedSeqNum = view.longValue(34) + 1;
                    final String client = view.string(49);
                    final String header = "49=TESSERA\u000156=" + client + "\u000134=" + outSeqNum++ + "\u000152=20261122-08:30:00.000";
                    switch (view.msgType())
                    {
                        case 'A' -> answers.append(FixText.message("35=A", header, "98=0", "108=30"));
                        case '5' -> answers.append(FixText.message("35=5", header));
                        case 'D' ->
                        {
                            requests++;
                            newOrders.incrementAndGet();
                            answers.append(FixText.message("35=8", header, "37=" + ++orderId, "11=" + view.string(11),
                                "17=" + orderId, rejectNewOrders ? "150=8" : "150=0", rejectNewOrders ? "39=8" : "39=0",
                                "55=" + view.string(55), "54=" + view.string(54), "151=" + view.string(38), "14=0", "6=0"));
                        }
                        case 'F' ->
                        {
                            requests++;
                            cancels.incrementAndGet();
                            answers.append(FixText.message("35=8", header, "37=1", "11=" + view.string(11), "41=" + view.string(41),
                                "17=" + ++orderId, "150=4", "39=4", "55=" + view.string(55), "54=" + view.string(54), "151=0",
                                "14=0", "6=0"));
                        }
                        default ->
                        {
                            // Heartbeats: nothing to answer.
                        }
                    }
                }
                final int unanswered = requests;
                maxUnansweredRequests.accumulateAndGet(unanswered, Math::max);
                in.limit(in.position()).position(position);
                in.compact();
                final ByteBuffer out = ByteBuffer.wrap(answers.toString().getBytes(StandardCharsets.US_ASCII));
                answers.setLength(0);
                while (out.hasRemaining())
                {
                    channel.write(out);
                }
            }
        }
        catch (final IOException ex)
        {
            // The client went away: this session is over.
        }
    }

    private void awaitStallEnd()
    {
        long now;
        while ((now = System.nanoTime()) >= stallFromNanos && now < stallToNanos)
        {
            LockSupport.parkNanos(Math.min(stallToNanos - now, TimeUnit.MILLISECONDS.toNanos(1)));
        }
    }
}

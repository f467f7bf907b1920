package dev.tessera.gateway;

import dev.tessera.fix.FixEncoder;
import dev.tessera.fix.FixFraming;
import dev.tessera.fix.MsgTypes;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A FIX client on a plain blocking socket for tests that need to send what a proper FIX engine
 * never would (garbage, bad checksums, wrong sequence numbers) and to see every byte that comes back.
 */
final class RawFixClient implements AutoCloseable
{
    static final String GATEWAY = "TESSERA";
    /**
     * TransactTime(60), which FIX 4.4 requires on NewOrderSingle, OrderCancelRequest and OrderCancelReplaceRequest,
     * to append to their bodies: the gateway requires it present and reads no time from it.
     */
    static final String TRANSACT_TIME = "|60=20261122-08:00:00.000";
    private static final long NANOS_PER_MILLI = 1_000_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String senderCompId;
    private final byte[] received = new byte[1 << 20];
    private int receivedLength;
    private final List<Msg> messages = new ArrayList<>();
    private final FixFraming framing = new FixFraming(1 << 16);
    private int nextSeqNum = 1;

    RawFixClient(final int port, final String senderCompId) throws IOException
    {
        this(port, senderCompId, 0);
    }

    /**
     * @param receiveBufferBytes SO_RCVBUF, set before connecting so that the TCP window is small
     *     from the start (a client that stops reading then backs up into the server quickly);
     *     0 keeps the operating system's default
     */
    RawFixClient(final int port, final String senderCompId, final int receiveBufferBytes) throws IOException
    {
        this.socket = new Socket();
        if (receiveBufferBytes > 0)
        {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.senderCompId = senderCompId;
    }

    /** A parsed inbound message: tag to first value, plus every field in order. */
    record Msg(Map<Integer, String> fields, List<int[]> order, String wire)
    {
        String get(final int tag)
        {
            return fields.get(tag);
        }

        String type()
        {
            return fields.get(35);
        }

        int seq()
        {
            return Integer.parseInt(fields.get(34));
        }

        @Override
        public String toString()
        {
            return wire.replace('\u0001', '|');
        }
    }

    int nextSeqNum()
    {
        return nextSeqNum;
    }

    void nextSeqNum(final int seqNum)
    {
        nextSeqNum = seqNum;
    }

    /** Sends a message with a correct header and trailer; {@code body} is "tag=value|tag=value". */
    void send(final int msgType, final String body) throws IOException
    {
        sendWithSeq(msgType, nextSeqNum++, body);
    }

    void sendWithSeq(final int msgType, final int seqNum, final String body) throws IOException
    {
        sendRaw(encode(msgType, seqNum, body));
    }

    /** {@link #send} with SendingTime(52) set to {@code sendingTimeMs} (epoch milliseconds) instead of now. */
    void sendSentAt(final int msgType, final long sendingTimeMs, final String body) throws IOException
    {
        sendRaw(encode(msgType, nextSeqNum++, sendingTimeMs, body));
    }

    /**
     * Messages (MsgType, body, MsgType, body, ...) in one write: the gateway reads them in one read and handles them
     * all before it polls the journal, so each is handled before the outcome of the ones before is read back.
     */
    void sendTogether(final Object... typesAndBodies) throws IOException
    {
        byte[] all = new byte[0];
        for (int i = 0; i < typesAndBodies.length; i += 2)
        {
            final byte[] one = encode((Integer)typesAndBodies[i], nextSeqNum++, (String)typesAndBodies[i + 1]);
            final int at = all.length;
            all = Arrays.copyOf(all, at + one.length);
            System.arraycopy(one, 0, all, at, one.length);
        }
        sendRaw(all);
    }

    /** The bytes {@link #sendWithSeq} would send, for tests that damage them first. */
    byte[] encode(final int msgType, final int seqNum, final String body)
    {
        return encode(msgType, seqNum, System.currentTimeMillis(), body);
    }

    private byte[] encode(final int msgType, final int seqNum, final long sendingTimeMs, final String body)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8192 + 2 * body.length()]);
        final FixEncoder encoder = new FixEncoder().wrap(buffer, 0);
        encoder.begin(msgType, senderCompId, GATEWAY, seqNum, sendingTimeMs * NANOS_PER_MILLI);
        for (final String field : body.split("\\|"))
        {
            if (field.isEmpty())
            {
                continue;
            }
            final int eq = field.indexOf('=');
            // One byte per character (ISO-8859-1), so a test can send bytes above 0x7F as they are.
            final byte[] value = field.substring(eq + 1).getBytes(StandardCharsets.ISO_8859_1);
            encoder.putString(Integer.parseInt(field.substring(0, eq)), new UnsafeBuffer(value), 0, value.length);
        }
        final int length = encoder.finish();
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    void sendRaw(final byte[] bytes) throws IOException
    {
        out.write(bytes);
        out.flush();
    }

    /** A client connected to {@code port} and logged on as {@code compId} with a sequence reset, its Logon answered. */
    static RawFixClient loggedOn(final int port, final String compId, final String password) throws IOException
    {
        final RawFixClient client = new RawFixClient(port, compId);
        client.logon(password, true);
        client.await("A");
        return client;
    }

    void logon(final String password, final boolean reset) throws IOException
    {
        send(MsgTypes.LOGON, "98=0|108=30" + (reset ? "|141=Y" : "") + (password == null ? "" : "|554=" + password));
    }

    /** Waits for the next message that matches; earlier ones are kept for {@link #all}. */
    Msg await(final Predicate<Msg> matching, final Duration timeout) throws IOException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (true)
        {
            for (int i = seen; i < messages.size(); i++)
            {
                final Msg msg = messages.get(i);
                if (matching.test(msg))
                {
                    messages.remove(i);
                    return msg;
                }
            }
            seen = messages.size();
            final long leftMs = (deadline - System.nanoTime()) / NANOS_PER_MILLI;
            if (leftMs <= 0 || !readSome((int)Math.max(1, leftMs)))
            {
                if (System.nanoTime() >= deadline)
                {
                    throw new AssertionError("no matching message within " + timeout + "; got " + messages);
                }
            }
        }
    }

    Msg await(final String msgType) throws IOException
    {
        return await(msg -> msgType.equals(msg.type()), Duration.ofSeconds(10));
    }

    /** The next ExecutionReport for order {@code clOrdId}. */
    Msg awaitReport(final String clOrdId) throws IOException
    {
        return await(msg -> "8".equals(msg.type()) && clOrdId.equals(msg.get(11)), Duration.ofSeconds(10));
    }

    /** The next ExecutionReport for order {@code clOrdId} with ExecType(150) {@code execType}. */
    Msg awaitReport(final String clOrdId, final String execType) throws IOException
    {
        return await(msg -> "8".equals(msg.type()) && clOrdId.equals(msg.get(11)) && execType.equals(msg.get(150)),
            Duration.ofSeconds(10));
    }

    /** Messages received and not yet taken by {@link #await}. */
    List<Msg> all()
    {
        return messages;
    }

    /** Reads until the server closes the connection. @return true if it did within the timeout. */
    boolean awaitClosed(final Duration timeout) throws IOException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline)
        {
            try
            {
                socket.setSoTimeout(100);
                final int read = in.read(received, receivedLength, received.length - receivedLength);
                if (read < 0)
                {
                    return true;
                }
                receivedLength += read;
                frame();
            }
            catch (final SocketTimeoutException ignored)
            {
                // keep waiting
            }
            catch (final IOException ex)
            {
                return true; // reset by the server
            }
        }
        return false;
    }

    /** Drains whatever arrives within {@code duration}. */
    void drain(final Duration duration) throws IOException
    {
        final long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline)
        {
            readSome(50);
        }
    }

    private boolean readSome(final int timeoutMs) throws IOException
    {
        try
        {
            socket.setSoTimeout(timeoutMs);
            final int read = in.read(received, receivedLength, received.length - receivedLength);
            if (read < 0)
            {
                throw new IOException("server closed the connection; got " + messages);
            }
            receivedLength += read;
            frame();
            return true;
        }
        catch (final SocketTimeoutException ex)
        {
            return false;
        }
    }

    private void frame()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(received, 0, receivedLength);
        int offset = 0;
        while (true)
        {
            final int length = framing.frame(buffer, offset, receivedLength - offset);
            if (length == FixFraming.INCOMPLETE)
            {
                break;
            }
            if (length == FixFraming.MALFORMED)
            {
                throw new AssertionError("the server sent a malformed message: " + framing.error());
            }
            final String wire = new String(received, offset, length, StandardCharsets.ISO_8859_1);
            messages.add(parse(wire));
            offset += length;
        }
        System.arraycopy(received, offset, received, 0, receivedLength - offset);
        receivedLength -= offset;
    }

    /** The body of a message: its fields but BeginString, BodyLength, MsgSeqNum, SendingTime, PossDup ones, CheckSum. */
    static String withoutHeader(final Msg msg)
    {
        final StringBuilder body = new StringBuilder();
        msg.fields().forEach((tag, value) ->
        {
            if (tag != 8 && tag != 9 && tag != 34 && tag != 52 && tag != 43 && tag != 122 && tag != 10)
            {
                body.append(tag).append('=').append(value).append('|');
            }
        });
        return body.toString();
    }

    static Msg parse(final String wire)
    {
        final Map<Integer, String> fields = new LinkedHashMap<>();
        final List<int[]> order = new ArrayList<>();
        for (final String field : wire.split("\u0001"))
        {
            final int eq = field.indexOf('=');
            final int tag = Integer.parseInt(field.substring(0, eq));
            fields.putIfAbsent(tag, field.substring(eq + 1));
            order.add(new int[] {tag});
        }
        return new Msg(fields, order, wire);
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}

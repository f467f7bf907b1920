package dev.tessera.gateway;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client socket: a bounded inbound buffer the framer reads messages from, and a bounded
 * outbound buffer messages are encoded straight into. Neither grows: a message longer than the
 * maximum is a framing error, and a client that stops reading until its outbound buffer would
 * overflow is disconnected, so no socket can make the gateway (let alone the engine) wait.
 */
final class Connection
{
    /** Room for the gateway's own fields of the largest message it encodes (a deep market data snapshot). */
    static final int MAX_OUTBOUND_MESSAGE_BYTES = 16 * 1024;

    final long id;
    final SocketChannel channel;
    final SelectionKey key;
    final String remote;
    final ByteBuffer inbound;
    final UnsafeBuffer inboundBuffer;
    final ByteBuffer outbound;
    final UnsafeBuffer outboundBuffer;
    /** Bytes in {@link #inbound} from 0 not yet consumed. */
    int inboundLength;
    /** Bytes in {@link #outbound} from 0 not yet written to the socket. */
    int outboundLength;
    /**
     * Bytes of a message longer than the maximum still to come: dropped as they arrive, never held
     * ({@link #skip}), so the inbound bound stands whatever BodyLength(9) a client announces.
     */
    private long skipping;
    /** Its session cannot hold another throttled message yet ({@link FixSession#canHoldReject}): nothing is read. */
    boolean readPaused;
    /**
     * Paused too, at a cancel or replace waiting for its order's acknowledgement ({@link
     * OrderEntryAdapter#waitsForAcknowledgement}), first in the inbound buffer.
     */
    boolean awaitingAck;
    final long connectedNs;
    /**
     * Kept free for the next message: the gateway's own fields, plus what it echoes of the message it answers
     * (an MDReqID, a ClOrdID, a TestReqID), which all comes from one inbound message, at most maxMessageBytes.
     */
    private final int messageRoom;
    FixSession session;
    /** The session whose CompID a Logon refused for its username or password named: counted when not logged. */
    FixSession refusedCredentialsOf;
    /** Why it is to be closed, once it is; written-out output goes first when {@link #closeAfterFlush}. */
    String closeReason;
    boolean closeAfterFlush;
    private boolean closing;
    private long closingSinceNs;

    Connection(final long id, final SocketChannel channel, final SelectionKey key, final int maxMessageBytes,
        final int maxOutboundBytes, final long nowNs)
    {
        this.id = id;
        this.channel = channel;
        this.key = key;
        this.remote = remoteOf(channel);
        this.inbound = ByteBuffer.allocateDirect(2 * maxMessageBytes);
        this.inboundBuffer = new UnsafeBuffer(inbound);
        this.messageRoom = MAX_OUTBOUND_MESSAGE_BYTES + maxMessageBytes;
        this.outbound = ByteBuffer.allocateDirect(maxOutboundBytes + messageRoom);
        this.outboundBuffer = new UnsafeBuffer(outbound);
        this.connectedNs = nowNs;
    }

    /** @return bytes read, or -1 at end of stream. */
    int read() throws IOException
    {
        inbound.limit(inbound.capacity()).position(inboundLength);
        final int read = channel.read(inbound);
        if (read > 0)
        {
            inboundLength += read;
            if (skipping > 0)
            {
                final int skipped = (int)Math.min(skipping, inboundLength);
                consume(skipped);
                skipping -= skipped;
            }
        }
        return read;
    }

    /** Whether bytes that arrive now are (first) the rest of a message longer than the maximum, to skip unread. */
    boolean isSkipping()
    {
        return skipping > 0;
    }

    /** The next {@code bytes} to arrive (the inbound buffer is empty) are the rest of a message to skip unread. */
    void skip(final long bytes)
    {
        skipping = bytes;
    }

    /** Drops {@code consumed} bytes from the front of the inbound buffer. */
    void consume(final int consumed)
    {
        final int remaining = inboundLength - consumed;
        if (remaining > 0 && consumed > 0)
        {
            inboundBuffer.putBytes(0, inboundBuffer, consumed, remaining);
        }
        inboundLength = remaining;
    }

    /** Whether one more message of any size the gateway makes still fits under the bound. */
    boolean hasRoom()
    {
        return closeReason == null && outboundLength + messageRoom <= outbound.capacity();
    }

    /**
     * Whether a bulk send (the reports a session missed) may queue more: it stops at half the bound
     * and waits for the client to read, so it never makes a reading client look like a slow consumer
     * and leaves room for the messages that cannot wait.
     */
    boolean hasRoomForBulk()
    {
        return closeReason == null && 2 * outboundLength <= outbound.capacity() - messageRoom;
    }

    /** @return true when everything queued has been written. */
    boolean flush() throws IOException
    {
        if (outboundLength == 0)
        {
            return true;
        }
        if (session != null)
        {
            // sync durability: what the client is about to see must be on disk first (a no-op in process durability)
            try
            {
                session.store.syncBeforeSend();
            }
            catch (final UncheckedIOException ex)
            {
                // Not sent, then: the caller closes this connection with the reason, as for a failed write.
                throw new IOException("session state could not be msynced (sync durability): " +
                    ex.getCause().getMessage(), ex);
            }
        }
        outbound.limit(outboundLength).position(0);
        channel.write(outbound);
        final int written = outbound.position();
        final int remaining = outboundLength - written;
        if (remaining > 0 && written > 0)
        {
            outboundBuffer.putBytes(0, outboundBuffer, written, remaining);
        }
        outboundLength = remaining;
        final boolean empty = remaining == 0;
        // A closing connection reads no more: keeping OP_READ on unread input would spin the selector.
        final int read = closeReason == null && !readPaused ? SelectionKey.OP_READ : 0;
        final int interest = empty ? read : read | SelectionKey.OP_WRITE;
        if (key.isValid() && key.interestOps() != interest)
        {
            key.interestOps(interest);
        }
        return empty;
    }

    /** Stops reading (the socket's readiness too, or the selector would spin) until {@link #resumeReading}. */
    void pauseReading()
    {
        readPaused = true;
        if (key.isValid())
        {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        }
    }

    void resumeReading()
    {
        readPaused = false;
        if (key.isValid() && closeReason == null)
        {
            key.interestOps(key.interestOps() | SelectionKey.OP_READ);
        }
    }

    void close(final String reason)
    {
        if (closeReason == null)
        {
            closeReason = reason;
        }
    }

    void closeAfterFlush(final String reason)
    {
        close(reason);
        closeAfterFlush = true;
    }

    /** How long it has waited to be closed, counted from the first call after {@link #close}. */
    long closingForNs(final long nowNs)
    {
        if (!closing)
        {
            closing = true;
            closingSinceNs = nowNs;
        }
        return nowNs - closingSinceNs;
    }

    static String remoteOf(final SocketChannel channel)
    {
        try
        {
            return String.valueOf(channel.getRemoteAddress());
        }
        catch (final IOException ex)
        {
            return "?";
        }
    }
}

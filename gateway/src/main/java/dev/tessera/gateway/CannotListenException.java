package dev.tessera.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

/**
 * The gateway could not open its listening socket (the port is taken, the address is not this
 * machine's, no permission): an operator's error at start-up, not a fault of the exchange. Its message
 * names the address and the operating system's reason.
 */
public final class CannotListenException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    CannotListenException(final String host, final int port, final IOException cause)
    {
        super("cannot listen on " + host + ":" + port + ": " +
            (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()), cause);
    }

    /**
     * Binds {@code host:port} once and lets it go, before a start creates a journal, snapshot or session directory:
     * a port another process holds is refused with nothing made (QA 95: the refusal left new, empty directories).
     * The gateway binds again once the books are recovered; a process taking the port in between is refused then,
     * as before. Port 0 (any free port) cannot be taken.
     *
     * @throws CannotListenException naming the address and the operating system's reason.
     */
    static void checkCanListen(final String host, final int port)
    {
        if (port == 0)
        {
            return;
        }
        try (ServerSocketChannel probe = ServerSocketChannel.open())
        {
            // As the gateway binds: a port left in TIME_WAIT by the last run is free to it.
            probe.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            probe.bind(new InetSocketAddress(host, port));
        }
        catch (final IOException ex)
        {
            throw new CannotListenException(host, port, ex);
        }
    }
}

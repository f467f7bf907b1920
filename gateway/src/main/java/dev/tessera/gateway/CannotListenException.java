package dev.tessera.gateway;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The gateway could not open its listening socket (the port is taken, the address is not this
 * machine's, no permission): an operator's error at start-up, not a fault of the exchange. Its message
 * names the address and the operating system's reason.
 */
public final class CannotListenException extends RuntimeException
{
    private static final long serialVersionUID = 1L;
    private static final String CHOOSE = "gateway.host and gateway.port choose the address (e.g. --set " +
        "gateway.port=9877).";

    private final String advice;

    CannotListenException(final String host, final int port, final IOException cause)
    {
        super("cannot listen on " + host + ":" + port + ": " +
            (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()), cause);
        this.advice = advice(host, cause);
    }

    /** What the operator can do about it, which depends on the cause. */
    public String advice()
    {
        return advice;
    }

    /**
     * A taken port, an address not of this machine, a port it may not open: each its own advice (QA 102 #4: "Cannot
     * assign requested address" was asked whether another exchange was running on that port). The address is
     * judged by this machine's interfaces, not by the operating system's wording.
     */
    static String advice(final String host, final IOException cause)
    {
        if (!isAddressOfThisMachine(host))
        {
            return notOfThisMachine(host) + ".";
        }
        final String reason = String.valueOf(cause.getMessage());
        if (cause instanceof BindException && reason.contains("Permission denied"))
        {
            return "It may not open that port (one below 1024 needs privileges): choose another. " + CHOOSE;
        }
        if (cause instanceof BindException)
        {
            return "Is another exchange running on that port? " + CHOOSE;
        }
        return CHOOSE;
    }

    /** What is wrong with a {@code gateway.host} that is not of this machine, and what to give instead. */
    public static String notOfThisMachine(final String host)
    {
        return "gateway.host " + host + " is not an address of this machine: give one of its own (127.0.0.1 " +
            "for clients on this machine only, 0.0.0.0 for every interface)";
    }

    /**
     * Whether {@code host} is an address this machine can listen on (a wildcard, a loopback address, one of its
     * interfaces'). True too when it cannot be told (a name that no longer resolves, no interface list): no wrong
     * advice then.
     */
    public static boolean isAddressOfThisMachine(final String host)
    {
        try
        {
            final InetAddress address = InetAddress.getByName(host);
            return address.isAnyLocalAddress() || address.isLoopbackAddress() ||
                NetworkInterface.getByInetAddress(address) != null;
        }
        catch (final IOException ex)
        {
            return true;
        }
    }

    /**
     * Binds {@code host:port} once and lets it go, before a start creates a journal, snapshot or session directory:
     * a port another process holds is refused with nothing made (QA 95: the refusal left new, empty directories).
     * The gateway binds again once the books are recovered; a process taking the port in between is refused then,
     * as before. Port 0 (any free port) cannot be taken.
     *
     * @throws CannotListenException naming the address and the operating system's reason.
     * @throws UnresolvedHostException when this machine does not resolve {@code host}, whatever the port
     */
    static void checkCanListen(final String host, final int port)
    {
        final InetAddress address = UnresolvedHostException.resolve(host);
        if (port == 0)
        {
            return;
        }
        // A client socket's bind, which does not listen: a server socket's bind does (QA 110: a connection made then
        // was taken and reset by a start refused later). A port a server listens on is refused to it all the same.
        try (SocketChannel probe = SocketChannel.open())
        {
            // As the gateway binds: a port left in TIME_WAIT by the last run is free to it.
            probe.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            probe.bind(new InetSocketAddress(address, port));
        }
        catch (final IOException ex)
        {
            throw new CannotListenException(host, port, ex);
        }
    }

    /**
     * Binds {@code channel} to {@code host:port} as the gateway listens, the name looked up once, here.
     *
     * @throws CannotListenException naming the address and the operating system's reason.
     * @throws UnresolvedHostException when this machine no longer resolves {@code host} (it did at the check)
     */
    static void bind(final ServerSocketChannel channel, final String host, final int port)
    {
        final InetAddress address = UnresolvedHostException.resolve(host);
        try
        {
            // A port left in TIME_WAIT by the last run is free to it.
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(address, port));
        }
        catch (final IOException ex)
        {
            throw new CannotListenException(host, port, ex);
        }
    }
}

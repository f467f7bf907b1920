package dev.tessera.gateway;

/**
 * The gateway could not open its listening socket (the port is taken, the address is not this
 * machine's, no permission): an operator's error at start-up, not a fault of the exchange. Its message
 * names the address and the operating system's reason.
 */
public final class CannotListenException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    CannotListenException(final String host, final int port, final java.io.IOException cause)
    {
        super("cannot listen on " + host + ":" + port + ": " +
            (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()), cause);
    }
}

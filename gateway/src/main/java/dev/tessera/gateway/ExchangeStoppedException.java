package dev.tessera.gateway;

/**
 * A thread the exchange cannot run without stopped while it started ({@link FixServer#failure} has the line,
 * already said): everything started was stopped again, and the launcher exits with its own status.
 */
public final class ExchangeStoppedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    ExchangeStoppedException(final String reason)
    {
        super(reason, null, false, false);
    }
}

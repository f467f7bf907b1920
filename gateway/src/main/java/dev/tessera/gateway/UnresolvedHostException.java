package dev.tessera.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code gateway.host} is a name this machine does not resolve: bad configuration for this machine, refused with
 * status 2 by {@code bin/tessera config} and by a start, before anything is made (QA 102 #3: the bind threw Java's
 * {@code UnresolvedAddressException}, a stack trace and status 1, which says the journal is corrupt). The name is
 * looked up where the check runs, so the answer is this machine's resolver's at that moment.
 */
public final class UnresolvedHostException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private UnresolvedHostException(final String host, final UnknownHostException cause)
    {
        super("gateway.host \"" + host + "\" does not resolve to an address on this machine (its name lookup " +
            "failed" + (cause.getMessage() == null || cause.getMessage().equals(host) ? "" :
            ": " + cause.getMessage()) + "), so the gateway cannot listen there; the name is looked up when the " +
            "configuration is checked and when the exchange starts", cause);
    }

    /**
     * Looks {@code host} up as the gateway's bind will.
     *
     * @throws UnresolvedHostException when this machine's resolver knows no address for it
     */
    public static void check(final String host)
    {
        resolve(host);
    }

    /**
     * @return the address {@code host} names now: the gateway binds to it, so a name that stops resolving after the
     * start-up check is refused here too, not by Java's {@code UnresolvedAddressException} from the bind.
     * @throws UnresolvedHostException when this machine's resolver knows no address for it
     */
    static InetAddress resolve(final String host)
    {
        try
        {
            return InetAddress.getByName(host);
        }
        catch (final UnknownHostException ex)
        {
            throw new UnresolvedHostException(host, ex);
        }
    }
}

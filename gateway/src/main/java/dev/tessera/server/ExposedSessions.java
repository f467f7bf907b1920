package dev.tessera.server;

import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.ExchangeConfigLoader;
import dev.tessera.config.SessionConfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sessions anyone who can reach the gateway could log on as: with no password, or with a password of the embedded
 * demo sessions, which the README prints, while the gateway listens on an address other machines may reach (QA 129:
 * both started without a word). Warned of at the start, not refused: a venue behind its own network controls may mean
 * it.
 */
final class ExposedSessions
{
    private ExposedSessions()
    {
    }

    /** One {@code tessera: WARNING ...} line per such session; none while the gateway listens on a loopback address. */
    static List<String> warnings(final ExchangeConfig config)
    {
        final String host = config.gateway().host();
        final List<String> warnings = new ArrayList<>();
        if (isLoopback(host))
        {
            return warnings;
        }
        final Set<String> demoPasswords = ExchangeConfigLoader.defaults().gateway().sessions().stream()
            .map(SessionConfig::password).filter(password -> !password.isEmpty()).collect(Collectors.toSet());
        for (final SessionConfig session : config.gateway().sessions())
        {
            final String why = session.password().isEmpty() ? "has no password" :
                demoPasswords.contains(session.password()) ? "has a demo session's password, which the README prints" :
                null;
            if (why != null)
            {
                warnings.add("tessera: WARNING session " + session.compId() + " " + why + ", and the gateway listens on " +
                    host + ", which other machines may reach: anyone who knows the CompID can trade as it (README " +
                    "\"Security\" under \"Configuration\")");
            }
        }
        return warnings;
    }

    private static boolean isLoopback(final String host)
    {
        try
        {
            return InetAddress.getByName(host).isLoopbackAddress();
        }
        catch (final UnknownHostException ex)
        {
            return false; // the start refuses it before any session could log on
        }
    }
}

package dev.tessera.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The FIX acceptor and the clients allowed to use it.
 *
 * @param host interface to listen on
 * @param port TCP port, 1 to 65535, or 0 to let the OS pick a free one (tests)
 * @param compId the exchange's own CompID, the TargetCompID clients send to
 * @param heartbeatIntervalSeconds HeartBtInt the gateway expects, > 0
 * @param maxMessageBytes longest accepted FIX message; a bound so a client cannot make the
 *     gateway buffer without limit, at least 256
 * @param cancelOnDisconnect whether a session's resting orders are cancelled when it drops
 * @param sessions the clients, unique by compId and by ownerId (an unmodifiable copy is kept)
 * @throws ConfigValidationException listing every rule the arguments break
 */
public record GatewayConfig(
    String host,
    int port,
    String compId,
    int heartbeatIntervalSeconds,
    int maxMessageBytes,
    boolean cancelOnDisconnect,
    List<SessionConfig> sessions)
{
    public GatewayConfig
    {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(compId, "compId");
        sessions = List.copyOf(sessions);
        final Problems problems = new Problems();
        Rules.gateway(problems, "gateway", host, port, compId, heartbeatIntervalSeconds, maxMessageBytes,
            sessions.stream().map(SessionConfig::compId).toList(),
            sessions.stream().map(SessionConfig::ownerId).toList());
        problems.throwIfAny();
    }

    /** The session a client's SenderCompID (49) names, if it may log on at all. */
    public Optional<SessionConfig> session(final String senderCompId)
    {
        for (final SessionConfig session : sessions)
        {
            if (session.compId().equals(senderCompId))
            {
                return Optional.of(session);
            }
        }
        return Optional.empty();
    }
}

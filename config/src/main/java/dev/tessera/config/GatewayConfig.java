package dev.tessera.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The FIX acceptor and the clients allowed to use it.
 *
 * @param host interface to listen on
 * @param port TCP port, 1 to 65535, or 0 to let the OS pick a free one (tests)
 * @param compId the exchange's own CompID, the TargetCompID clients send to
 * @param maxHeartbeatIntervalSeconds the longest HeartBtInt(108) a client's Logon may ask for, in seconds (1 to a day):
 *     a Logon with a longer one is refused with a Logout naming the bound, since the gateway finds a client gone by
 *     its silence
 * @param maxMessageBytes longest accepted FIX message; a bound so a client cannot make the
 *     gateway buffer without limit, at least 256
 * @param cancelOnDisconnect whether a session's resting orders are cancelled when it drops, also when the server
 *     stops (at a clean shutdown; after a crash, at the next start)
 * @param sessions the clients, unique by compId and by ownerId (an unmodifiable copy is kept)
 * @param stateDirectory where each session's sequence numbers and sent-message index are kept, so a
 *     client can carry on after a server restart
 * @param maxOutboundBytes bytes a session may have queued for a client that does not read before it
 *     is disconnected; the engine never waits for a socket. At least 4 * maxMessageBytes
 * @param doneOrders how many orders that are done (filled, cancelled, expired) the execution reports remember, so
 *     that a cancel or replace of one is rejected as too late rather than as unknown, and a status request gets its
 *     final state: the last doneOrders of those done within the last doneOrders engine events (a rule of the journal
 *     alone, so a resend regenerates the same reject). 0 to 10,000,000; 0 forgets an order once it is done
 * @param maxMarketDataSubscriptions how many market data subscriptions (one per Symbol of a MarketDataRequest with
 *     SubscriptionRequestType 1) a session may hold at once; each holds two copies of a book's top levels and its
 *     MDReqID, and every journal batch visits each. 0 to 10,000; 0 serves snapshots only
 * @throws ConfigValidationException listing every rule the arguments break
 */
public record GatewayConfig(
    String host,
    int port,
    String compId,
    int maxHeartbeatIntervalSeconds,
    int maxMessageBytes,
    boolean cancelOnDisconnect,
    List<SessionConfig> sessions,
    Path stateDirectory,
    int maxOutboundBytes,
    int doneOrders,
    int maxMarketDataSubscriptions)
{
    public static final Path DEFAULT_STATE_DIRECTORY = Path.of("data", "sessions");
    public static final int DEFAULT_MAX_OUTBOUND_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_DONE_ORDERS = 100_000;
    public static final int DEFAULT_MAX_MARKET_DATA_SUBSCRIPTIONS = 100;

    public GatewayConfig
    {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(compId, "compId");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        sessions = List.copyOf(sessions);
        final Problems problems = new Problems();
        Rules.gateway(problems, "gateway", host, port, compId, maxHeartbeatIntervalSeconds, maxMessageBytes,
            sessions.stream().map(SessionConfig::compId).toList(),
            sessions.stream().map(SessionConfig::ownerId).toList());
        Rules.outbound(problems, "gateway", maxMessageBytes, maxOutboundBytes);
        Rules.doneOrders(problems, "gateway", doneOrders);
        Rules.maxMarketDataSubscriptions(problems, "gateway", maxMarketDataSubscriptions);
        problems.throwIfAny();
    }

    /** With the default state directory, outbound bound, done-order memory and market data subscription cap. */
    public GatewayConfig(
        final String host,
        final int port,
        final String compId,
        final int maxHeartbeatIntervalSeconds,
        final int maxMessageBytes,
        final boolean cancelOnDisconnect,
        final List<SessionConfig> sessions)
    {
        this(host, port, compId, maxHeartbeatIntervalSeconds, maxMessageBytes, cancelOnDisconnect, sessions,
            DEFAULT_STATE_DIRECTORY, DEFAULT_MAX_OUTBOUND_BYTES, DEFAULT_DONE_ORDERS,
            DEFAULT_MAX_MARKET_DATA_SUBSCRIPTIONS);
    }

    /** The same gateway with its state kept in another directory (tests, tools). */
    public GatewayConfig withStateDirectory(final Path directory)
    {
        return new GatewayConfig(host, port, compId, maxHeartbeatIntervalSeconds, maxMessageBytes, cancelOnDisconnect,
            sessions, directory, maxOutboundBytes, doneOrders, maxMarketDataSubscriptions);
    }

    /** The same gateway listening on another port (0: any free one). */
    public GatewayConfig withPort(final int newPort)
    {
        return new GatewayConfig(host, newPort, compId, maxHeartbeatIntervalSeconds, maxMessageBytes, cancelOnDisconnect,
            sessions, stateDirectory, maxOutboundBytes, doneOrders, maxMarketDataSubscriptions);
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

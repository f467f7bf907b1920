package dev.tessera.gateway;

import dev.tessera.config.DemoOwners;
import dev.tessera.config.SessionConfig;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.OrderBook;
import dev.tessera.engine.OrderVisitor;
import org.agrona.collections.LongHashSet;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recovered books hold resting orders of an owner no session of {@code gateway.sessions} has (QA 102): a session
 * removed from the configuration, or given another ownerId, while its orders rested. No session could cancel them or
 * be told of their fills, yet they would go on trading with the other members, as an instrument left out with orders
 * resting would not ({@code Recovery}). Bad configuration, refused before the gateway starts. The demo's owners
 * ({@link DemoOwners}) are no session's by design (and the configuration gives no session one).
 */
public final class OrdersWithoutSessionException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private OrdersWithoutSessionException(final String message)
    {
        super(message);
    }

    /**
     * @throws OrdersWithoutSessionException naming each such owner and how many of its orders rest, when there is one.
     */
    static void refuseOrdersWithoutSession(
        final MatchingEngine engine, final List<SessionConfig> sessions, final Path journalDirectory)
    {
        // A set first: the books may hold millions of orders.
        final LongHashSet sessionOwners = new LongHashSet();
        sessions.forEach(session -> sessionOwners.add(session.ownerId()));
        final Map<Long, Integer> resting = new TreeMap<>();
        final OrderVisitor counter = (side, price, orderId, owner, clientOrderId, quantity, leaves) ->
        {
            if (!sessionOwners.contains(owner) && !DemoOwners.isDemoOwner(owner))
            {
                resting.merge(owner, 1, Integer::sum);
            }
        };
        for (final OrderBook book : engine.books())
        {
            book.forEachOrder(counter);
        }
        if (resting.isEmpty())
        {
            return;
        }
        final StringBuilder owners = new StringBuilder();
        resting.forEach((owner, count) -> owners.append(owners.length() == 0 ? "" : ", ")
            .append("owner ").append(owner).append(" with ").append(count)
            .append(count == 1 ? " resting order" : " resting orders"));
        throw new OrdersWithoutSessionException("journal " + journalDirectory.toAbsolutePath() + " has orders of " +
            "owners no session of gateway.sessions has: " + owners + ". No session could cancel them or be told of " +
            "their fills, yet they would trade with the others, so configure the session again (its compId and " +
            "ownerId as they were) until they are cancelled: at its logon, or by the start itself with " +
            "gateway.cancelOnDisconnect on");
    }
}

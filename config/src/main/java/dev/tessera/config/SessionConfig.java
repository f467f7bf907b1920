package dev.tessera.config;

import java.util.Objects;

/**
 * A trading client allowed to log on to the FIX gateway, identified by its SenderCompID.
 *
 * @param compId the client's FIX CompID, unique, different from the gateway's own
 * @param ownerId the engine's numeric owner of this session's orders, unique, > 0
 * @param username expected Username (553) at logon; empty means not checked
 * @param password expected Password (554) at logon; empty means not checked
 * @param throttleMessagesPerSecond inbound messages per second before the session is throttled
 * @param floodLogoutMultiple the session is logged out and disconnected when it sends this many times
 *     {@code throttleMessagesPerSecond} messages within one second, >= 0; 0 never
 * @throws ConfigValidationException listing every rule the arguments break
 */
public record SessionConfig(
    String compId,
    long ownerId,
    String username,
    String password,
    int throttleMessagesPerSecond,
    int floodLogoutMultiple)
{
    public static final int DEFAULT_FLOOD_LOGOUT_MULTIPLE = 10;

    public SessionConfig
    {
        Objects.requireNonNull(compId, "compId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        final Problems problems = new Problems();
        Rules.session(problems, "", compId, ownerId, throttleMessagesPerSecond, floodLogoutMultiple);
        problems.throwIfAny();
    }

    /** With the default floodLogoutMultiple ({@code reference.conf}). */
    public SessionConfig(final String compId, final long ownerId, final String username, final String password,
        final int throttleMessagesPerSecond)
    {
        this(compId, ownerId, username, password, throttleMessagesPerSecond, DEFAULT_FLOOD_LOGOUT_MULTIPLE);
    }

    /**
     * Messages within one second that log the session out for a flood: {@code floodLogoutMultiple} times
     * {@code throttleMessagesPerSecond}, 0 for never. A long: two ints multiplied cannot overflow it.
     */
    public long floodLogoutMessages()
    {
        return (long)throttleMessagesPerSecond * floodLogoutMultiple;
    }

    /** Masks the password: configs get logged, and logs get shared. */
    @Override
    public String toString()
    {
        return "SessionConfig[compId=" + compId + ", ownerId=" + ownerId + ", username=" + username
            + ", password=" + (password.isEmpty() ? "" : "***")
            + ", throttleMessagesPerSecond=" + throttleMessagesPerSecond
            + ", floodLogoutMultiple=" + floodLogoutMultiple + "]";
    }
}

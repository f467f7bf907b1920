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
 * @throws ConfigValidationException listing every rule the arguments break
 */
public record SessionConfig(
    String compId,
    long ownerId,
    String username,
    String password,
    int throttleMessagesPerSecond)
{
    public SessionConfig
    {
        Objects.requireNonNull(compId, "compId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        final Problems problems = new Problems();
        Rules.session(problems, "", compId, ownerId, throttleMessagesPerSecond);
        problems.throwIfAny();
    }

    /** Masks the password: configs get logged, and logs get shared. */
    @Override
    public String toString()
    {
        return "SessionConfig[compId=" + compId + ", ownerId=" + ownerId + ", username=" + username
            + ", password=" + (password.isEmpty() ? "" : "***")
            + ", throttleMessagesPerSecond=" + throttleMessagesPerSecond + "]";
    }
}

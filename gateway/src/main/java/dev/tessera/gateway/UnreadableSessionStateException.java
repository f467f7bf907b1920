package dev.tessera.gateway;

/**
 * A file of the session state directory that this build cannot read (an unknown version, a damaged header): its
 * message names the file and what to do. Nothing was started; the launcher says it in one line, not a stack trace.
 */
public final class UnreadableSessionStateException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    UnreadableSessionStateException(final String message)
    {
        super(message);
    }

    UnreadableSessionStateException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

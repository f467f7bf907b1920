package dev.tessera.journal;

/**
 * A snapshot file that must not be used, with the reason; loading moves on to an older snapshot.
 * Thrown and caught inside this package only: a bad snapshot never stops a start-up by itself.
 */
final class InvalidSnapshotException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    InvalidSnapshotException(final String reason)
    {
        super(reason);
    }

    InvalidSnapshotException(final String reason, final Throwable cause)
    {
        super(reason, cause);
    }
}

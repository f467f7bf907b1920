package dev.tessera.gateway;

import java.nio.file.Path;

/**
 * The session state directory is in use, by another exchange or elsewhere in this process: it has one owner at a
 * time, or two exchanges would rewrite each other's memory-mapped MsgSeqNums.
 */
public final class SessionStateInUseException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    SessionStateInUseException(final Path directory, final String holder)
    {
        super("session state directory " + directory.toAbsolutePath() + " is already in use (" + holder +
            "): a session state directory has one exchange at a time");
    }
}

package dev.tessera.gateway;

import java.nio.file.Path;

/**
 * The journal holds no record, yet the session state has reports of events: the state is of another journal (a
 * mistyped {@code journal.directory}, most likely), and starting would rewind its sessions for good.
 */
public final class SessionStateOfAnotherJournalException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final Path stateDirectory;

    SessionStateOfAnotherJournalException(
        final Path journalDirectory, final Path stateDirectory, final long lastEventReported)
    {
        super("the journal " + journalDirectory.toAbsolutePath() + " is empty (new), but the session state in " +
            stateDirectory.toAbsolutePath() + " has reports up to event " + lastEventReported +
            ": wrong journal.directory?");
        this.stateDirectory = stateDirectory;
    }

    /** The session state directory: the one to move aside to start a new history on purpose. */
    public Path stateDirectory()
    {
        return stateDirectory;
    }
}

package dev.tessera.gateway;

import java.nio.file.Path;

/**
 * The session state is of another journal (a mistyped {@code journal.directory}, most likely): the journal holds no
 * record, yet the session state has reports of events, and starting would rewind its sessions for good; or the journal
 * holds a record the session state's journal had with another checksum ({@link JournalIdentity}), and starting would
 * answer the sessions' resends from another history.
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

    SessionStateOfAnotherJournalException(
        final Path journalDirectory, final Path stateDirectory, final JournalIdentity.Mismatch mismatch)
    {
        super("the journal " + journalDirectory.toAbsolutePath() + " is not the one the session state in " +
            stateDirectory.toAbsolutePath() + " belongs to: its record " + mismatch.expected().recordSequence() +
            " has checksum " + Long.toHexString(mismatch.found()) + ", where the sessions' journal had " +
            Long.toHexString(mismatch.expected().checksum()) + " (another exchange's journal, or a copy of another " +
            "history): wrong journal.directory?");
        this.stateDirectory = stateDirectory;
    }

    /** The session state directory: the one to move aside to start a new history on purpose. */
    public Path stateDirectory()
    {
        return stateDirectory;
    }
}

package dev.tessera.gateway;

import java.nio.file.Path;

/**
 * The journal ends before a record the session state saw it hold at the last start or clean stop, and no
 * {@code journal repair} cut it there: records were removed from under the exchange (a cycle file deleted, emptied or
 * cut short, an older copy of the journal put in its place). Started, the exchange would take that for a power cut,
 * ask its clients to resend what the journal lacks and enter again orders they had reports of.
 */
public final class MissingJournalRecordsException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final Path stateDirectory;

    MissingJournalRecordsException(final Path journalDirectory, final Path stateDirectory, final long lastRecord,
        final long newestSeen)
    {
        super("the journal " + journalDirectory.toAbsolutePath() + " ends at record " + lastRecord + ", but the " +
            "session state in " + stateDirectory.toAbsolutePath() + " saw it hold record " + newestSeen + " (at its " +
            "last start or clean stop), and no journal repair cut it: records " + (lastRecord + 1) + " to " +
            newestSeen + " at least are missing (a cycle file removed, emptied or cut short, or an older copy of the " +
            "journal?)");
        this.stateDirectory = stateDirectory;
    }

    /** The newest cycle file the journal's metadata records is missing, and the session state saw the journal. */
    MissingJournalRecordsException(final Path journalDirectory, final Path stateDirectory, final Path missingCycleFile)
    {
        super("the journal " + journalDirectory.toAbsolutePath() + " lacks its newest cycle file " +
            missingCycleFile.getFileName() + " (the one its metadata records last; deleted, or moved by hand?), and " +
            "the session state in " + stateDirectory.toAbsolutePath() + " has seen this journal: the records in it " +
            "are missing");
        this.stateDirectory = stateDirectory;
    }

    /**
     * A cycle file holds no record (its first header unbegun), though the session state saw the journal hold
     * {@code newestSeen} in it or in a later one: it was emptied.
     */
    MissingJournalRecordsException(final Path journalDirectory, final Path stateDirectory, final Path emptiedCycleFile,
        final long newestSeen)
    {
        super("the journal " + journalDirectory.toAbsolutePath() + " has a cycle file that holds no record, " +
            emptiedCycleFile.getFileName() + " (emptied, or a copy cut off?), but the session state in " +
            stateDirectory.toAbsolutePath() + " saw the journal hold record " + newestSeen + " in it or in a later " +
            "one (at its last start or clean stop): the records in it are missing");
        this.stateDirectory = stateDirectory;
    }

    /** Where {@link JournalIdentity#FILE_NAME} is: moved aside, a start takes the journal as it is. */
    public Path identityFile()
    {
        return stateDirectory.resolve(JournalIdentity.FILE_NAME);
    }
}

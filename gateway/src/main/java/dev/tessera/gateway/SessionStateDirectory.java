package dev.tessera.gateway;

import dev.tessera.config.GatewayConfig;
import dev.tessera.config.SessionConfig;
import dev.tessera.config.UnusableDirectoryException;
import dev.tessera.journal.DirectoryLock;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalCorruptionException;

import java.nio.file.Path;

/**
 * What start-up settles about {@code gateway.stateDirectory} before it opens the journal: that the directory can be
 * written, that no other exchange uses it, and that its sessions are not of another journal's history. Its files are
 * memory-mapped and rewritten in place at every start (MsgSeqNums rewound to what the journal holds), so a second
 * exchange on it, or one given the wrong journal, would rewind the sessions of the one they belong to for good.
 */
final class SessionStateDirectory
{
    /** In the session state directory: its OS lock is held by the one exchange that uses the directory. */
    static final String LOCK_FILE = "gateway.lock";

    private SessionStateDirectory()
    {
    }

    /**
     * Creates the directory if need be and takes its lock ({@link DirectoryLock}), before any session file is opened.
     *
     * @throws UnusableDirectoryException when it cannot be created or written.
     * @throws SessionStateInUseException when another exchange (or this process) holds it.
     */
    static DirectoryLock lock(final Path directory)
    {
        UnusableDirectoryException.createWritable("session state directory", directory);
        return DirectoryLock.take(directory, LOCK_FILE, "lock of the session state directory",
            holder -> new SessionStateInUseException(directory, holder));
    }

    /**
     * Each session's header ({@link SessionStore#refuseUnreadableHeader}), before the journal is opened: a damaged one
     * would read as "no reports" to the checks below, and the gateway would start the session again at 1 (QA 109 F1).
     *
     * @throws UnreadableSessionStateException naming the first such file.
     */
    static void refuseUnreadableHeaders(final GatewayConfig gateway)
    {
        for (final SessionConfig session : gateway.sessions())
        {
            SessionStore.refuseUnreadableHeader(gateway.stateDirectory(), session.compId());
        }
    }

    /**
     * A journal that holds no record beside session state that has reports of its events is almost always a mistyped
     * {@code journal.directory}: started, the exchange would trade on an empty book and rewind every session for good.
     * Refused, unlike a journal that holds fewer events than the reports (a repair, a power cut): there the gateway
     * carries on and warns. Reads the session files only, before the journal is opened or created.
     *
     * @throws SessionStateOfAnotherJournalException naming both directories and the last event reported.
     */
    static void refuseReportsBeyondAnEmptyJournal(final GatewayConfig gateway, final Path journalDirectory)
    {
        if (!Journal.holdsNoRecord(journalDirectory))
        {
            return;
        }
        long lastEventReported = 0;
        for (final SessionConfig session : gateway.sessions())
        {
            lastEventReported = Math.max(lastEventReported,
                SessionStore.lastEventReportedIn(gateway.stateDirectory(), session.compId()));
        }
        if (lastEventReported > 0)
        {
            throw new SessionStateOfAnotherJournalException(journalDirectory, gateway.stateDirectory(), lastEventReported);
        }
    }

    /**
     * A journal that holds a record the session state's journal had with another checksum ({@link JournalIdentity})
     * is another journal: another exchange's, or a copy of another history. Started, the exchange would answer the
     * sessions' resends and catch-ups from it. Read through a read-only open, before the journal is opened for
     * writing: a refusal changes nothing. A journal the read-only open refuses (a cycle file a kill left unfinished,
     * say) is not judged here: the writing open settles or names that, and the identity is checked again there.
     *
     * @throws SessionStateOfAnotherJournalException naming both directories and the record that differs.
     */
    static void refuseAnotherJournal(final GatewayConfig gateway, final Path journalDirectory)
    {
        if (Journal.holdsNoRecord(journalDirectory) || JournalIdentity.read(gateway.stateDirectory()).isEmpty())
        {
            return;
        }
        final JournalIdentity.Mismatch mismatch;
        try (Journal journal = Journal.openReadOnly(journalDirectory))
        {
            // Its end first: reading a record past the end of a cycle file cut short faults the JVM (SIGBUS, a stack
            // trace and no tessera: line); lastIndex steps over the last documents with plain reads and names the cut,
            // which the writer's open then refuses in one line.
            journal.lastIndex();
            mismatch = JournalIdentity.mismatch(gateway.stateDirectory(), journal);
        }
        catch (final JournalCorruptionException ex)
        {
            if (ex.missingNewestCycleFile() != null)
            {
                // Refused here: the writer's open would go on without the file and write the metadata again, after
                // which the read-only tools no longer know it is missing.
                throw new MissingJournalRecordsException(journalDirectory, gateway.stateDirectory(),
                    ex.missingNewestCycleFile());
            }
            refuseEmptiedCycleFile(gateway, journalDirectory, ex.cycleFileLeftUnfinished());
            return;
        }
        catch (final RuntimeException ex)
        {
            return;
        }
        if (mismatch != null)
        {
            throw new SessionStateOfAnotherJournalException(journalDirectory, gateway.stateDirectory(), mismatch);
        }
    }

    /**
     * A cycle file with no record (its first header unbegun: a kill while Chronicle created it, or emptied by hand) at
     * or before the cycle of the newest record the session state saw: that record was in it or after it, so it was
     * emptied, not left by a kill. Refused here: the writer's open would move it aside first (QA 93 N3). A file after
     * that cycle is a kill's leftover, which the writer's open settles.
     */
    private static void refuseEmptiedCycleFile(final GatewayConfig gateway, final Path journalDirectory,
        final Path unfinished)
    {
        final JournalIdentity.Anchor newest = JournalIdentity.newest(gateway.stateDirectory());
        if (unfinished == null || newest == null)
        {
            return;
        }
        final Path newestFile = Journal.cycleFileOf(journalDirectory, newest.index()).orElse(null);
        // One roll cycle's file names sort as its cycles do (a fixed-width date and time).
        if (newestFile != null && unfinished.getFileName().toString().compareTo(newestFile.getFileName().toString()) <= 0)
        {
            throw new MissingJournalRecordsException(journalDirectory, gateway.stateDirectory(), unfinished,
                newest.recordSequence());
        }
    }

    /**
     * Once the journal is open for writing: checks its identity again (the read-only check may have decided nothing),
     * and refuses a journal that lost records the session state saw it hold ({@link JournalIdentity#missingRecord};
     * checked only here, as the read-only open refuses a journal whose newest cycle file is gone). The start records
     * the identity ({@link JournalIdentity#record}) once it is accepted, so that session state written before the
     * identity existed has it from then on, and a start refused later (by recovery) leaves it as it was (QA 116 F2).
     *
     * @throws SessionStateOfAnotherJournalException naming both directories and the record that differs.
     * @throws MissingJournalRecordsException naming the journal's last record and the newest the state saw.
     */
    static void checkJournal(final GatewayConfig gateway, final Journal journal)
    {
        final JournalIdentity.Mismatch mismatch = JournalIdentity.mismatch(gateway.stateDirectory(), journal);
        if (mismatch != null)
        {
            throw new SessionStateOfAnotherJournalException(journal.directory(), gateway.stateDirectory(), mismatch);
        }
        final JournalIdentity.Anchor missing = JournalIdentity.missingRecord(gateway.stateDirectory(), journal);
        if (missing != null)
        {
            throw new MissingJournalRecordsException(journal.directory(), gateway.stateDirectory(),
                journal.lastRecordSequence(), missing.recordSequence());
        }
    }
}

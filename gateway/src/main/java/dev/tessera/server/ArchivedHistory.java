package dev.tessera.server;

import dev.tessera.config.ExchangeConfig;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalIndex;
import dev.tessera.journal.SnapshotDirectory;

/**
 * A journal whose first cycle files {@code journal archive} moved away: the tools that rebuild from record 1
 * ({@code book --at}, {@code verify-replay}, {@code project}) start from a kept snapshot, or from the first record
 * still here, where that reaches what was asked; what lies only in the archived cycles they refuse in one line
 * naming the archive and the first record still here, as bad usage ({@link IllegalArgumentException}, exit
 * {@value TesseraMain#EXIT_BAD_CONFIG} through {@link JournalTools#runConfigured}), not as a journal that failed
 * verification: nothing is wrong with it.
 */
final class ArchivedHistory
{
    private ArchivedHistory()
    {
    }

    /** Whether the journal no longer starts at record 1 (an empty or unreadable one is not: its reader says why). */
    static boolean isArchived(final Journal journal)
    {
        return journal.firstRecordSequence() > 1;
    }

    /** The configured snapshots, which the tools start from on an archived journal. */
    static SnapshotDirectory snapshots(final ExchangeConfig config)
    {
        return new SnapshotDirectory(config.journal().snapshotDirectory());
    }

    /**
     * What was archived and where: "the records of journal J before record N (the first still here, index I) were
     * moved to A by journal archive".
     */
    static String archived(final Journal journal, final ExchangeConfig config)
    {
        return "the records of journal " + journal.directory() + " before record " + journal.firstRecordSequence() +
            " (the first still here, index " + JournalIndex.format(journal.firstIndex()) + ") were moved to " +
            config.journal().archiveDirectory().toAbsolutePath() + " by journal archive";
    }

    /**
     * The one line for a request that needs archived history.
     *
     * @param what      what was asked, e.g. "record 5" (the books at it).
     * @param reachable what can be had instead, e.g. "the books can be rebuilt from record 700 on".
     */
    static IllegalArgumentException unreachable(
        final String what, final Journal journal, final ExchangeConfig config, final String reachable)
    {
        return new IllegalArgumentException(what + " needs archived history: " + archived(journal, config) +
            ", and " + reachable + "; `tessera journal restore` (with the exchange stopped) moves the archived cycle files back to reach it");
    }

    /** For {@link #unreachable}: no kept snapshot covers a record the journal still holds. */
    static String noUsableSnapshot(final ExchangeConfig config)
    {
        return "no usable snapshot in " + config.journal().snapshotDirectory().toAbsolutePath() +
            " covers a record still here";
    }
}

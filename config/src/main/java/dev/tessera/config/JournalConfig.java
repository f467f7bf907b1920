package dev.tessera.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how the event journal is written, and how it is kept short: snapshots of the books
 * bound the replay on restart, and archiving moves journal files no snapshot needs any more.
 *
 * @param directory the journal's directory, relative paths against the working directory
 * @param rollCycle a Chronicle Queue roll cycle name such as {@code FAST_DAILY}; kept as a name
 *     so that this module need not depend on Chronicle
 * @param durability how far an event must be written before its outcome is published
 * @param snapshotDirectory where snapshots of the books are written
 * @param snapshotIntervalRecords journal records between two snapshots, > 0
 * @param snapshotsToKeep how many of the newest snapshots are kept, >= 1; older ones are deleted
 * @param archiveDirectory where archiving moves journal files older than the oldest kept snapshot
 * @param prefault how a thread of its own brings the journal file's pages in ahead of the writer, so
 *     that the engine thread does not stall on page faults in the sparse file ({@link Prefault})
 * @throws ConfigValidationException listing every rule the arguments break
 */
public record JournalConfig(Path directory, String rollCycle, Durability durability, Path snapshotDirectory,
    long snapshotIntervalRecords, int snapshotsToKeep, Path archiveDirectory, Prefault prefault)
{
    public static final Path DEFAULT_SNAPSHOT_DIRECTORY = Path.of("data/snapshots");
    public static final long DEFAULT_SNAPSHOT_INTERVAL_RECORDS = 100_000;
    public static final int DEFAULT_SNAPSHOTS_TO_KEEP = 3;
    public static final Path DEFAULT_ARCHIVE_DIRECTORY = Path.of("data/archive");
    public static final Prefault DEFAULT_PREFAULT = Prefault.POPULATE;

    public JournalConfig
    {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(rollCycle, "rollCycle");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(snapshotDirectory, "snapshotDirectory");
        Objects.requireNonNull(archiveDirectory, "archiveDirectory");
        Objects.requireNonNull(prefault, "prefault");
        final Problems problems = new Problems();
        Rules.journal(problems, "journal", directory.toString(), rollCycle, snapshotDirectory.toString(),
            snapshotIntervalRecords, snapshotsToKeep, archiveDirectory.toString());
        problems.throwIfAny();
    }

    /** With the default pre-faulting ({@code reference.conf}). */
    public JournalConfig(final Path directory, final String rollCycle, final Durability durability,
        final Path snapshotDirectory, final long snapshotIntervalRecords, final int snapshotsToKeep,
        final Path archiveDirectory)
    {
        this(directory, rollCycle, durability, snapshotDirectory, snapshotIntervalRecords, snapshotsToKeep,
            archiveDirectory, DEFAULT_PREFAULT);
    }

    /** The journal alone; snapshots, archive and pre-faulting take the defaults of {@code reference.conf}. */
    public JournalConfig(final Path directory, final String rollCycle, final Durability durability)
    {
        this(directory, rollCycle, durability, DEFAULT_SNAPSHOT_DIRECTORY, DEFAULT_SNAPSHOT_INTERVAL_RECORDS,
            DEFAULT_SNAPSHOTS_TO_KEEP, DEFAULT_ARCHIVE_DIRECTORY);
    }
}

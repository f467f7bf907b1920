package dev.tessera.journal;

import java.nio.file.Path;

/**
 * The journal cannot be trusted from {@link #index()} on. Start-up stops with this error rather
 * than skip anything; an explicit repair (truncate to the last good record) is the only way past it.
 *
 * <p>One case is not damage: {@link #archivedStart()}, a read from record 1 of a journal whose first cycle
 * files were archived. It is thrown as this type all the same, so that every reader stops there, but its
 * message says what happened and that moving the archived files back is the way past it, not a repair.
 */
public final class JournalCorruptionException extends RuntimeException
{
    private static final long serialVersionUID = 1L;
    /** How the message of a damage no record places begins ({@link #unreadableIndex}, {@link #documentPastEndOfFile}). */
    private static final String UNPLACED = "journal corrupt: ";
    private static final String WRITE_POSITION_FIX = "Every record is intact: `journal repair` (or start with " +
        "--repair) copies them all into a new queue, which records the right position, and cuts none";

    private final long index;
    private final long recordSequence;
    private final boolean archivedStart;
    private final boolean repairable;
    private final boolean afterEveryRecord;
    /** Set by {@link #newestCycleFileMissing} alone. */
    private Path missingNewestCycleFile;
    /** Set by {@link #leftUnfinishedByKill} alone, for a cycle file. */
    private Path cycleFileLeftUnfinished;
    /** Set by {@link #recordOfAnotherHistory} alone. */
    private boolean anotherHistory;

    public JournalCorruptionException(final long index, final long recordSequence, final String detail)
    {
        this(index, recordSequence, detail, false);
    }

    private JournalCorruptionException(
        final long index, final long recordSequence, final String detail, final boolean afterEveryRecord)
    {
        this(String.format("journal corrupt at index %s (record %d): %s", JournalIndex.format(index), recordSequence,
            detail), index, recordSequence, false, true, afterEveryRecord);
    }

    private JournalCorruptionException(final String message, final long index, final long recordSequence,
        final boolean archivedStart, final boolean repairable)
    {
        this(message, index, recordSequence, archivedStart, repairable, false);
    }

    private JournalCorruptionException(final String message, final long index, final long recordSequence,
        final boolean archivedStart, final boolean repairable, final boolean afterEveryRecord)
    {
        super(message);
        this.index = index;
        this.recordSequence = recordSequence;
        this.archivedStart = archivedStart;
        this.repairable = repairable;
        this.afterEveryRecord = afterEveryRecord;
    }

    /** A read from record 1 found {@code firstRecordSequence} first, at {@code index}: the start was archived. */
    static JournalCorruptionException archivedStart(final long index, final long firstRecordSequence)
    {
        return new JournalCorruptionException(String.format("the journal starts at record %d (index %s), not at " +
            "record 1: its first cycle files were archived (journal archive). Reading it from the start needs them " +
            "moved back into the journal directory (tessera journal restore)", firstRecordSequence, JournalIndex.format(index)), index, 1, true, false);
    }

    /**
     * A rebuild that needs a snapshot found none usable, and the journal no longer starts at record 1: its first
     * cycle files were archived, so the books before {@code firstRecordSequence} cannot be rebuilt from what is
     * here. Not damage: verify passes and a repair has nothing to do; the archived files, or a snapshot, are the
     * way past it.
     */
    static JournalCorruptionException archivedWithoutSnapshot(
        final long firstIndex, final long firstRecordSequence, final Path directory)
    {
        return new JournalCorruptionException(String.format("the history before record %d (index %s) of journal %s " +
            "is archived (journal archive) and no usable snapshot covers it, so the books cannot be rebuilt from " +
            "what the journal holds", firstRecordSequence, JournalIndex.format(firstIndex), directory),
            firstIndex, 1, true, false);
    }

    /**
     * A cycle file whose own Chronicle header (not a record: the store's description, which Chronicle parses when
     * it opens the file) cannot be read: no record in it can be reached, by a reader or by repair.
     */
    static JournalCorruptionException unreadableCycleFile(final long firstIndex, final Path file, final RuntimeException cause)
    {
        final JournalCorruptionException ex = new JournalCorruptionException(String.format("journal corrupt at index " +
            "%s: cycle file %s cannot be opened, its Chronicle header is damaged (%s). No record in it can be read, " +
            "by repair either: restore the file from a copy, or move it out of the journal directory (its records are " +
            "then lost)", JournalIndex.format(firstIndex), file, firstLine(cause)), firstIndex, 0, false, false);
        ex.initCause(cause);
        return ex;
    }

    /**
     * Chronicle's index in a cycle file cannot be read, so the journal's last document cannot be found through it.
     * Its records may be intact: a repair reads them in order and writes them into a new queue, with a new index.
     */
    static JournalCorruptionException unreadableIndex(final long firstIndex, final Path file, final RuntimeException cause)
    {
        final JournalCorruptionException ex = new JournalCorruptionException(String.format(UNPLACED +
            "Chronicle's index in cycle file %s cannot be read (%s), so records (the journal's last, a snapshot's) " +
            "cannot be found through it. `journal verify` reads the records in order and names where the damage stops it; a repair " +
            "keeps every good record and rebuilds the index", file, firstLine(cause)), firstIndex, 0, false, true);
        ex.initCause(cause);
        return ex;
    }

    /**
     * Chronicle's index in a cycle file does not lead to a record that reading in order reached: it cannot be read
     * ({@code cause}), or reads but misses it ({@code cause} null). The index is damaged, every record intact (found
     * once every record was read); a repair writes them all into a new queue, with a new index.
     */
    static JournalCorruptionException indexMisses(
        final long index, final long recordSequence, final Path file, final RuntimeException cause)
    {
        final JournalCorruptionException ex = new JournalCorruptionException(index, recordSequence, String.format(
            "Chronicle's index in cycle file %s %s this record, which reading in order reached, so it (a snapshot's, " +
            "say) cannot be found through it; a repair keeps every record and rebuilds the index", file,
            cause == null ? "does not find" : "cannot be read (" + firstLine(cause) + ") to find"), true);
        if (cause != null)
        {
            ex.initCause(cause);
        }
        return ex;
    }

    /**
     * A Chronicle document header at the end of a cycle file claims more bytes than the file holds: no writer leaves
     * one (Chronicle grows the file before it writes), so it is damage, found before Chronicle reads past the file.
     */
    static JournalCorruptionException documentPastEndOfFile(final long firstIndex, final Path file, final long position,
        final long length, final long size)
    {
        return new JournalCorruptionException(String.format(UNPLACED + "in cycle file %s the Chronicle document " +
            "header at byte %d, after the last document Chronicle recorded, claims %d bytes, past the end of the file " +
            "(%d bytes). `journal verify` names the index where the records stop; a repair keeps every good record",
            file, position, length, size), firstIndex, 0, false, true);
    }

    /**
     * The write position a cycle file's header records is not where a document starts ({@link WritePositionCheck}),
     * found by the writer's open before its first append: every record is intact, only the header's hint is wrong, and
     * Chronicle's appender would follow it. A repair copies every record into a new queue, whose header is right.
     */
    static JournalCorruptionException writePositionAstray(final long firstIndex, final Path file, final String problem)
    {
        return new JournalCorruptionException(String.format(UNPLACED + "cycle file %s: %s. " + WRITE_POSITION_FIX,
            file, problem), firstIndex, 0, false, true, true);
    }

    /** As {@link #writePositionAstray(long, Path, String)}, found after the last record ({@code index}) was read. */
    static JournalCorruptionException writePositionAstray(
        final long index, final long recordSequence, final Path file, final String problem)
    {
        return new JournalCorruptionException(index, recordSequence, String.format("after the journal's last record, " +
            "cycle file %s: %s. " + WRITE_POSITION_FIX, file, problem), true);
    }

    /**
     * The first record of cycle file {@code after} carries on at {@code found}, not at {@code expected}, the record
     * after the last of {@code before}: every record between is gone with a cycle file deleted or moved from between
     * them. Not repairable in the sense the start-up advice means: a repair would cut here and drop every later
     * cycle, intact as they are, so the message says to put the file back first.
     */
    static JournalCorruptionException missingCycleFile(
        final long index, final long expected, final long found, final Path before, final Path after)
    {
        return new JournalCorruptionException(String.format("journal corrupt at index %s (record %d): records %d..%d " +
            "are missing between cycle file %s and cycle file %s: a cycle file is missing from the journal directory " +
            "(deleted, or moved by hand; journal archive only ever moves the oldest). Put it back (from a backup) " +
            "and check again with `journal verify`; `--repair` would cut the journal here and drop %s and " +
            "every later cycle file, intact as they are", JournalIndex.format(index), expected, expected, found - 1,
            before.getFileName(), after.getFileName(), after.getFileName()), index, expected, false, false);
    }

    /**
     * A cycle file with no record (its first header unbegun) before {@code later}, which holds some: a writer creates
     * its cycle files in order and a kill leaves only the newest so, so this one was emptied (by hand, or a copy cut
     * off) and the records it held are missing (QA 98: the tools took it for a kill's leftover and offered a repair,
     * which then cut every later cycle). Not repairable as it stands: a repair would cut before it.
     */
    static JournalCorruptionException emptiedCycleFile(final Path file, final Path later)
    {
        return new JournalCorruptionException(String.format("journal corrupt: cycle file %s holds no record, but cycle " +
            "file %s after it does: it was emptied (by hand, or a copy cut off; a writer killed while creating a cycle " +
            "file leaves only the newest so), and the records it held are missing. Put it back (from a backup) and check " +
            "again with `journal verify`; to give them up, with %s and every later cycle file, intact as they are, move " +
            "it aside: `--repair` then cuts the journal before it", file, later.getFileName(), later.getFileName()),
            0, 0, false, false);
    }

    /**
     * The newest cycle file the queue's metadata records is not in the directory: deleted or moved by hand (journal
     * archive only ever moves the oldest). Its records are gone until it is put back; not repairable (a repair reads
     * through the same open).
     */
    static JournalCorruptionException newestCycleFileMissing(final long firstIndex, final Path file)
    {
        final JournalCorruptionException ex = new JournalCorruptionException(String.format("journal corrupt at index " +
            "%s: cycle file %s, the newest the journal's metadata records, is missing (deleted, or moved by hand; " +
            "journal archive only ever moves the oldest), and with it every record it held. Put it back (from a " +
            "backup) and check again with `journal verify`", JournalIndex.format(firstIndex), file), firstIndex, 0,
            false, false);
        ex.missingNewestCycleFile = file;
        return ex;
    }

    /**
     * A position (a snapshot's, a tail's) names a record the journal does not hold there. Not damage in itself: the
     * record was archived, cut by a repair, or the journal's end was lost and accepted (QA 93 N6: a snapshot skipped
     * after such a start was said to find the journal corrupt). The reader says which; whoever holds the position
     * decides what it means.
     */
    static JournalCorruptionException recordNotHeld(final long index, final long recordSequence)
    {
        return new JournalCorruptionException(String.format("record %d, index %s, is not in the journal: archived, cut " +
            "by a repair, or lost from its end", recordSequence, JournalIndex.format(index)), index, recordSequence,
            false, true);
    }

    /**
     * A position (a snapshot's) names a record this journal holds otherwise: intact (its checksum verifies) but with
     * another chain hash, or a document at its index that holds other records. Not damage in itself (QA 116: a
     * snapshot of another journal was said to find this one corrupt): the position is of another history, another
     * journal's or one a repair or a power cut cut off. Whoever holds the position says what it is
     * ({@link #anotherHistory()}).
     */
    static JournalCorruptionException recordOfAnotherHistory(final long index, final long recordSequence,
        final String detail)
    {
        final JournalCorruptionException ex = new JournalCorruptionException(detail, index, recordSequence, false, true);
        ex.anotherHistory = true;
        return ex;
    }

    /** Whether a position named a record this journal holds otherwise ({@link #recordOfAnotherHistory}). */
    public boolean anotherHistory()
    {
        return anotherHistory;
    }

    /**
     * The newest cycle file the metadata records, missing from the directory ({@link #newestCycleFileMissing}); null
     * for any other damage. A writer's open would go on without it (writing the metadata again), so the exchange's
     * start refuses it first when its sessions saw records there.
     */
    public Path missingNewestCycleFile()
    {
        return missingNewestCycleFile;
    }

    /**
     * A cycle file shorter than what Chronicle recorded as written into it (its write position): cut short by a copy
     * that did not finish, a full disk, a truncate. A read-only reader would fault reading past its end.
     */
    static JournalCorruptionException cutShort(final long firstIndex, final Path file, final long writePosition,
        final long size)
    {
        // "before byte P" would read wrong for a cut exactly at P (the start of the document): the header there is gone.
        return new JournalCorruptionException(String.format(UNPLACED + "cycle file %s is cut short (an unfinished copy, a full disk?): " +
            "it ends at byte %d, with no room for the document header at byte %d, which what Chronicle recorded as written there " +
            "reaches. `journal verify` names the index where the records stop; a repair keeps every good record", file, size,
            writePosition), firstIndex, 0, false, true);
    }

    /**
     * {@code cause}, a damage no record places ({@link #unreadableIndex}, {@link #documentPastEndOfFile}), met by a
     * reader at the end of what it could read: named at the first record it keeps the reader from.
     */
    static JournalCorruptionException endNotConfirmed(
        final long index, final long recordSequence, final JournalCorruptionException cause)
    {
        final String detail = cause.getMessage().startsWith(UNPLACED) ?
            cause.getMessage().substring(UNPLACED.length()) : cause.getMessage();
        final JournalCorruptionException ex = new JournalCorruptionException(index, recordSequence,
            "the end of the journal cannot be confirmed after the last record read: " + detail, true);
        ex.initCause(cause);
        return ex;
    }

    /**
     * A file a writer killed while Chronicle created it left unfinished ({@link Journal#openReadOnly}): it holds no
     * record, and the exchange's next start settles it, as a repair does; a read-only tool changes nothing.
     */
    static JournalCorruptionException leftUnfinishedByKill(final Path file)
    {
        // A cycle file emptied by hand looks the same (QA 93 N4): its records are then gone, which only the session
        // state can tell (the exchange's start refuses it then), so the message does not promise nothing was lost.
        final boolean cycleFile = file.getFileName().toString().endsWith(".cq4");
        final JournalCorruptionException ex = new JournalCorruptionException(String.format("journal file %s was left " +
            "unfinished by a process killed while creating it; it holds no record. A read-only tool changes nothing: " +
            "the exchange's next start, or journal repair, settles it (%s)%s", file, cycleFile ? "moves it aside" :
            "writes the queue's metadata again", cycleFile ? ". Had it held records (emptied by hand, or a copy cut " +
            "off), they are gone: the exchange refuses to start without records its FIX sessions saw" :
            ", and nothing recorded is lost"), 0, 0, false, true);
        ex.cycleFileLeftUnfinished = cycleFile ? file : null;
        return ex;
    }

    /**
     * The cycle file whose first header is unbegun or unfinished ({@link #leftUnfinishedByKill}); null for the queue's
     * metadata and for any other damage. One the exchange's session state saw records in was emptied: the start
     * refuses it before the writer's open moves it aside.
     */
    public Path cycleFileLeftUnfinished()
    {
        return cycleFileLeftUnfinished;
    }

    /**
     * The queue's metadata file ({@code metadata.cq4t}, Chronicle's table store beside the cycle files) is damaged
     * ({@code detail}). It holds no record, only Chronicle's listing of the cycle files and its write lock: the read-only
     * tools read the journal without it, and a writer's open makes a new one (the roll cycle then comes from the cycle
     * files' own headers). A repair reads through it, so it cannot help; moving it aside does.
     */
    static JournalCorruptionException damagedMetadata(final Path file, final String detail)
    {
        return new JournalCorruptionException(String.format("journal file %s (Chronicle's queue metadata, beside the " +
            "cycle files) is damaged: %s. It holds no record: move it aside (mv %s %s.damaged), and the tools read the " +
            "journal without it; the exchange's next start writes a new one. `journal repair` cannot get past it",
            file, detail, file, file), 0, 0, false, false);
    }

    /** As {@link #damagedMetadata(Path, String)}, found by Chronicle's read-only open failing ({@code cause}). */
    static JournalCorruptionException unreadableMetadata(final Path file, final RuntimeException cause)
    {
        final JournalCorruptionException ex = damagedMetadata(file, "Chronicle cannot open it (" + firstLine(cause) + ")");
        ex.initCause(cause);
        return ex;
    }

    /** The innermost cause's type and first line: Chronicle's messages go on with a hex dump of the header. */
    private static String firstLine(final Throwable cause)
    {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root)
        {
            root = root.getCause();
        }
        if (root instanceof NullPointerException || root instanceof ClassCastException ||
            root instanceof IndexOutOfBoundsException)
        {
            // Chronicle's own fault on the damaged bytes: its text names Chronicle's fields, nothing of the file
            // (QA 107: "Cannot invoke BytesStore.writeLong(long, long) because this.bytesStore is null").
            return "Chronicle failed on the damaged bytes";
        }
        final String message = String.valueOf(root.getMessage()).strip();
        final int newline = message.indexOf('\n');
        return root.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline).strip());
    }

    /** Whether this is not damage but a read from record 1 of a journal whose start was archived. */
    public boolean archivedStart()
    {
        return archivedStart;
    }

    /**
     * Whether a repair (truncating after the last good record) gets past it. Not for an archived start, nor
     * for a cycle file whose own header cannot be read: the message says what does.
     */
    public boolean repairable()
    {
        return repairable;
    }

    /**
     * Whether the damage lies after every record the journal holds ({@link #endNotConfirmed}, as with an unreadable
     * Chronicle index): each record was read and verified, so a repair keeps them all and cuts none.
     */
    public boolean afterEveryRecord()
    {
        return afterEveryRecord;
    }

    /** Chronicle index of the first bad record. */
    public long index()
    {
        return index;
    }

    /** The record sequence the bad record should have had. */
    public long recordSequence()
    {
        return recordSequence;
    }
}

package dev.tessera.journal;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.JournalConfig;
import dev.tessera.config.TradingConfig;
import dev.tessera.config.UnusableDirectoryException;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.EndOfDayDecoder;
import dev.tessera.engine.codec.MessageHeaderDecoder;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Moves journal cycle files that recovery no longer needs out of the journal directory: those whose
 * cycle ends before the cycle of the oldest kept snapshot's record. Every kept snapshot covers a
 * record in a later (or the same) cycle, so recovery from any of them still works; only a full
 * replay from record 1 would need the archived files back.
 *
 * <p>The anchor is the oldest snapshot that both verifies and matches the journal (its record is
 * there, with the same chain hash): a damaged or foreign oldest snapshot must not let the journal
 * lose records a usable snapshot does not cover. Never moved: the current cycle, the cycle being
 * written, the queue's metadata ({@code metadata.cq4t}); with no usable snapshot nothing moves.
 *
 * <p>Nothing moves either unless some usable snapshot carries every live order's filled notional: the
 * FIX gateway starts from such a snapshot (it needs the notional for AvgPx) and otherwise reads the
 * journal from record 1. Only snapshots of format 1, or taken by an engine restored from one while its
 * partly filled orders live, lack it.
 *
 * <p>Nor do the cycles of the trading day the journal's last record is in: from the first command after the journal's
 * last all-instrument EndOfDay on, as the journal itself tells it. The configured {@code trading.dayEnd} only says
 * whether there are trading days at all ({@code none}: no day is kept while the journal shows no EndOfDay) and stands in
 * where the oldest usable snapshot, written by an older build, does not know when its day began.
 */
public final class JournalArchiver
{
    private static final String CYCLE_FILE_SUFFIX = SingleChronicleQueue.SUFFIX;

    private JournalArchiver()
    {
    }

    /** Archives with the snapshot and archive directories of {@code config} and the day end of {@code trading}. */
    public static List<Path> archive(
        final Journal journal,
        final JournalConfig config,
        final List<InstrumentConfig> instruments,
        final TradingConfig trading,
        final Consumer<String> log)
    {
        return archive(journal, new SnapshotDirectory(config.snapshotDirectory()), instruments,
            config.archiveDirectory(), trading.dayEnd(), log);
    }

    /** The start of the trading day holding {@code timestampNs}: the last day end at or before it, epoch ms UTC. */
    static long tradingDayStartMs(final long timestampNs, final LocalTime dayEnd)
    {
        final ZonedDateTime at = Instant.ofEpochMilli(TimeUnit.NANOSECONDS.toMillis(timestampNs)).atZone(ZoneOffset.UTC);
        ZonedDateTime start = at.toLocalDate().atTime(dayEnd).atZone(ZoneOffset.UTC);
        if (start.isAfter(at))
        {
            start = start.minusDays(1);
        }
        return start.toInstant().toEpochMilli();
    }

    /**
     * Moves the cycle files older than the oldest usable snapshot's cycle into {@code archiveDirectory},
     * then refreshes the queue's view of its directory. The cycles of the trading day of the journal's last record
     * stay (see the class comment); {@code dayEnd} is the configured one, empty for {@code none}.
     *
     * @return the moved files at their new place in {@code archiveDirectory}, oldest cycle first.
     */
    public static List<Path> archive(
        final Journal journal,
        final SnapshotDirectory snapshots,
        final List<InstrumentConfig> instruments,
        final Path archiveDirectory,
        final Optional<LocalTime> dayEnd,
        final Consumer<String> log)
    {
        final List<Usable> usable = usableSnapshots(journal, snapshots, instruments, log);
        if (usable.isEmpty())
        {
            log.accept("archive: no usable snapshot in " + snapshots.directory() + ", nothing archived");
            return List.of();
        }
        if (usable.stream().noneMatch(Usable::knowsEveryFilledNotional))
        {
            log.accept("archive: no usable snapshot in " + snapshots.directory() + " carries every live order's " +
                "filled notional (they were written before snapshot format 2, or since by an engine restored from " +
                "one): the FIX gateway still needs the journal from record 1, nothing archived");
            return List.of();
        }
        final JournalPosition anchor = usable.get(0).position();
        if (anchor.index() < 0)
        {
            // A snapshot of the empty exchange: recovery from it replays the journal from its start.
            log.accept("archive: the oldest usable snapshot covers no journal record, nothing archived");
            return List.of();
        }

        final SingleChronicleQueue queue = journal.queue();
        final RollCycle rollCycle = queue.rollCycle();
        final int anchorCycle = rollCycle.toCycle(anchor.index());
        final long lastIndex = journal.lastIndex();
        int keepFrom = Math.min(anchorCycle, queue.cycle());
        if (lastIndex >= 0)
        {
            keepFrom = Math.min(keepFrom, rollCycle.toCycle(lastIndex));
            final TradingDay day = new TradingDay(usable.get(0).firstEntrySinceEndOfDay());
            try (JournalReader reader = journal.reader().fromFirstAvailable())
            {
                reader.poll(record -> day.firstTimestampNs = record.timestamp(), 1);
            }
            try (JournalReader reader = journal.reader().startAfter(anchor))
            {
                while (reader.poll(day, 4096) > 0)
                {
                    // to the end: the day of the journal's last record is wanted
                }
                day.lastTimestampNs = reader.lastTimestamp();
            }
            final int dayCycle = day.firstCycle(queue, dayEnd);
            if (dayCycle < keepFrom)
            {
                // The FIX gateway rebuilds the ClOrdIDs it refuses a resent order for (decided, earlier ones of live
                // orders) from the journal: a cycle of the trading day still going on, by the journal's last record,
                // stays, so that FIX's ClOrdID uniqueness within a trading day is checked whole after a restart.
                // Said by the day's start, not a cycle number (Chronicle's, which an operator does not see) nor the
                // file of that cycle, which need not exist.
                log.accept("archive: the cycle files holding records of the trading day of the journal's last record " +
                    "(" + day.describeStart(dayEnd) + ") are kept, so the FIX gateway still checks that day's ClOrdIDs");
                keepFrom = dayCycle;
            }
        }

        final List<CycleFile> toMove = cycleFilesBefore(journal.directory(), queue, keepFrom, log);
        final List<Path> moved = new ArrayList<>(toMove.size());
        if (!toMove.isEmpty())
        {
            createDirectories(archiveDirectory);
            for (final CycleFile cycleFile : toMove)
            {
                moved.add(move(cycleFile.file, archiveDirectory.resolve(cycleFile.file.getFileName())));
                log.accept("archive: moved " + cycleFile.file.getFileName() + " to " + archiveDirectory);
            }
            // The archived cycles are read with the journal's instruments, which only ever grow: the current
            // record describes them, also beside them.
            JournalInstruments.copy(journal.directory(), archiveDirectory);
            JournalGenerations.copy(journal.directory(), archiveDirectory);
            SnapshotDirectory.forceDirectory(archiveDirectory);
            SnapshotDirectory.forceDirectory(journal.directory());
            // Chronicle caches the directory listing (first cycle, cycle tree): without a refresh it
            // would still look for the moved files.
            queue.refreshDirectoryListing();
        }
        log.accept("archive: " + moved.size() + " cycle file(s) archived; the journal now starts with " +
            (journal.firstIndex() == Long.MAX_VALUE ? "-" :
            Journal.cycleFile(queue, journal.directory(), rollCycle.toCycle(journal.firstIndex())).getFileName()) +
            ", the oldest usable snapshot covers record " + anchor.recordSequence() + " in " +
            Journal.cycleFile(queue, journal.directory(), anchorCycle).getFileName());
        return moved;
    }

    /**
     * Undoes {@link #archive}: moves the cycle files in {@code archiveDirectory} back into the journal, then reads
     * the history they hold up to the journal's first record before the restore, verifying every record and its link
     * into that one. All or nothing: an archive holding a file that is not older than the journal's first cycle, or
     * one the journal directory holds already, moves nothing; history that does not lead into the journal (a cycle
     * missing, another journal's files) is moved back to the archive and the journal left as it was.
     *
     * <p>Cycle files moved back by hand are taken in too: a writer's open refreshes Chronicle's list of the
     * directory's cycles, which read-only opens only read ({@link Journal#openReadOnly} refuses a journal whose
     * directory holds cycles that list leaves out, naming this).
     *
     * @return the files moved back, at their place in the journal directory, oldest cycle first.
     * @throws IllegalStateException when nothing could be restored, saying why; the journal is as it was.
     */
    public static List<Path> restore(final Journal journal, final Path archiveDirectory, final Consumer<String> log)
    {
        final SingleChronicleQueue queue = journal.queue();
        queue.refreshDirectoryListing();
        final long firstRecordBefore = journal.firstRecordSequence();
        final List<CycleFile> archived = Files.isDirectory(archiveDirectory) ?
            cycleFilesBefore(archiveDirectory, queue, Integer.MAX_VALUE, log) : List.of();
        if (archived.isEmpty())
        {
            log.accept("restore: no archived cycle file in " + archiveDirectory + "; the journal starts at record " +
                firstRecordBefore);
            return List.of();
        }
        final long firstIndex = journal.firstIndex();
        final int firstCycle = firstIndex == Long.MAX_VALUE ? Integer.MAX_VALUE : queue.rollCycle().toCycle(firstIndex);
        for (final CycleFile cycleFile : archived)
        {
            if (cycleFile.cycle >= firstCycle)
            {
                throw new IllegalStateException(cycleFile.file + " (cycle " + cycleFile.cycle + ") is not older than " +
                    "the journal's first cycle " + firstCycle + ": not archived from this journal? Nothing was moved");
            }
            if (Files.exists(journal.directory().resolve(cycleFile.file.getFileName())))
            {
                throw new IllegalStateException("both " + archiveDirectory + " and " + journal.directory() + " hold " +
                    cycleFile.file.getFileName() + ": nothing was moved");
            }
        }
        final List<Path> moved = new ArrayList<>(archived.size());
        for (final CycleFile cycleFile : archived)
        {
            moved.add(move(cycleFile.file, journal.directory().resolve(cycleFile.file.getFileName())));
        }
        SnapshotDirectory.forceDirectory(journal.directory());
        SnapshotDirectory.forceDirectory(archiveDirectory);
        queue.refreshDirectoryListing();
        try
        {
            checkLeadsInto(journal, firstRecordBefore);
        }
        catch (final JournalCorruptionException ex)
        {
            for (final Path file : moved)
            {
                move(file, archiveDirectory.resolve(file.getFileName()));
            }
            SnapshotDirectory.forceDirectory(journal.directory());
            SnapshotDirectory.forceDirectory(archiveDirectory);
            queue.refreshDirectoryListing();
            throw new IllegalStateException("the archived history in " + archiveDirectory + " does not lead into the " +
                "journal's record " + firstRecordBefore + " (" + ex.getMessage() + "); the files are back in the " +
                "archive and the journal is as it was", ex);
        }
        log.accept("restore: " + moved.size() + " cycle file(s) moved back from " + archiveDirectory +
            "; the journal starts at record " + journal.firstRecordSequence() + " again");
        return moved;
    }

    /** Reads, verifying, from the journal's first record up to record {@code recordSequence} (0: the journal is empty). */
    private static void checkLeadsInto(final Journal journal, final long recordSequence)
    {
        try (JournalReader reader = journal.reader().fromFirstAvailable())
        {
            while (reader.position().recordSequence() < recordSequence)
            {
                if (reader.poll(record -> { }, 4096) == 0)
                {
                    throw new JournalCorruptionException(reader.position().index(), reader.position().recordSequence(),
                        "the history ends before record " + recordSequence);
                }
            }
        }
    }

    /** The snapshots that verify and whose record the journal holds exactly, oldest first. */
    private static List<Usable> usableSnapshots(
        final Journal journal,
        final SnapshotDirectory snapshots,
        final List<InstrumentConfig> instruments,
        final Consumer<String> log)
    {
        final List<Usable> usable = new ArrayList<>();
        for (final Path file : snapshots.files())
        {
            final SnapshotStore.Snapshot snapshot;
            try
            {
                snapshot = snapshots.load(file, instruments, MatchingEngine.DEFAULT_EXPECTED_ORDERS);
            }
            catch (final InvalidSnapshotException ex)
            {
                log.accept("archive: WARNING skipping snapshot " + file + ": " + ex.getMessage());
                continue;
            }
            try (JournalReader reader = journal.reader())
            {
                reader.startAfter(snapshot.position());
                usable.add(new Usable(snapshot.position(), snapshot.knowsEveryFilledNotional(),
                    snapshot.engine().firstEntrySinceEndOfDay()));
            }
            catch (final JournalCorruptionException ex)
            {
                log.accept("archive: WARNING skipping snapshot " + file + ", " + (ex.anotherHistory() ?
                    SnapshotDirectory.notOfThisJournal(ex) : "the journal does not hold its record: " + ex.getMessage()));
            }
        }
        return usable;
    }

    private record Usable(JournalPosition position, boolean knowsEveryFilledNotional, long firstEntrySinceEndOfDay)
    {
    }

    /**
     * Where the trading day of the journal's last record began, as the journal tells it: the engine's first entry
     * since the last all-instrument EndOfDay at the anchor snapshot, then each record after it, followed as the
     * engine does ({@code MatchingEngine.onTradingDayCommand}). The exchange entered those EndOfDays at its
     * {@code trading.dayEnd}: the tool's configuration, which may be another file or a changed time, is not asked
     * (QA 131 F3), except where the journal cannot tell.
     */
    private static final class TradingDay implements JournalRecordHandler
    {
        private static final long NO_RECORD = -1;
        /** {@link #startIndex} of a day begun before the anchor: {@link #startTimestampNs} is all that is known. */
        private static final long BEFORE_ANCHOR = -2;

        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final EndOfDayDecoder endOfDay = new EndOfDayDecoder();
        /** Whether the journal tells where the day began (not so after a snapshot of format 1 or 2, until an EndOfDay). */
        private boolean known;
        /** Whether an all-instrument EndOfDay was read after the anchor. */
        private boolean endOfDayRead;
        /** The day's first record, {@link #NO_RECORD} before one came, or {@link #BEFORE_ANCHOR}. */
        private long startIndex = NO_RECORD;
        private long startRecordSequence;
        private long startTimestampNs;
        /** The entry time of the journal's first record still here. */
        long firstTimestampNs;
        long lastTimestampNs;

        TradingDay(final long firstEntrySinceEndOfDay)
        {
            known = firstEntrySinceEndOfDay != MatchingEngine.UNKNOWN_ENTRY_SINCE_END_OF_DAY;
            if (known && firstEntrySinceEndOfDay != MatchingEngine.NO_ENTRY_SINCE_END_OF_DAY)
            {
                startIndex = BEFORE_ANCHOR;
                startTimestampNs = firstEntrySinceEndOfDay;
            }
        }

        @Override
        public void onRecord(final JournalRecord record)
        {
            if (endsTradingDay(record))
            {
                known = true;
                endOfDayRead = true;
                startIndex = NO_RECORD;
            }
            else if (startIndex == NO_RECORD)
            {
                startIndex = record.index();
                startRecordSequence = record.recordSequence();
                startTimestampNs = record.timestamp();
            }
        }

        private boolean endsTradingDay(final JournalRecord record)
        {
            if (record.commandLength() < MessageHeaderDecoder.ENCODED_LENGTH)
            {
                return false;
            }
            header.wrap(record.buffer(), record.commandOffset());
            return header.templateId() == EndOfDayDecoder.TEMPLATE_ID &&
                endOfDay.wrap(record.buffer(), record.commandOffset() + MessageHeaderDecoder.ENCODED_LENGTH,
                    header.blockLength(), header.version()).instrumentId() == 0;
        }

        /**
         * The first cycle holding the day's records, {@code Integer.MAX_VALUE} when nothing needs keeping for it:
         * no record since the journal's last EndOfDay, or no trading day at all: {@code trading.dayEnd = none} and no
         * EndOfDay to be seen since the journal's first record still here (the entry the engine counts from is then
         * that record's or an archived one's, so the journal may never have had an EndOfDay).
         */
        int firstCycle(final SingleChronicleQueue queue, final Optional<LocalTime> dayEnd)
        {
            if (dayEnd.isEmpty() && !endOfDayRead && (startIndex != BEFORE_ANCHOR || startTimestampNs <= firstTimestampNs))
            {
                return Integer.MAX_VALUE;
            }
            if (!known)
            {
                return cycleOf(queue, tradingDayStartMs(lastTimestampNs, dayEnd.get()));
            }
            if (startIndex == NO_RECORD)
            {
                return Integer.MAX_VALUE;
            }
            if (startIndex == BEFORE_ANCHOR)
            {
                // Only its entry time: the cycle of that time. The journal's time never goes back and a record is
                // written after its entry, so the record is in that cycle or a later one, never an earlier one.
                return cycleOf(queue, TimeUnit.NANOSECONDS.toMillis(startTimestampNs));
            }
            return queue.rollCycle().toCycle(startIndex);
        }

        private static int cycleOf(final SingleChronicleQueue queue, final long epochMs)
        {
            return (int)Math.floorDiv(epochMs - queue.epoch(), queue.rollCycle().lengthInMillis());
        }

        String describeStart(final Optional<LocalTime> dayEnd)
        {
            if (!known)
            {
                return "since " + Instant.ofEpochMilli(tradingDayStartMs(lastTimestampNs, dayEnd.get())) +
                    ", trading.dayEnd " + dayEnd.get() + ": the oldest usable snapshot, written by an older build, " +
                    "does not say when the day began";
            }
            final String since = "since " + Instant.ofEpochMilli(TimeUnit.NANOSECONDS.toMillis(startTimestampNs));
            return startIndex == BEFORE_ANCHOR ?
                since + ", the first command after the journal's last EndOfDay (or its first ever), from before " +
                    "the oldest usable snapshot" :
                since + ", record " + startRecordSequence + ", the first after the journal's last EndOfDay";
        }
    }

    /**
     * The cycle files of the queue's roll cycle in {@code directory} (the journal's, or its archive) whose cycle is
     * before {@code keepFrom}, oldest first.
     */
    static List<CycleFile> cycleFilesBefore(
        final Path directory, final SingleChronicleQueue queue, final int keepFrom, final Consumer<String> log)
    {
        // The queue's own mapping between cycle numbers and file names (format and epoch of its roll cycle).
        final RollingResourcesCache names = new RollingResourcesCache(queue.rollCycle(), queue.epoch(),
            name -> new File(directory.toFile(), name + CYCLE_FILE_SUFFIX),
            file -> stripSuffix(file.getName()));
        final List<CycleFile> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + CYCLE_FILE_SUFFIX))
        {
            for (final Path file : stream)
            {
                final String name = file.getFileName().toString();
                final int cycle;
                try
                {
                    cycle = names.parseCount(stripSuffix(name));
                }
                catch (final RuntimeException ex)
                {
                    log.accept("archive: leaving " + name + ", not a cycle file of this roll cycle");
                    continue;
                }
                if (cycle < keepFrom)
                {
                    files.add(new CycleFile(file, cycle));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list journal files in " + directory + ": " +
                UnusableDirectoryException.reason(directory, ex), ex);
        }
        files.sort(Comparator.comparingInt(cycleFile -> cycleFile.cycle));
        return files;
    }

    private static String stripSuffix(final String name)
    {
        return name.substring(0, name.length() - CYCLE_FILE_SUFFIX.length());
    }

    /**
     * A rename when both directories are on one file system; otherwise a copy that is forced and
     * renamed into place before the original is deleted, so a crash leaves the file in at least one place.
     */
    private static Path move(final Path source, final Path target)
    {
        if (Files.exists(target))
        {
            throw new IllegalStateException(target + " exists already; not overwriting it with " + source);
        }
        try
        {
            try
            {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (final AtomicMoveNotSupportedException ex)
            {
                final Path temp = target.resolveSibling(target.getFileName() + ".tmp");
                Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE))
                {
                    channel.force(true);
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                SnapshotDirectory.forceDirectory(target.getParent());
                Files.delete(source);
            }
            return target;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot move " + source + " to " + target, ex);
        }
    }

    private static void createDirectories(final Path directory)
    {
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create archive directory " + directory, ex);
        }
    }

    static final class CycleFile
    {
        final Path file;
        final int cycle;

        CycleFile(final Path file, final int cycle)
        {
            this.file = file;
            this.cycle = cycle;
        }
    }
}

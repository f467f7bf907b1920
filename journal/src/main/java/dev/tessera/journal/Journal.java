package dev.tessera.journal;

import dev.tessera.config.Durability;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.JournalConfig;
import dev.tessera.config.Prefault;
import dev.tessera.config.UnusableDirectoryException;
import dev.tessera.journal.CycleFileHeaders.Found;
import dev.tessera.journal.codec.JournalRecordDecoder;
import dev.tessera.journal.codec.MessageHeaderDecoder;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;
import net.openhft.chronicle.queue.impl.single.TableStoreWriteLock;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The engine's journal: one Chronicle Queue covering all instruments, one record per command
 * (the command and the events it produced). It is the source of truth; books, reports and market
 * data are all derived from it. One writer (the engine thread), any number of readers.
 */
public final class Journal implements AutoCloseable
{
    /** In the journal directory: its OS lock is held by the one process that has the journal open for writing. */
    public static final String WRITER_LOCK_FILE = "writer.lock";
    /** {@link #recordChecksum} of a record the journal does not hold (intact) where asked. */
    public static final long NO_RECORD = -1;

    private final Path directory;
    private final Durability durability;
    /** {@code journal.prefault}: whether and how the writer runs a {@link JournalPrefault} thread. */
    private final Prefault prefault;
    private final SingleChronicleQueue queue;
    /** Holds the {@link #WRITER_LOCK_FILE} lock while this journal is open for writing; null when read-only. */
    private final DirectoryLock writerLock;
    /**
     * The configured instruments, recorded in {@link JournalInstruments#FILE} when the first writer is made: once the
     * exchange has accepted its start, not at the open, so that a start refused after it (recovery finding orders of
     * an instrument left out) leaves the file as it was (QA 115 F1: a new instrument recorded by a refused start was
     * pinned for good, and a corrected priceScale of it then refused). Null: nothing to record.
     */
    private List<InstrumentConfig> instrumentsToRecord;

    private Journal(
        final Path directory,
        final Durability durability,
        final Prefault prefault,
        final SingleChronicleQueue queue,
        final DirectoryLock writerLock)
    {
        this.directory = directory;
        this.durability = durability;
        this.prefault = prefault;
        this.queue = queue;
        this.writerLock = writerLock;
    }

    /**
     * Opens (creating if needed) the journal for writing and reading, holding its writer lock until closed,
     * for a configuration's instruments: refuses instruments that do not fit those the journal was written
     * with, before the queue is opened, and records new ones ({@link JournalInstruments}) when the first
     * {@link #writer} is made.
     *
     * @throws JournalInUseException when another process, or this one, has it open for writing.
     * @throws JournalInstrumentsException when the instruments do not fit the journal's, or its record of them
     *     cannot be read.
     */
    public static Journal open(final JournalConfig config, final List<InstrumentConfig> instruments)
    {
        return open(config, instruments, SystemTimeProvider.INSTANCE);
    }

    /** As {@link #open(JournalConfig, List)} on another clock, which decides the roll cycle: tests roll without waiting. */
    public static Journal open(final JournalConfig config, final List<InstrumentConfig> instruments, final TimeProvider time)
    {
        return open(config, time, Objects.requireNonNull(instruments, "instruments"));
    }

    /**
     * Opens the journal for writing with no instruments to check or record: for a journal read without a
     * configuration (benchmarks, tests) or copied raw (repair). The exchange and its tools pass their instruments.
     *
     * @throws JournalInUseException when another process, or this one, has it open for writing.
     */
    public static Journal open(final JournalConfig config)
    {
        return open(config, SystemTimeProvider.INSTANCE);
    }

    /** As {@link #open(JournalConfig)} on another clock, which decides the roll cycle: tests roll without waiting. */
    public static Journal open(final JournalConfig config, final TimeProvider time)
    {
        return open(config, time, null);
    }

    private static Journal open(final JournalConfig config, final TimeProvider time, final List<InstrumentConfig> instruments)
    {
        final Path directory = config.directory();
        UnusableDirectoryException.create("journal directory", directory);
        final DirectoryLock writerLock = lockForWriting(directory);
        try
        {
            if (instruments != null)
            {
                // Under the writer lock, and before Chronicle touches the directory: a refusal changes nothing.
                JournalInstruments.check(directory, instruments);
            }
            final Journal journal = open(config, time, directory, writerLock);
            journal.instrumentsToRecord = instruments;
            return journal;
        }
        catch (final RuntimeException | Error ex)
        {
            writerLock.close();
            throw ex;
        }
    }

    private static Journal open(
        final JournalConfig config, final TimeProvider time, final Path directory, final DirectoryLock writerLock)
    {
        checkMetadataHeader(directory);
        // Also refuses a cycle file emptied before one that holds records (fileLeftUnfinished), before anything moves it.
        checkEndWithinFileBeforeWriting(directory);
        // The configured roll cycle is for a new journal: an existing one keeps the one it was created with.
        final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(QueueMetadata.rollCycle(directory).orElse(RollCycles.valueOf(config.rollCycle())))
            .timeProvider(time)
            // SYNC must reach the device before a batch is published: msync(MS_SYNC), not Chronicle's
            // default MS_ASYNC, which only schedules the write-back. PROCESS needs no msync at all.
            .syncMode(syncModeFor(config.durability()));
        SingleChronicleQueue queue = build(builder, directory);
        if (!releaseLockOfDeadWriter(queue, builder))
        {
            queue.close();
            throw new IllegalStateException("journal " + directory + " is being written by another live process");
        }
        if (discardUnfinishedCycleFiles(directory))
        {
            queue.close();
            queue = build(builder, directory);
        }
        checkCycleFilesOpen(queue, directory);
        if (writerLock != null)
        {
            // Before the first append: Chronicle's appender would go on from a wrong write position unasked.
            final String problem = writePositionProblem(queue);
            if (problem != null)
            {
                final int cycle = queue.lastCycle();
                queue.close();
                throw JournalCorruptionException.writePositionAstray(queue.rollCycle().toIndex(cycle, 0),
                    cycleFile(queue, directory, cycle), problem);
            }
        }
        return new Journal(directory, config.durability(), config.prefault(), queue, writerLock);
    }

    /**
     * The queue {@code builder} builds, for writing or reading. The build reads the metadata before any cycle file
     * (and, read-only, nothing else but the directory's listing): what it cannot read there (a damaged table of values
     * after an intact header, say) it reports in its own words, naming no file, so a failure with the metadata file
     * present is that file's (QA 119 F1: the writer's open, the exchange's start, ended in Chronicle's stack trace where
     * the tools named the file). With no metadata file a read-only build warns and goes on.
     */
    private static SingleChronicleQueue build(final SingleChronicleQueueBuilder builder, final Path directory)
    {
        try
        {
            return builder.build();
        }
        catch (final RuntimeException ex)
        {
            final Path metadata = directory.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE);
            if (Files.exists(metadata))
            {
                throw JournalCorruptionException.unreadableMetadata(metadata, ex);
            }
            throw ex;
        }
    }

    /**
     * Takes the journal's writer lock ({@link DirectoryLock} on {@link #WRITER_LOCK_FILE}), held until {@link #close}.
     * Chronicle lets several processes append to one queue, so without it a second exchange (or a maintenance tool)
     * started on the same directory would interleave its records with the first one's.
     */
    static DirectoryLock lockForWriting(final Path directory)
    {
        return DirectoryLock.take(directory, WRITER_LOCK_FILE, "writer lock of journal",
            holder -> new JournalInUseException(directory, holder));
    }

    /**
     * The roll cycle of the journal in {@code directory} when it differs from {@code configured}: an existing journal
     * keeps the one it was created with, so {@code journal.rollCycle} applies to a new one only (QA 102: {@code config}
     * showed the configured one as in effect). Empty for a new journal, or when they are the same. Reads only.
     */
    public static Optional<String> rollCycleKeptOver(final Path directory, final String configured)
    {
        return QueueMetadata.rollCycle(directory).map(Enum::name).filter(kept -> !kept.equals(configured));
    }

    /**
     * Whether {@code directory} holds no journal yet: it is not there, or holds no cycle file (Chronicle makes the
     * first one at the first record). Read from the directory's listing alone: nothing is opened or created, so a
     * start-up can ask before it opens the journal.
     */
    public static boolean holdsNoRecord(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            return true;
        }
        try (Stream<Path> listing = Files.list(directory))
        {
            return listing.noneMatch(file -> file.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list journal " + directory + ": " +
                UnusableDirectoryException.reason(directory, ex), ex);
        }
    }

    /**
     * Whether the process the writer lock file names is alive. Read, not locked: a reader that took even a shared
     * lock on it could make an exchange starting at that moment think the journal in use. A pid reused by another
     * process reads as alive, which only leaves a read-only open to Chronicle's own wait.
     */
    private static boolean writerAlive(final Path directory)
    {
        final Path file = directory.resolve(WRITER_LOCK_FILE);
        if (!Files.exists(file))
        {
            return false;
        }
        final String holder = DirectoryLock.holderOf(file);
        if (!holder.startsWith("pid ") || !holder.substring(4).chars().allMatch(Character::isDigit) || holder.length() == 4)
        {
            return false;
        }
        final long pid = Long.parseLong(holder.substring(4));
        if (pid == ProcessHandle.current().pid())
        {
            // The file names this process also after a tool in it let the lock go: held only while it is held here.
            return DirectoryLock.heldHere(realParent(file).resolve(WRITER_LOCK_FILE));
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Path realParent(final Path file)
    {
        try
        {
            return file.getParent().toRealPath();
        }
        catch (final IOException ex)
        {
            return file.getParent();
        }
    }

    /**
     * As {@link #openReadOnly(Path)}, for a configuration's instruments: refuses them when they do not fit
     * those the journal was written with (a journal written before they were recorded is not checked).
     *
     * @throws JournalInstrumentsException when the instruments do not fit the journal's, or its record of them
     *     cannot be read.
     */
    public static Journal openReadOnly(final Path directory, final List<InstrumentConfig> instruments)
    {
        if (!Files.isDirectory(directory))
        {
            throw new IllegalArgumentException("no journal at " + directory);
        }
        JournalInstruments.check(directory, instruments);
        return openReadOnly(directory);
    }

    /**
     * Opens an existing journal for reading only; never creates or changes anything. Checks no instruments:
     * for readers that interpret no price or symbol ({@code journal verify}, repair) or bring none.
     */
    public static Journal openReadOnly(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            throw new IllegalArgumentException("no journal at " + directory);
        }
        // A live writer may be creating a file this very moment (a roll): Chronicle's wait is then short and right.
        if (!writerAlive(directory))
        {
            final Optional<Path> unfinished = fileLeftUnfinished(directory);
            if (unfinished.isPresent())
            {
                throw JournalCorruptionException.leftUnfinishedByKill(unfinished.get());
            }
        }
        checkMetadataHeader(directory);
        // With the roll cycle it was written with: Chronicle's default would be overridden with a WARN.
        final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.binary(directory).readOnly(true);
        QueueMetadata.rollCycle(directory).ifPresent(builder::rollCycle);
        final SingleChronicleQueue queue = build(builder, directory);
        checkCycleFilesOpen(queue, directory);
        if (!writerAlive(directory))
        {
            checkNoCycleFileUnlisted(queue, directory);
        }
        return new Journal(directory, Durability.PROCESS, Prefault.OFF, queue, null);
    }

    /**
     * A metadata file whose header is damaged ({@link QueueMetadata#headerDamage}) is named before Chronicle opens it:
     * Chronicle would wait 10 s for a lock and then name the lock, and the writer's open does not rewrite it.
     */
    private static void checkMetadataHeader(final Path directory)
    {
        final String damage = QueueMetadata.headerDamage(directory);
        if (damage != null)
        {
            throw JournalCorruptionException.damagedMetadata(
                directory.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE), damage);
        }
    }

    /**
     * Cycle files outside the cycles the queue's metadata lists, which only a writer's open lists again, so a read-only
     * reader would not see them. Older than the first: moved back by hand after {@code journal archive}, the reader
     * would start after them, as if still archived. Newer than the last: a newest cycle file put back after the
     * exchange opened the journal without it (the writer's open writes the metadata again), the reader would end before
     * its records and call the journal OK. Refused, naming the remedy, rather than read as a shorter history.
     */
    private static void checkNoCycleFileUnlisted(final SingleChronicleQueue queue, final Path directory)
    {
        final int firstListed = queue.firstCycle();
        final int lastListed = queue.lastCycle();
        final List<JournalArchiver.CycleFile> files =
            JournalArchiver.cycleFilesBefore(directory, queue, Integer.MAX_VALUE, line -> { });
        final List<JournalArchiver.CycleFile> older = files.stream().filter(file -> file.cycle < firstListed).toList();
        final List<JournalArchiver.CycleFile> newer = files.stream().filter(file -> file.cycle > lastListed).toList();
        if (!older.isEmpty() || !newer.isEmpty())
        {
            queue.close();
            final boolean isOlder = !older.isEmpty();
            final List<JournalArchiver.CycleFile> unlisted = isOlder ? older : newer;
            throw new IllegalStateException("journal " + directory + " holds " + unlisted.size() + " cycle file(s) " +
                (isOlder ? "older than the first" : "newer than the last") + " cycle its metadata lists (" +
                unlisted.get(0).file.getFileName() + (unlisted.size() > 1 ? " ..." : "") + (isOlder ?
                "; moved back by hand after journal archive?): a reader would not see them; `tessera journal " +
                "restore` (with the exchange stopped) takes them in" :
                "; put back by hand after the exchange opened the journal without it?): a reader would not see " +
                "them; the exchange's next start takes them in"));
        }
    }

    /**
     * What the exchange's own open does first, for a maintenance tool that holds the writer lock ({@code journal
     * repair}): a file a killed writer left unfinished is settled as the writer settles it (a cycle file moved
     * aside, the queue's metadata written again), so that {@link #openReadOnly} can read the journal after it.
     *
     * @return the file that was settled, if any.
     */
    static Optional<Path> settleFileLeftUnfinished(final JournalConfig config, final DirectoryLock heldLock)
    {
        final Optional<Path> unfinished = fileLeftUnfinished(config.directory());
        if (unfinished.isPresent())
        {
            Objects.requireNonNull(heldLock, "the writer lock");
            open(config, SystemTimeProvider.INSTANCE, config.directory(), null).close();
        }
        return unfinished;
    }

    /**
     * A file a writer killed while Chronicle created it left with its first header unbegun or unfinished: the
     * queue's metadata ({@code metadata.cq4t}) or a cycle file. It holds no record, but Chronicle, opening it
     * read-only, waits for the header to be finished (for the metadata, 10 s, then an error about a lock).
     */
    private static Optional<Path> fileLeftUnfinished(final Path directory)
    {
        try (Stream<Path> listing = Files.list(directory))
        {
            Path unfinished = null;
            // Names sorted: one roll cycle's cycle files as their cycles go, metadata.cq4t after them.
            for (final Path file : listing.sorted().toList())
            {
                final String name = file.getFileName().toString();
                final boolean cycleFile = name.endsWith(SingleChronicleQueue.SUFFIX);
                if (!cycleFile && !name.equals(SingleChronicleQueue.QUEUE_METADATA_FILE))
                {
                    continue;
                }
                final boolean empty = firstHeaderUnfinished(file);
                if (empty && unfinished == null)
                {
                    unfinished = file;
                }
                else if (!empty && cycleFile && unfinished != null)
                {
                    // Only the newest cycle file can be a kill's leftover: one before a cycle file that holds
                    // records was emptied (QA 98), and a repair would cut every later cycle.
                    throw JournalCorruptionException.emptiedCycleFile(unfinished, file);
                }
            }
            return Optional.ofNullable(unfinished);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot check the files of journal " + directory + ": " +
                UnusableDirectoryException.reason(directory, ex), ex);
        }
    }

    /**
     * Opens every cycle file once. Chronicle parses a file's own header (its store's description) when a
     * tailer or appender first reaches the file; damage there would otherwise surface as whatever Chronicle
     * throws, stack trace and all, from whichever reader, tool or start-up step came first. Each file is
     * opened, not read: a few milliseconds a file, once per open.
     *
     * @throws JournalCorruptionException naming the file; the queue is closed.
     */
    private static void checkCycleFilesOpen(final SingleChronicleQueue queue, final Path directory)
    {
        final int first = queue.firstCycle();
        final int last = queue.lastCycle();
        if (first > last)
        {
            return;
        }
        // Read-only, Chronicle takes the last cycle from the metadata; with that file gone it fails on the first cycle
        // instead ('file not found' for the upper cycle), which would be named as a damaged header of an intact file.
        final Path newest = cycleFile(queue, directory, last);
        if (!Files.exists(newest))
        {
            queue.close();
            throw JournalCorruptionException.newestCycleFileMissing(queue.rollCycle().toIndex(last, 0), newest);
        }
        int cycle = first;
        try (ExcerptTailer tailer = queue.createTailer())
        {
            for (final long each : queue.listCyclesBetween(first, last))
            {
                cycle = (int)each;
                tailer.moveToCycle(cycle);
            }
        }
        catch (final RuntimeException ex)
        {
            final Path file = cycleFile(queue, directory, cycle);
            final long firstIndex = queue.rollCycle().toIndex(cycle, 0);
            queue.close();
            throw JournalCorruptionException.unreadableCycleFile(firstIndex, file, ex);
        }
    }

    /**
     * A writer killed inside an append (kill -9) leaves Chronicle's write lock held; Chronicle would
     * only take it over after a long timeout. We are the only writer of this journal, so on start-up
     * a lock held by a dead process is released at once.
     */
    private static boolean releaseLockOfDeadWriter(final SingleChronicleQueue queue, final SingleChronicleQueueBuilder builder)
    {
        try (TableStoreWriteLock lock = new TableStoreWriteLock(queue.metaStore(), builder.pauserSupplier(), 0L))
        {
            return lock.forceUnlockIfProcessIsDead();
        }
    }

    /**
     * A writer killed while Chronicle was creating a cycle file leaves the file's first header
     * unfinished (its "not complete" bit set) or not begun at all (zero, or a file too short to hold one):
     * it never held a record, but every reader would wait for Chronicle's timeout on it (or, for a header
     * never begun, for one to appear), and the writer too before Chronicle discards it. We are the only
     * writer and no live process holds the lock, so the file is moved aside at once, under the
     * name Chronicle itself would give it.
     *
     * @return true when a file was moved aside.
     */
    private static boolean discardUnfinishedCycleFiles(final Path directory)
    {
        boolean discarded = false;
        try (Stream<Path> listing = Files.list(directory))
        {
            final List<Path> cycleFiles = listing.filter(f -> f.toString().endsWith(SingleChronicleQueue.SUFFIX)).toList();
            for (final Path file : cycleFiles)
            {
                if (firstHeaderUnfinished(file))
                {
                    final Path aside = file.resolveSibling(file.getFileName() + "-" + System.currentTimeMillis() +
                        SingleChronicleQueue.DISCARD_FILE_SUFFIX);
                    Files.move(file, aside);
                    // A line like every other of the exchange's (stderr, "journal: "), not a logger's (QA 93 N6).
                    System.err.println("journal: WARNING " + file + " was left unfinished by a killed writer (it " +
                        "holds no record); moved to " + aside.getFileName());
                    discarded = true;
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot check the cycle files of " + directory, ex);
        }
        return discarded;
    }

    private static boolean firstHeaderUnfinished(final Path file) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            // Past the file: created, not even sized, so nothing was written. End: sized and mapped, the first
            // header not yet begun or not finished; Chronicle would wait for one to appear.
            final Found first = new CycleFileHeaders(channel, Integer.BYTES).at(0);
            return first == Found.PAST_FILE || first == Found.END;
        }
    }

    /**
     * The single writer, continuing after the last good record described by {@code tail}
     * (from recovery; {@link JournalPosition#EMPTY} for a new journal).
     */
    public JournalWriter writer(final JournalPosition tail)
    {
        recordInstruments();
        return new JournalWriter(queue.createAppender(), durability, tail, prefault);
    }

    /**
     * Records the configured instruments the journal's {@link JournalInstruments#FILE} lacks, once: what {@link #writer}
     * does first, for a caller that makes its writer on another thread (the engine's) and would rather meet a failure
     * to write the file where it starts. Checked at the open, so only a file that cannot be written fails here.
     */
    public void recordInstruments()
    {
        if (instrumentsToRecord != null)
        {
            JournalInstruments.recordForWriting(directory, instrumentsToRecord);
            instrumentsToRecord = null;
        }
    }

    /** A verifying reader from the first record. */
    public JournalReader reader()
    {
        return new JournalReader(queue.createTailer());
    }

    public Path directory()
    {
        return directory;
    }

    public Durability durability()
    {
        return durability;
    }

    /**
     * Index of the last record, or -1 (Chronicle's convention) when empty.
     *
     * @throws JournalCorruptionException naming the last cycle file when Chronicle's index there cannot be read.
     */
    public long lastIndex()
    {
        return lastIndex(queue);
    }

    /**
     * Chronicle finds a queue's last document through the last cycle file's index; a damaged index makes it throw
     * whatever its wire parser meets (UnsupportedOperationException "Unknown_0x9F", say). The records may well be
     * intact and readable in order: the error names the file, and a repair, which reads them in order and writes a
     * new queue, rebuilds the index.
     */
    static long lastIndex(final SingleChronicleQueue queue)
    {
        checkEndWithinFile(queue);
        try
        {
            return queue.lastIndex();
        }
        catch (final RuntimeException ex)
        {
            throw unreadableIndex(queue, cycleWithUnreadableIndex(queue), ex);
        }
    }

    /**
     * Finds the record at {@code index}, which reading in order reached, through Chronicle's index of its cycle file,
     * as a start from a snapshot or {@link #lastIndex} would: reading in order never needs that index, so only this
     * shows it damaged (for {@code journal verify}, once per cycle file).
     *
     * @throws JournalCorruptionException naming the cycle file when its index cannot be read or misses the record.
     */
    public void checkIndexFinds(final long index, final long recordSequence)
    {
        final int cycle = queue.rollCycle().toCycle(index);
        try (ExcerptTailer tailer = queue.createTailer())
        {
            RuntimeException unreadable = null;
            boolean found = false;
            try
            {
                found = tailer.moveToIndex(index) && tailer.index() == index;
            }
            catch (final RuntimeException ex)
            {
                unreadable = ex;
            }
            if (!found)
            {
                throw JournalCorruptionException.indexMisses(index, recordSequence,
                    cycleFile(queue, queue.file().toPath(), cycle), unreadable);
            }
        }
    }

    /**
     * After every record was read in order ({@code journal verify}, a repair's first read): whether the write position
     * the last cycle file's header records is where Chronicle's appender can go on ({@link WritePositionCheck}).
     *
     * @throws JournalCorruptionException naming the file, placed after the last record read ({@code index}, {@code
     *     recordSequence}): every record is intact, and a repair copies them all into a new queue.
     */
    public void checkWritePosition(final long index, final long recordSequence)
    {
        final String problem = writePositionProblem(queue);
        if (problem != null)
        {
            throw JournalCorruptionException.writePositionAstray(index, recordSequence,
                cycleFile(queue, queue.file().toPath(), queue.lastCycle()), problem);
        }
    }

    /** What is wrong with the last cycle file's write position, or null ({@link WritePositionCheck#problem}). */
    private static String writePositionProblem(final SingleChronicleQueue queue)
    {
        final int cycle = queue.lastCycle();
        if (cycle < queue.firstCycle())
        {
            return null;
        }
        final SingleChronicleQueueStore store = queue.storeForCycle(cycle, queue.epoch(), false, null);
        if (store == null)
        {
            return null;
        }
        try
        {
            // Read before the documents are stepped over: a live writer only moves it onto documents completed first.
            return WritePositionCheck.problem(store.file().toPath(), store.writePosition());
        }
        finally
        {
            queue.closeStore(store);
        }
    }

    /** The roll cycle (cycle file) that holds {@code index}. */
    public int cycleOf(final long index)
    {
        return queue.rollCycle().toCycle(index);
    }

    /**
     * Which cycle file's index made {@link SingleChronicleQueue#lastIndex} fail. Not always the last one: when the last
     * cycle's final document is its first, Chronicle winds back into the cycle before and reads that one's index. So
     * each cycle, newest first, is asked for a document past its first through its index; the newest that fails is
     * named, or the last cycle when none does (the damage then lies where only the last-index search reads).
     */
    private static int cycleWithUnreadableIndex(final SingleChronicleQueue queue)
    {
        final int last = queue.lastCycle();
        try (ExcerptTailer tailer = queue.createTailer())
        {
            for (int cycle = last; cycle >= queue.firstCycle(); cycle--)
            {
                try
                {
                    tailer.moveToIndex(queue.rollCycle().toIndex(cycle, 1));
                }
                catch (final RuntimeException ex)
                {
                    return cycle;
                }
            }
        }
        return last;
    }

    /**
     * {@link #checkEndWithinFile} through a read-only open, before the writer's: a writable store maps its cycle file a
     * chunk at a time and grows it with zeros to fit, so a last cycle file cut short would be made whole-sized before
     * any check saw it, and its cut record then read as a checksum mismatch, at this start and in every tool after it,
     * where the tools had named the cut. Whatever else a read-only open cannot take (a file a killed writer left
     * unfinished, a cycle file gone) is left to the writer's open, which settles or names it.
     */
    private static void checkEndWithinFileBeforeWriting(final Path directory)
    {
        if (holdsNoRecord(directory) || fileLeftUnfinished(directory).isPresent())
        {
            return;
        }
        final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.binary(directory).readOnly(true);
        QueueMetadata.rollCycle(directory).ifPresent(builder::rollCycle);
        try (SingleChronicleQueue queue = builder.build())
        {
            checkEndWithinFile(queue);
        }
        catch (final JournalCorruptionException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            // Named, if it is damage, by the writer's open and its checks.
        }
    }

    /**
     * Chronicle looks for the last document by stepping over document headers from the last one it recorded (the
     * store's write position) to the first zero one. A header there whose length runs past the end of the file
     * (a byte written there by damage) makes it read beyond the mapped file: a read-only mapping cannot grow, and the
     * JVM dies with an InternalError (SIGBUS) no caller can trust itself to catch. So the same few headers are
     * stepped over first with plain file reads, which cannot fault; and a file cut short before its write position
     * (the last document Chronicle recorded) is named as such.
     */
    private static void checkEndWithinFile(final SingleChronicleQueue queue)
    {
        final int cycle = queue.lastCycle();
        if (cycle < queue.firstCycle())
        {
            return;
        }
        final SingleChronicleQueueStore store = queue.storeForCycle(cycle, queue.epoch(), false, null);
        if (store == null)
        {
            return;
        }
        final Path file = store.file().toPath();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final CycleFileHeaders headers = new CycleFileHeaders(channel);
            for (Found found = headers.at(store.writePosition()); ; found = headers.next())
            {
                switch (found)
                {
                    case END:
                        return; // the end, or a document being written (or the end-of-file marker)
                    case OVERRUNS:
                        throw JournalCorruptionException.documentPastEndOfFile(queue.rollCycle().toIndex(cycle, 0),
                            file, headers.position(), headers.length(), headers.size());
                    case PAST_FILE:
                        // Before the write position, or after the last document: a file always has room for the
                        // header after its last document (zero, or the end-of-file marker).
                        throw JournalCorruptionException.cutShort(queue.rollCycle().toIndex(cycle, 0), file,
                            headers.position(), headers.size());
                    default:
                        break;
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read journal file " + file, ex);
        }
        finally
        {
            queue.closeStore(store);
        }
    }

    /** Chronicle's index of {@code cycle} could not be read ({@code cause}): the error naming that cycle's file. */
    static JournalCorruptionException unreadableIndex(
        final SingleChronicleQueue queue, final int cycle, final RuntimeException cause)
    {
        return JournalCorruptionException.unreadableIndex(queue.rollCycle().toIndex(cycle, 0),
            cycleFile(queue, queue.file().toPath(), cycle), cause);
    }

    /**
     * The cycle file that holds (or would hold) {@code index}, by the roll cycle the journal's metadata records: read
     * from that file alone, nothing opened or created. Empty when the metadata names no roll cycle (a new journal).
     */
    public static Optional<Path> cycleFileOf(final Path directory, final long index)
    {
        // The epoch is Chronicle's default, 0: no journal here is built with another.
        return QueueMetadata.rollCycle(directory).map(rollCycle -> new RollingResourcesCache(rollCycle, 0,
            name -> directory.resolve(name + SingleChronicleQueue.SUFFIX).toFile(), File::getName)
            .resourceFor(rollCycle.toCycle(index)).path.toPath());
    }

    static Path cycleFile(final SingleChronicleQueue queue, final Path directory, final int cycle)
    {
        return new RollingResourcesCache(queue.rollCycle(), queue.epoch(),
            name -> directory.resolve(name + SingleChronicleQueue.SUFFIX).toFile(), File::getName)
            .resourceFor(cycle).path.toPath();
    }

    public long firstIndex()
    {
        return queue.firstIndex();
    }

    /**
     * The record sequence of the first record the journal holds: 1 unless its first cycles were archived;
     * 0 when it is empty or the first record is unreadable (a reader reports why).
     */
    public long firstRecordSequence()
    {
        try (ExcerptTailer tailer = queue.createTailer())
        {
            tailer.toStart();
            try (DocumentContext document = tailer.readingDocument())
            {
                if (!document.isPresent())
                {
                    return 0;
                }
                final Bytes<?> bytes = document.wire().bytes();
                if (bytes.readRemaining() < MessageHeaderDecoder.ENCODED_LENGTH + JournalRecord.VERSION_1_BLOCK_LENGTH)
                {
                    return 0;
                }
                final long at = bytes.readPosition() + MessageHeaderDecoder.ENCODED_LENGTH +
                    JournalRecordDecoder.recordSequenceEncodingOffset();
                return bytes.readLong(at);
            }
        }
    }

    /**
     * For a reader of every record from record 1 that must refuse before it begins (simulate prints its header and
     * claims its output only after): the error its reader would meet at the first record.
     *
     * @throws JournalCorruptionException ({@link JournalCorruptionException#archivedStart()}) when the journal's first
     *     cycle files were archived.
     */
    public void requireStartAtRecordOne()
    {
        final long firstRecordSequence = firstRecordSequence();
        if (firstRecordSequence > 1)
        {
            throw JournalCorruptionException.archivedStart(firstIndex(), firstRecordSequence);
        }
    }

    /**
     * Records in the journal: from the record sequences of its first and last records (two documents
     * are read, no record is verified); for tools' progress and the size of a recorded command stream.
     */
    public long recordCount()
    {
        try
        {
            final long last = lastRecordSequence();
            return last == 0 ? 0 : last - firstRecordSequence() + 1;
        }
        catch (final JournalCorruptionException ex)
        {
            // Only a count to show: unknown (0) here, and the verifying reader names the damage where it meets it.
            return 0;
        }
    }

    /**
     * Records after {@code position} (all of them when it is before the first), from the record sequence of
     * the last record (its document is read, no record verified): for choosing how to replay.
     */
    public long recordsAfter(final JournalPosition position)
    {
        final long last = lastRecordSequence();
        if (last == 0)
        {
            return 0;
        }
        final long before = Math.max(position.recordSequence(), firstRecordSequence() - 1);
        return Math.max(0, last - before);
    }

    /**
     * The record sequence of the last record of the last document, 0 when the journal is empty or its
     * last document is not framed as records are (a reader reports why).
     */
    public long lastRecordSequence()
    {
        final long last = lastIndex(queue);
        if (last < 0)
        {
            return 0;
        }
        try (ExcerptTailer tailer = queue.createTailer())
        {
            if (!tailer.moveToIndex(last))
            {
                return 0;
            }
            try (DocumentContext document = tailer.readingDocument())
            {
                if (!document.isPresent())
                {
                    return 0;
                }
                final Bytes<?> bytes = document.wire().bytes();
                final JournalRecord record = new JournalRecord();
                long at = bytes.readPosition();
                final long end = at + bytes.readRemaining();
                long sequence = 0;
                while (end - at >= MessageHeaderDecoder.ENCODED_LENGTH + JournalRecord.VERSION_1_BLOCK_LENGTH)
                {
                    record.wrap(last, bytes.addressForRead(at), (int)Math.min(end - at, Integer.MAX_VALUE));
                    final long length = record.framedLength(end - at);
                    if (record.header().blockLength() < JournalRecord.VERSION_1_BLOCK_LENGTH || length < 0)
                    {
                        return 0;
                    }
                    sequence = record.recordSequence();
                    at += length;
                }
                return sequence;
            }
        }
    }

    /**
     * The stored checksum of the record {@code recordSequence} in the document at {@code index}, as an unsigned int,
     * or {@link #NO_RECORD} when the journal holds no such record there or holds it damaged (its checksum does not
     * match its bytes: the verifying reader names that). A record's checksum covers its command with its timestamp
     * and its events, so two journals hold the same one at a sequence only if they share that history: the session
     * state's journal identity is made of such checksums.
     */
    public long recordChecksum(final long index, final long recordSequence)
    {
        if (index < 0 || recordSequence <= 0)
        {
            return NO_RECORD;
        }
        try (ExcerptTailer tailer = queue.createTailer())
        {
            if (!tailer.moveToIndex(index) || tailer.index() != index)
            {
                return NO_RECORD;
            }
            try (DocumentContext document = tailer.readingDocument())
            {
                if (!document.isPresent())
                {
                    return NO_RECORD;
                }
                final Bytes<?> bytes = document.wire().bytes();
                final JournalRecord record = new JournalRecord();
                long at = bytes.readPosition();
                final long end = at + bytes.readRemaining();
                while (end - at >= MessageHeaderDecoder.ENCODED_LENGTH + JournalRecord.VERSION_1_BLOCK_LENGTH)
                {
                    record.wrap(index, bytes.addressForRead(at), (int)Math.min(end - at, Integer.MAX_VALUE));
                    final long length = record.framedLength(end - at);
                    if (record.header().blockLength() < JournalRecord.VERSION_1_BLOCK_LENGTH || length < 0)
                    {
                        return NO_RECORD;
                    }
                    if (record.recordSequence() == recordSequence)
                    {
                        record.wrap(index, bytes.addressForRead(at), (int)length);
                        return record.computedChecksum() == record.checksum() ? record.checksum() & 0xFFFF_FFFFL :
                            NO_RECORD;
                    }
                    at += length;
                }
                return NO_RECORD;
            }
        }
        catch (final RuntimeException ex)
        {
            // An index Chronicle cannot read: no answer here; the verifying reader and recovery name the damage.
            return NO_RECORD;
        }
    }

    SingleChronicleQueue queue()
    {
        return queue;
    }

    /** The msync mode the queue was built with (what {@link JournalWriter#endOfBatch} relies on). */
    static SyncMode syncModeFor(final Durability durability)
    {
        return durability == Durability.SYNC ? SyncMode.SYNC : SyncMode.NONE;
    }

    @Override
    public void close()
    {
        queue.close();
        if (writerLock != null)
        {
            writerLock.close();
        }
    }
}

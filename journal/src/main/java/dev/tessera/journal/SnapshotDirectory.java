package dev.tessera.journal;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.UnusableDirectoryException;
import dev.tessera.engine.MatchingEngine;
import org.agrona.BufferUtil;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Snapshots as files in one directory, one per snapshot, named {@code snapshot-<recordSequence>.tsnap}
 * with the sequence zero-padded to 20 digits, so the newest is the last by name as well as by number.
 * A write goes to {@code <name>.tmp}, is forced to the device, then renamed atomically: a crash
 * leaves either the whole snapshot under its final name or a temp file that loading skips.
 *
 * <p>Loading trusts nothing: framing, checksum, the record named, a restore into a fresh engine and
 * its state hash must all agree before a snapshot is used. One writer at a time (the encoder's buffer
 * is reused); loading may run alongside.
 */
public final class SnapshotDirectory implements SnapshotStore
{
    public static final String PREFIX = "snapshot-";
    public static final String SUFFIX = ".tsnap";
    public static final String TEMP_SUFFIX = SUFFIX + ".tmp";
    /** The subdirectory that retention moves snapshots into that cannot start this journal's recovery. */
    public static final String UNUSABLE_DIRECTORY = "unusable";
    private static final int SEQUENCE_DIGITS = 20;
    private static final long UNKNOWN_SEQUENCE = Long.MAX_VALUE;
    private static final int INITIAL_BUFFER_BYTES = 64 * 1024;

    private final Path directory;
    private final SnapshotFile.Encoder encoder = new SnapshotFile.Encoder();
    private final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(INITIAL_BUFFER_BYTES);

    public SnapshotDirectory(final Path directory)
    {
        this.directory = directory;
    }

    /**
     * The snapshot directory of an exchange that is starting: created, and refused when it cannot be created or
     * takes no file, as the journal's directory is. Without this the exchange would start and its snapshotter stop
     * at the first snapshot, leaving every restart to replay the whole journal.
     *
     * @throws UnusableDirectoryException naming the directory and the operating system's reason
     */
    public static SnapshotDirectory forWriting(final Path directory)
    {
        return new SnapshotDirectory(UnusableDirectoryException.createWritable("snapshot directory", directory));
    }

    public Path directory()
    {
        return directory;
    }

    /** The file name of the snapshot covering journal record {@code recordSequence}. */
    public static String fileName(final long recordSequence)
    {
        final String digits = Long.toString(recordSequence);
        return PREFIX + "0".repeat(Math.max(0, SEQUENCE_DIGITS - digits.length())) + digits + SUFFIX;
    }

    /**
     * Writes a snapshot of {@code engine}, whose state must be exactly that after the journal record
     * at {@code position}: to a temp file, forced, atomically renamed, then the directory forced.
     *
     * @return the snapshot's file.
     */
    public Path write(final MatchingEngine engine, final JournalPosition position)
    {
        final String name = fileName(position.recordSequence());
        final Path target = directory.resolve(name);
        final Path temp = directory.resolve(name + ".tmp");
        try
        {
            Files.createDirectories(directory);
            final int length = encoder.encode(engine, position, buffer);
            try (FileChannel channel = FileChannel.open(temp,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))
            {
                final ByteBuffer bytes = buffer.byteBuffer().duplicate();
                bytes.clear().limit(length);
                while (bytes.hasRemaining())
                {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(directory);
            return target;
        }
        catch (final IOException ex)
        {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot write snapshot " + target + ": " +
                UnusableDirectoryException.reason(target, ex), ex);
        }
    }

    /** Snapshot files under their final names, oldest first. */
    public List<Path> files()
    {
        final List<Path> files = new ArrayList<>();
        for (final Entry entry : scan())
        {
            if (!entry.temp)
            {
                files.add(entry.file);
            }
        }
        return files;
    }

    /** As {@link #retainUsable(int, long, Path, Journal, Consumer)} with no reach to keep. */
    public List<Path> retainUsable(final int keep, final Path written, final Journal journal, final Consumer<String> log)
    {
        return retainUsable(keep, 0, written, journal, log);
    }

    /**
     * Keeps the newest {@code keep} snapshots that are usable for {@code journal}, {@code written} (the one just
     * written) always among them, deletes the older usable ones, and moves the unusable ones into
     * {@link #UNUSABLE_DIRECTORY}: those whose header does not verify (truncated, garbage, another format) and those
     * whose record the journal does not hold with the same chain hash (the cut history of a {@code journal repair} or
     * of a power cut, or a record archived). Counting by name alone kept the cut history's higher-numbered snapshots
     * and deleted every new one as soon as it was written, so each restart replayed the whole journal.
     *
     * <p>One more is kept when none of those reaches {@code reachEvents} events before {@code written}: the newest
     * older one that does. The FIX gateway starts its reports from a snapshot at least {@code gateway.doneOrders}
     * events before the last one it reported, else from the journal's first record; the snapshots written at each
     * stop and after each crash's recovery, a few records apart, pushed the periodic one that reached that far out,
     * and every later start and every session's catch-up read the whole journal (QA 135 D2).
     *
     * <p>Cheap enough to run after every snapshot: a header read and one journal seek per snapshot, no restore (the
     * checksum and the restore are left to recovery, which skips a damaged body and takes the next older one).
     *
     * @param reachEvents events before {@code written}'s last that one kept snapshot should lie; 0 for none.
     * @return the files deleted or set aside, oldest first.
     */
    public List<Path> retainUsable(
        final int keep, final long reachEvents, final Path written, final Journal journal, final Consumer<String> log)
    {
        if (keep < 1)
        {
            throw new IllegalArgumentException("keep must be >= 1, got " + keep);
        }
        final List<Path> files = files();
        final List<Path> removed = new ArrayList<>();
        // Event sequences at or below it reach far enough back; with none to reach, the newest kept does.
        final long reachedAt = reachEvents <= 0 ? Long.MAX_VALUE : lastEventSequence(written) - reachEvents;
        boolean reached = false;
        int usable = 0;
        for (int i = files.size() - 1; i >= 0; i--)
        {
            final Path file = files.get(i);
            final String reason = file.equals(written) ? null : unusableReason(file, journal);
            if (reason != null)
            {
                if (setAside(file, reason, log))
                {
                    removed.add(0, file);
                }
                continue;
            }
            final boolean reaches = !reached && lastEventSequence(file) <= reachedAt;
            if (usable < keep || file.equals(written))
            {
                usable++;
                reached |= reaches;
            }
            else if (reaches)
            {
                reached = true;
                log.accept("snapshot: keeping " + file.getFileName() + " too, the newest at least " + reachEvents +
                    " events (gateway.doneOrders) before " + written.getFileName() + ": the FIX gateway starts from " +
                    "it rather than from the journal's first record");
            }
            else if (deleteQuietly(file))
            {
                removed.add(0, file);
                log.accept("snapshot: deleted " + file.getFileName() + " (keeping the newest " + keep + " usable)");
            }
        }
        return removed;
    }

    /** The last event a usable snapshot covers, from its header; {@code Long.MAX_VALUE} when it cannot be read. */
    private static long lastEventSequence(final Path file)
    {
        try
        {
            return readPosition(file).lastEventSequence();
        }
        catch (final InvalidSnapshotException ex)
        {
            return Long.MAX_VALUE;
        }
    }

    /** Why the snapshot {@code file} cannot start {@code journal}'s recovery, or null when its header says it can. */
    private static String unusableReason(final Path file, final Journal journal)
    {
        final Entry entry = Entry.of(file);
        final JournalPosition position;
        try
        {
            if (entry == null || entry.recordSequence == UNKNOWN_SEQUENCE)
            {
                return "the name does not carry a record sequence";
            }
            position = readPosition(file);
            if (position.recordSequence() != entry.recordSequence)
            {
                return "named for record " + entry.recordSequence + " but covers record " + position.recordSequence();
            }
        }
        catch (final InvalidSnapshotException ex)
        {
            return ex.getMessage();
        }
        try (JournalReader reader = journal.reader())
        {
            reader.startAfter(position);
            return null;
        }
        catch (final JournalCorruptionException ex)
        {
            return ex.anotherHistory() ? "it is " + notOfThisJournal(ex) :
                "the journal does not hold its record " + position.recordSequence() + ": " + ex.getMessage();
        }
    }

    /** What a snapshot whose record the journal holds otherwise is ({@link JournalCorruptionException#anotherHistory}). */
    static String notOfThisJournal(final JournalCorruptionException ex)
    {
        return "not of this journal (of another journal, or of a history a repair or a power cut cut off): " +
            ex.getMessage();
    }

    /** The position in a snapshot's header, once the header verifies. */
    private static JournalPosition readPosition(final Path file)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            final ByteBuffer bytes = ByteBuffer.allocate((int)Math.min(size, SnapshotFile.HEADER_LENGTH))
                .order(SnapshotFile.BYTE_ORDER);
            while (bytes.hasRemaining() && channel.read(bytes) >= 0)
            {
                // a header is a few bytes: read until it is all there or the file ends
            }
            final UnsafeBuffer header = new UnsafeBuffer(bytes.array(), 0, bytes.position());
            SnapshotFile.verifyHeader(header, size);
            return SnapshotFile.position(header);
        }
        catch (final NoSuchFileException ex)
        {
            throw new InvalidSnapshotException("deleted while being read");
        }
        catch (final IOException ex)
        {
            throw new InvalidSnapshotException("cannot read: " + ex, ex);
        }
    }

    /** Moves an unusable snapshot out of the way, kept for a look rather than deleted: it may be all that is left. */
    private boolean setAside(final Path file, final String reason, final Consumer<String> log)
    {
        final Path aside = directory.resolve(UNUSABLE_DIRECTORY);
        try
        {
            Files.createDirectories(aside);
            Files.move(file, aside.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            log.accept("snapshot: set aside " + file.getFileName() + " in " + aside + ", not usable for this " +
                "journal: " + reason);
            return true;
        }
        catch (final IOException ex)
        {
            log.accept("snapshot: WARNING cannot set aside " + file + ", not usable for this journal (" + reason +
                "): " + UnusableDirectoryException.reason(aside, ex));
            return false;
        }
    }

    /**
     * Deletes temp files of writes that never finished (a crash between write and rename). Only for
     * the single writer, at its start: a temp file may otherwise be a write in progress.
     */
    public List<Path> deleteLeftoverTempFiles(final Consumer<String> log)
    {
        final List<Path> deleted = new ArrayList<>();
        for (final Entry entry : scan())
        {
            if (entry.temp && deleteQuietly(entry.file))
            {
                deleted.add(entry.file);
                log.accept("snapshot: deleted " + entry.file.getFileName() + ", left by a snapshot write that did not finish");
            }
        }
        return deleted;
    }

    @Override
    public Optional<Snapshot> loadNewestValid(
        final List<InstrumentConfig> instruments, final int expectedOrders, final Consumer<String> log)
    {
        return loadNewest(true, 0, instruments, expectedOrders, log);
    }

    @Override
    public Optional<Snapshot> loadNewestValidBefore(
        final long recordSequence,
        final List<InstrumentConfig> instruments,
        final int expectedOrders,
        final Consumer<String> log)
    {
        return loadNewest(false, recordSequence, instruments, expectedOrders, log);
    }

    private Optional<Snapshot> loadNewest(
        final boolean all,
        final long before,
        final List<InstrumentConfig> instruments,
        final int expectedOrders,
        final Consumer<String> log)
    {
        final List<Entry> entries = scan();
        for (int i = entries.size() - 1; i >= 0; i--)
        {
            final Entry entry = entries.get(i);
            if (!all && entry.recordSequence >= before)
            {
                continue;
            }
            try
            {
                return Optional.of(load(entry, instruments, expectedOrders));
            }
            catch (final InvalidSnapshotException ex)
            {
                log.accept("snapshot: WARNING skipping " + entry.file + ": " + ex.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Loads and verifies one snapshot file. @throws InvalidSnapshotException when it must not be used. */
    Snapshot load(final Path file, final List<InstrumentConfig> instruments, final int expectedOrders)
    {
        final Entry entry = Entry.of(file);
        if (entry == null)
        {
            throw new InvalidSnapshotException("not a snapshot file name");
        }
        return load(entry, instruments, expectedOrders);
    }

    private static Snapshot load(final Entry entry, final List<InstrumentConfig> instruments, final int expectedOrders)
    {
        if (entry.temp)
        {
            // Not "left over" for sure: the exchange's own snapshotter may be writing it now (the gateway reads the
            // snapshots after the snapshotter started); one a crash left is deleted at the next start.
            throw new InvalidSnapshotException("temp file of a snapshot write not finished (under way now, or cut " +
                "off by a crash)");
        }
        if (entry.recordSequence == UNKNOWN_SEQUENCE)
        {
            throw new InvalidSnapshotException("the name does not carry a record sequence");
        }
        final ByteBuffer bytes = read(entry.file);
        try
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
            SnapshotFile.verify(buffer, bytes.capacity());
            final JournalPosition position = SnapshotFile.position(buffer);
            if (position.recordSequence() != entry.recordSequence)
            {
                throw new InvalidSnapshotException(
                    "named for record " + entry.recordSequence + " but covers record " + position.recordSequence());
            }
            final MatchingEngine engine;
            try
            {
                engine = MatchingEngine.restore(instruments, Math.max(expectedOrders, SnapshotFile.orderCount(buffer)),
                    SnapshotFile.stateOf(buffer));
            }
            catch (final IllegalArgumentException | IllegalStateException ex)
            {
                throw new InvalidSnapshotException("state does not restore: " + ex.getMessage(), ex);
            }
            final long storedHash = SnapshotFile.stateHash(buffer);
            // A snapshot of an older build hashed empty books too; it verifies while the instruments are as they were.
            if (engine.stateHash() != storedHash && engine.stateHashWithEmptyBooks() != storedHash)
            {
                throw new InvalidSnapshotException(String.format(
                    "restored state hash %016x differs from the stored %016x", engine.stateHash(), storedHash));
            }
            if (engine.lastEventSequence() != position.lastEventSequence())
            {
                throw new InvalidSnapshotException("engine event sequence " + engine.lastEventSequence() +
                    " differs from the position's " + position.lastEventSequence());
            }
            return new Snapshot(engine, position, entry.file.getFileName().toString(),
                SnapshotFile.ordersWithoutFilledNotional(buffer));
        }
        finally
        {
            BufferUtil.free(bytes);
        }
    }

    /** The whole file, off-heap (the checksum reads by address). */
    private static ByteBuffer read(final Path file)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size > Integer.MAX_VALUE)
            {
                throw new InvalidSnapshotException(size + " bytes is larger than any snapshot this build writes");
            }
            final ByteBuffer bytes = ByteBuffer.allocateDirect((int)size).order(SnapshotFile.BYTE_ORDER);
            while (bytes.hasRemaining())
            {
                if (channel.read(bytes) < 0)
                {
                    BufferUtil.free(bytes);
                    throw new InvalidSnapshotException("the file shrank while being read");
                }
            }
            return bytes.clear();
        }
        catch (final NoSuchFileException ex)
        {
            throw new InvalidSnapshotException("deleted while being read");
        }
        catch (final IOException ex)
        {
            throw new InvalidSnapshotException("cannot read: " + ex, ex);
        }
    }

    /** Snapshot and temp files, oldest first; files of other names are not ours and are ignored. */
    private List<Entry> scan()
    {
        final List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(directory))
        {
            return entries;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, PREFIX + "*"))
        {
            for (final Path file : stream)
            {
                final Entry entry = Entry.of(file);
                if (entry != null)
                {
                    entries.add(entry);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list snapshots in " + directory + ": " +
                UnusableDirectoryException.reason(directory, ex), ex);
        }
        // Newest last; of a temp and a final file for the same record the final one is tried first.
        entries.sort(Comparator.<Entry>comparingLong(entry -> entry.recordSequence).thenComparing(entry -> !entry.temp));
        return entries;
    }

    /**
     * Makes a rename (or a new file) durable: on Linux the new directory entry is only safe once the directory
     * itself is forced. Some platforms cannot open a directory; there the rename is as durable as
     * the platform makes it.
     */
    public static void forceDirectory(final Path directory)
    {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException | UnsupportedOperationException ignore)
        {
            // not supported here: nothing more can be done
        }
    }

    private static boolean deleteQuietly(final Path file)
    {
        try
        {
            return Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static final class Entry
    {
        final Path file;
        final long recordSequence;
        final boolean temp;

        private Entry(final Path file, final long recordSequence, final boolean temp)
        {
            this.file = file;
            this.recordSequence = recordSequence;
            this.temp = temp;
        }

        /** The entry for a snapshot or temp file name, or null for any other name. */
        static Entry of(final Path file)
        {
            final String name = file.getFileName().toString();
            if (!name.startsWith(PREFIX))
            {
                return null;
            }
            final boolean temp = name.endsWith(TEMP_SUFFIX);
            if (!temp && !name.endsWith(SUFFIX))
            {
                return null;
            }
            final String digits = name.substring(PREFIX.length(), name.length() - (temp ? TEMP_SUFFIX : SUFFIX).length());
            long recordSequence = UNKNOWN_SEQUENCE;
            if (!digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9'))
            {
                try
                {
                    recordSequence = Long.parseLong(digits);
                }
                catch (final NumberFormatException ignore)
                {
                    // too many digits: stays unknown and is reported when tried
                }
            }
            return new Entry(file, recordSequence, temp);
        }
    }
}

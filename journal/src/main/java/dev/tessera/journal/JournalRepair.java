package dev.tessera.journal;

import dev.tessera.config.JournalConfig;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The explicit way past a corrupt journal: truncate it after its last good record. Start-up never
 * does this by itself. The verified prefix is copied byte for byte into a fresh queue, each record
 * in its original cycle, so Chronicle indexes (and the snapshots that name them) stay valid, with the
 * journal's record of its instruments ({@link JournalInstruments}); then the original directory is
 * kept aside as {@code <journal>.corrupt-<millis>} and the copy takes its place. Nothing is deleted.
 */
public final class JournalRepair
{
    private JournalRepair()
    {
    }

    /** What a repair found and did. */
    public record Outcome(
        JournalPosition lastGood, JournalCorruptionException corruption, Path keptAside, long recordsKept)
    {
        public boolean repaired()
        {
            return corruption != null;
        }

        /**
         * Whether the repair dropped records the journal had: not when the damage lay after every record (a
         * damaged Chronicle index that the copy rebuilt), only when it was at a record, which goes with all after it.
         */
        public boolean recordsCut()
        {
            return corruption != null && !corruption.afterEveryRecord();
        }
    }

    /**
     * What a repair that cuts at {@code badRecord} drops, in words: "records A to B (N)" when the journal's last
     * record can still be read (through Chronicle's index, without reading what lies between), else "every record
     * from A on". Records after a bad one are dropped intact or not: the one at the cut breaks the chain, and a repair
     * keeps only what verifies from the start.
     */
    public static String recordsCutFrom(final Path directory, final long badRecord)
    {
        long last = 0;
        try (Journal journal = Journal.openReadOnly(directory))
        {
            last = journal.lastRecordSequence();
        }
        catch (final RuntimeException ex)
        {
            // Unreadable there too: the range is not known.
        }
        return last >= badRecord ? String.format("records %d to %d (%,d)", badRecord, last, last - badRecord + 1) :
            "every record from " + badRecord + " on";
    }

    /**
     * What a repair of the journal at {@code directory} would cut ({@link #recordsCutFrom}), found as the repair finds
     * it, by reading from the first record to the first bad one, read-only: for a refusal whose damage names no record
     * (a cycle file cut short). Null when the read finds no record to cut or cannot read the journal at all.
     */
    public static String recordsARepairCuts(final Path directory)
    {
        final FirstCorruption found;
        try
        {
            found = readToFirstCorruption(directory);
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
        return found.corruption() == null || found.corruption().afterEveryRecord() ? null :
            recordsCutFrom(directory, found.lastGood().recordSequence() + 1);
    }

    /** The last good record, and the first corruption after it (null when every record verifies). */
    private record FirstCorruption(JournalPosition lastGood, JournalCorruptionException corruption)
    {
    }

    /** Reads {@code directory}'s journal read-only from its first available record to its first bad one. */
    private static FirstCorruption readToFirstCorruption(final Path directory)
    {
        try (Journal journal = Journal.openReadOnly(directory); JournalReader reader = journal.reader().fromFirstAvailable())
        {
            final JournalCorruptionException corruption = readToFirstCorruption(journal, reader);
            return new FirstCorruption(reader.position(), corruption);
        }
    }

    /**
     * Verifies the journal from its first available record; at the first bad record, truncates the
     * journal there as described above. A journal that verifies is left exactly as it is.
     */
    public static Outcome truncateAtFirstCorruption(final JournalConfig config, final Consumer<String> log)
    {
        final Path directory = config.directory();
        if (!Files.isDirectory(directory))
        {
            throw new IllegalArgumentException("no journal at " + directory);
        }
        // The writer lock for the whole repair: it swaps the journal's directory, which must not happen
        // under a running exchange (JournalInUseException, naming its pid, if one has it open).
        try (DirectoryLock writerLock = Journal.lockForWriting(directory))
        {
            Journal.settleFileLeftUnfinished(config, writerLock).ifPresent(file -> log.accept("repair: " + file +
                " was left unfinished by a process killed while creating it (it held no record): settled as the " +
                "exchange's start would"));
            deleteCopiesOfRepairsCutOff(directory, log);
            return truncateAtFirstCorruption(config, directory, log);
        }
    }

    /**
     * The work directories ({@code <journal>.repair-<millis>}) of repairs killed before they swapped their copy in: the
     * original journal is whole beside them (a repair changes it only by that swap), and only a repair writes them,
     * under the writer lock held here, so none is in use. Deleted, said: they hold a partial copy as large as the
     * journal.
     */
    private static void deleteCopiesOfRepairsCutOff(final Path directory, final Consumer<String> log)
    {
        final Path parent = directory.toAbsolutePath().getParent();
        final String prefix = directory.getFileName() + ".repair-";
        try (Stream<Path> siblings = Files.list(parent))
        {
            for (final Path leftover : siblings.filter(path -> path.getFileName().toString().startsWith(prefix) &&
                Files.isDirectory(path)).toList())
            {
                deleteTree(leftover);
                log.accept("repair: deleted " + leftover + ", the unfinished copy of a repair that was stopped " +
                    "before it swapped it in (the journal itself was left whole)");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete the copy an unfinished repair left beside " + directory, ex);
        }
    }

    private static void deleteTree(final Path tree) throws IOException
    {
        try (Stream<Path> files = Files.walk(tree))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(file);
            }
        }
    }

    private static Outcome truncateAtFirstCorruption(
        final JournalConfig config, final Path directory, final Consumer<String> log)
    {
        final FirstCorruption found = readToFirstCorruption(directory);
        final JournalPosition lastGood = found.lastGood();
        final JournalCorruptionException corruption = found.corruption();
        if (corruption == null)
        {
            log.accept("repair: the journal verifies to record " + lastGood.recordSequence() + "; nothing to do");
            return new Outcome(lastGood, null, null, lastGood.recordSequence());
        }
        log.accept("repair: " + corruption.getMessage());
        final String cut = corruption.afterEveryRecord() ? null : recordsCutFrom(directory, lastGood.recordSequence() + 1);

        final long stamp = System.currentTimeMillis();
        final Path copy = directory.resolveSibling(directory.getFileName() + ".repair-" + stamp);
        final Path aside = directory.resolveSibling(directory.getFileName() + ".corrupt-" + stamp);
        final long kept = copyPrefix(directory, copy, config, lastGood);
        // The copy holds the same records, so the same instruments say how to read them.
        JournalInstruments.copy(directory, copy);
        if (!corruption.afterEveryRecord())
        {
            // The records written after the cut take the cut ones' sequences: a new generation tells them apart
            // (FIX ExecIDs carry it), so no client sees a number again that it had for a cut execution.
            final int generation = JournalGenerations.copyWithNewGeneration(directory, copy, lastGood.recordSequence() + 1);
            log.accept("repair: the records from record " + (lastGood.recordSequence() + 1) + " on are of journal " +
                "generation " + generation + " (" + JournalGenerations.FILE + "): the FIX ExecIDs of their reports " +
                "carry it, so they repeat none a client had for a cut record");
        }
        else
        {
            JournalGenerations.copy(directory, copy);
        }
        try
        {
            Files.move(directory, aside);
            Files.move(copy, directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot swap the repaired journal " + copy + " into " + directory, ex);
        }
        log.accept("repair: kept " + kept + " records, up to record " + lastGood.recordSequence() +
            " (index " + JournalIndex.format(lastGood.index()) + ")" + (cut == null ? "" : "; cut " + cut +
            ", the bad one and every one after it, intact or not") + "; the original journal is kept in " + aside);
        return new Outcome(lastGood, corruption, aside, kept);
    }

    private static JournalCorruptionException readToFirstCorruption(final Journal journal, final JournalReader reader)
    {
        final CycleIndexCheck cycleIndexes = new CycleIndexCheck();
        try
        {
            while (reader.poll(record -> cycleIndexes.onRecord(journal, record.index(), record.recordSequence()), 4096) > 0)
            {
                // verify everything up to the end or the first bad record
            }
            // Every record is good: a damaged index in a cycle file is rebuilt by the copy as well.
            cycleIndexes.check(journal);
            return null;
        }
        catch (final JournalCorruptionException ex)
        {
            return ex;
        }
    }

    /**
     * Copies records raw, document by document, each document appended at its original cycle's time so it
     * keeps its index. The document holding the last good record keeps the records up to it.
     */
    private static long copyPrefix(
        final Path from, final Path to, final JournalConfig config, final JournalPosition lastGood)
    {
        final SetTimeProvider time = new SetTimeProvider();
        // The original's roll cycle, not the configured one: another would number the records' cycles otherwise.
        final String rollCycle = QueueMetadata.rollCycle(from).map(Enum::name).orElse(config.rollCycle());
        final JournalConfig copyConfig = new JournalConfig(to, rollCycle, config.durability(),
            config.snapshotDirectory(), config.snapshotIntervalRecords(), config.snapshotsToKeep(),
            config.archiveDirectory());
        try (Journal source = Journal.openReadOnly(from);
             JournalReader reader = source.reader().fromFirstAvailable();
             Journal destination = Journal.open(copyConfig, time);
             ExcerptAppender appender = destination.queue().createAppender())
        {
            final DocumentCopy copy = new DocumentCopy(appender, time, destination.queue().rollCycle(),
                destination.queue().epoch());
            while (reader.position().recordSequence() != lastGood.recordSequence() && reader.poll(copy, 1) > 0)
            {
                // one record at a time, so the copy stops exactly at the last good record
            }
            copy.close();
            return copy.records;
        }
    }

    /** Appends the records it is handed into documents of the same indexes as their originals. */
    private static final class DocumentCopy implements JournalRecordHandler
    {
        private final ExcerptAppender appender;
        private final SetTimeProvider time;
        private final RollCycle rollCycle;
        private final long epoch;
        private final UnsafeBuffer target = new UnsafeBuffer(0, 0);
        private DocumentContext document;
        private long documentIndex;
        private long records;

        DocumentCopy(final ExcerptAppender appender, final SetTimeProvider time, final RollCycle rollCycle, final long epoch)
        {
            this.appender = appender;
            this.time = time;
            this.rollCycle = rollCycle;
            this.epoch = epoch;
        }

        @Override
        public void onRecord(final JournalRecord record)
        {
            if (document != null && documentIndex != record.index())
            {
                close();
            }
            if (document == null)
            {
                time.currentTimeMillis(epoch + (long)rollCycle.toCycle(record.index()) * rollCycle.lengthInMillis());
                document = appender.writingDocument();
                documentIndex = record.index();
            }
            final Bytes<?> bytes = document.wire().bytes();
            final long position = bytes.writePosition();
            bytes.writeSkip(record.length());
            target.wrap(bytes.addressForWrite(position), record.length());
            target.putBytes(0, record.buffer(), 0, record.length());
            records++;
        }

        void close()
        {
            if (document == null)
            {
                return;
            }
            document.close();
            document = null;
            if (appender.lastIndexAppended() != documentIndex)
            {
                throw new IllegalStateException("the records of index " + JournalIndex.format(documentIndex) +
                    " would move to index " + JournalIndex.format(appender.lastIndexAppended()));
            }
        }
    }
}

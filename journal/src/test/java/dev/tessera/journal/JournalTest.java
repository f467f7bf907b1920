package dev.tessera.journal;

import dev.tessera.config.Durability;
import dev.tessera.config.JournalConfig;
import dev.tessera.engine.MatchingEngine;
import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.onoes.ExceptionKey;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.Wires;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalTest
{
    @TempDir
    Path directory;

    private JournalConfig config()
    {
        return new JournalConfig(directory, "FAST_DAILY", Durability.PROCESS);
    }

    /** Runs n commands through an engine and journals each with its events; returns the event bytes. */
    private static List<byte[]> write(final Journal journal, final JournalPosition tail, final CommandStream stream,
        final MatchingEngine engine, final int commands)
    {
        final List<byte[]> events = new ArrayList<>();
        try (JournalWriter writer = journal.writer(tail))
        {
            for (int i = 0; i < commands; i++)
            {
                final int length = stream.next();
                engine.onCommand(stream.buffer(), 0, length);
                writer.append(stream.buffer(), 0, length, engine.events());
                final byte[] bytes = new byte[engine.events().length()];
                engine.events().buffer().getBytes(0, bytes);
                events.add(bytes);
            }
            writer.endOfBatch();
        }
        return events;
    }

    private static List<byte[]> readEvents(final Journal journal)
    {
        final List<byte[]> events = new ArrayList<>();
        try (JournalReader reader = journal.reader())
        {
            while (reader.poll(record ->
            {
                final byte[] bytes = new byte[record.eventsLength()];
                record.buffer().getBytes(record.eventsOffset(), bytes);
                events.add(bytes);
            }, 100) > 0)
            {
                // keep reading
            }
        }
        return events;
    }

    @Test
    void shouldLetOneWriterOpenTheJournalAtATime() throws Exception
    {
        final Path lockFile = directory.resolve(Journal.WRITER_LOCK_FILE);
        try (Journal first = Journal.open(config()))
        {
            // (Not read here: closing a channel of the file in this process would drop the lock itself.)
            assertThatThrownBy(() -> Journal.open(config()))
                .isInstanceOf(JournalInUseException.class)
                .hasMessageContaining("is already open for writing (in this process)");
            // The OS lock is per process, and closing any channel of the file would drop it: the refused
            // open above must not have, as another process sees.
            assertThat(LockProbe.probe(lockFile)).isEqualTo("held");
            try (Journal reader = Journal.openReadOnly(directory))
            {
                assertThat(reader.recordCount()).as("readers need no lock").isZero();
            }
            assertThat(first.recordCount()).as("the refused open changed nothing of the first").isZero();
        }
        assertThat(LockProbe.probe(lockFile)).as("released on close").isEqualTo("free");
        assertThat(Files.readString(lockFile).trim()).as("names its last holder").isEqualTo("pid " + ProcessHandle.current().pid());
        try (Journal again = Journal.open(config()))
        {
            assertThat(again.directory()).isEqualTo(directory);
            assertThatThrownBy(() -> JournalRepair.truncateAtFirstCorruption(config(), line -> { }))
                .as("a repair swaps the directory: never under a writer")
                .isInstanceOf(JournalInUseException.class);
        }
        assertThat(JournalRepair.truncateAtFirstCorruption(config(), line -> { }).corruption()).isNull();
    }

    @Test
    void shouldReadBackEveryRecordExactlyAsWritten()
    {
        try (Journal journal = Journal.open(config()))
        {
            final List<byte[]> written = write(journal, JournalPosition.EMPTY, new CommandStream(1), CommandStream.newEngine(), 500);

            assertThat(readEvents(journal)).containsExactlyElementsOf(written);
        }
    }

    @Test
    void shouldNumberRecordsAndCarryCommandSequenceAndTimestamp()
    {
        try (Journal journal = Journal.open(config()))
        {
            write(journal, JournalPosition.EMPTY, new CommandStream(2), CommandStream.newEngine(), 10);
            final List<long[]> seen = new ArrayList<>();
            try (JournalReader reader = journal.reader())
            {
                reader.poll(r -> seen.add(new long[] {r.recordSequence(), r.commandSequence(), r.timestamp()}), 100);
                assertThat(reader.position().recordSequence()).isEqualTo(10);
                assertThat(reader.position().commandSequence()).isEqualTo(10);
            }
            assertThat(seen).hasSize(10);
            for (int i = 0; i < 10; i++)
            {
                assertThat(seen.get(i)[0]).isEqualTo(i + 1);
                assertThat(seen.get(i)[1]).isEqualTo(i + 1);
                assertThat(seen.get(i)[2]).isEqualTo(1_700_000_000_000_000_000L + (i + 1) * 1_000L);
            }
        }
    }

    @Test
    void shouldContinueTheChainAfterReopening()
    {
        final CommandStream stream = new CommandStream(3);
        final MatchingEngine engine = CommandStream.newEngine();
        try (Journal journal = Journal.open(config()))
        {
            write(journal, JournalPosition.EMPTY, stream, engine, 100);
        }
        try (Journal journal = Journal.open(config()))
        {
            final JournalPosition tail;
            try (JournalReader reader = journal.reader())
            {
                while (reader.poll(record -> { }, 1000) > 0)
                {
                    // to the end
                }
                tail = reader.position();
            }
            assertThat(tail.recordSequence()).isEqualTo(100);
            write(journal, tail, stream, engine, 50);

            try (JournalReader reader = journal.reader())
            {
                while (reader.poll(record -> { }, 1000) > 0)
                {
                    // every record verifies, including the chain across the reopen
                }
                assertThat(reader.position().recordSequence()).isEqualTo(150);
                assertThat(reader.position().lastEventSequence()).isEqualTo(engine.lastEventSequence());
            }
        }
    }

    @Test
    void shouldStopAtAFlippedByteAndNameTheRecord() throws IOException
    {
        try (Journal journal = Journal.open(config()))
        {
            write(journal, JournalPosition.EMPTY, new CommandStream(4), CommandStream.newEngine(), 200);
        }
        final long middleIndex = flipAByteInRecord(120);

        assertReadStopsAtRecord120(middleIndex);
    }

    @Test
    void shouldNotTakeAZeroedDocumentHeaderInTheMiddleForTheEndOfTheJournal() throws IOException
    {
        // A page lost in a crash (PROCESS durability, a later page written back, this one not) reads as zeros:
        // Chronicle then ends every tailer there, and 80 complete records after it would vanish unnoticed.
        shouldStopAtAnUnreadableDocumentHeader(header -> 0);
    }

    @Test
    void shouldNotTakeADocumentMarkedUnfinishedInTheMiddleForTheEndOfTheJournal() throws IOException
    {
        shouldStopAtAnUnreadableDocumentHeader(header -> header | Wires.NOT_COMPLETE);
    }

    private void shouldStopAtAnUnreadableDocumentHeader(final IntUnaryOperator damage) throws IOException
    {
        try (Journal journal = Journal.open(config()))
        {
            writeOneRecordPerDocument(journal, 200);
        }
        final long damagedIndex = damageDocumentHeader(120, damage);

        assertReadStopsAtRecord120(damagedIndex);
    }

    /** Every record before record 120 is handed on, then the read stops, naming record 120 and its document. */
    private void assertReadStopsAtRecord120(final long badIndex)
    {
        try (Journal journal = Journal.openReadOnly(directory); JournalReader reader = journal.reader())
        {
            final int[] good = {0};
            assertThatThrownBy(() ->
            {
                while (reader.poll(record -> good[0]++, 1000) > 0)
                {
                    // read until the corruption
                }
            })
                .isInstanceOf(JournalCorruptionException.class)
                .hasMessageContaining("record 120")
                .hasMessageContaining(JournalIndex.format(badIndex))
                .satisfies(ex -> assertThat(((JournalCorruptionException)ex).index()).isEqualTo(badIndex));
            assertThat(good[0]).isEqualTo(119);
        }
    }

    @Test
    void shouldNameACycleFileWhoseOwnHeaderIsDamagedInsteadOfFailingInsideChronicle() throws IOException
    {
        try (Journal journal = Journal.open(config()))
        {
            writeOneRecordPerDocument(journal, 20);
        }
        final Path file = queueFile(directory);
        // Inside the store's type name, which Chronicle parses when it opens the cycle file.
        JournalFixture.flipByte(file, 20);

        for (final boolean readOnly : new boolean[] {true, false})
        {
            assertThatThrownBy(() ->
            {
                try (Journal journal = readOnly ? Journal.openReadOnly(directory) : Journal.open(config());
                    JournalReader reader = journal.reader())
                {
                    reader.poll(record -> { }, 1000);
                }
            })
                .as(readOnly ? "read-only" : "for writing")
                .isInstanceOf(JournalCorruptionException.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining("header");
        }
        try (Journal journal = Journal.open(config()))
        {
            assertThat(journal.directory()).as("a refused open let go of the writer lock").isEqualTo(directory);
        }
        catch (final JournalCorruptionException expected)
        {
            // still damaged; what matters is that the lock was released, or this would be JournalInUseException
        }
    }

    @Test
    void shouldEndAtTheLastCompleteDocumentWhenTheWriterWasKilledInsideTheLastAppend() throws IOException
    {
        try (Journal journal = Journal.open(config()))
        {
            writeOneRecordPerDocument(journal, 20);
        }
        damageDocumentHeader(20, header -> header | Wires.NOT_COMPLETE);

        try (Journal journal = Journal.openReadOnly(directory); JournalReader reader = journal.reader())
        {
            int read = 0;
            int polled;
            while ((polled = reader.poll(record -> { }, 1000)) > 0)
            {
                read += polled;
            }
            assertThat(read).as("the unfinished last document was never published: the journal ends before it")
                .isEqualTo(19);
            assertThat(reader.poll(record -> { }, 1000)).isZero();
        }
    }

    /** As the exchange writes commands that come one at a time: each batch, so each document, holds one record. */
    private static void writeOneRecordPerDocument(final Journal journal, final int commands)
    {
        final CommandStream stream = new CommandStream(11);
        final MatchingEngine engine = CommandStream.newEngine();
        try (JournalWriter writer = journal.writer(JournalPosition.EMPTY))
        {
            for (int i = 0; i < commands; i++)
            {
                final int length = stream.next();
                engine.onCommand(stream.buffer(), 0, length);
                writer.append(stream.buffer(), 0, length, engine.events());
                writer.endOfBatch();
            }
        }
    }

    /**
     * Rewrites the Chronicle header (4 bytes, little-endian) of the document that holds record n as its first
     * record, just before the record's SBE header. @return the document's index.
     */
    private long damageDocumentHeader(final int recordSequence, final IntUnaryOperator damage) throws IOException
    {
        final long index = indexOfRecord(directory, recordSequence);
        final Path file = queueFile(directory);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            final long headerAt = recordSequenceOffset(raf, file, recordSequence) - 20 - Integer.BYTES;
            raf.seek(headerAt);
            final int header = Integer.reverseBytes(raf.readInt());
            raf.seek(headerAt);
            raf.writeInt(Integer.reverseBytes(damage.applyAsInt(header)));
        }
        return index;
    }

    @Test
    void shouldRefuseToReadAPublishedLimitAheadOfTime()
    {
        try (Journal journal = Journal.open(config()))
        {
            // Two batches of 5: the first batch's document is published, the second's not yet.
            final CommandStream stream = new CommandStream(5);
            final MatchingEngine engine = CommandStream.newEngine();
            final long publishedIndex;
            try (JournalWriter writer = journal.writer(JournalPosition.EMPTY))
            {
                for (int i = 0; i < 10; i++)
                {
                    final int length = stream.next();
                    engine.onCommand(stream.buffer(), 0, length);
                    writer.append(stream.buffer(), 0, length, engine.events());
                    if (i == 4)
                    {
                        writer.endOfBatch();
                    }
                }
                publishedIndex = journal.firstIndex();
                writer.endOfBatch();
            }
            try (JournalReader reader = journal.reader())
            {
                final int read = reader.poll(record -> { }, 100, publishedIndex);
                assertThat(read).isEqualTo(5);
                assertThat(reader.poll(record -> { }, 100, publishedIndex)).as("nothing beyond the limit").isZero();
                assertThat(reader.poll(record -> { }, 100)).as("the rest once published").isEqualTo(5);
            }
        }
    }

    @Test
    void shouldStartAtOnceAfterAKillWhileTheCycleFileWasBeingCreated() throws IOException
    {
        // A kill inside Chronicle's creation of a cycle file leaves its first header unfinished
        // (the "not complete" bit set, length 0): Chronicle readers would wait on it for their timeout.
        final byte[] content = new byte[64 * 1024];
        content[3] = (byte)0x80;
        startsAtOnceAfterATornCycleFile(content);
    }

    @Test
    void shouldStartAtOnceAfterAKillBeforeTheCycleFilesFirstHeaderWasBegun() throws IOException
    {
        // Earlier still, the file exists, sized and mapped, and its first header is not even begun (all zeros):
        // Chronicle waits for a header to appear there. A restart hung on it (ExchangeProcessIT, a kill 5 ms after
        // the first orders ever sent).
        startsAtOnceAfterATornCycleFile(new byte[64 * 1024]);
    }

    private void startsAtOnceAfterATornCycleFile(final byte[] content) throws IOException
    {
        try (Journal journal = Journal.open(config()))
        {
            assertThat(journal.lastIndex()).isEqualTo(-1);
        }
        final String today = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd")
            .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now());
        final Path torn = directory.resolve(today + "F.cq4");
        Files.write(torn, content);

        final long started = System.nanoTime();
        try (Journal journal = Journal.open(config()))
        {
            final MatchingEngine engine = CommandStream.newEngine();
            final List<byte[]> written = write(journal, JournalPosition.EMPTY, new CommandStream(9), engine, 20);

            assertThat(readEvents(journal)).containsExactlyElementsOf(written);
        }
        assertThat(System.nanoTime() - started).as("no reader or writer waited for a timeout")
            .isLessThan(java.util.concurrent.TimeUnit.SECONDS.toNanos(5));
        try (Stream<Path> files = Files.list(directory))
        {
            assertThat(files.map(file -> file.getFileName().toString()))
                .as("the unusable file is kept aside, not deleted").anyMatch(name -> name.startsWith(today + "F.cq4") &&
                    name.endsWith(".discard"));
        }
    }

    /**
     * Chronicle fixes the roll cycle when a queue is created; opened with another (its default, for a reader given
     * none) it takes the stored one with a WARN "Overriding roll length from existing metadata". Readers, a writer
     * configured otherwise, and repair's copy all take the journal's own, so nothing is overridden or renumbered.
     */
    @Test
    void shouldOpenAJournalWithTheRollCycleItWasCreatedWithWhateverTheConfigurationSays() throws IOException
    {
        final JournalConfig fiveMinutely = new JournalConfig(directory, "FIVE_MINUTELY", Durability.PROCESS);
        Journal.open(fiveMinutely, CommandStream.INSTRUMENTS).close();
        final Map<ExceptionKey, Integer> recorded = Jvm.recordExceptions();
        try
        {
            try (Journal journal = Journal.openReadOnly(directory))
            {
                assertThat(journal.queue().rollCycle()).as("no cycle file yet: from the metadata")
                    .isEqualTo(RollCycles.FIVE_MINUTELY);
            }
            try (Journal journal = Journal.open(config(), CommandStream.INSTRUMENTS))
            {
                assertThat(journal.queue().rollCycle()).as("configured FAST_DAILY").isEqualTo(RollCycles.FIVE_MINUTELY);
                write(journal, JournalPosition.EMPTY, new CommandStream(11), CommandStream.newEngine(), 200);
            }
            try (Journal journal = Journal.openReadOnly(directory))
            {
                assertThat(journal.queue().rollCycle()).isEqualTo(RollCycles.FIVE_MINUTELY);
                assertThat(readEvents(journal)).hasSize(200);
            }
            final long indexOf119 = indexOfRecord(directory, 119);
            flipAByteInRecord(120);
            final JournalRepair.Outcome outcome = JournalRepair.truncateAtFirstCorruption(config(), line -> { });
            assertThat(outcome.lastGood().index()).as("the copy keeps the journal's roll cycle, so its indexes")
                .isEqualTo(indexOf119);
            try (Journal journal = Journal.openReadOnly(directory))
            {
                assertThat(journal.queue().rollCycle()).isEqualTo(RollCycles.FIVE_MINUTELY);
                assertThat(readEvents(journal)).hasSize(119);
            }
            assertThat(recorded.keySet()).extracting(ExceptionKey::message).as("Chronicle's warnings")
                .noneMatch(message -> message != null && message.contains("roll"));
        }
        finally
        {
            Jvm.resetExceptionHandlers();
        }
        try (Stream<Path> files = Files.list(directory))
        {
            assertThat(files.map(file -> file.getFileName().toString())).filteredOn(name -> name.endsWith(".cq4"))
                .singleElement().asString().endsWith("V.cq4");
        }
    }

    @Test
    void shouldMsyncSynchronouslyOnlyInSyncMode()
    {
        // MS_ASYNC (Chronicle's default) returns before the data reaches the device: SYNC must not use it.
        // (Checked end to end with strace: see "Durability modes" in docs/architecture.md.)
        assertThat(Journal.syncModeFor(Durability.SYNC)).isEqualTo(net.openhft.chronicle.bytes.SyncMode.SYNC);
        assertThat(Journal.syncModeFor(Durability.PROCESS)).isEqualTo(net.openhft.chronicle.bytes.SyncMode.NONE);
    }

    @Test
    void shouldTruncateAtTheFirstCorruptionOnlyWhenAskedAndKeepTheOriginal() throws IOException
    {
        final Path journalDirectory = directory.resolve("journal");
        final JournalConfig config = new JournalConfig(journalDirectory, "FAST_DAILY", Durability.PROCESS);
        final long[] indexOf119 = {0};
        try (Journal journal = Journal.open(config, CommandStream.INSTRUMENTS))
        {
            write(journal, JournalPosition.EMPTY, new CommandStream(11), CommandStream.newEngine(), 200);
            try (JournalReader reader = journal.reader())
            {
                reader.poll(record -> indexOf119[0] = record.index(), 119);
            }
        }
        final long badIndex = flipAByteInRecord(journalDirectory, 120);

        try (Journal journal = Journal.open(config))
        {
            assertThatThrownBy(() -> Recovery.recover(journal, CommandStream.INSTRUMENTS, 1024, SnapshotStore.NONE, line -> { }))
                .as("start-up stops; it never skips").isInstanceOf(JournalCorruptionException.class)
                .hasMessageContaining(JournalIndex.format(badIndex));
        }

        final List<String> log = new ArrayList<>();
        final JournalRepair.Outcome outcome = JournalRepair.truncateAtFirstCorruption(config, log::add);

        assertThat(outcome.repaired()).isTrue();
        assertThat(outcome.lastGood().recordSequence()).isEqualTo(119);
        assertThat(outcome.lastGood().index()).as("indexes are kept, so snapshots stay valid").isEqualTo(indexOf119[0]);
        assertThat(outcome.keptAside()).isDirectory().isNotEqualTo(journalDirectory);
        assertThat(log).anyMatch(line -> line.contains("kept 119 records"));
        assertThat(Files.mismatch(journalDirectory.resolve(JournalInstruments.FILE),
            outcome.keptAside().resolve(JournalInstruments.FILE))).as("the repaired journal keeps its instruments")
            .isEqualTo(-1L);

        final MatchingEngine reference = CommandStream.newEngine();
        final CommandStream replay = new CommandStream(11);
        for (int i = 0; i < 119; i++)
        {
            reference.onCommand(replay.buffer(), 0, replay.next());
        }
        try (Journal journal = Journal.open(config, CommandStream.INSTRUMENTS))
        {
            final Recovery.Result recovered =
                Recovery.recover(journal, CommandStream.INSTRUMENTS, 1024, SnapshotStore.NONE, line -> { });
            assertThat(recovered.position().recordSequence()).isEqualTo(119);
            assertThat(recovered.engine().stateHash()).isEqualTo(reference.stateHash());
            write(journal, recovered.position(), new CommandStream(12, 119), recovered.engine(), 10);
        }
        try (Journal journal = Journal.open(config); JournalReader reader = journal.reader())
        {
            while (reader.poll(record -> { }, 1000) > 0)
            {
                // the repaired journal, continued, verifies from record 1
            }
            assertThat(reader.position().recordSequence()).isEqualTo(129);
        }
        assertThat(JournalRepair.truncateAtFirstCorruption(config, log::add).repaired())
            .as("a journal that verifies is left alone").isFalse();
    }

    /**
     * Finds record n in the queue file by its command sequence (little-endian in the command, which
     * follows the framing) and flips one byte of that record's events.
     */
    private long flipAByteInRecord(final int recordSequence) throws IOException
    {
        return flipAByteInRecord(directory, recordSequence);
    }

    private static long flipAByteInRecord(final Path directory, final int recordSequence) throws IOException
    {
        final long index = indexOfRecord(directory, recordSequence);
        final Path file = queueFile(directory);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            final long eventsByte = recordSequenceOffset(raf, file, recordSequence) + 40;
            raf.seek(eventsByte);
            final int value = raf.read();
            raf.seek(eventsByte);
            raf.write(value ^ 0x40);
        }
        return index;
    }

    private static long indexOfRecord(final Path directory, final int recordSequence)
    {
        final long[] indexOf = {-1};
        try (Journal journal = Journal.openReadOnly(directory); JournalReader reader = journal.reader())
        {
            while (reader.poll(record ->
            {
                if (record.recordSequence() == recordSequence)
                {
                    indexOf[0] = record.index();
                }
            }, 1000) > 0)
            {
                // scan
            }
        }
        return indexOf[0];
    }

    private static Path queueFile(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    /**
     * Where record n's recordSequence field lies in the queue file: found by its value (8 bytes little-endian,
     * preceded by the chain hash) with the record's SBE header 20 bytes before it.
     */
    private static long recordSequenceOffset(final RandomAccessFile raf, final Path file, final int recordSequence)
        throws IOException
    {
        final byte[] needle = new byte[16];
        for (int i = 0; i < 8; i++)
        {
            needle[i] = (byte)((long)recordSequence >>> (8 * i));
        }
        final byte[] content = new byte[(int)Math.min(raf.length(), 64L * 1024 * 1024)];
        raf.seek(0);
        raf.readFully(content, 0, content.length);
        for (int p = 0; p + 48 < content.length; p++)
        {
            if (matches(content, p, needle, 8) && isRecordHeaderBefore(content, p))
            {
                return p;
            }
        }
        throw new AssertionError("record " + recordSequence + " not found in " + file);
    }

    /** The SBE header (blockLength, templateId 1, schemaId 7412) sits 20 bytes before recordSequence. */
    private static boolean isRecordHeaderBefore(final byte[] content, final int recordSequenceAt)
    {
        final int headerAt = recordSequenceAt - 20;
        return headerAt >= 0 && (content[headerAt + 2] & 0xFF) == 1 && content[headerAt + 3] == 0 &&
            ((content[headerAt + 4] & 0xFF) | (content[headerAt + 5] & 0xFF) << 8) == 7412;
    }

    private static boolean matches(final byte[] content, final int at, final byte[] needle, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (content[at + i] != needle[i])
            {
                return false;
            }
        }
        return true;
    }

    /** A cycle file deleted from between two others: the error names the gap and both files, and advises no repair. */
    @Test
    void shouldNameTheRecordsAndFilesAroundACycleFileMissingFromTheMiddle() throws IOException
    {
        final JournalConfig config = JournalFixture.config(directory, "FAST_DAILY");
        final List<Path> cycles = threeDailyCyclesOf100Records(config);
        assertThat(cycles).hasSize(3);
        Files.delete(cycles.get(1));

        try (Journal journal = Journal.openReadOnly(config.directory());
             JournalReader reader = journal.reader())
        {
            assertThatThrownBy(() ->
            {
                while (reader.poll(record -> { }, 1_000) > 0)
                {
                    // reads until the gap stops it
                }
            })
                .isInstanceOf(JournalCorruptionException.class)
                .hasMessageContaining("records 101..200 are missing between cycle file " + cycles.get(0).getFileName() +
                    " and cycle file " + cycles.get(2).getFileName() + ": a cycle file is missing")
                .hasMessageContaining("Put it back (from a backup)")
                .satisfies(ex -> assertThat(((JournalCorruptionException)ex).repairable()).isFalse());
        }
    }

    /**
     * QA 98: a cycle file emptied between two that hold records was taken for a kill's leftover: the read-only tools
     * said a repair would settle it, and the repair moved it aside and then cut every later cycle. Only the newest can
     * be a kill's leftover: this one is named as emptied, by the tools and by the writer's open, and nothing is moved.
     */
    @Test
    void shouldNameACycleFileEmptiedBeforeOneThatHoldsRecordsAndMoveNothing() throws IOException
    {
        final JournalConfig config = JournalFixture.config(directory, "FAST_DAILY");
        final List<Path> cycles = threeDailyCyclesOf100Records(config);
        Files.write(cycles.get(1), new byte[0]);
        final List<Path> before;
        try (Stream<Path> files = Files.list(directory))
        {
            before = files.sorted().toList();
        }

        for (final org.assertj.core.api.ThrowableAssert.ThrowingCallable open : List.<org.assertj.core.api.ThrowableAssert
            .ThrowingCallable>of(() -> Journal.openReadOnly(config.directory()), () -> Journal.open(config).close()))
        {
            assertThatThrownBy(open)
                .isInstanceOf(JournalCorruptionException.class)
                .hasMessageContaining("cycle file " + cycles.get(1) + " holds no record, but cycle file " +
                    cycles.get(2).getFileName() + " after it does: it was emptied")
                .hasMessageContaining("Put it back (from a backup)")
                .hasMessageNotContaining("killed while creating it;")
                .satisfies(ex -> assertThat(((JournalCorruptionException)ex).repairable()).isFalse());
        }
        try (Stream<Path> files = Files.list(directory))
        {
            assertThat(files.sorted().toList()).as("nothing moved aside").isEqualTo(before);
        }
        assertThat(cycles.get(1)).isEmptyFile();
    }

    /**
     * The newest cycle file deleted: Chronicle's read-only open failed on the oldest ('file not found' for the upper
     * cycle), and the message blamed that intact file's header, advising to move it out of the journal.
     */
    @Test
    void shouldNameTheNewestCycleFileAsMissingWhenItIsGone() throws IOException
    {
        final JournalConfig config = JournalFixture.config(directory, "FAST_DAILY");
        final List<Path> cycles = threeDailyCyclesOf100Records(config);
        Files.delete(cycles.get(2));

        assertThatThrownBy(() -> Journal.openReadOnly(config.directory()))
            .isInstanceOf(JournalCorruptionException.class)
            .hasMessageContaining("cycle file " + cycles.get(2) + ", the newest the journal's metadata records, is " +
                "missing")
            .hasMessageContaining("Put it back (from a backup)")
            .hasMessageNotContaining(cycles.get(0).getFileName().toString())
            .satisfies(ex -> assertThat(((JournalCorruptionException)ex).repairable()).isFalse());
    }

    /**
     * A newest cycle file put back after the exchange opened the journal without it: the writer's open wrote the
     * metadata again, so a read-only reader ended before that file's records and called the journal OK. Named instead;
     * the writer's next open takes the file in again.
     */
    @Test
    void shouldRefuseAReadOnlyOpenOfAJournalWithACycleFileNewerThanItsMetadataLists() throws IOException
    {
        final JournalConfig config = JournalFixture.config(directory, "FAST_DAILY");
        final List<Path> cycles = threeDailyCyclesOf100Records(config);
        final Path aside = directory.resolve(cycles.get(2).getFileName() + ".aside");
        Files.move(cycles.get(2), aside);
        final net.openhft.chronicle.core.time.SetTimeProvider time =
            new net.openhft.chronicle.core.time.SetTimeProvider(java.time.Instant.parse("2026-03-04T10:00:00Z"));
        try (Journal journal = Journal.open(config, time))
        {
            assertThat(journal.lastRecordSequence()).as("the writer went on without it").isEqualTo(200);
        }
        Files.move(aside, cycles.get(2));

        assertThatThrownBy(() -> Journal.openReadOnly(config.directory()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("holds 1 cycle file(s) newer than the last cycle its metadata lists (" +
                cycles.get(2).getFileName())
            .hasMessageContaining("the exchange's next start takes them in");
        try (Journal journal = Journal.open(config, time))
        {
            assertThat(journal.lastRecordSequence()).isEqualTo(300);
        }
        try (Journal journal = Journal.openReadOnly(config.directory()))
        {
            assertThat(journal.lastRecordSequence()).isEqualTo(300);
        }
    }

    /** Records 1-100, 101-200 and 201-300, one cycle file a day: the cycle files, oldest first. */
    private static List<Path> threeDailyCyclesOf100Records(final JournalConfig config) throws IOException
    {
        final net.openhft.chronicle.core.time.SetTimeProvider time =
            new net.openhft.chronicle.core.time.SetTimeProvider(java.time.Instant.parse("2026-03-02T09:00:00Z"));
        final CommandStream stream = new CommandStream(5);
        final MatchingEngine engine = CommandStream.newEngine();
        try (Journal journal = Journal.open(config, time))
        {
            JournalPosition tail = JournalPosition.EMPTY;
            for (int day = 0; day < 3; day++)
            {
                tail = JournalFixture.write(journal, tail, stream, engine, 100);
                time.advanceMillis(86_400_000L);
            }
        }
        try (Stream<Path> files = Files.list(config.directory()))
        {
            return files.filter(file -> file.toString().endsWith(".cq4")).sorted().toList();
        }
    }
}

package dev.tessera.journal;

import dev.tessera.config.Durability;
import dev.tessera.config.JournalConfig;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.journal.tools.JournalVerifier;
import dev.tessera.journal.tools.ProgressBar;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The write position a cycle file's header records (Chronicle's {@code writePosition}, where the last complete
 * document starts), damaged on disk as operations QA did it: one flipped byte. Chronicle's appender goes on from it,
 * so a position past the documents put new records after a gap of zeros no reader passes (journaled, never
 * published), and one inside a document would have it step over record bytes as headers. The writer's open refuses
 * both before its first append, verify names them, and a repair keeps every record.
 */
@Timeout(60)
class JournalWritePositionTest
{
    private static final int RECORDS = 300;

    @TempDir
    Path directory;

    private final CommandStream stream = new CommandStream(63);
    private final MatchingEngine engine = CommandStream.newEngine();

    private JournalConfig config()
    {
        return new JournalConfig(directory, "FAST_DAILY", Durability.PROCESS);
    }

    @Test
    void shouldRefuseToAppendPastAWritePositionFlippedBeyondTheDocumentsAndRepairKeepingEveryRecord() throws IOException
    {
        final long end = journalOf(RECORDS);
        final Path file = lastCycleFile();
        final long recorded = recordedWritePosition(file);
        // QA's flip: one byte of the header's write position XORed (bits 16 to 23), past every document.
        flipByte(file, writePositionOffset(file) + 2);
        final long flipped = recordedWritePosition(file);
        assertThat(flipped).isGreaterThan(end);

        assertThatThrownBy(() -> Journal.open(config()))
            .isInstanceOf(JournalCorruptionException.class)
            .hasMessageContaining("cycle file " + file)
            .hasMessageContaining("byte " + flipped)
            .hasMessageContaining("the documents end at byte " + end)
            .hasMessageContaining("`journal repair`")
            .satisfies(ex -> assertThat(((JournalCorruptionException)ex).afterEveryRecord()).isTrue())
            .satisfies(ex -> assertThat(((JournalCorruptionException)ex).repairable()).isTrue());
        assertThat(recordedWritePosition(file)).as("the refused open changed nothing").isEqualTo(flipped);

        assertThatThrownBy(this::verify)
            .isInstanceOf(JournalCorruptionException.class)
            .hasMessageContaining("(record " + RECORDS + "): after the journal's last record, cycle file " + file)
            .hasMessageContaining("byte " + flipped);

        repairKeepingAll();
        assertThat(recordedWritePosition(lastCycleFile())).as("the copy's header").isEqualTo(recorded);
        appendAndReadBack();
    }

    @Test
    void shouldRefuseAWritePositionInsideADocumentAndRepairKeepingEveryRecord() throws IOException
    {
        journalOf(RECORDS);
        final Path file = lastCycleFile();
        final long recorded = recordedWritePosition(file);
        // Smaller, and not a header: 8 bytes before the last document starts is inside the one before it.
        final long inside = recorded - 8;
        writeWritePosition(file, inside);

        assertThatThrownBy(() -> Journal.open(config()))
            .isInstanceOf(JournalCorruptionException.class)
            .hasMessageContaining("cycle file " + file)
            .hasMessageContaining("byte " + inside + " as where the last complete document starts, but that byte " +
                "lies inside the document at byte ")
            .hasMessageContaining("which ends at byte " + recorded);

        assertThatThrownBy(this::verify)
            .isInstanceOf(JournalCorruptionException.class)
            .hasMessageContaining("byte " + inside);

        repairKeepingAll();
        appendAndReadBack();
    }

    @Test
    void shouldAppendAfterEveryDocumentFromAnEarlierDocumentsStartAsAKillBeforeTheHeaderWasUpdatedLeavesIt()
        throws IOException
    {
        // Two batches: the first one's last document start is a header of the file, before the last one.
        JournalPosition tail;
        final long earlier;
        try (Journal journal = Journal.open(config()))
        {
            tail = JournalFixture.write(journal, JournalPosition.EMPTY, stream, engine, RECORDS / 2);
            earlier = recordedWritePosition(journal.queue());
            JournalFixture.write(journal, tail, stream, engine, RECORDS / 2);
        }
        final Path file = lastCycleFile();
        assertThat(recordedWritePosition(file)).isGreaterThan(earlier);
        writeWritePosition(file, earlier);

        verify();
        appendAndReadBack();
    }

    /**
     * A journal as a writer leaves it passes the quick check, which reads the recorded document and the few after
     * it, not the whole file (the exchange's open must stay inside its restart time on a day's cycle file); an
     * earlier document's start, as a kill leaves it, too; a flipped position does not, and the full walk decides.
     */
    @Test
    void shouldTakeAWritersOwnWritePositionWithoutWalkingTheFile() throws IOException
    {
        journalOf(RECORDS);
        final Path file = lastCycleFile();
        final long recorded = recordedWritePosition(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            assertThat(WritePositionCheck.startsTheLastDocuments(channel, channel.size(), recorded)).isTrue();
            assertThat(WritePositionCheck.startsTheLastDocuments(channel, channel.size(), recorded + 4)).isFalse();
            assertThat(WritePositionCheck.startsTheLastDocuments(channel, channel.size(), recorded + (1 << 20)))
                .isFalse();
        }
        assertThat(WritePositionCheck.problem(file, recorded)).isNull();
    }

    /** Journals {@code records} commands in batches of 50; returns the byte where the documents end. */
    private long journalOf(final int records)
    {
        JournalPosition tail = JournalPosition.EMPTY;
        try (Journal journal = Journal.open(config()))
        {
            for (int written = 0; written < records; written += 50)
            {
                tail = JournalFixture.write(journal, tail, stream, engine, 50);
            }
        }
        final Path file = lastCycleFile();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r"))
        {
            // The documents end at the first zero header after the last document's start.
            long position = recordedWritePosition(file);
            while (true)
            {
                raf.seek(position);
                final int header = Integer.reverseBytes(raf.readInt());
                if (header == 0)
                {
                    return position;
                }
                position = (position + Integer.BYTES + (header & 0x3FFFFFFF) + 3) & ~3L;
            }
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private JournalVerifier.Summary verify()
    {
        try (Journal journal = Journal.openReadOnly(directory))
        {
            return new JournalVerifier().verify(journal, ProgressBar.NONE);
        }
    }

    private void repairKeepingAll()
    {
        final List<String> log = new ArrayList<>();
        final JournalRepair.Outcome outcome = JournalRepair.truncateAtFirstCorruption(config(), log::add);
        assertThat(outcome.repaired()).as(String.join("\n", log)).isTrue();
        assertThat(outcome.recordsCut()).as("nothing cut").isFalse();
        assertThat(outcome.recordsKept()).isEqualTo(RECORDS);
        assertThat(verify().records()).isEqualTo(RECORDS);
    }

    /** The writer opens, appends 20 records after the last, and every reader reads them all, verified. */
    private void appendAndReadBack()
    {
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
            assertThat(tail.recordSequence()).isEqualTo(RECORDS);
            JournalFixture.write(journal, tail, stream, engine, 20);
        }
        final JournalVerifier.Summary summary = verify();
        assertThat(summary.records()).as("the new records are where readers find them").isEqualTo(RECORDS + 20);
        assertThat(summary.lastRecordSequence()).isEqualTo(RECORDS + 20);
    }

    private Path lastCycleFile()
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(p -> p.toString().endsWith(SingleChronicleQueue.SUFFIX)).sorted()
                .reduce((a, b) -> b).orElseThrow();
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    /** The write position as Chronicle reads it from the last cycle file's header. */
    private long recordedWritePosition(final Path file)
    {
        try (Journal journal = Journal.openReadOnly(directory))
        {
            assertThat(Journal.cycleFile(journal.queue(), directory, journal.queue().lastCycle())).isEqualTo(file);
            return recordedWritePosition(journal.queue());
        }
    }

    private static long recordedWritePosition(final SingleChronicleQueue queue)
    {
        final SingleChronicleQueueStore store = queue.storeForCycle(queue.lastCycle(), queue.epoch(), false, null);
        try
        {
            return store.writePosition();
        }
        finally
        {
            queue.closeStore(store);
        }
    }

    /**
     * Where the header keeps the write position: after the field name, an array of two longs (capacity, used,
     * then the values); the first value is the write position. Checked against what Chronicle reads.
     */
    private long writePositionOffset(final Path file) throws IOException
    {
        final byte[] head = new byte[256];
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r"))
        {
            raf.readFully(head);
        }
        final String text = new String(head, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("writePosition") + "writePosition".length();
        while ((head[at] & 0xFF) != 0x8D)
        {
            at++;
        }
        final long offset = at + 1 + 2 * Long.BYTES;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r"))
        {
            raf.seek(offset);
            assertThat(Long.reverseBytes(raf.readLong())).as("the layout").isEqualTo(recordedWritePosition(file));
        }
        return offset;
    }

    private void flipByte(final Path file, final long offset) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(offset);
            final int old = raf.read();
            raf.seek(offset);
            raf.write(old ^ 0x5A);
        }
    }

    private void writeWritePosition(final Path file, final long position) throws IOException
    {
        final long offset = writePositionOffset(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(offset);
            raf.writeLong(Long.reverseBytes(position));
        }
        assertThat(recordedWritePosition(file)).isEqualTo(position);
    }
}

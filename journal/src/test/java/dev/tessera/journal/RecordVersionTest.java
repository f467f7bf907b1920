package dev.tessera.journal;

import dev.tessera.config.Durability;
import dev.tessera.config.JournalConfig;
import dev.tessera.engine.MatchingEngine;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A journal written by an older record version stays readable: see src/test/resources/fixtures/README.md.
 * Versions 1 and 2 wrote one record per Chronicle document; version 3 writes up to 64.
 */
class RecordVersionTest
{
    private static final long FIXTURE_TIME_ORIGIN = 1_700_000_000_000_000_000L;

    @TempDir
    Path directory;

    private static List<byte[]> fixtureRecords(final int version) throws IOException
    {
        final List<byte[]> records = new ArrayList<>();
        try (InputStream in = RecordVersionTest.class.getResourceAsStream("/fixtures/journal-records-v" + version + ".bin");
             DataInputStream data = new DataInputStream(in))
        {
            while (true)
            {
                final int length;
                try
                {
                    length = data.readInt();
                }
                catch (final EOFException end)
                {
                    return records;
                }
                final byte[] record = new byte[length];
                data.readFully(record);
                records.add(record);
            }
        }
    }

    /** Writes the old records into a fresh queue byte for byte, one per document, as the old writer left them. */
    private Journal journalWithFixture(final int version) throws IOException
    {
        final Journal journal = Journal.open(new JournalConfig(directory, "FAST_DAILY", Durability.PROCESS));
        try (ExcerptAppender appender = journal.queue().createAppender())
        {
            for (final byte[] record : fixtureRecords(version))
            {
                try (DocumentContext document = appender.writingDocument())
                {
                    document.wire().bytes().write(record);
                }
            }
        }
        return journal;
    }

    private record Seen(
        int version, long index, long recordSequence, long commandSequence, long timestamp, byte[] command, byte[] events)
    {
    }

    private static List<Seen> readAll(final Journal journal)
    {
        final List<Seen> seen = new ArrayList<>();
        try (JournalReader reader = journal.reader())
        {
            while (reader.poll(record ->
            {
                final byte[] command = new byte[record.commandLength()];
                final byte[] events = new byte[record.eventsLength()];
                record.buffer().getBytes(record.commandOffset(), command);
                record.buffer().getBytes(record.eventsOffset(), events);
                seen.add(new Seen(record.version(), record.index(), record.recordSequence(), record.commandSequence(),
                    record.timestamp(), command, events));
            }, 100) > 0)
            {
                // read to the end
            }
        }
        return seen;
    }

    @Test
    void shouldVerifyAndUpcastVersionOneRecords() throws IOException
    {
        try (Journal journal = journalWithFixture(1))
        {
            final List<Seen> seen = readAll(journal);

            assertThat(seen).hasSize(12);
            for (int i = 0; i < seen.size(); i++)
            {
                final Seen record = seen.get(i);
                assertThat(record.version()).isEqualTo(1);
                assertThat(record.recordSequence()).isEqualTo(i + 1);
                assertThat(record.commandSequence()).isEqualTo(i + 1);
                assertThat(record.timestamp()).as("upcast from the command")
                    .isEqualTo(FIXTURE_TIME_ORIGIN + (i + 1) * 1_000_000L);
            }
        }
    }

    @Test
    void shouldReadVersionTwoRecordsEachAloneInItsDocument() throws IOException
    {
        try (Journal journal = journalWithFixture(2))
        {
            final List<Seen> seen = readAll(journal);

            assertThat(seen).hasSize(12);
            assertThat(seen).extracting(Seen::index).doesNotHaveDuplicates();
            for (int i = 0; i < seen.size(); i++)
            {
                final Seen record = seen.get(i);
                assertThat(record.version()).isEqualTo(2);
                assertThat(record.recordSequence()).isEqualTo(i + 1);
                assertThat(record.commandSequence()).isEqualTo(i + 1);
                assertThat(record.timestamp()).as("stored since version 2")
                    .isEqualTo(FIXTURE_TIME_ORIGIN + (i + 1) * 1_000_000L);
            }
            assertThat(journal.recordCount()).isEqualTo(12);
        }
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(ints = {1, 2})
    void shouldContinueAnOldJournalWithCurrentRecordsOnOneChain(final int version) throws IOException
    {
        try (Journal journal = journalWithFixture(version))
        {
            final MatchingEngine engine = CommandStream.newEngine();
            final List<Seen> old = readAll(journal);
            for (final Seen record : old)
            {
                engine.onCommand(new org.agrona.concurrent.UnsafeBuffer(record.command()), 0, record.command().length);
            }
            final JournalPosition tail;
            try (JournalReader reader = journal.reader())
            {
                while (reader.poll(record -> { }, 100) > 0)
                {
                    // to the end
                }
                tail = reader.position();
            }
            final CommandStream stream = new CommandStream(7, tail.commandSequence());
            try (JournalWriter writer = journal.writer(tail))
            {
                for (int i = 0; i < 5; i++)
                {
                    final int length = stream.next();
                    engine.onCommand(stream.buffer(), 0, length);
                    writer.append(stream.buffer(), 0, length, engine.events());
                }
            }

            final List<Seen> all = readAll(journal);

            assertThat(all).hasSize(17);
            final int current = dev.tessera.journal.codec.JournalRecordDecoder.SCHEMA_VERSION;
            assertThat(current).isEqualTo(3);
            assertThat(all).extracting(Seen::version).containsExactly(
                version, version, version, version, version, version, version, version, version, version, version, version,
                current, current, current, current, current);
            assertThat(all.subList(12, 17)).extracting(Seen::index).as("one batch, one document").containsOnly(all.get(12).index());
            assertThat(all.get(12).index()).isGreaterThan(all.get(11).index());
            assertThat(all.get(12).timestamp()).isEqualTo(1_700_000_000_000_000_000L + 13 * 1_000L);
            assertThat(journal.recordCount()).isEqualTo(17);
        }
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(ints = {1, 2})
    void shouldReproduceTheOldEventsByteForByteWhenReExecutingTheOldCommands(final int version) throws IOException
    {
        try (Journal journal = journalWithFixture(version))
        {
            final MatchingEngine engine = CommandStream.newEngine();

            for (final Seen record : readAll(journal))
            {
                engine.onCommand(new org.agrona.concurrent.UnsafeBuffer(record.command()), 0, record.command().length);
                final byte[] produced = new byte[engine.events().length()];
                engine.events().buffer().getBytes(0, produced);
                assertThat(produced).as("events of record %d", record.recordSequence()).isEqualTo(record.events());
            }
            assertThat(engine.lastEventSequence()).isEqualTo(18);
        }
    }
}

package dev.tessera.journal;

import dev.tessera.config.Durability;
import dev.tessera.config.JournalConfig;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Several records to a Chronicle document: how the writer groups them, and how readers step through
 * a document record by record, stop inside it and go on from there.
 */
class JournalDocumentTest
{
    @TempDir
    Path directory;

    private final CommandStream stream = new CommandStream(11);
    private final MatchingEngine engine = CommandStream.newEngine();

    private JournalConfig config()
    {
        return new JournalConfig(directory, "FAST_DAILY", Durability.PROCESS);
    }

    /** Journals one batch per entry of {@code batches}, of that many commands each. */
    private JournalPosition writeBatches(final Journal journal, final int... batches)
    {
        JournalPosition tail = JournalPosition.EMPTY;
        for (final int commands : batches)
        {
            tail = JournalFixture.write(journal, tail, stream, engine, commands);
        }
        return tail;
    }

    /** Record sequences per document index, in journal order. */
    private static Map<Long, List<Long>> documents(final Journal journal)
    {
        final Map<Long, List<Long>> documents = new LinkedHashMap<>();
        try (JournalReader reader = journal.reader())
        {
            while (reader.poll(record ->
                documents.computeIfAbsent(record.index(), i -> new ArrayList<>()).add(record.recordSequence()), 1000) > 0)
            {
                // to the end
            }
        }
        return documents;
    }

    @Test
    void shouldPutEachBatchIntoDocumentsOfAtMost64Records()
    {
        try (Journal journal = Journal.open(config()))
        {
            final JournalPosition end = writeBatches(journal, 130, 3, 1);

            final List<List<Long>> documents = new ArrayList<>(documents(journal).values());
            assertThat(documents).extracting(List::size).containsExactly(64, 64, 2, 3, 1);
            assertThat(documents.get(2)).containsExactly(129L, 130L);
            assertThat(documents.get(3)).containsExactly(131L, 132L, 133L);
            assertThat(end.recordSequence()).isEqualTo(134);
            assertThat(end.index()).isEqualTo(journal.lastIndex());
            assertThat(journal.recordCount()).isEqualTo(134);
            assertThat(journal.lastRecordSequence()).isEqualTo(134);
        }
    }

    @Test
    void shouldGiveARecordThatWouldPassTheByteLimitADocumentOfItsOwn()
    {
        final CommandEncoder encoder = new CommandEncoder();
        final UnsafeBuffer command = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
        final int restingOrders = 1_200;
        try (Journal journal = Journal.open(config()); JournalWriter writer = journal.writer(JournalPosition.EMPTY))
        {
            long sequence = 0;
            for (int i = 0; i < restingOrders; i++)
            {
                sequence++;
                final int length = encoder.newOrder(command, 0, sequence, CommandStream.timestampOf(sequence), 1,
                    CommandStream.INSTRUMENT, sequence, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 9_990, 1);
                engine.onCommand(command, 0, length);
                writer.append(command, 0, length, engine.events());
                if (i % 50 == 49)
                {
                    writer.endOfBatch();
                }
            }
            writer.endOfBatch();
            // One batch: an order, the owner's mass cancel (1,200 cancellations, ~80 KiB of events), an order.
            for (int i = 0; i < 3; i++)
            {
                sequence++;
                final int length = i == 1 ?
                    encoder.massCancel(command, 0, sequence, CommandStream.timestampOf(sequence), 1, sequence, 0) :
                    encoder.newOrder(command, 0, sequence, CommandStream.timestampOf(sequence), 2, CommandStream.INSTRUMENT,
                        sequence, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, 10_010, 1);
                engine.onCommand(command, 0, length);
                assertThat(engine.events().length() > JournalWriter.MAX_DOCUMENT_BYTES).isEqualTo(i == 1);
                writer.append(command, 0, length, engine.events());
            }
            writer.endOfBatch();

            final List<List<Long>> documents = new ArrayList<>(documents(journal).values());
            final int before = documents.size() - 3;
            assertThat(documents.subList(before, documents.size())).containsExactly(
                List.of((long)restingOrders + 1), List.of((long)restingOrders + 2), List.of((long)restingOrders + 3));
        }
    }

    @Test
    void shouldStopInsideADocumentAtTheLimitAndGoOnFromThere()
    {
        try (Journal journal = Journal.open(config()))
        {
            writeBatches(journal, 10);
            try (JournalReader reader = journal.reader())
            {
                final List<Long> seen = new ArrayList<>();
                assertThat(reader.poll(record -> seen.add(record.recordSequence()), 3)).isEqualTo(3);
                assertThat(reader.position().recordSequence()).isEqualTo(3);
                assertThat(reader.poll(record -> seen.add(record.recordSequence()), 1, journal.lastIndex())).isEqualTo(1);
                assertThat(reader.poll(record -> seen.add(record.recordSequence()), 100)).isEqualTo(6);
                assertThat(reader.poll(record -> seen.add(record.recordSequence()), 100)).isZero();
                assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            }
        }
    }

    @Test
    void shouldFinishTheDocumentWhenPollingWholeDocuments()
    {
        try (Journal journal = Journal.open(config()))
        {
            writeBatches(journal, 10, 5);
            final long firstDocument = journal.firstIndex();
            try (JournalReader reader = journal.reader())
            {
                assertThat(reader.poll(record -> { }, 2)).isEqualTo(2);
                assertThat(reader.pollDocuments(record -> { }, 1, JournalReader.ANY_INDEX))
                    .as("the rest of the first document, however small the limit").isEqualTo(8);
                assertThat(reader.position().index()).isEqualTo(firstDocument);
                assertThat(reader.pollDocuments(record -> { }, 1, firstDocument)).as("nothing past the limit").isZero();
                assertThat(reader.pollDocuments(record -> { }, 1, JournalReader.ANY_INDEX)).isEqualTo(5);
                assertThat(reader.position().recordSequence()).isEqualTo(15);
            }
        }
    }

    @Test
    void shouldStartAfterARecordInTheMiddleOfADocument()
    {
        try (Journal journal = Journal.open(config()))
        {
            writeBatches(journal, 10);
            final JournalPosition fourth;
            try (JournalReader reader = journal.reader())
            {
                reader.poll(record -> { }, 4);
                fourth = reader.position();
            }
            assertThat(fourth.recordSequence()).isEqualTo(4);

            try (JournalReader reader = journal.reader().startAfter(fourth))
            {
                assertThat(reader.position()).isEqualTo(fourth);
                final List<Long> seen = new ArrayList<>();
                while (reader.poll(record -> seen.add(record.recordSequence()), 100) > 0)
                {
                    // to the end, every record verified against the chain from the fourth
                }
                assertThat(seen).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
            }
            final JournalPosition wrongChain = new JournalPosition(fourth.index(), fourth.recordSequence(),
                fourth.chainHash() ^ 1, fourth.lastEventSequence(), fourth.commandSequence());
            // Another history's position, not damage (QA 116): said so, never "journal corrupt".
            assertThatThrownBy(() -> journal.reader().startAfter(wrongChain))
                .isInstanceOfSatisfying(JournalCorruptionException.class, ex -> assertThat(ex.anotherHistory()).isTrue())
                .hasMessageStartingWith("the journal holds another record 4 at index ").hasMessageNotContaining("corrupt");
            final JournalPosition notThere = new JournalPosition(fourth.index(), 11, fourth.chainHash(),
                fourth.lastEventSequence(), fourth.commandSequence());
            assertThatThrownBy(() -> journal.reader().startAfter(notThere))
                .isInstanceOfSatisfying(JournalCorruptionException.class, ex -> assertThat(ex.anotherHistory()).isTrue())
                .hasMessageContaining("does not hold record 11").hasMessageNotContaining("corrupt");
        }
    }

    @Test
    void shouldGoOnAfterTheRecordAHandlerFailedOn()
    {
        try (Journal journal = Journal.open(config()))
        {
            writeBatches(journal, 6);
            try (JournalReader reader = journal.reader())
            {
                assertThatThrownBy(() -> reader.poll(record ->
                {
                    if (record.recordSequence() == 3)
                    {
                        throw new IllegalStateException("handler failed");
                    }
                }, 100)).hasMessage("handler failed");
                final List<Long> seen = new ArrayList<>();
                reader.poll(record -> seen.add(record.recordSequence()), 100);
                assertThat(seen).as("as when each record had a document of its own").containsExactly(4L, 5L, 6L);
            }
        }
    }

    @Test
    void shouldCountRecordsNotDocumentsAfterAPosition()
    {
        try (Journal journal = Journal.open(config()))
        {
            writeBatches(journal, 100, 30);
            final JournalPosition fiftieth;
            try (JournalReader reader = journal.reader())
            {
                reader.poll(record -> { }, 50);
                fiftieth = reader.position();
            }
            assertThat(journal.recordsAfter(JournalPosition.EMPTY)).isEqualTo(130);
            assertThat(journal.recordsAfter(fiftieth)).isEqualTo(80);
            assertThat(journal.recordCount()).isEqualTo(130);
        }
    }

    @Test
    void shouldRefuseADocumentWithoutARecordRatherThanPassIt()
    {
        try (Journal journal = Journal.open(config()))
        {
            writeBatches(journal, 3);
            try (ExcerptAppender appender = journal.queue().createAppender();
                 DocumentContext empty = appender.writingDocument())
            {
                // no record written (Chronicle still stores a byte): a document no writer of the journal leaves behind
            }
            try (JournalReader reader = journal.reader())
            {
                final List<Long> seen = new ArrayList<>();
                assertThatThrownBy(() -> reader.poll(record -> seen.add(record.recordSequence()), 100))
                    .isInstanceOf(JournalCorruptionException.class).hasMessageContaining("record 4")
                    .hasMessageContaining(JournalIndex.format(journal.lastIndex()));
                assertThat(seen).containsExactly(1L, 2L, 3L);
            }
        }
    }
}

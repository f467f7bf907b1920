package dev.tessera.journal;

import dev.tessera.engine.MatchingEngine;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The two-thread replay ends in exactly the writer's state, and an engine error still reaches the caller. */
class PipelinedReplayTest
{
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path root;

    @Test
    void shouldRebuildExactlyTheStateOfTheEngineThatWroteTheJournal()
    {
        final MatchingEngine writer = CommandStream.newEngine();
        try (Journal journal = Journal.open(JournalFixture.config(root, "FAST_DAILY"), new SetTimeProvider(START)))
        {
            final JournalPosition tail = JournalFixture.write(journal, JournalPosition.EMPTY, new CommandStream(5), writer,
                20_000);
            final MatchingEngine replica = CommandStream.newEngine();
            try (JournalReader reader = journal.reader())
            {
                final long events = PipelinedReplay.run(reader, replica);

                assertThat(replica.stateHash()).isEqualTo(writer.stateHash());
                assertThat(replica.lastEventSequence()).isEqualTo(writer.lastEventSequence()).isEqualTo(events);
                assertThat(reader.position()).isEqualTo(tail);
            }
        }
    }

    @Test
    void shouldApplyEveryEventWhenTheRingWrapsManyTimes()
    {
        final MatchingEngine writer = CommandStream.newEngine();
        try (Journal journal = Journal.open(JournalFixture.config(root, "FAST_DAILY"), new SetTimeProvider(START)))
        {
            JournalFixture.write(journal, JournalPosition.EMPTY, new CommandStream(7), writer, 20_000);
            // A 4 KiB ring wraps hundreds of times: each wrap leaves a padding record that a read consumes
            // while answering "0 messages", which must not be taken for the end.
            for (int run = 0; run < 20; run++)
            {
                final MatchingEngine replica = CommandStream.newEngine();
                try (JournalReader reader = journal.reader())
                {
                    PipelinedReplay.run(reader, replica, 4096);
                }
                assertThat(replica.stateHash()).as("run %d", run).isEqualTo(writer.stateHash());
                assertThat(replica.lastEventSequence()).isEqualTo(writer.lastEventSequence());
            }
        }
    }

    @Test
    void shouldStopAndRethrowWhenTheEngineRefusesAnEvent()
    {
        final MatchingEngine writer = CommandStream.newEngine();
        try (Journal journal = Journal.open(JournalFixture.config(root, "FAST_DAILY"), new SetTimeProvider(START)))
        {
            JournalFixture.write(journal, JournalPosition.EMPTY, new CommandStream(6), writer, 5_000);
            // An engine that has already seen these events: the first one is a replay, not the next in sequence.
            final MatchingEngine ahead = CommandStream.newEngine();
            JournalFixture.run(new CommandStream(6), ahead, 10);
            try (JournalReader reader = journal.reader())
            {
                assertThatThrownBy(() -> PipelinedReplay.run(reader, ahead))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("event sequence gap");
            }
        }
    }
}

package dev.tessera.journal;

import dev.tessera.engine.MatchingEngine;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Recovery replays a short tail on its own thread and a long one on two; both end in the writer's state. */
class RecoveryReplayTest
{
    private static final long CYCLE_MILLIS = TimeUnit.MINUTES.toMillis(5);

    @TempDir
    Path root;

    private final SetTimeProvider time = new SetTimeProvider(Instant.parse("2026-03-02T09:00:00Z"));

    @Test
    void shouldCountTheRecordsAfterAPositionAcrossRollCycles()
    {
        final MatchingEngine writer = CommandStream.newEngine();
        final CommandStream stream = new CommandStream(3);
        try (Journal journal = Journal.open(JournalFixture.config(root, "FIVE_MINUTELY"), time))
        {
            assertThat(journal.recordsAfter(JournalPosition.EMPTY)).isZero();
            final JournalPosition first = JournalFixture.write(journal, JournalPosition.EMPTY, stream, writer, 150);
            time.advanceMillis(CYCLE_MILLIS);
            final JournalPosition second = JournalFixture.write(journal, first, stream, writer, 70);
            time.advanceMillis(2 * CYCLE_MILLIS);
            final JournalPosition third = JournalFixture.write(journal, second, stream, writer, 30);

            assertThat(journal.recordsAfter(JournalPosition.EMPTY)).isEqualTo(250);
            assertThat(journal.recordsAfter(new JournalPosition(journal.firstIndex(), 1, 0, 0, 0))).isEqualTo(249);
            assertThat(journal.recordsAfter(first)).isEqualTo(100);
            assertThat(journal.recordsAfter(second)).isEqualTo(30);
            assertThat(journal.recordsAfter(third)).isZero();
        }
    }

    @Test
    void shouldRebuildTheWritersStateOnOneThreadAndOnTwo()
    {
        final MatchingEngine writer = CommandStream.newEngine();
        try (Journal journal = Journal.open(JournalFixture.config(root, "FAST_DAILY"), time))
        {
            final JournalPosition tail = JournalFixture.write(journal, JournalPosition.EMPTY, new CommandStream(9), writer, 20_000);
            for (final long records : new long[] {0, Recovery.TWO_THREAD_REPLAY_MIN_RECORDS})
            {
                final MatchingEngine replica = CommandStream.newEngine();
                try (JournalReader reader = journal.reader())
                {
                    final long events = Recovery.replay(reader, replica, records);

                    assertThat(replica.stateHash()).as("estimate %d", records).isEqualTo(writer.stateHash());
                    assertThat(events).isEqualTo(writer.lastEventSequence());
                    assertThat(reader.position()).isEqualTo(tail);
                }
            }
        }
    }
}

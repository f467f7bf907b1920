package dev.tessera.gateway;

import dev.tessera.fix.MsgTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static dev.tessera.gateway.RawFixClient.TRANSACT_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkpoint's value in {@code sync} durability: held back until the session stores that cover it are msynced,
 * so that what a power cut leaves on disk never names a record beyond the sessions' last reports made.
 */
@Timeout(60)
class ReportCheckpointTest
{
    @TempDir
    Path directory;

    @Test
    void shouldWriteAStagedValueOnlyWhenCommitted()
    {
        try (ReportCheckpoint checkpoint = ReportCheckpoint.open(directory);
            ReportCheckpoint disk = ReportCheckpoint.open(directory))
        {
            checkpoint.recordSequence(10, 12);
            checkpoint.stage(20, 25);
            checkpoint.stage(30, 33);
            assertThat(checkpoint.hasStaged()).isTrue();
            assertThat(disk.recordSequence()).as("the mapped file, as the kernel may write it back").isEqualTo(10);
            assertThat(disk.lastEventSequence()).isEqualTo(12);

            checkpoint.commitStaged();
            assertThat(checkpoint.hasStaged()).isFalse();
            assertThat(disk.recordSequence()).as("the last value staged").isEqualTo(30);
            assertThat(disk.lastEventSequence()).isEqualTo(33);

            checkpoint.recordSequence(40, 44);
            checkpoint.commitStaged();
            assertThat(disk.recordSequence()).as("nothing staged: nothing written").isEqualTo(40);
        }
    }

    /** The gateway stages it after each journal poll and writes it after each round of session msyncs. */
    @Test
    void shouldStillFollowTheJournalInSyncDurability() throws Exception
    {
        try (TestExchange exchange = TestExchange.start(directory, Map.of("journal.durability", "sync")))
        {
            final long before;
            try (ReportCheckpoint checkpoint = ReportCheckpoint.open(directory.resolve("sessions")))
            {
                before = checkpoint.recordSequence();
                try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
                {
                    for (int i = 0; i < 3; i++)
                    {
                        client.send(MsgTypes.NEW_ORDER_SINGLE, "11=c" + i + "|55=AAPL|54=1|38=10|40=2|44=189.00" +
                            TRANSACT_TIME);
                        assertThat(client.await("8").get(39)).isEqualTo("0");
                    }
                }
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (checkpoint.recordSequence() < before + 3 && System.nanoTime() < deadline)
                {
                    LockSupport.parkNanos(1_000_000);
                }
                assertThat(checkpoint.recordSequence()).as("past the three orders' records").isGreaterThanOrEqualTo(before + 3);
            }
        }
    }
}

package dev.tessera.gateway;

import dev.tessera.fix.MsgTypes;
import dev.tessera.journal.SnapshotDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.tessera.gateway.RawFixClient.TRANSACT_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot write a crash cut off leaves a temp file. The exchange's start deletes it before recovery and says so
 * once (QA 93 N6: recovery skipped it with a WARNING, the snapshotter's own load warned again, then it was deleted).
 */
@Timeout(60)
class LeftoverSnapshotTempFileTest
{
    @TempDir
    Path directory;

    @Test
    void shouldDeleteALeftoverTempFileBeforeRecoveryAndSayItOnce() throws Exception
    {
        final Map<String, String> settings = Map.of("journal.snapshotIntervalRecords", "1",
            "gateway.cancelOnDisconnect", "false");
        try (TestExchange exchange = TestExchange.start(directory, settings))
        {
            try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
            {
                client.send(MsgTypes.NEW_ORDER_SINGLE, "11=a|55=AAPL|54=1|38=5|40=2|44=189.00|59=1" + TRANSACT_TIME);
                assertThat(client.await("8").get(150)).isEqualTo("0");
            }
        }
        final Path temp = directory.resolve("snapshots").resolve(SnapshotDirectory.fileName(99) + ".tmp");
        Files.writeString(temp, "a snapshot write cut off by a crash");

        try (TestExchange again = TestExchange.start(directory, settings))
        {
            assertThat(temp).doesNotExist();
            assertThat(again.log).filteredOn(line -> line.contains(temp.getFileName().toString()))
                .singleElement().asString().contains("snapshot: deleted", "left by a snapshot write that did not finish");
        }
    }
}

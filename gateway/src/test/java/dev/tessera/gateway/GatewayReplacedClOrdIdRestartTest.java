package dev.tessera.gateway;

import dev.tessera.fix.MsgTypes;
import dev.tessera.journal.SnapshotDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.tessera.gateway.RawFixClient.TRANSACT_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that names a live order by the ClOrdID its last replace replaced (sent before the client read that
 * replace's report, or resent after a crash) reaches the order after a restart too. The restart starts the gateway's
 * projection from a snapshot taken after the replaces, which holds each order's ClOrdID alone: the gateway learns the
 * replaced ones from its scan of the journal before the snapshot. Before, such a request was an unknown order after
 * every restart.
 */
@Timeout(120)
class GatewayReplacedClOrdIdRestartTest
{
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    @Test
    void shouldFindAnOrderByTheClOrdIdItsLastReplaceReplacedAfterARestartFromASnapshot() throws Exception
    {
        // A window of 1 event, so the restart starts from a snapshot after every replace; no cancel on disconnect.
        final Map<String, String> settings = Map.of("gateway.doneOrders", "1", "gateway.cancelOnDisconnect", "false",
            "journal.snapshotIntervalRecords", "1", "journal.snapshotsToKeep", "20");
        try (TestExchange exchange = TestExchange.start(directory, settings))
        {
            final String once;
            final String twice;
            try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
            {
                once = rests(client, "T6", "189.00");                                      // record 1
                replaced(client, "T8", "T6", "189.01");                                    // record 2
                twice = rests(client, "R6", "188.00");                                     // record 3
                replaced(client, "R8", "R6", "188.01");                                    // record 4
                replaced(client, "R9", "R8", "188.02");                                    // record 5
                rests(client, "X1", "187.00");                                             // record 6
                rests(client, "X2", "186.00");                                             // record 7
            }
            // The snapshotter writes on its own thread: the restart must find the one of record 6.
            final Path afterTheReplaces = directory.resolve("snapshots").resolve(SnapshotDirectory.fileName(6));
            final long deadlineNs = System.nanoTime() + WAIT.toNanos();
            while (!Files.exists(afterTheReplaces))
            {
                assertThat(System.nanoTime()).as("%s written", afterTheReplaces).isLessThan(deadlineNs);
                Thread.sleep(5);
            }

            exchange.restart();

            assertThat(exchange.log).anySatisfy(line -> assertThat(line).startsWith("gateway: ")
                .contains("journal records read").contains("from snapshot " + SnapshotDirectory.fileName(6)));
            exchange.awaitLog("orders accepted or rejected before snapshot", 1, WAIT);
            try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
            {
                client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=T6|55=AAPL|54=1");
                final RawFixClient.Msg status = client.await(msg -> "I".equals(msg.get(150)), WAIT);
                assertThat(status.get(37)).as("%s", status).isEqualTo(once);
                assertThat(status.get(11)).isEqualTo("T8");

                client.send(MsgTypes.ORDER_CANCEL_REQUEST, "11=T10|41=T6|55=AAPL|54=1" + TRANSACT_TIME);
                final RawFixClient.Msg cancelled = client.await(msg -> "T10".equals(msg.get(11)), WAIT);
                assertThat(cancelled.type()).as("%s", cancelled).isEqualTo("8");
                assertThat(cancelled.get(150)).isEqualTo("4");
                assertThat(cancelled.get(37)).isEqualTo(once);
                assertThat(cancelled.get(41)).isEqualTo("T8");

                // Only the last replace's: R6, which R8 replaced before R9 replaced R8, names nothing, as without
                // the restart.
                client.send(MsgTypes.ORDER_CANCEL_REQUEST, "11=R10|41=R6|55=AAPL|54=1" + TRANSACT_TIME);
                final RawFixClient.Msg unknown = client.await(msg -> "R10".equals(msg.get(11)), WAIT);
                assertThat(unknown.type()).as("%s", unknown).isEqualTo("9");
                assertThat(unknown.get(102)).isEqualTo("1");
                client.send(MsgTypes.ORDER_CANCEL_REQUEST, "11=R11|41=R8|55=AAPL|54=1" + TRANSACT_TIME);
                final RawFixClient.Msg byPrevious = client.await(msg -> "R11".equals(msg.get(11)), WAIT);
                assertThat(byPrevious.type()).as("%s", byPrevious).isEqualTo("8");
                assertThat(byPrevious.get(150)).isEqualTo("4");
                assertThat(byPrevious.get(37)).isEqualTo(twice);
                assertThat(byPrevious.get(41)).isEqualTo("R9");
            }
        }
    }

    /** A GTC buy of 5 AAPL, acknowledged. @return its OrderID. */
    private static String rests(final RawFixClient client, final String clOrdId, final String price) throws Exception
    {
        client.send(MsgTypes.NEW_ORDER_SINGLE,
            "11=" + clOrdId + "|55=AAPL|54=1|38=5|40=2|44=" + price + "|59=1" + TRANSACT_TIME);
        final RawFixClient.Msg accepted = client.await(msg -> clOrdId.equals(msg.get(11)), WAIT);
        assertThat(accepted.get(150)).as("%s", accepted).isEqualTo("0");
        return accepted.get(37);
    }

    private static void replaced(final RawFixClient client, final String clOrdId, final String origClOrdId,
        final String price) throws Exception
    {
        client.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=" + clOrdId + "|41=" + origClOrdId +
            "|55=AAPL|54=1|38=5|40=2|44=" + price + "|59=1" + TRANSACT_TIME);
        final RawFixClient.Msg report = client.await(msg -> clOrdId.equals(msg.get(11)), WAIT);
        assertThat(report.get(150)).as("%s", report).isEqualTo("5");
    }
}

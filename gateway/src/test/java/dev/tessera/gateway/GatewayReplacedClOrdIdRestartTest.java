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
 * every restart. And every ClOrdID a live order went by stays its own across a restart.
 */
@Timeout(120)
class GatewayReplacedClOrdIdRestartTest
{
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** A window of 1 event, so the restart starts from a snapshot after every replace; no cancel on disconnect. */
    private static final Map<String, String> SETTINGS = Map.of("gateway.doneOrders", "1",
        "gateway.cancelOnDisconnect", "false", "journal.snapshotIntervalRecords", "1", "journal.snapshotsToKeep", "20");

    @TempDir
    Path directory;

    @Test
    void shouldFindAnOrderByTheClOrdIdItsLastReplaceReplacedAfterARestartFromASnapshot() throws Exception
    {
        try (TestExchange exchange = TestExchange.start(directory, SETTINGS))
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
            restartFromSnapshotOfRecord6(exchange);
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

    /**
     * Every ClOrdID a live order went by before a restart from a snapshot (which holds each order's current ClOrdID
     * alone) is still its own once the gateway has read the journal before the snapshot: a cancel or replace back to
     * one gets 102=6, a NewOrderSingle under one OrdRejReason 6, also after a replace the restarted gateway read itself
     * (the ClOrdIDs the scan finds are older than that one's); once the order is done they are free again.
     */
    @Test
    void shouldRefuseEveryClOrdIdALiveOrderWentByAfterARestartFromASnapshot() throws Exception
    {
        try (TestExchange exchange = TestExchange.start(directory, SETTINGS))
        {
            final String orderId;
            try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
            {
                orderId = rests(client, "W1", "189.00");                                   // record 1
                replaced(client, "W2", "W1", "189.01");                                    // record 2
                replaced(client, "W3", "W2", "189.02");                                    // record 3
                replaced(client, "W4", "W3", "189.03");                                    // record 4
                rests(client, "X1", "187.00");                                             // record 5
                rests(client, "X2", "186.00");                                             // record 6
                rests(client, "X3", "185.00");                                             // record 7
            }
            restartFromSnapshotOfRecord6(exchange);
            try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
            {
                duplicateReplace(client, "W4", "W1", orderId);
                duplicateReplace(client, "W4", "W2", orderId);
                replaced(client, "W5", "W4", "189.05");
                duplicateReplace(client, "W5", "W1", orderId);
                duplicateReplace(client, "W5", "W4", orderId);

                client.send(MsgTypes.NEW_ORDER_SINGLE, "11=W2|55=AAPL|54=1|38=5|40=2|44=180.00|59=1" + TRANSACT_TIME);
                final RawFixClient.Msg refused = client.await(msg -> "W2".equals(msg.get(11)), WAIT);
                assertThat(refused.get(150)).as("%s", refused).isEqualTo("8");
                assertThat(refused.get(103)).isEqualTo("6");

                client.send(MsgTypes.ORDER_CANCEL_REQUEST, "11=W6|41=W5|55=AAPL|54=1" + TRANSACT_TIME);
                assertThat(client.await(msg -> "W6".equals(msg.get(11)), WAIT).get(150)).isEqualTo("4");
                rests(client, "W1", "180.00");
            }
        }
    }

    /**
     * Restarts once the snapshot of record 6 (after the replaces) is written, on the snapshotter's own thread, and
     * waits until the gateway has read the journal before it.
     */
    private static void restartFromSnapshotOfRecord6(final TestExchange exchange) throws Exception
    {
        final Path afterTheReplaces = exchange.directory.resolve("snapshots").resolve(SnapshotDirectory.fileName(6));
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
    }

    private static void duplicateReplace(final RawFixClient client, final String origClOrdId, final String clOrdId,
        final String orderId) throws Exception
    {
        client.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=" + clOrdId + "|41=" + origClOrdId +
            "|55=AAPL|54=1|38=5|40=2|44=190.00|59=1" + TRANSACT_TIME);
        final RawFixClient.Msg reject = client.await(msg -> clOrdId.equals(msg.get(11)), WAIT);
        assertThat(reject.type()).as("%s", reject).isEqualTo("9");
        assertThat(reject.get(102)).as("duplicate ClOrdID").isEqualTo("6");
        assertThat(reject.get(37)).isEqualTo(orderId);
        assertThat(reject.get(41)).isEqualTo(origClOrdId);
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

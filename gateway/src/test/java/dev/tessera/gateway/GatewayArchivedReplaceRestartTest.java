package dev.tessera.gateway;

import dev.tessera.config.ExchangeConfig;
import dev.tessera.fix.MsgTypes;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalArchiver;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.tessera.gateway.RawFixClient.TRANSACT_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live order replaced in journal cycles that {@code journal archive} moved away stays reachable by its current
 * ClOrdID after a restart, with real journal, snapshot and archive files: the gateway's projection starts from a kept
 * snapshot, which holds every live order under the ClOrdID it goes by (its last replace's), and its status, replace
 * and cancel by that ClOrdID work, across a second restart too; and a replace made after the archive is known by the
 * ClOrdID it replaced after that second restart (read from the journal before its snapshot). {@code trading.dayEnd =
 * none}: the archive moves every cycle before the oldest kept snapshot's, whatever the record times.
 */
@Timeout(120)
class GatewayArchivedReplaceRestartTest
{
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long CYCLE_MILLIS = TimeUnit.MINUTES.toMillis(5);
    private static final String ORDER = "|55=AAPL|54=1|38=10|40=2|59=1";

    @TempDir
    Path directory;

    private final SetTimeProvider journalTime = new SetTimeProvider(Instant.parse("2026-03-02T09:00:00Z"));

    @Test
    void shouldReachAnOrderReplacedInArchivedCyclesByItsCurrentClOrdIdAfterRestarts() throws Exception
    {
        try (TestExchange exchange = new TestExchange(directory, Map.of("journal.rollCycle", "FIVE_MINUTELY",
            "gateway.cancelOnDisconnect", "false", "trading.dayEnd", "none")).journalTime(journalTime))
        {
            exchange.restart();
            final String orderId;
            try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
            {
                client.send(MsgTypes.NEW_ORDER_SINGLE, "11=A1" + ORDER + "|44=189.00" + TRANSACT_TIME);   // record 1
                orderId = client.awaitReport("A1", "0").get(37);
                replaced(client, "A2", "A1", "189.01");                                                    // record 2
                replaced(client, "A3", "A2", "189.02");                                                    // record 3
                journalTime.advanceMillis(CYCLE_MILLIS);
                client.send(MsgTypes.NEW_ORDER_SINGLE, "11=B1" + ORDER + "|44=180.00" + TRANSACT_TIME);   // record 4
                client.awaitReport("B1", "0");
            }
            exchange.stop(); // its final snapshot covers record 4, in the second cycle
            archiveTheFirstCycle(exchange);

            journalTime.advanceMillis(CYCLE_MILLIS);
            exchange.restart();
            assertThat(exchange.log).anySatisfy(line -> assertThat(line)
                .startsWith("gateway: the journal starts at record 4 (archived): starting from snapshot"));
            try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
            {
                assertStatus(client, "A3", orderId, "A3", "189.02");
                replaced(client, "A4", "A3", "189.03");                                                    // record 5
            }
            exchange.stop();
            exchange.restart();
            try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
            {
                assertStatus(client, "A4", orderId, "A4", "189.03");
                assertStatus(client, "A3", orderId, "A4", "189.03"); // the ClOrdID the last replace replaced
                client.send(MsgTypes.ORDER_CANCEL_REQUEST, "11=C1|41=A4|55=AAPL|54=1" + TRANSACT_TIME);
                final RawFixClient.Msg cancelled = client.await(msg -> "C1".equals(msg.get(11)), WAIT);
                assertThat(cancelled.get(150)).as("%s", cancelled).isEqualTo("4");
                assertThat(cancelled.get(37)).isEqualTo(orderId);
                assertThat(cancelled.get(41)).isEqualTo("A4");
            }
        }
    }

    private static void replaced(final RawFixClient client, final String clOrdId, final String origClOrdId,
        final String price) throws Exception
    {
        client.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=" + clOrdId + "|41=" + origClOrdId + ORDER + "|44=" +
            price + TRANSACT_TIME);
        final RawFixClient.Msg report = client.await(msg -> clOrdId.equals(msg.get(11)), WAIT);
        assertThat(report.get(150)).as("%s", report).isEqualTo("5");
    }

    /** A status request by {@code byClOrdId} answers the live order {@code orderId} under {@code clOrdId}. */
    private static void assertStatus(final RawFixClient client, final String byClOrdId, final String orderId,
        final String clOrdId, final String price) throws Exception
    {
        client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=" + byClOrdId + "|55=AAPL|54=1");
        final RawFixClient.Msg status = client.await(msg -> "I".equals(msg.get(150)), WAIT);
        assertThat(status.get(39)).as("live, by %s: %s", byClOrdId, status).isEqualTo("0");
        assertThat(status.get(37)).isEqualTo(orderId);
        assertThat(status.get(11)).isEqualTo(clOrdId);
        assertThat(status.get(44)).isEqualTo(price);
    }

    /** Archives the stopped exchange's first journal cycle, which holds the order and both its replaces. */
    private void archiveTheFirstCycle(final TestExchange exchange)
    {
        final ExchangeConfig config = exchange.config(0);
        try (Journal journal = Journal.open(config.journal(), journalTime))
        {
            final List<String> archiveLog = new ArrayList<>();
            assertThat(JournalArchiver.archive(journal, config.journal(), config.instruments(), config.trading(),
                archiveLog::add)).as("%s", archiveLog).hasSize(1);
            assertThat(journal.firstRecordSequence()).isEqualTo(4);
        }
    }
}

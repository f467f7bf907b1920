package dev.tessera.gateway;

import dev.tessera.fix.MsgTypes;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalGenerations;
import dev.tessera.journal.JournalRepair;
import dev.tessera.journal.tools.ProgressBar;
import dev.tessera.projection.ProjectionHost;
import dev.tessera.projection.ProjectionTable;
import dev.tessera.projection.TradeTape;
import dev.tessera.server.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.tessera.gateway.RawFixClient.TRANSACT_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code project trades} gives each side of a trade the ClOrdID(11) and ExecID(17) of the fill report its client had
 * (QA 134 O2): a back office matches the tape to the reports as they are, also in the journal generation a
 * {@code journal repair} began, whose ExecIDs carry it.
 */
@Timeout(60)
class TradeTapeExecIdTest
{
    @TempDir
    Path directory;

    @Test
    void shouldGiveEachSideOfATradeTheClOrdIdAndExecIdOfItsFillReportBeforeAndAfterARepairsCut() throws Exception
    {
        final Map<String, String> clOrdIdByExecId = new HashMap<>();
        try (TestExchange exchange = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            try (RawFixClient seller = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret");
                RawFixClient buyer = RawFixClient.loggedOn(exchange.port(), "CLIENT2", "client2-secret"))
            {
                seller.send(MsgTypes.NEW_ORDER_SINGLE, order("s-1", "2", 25, "189.00"));               // record 1
                seller.awaitReport("s-1", "0");
                // The maker's ClOrdID at the trade is the replace's.
                seller.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "41=s-1|" + order("s-2", "2", 20, "189.00")); // 2
                seller.awaitReport("s-2", "5");
                buyer.send(MsgTypes.NEW_ORDER_SINGLE, order("b-1", "1", 10, "189.00"));                // record 3
                buyer.send(MsgTypes.NEW_ORDER_SINGLE, order("b-2", "1", 5, "189.00"));                 // record 4
                awaitFills(buyer, 2, clOrdIdByExecId);
                awaitFills(seller, 2, clOrdIdByExecId);
                seller.send(MsgTypes.NEW_ORDER_SINGLE, order("x", "2", 10, "195.00"));                 // record 5, cut
                seller.awaitReport("x", "0");
                exchange.stop();
            }

            JournalFixture.flipAByteInRecord(directory.resolve("journal"), 5);
            final JournalRepair.Outcome outcome =
                JournalRepair.truncateAtFirstCorruption(exchange.config(0).journal(), line -> { });
            assertThat(outcome.lastGood().recordSequence()).as("x's record is cut").isEqualTo(4);

            exchange.restart();
            try (RawFixClient seller = new RawFixClient(exchange.port(), "CLIENT1");
                RawFixClient buyer = new RawFixClient(exchange.port(), "CLIENT2"))
            {
                seller.nextSeqNum(5);
                seller.logon("client1-secret", false);
                seller.await("A");
                // x is not in the journal, and the gateway asks for it again: skipped, with the Logon.
                assertThat(seller.await("2").get(7)).isEqualTo("4");
                seller.sendWithSeq(MsgTypes.SEQUENCE_RESET, 4, "43=Y|123=Y|36=6");
                buyer.nextSeqNum(4);
                buyer.logon("client2-secret", false);
                buyer.await("A");

                seller.send(MsgTypes.NEW_ORDER_SINGLE, order("s-3", "2", 10, "189.00"));              // record 5 again
                seller.awaitReport("s-3", "0");
                // Takes s-2's last 5, then 5 of s-3: two trades of one record, in generation 1.
                buyer.send(MsgTypes.NEW_ORDER_SINGLE, order("b-3", "1", 10, "189.00"));               // record 6
                awaitFills(buyer, 2, clOrdIdByExecId);
                awaitFills(seller, 2, clOrdIdByExecId);
            }
        }

        final List<String> csv = tradesCsv();
        assertThat(csv.get(0)).endsWith(",event,maker_client_order,taker_client_order,maker_exec_id,taker_exec_id");
        final Map<String, String> fromTape = new HashMap<>();
        for (final String row : csv.subList(1, csv.size()))
        {
            final String[] cells = row.split(",");
            fromTape.put(cells[12], cells[10]);
            fromTape.put(cells[13], cells[11]);
        }
        assertThat(csv).hasSize(1 + 4);
        assertThat(clOrdIdByExecId).as("every fill report, both sides of 4 trades").hasSize(8);
        assertThat(fromTape).isEqualTo(clOrdIdByExecId);
        assertThat(fromTape.keySet()).filteredOn(execId -> execId.startsWith("1-")).as("the trades after the cut")
            .hasSize(4);
    }

    /** Waits for the client's next {@code count} fill reports (not resent ones) and keeps their ExecIDs and ClOrdIDs. */
    private static void awaitFills(final RawFixClient client, final int count, final Map<String, String> clOrdIdByExecId)
        throws IOException
    {
        for (int i = 0; i < count; i++)
        {
            final RawFixClient.Msg fill = client.await(msg -> "8".equals(msg.type()) && "F".equals(msg.get(150)) &&
                msg.get(43) == null, Duration.ofSeconds(10));
            assertThat(clOrdIdByExecId.put(fill.get(17), fill.get(11))).as("ExecID %s is unique", fill.get(17)).isNull();
        }
    }

    /** What {@code project trades --csv} writes for this journal. */
    private List<String> tradesCsv()
    {
        final Path journalDirectory = directory.resolve("journal");
        try (Journal journal = Journal.openReadOnly(journalDirectory))
        {
            final TradeTape tape = ProjectionHost.rebuild(journal, new TradeTape(), ProgressBar.NONE);
            final StringWriter csv = new StringWriter();
            ProjectionTable.trades(tape.prints(), id -> Optional.empty(), JournalGenerations.read(journalDirectory))
                .writeCsv(new PrintWriter(csv, true));
            return csv.toString().lines().toList();
        }
    }

    private static String order(final String clOrdId, final String side, final int quantity, final String price)
    {
        return "11=" + clOrdId + "|55=AAPL|54=" + side + "|38=" + quantity + "|40=2|44=" + price + TRANSACT_TIME;
    }
}

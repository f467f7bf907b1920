package dev.tessera.gateway;

import dev.tessera.fix.MsgTypes;
import dev.tessera.journal.JournalGenerations;
import dev.tessera.journal.JournalRepair;
import dev.tessera.server.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.tessera.gateway.RawFixClient.TRANSACT_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * FIX clients de-duplicate execution reports by ExecID(17). After {@code journal repair} cuts records a client had
 * reports of, the events journaled next take the cut events' sequences: their reports must still carry ExecIDs the
 * client never saw (else it drops them as duplicates), and a resend of any report, before or after the cut, must
 * carry the ExecID it was first sent with.
 */
@Timeout(60)
class RepairedJournalExecIdTest
{
    private static final String POSS_DUP = "43=Y|122=20260101-08:00:00.000|";

    @TempDir
    Path directory;

    @Test
    void shouldGiveTheReportsOfEventsAfterARepairsCutExecIdsNoClientHadAndResendThemUnchanged() throws Exception
    {
        final RawFixClient.Msg ackA;
        final RawFixClient.Msg cutAckB;
        try (TestExchange exchange = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
            {
                client.send(MsgTypes.NEW_ORDER_SINGLE, order("a", "189.00"));
                ackA = awaitReport(client, "a");
                client.send(MsgTypes.NEW_ORDER_SINGLE, order("b", "188.00"));
                cutAckB = awaitReport(client, "b");
                exchange.stop();
            }

            JournalFixture.flipAByteInRecord(directory.resolve("journal"), 2);
            final List<String> repairLog = new ArrayList<>();
            final JournalRepair.Outcome outcome =
                JournalRepair.truncateAtFirstCorruption(exchange.config(0).journal(), repairLog::add);
            assertThat(outcome.lastGood().recordSequence()).as("b's record is cut").isEqualTo(1);
            assertThat(repairLog).anyMatch(line -> line.contains("journal generation 1"));
            assertThat(JournalGenerations.read(directory.resolve("journal")).generationOf(2)).isEqualTo(1);

            exchange.restart();
            assertThat(exchange.log).as("the repair began the generation; the start adds none")
                .noneMatch(line -> line.contains("of journal generation"));
            try (RawFixClient client = new RawFixClient(exchange.port(), "CLIENT1"))
            {
                client.nextSeqNum(4);
                client.logon("client1-secret", false);
                client.await("A");
                // b's command is not in the journal: asked for again, and entered as event 2 once more.
                assertThat(client.await("2").get(7)).isEqualTo("3");
                client.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, 3, POSS_DUP + order("b", "188.00"));
                client.sendWithSeq(MsgTypes.SEQUENCE_RESET, 4, "43=Y|123=Y|36=5"); // the Logon
                final RawFixClient.Msg ackB = awaitReport(client, "b");
                assertThat(ackB.get(150)).isEqualTo("0");
                assertThat(ackB.get(17)).as("not the ExecID of the cut report of the same event sequence")
                    .isNotEqualTo(cutAckB.get(17))
                    .isEqualTo("1-" + cutAckB.get(17));

                client.nextSeqNum(5);
                client.send(MsgTypes.RESEND_REQUEST, "7=" + ackA.seq() + "|16=" + ackA.seq());
                final RawFixClient.Msg resentA = client.await(msg -> "8".equals(msg.type()) &&
                    "Y".equals(msg.get(43)) && msg.seq() == ackA.seq(), Duration.ofSeconds(10));
                assertThat(resentA.get(17)).as("a report from before the cut keeps its ExecID").isEqualTo(ackA.get(17));

                client.send(MsgTypes.RESEND_REQUEST, "7=" + ackB.seq() + "|16=" + ackB.seq());
                final RawFixClient.Msg resentB = client.await(msg -> "8".equals(msg.type()) &&
                    "Y".equals(msg.get(43)) && msg.seq() == ackB.seq(), Duration.ofSeconds(10));
                assertThat(resentB.get(17)).as("regenerated from the journal: the ExecID first sent")
                    .isEqualTo(ackB.get(17));
            }

            exchange.restart();
            try (RawFixClient client = new RawFixClient(exchange.port(), "CLIENT1"))
            {
                client.nextSeqNum(7);
                client.logon("client1-secret", false);
                client.await("A");
                client.send(MsgTypes.NEW_ORDER_SINGLE, order("c", "187.00"));
                assertThat(awaitReport(client, "c").get(17)).as("the generation holds across a restart")
                    .startsWith("1-");
            }
        }
    }

    private static RawFixClient.Msg awaitReport(final RawFixClient client, final String clOrdId) throws IOException
    {
        return client.await(msg -> "8".equals(msg.type()) && clOrdId.equals(msg.get(11)) && msg.get(43) == null,
            Duration.ofSeconds(10));
    }

    private static String order(final String clOrdId, final String price)
    {
        return "11=" + clOrdId + "|55=AAPL|54=1|38=10|40=2|44=" + price + TRANSACT_TIME;
    }
}

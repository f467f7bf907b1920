package dev.tessera.gateway;

import dev.tessera.fix.MsgTypes;
import dev.tessera.journal.JournalCorruptionException;
import dev.tessera.server.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import static dev.tessera.gateway.RawFixClient.TRANSACT_TIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A restart over a journal that ends before events the sessions had reports of: what {@code journal repair}
 * leaves when it cuts a journal at a corruption, and what a power cut in {@code process} durability can leave.
 * The cut is made by putting back a copy of the journal taken at an earlier stop: the same files a repair
 * keeps (a prefix of the records), with the sessions' state files from after it. No repair cut it, and the sessions
 * saw the lost records at their clean stop, so the start is refused first; with journal.identity moved aside, as the
 * refusal says, it starts as after a power cut (whose start wrote no identity beyond the records it kept).
 */
@Timeout(60)
class JournalCutRestartTest
{
    private static final String POSS_DUP = "43=Y|122=20260101-08:00:00.000|";

    @TempDir
    Path directory;

    /**
     * QA 125 F3: a full disk left the journal's last record unframed (a page never backed); the start read that as a
     * journal ending at record 0, refused it as one missing records 1 to 1 (exit 2) and advised moving journal.identity
     * aside. It is the damage recovery names, with its record and `--repair`.
     */
    @Test
    void shouldRefuseADamagedLastRecordAsCorruptNotAsMissingRecords() throws Exception
    {
        try (TestExchange exchange = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false"));
            RawFixClient client1 = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            client1.send(MsgTypes.NEW_ORDER_SINGLE, order("a", "1", "189.00"));
            assertThat(client1.await("8").get(11)).isEqualTo("a");
            client1.send(MsgTypes.NEW_ORDER_SINGLE, order("b", "1", "188.00"));
            assertThat(client1.await(msg -> "b".equals(msg.get(11)), Duration.ofSeconds(10)).get(150))
                .isEqualTo("0");
            exchange.stop(); // a clean stop: journal.identity names the last record
        }
        JournalFixture.zeroRecordHeader(directory.resolve("journal"), 2);

        assertThatThrownBy(() -> TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false")))
            .isInstanceOf(JournalCorruptionException.class)
            .hasMessageContaining("record 2");
    }

    @Test
    void shouldReportTheEventsAfterTheCutAndGapFillTheReportsOfEventsTheJournalNoLongerHolds() throws Exception
    {
        final Path journal = directory.resolve("journal");
        final Path journalAtFirstStop = directory.resolve("journal-at-first-stop");
        final int[] oldAcks;
        final String[] oldExecIds;
        try (TestExchange exchange = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            try (RawFixClient client1 = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret");
                RawFixClient client2 = RawFixClient.loggedOn(exchange.port(), "CLIENT2", "client2-secret"))
            {
                client1.send(MsgTypes.NEW_ORDER_SINGLE, order("a", "1", "189.00"));
                assertThat(client1.await("8").get(11)).isEqualTo("a");
                client2.send(MsgTypes.NEW_ORDER_SINGLE, order("z", "2", "191.00"));
                assertThat(client2.await("8").get(11)).isEqualTo("z");
                exchange.stop();
            }
            copy(journal, journalAtFirstStop);

            exchange.restart();
            try (RawFixClient client1 = new RawFixClient(exchange.port(), "CLIENT1"))
            {
                client1.nextSeqNum(3);
                client1.logon("client1-secret", false);
                client1.await("A");
                client1.send(MsgTypes.NEW_ORDER_SINGLE, order("b", "1", "188.00"));
                final RawFixClient.Msg ackB = client1.await("8");
                assertThat(ackB.get(11)).isEqualTo("b");
                client1.send(MsgTypes.NEW_ORDER_SINGLE, order("c", "1", "187.00"));
                final RawFixClient.Msg ackC = client1.await("8");
                assertThat(ackC.seq()).isEqualTo(ackB.seq() + 1);
                oldAcks = new int[] {ackB.seq(), ackC.seq()};
                oldExecIds = new String[] {ackB.get(17), ackC.get(17)};
                exchange.stop();
            }

            // The cut: the journal as it was at the first stop; the acks of b and c (events 3 and 4) are gone.
            delete(journal);
            copy(journalAtFirstStop, journal);
            assertThatThrownBy(exchange::restart).isInstanceOf(MissingJournalRecordsException.class)
                .hasMessageContaining("ends at record 2, but the session state")
                .hasMessageContaining("records 3 to 4 at least are missing");
            Files.move(directory.resolve("sessions").resolve(JournalIdentity.FILE_NAME),
                directory.resolve("journal.identity.aside"));
            exchange.restart();

            assertThat(exchange.log).anyMatch(line -> line.contains("session CLIENT1: WARNING reports were made of " +
                "events 3 to 4, which the journal (ending at event 2) no longer holds") &&
                line.contains("2 sent message(s) carried them"));
            assertThat(exchange.log).noneMatch(line -> line.contains("session CLIENT2: WARNING"));
            assertThat(exchange.log).contains("gateway: the records from record 3 on are of journal generation 1 " +
                "(generations.txt): the ExecIDs of their reports carry it, so they repeat none a client had for an " +
                "event the journal lost");
            try (RawFixClient client1 = new RawFixClient(exchange.port(), "CLIENT1"))
            {
                client1.nextSeqNum(6);
                client1.logon("client1-secret", false);
                client1.await("A");
                // b and c were read, and their commands are not in this journal: asked for again, and entered.
                final RawFixClient.Msg resendRequest = client1.await("2");
                assertThat(resendRequest.get(7)).isEqualTo("4");
                client1.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, 4, POSS_DUP + order("b", "1", "188.00"));
                client1.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, 5, POSS_DUP + order("c", "1", "187.00"));
                client1.sendWithSeq(MsgTypes.SEQUENCE_RESET, 6, "43=Y|123=Y|36=7"); // the Logon
                final RawFixClient.Msg newAckB = awaitReport(client1, "b");
                final RawFixClient.Msg newAckC = awaitReport(client1, "c");
                assertThat(newAckB.get(150)).as("events 3 and 4 again, now b's and c's acks").isEqualTo("0");
                assertThat(newAckC.get(150)).isEqualTo("0");
                // Events 3 and 4 once more: a client de-duplicating by ExecID must not take them for the lost ones.
                assertThat(newAckB.get(17)).isEqualTo("1-" + oldExecIds[0]);
                assertThat(newAckC.get(17)).isEqualTo("1-" + oldExecIds[1]);

                client1.nextSeqNum(7);
                client1.send(MsgTypes.NEW_ORDER_SINGLE, order("d", "1", "186.00"));
                final RawFixClient.Msg ackD = awaitReport(client1, "d");
                assertThat(ackD.get(150)).as("a new order after the cut is reported").isEqualTo("0");

                // The old acks of b and c: the events they were made of are not in the journal.
                client1.send(MsgTypes.RESEND_REQUEST, "7=" + oldAcks[0] + "|16=" + oldAcks[1]);
                final RawFixClient.Msg gapFill = client1.await("4");
                assertThat(gapFill.seq()).isEqualTo(oldAcks[0]);
                assertThat(gapFill.get(123)).isEqualTo("Y");
                assertThat(gapFill.get(36)).isEqualTo(Integer.toString(oldAcks[1] + 1));
                client1.drain(Duration.ofMillis(300));
                assertThat(client1.all()).as("no report regenerated under the old acks' MsgSeqNums from the events that now have those " +
                    "sequences").noneMatch(msg -> "8".equals(msg.type()) && "Y".equals(msg.get(43)));
            }

            exchange.restart();
            assertThat(exchange.log.stream().filter(line -> line.contains("WARNING reports were made of events")))
                .as("the session state was brought back within the journal once").hasSize(1);
            assertThat(exchange.log.stream().filter(line -> line.contains("of journal generation")))
                .as("one generation for the one lost tail").hasSize(1);
        }
    }

    private static RawFixClient.Msg awaitReport(final RawFixClient client, final String clOrdId) throws IOException
    {
        return client.await(msg -> "8".equals(msg.type()) && clOrdId.equals(msg.get(11)), Duration.ofSeconds(10));
    }

    private static String order(final String clOrdId, final String side, final String price)
    {
        return "11=" + clOrdId + "|55=AAPL|54=" + side + "|38=10|40=2|44=" + price + TRANSACT_TIME;
    }

    private static void copy(final Path from, final Path to) throws IOException
    {
        try (Stream<Path> files = Files.walk(from))
        {
            for (final Path file : files.toList())
            {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    private static void delete(final Path tree) throws IOException
    {
        try (Stream<Path> files = Files.walk(tree))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(file);
            }
        }
    }
}

package dev.tessera.gateway;

import dev.tessera.fix.MsgTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.tessera.gateway.RawFixClient.TRANSACT_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * FIX guaranteed delivery across a crash: messages the gateway read (so their MsgSeqNums were used up) whose
 * commands a {@code kill -9} lost with the ring, before the journal had them, are asked for again at the next
 * logon, and the client's resend enters them. The crash is simulated by writing the session state a crashed
 * server leaves: the expected MsgSeqNum past messages whose commands are beyond the journal's last.
 */
@Timeout(60)
class LostInboundRestartTest
{
    private static final String POSS_DUP = "43=Y|122=20261122-08:00:00.000|";
    /** A power cut is what sync durability is for; orders stay live across the restart. */
    private static final Map<String, String> SYNC_KEEPING_ORDERS =
        Map.of("journal.durability", "sync", "gateway.cancelOnDisconnect", "false");
    private static final String REPLACE_O1 = "11=r1|41=o1|55=AAPL|54=1|38=20|40=2|44=189.00" + TRANSACT_TIME;
    private static final String CANCEL_O2 = "11=c2|41=o2|55=AAPL|54=1" + TRANSACT_TIME;

    @TempDir
    Path directory;

    @Test
    void shouldAskAgainForMessagesWhoseCommandsTheJournalLacksAndEnterTheirResend() throws Exception
    {
        // Orders stay live across the restart, so that a resent journaled order is found live.
        try (TestExchange exchange = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            crashAndResend(exchange);
        }
    }

    /**
     * {@code sync} durability and a power cut: the journal and what the client was sent survive
     * ({@code SessionStore.syncBeforeSend}), but the inbound state may be older than the journal's commands: messages
     * whose commands were journaled and whose answers never went out. The client's resend of those (PossDupFlag=Y)
     * gets each order's status; neither a done order nor a live one is taken a second time. Simulated by taking the
     * expected MsgSeqNum back over two journaled orders, as a power cut that kept the header's older page would.
     */
    @Test
    void shouldAnswerAResentOrderTheJournalHasWithItsStatusNotASecondOrder() throws Exception
    {
        try (TestExchange exchange = TestExchange.start(directory, SYNC_KEEPING_ORDERS))
        {
            try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
            {
                client.send(MsgTypes.NEW_ORDER_SINGLE, order("done1") + "|59=3"); // IOC on an empty book: cancelled
                assertThat(client.await(msg -> "8".equals(msg.type()) && "4".equals(msg.get(39)),
                    Duration.ofSeconds(10)).get(11)).isEqualTo("done1");
                client.send(MsgTypes.NEW_ORDER_SINGLE, order("live1"));
                assertThat(client.await(msg -> "8".equals(msg.type()) && "live1".equals(msg.get(11)),
                    Duration.ofSeconds(10)).get(39)).isEqualTo("0");
                exchange.stop();
            }
            final int nextSender = forgetInboundFrom(2, 4); // 1 Logon, 2 done1, 3 live1

            exchange.restart();
            try (RawFixClient client = logOnAgain(exchange, 4, nextSender, 2))
            {
                client.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, 2, POSS_DUP + order("done1") + "|59=3");
                client.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, 3, POSS_DUP + order("live1"));
                client.sendWithSeq(MsgTypes.SEQUENCE_RESET, 4, "43=Y|123=Y|36=5"); // the Logon
                client.send(MsgTypes.NEW_ORDER_SINGLE, "97=Y|" + order("live1")); // PossResend, in sequence
                client.send(MsgTypes.TEST_REQUEST, "112=in-sync");

                final RawFixClient.Msg done1 = client.await(msg -> "8".equals(msg.type()) && "done1".equals(msg.get(11)),
                    Duration.ofSeconds(10));
                assertThat(done1.get(150)).as("a status, not a new order").isEqualTo("I");
                assertThat(done1.get(39)).as("the IOC's end: canceled").isEqualTo("4");
                for (int i = 0; i < 2; i++)
                {
                    final RawFixClient.Msg live1 = client.await(
                        msg -> "8".equals(msg.type()) && "live1".equals(msg.get(11)), Duration.ofSeconds(10));
                    assertThat(live1.get(150)).as("a status, not a duplicate-ClOrdID reject").isEqualTo("I");
                    assertThat(live1.get(39)).isEqualTo("0");
                    assertThat(live1.get(151)).isEqualTo("10");
                }
                assertThat(client.await("0").get(112)).isEqualTo("in-sync");
                client.drain(Duration.ofMillis(300));
                assertThat(client.all()).as("no order entered again: no other report on either ClOrdID")
                    .filteredOn(msg -> "8".equals(msg.type()) && msg.get(11) != null && !"I".equals(msg.get(150)))
                    .noneMatch(msg -> "done1".equals(msg.get(11)) || "live1".equals(msg.get(11)));
            }
        }
    }

    /**
     * The same for a mass cancel: its resend gets the report it had (what it cancelled then) and is not executed again,
     * which would also cancel the order the client entered after it.
     */
    @Test
    void shouldAnswerAResentMassCancelWithItsReportNotCancelAgain() throws Exception
    {
        final String massCancelId;
        try (TestExchange exchange = TestExchange.start(directory, SYNC_KEEPING_ORDERS))
        {
            try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
            {
                rests(client, "before1");
                rests(client, "before2");
                client.send(MsgTypes.ORDER_MASS_CANCEL_REQUEST, "11=mc1|530=7" + TRANSACT_TIME);
                final RawFixClient.Msg done = client.await("r");
                assertThat(done.get(533)).as("before1 and before2 cancelled").isEqualTo("2");
                massCancelId = done.get(37);
                assertThat(massCancelId).as("the id the exchange gave the request").matches("M[1-9][0-9]*");
                client.send(MsgTypes.NEW_ORDER_SINGLE, order("after1"));
                assertThat(client.await(msg -> "8".equals(msg.type()) && "after1".equals(msg.get(11)),
                    Duration.ofSeconds(10)).get(39)).isEqualTo("0");
                exchange.stop();
            }
            final int nextSender = forgetInboundFrom(4, 6); // 1 Logon, 2-3 before1-2, 4 mc1, 5 after1

            exchange.restart();
            try (RawFixClient client = logOnAgain(exchange, 6, nextSender, 4))
            {
                client.sendWithSeq(MsgTypes.ORDER_MASS_CANCEL_REQUEST, 4, POSS_DUP + "11=mc1|530=7" + TRANSACT_TIME);
                client.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, 5, POSS_DUP + order("after1"));
                client.sendWithSeq(MsgTypes.SEQUENCE_RESET, 6, "43=Y|123=Y|36=7"); // the Logon
                client.send(MsgTypes.TEST_REQUEST, "112=in-sync");

                final RawFixClient.Msg report = client.await("r");
                assertThat(report.get(11)).isEqualTo("mc1");
                assertThat(report.get(533)).as("what it cancelled then").isEqualTo("2");
                assertThat(report.get(37)).as("under the id it had").isEqualTo(massCancelId);
                final RawFixClient.Msg after1 = client.await(msg -> "8".equals(msg.type()) && "after1".equals(msg.get(11)),
                    Duration.ofSeconds(10));
                assertThat(after1.get(150)).isEqualTo("I");
                assertThat(after1.get(39)).as("still resting: not cancelled by the resent mass cancel").isEqualTo("0");
                assertThat(client.await("0").get(112)).isEqualTo("in-sync");
                client.drain(Duration.ofMillis(300));
                assertThat(client.all()).as("no cancel of after1").noneMatch(msg -> "8".equals(msg.type()) &&
                    "4".equals(msg.get(150)));
            }
        }
    }

    /**
     * The same for a cancel and a replace that were carried out: the resend of each gets the order's status under the
     * ClOrdID the request gave it. Entered again, the replace (which names the order by the ClOrdID it no longer has)
     * would be rejected as unknown and the cancel as too late, and the client would take either for its request's fate.
     */
    @Test
    void shouldAnswerAResentCancelAndReplaceThatWereCarriedOutWithTheOrdersStatus() throws Exception
    {
        try (TestExchange exchange = TestExchange.start(directory, SYNC_KEEPING_ORDERS))
        {
            try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
            {
                rests(client, "o1");
                rests(client, "o2");
                client.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, REPLACE_O1);
                assertThat(client.await("8").get(150)).as("replaced").isEqualTo("5");
                client.send(MsgTypes.ORDER_CANCEL_REQUEST, CANCEL_O2);
                assertThat(client.await("8").get(150)).as("canceled").isEqualTo("4");
                exchange.stop();
            }
            final int nextSender = forgetInboundFrom(4, 6); // 1 Logon, 2-3 o1-o2, 4 the replace, 5 the cancel

            exchange.restart();
            try (RawFixClient client = logOnAgain(exchange, 6, nextSender, 4))
            {
                client.sendWithSeq(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, 4, POSS_DUP + REPLACE_O1);
                client.sendWithSeq(MsgTypes.ORDER_CANCEL_REQUEST, 5, POSS_DUP + CANCEL_O2);
                client.sendWithSeq(MsgTypes.SEQUENCE_RESET, 6, "43=Y|123=Y|36=7"); // the Logon
                client.send(MsgTypes.TEST_REQUEST, "112=in-sync");

                final RawFixClient.Msg r1 = client.await(msg -> "8".equals(msg.type()) && "r1".equals(msg.get(11)),
                    Duration.ofSeconds(10));
                assertThat(r1.get(150)).as("a status, not a second replace").isEqualTo("I");
                assertThat(r1.get(39)).isEqualTo("0");
                assertThat(r1.get(38)).as("as replaced").isEqualTo("20");
                assertThat(r1.get(151)).isEqualTo("20");
                final RawFixClient.Msg c2 = client.await(msg -> "8".equals(msg.type()) && "c2".equals(msg.get(11)),
                    Duration.ofSeconds(10));
                assertThat(c2.get(150)).isEqualTo("I");
                assertThat(c2.get(39)).as("canceled by the cancel resent").isEqualTo("4");
                assertThat(client.await("0").get(112)).isEqualTo("in-sync");
                client.drain(Duration.ofMillis(300));
                assertThat(client.all()).as("no OrderCancelReject, no report but the two statuses")
                    .noneMatch(msg -> "9".equals(msg.type()) || "8".equals(msg.type()) && !"I".equals(msg.get(150)));
            }
        }
    }

    /**
     * The commands a crash lost are bounded by the ring they were lost with, which a restart with a smaller
     * {@code pipeline.ringSize} no longer is: the session file records it, and the rewind still asks for them all.
     */
    @Test
    void shouldAskAgainForEveryLostCommandAfterTheRingWasMadeSmaller() throws Exception
    {
        try (TestExchange exchange = TestExchange.start(directory,
            Map.of("pipeline.ringSize", "16", "gateway.cancelOnDisconnect", "false")))
        {
            try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
            {
                rests(client, "kept1");
                exchange.stop();
            }
        }
        // What a kill -9 leaves after twelve more orders were read: more than the next run's ring holds (8).
        try (SessionStore store = SessionStore.open(directory.resolve("sessions"), "CLIENT1"))
        {
            assertThat(store.ringCapacity()).as("recorded at start-up").isEqualTo(16);
            final long lastJournaled = store.receivedEntry(2); // 1 Logon, 2 kept1
            for (int i = 0; i < 12; i++)
            {
                store.received(3 + i, lastJournaled + 1 + i);
            }
            store.nextTargetMsgSeqNum(15);
        }

        try (TestExchange smaller = TestExchange.start(directory,
            Map.of("pipeline.ringSize", "8", "gateway.cancelOnDisconnect", "false")))
        {
            assertThat(smaller.log).anyMatch(line -> line.contains(
                "session CLIENT1: inbound MsgSeqNum 3 to 14 read but not journaled before the server stopped"));
            try (SessionStore store = SessionStore.open(directory.resolve("sessions"), "CLIENT1"))
            {
                assertThat(store.nextTargetMsgSeqNum()).isEqualTo(3);
                assertThat(store.ringCapacity()).as("this run's, for the next start").isEqualTo(8);
            }
        }
    }

    /**
     * What a power cut can leave in {@code sync} durability: the journal and the outbound state as they were, the
     * inbound state from MsgSeqNum {@code first} on (up to {@code next}, the expected one) gone.
     *
     * @return the next outbound MsgSeqNum, which the next Logon must carry on from.
     */
    /**
     * QA 100: a crash lost orders on both sides of SequenceReset jumps; the start-up took the expected MsgSeqNum back
     * to the first lost one, more than a million below the client's own next number, whose Logon was then refused as
     * too far ahead (only a reset let it in, and the lost orders were lost for good). The jump is measured from the
     * number the client had reached: the Logon is taken, the gap asked for, and the resend's gap fill over both jumps
     * too.
     */
    @Test
    void shouldTakeTheLogonOfAClientWhoseLostMessagesLieBehindSequenceResetJumps() throws Exception
    {
        try (TestExchange exchange = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
            {
                client.send(MsgTypes.NEW_ORDER_SINGLE, order("kept1"));
                assertThat(client.await("8").get(11)).isEqualTo("kept1");
                exchange.stop();
            }
            final int jump = FixSession.MAX_SEQUENCE_JUMP;
            final int lastLost = 2 * jump + 4;
            try (SessionStore store = SessionStore.open(directory.resolve("sessions"), "CLIENT1"))
            {
                final long lastJournaled = store.receivedEntry(2); // 1 Logon, 2 kept1
                // What a kill -9 leaves: 3 entered and lost, 4 a SequenceReset to a million on, 1,000,004 another,
                // and 2,000,004 entered and lost.
                store.received(3, lastJournaled + 1);
                store.received(4, SessionStore.NOTHING_ENTERED);
                store.received(jump + 4, SessionStore.NOTHING_ENTERED);
                store.received(lastLost, lastJournaled + 2);
                store.nextTargetMsgSeqNum(lastLost + 1);
            }

            exchange.restart();
            try (RawFixClient client = new RawFixClient(exchange.port(), "CLIENT1"))
            {
                client.nextSeqNum(lastLost + 1);
                client.logon("client1-secret", false);
                final RawFixClient.Msg logon = client.await(msg -> "A".equals(msg.type()) || "5".equals(msg.type()),
                    Duration.ofSeconds(10));
                assertThat(logon.type()).as("%s", logon).isEqualTo("A");
                assertThat(client.await("2").get(7)).as("BeginSeqNo: the first lost").isEqualTo("3");

                client.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, 3, POSS_DUP + order("lost3"));
                client.sendWithSeq(MsgTypes.SEQUENCE_RESET, 4, "43=Y|123=Y|36=" + lastLost); // both jumps at once
                client.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, lastLost, POSS_DUP + order("lost4"));
                client.sendWithSeq(MsgTypes.SEQUENCE_RESET, lastLost + 1, "43=Y|123=Y|36=" + (lastLost + 2));
                client.sendWithSeq(MsgTypes.TEST_REQUEST, lastLost + 2, "112=in-sync");

                assertThat(client.await(msg -> "8".equals(msg.type()) && "lost3".equals(msg.get(11)),
                    Duration.ofSeconds(10)).get(150)).isEqualTo("0");
                assertThat(client.await(msg -> "8".equals(msg.type()) && "lost4".equals(msg.get(11)),
                    Duration.ofSeconds(10)).get(150)).isEqualTo("0");
                assertThat(client.await("0").get(112)).isEqualTo("in-sync");
                client.drain(Duration.ofMillis(300));
                assertThat(client.all()).as("no Reject, no Logout")
                    .noneMatch(msg -> "3".equals(msg.type()) || "5".equals(msg.type()));
            }
        }
    }

    private int forgetInboundFrom(final int first, final int next)
    {
        try (SessionStore store = SessionStore.open(directory.resolve("sessions"), "CLIENT1"))
        {
            assertThat(store.nextTargetMsgSeqNum()).isEqualTo(next);
            for (int msgSeqNum = first; msgSeqNum < next; msgSeqNum++)
            {
                store.received(msgSeqNum, SessionStore.NOTHING_ENTERED);
            }
            store.nextTargetMsgSeqNum(first);
            return store.nextSenderMsgSeqNum();
        }
    }

    /** The client logs on again with its own numbers; the answer carries on from {@code nextSender} and asks for a resend. */
    private static RawFixClient logOnAgain(final TestExchange exchange, final int nextSeqNum, final int nextSender,
        final int resendFrom) throws Exception
    {
        final RawFixClient client = new RawFixClient(exchange.port(), "CLIENT1");
        client.nextSeqNum(nextSeqNum);
        client.logon("client1-secret", false);
        assertThat(Integer.parseInt(client.await("A").get(34))).as("outbound numbers kept").isEqualTo(nextSender);
        assertThat(client.await("2").get(7)).as("BeginSeqNo").isEqualTo(Integer.toString(resendFrom));
        return client;
    }

    private void crashAndResend(final TestExchange exchange) throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            client.send(MsgTypes.NEW_ORDER_SINGLE, order("kept1"));
            assertThat(client.await("8").get(11)).isEqualTo("kept1");
            client.send(MsgTypes.NEW_ORDER_SINGLE, order("kept2"));
            assertThat(client.await("8").get(11)).isEqualTo("kept2");
            exchange.stop();
        }

        final long lastJournaled;
        try (SessionStore store = SessionStore.open(directory.resolve("sessions"), "CLIENT1"))
        {
            assertThat(store.nextTargetMsgSeqNum()).isEqualTo(4); // 1 Logon, 2 kept1, 3 kept2
            assertThat(store.receivedEntry(1)).as("a Logon enters no command").isZero();
            assertThat(store.receivedEntry(2)).as("kept1's command").isPositive();
            lastJournaled = store.receivedEntry(3);
            assertThat(lastJournaled).as("kept2's command, the journal's last").isGreaterThan(store.receivedEntry(2));
            // What a kill -9 leaves after reading four more: 4 and 6 entered and lost with the ring, 5 a Heartbeat,
            // 7 read and being entered (its command, as it happens, already journaled: a resend of kept2).
            store.received(4, lastJournaled + 1);
            store.received(5, SessionStore.NOTHING_ENTERED);
            store.received(6, lastJournaled + 2);
            store.received(7, SessionStore.ENTERING);
            store.nextTargetMsgSeqNum(8);
        }

        exchange.restart();
        assertThat(exchange.log).anyMatch(line -> line.contains(
            "session CLIENT1: inbound MsgSeqNum 4 to 7 read but not journaled before the server stopped; expecting 4"));
        try (RawFixClient client = new RawFixClient(exchange.port(), "CLIENT1"))
        {
            client.nextSeqNum(8);
            client.logon("client1-secret", false);
            client.await("A");
            final RawFixClient.Msg resendRequest = client.await("2");
            assertThat(resendRequest.get(7)).as("BeginSeqNo: the first message whose command was lost").isEqualTo("4");
            assertThat(resendRequest.get(16)).isEqualTo("0");

            client.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, 4, POSS_DUP + order("lost4"));
            client.sendWithSeq(MsgTypes.SEQUENCE_RESET, 5, "43=Y|123=Y|36=6");
            client.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, 6, POSS_DUP + order("lost6"));
            client.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, 7, POSS_DUP + order("kept2"));
            client.sendWithSeq(MsgTypes.SEQUENCE_RESET, 8, "43=Y|123=Y|36=9"); // the Logon
            client.sendWithSeq(MsgTypes.TEST_REQUEST, 9, "112=in-sync");

            final RawFixClient.Msg lost4 = client.await(msg -> "8".equals(msg.type()) && "lost4".equals(msg.get(11)),
                Duration.ofSeconds(10));
            assertThat(lost4.get(150)).as("entered and journaled: accepted").isEqualTo("0");
            final RawFixClient.Msg lost6 = client.await(msg -> "8".equals(msg.type()) && "lost6".equals(msg.get(11)),
                Duration.ofSeconds(10));
            assertThat(lost6.get(150)).isEqualTo("0");
            final RawFixClient.Msg kept2 = client.await(msg -> "8".equals(msg.type()) && "kept2".equals(msg.get(11)),
                Duration.ofSeconds(10));
            assertThat(kept2.get(150)).as("journaled before the crash: its status, not entered twice").isEqualTo("I");
            assertThat(kept2.get(39)).as("still resting").isEqualTo("0");
            assertThat(client.await("0").get(112)).isEqualTo("in-sync");
            client.drain(Duration.ofMillis(300));
            assertThat(client.all()).as("no further ResendRequest, no Reject, no Logout, no second report on kept2")
                .noneMatch(msg -> "2".equals(msg.type()) || "3".equals(msg.type()) || "5".equals(msg.type()) ||
                    "kept2".equals(msg.get(11)));
        }
    }

    private static void rests(final RawFixClient client, final String clOrdId) throws Exception
    {
        client.send(MsgTypes.NEW_ORDER_SINGLE, order(clOrdId));
        assertThat(client.await("8").get(39)).as("%s accepted", clOrdId).isEqualTo("0");
    }

    private static String order(final String clOrdId)
    {
        return "11=" + clOrdId + "|55=AAPL|54=1|38=10|40=2|44=189.00" + TRANSACT_TIME;
    }
}

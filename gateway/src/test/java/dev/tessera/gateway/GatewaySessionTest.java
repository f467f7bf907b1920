package dev.tessera.gateway;

import dev.tessera.fix.MsgTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import static dev.tessera.gateway.RawFixClient.TRANSACT_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/** The session layer over a raw socket: logon rules, sequence numbers, heartbeats, logout. */
@Timeout(60)
class GatewaySessionTest
{
    @TempDir
    Path directory;

    private TestExchange exchange;

    @BeforeEach
    void start()
    {
        exchange = TestExchange.start(directory);
    }

    @AfterEach
    void stop()
    {
        exchange.close();
    }

    /**
     * QA 96: a Logon at MsgSeqNum 200,000,000, or a SequenceReset there, grew the session's received index to 1.6 GB on
     * the gateway thread, holding every session for seconds. A Logon more than a million ahead is now refused with a
     * Logout saying how to go on, and such a NewSeqNo rejected (373=5), before the index grows; a reset takes the
     * index back to its first size.
     */
    @Test
    void shouldRefuseSequenceNumbersMoreThanAMillionAheadBeforeTheReceivedIndexGrows() throws Exception
    {
        final Path received = directory.resolve("sessions").resolve("CLIENT1.received");
        final long firstSize = Files.size(received);
        try (RawFixClient far = new RawFixClient(exchange.port(), "CLIENT1"))
        {
            far.nextSeqNum(1_000_002);
            far.logon("client1-secret", false);
            assertThat(far.await("5").get(58)).isEqualTo("MsgSeqNum too high, expecting 1 but received 1000002: more " +
                "than 1000000 ahead; log on with ResetSeqNumFlag(141)=Y to start both sides again at 1");
            assertThat(far.awaitClosed(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(Files.size(received)).isEqualTo(firstSize);

        try (RawFixClient resetFar = new RawFixClient(exchange.port(), "CLIENT1"))
        {
            // QA 97: refused after it had reset both sides' numbers.
            resetFar.nextSeqNum(1_000_002);
            resetFar.logon("client1-secret", true);
            final RawFixClient.Msg refused = resetFar.await("5");
            assertThat(refused.get(58)).isEqualTo("MsgSeqNum too high for a Logon with " +
                "ResetSeqNumFlag(141)=Y, which starts at 1: received 1000002");
            assertThat(refused.get(34)).as("not reset: the Logout goes on from the last one's number").isNotEqualTo("1");
            assertThat(resetFar.awaitClosed(Duration.ofSeconds(5))).isTrue();
        }
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final int expected = client.nextSeqNum();
            // The gap fill first: in sequence, it uses its number up; the reset mode after it ignores MsgSeqNum.
            // Each names the expected number as the Logon's refusal does (a refused gap fill has used its own up; the
            // reset mode takes none); a gap fill may also go on in steps (QA 97).
            for (final String mode : new String[] {"123=Y|", ""})
            {
                final int msgSeqNum = client.nextSeqNum();
                final int newSeqNo = msgSeqNum + 1_000_010;
                client.send(MsgTypes.SEQUENCE_RESET, mode + "36=" + newSeqNo);
                final RawFixClient.Msg reject = client.await("3");
                assertThat(reject.get(373)).as("%s", reject).isEqualTo("5");
                assertThat(reject.get(58)).isEqualTo("NewSeqNo(36) too high, expecting " +
                    (mode.isEmpty() ? msgSeqNum : msgSeqNum + 1) +
                    " but received " + newSeqNo + ": more than 1000000 ahead; " +
                    (mode.isEmpty() ? "" : "gap-fill in steps of at most 1000000, or ") +
                    "log on with ResetSeqNumFlag(141)=Y to start both sides again at 1");
            }
            assertThat(Files.size(received)).isEqualTo(firstSize);

            final int farthest = expected + 1_000_000;
            client.send(MsgTypes.SEQUENCE_RESET, "36=" + farthest);
            client.nextSeqNum(farthest);
            client.send(MsgTypes.TEST_REQUEST, "112=far");
            assertThat(client.await("0").get(112)).as("a million ahead is taken").isEqualTo("far");
            assertThat(Files.size(received)).isGreaterThan(firstSize);

            client.nextSeqNum(1);
            client.logon("client1-secret", true);
            client.await("A");
            assertThat(Files.size(received)).as("a reset takes the index back to its first size").isEqualTo(firstSize);
        }
    }

    /**
     * A session whose received index (inbound MsgSeqNum to command, {@code <CompID>.received}) cannot grow, its file
     * replaced by a directory while the exchange runs: the message that needs it is not taken, the session is logged
     * out with a Text saying why, and each later Logon is refused with that Logout until the file is back, while other
     * sessions trade on. Before, the connection was dropped as an internal error at each message, without a word to
     * the client, which logged on again at once and was dropped again, for ever. The index holds 131072 MsgSeqNums in
     * its first MiB (0 to 131071): a SequenceReset (reset mode) takes the numbers to its last entry, and the message
     * after the one that takes it must grow the file.
     */
    @Test
    void shouldRefuseTheLogonsOfASessionWhoseReceivedIndexCannotBeWrittenSayingWhyAndKeepOthersTrading()
        throws Exception
    {
        final Path received = directory.resolve("sessions").resolve("CLIENT1.received");
        final Path aside = directory.resolve("CLIENT1.received.aside");
        final int beyondFirstMiB = (1 << 20) / 8;
        final String why = "session state cannot be written: cannot map session file " + received;
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            client.send(MsgTypes.SEQUENCE_RESET, "36=" + (beyondFirstMiB - 1));
            client.nextSeqNum(beyondFirstMiB - 1);
            client.send(MsgTypes.TEST_REQUEST, "112=before");
            assertThat(client.await("0").get(112)).isEqualTo("before");
            Files.move(received, aside); // the exchange keeps its mapping of the file, now named aside
            Files.createDirectory(received);

            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=U1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME);
            final RawFixClient.Msg logout = client.await("5");
            assertThat(logout.get(58)).as("%s", logout).startsWith(why)
                .endsWith("; logons are refused until the exchange's operator repairs it");
            assertThat(client.awaitClosed(Duration.ofSeconds(5))).isTrue();
        }
        try (RawFixClient other = RawFixClient.loggedOn(exchange.port(), "CLIENT2", "client2-secret"))
        {
            other.send(MsgTypes.NEW_ORDER_SINGLE, "11=O1|55=AAPL|54=2|38=10|40=2|44=195.00|59=1" + TRANSACT_TIME);
            assertThat(other.awaitReport("O1").get(150)).as("another session trades on").isEqualTo("0");
        }
        try (RawFixClient again = new RawFixClient(exchange.port(), "CLIENT1"))
        {
            again.nextSeqNum(beyondFirstMiB + 1); // the client's next, after the order
            again.logon("client1-secret", false);
            final RawFixClient.Msg refused = again.await("5");
            assertThat(refused.get(58)).as("the Logon is refused, saying why: %s", refused).startsWith(why);
            assertThat(again.awaitClosed(Duration.ofSeconds(5))).isTrue();
        }
        try (RawFixClient reset = new RawFixClient(exchange.port(), "CLIENT1"))
        {
            // A reset's numbers fit the old mapping, but that is of a file no longer at the path: refused too (let in,
            // the session wrote to the file moved aside, and the next start found the path unusable).
            reset.nextSeqNum(1);
            reset.logon("client1-secret", true);
            final RawFixClient.Msg refused = reset.await("5");
            assertThat(refused.get(58)).as("a Logon with a reset is refused too: %s", refused).startsWith(why);
            assertThat(reset.awaitClosed(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(exchange.log).as("no internal error").noneMatch(line -> line.contains("error on connection"));

        Files.delete(received);
        Files.move(aside, received);
        try (RawFixClient repaired = new RawFixClient(exchange.port(), "CLIENT1"))
        {
            repaired.nextSeqNum(beyondFirstMiB + 2);
            repaired.logon("client1-secret", false);
            repaired.await("A");
            assertThat(repaired.await("2").get(7)).as("the order's MsgSeqNum was not used up: asked for again")
                .isEqualTo(String.valueOf(beyondFirstMiB));
            repaired.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, beyondFirstMiB, "43=Y|122=20261122-08:00:00.000|" +
                "11=U1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME);
            assertThat(repaired.awaitReport("U1").get(150)).as("resent, it is taken").isEqualTo("0");
        }
    }

    /**
     * An order the engine rejects: its ExecutionReport repeats the order as it was sent, as the gateway's own rejects
     * do. Before the fix it dropped OrdType and TimeInForce (the event has neither), and Price when not positive.
     */
    /** QA 102: the logon line said "in 1, out 2": the Logon's own number, and the next one the gateway sends. */
    @Test
    void shouldSayWhichMsgSeqNumsTheLogonLineGives() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            assertThat(exchange.log).anyMatch(line -> line.startsWith("session CLIENT1 logged on from ") &&
                line.contains(" (its Logon MsgSeqNum 1, our next MsgSeqNum 2"));
        }
    }

    @Test
    void shouldEchoOrdTypeTimeInForceAndThePriceAsSentInAnEngineMadeOrderReject() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            for (final String price : new String[] {"-189", "-1", "0", "250"})
            {
                client.send(MsgTypes.NEW_ORDER_SINGLE, "11=P1|55=AAPL|54=1|38=10|40=2|44=" + price + "|59=1" +
                    TRANSACT_TIME);
                final RawFixClient.Msg rejected = client.await("8");
                assertThat(rejected.get(39)).as("%s", rejected).isEqualTo("8");
                assertThat(rejected.get(44)).isEqualTo(price);
                assertThat(rejected.get(40)).isEqualTo("2");
                assertThat(rejected.get(59)).isEqualTo("1");
            }
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=P2|55=AAPL|54=1|38=0|40=1|59=3" + TRANSACT_TIME);
            final RawFixClient.Msg market = client.await("8");
            assertThat(market.get(39)).as("%s", market).isEqualTo("8");
            assertThat(market.get(40)).isEqualTo("1");
            assertThat(market.get(59)).isEqualTo("3");
            assertThat(market.get(44)).as("a market order has no price").isNull();
        }
    }

    @Test
    void shouldLogOnAndAcknowledgeAnOrderWithAnExecutionReport() throws Exception
    {
        try (RawFixClient client = new RawFixClient(exchange.port(), "CLIENT1"))
        {
            client.logon("client1-secret", true);
            final RawFixClient.Msg logon = client.await("A");
            assertThat(logon.get(108)).isEqualTo("30");
            assertThat(logon.get(141)).isEqualTo("Y");
            assertThat(logon.seq()).isEqualTo(1);

            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=ord1|55=AAPL|54=1|38=100|40=2|44=189.50|59=1|60=20261122-08:00:00.000");
            final RawFixClient.Msg report = client.await("8");
            assertThat(report.get(11)).isEqualTo("ord1");
            assertThat(report.get(150)).isEqualTo("0");
            assertThat(report.get(39)).isEqualTo("0");
            assertThat(report.get(55)).isEqualTo("AAPL");
            assertThat(report.get(44)).isEqualTo("189.5");
            assertThat(report.get(151)).isEqualTo("100");
            assertThat(report.get(14)).isEqualTo("0");
            assertThat(report.get(37)).isNotBlank();
        }
    }

    @Test
    void shouldRefuseAWrongPasswordWithALogoutAndNoAccess() throws Exception
    {
        try (RawFixClient client = new RawFixClient(exchange.port(), "CLIENT1"))
        {
            client.logon("wrong", true);
            final RawFixClient.Msg logout = client.await("5");
            assertThat(logout.get(58)).isEqualTo("invalid SenderCompID, username or password");
            assertThat(client.awaitClosed(Duration.ofSeconds(5))).isTrue();
        }
    }

    /**
     * QA 108: the Logout went out under 1 and took no number, so a new session's client (QuickFIX/J) took it as its 1
     * and found the next logon's answer, 1 again, too low. A session that has sent nothing yet now takes its 1 for it;
     * the client's Logon number is not taken (it may send 1 again, or go on at 2 and have its gap asked for). A session
     * further on refuses under 1 too, taking nothing (QA 129 F3: under its next number the Logout told anyone who knew
     * the CompID how many messages it had been sent, and whether it was logged on).
     */
    @Test
    void shouldRefuseAWrongPasswordUnderOneTakingOnlyAFirstNumber() throws Exception
    {
        try (RawFixClient client = new RawFixClient(exchange.port(), "CLIENT1"))
        {
            client.logon("wrong", true);
            assertThat(client.await("5").seq()).isEqualTo(1);
            assertThat(client.awaitClosed(Duration.ofSeconds(5))).isTrue();
        }
        try (RawFixClient client = new RawFixClient(exchange.port(), "CLIENT1"))
        {
            client.logon("wrong", false);
            assertThat(client.await("5").seq()).as("no number taken: 2 would say one was sent").isEqualTo(1);
            assertThat(client.awaitClosed(Duration.ofSeconds(5))).isTrue();
        }
        try (RawFixClient client = new RawFixClient(exchange.port(), "CLIENT1"))
        {
            client.logon("client1-secret", false);
            final RawFixClient.Msg logon = client.await("A");
            assertThat(logon.seq()).as("after the first Logout, which took 1").isEqualTo(2);
            client.send(MsgTypes.RESEND_REQUEST, "7=1|16=0");
            final RawFixClient.Msg gapFill = client.await("4");
            assertThat(gapFill.get(123)).isEqualTo("Y");
            assertThat(gapFill.seq()).isEqualTo(1);
            assertThat(gapFill.get(36)).isEqualTo("3");

            try (RawFixClient intruder = new RawFixClient(exchange.port(), "CLIENT1"))
            {
                intruder.logon("wrong", true);
                assertThat(intruder.await("5").seq()).as("the live session's numbers are its client's").isEqualTo(1);
            }
            client.send(MsgTypes.TEST_REQUEST, "112=still-3");
            final RawFixClient.Msg heartbeat = client.await("0");
            assertThat(heartbeat.seq()).as("no number of the live session taken").isEqualTo(3);
        }
    }

    @Test
    void shouldAnswerATestRequestWithItsId() throws Exception
    {
        try (RawFixClient client = loggedOn("CLIENT1", "client1-secret"))
        {
            client.send(MsgTypes.TEST_REQUEST, "112=ping-42");
            final RawFixClient.Msg heartbeat = client.await("0");
            assertThat(heartbeat.get(112)).isEqualTo("ping-42");
        }
    }

    @Test
    void shouldRequestTheMissingMessagesOnAGapAndAcceptAGapFill() throws Exception
    {
        try (RawFixClient client = loggedOn("CLIENT1", "client1-secret"))
        {
            client.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, 5, "11=gap5|55=AAPL|54=1|38=10|40=2|44=189.00" + TRANSACT_TIME);
            final RawFixClient.Msg resendRequest = client.await("2");
            assertThat(resendRequest.get(7)).isEqualTo("2");
            assertThat(resendRequest.get(16)).isEqualTo("0");
            // More messages beyond the gap: the request out already covers them, so no second one.
            client.sendWithSeq(MsgTypes.HEARTBEAT, 6, "");
            client.sendWithSeq(MsgTypes.HEARTBEAT, 7, "");
            client.drain(Duration.ofMillis(300));
            assertThat(client.all()).noneMatch(msg -> "2".equals(msg.type()));

            client.sendWithSeq(MsgTypes.SEQUENCE_RESET, 2, "43=Y|123=Y|36=5");
            client.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, 5, "43=Y|122=20261122-08:00:00.000|11=gap5|55=AAPL|54=1|38=10|40=2|44=189.00" +
                TRANSACT_TIME);
            final RawFixClient.Msg report = client.await("8");
            assertThat(report.get(11)).isEqualTo("gap5");
            assertThat(report.get(150)).isEqualTo("0");

            // The answer left a gap (6 and 7 never came again): a new request, from where the gap now starts.
            client.sendWithSeq(MsgTypes.HEARTBEAT, 8, "");
            assertThat(client.await("2").get(7)).isEqualTo("6");
        }
    }

    @Test
    void shouldResendReportsFromTheJournalAndGapFillSessionMessages() throws Exception
    {
        try (RawFixClient client = loggedOn("CLIENT1", "client1-secret"))
        {
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=r1|55=AAPL|54=1|38=10|40=2|44=189.00" + TRANSACT_TIME);
            final RawFixClient.Msg original = client.await("8");
            client.send(MsgTypes.TEST_REQUEST, "112=t");
            client.await("0");
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=r2|55=AAPL|54=2|38=10|40=2|44=191.00" + TRANSACT_TIME);
            final RawFixClient.Msg second = client.await("8");

            client.send(MsgTypes.RESEND_REQUEST, "7=1|16=0");
            final RawFixClient.Msg logonGap = client.await("4");
            assertThat(logonGap.seq()).isEqualTo(1);
            assertThat(logonGap.get(123)).isEqualTo("Y");
            assertThat(logonGap.get(36)).isEqualTo("2");
            final RawFixClient.Msg resent = client.await("8");
            assertThat(resent.seq()).isEqualTo(original.seq());
            assertThat(resent.get(43)).isEqualTo("Y");
            assertThat(resent.get(122)).isNotBlank();
            assertThat(resent.get(17)).isEqualTo(original.get(17));
            assertThat(resent.get(11)).isEqualTo("r1");
            final RawFixClient.Msg heartbeatGap = client.await("4");
            assertThat(heartbeatGap.seq()).isEqualTo(original.seq() + 1);
            assertThat(heartbeatGap.get(36)).isEqualTo(Integer.toString(second.seq()));
            final RawFixClient.Msg secondResent = client.await("8");
            assertThat(secondResent.seq()).isEqualTo(second.seq());
            assertThat(RawFixClient.withoutHeader(secondResent)).isEqualTo(RawFixClient.withoutHeader(second));
        }
    }

    /**
     * A post-only order's ExecInst(18)=6 is echoed on every report of the order (New, Trade, Replaced, status,
     * Canceled, and Rejected when it would have taken), as clients check the venue took the instruction; an order
     * without it gets none. A resend regenerates each report from the journal byte for byte, ExecInst included.
     */
    @Test
    void shouldEchoPostOnlyExecInstOnEveryReportOfTheOrderAndOnItsResend() throws Exception
    {
        try (RawFixClient client = loggedOn("CLIENT1", "client1-secret");
            RawFixClient other = loggedOn("CLIENT2", "client2-secret"))
        {
            final java.util.List<RawFixClient.Msg> reports = new java.util.ArrayList<>();
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=po1|55=AAPL|54=2|38=10|40=2|44=190.00|59=1|18=6" + TRANSACT_TIME);
            reports.add(client.await("8"));
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=plain1|55=AAPL|54=2|38=10|40=2|44=191.00|59=1" + TRANSACT_TIME);
            final RawFixClient.Msg plain = client.await("8");
            assertThat(plain.get(150)).isEqualTo("0");
            assertThat(plain.get(18)).as("no ExecInst given, none echoed").isNull();

            other.send(MsgTypes.NEW_ORDER_SINGLE, "11=hit1|55=AAPL|54=1|38=4|40=2|44=190.00|59=3" + TRANSACT_TIME);
            other.await(msg -> "F".equals(msg.get(150)), Duration.ofSeconds(10));
            reports.add(client.await("8"));
            client.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=po2|41=po1|55=AAPL|54=2|38=10|40=2|44=190.10|59=1" + TRANSACT_TIME);
            reports.add(client.await("8"));
            client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=po2|55=AAPL|54=2");
            final RawFixClient.Msg status = client.await("8");
            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "11=po3|41=po2|55=AAPL|54=2|38=10" + TRANSACT_TIME);
            reports.add(client.await("8"));
            // A post-only buy at the ask would take: the engine rejects it, and its report says it was post-only.
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=po4|55=AAPL|54=1|38=1|40=2|44=191.00|59=1|18=6" + TRANSACT_TIME);
            reports.add(client.await("8"));

            // Off tick: rejected by the engine, a report of its own journaled event.
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=po5|55=AAPL|54=1|38=1|40=2|44=189.001|59=1|18=6" + TRANSACT_TIME);
            reports.add(client.await("8"));
            // More decimals than the price scale: refused by the gateway before the ring, the request echoed.
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=po6|55=AAPL|54=1|38=1|40=2|44=189.00001|59=1|18=6" + TRANSACT_TIME);
            final RawFixClient.Msg refused = client.await("8");
            assertThat(refused.get(150)).isEqualTo("8");
            assertThat(refused.get(17)).as("the gateway's ExecID").startsWith("G");
            assertThat(refused.get(18)).isEqualTo("6");

            assertThat(reports).extracting(msg -> msg.get(150)).containsExactly("0", "F", "5", "4", "8", "8");
            assertThat(reports).allSatisfy(report -> assertThat(report.get(18)).as("%s", report).isEqualTo("6"));
            assertThat(status.get(150)).isEqualTo("I");
            assertThat(status.get(18)).isEqualTo("6");

            client.send(MsgTypes.RESEND_REQUEST, "7=1|16=0");
            for (final RawFixClient.Msg original : reports)
            {
                final RawFixClient.Msg resent = client.await(msg -> msg.seq() == original.seq(), Duration.ofSeconds(10));
                assertThat(resent.get(43)).isEqualTo("Y");
                assertThat(RawFixClient.withoutHeader(resent)).isEqualTo(RawFixClient.withoutHeader(original));
            }
        }
    }

    @Test
    void shouldCancelOnDisconnectAndReportItAtTheNextLogon() throws Exception
    {
        final int nextSeqNum;
        try (RawFixClient client = loggedOn("CLIENT1", "client1-secret"))
        {
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=cod1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME);
            assertThat(client.await("8").get(150)).isEqualTo("0");
            nextSeqNum = client.nextSeqNum();
        }
        // the socket is closed without a Logout: cancel-on-disconnect (the default) removes the order

        try (RawFixClient client = new RawFixClient(exchange.port(), "CLIENT1"))
        {
            client.nextSeqNum(nextSeqNum);
            client.logon("client1-secret", false);
            client.await("A");
            final RawFixClient.Msg cancelled = client.await("8");
            assertThat(cancelled.get(11)).isEqualTo("cod1");
            assertThat(cancelled.get(150)).isEqualTo("4");
            assertThat(cancelled.get(58)).isEqualTo("cancel on disconnect");
        }
    }

    @Test
    void shouldDeliverFillsThatHappenedWhileTheClientWasAway() throws Exception
    {
        exchange.close();
        exchange = TestExchange.start(directory.resolve("keep"), java.util.Map.of("gateway.cancelOnDisconnect", "false"));
        final int nextSeqNum;
        try (RawFixClient client = loggedOn("CLIENT1", "client1-secret"))
        {
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=away1|55=AAPL|54=2|38=10|40=2|44=190.00|59=1" + TRANSACT_TIME);
            client.await("8");
            nextSeqNum = client.nextSeqNum();
            client.send(MsgTypes.LOGOUT, "");
            client.await("5");
        }
        try (RawFixClient other = loggedOn("CLIENT2", "client2-secret"))
        {
            other.send(MsgTypes.NEW_ORDER_SINGLE, "11=hit1|55=AAPL|54=1|38=4|40=2|44=190.00|59=3" + TRANSACT_TIME);
            other.await(msg -> "F".equals(msg.get(150)), Duration.ofSeconds(10));
        }
        try (RawFixClient client = new RawFixClient(exchange.port(), "CLIENT1"))
        {
            client.nextSeqNum(nextSeqNum + 1);
            client.logon("client1-secret", false);
            client.await("A");
            final RawFixClient.Msg fill = client.await("8");
            assertThat(fill.get(11)).isEqualTo("away1");
            assertThat(fill.get(150)).isEqualTo("F");
            assertThat(fill.get(32)).isEqualTo("4");
            assertThat(fill.get(151)).isEqualTo("6");
        }
    }

    @Test
    void shouldAnswerAResendLargerThanTheOutboundBoundInPartsWithoutDisconnecting() throws Exception
    {
        exchange.close();
        exchange = TestExchange.start(directory.resolve("small"), java.util.Map.of(
            "gateway.maxMessageBytes", "1024", "gateway.maxOutboundBytes", "4096"));
        final int orders = 200; // ~50 KB of reports: twelve times what may be queued for the client
        try (RawFixClient client = loggedOn("CLIENT1", "client1-secret"))
        {
            // A client that reads as it goes: ten orders, then their reports.
            for (int i = 1; i <= orders; i += 10)
            {
                for (int j = i; j < i + 10; j++)
                {
                    client.send(MsgTypes.NEW_ORDER_SINGLE, "11=big" + j + "|55=AAPL|54=1|38=1|40=2|44=" + (150 + j % 40) + ".00" +
                        TRANSACT_TIME);
                }
                for (int j = i; j < i + 10; j++)
                {
                    final String clOrdId = "big" + j;
                    client.await(msg -> clOrdId.equals(msg.get(11)) && !"Y".equals(msg.get(43)), Duration.ofSeconds(10));
                }
            }

            client.send(MsgTypes.RESEND_REQUEST, "7=1|16=0");
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=after|55=AAPL|54=1|38=1|40=2|44=149.00" + TRANSACT_TIME);
            int expectedSeqNum = 1;
            for (int i = 1; i <= orders; i++)
            {
                final String clOrdId = "big" + i;
                final RawFixClient.Msg resent = client.await(msg -> clOrdId.equals(msg.get(11)) && "Y".equals(msg.get(43)),
                    Duration.ofSeconds(10));
                assertThat(resent.seq()).as("resent in order").isGreaterThan(expectedSeqNum - 1);
                expectedSeqNum = resent.seq() + 1;
            }
            final RawFixClient.Msg live = client.await(msg -> "after".equals(msg.get(11)), Duration.ofSeconds(10));
            assertThat(live.get(43)).as("a live report, after the resend").isNull();
            assertThat(live.seq()).isGreaterThan(expectedSeqNum - 1);
        }
        assertThat(exchange.log).noneMatch(line -> line.contains("slow consumer"));
    }

    /**
     * QA 118 F1: a resend's pass over the journal now goes in turns of {@link Resender.RECORDS_PER_TURN} records
     * between the other sessions' work: one over more records than a turn is answered whole, in order, and a report
     * entered meanwhile goes out live after it.
     */
    @Test
    void shouldAnswerAResendOverMoreRecordsThanATurnWholeAndInOrder() throws Exception
    {
        final int orders = Resender.RECORDS_PER_TURN + 400;
        try (RawFixClient client = loggedOn("CLIENT1", "client1-secret"))
        {
            sendOrdersInBatches(client, "t", orders, j -> "|55=AAPL|54=1|38=1|40=2|44=18" + (j % 10) + ".00",
                msg -> !"Y".equals(msg.get(43)));
            client.all().clear();

            client.send(MsgTypes.RESEND_REQUEST, "7=1|16=0");
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=live|55=AAPL|54=1|38=1|40=2|44=180.00" + TRANSACT_TIME);
            int previous = 0;
            for (int i = 1; i <= orders; i++)
            {
                final String clOrdId = "t" + i;
                final RawFixClient.Msg resent = client.await(msg -> clOrdId.equals(msg.get(11)) && "Y".equals(msg.get(43)),
                    Duration.ofSeconds(20));
                assertThat(resent.seq()).as("resent in order").isGreaterThan(previous);
                previous = resent.seq();
            }
            final RawFixClient.Msg live = client.await(msg -> "live".equals(msg.get(11)), Duration.ofSeconds(20));
            assertThat(live.get(43)).as("live, after the resend").isNull();
            assertThat(live.seq()).isGreaterThan(previous);
        }
    }

    /**
     * QA 131 F1: a logon's catch-up read the journal in one pass on the gateway thread, so every reconnect held every
     * other session (75-120 ms with the default snapshots, seconds later in the day). It now goes in turns of {@link
     * Resender.RECORDS_PER_TURN} records as a resend does: a catch-up over more records than two turns comes in parts,
     * whole and in order, and live reports after it.
     */
    @Test
    void shouldCatchUpOverMoreRecordsThanATurnInPartsWholeAndInOrder() throws Exception
    {
        exchange.close();
        exchange = TestExchange.start(directory.resolve("away"), java.util.Map.of("gateway.cancelOnDisconnect", "false"));
        final int orders = 2 * Resender.RECORDS_PER_TURN + 200;
        try (RawFixClient away = loggedOn("CLIENT1", "client1-secret"))
        {
            away.send(MsgTypes.NEW_ORDER_SINGLE, "11=away|55=AAPL|54=2|38=" + orders + "|40=2|44=200.00" + TRANSACT_TIME);
            away.awaitReport("away");
            away.send(MsgTypes.LOGOUT, "");
            away.await("5");
        }
        try (RawFixClient other = loggedOn("CLIENT2", "client2-secret"))
        {
            // Each trades one of the away order's lots: a fill CLIENT1 is owed for each record.
            sendOrdersInBatches(other, "b", orders, j -> "|55=AAPL|54=1|38=1|40=2|44=200.00|59=3",
                msg -> "2".equals(msg.get(39)));
        }
        try (RawFixClient back = loggedOn("CLIENT1", "client1-secret"))
        {
            back.send(MsgTypes.ORDER_STATUS_REQUEST, "11=away|55=AAPL|54=2");
            long cumQty = 0;
            for (int fill = 1; fill <= orders; fill++)
            {
                final RawFixClient.Msg report = back.await(msg -> "8".equals(msg.type()) && "F".equals(msg.get(150)),
                    Duration.ofSeconds(20));
                assertThat(Long.parseLong(report.get(14))).as("fill %d, in order", fill).isEqualTo(++cumQty);
            }
            assertThat(back.await(msg -> "I".equals(msg.get(150)), Duration.ofSeconds(20)).get(39)).isEqualTo("2");
        }
        final String caughtUp = exchange.log.stream().filter(line -> line.startsWith("session CLIENT1: caught up"))
            .reduce((first, second) -> second).orElseThrow();
        assertThat(Integer.parseInt(caughtUp.replaceAll(".* in (\\d+) parts?$", "$1")))
            .as("in parts: %s", caughtUp).isGreaterThanOrEqualTo(2);
    }

    /**
     * QA 133 N1: a catch-up that had sent every report owed before its pass reached the journal's end (more records
     * after the last of them than a turn reads) was ended without its line, its run left open.
     */
    @Test
    void shouldEndACatchUpWhoseReportsAreAllSentBeforeItsPassEnds() throws Exception
    {
        exchange.close();
        exchange = TestExchange.start(directory.resolve("early"), java.util.Map.of("gateway.cancelOnDisconnect", "false"));
        try (RawFixClient away = loggedOn("CLIENT1", "client1-secret"))
        {
            away.send(MsgTypes.NEW_ORDER_SINGLE, "11=early|55=AAPL|54=2|38=5|40=2|44=200.00" + TRANSACT_TIME);
            away.awaitReport("early");
            away.send(MsgTypes.LOGOUT, "");
            away.await("5");
        }
        final int others = 2 * Resender.RECORDS_PER_TURN + 100;
        try (RawFixClient other = loggedOn("CLIENT2", "client2-secret"))
        {
            other.send(MsgTypes.NEW_ORDER_SINGLE, "11=take|55=AAPL|54=1|38=5|40=2|44=200.00|59=3" + TRANSACT_TIME);
            other.await(msg -> "take".equals(msg.get(11)) && "2".equals(msg.get(39)), Duration.ofSeconds(10));
            // Records none of CLIENT1's reports come from: IOC buys far below the book, each expired at once.
            sendOrdersInBatches(other, "x", others, j -> "|55=AAPL|54=1|38=1|40=2|44=180.00|59=3",
                msg -> "4".equals(msg.get(39)));
        }
        try (RawFixClient back = loggedOn("CLIENT1", "client1-secret"))
        {
            final RawFixClient.Msg fill = back.await(msg -> "early".equals(msg.get(11)) && "F".equals(msg.get(150)),
                Duration.ofSeconds(10));
            assertThat(fill.get(39)).isEqualTo("2");
            back.send(MsgTypes.NEW_ORDER_SINGLE, "11=live|55=AAPL|54=2|38=1|40=2|44=201.00" + TRANSACT_TIME);
            assertThat(back.awaitReport("live").get(43)).as("live, after the catch-up").isNull();
            back.drain(Duration.ofMillis(200));
            assertThat(back.all()).noneMatch(msg -> "early".equals(msg.get(11)) && "F".equals(msg.get(150)));
        }
        exchange.awaitLog("session CLIENT1: caught up from the journal in ", 1, Duration.ofSeconds(10));
    }

    /**
     * QA 118 F2: a ResendRequest read while an earlier one's answer waited for the client to read threw that answer's
     * rest away, neither resent nor gap-filled. Both are answered now, every number of both ranges.
     */
    @Test
    void shouldAnswerEveryNumberOfAResendRequestReadWhileAnEarlierOneIsStillGoingOut() throws Exception
    {
        exchange.close();
        exchange = TestExchange.start(directory.resolve("two"), java.util.Map.of(
            "gateway.maxMessageBytes", "1024", "gateway.maxOutboundBytes", "4096"));
        final int orders = 120; // ~30 KB of reports: the first answer pauses many times
        try (RawFixClient client = loggedOn("CLIENT1", "client1-secret"))
        {
            int lastReport = 0;
            for (int i = 1; i <= orders; i++)
            {
                client.send(MsgTypes.NEW_ORDER_SINGLE, "11=r" + i + "|55=AAPL|54=1|38=1|40=2|44=" + (150 + i % 40) + ".00" +
                    TRANSACT_TIME);
                final String clOrdId = "r" + i;
                lastReport = client.await(msg -> clOrdId.equals(msg.get(11)) && !"Y".equals(msg.get(43)),
                    Duration.ofSeconds(10)).seq();
            }

            client.send(MsgTypes.RESEND_REQUEST, "7=1|16=0");
            client.send(MsgTypes.RESEND_REQUEST, "7=" + lastReport + "|16=" + lastReport);
            final int last = lastReport;
            // The last report, asked for by both: resent at the end of each answer, the first one's before the second.
            final List<RawFixClient.Msg> lastResent = new ArrayList<>();
            for (int copy = 0; copy < 2; copy++)
            {
                lastResent.add(client.await(msg -> ("r" + orders).equals(msg.get(11)) && "Y".equals(msg.get(43)),
                    Duration.ofSeconds(20)));
            }

            // Every number from 1 to the last report came again: resent (43=Y) or inside a gap fill's range.
            final java.util.BitSet answered = new java.util.BitSet();
            final List<RawFixClient.Msg> received = new ArrayList<>(client.all());
            received.addAll(lastResent);
            for (final RawFixClient.Msg msg : received)
            {
                if ("4".equals(msg.type()) && "Y".equals(msg.get(43)))
                {
                    answered.set(msg.seq(), Integer.parseInt(msg.get(36)));
                }
                else if ("Y".equals(msg.get(43)))
                {
                    answered.set(msg.seq());
                }
            }
            assertThat(answered.nextClearBit(1)).as("the first number neither resent nor gap-filled")
                .isGreaterThan(lastReport);
            assertThat(lastResent).extracting(RawFixClient.Msg::seq).containsOnly(last);
        }
    }

    /**
     * QA 118 F5: a BeginSeqNo(7) of 0 or below names no MsgSeqNum (they start at 1): a Reject naming the field, as one
     * beyond the last sent gets, not a resend from 1 as before.
     */
    @Test
    void shouldRejectAResendRequestWhoseBeginSeqNoIsNotPositive() throws Exception
    {
        try (RawFixClient client = loggedOn("CLIENT1", "client1-secret"))
        {
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=b1|55=AAPL|54=1|38=10|40=2|44=189.00" + TRANSACT_TIME);
            assertThat(client.await("8").seq()).isEqualTo(2);

            for (final String range : new String[] {"7=0|16=0", "7=-1|16=5"})
            {
                final int requestSeqNum = client.nextSeqNum();
                client.send(MsgTypes.RESEND_REQUEST, range);
                final RawFixClient.Msg reject = client.await("3");
                assertThat(reject.get(45)).isEqualTo(Integer.toString(requestSeqNum));
                assertThat(reject.get(372)).isEqualTo("2");
                assertThat(reject.get(371)).as("%s", reject).isEqualTo("7");
                assertThat(reject.get(373)).isEqualTo("5");
                assertThat(reject.get(58)).isEqualTo("BeginSeqNo(7) " + range.substring(2, range.indexOf('|')) +
                    " is not a MsgSeqNum: they start at 1");
            }
            client.send(MsgTypes.TEST_REQUEST, "112=after");
            assertThat(client.await("0").get(112)).isEqualTo("after");
            client.drain(Duration.ofMillis(300));
            assertThat(client.all()).as("nothing resent, nothing gap-filled")
                .noneMatch(msg -> "Y".equals(msg.get(43)) || "4".equals(msg.type()));
        }
    }

    /**
     * A ResendRequest always gets an answer: an EndSeqNo beyond the last message sent is read as that last
     * message (nothing is gap-filled beyond it), and a BeginSeqNo beyond it, where there is nothing to resend,
     * gets a Reject naming the field at once instead of silence that leaves the client waiting (as do an
     * EndSeqNo before the BeginSeqNo and a missing one).
     */
    @Test
    void shouldClampAResendRequestsEndSeqNoAndRejectABeginSeqNoBeyondTheLastMessageSent() throws Exception
    {
        try (RawFixClient client = loggedOn("CLIENT1", "client1-secret"))
        {
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=c1|55=AAPL|54=1|38=10|40=2|44=189.00" + TRANSACT_TIME);
            assertThat(client.await("8").seq()).isEqualTo(2);
            client.send(MsgTypes.TEST_REQUEST, "112=t1");
            assertThat(client.await("0").seq()).isEqualTo(3);

            client.send(MsgTypes.RESEND_REQUEST, "7=2|16=50");
            final RawFixClient.Msg resent = client.await(msg -> "8".equals(msg.type()) && "Y".equals(msg.get(43)),
                Duration.ofSeconds(10));
            assertThat(resent.seq()).isEqualTo(2);
            assertThat(resent.get(11)).isEqualTo("c1");
            final RawFixClient.Msg gapFill = client.await("4");
            assertThat(gapFill.seq()).isEqualTo(3);
            assertThat(gapFill.get(36)).as("through the last sent, not EndSeqNo 50").isEqualTo("4");
            client.send(MsgTypes.TEST_REQUEST, "112=t2");
            assertThat(client.await("0").seq()).isEqualTo(4);

            final int requestSeqNum = client.nextSeqNum();
            client.send(MsgTypes.RESEND_REQUEST, "7=9|16=0");
            final RawFixClient.Msg beyond = client.await("3");
            assertThat(beyond.seq()).as("the next MsgSeqNum: it shows the client where this side is").isEqualTo(5);
            assertThat(beyond.get(45)).isEqualTo(Integer.toString(requestSeqNum));
            assertThat(beyond.get(372)).isEqualTo("2");
            assertThat(beyond.get(371)).isEqualTo("7");
            assertThat(beyond.get(373)).isEqualTo("5");
            assertThat(beyond.get(58)).isEqualTo("BeginSeqNo(7) 9 is beyond the last MsgSeqNum sent, 4");
            // The next MsgSeqNum, not sent yet, is beyond too; an EndSeqNo before BeginSeqNo is as wrong.
            client.send(MsgTypes.RESEND_REQUEST, "7=6|16=0");
            assertThat(client.await("3").get(371)).isEqualTo("7");
            client.send(MsgTypes.RESEND_REQUEST, "7=3|16=2");
            final RawFixClient.Msg backwards = client.await("3");
            assertThat(backwards.get(371)).isEqualTo("16");
            assertThat(backwards.seq()).isEqualTo(7);
            client.send(MsgTypes.RESEND_REQUEST, "7=1");
            final RawFixClient.Msg missing = client.await("3");
            assertThat(missing.get(371)).isEqualTo("16");
            assertThat(missing.get(373)).isEqualTo("1");

            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=c2|55=AAPL|54=1|38=10|40=2|44=189.00" + TRANSACT_TIME);
            assertThat(client.await("8").seq()).isEqualTo(9);
            client.drain(Duration.ofMillis(300));
            assertThat(client.all()).as("nothing else: no gap fill, no Logout").isEmpty();
        }
    }

    /**
     * A client may send in-session reset Logons back to back (20,000 in 2 s made 20,000 stderr lines): each is
     * answered, and they are logged as the Reject lines are, a burst then one line a second counting the rest.
     */
    @Test
    void shouldLogInSessionResetsBackToBackInAFewLines() throws Exception
    {
        final int resets = 100;
        try (RawFixClient client = loggedOn("CLIENT1", "client1-secret"))
        {
            for (int i = 0; i < resets; i++)
            {
                client.nextSeqNum(1);
                client.logon("client1-secret", true);
            }
            for (int i = 0; i < resets; i++)
            {
                assertThat(client.await("A").get(141)).isEqualTo("Y");
            }
            final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (exchange.log.stream().noneMatch(line -> line.contains("more sequence resets by a Logon")) &&
                System.nanoTime() < deadline)
            {
                Thread.sleep(20);
            }
        }
        // A burst, and a second one only should the resets have taken more than a second to read (a slow machine).
        assertThat(exchange.log.stream().filter(line -> line.contains("session CLIENT1: sequence numbers reset"))
            .count()).isBetween((long)LogLimit.BURST_LINES, 2L * LogLimit.BURST_LINES);
        assertThat(exchange.log).anyMatch(line -> line.matches("session CLIENT1: \\d+ more sequence resets by a " +
            "Logon while logged on, not logged one by one .*"));
    }

    /**
     * FIX 4.4 vol. 2, the in-session sequence reset: a Logon with ResetSeqNumFlag(141)=Y and MsgSeqNum 1 while
     * logged on resets both directions to 1, is answered by a Logon with 141=Y and MsgSeqNum 1, and the new
     * numbers are the session's from then on, the sent index and a server restart included.
     */
    @Test
    void shouldResetBothSequencesOnALogonWithResetSeqNumFlagWhileLoggedOnAndKeepThemOverARestart() throws Exception
    {
        exchange.close();
        // No cancel-on-disconnect: the restart's Logout is then the last message before it, at a known MsgSeqNum.
        exchange = TestExchange.start(directory.resolve("reset"), java.util.Map.of("gateway.cancelOnDisconnect", "false"));
        try (RawFixClient client = loggedOn("CLIENT1", "client1-secret"))
        {
            for (int i = 1; i <= 3; i++)
            {
                client.send(MsgTypes.NEW_ORDER_SINGLE, "11=pre" + i + "|55=AAPL|54=1|38=10|40=2|44=189.00" + TRANSACT_TIME);
                assertThat(client.await("8").seq()).isEqualTo(1 + i);
            }

            client.nextSeqNum(1);
            client.logon("client1-secret", true);
            final RawFixClient.Msg reset = client.await("A");
            assertThat(reset.seq()).isEqualTo(1);
            assertThat(reset.get(141)).isEqualTo("Y");
            assertThat(reset.get(108)).isEqualTo("30");

            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=post1|55=AAPL|54=1|38=10|40=2|44=189.00" + TRANSACT_TIME);
            final RawFixClient.Msg report = client.await("8");
            assertThat(report.get(11)).isEqualTo("post1");
            assertThat(report.seq()).isEqualTo(2);
            // The sent index restarted with the numbers: 1 the Logon (gap-filled), 2 the report on post1.
            client.send(MsgTypes.RESEND_REQUEST, "7=1|16=0");
            final RawFixClient.Msg gapFill = client.await("4");
            assertThat(gapFill.seq()).isEqualTo(1);
            assertThat(gapFill.get(36)).isEqualTo("2");
            final RawFixClient.Msg resent = client.await("8");
            assertThat(resent.seq()).isEqualTo(2);
            assertThat(resent.get(11)).isEqualTo("post1");
            assertThat(resent.get(43)).isEqualTo("Y");
            client.drain(Duration.ofMillis(300));
            assertThat(client.all()).as("no ResendRequest, Reject or Logout: the reset numbers are in order")
                .noneMatch(msg -> "2".equals(msg.type()) || "3".equals(msg.type()) || "5".equals(msg.type()));

            exchange.restart();
            assertThat(client.await("5").seq()).as("the shutdown's Logout, next after the report").isEqualTo(3);
        }
        assertThat(exchange.log).anyMatch(line -> line.contains("session CLIENT1: sequence numbers reset"));

        try (RawFixClient client = new RawFixClient(exchange.port(), "CLIENT1"))
        {
            client.nextSeqNum(4); // 1 the reset Logon, 2 post1, 3 the ResendRequest
            client.logon("client1-secret", false);
            final RawFixClient.Msg logon = client.await("A");
            assertThat(logon.seq()).isEqualTo(4);
            assertThat(logon.get(141)).isNull();
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=post2|55=AAPL|54=1|38=10|40=2|44=189.00" + TRANSACT_TIME);
            final RawFixClient.Msg report = client.await("8");
            assertThat(report.get(11)).isEqualTo("post2");
            assertThat(report.seq()).isEqualTo(5);
            client.drain(Duration.ofMillis(300));
            assertThat(client.all()).as("the client's numbers carried on too: no ResendRequest, no Logout")
                .noneMatch(msg -> "2".equals(msg.type()) || "5".equals(msg.type()));
        }
    }

    private RawFixClient loggedOn(final String compId, final String password) throws Exception
    {
        return RawFixClient.loggedOn(exchange.port(), compId, password);
    }

    /**
     * NewOrderSingles {@code prefix}1 to {@code prefix}{@code orders}, each with {@code fields} of its number and a
     * TransactTime, 100 to a write; each write's last awaited until an answer to it that {@code answered} accepts.
     */
    private static void sendOrdersInBatches(final RawFixClient client, final String prefix, final int orders,
        final IntFunction<String> fields, final Predicate<RawFixClient.Msg> answered) throws IOException
    {
        for (int i = 1; i <= orders; i += 100)
        {
            final List<Object> batch = new ArrayList<>();
            for (int j = i; j < i + 100 && j <= orders; j++)
            {
                batch.add(MsgTypes.NEW_ORDER_SINGLE);
                batch.add("11=" + prefix + j + fields.apply(j) + TRANSACT_TIME);
            }
            client.sendTogether(batch.toArray());
            final String lastOfBatch = prefix + Math.min(orders, i + 99);
            client.await(msg -> lastOfBatch.equals(msg.get(11)) && answered.test(msg), Duration.ofSeconds(20));
        }
    }
}

package dev.tessera.gateway;

import dev.tessera.fix.MsgTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.ExecID;
import quickfix.field.MsgSeqNum;
import quickfix.field.OrigSendingTime;
import quickfix.field.PossDupFlag;
import quickfix.field.SendingTime;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.fix44.OrderStatusRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.tessera.gateway.RawFixClient.TRANSACT_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application messages the gateway makes itself (throttle rejects, "already pending cancel" rejects, status
 * replies) are resent for a ResendRequest as a FIX engine's message store would resend them: same MsgSeqNum, same
 * body, PossDupFlag=Y and OrigSendingTime their first SendingTime; session messages between them are still gap-filled.
 * A client that lost one in transit (the connection dropped just after it was written) gets it back, also after a
 * restart; a sequence reset forgets them.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GatewayMadeResendTest
{
    private static final String CLIENT1_PASSWORD = "client1-secret";
    private static final String CLIENT2_PASSWORD = "client2-secret";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    Path directory;

    private TestExchange exchange;
    private final List<RawFixClient> clients = new ArrayList<>();

    @AfterEach
    void stop() throws IOException
    {
        for (final RawFixClient client : clients)
        {
            client.close();
        }
        if (exchange != null)
        {
            exchange.close();
        }
    }

    @Test
    void shouldResendThrottleRejectsWithPossDupAndGapFillTheSessionMessages() throws Exception
    {
        final RawFixClient client = logOnThrottledToFivePerSecond();
        final Map<String, RawFixClient.Msg> rejects = floodUntilThrottled(client, "t", 12);
        final int lastSent = lastSeq(client);

        client.send(MsgTypes.RESEND_REQUEST, "7=1|16=0");
        final List<RawFixClient.Msg> resent = awaitResent(client, 1, lastSent);

        assertThat(resent.get(0).type()).as("the Logon: gap-filled").isEqualTo("4");
        assertThat(resent.get(0).get(123)).isEqualTo("Y");
        for (final RawFixClient.Msg original : rejects.values())
        {
            final RawFixClient.Msg again = resent.stream().filter(msg -> msg.seq() == original.seq()).findFirst()
                .orElseThrow();
            assertResentAsSent(again, original);
            assertThat(again.get(150)).isEqualTo("8");
            assertThat(again.get(58)).startsWith("throttle exceeded");
        }
    }

    /** The OrderCancelReject of a second cancel while the first is in flight (CxlRejReason 3), made by the gateway. */
    @Test
    void shouldResendAnAlreadyPendingCancelReject() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("p1"));
        client.awaitReport("p1", "0");
        client.sendTogether(MsgTypes.ORDER_CANCEL_REQUEST, "41=p1|11=p1c1|55=AAPL|54=1" + TRANSACT_TIME,
            MsgTypes.ORDER_CANCEL_REQUEST, "41=p1|11=p1c2|55=AAPL|54=1" + TRANSACT_TIME);
        client.awaitReport("p1c1", "4");
        final RawFixClient.Msg reject = client.await(msg -> "9".equals(msg.type()) && "p1c2".equals(msg.get(11)), WAIT);
        assertThat(reject.get(102)).isEqualTo("3");

        client.send(MsgTypes.RESEND_REQUEST, "7=" + reject.seq() + "|16=" + reject.seq());
        final List<RawFixClient.Msg> resent = awaitResent(client, reject.seq(), reject.seq());
        assertResentAsSent(resent.get(0), reject);
    }

    /**
     * The QA finding: rejects written just before the connection dropped, never read by the client (here it reads
     * them, then acts as if it had lost them). After its relogon, its ResendRequest must bring them, not a gap fill,
     * or its OMS keeps those orders pending new for ever.
     */
    @Test
    void shouldResendRejectsLostWithTheConnectionAfterTheRelogon() throws Exception
    {
        final RawFixClient client = logOnThrottledToFivePerSecond();
        final Map<String, RawFixClient.Msg> lost = floodUntilThrottled(client, "d", 12);
        final int lastSent = lastSeq(client);
        final int firstLost = lost.values().stream().mapToInt(RawFixClient.Msg::seq).min().orElseThrow();
        client.close();
        exchange.awaitLog("session CLIENT1 disconnected", 1, WAIT);

        final RawFixClient again = logOnAgain(client);
        again.send(MsgTypes.RESEND_REQUEST, "7=" + firstLost + "|16=" + lastSent);
        final List<RawFixClient.Msg> resent = awaitResent(again, firstLost, lastSent);
        for (final RawFixClient.Msg original : lost.values())
        {
            assertResentAsSent(resent.stream().filter(msg -> msg.seq() == original.seq()).findFirst().orElseThrow(),
                original);
        }
    }

    /** The store is a file beside the session's others: a restart keeps it, as it keeps the MsgSeqNums. */
    @Test
    void shouldResendAStatusReplyAfterARestart() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=nosuch|55=AAPL|54=1");
        final RawFixClient.Msg status = client.awaitReport("nosuch", "I");
        client.close();
        exchange.restart();

        final RawFixClient again = logOnAgain(client);
        again.send(MsgTypes.RESEND_REQUEST, "7=" + status.seq() + "|16=" + status.seq());
        assertResentAsSent(awaitResent(again, status.seq(), status.seq()).get(0), status);
    }

    /**
     * The file removed while the server was stopped: start-up says so, and a resend gap-fills what it held rather than
     * send whatever a later record at the same place holds.
     */
    @Test
    void shouldGapFillAndWarnOfMadeMessagesWhoseFileWasRemoved() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=gone|55=AAPL|54=1");
        final RawFixClient.Msg status = client.awaitReport("gone", "I");
        client.close();
        exchange.stop();
        Files.delete(directory.resolve("sessions").resolve("CLIENT1.made"));
        exchange.restart();
        exchange.awaitLog("CLIENT1.made is missing or cut short: 1 message(s) the gateway made itself", 1, WAIT);

        final RawFixClient again = logOnAgain(client);
        again.send(MsgTypes.ORDER_STATUS_REQUEST, "11=later|55=AAPL|54=1"); // a new record where the old one was
        again.awaitReport("later", "I");
        again.send(MsgTypes.RESEND_REQUEST, "7=" + status.seq() + "|16=" + status.seq());
        final RawFixClient.Msg gapFill = awaitResent(again, status.seq(), status.seq()).get(0);
        assertThat(gapFill.type()).isEqualTo("4");
        assertThat(gapFill.get(36)).isEqualTo(Integer.toString(status.seq() + 1));
    }

    /** A sequence reset starts the numbering again: a resend of the new numbers never brings a message of the old. */
    @Test
    void shouldForgetTheMadeMessagesAtASequenceReset() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=old1|55=AAPL|54=1");
        client.awaitReport("old1", "I");
        client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=old2|55=AAPL|54=1");
        client.awaitReport("old2", "I");
        client.close();

        final RawFixClient again = logOn("CLIENT1", CLIENT1_PASSWORD); // 141=Y: both directions start at 1
        again.send(MsgTypes.ORDER_STATUS_REQUEST, "11=new1|55=AAPL|54=1");
        final RawFixClient.Msg status = again.awaitReport("new1", "I");
        assertThat(status.seq()).isEqualTo(2);
        again.send(MsgTypes.TEST_REQUEST, "112=ping");
        again.await("0");
        final int lastSent = lastSeq(again);

        again.send(MsgTypes.RESEND_REQUEST, "7=1|16=0");
        final List<RawFixClient.Msg> resent = awaitResent(again, 1, lastSent);
        assertResentAsSent(resent.get(1), status);
        assertThat(resent).noneMatch(msg -> "old1".equals(msg.get(11)) || "old2".equals(msg.get(11)));
    }

    /**
     * QuickFIX/J, as a firm's OMS: a status reply it never got (its store taken back to before it, as if the connection
     * had dropped with it unread) is asked for by its own ResendRequest when the next message shows the gap, and comes
     * as a possible duplicate it validates and hands to the application, not as a gap fill it would skip.
     */
    @Test
    void shouldGiveAQuickFixJClientTheStatusReplyItMissedAsAPossibleDuplicate() throws Exception
    {
        start(Map.of());
        try (QuickFixClients quickFix = new QuickFixClients(directory.resolve("qfj")))
        {
            final QuickFixClient client = quickFix.logon(exchange.port(), "CLIENT1", CLIENT1_PASSWORD);
            client.send(statusRequest("lost1"));
            final Message first = client.await(message -> clOrdId(message).equals("lost1"), WAIT);
            final int lostSeqNum = first.getHeader().getInt(MsgSeqNum.FIELD);
            // QuickFIX/J hands a message to the application before it counts it: taken back before that, the count
            // would overwrite it, and the next reply would come in sequence (a flake seen once in a clean clone).
            final long deadline = System.nanoTime() + WAIT.toNanos();
            while (client.session().getExpectedTargetNum() <= lostSeqNum && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
            assertThat(client.session().getExpectedTargetNum()).isEqualTo(lostSeqNum + 1);

            client.session().setNextTargetMsgSeqNum(lostSeqNum);
            client.send(statusRequest("next1"));
            final Message again = client.await(message -> clOrdId(message).equals("lost1"), WAIT);

            assertThat(again.getHeader().getInt(MsgSeqNum.FIELD)).isEqualTo(lostSeqNum);
            assertThat(again.getHeader().getBoolean(PossDupFlag.FIELD)).isTrue();
            assertThat(again.getHeader().getString(OrigSendingTime.FIELD))
                .isEqualTo(first.getHeader().getString(SendingTime.FIELD));
            assertThat(again.getString(ExecID.FIELD)).isEqualTo(first.getString(ExecID.FIELD));
            client.await(message -> clOrdId(message).equals("next1"), WAIT);
            assertThat(client.rejectsSent()).as("QuickFIX/J found every message valid").isEmpty();
        }
    }

    private static OrderStatusRequest statusRequest(final String clOrdId)
    {
        final OrderStatusRequest status = new OrderStatusRequest(new ClOrdID(clOrdId), new Side(Side.BUY));
        status.set(new Symbol("AAPL"));
        return status;
    }

    private static String clOrdId(final Message message)
    {
        try
        {
            return message.isSetField(ClOrdID.FIELD) ? message.getString(ClOrdID.FIELD) : "";
        }
        catch (final FieldNotFound ex)
        {
            throw new AssertionError(ex);
        }
    }

    /**
     * Many made messages in one range (a client that polled its orders' status all day): more than the outbound buffer
     * holds, so the resend goes in parts as the client reads, every MsgSeqNum once and in order, the client never
     * dropped as a slow consumer.
     */
    @Test
    void shouldResendMoreMadeMessagesThanTheOutboundBufferHoldsInParts() throws Exception
    {
        start(Map.of("gateway.maxOutboundBytes", "262144", "gateway.sessions", "[" +
            "{ compId = CLIENT1, ownerId = 1, password = " + CLIENT1_PASSWORD + ", throttleMessagesPerSecond = 1000000 }," +
            "{ compId = CLIENT2, ownerId = 2, password = " + CLIENT2_PASSWORD + " } ]"));
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final int requests = 6_000; // ~1.5 MB of status replies, six times the outbound bound
        for (int sent = 0; sent < requests; sent += 500)
        {
            final ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = sent; i < sent + 500; i++)
            {
                burst.write(client.encode(MsgTypes.ORDER_STATUS_REQUEST, client.nextSeqNum() + i - sent,
                    "11=s" + i + "|55=AAPL|54=1"));
            }
            client.nextSeqNum(client.nextSeqNum() + 500);
            client.sendRaw(burst.toByteArray());
            final String last = "s" + (sent + 499);
            client.await(msg -> last.equals(msg.get(11)), WAIT);
            client.all().clear();
        }
        final int lastSent = lastSeq(client);
        client.all().clear();

        client.send(MsgTypes.RESEND_REQUEST, "7=1|16=0");
        final List<RawFixClient.Msg> resent = awaitResent(client, 1, lastSent);
        assertThat(resent).filteredOn(msg -> "8".equals(msg.type()) && "I".equals(msg.get(150))).hasSize(requests);
        assertThat(exchange.log).noneMatch(line -> line.contains("slow consumer"));
    }

    /**
     * Sends {@code count} orders in one write over a throttle of 5 a second and reads every answer.
     *
     * @return the throttle rejects by ClOrdID.
     */
    private static Map<String, RawFixClient.Msg> floodUntilThrottled(final RawFixClient client, final String prefix,
        final int count) throws IOException
    {
        final ByteArrayOutputStream burst = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++)
        {
            burst.write(client.encode(MsgTypes.NEW_ORDER_SINGLE, client.nextSeqNum() + i, order(prefix + i)));
        }
        client.nextSeqNum(client.nextSeqNum() + count);
        client.sendRaw(burst.toByteArray());
        final Map<String, RawFixClient.Msg> rejects = new HashMap<>();
        for (int i = 0; i < count; i++)
        {
            final RawFixClient.Msg answer = client.awaitReport(prefix + i);
            if ("8".equals(answer.get(150)))
            {
                rejects.put(prefix + i, answer);
            }
        }
        assertThat(rejects).as("a second's worth of burst is accepted, the rest throttled").hasSizeGreaterThan(3);
        return rejects;
    }

    /** The answer to a ResendRequest for {@code from..through}: every MsgSeqNum accounted for once, in order. */
    private static List<RawFixClient.Msg> awaitResent(final RawFixClient client, final int from, final int through)
        throws IOException
    {
        final List<RawFixClient.Msg> resent = new ArrayList<>();
        int next = from;
        while (next <= through)
        {
            final RawFixClient.Msg msg = client.await(m -> "Y".equals(m.get(43)), WAIT);
            assertThat(msg.seq()).as("in MsgSeqNum order, none left out: %s", msg).isEqualTo(next);
            resent.add(msg);
            next = "4".equals(msg.type()) ? Integer.parseInt(msg.get(36)) : next + 1;
        }
        assertThat(next).as("nothing beyond the range").isEqualTo(through + 1);
        return resent;
    }

    private static void assertResentAsSent(final RawFixClient.Msg again, final RawFixClient.Msg original)
    {
        assertThat(again.type()).as("%s resent as %s", original, again).isEqualTo(original.type());
        assertThat(again.seq()).isEqualTo(original.seq());
        assertThat(again.get(43)).isEqualTo("Y");
        assertThat(again.get(122)).as("OrigSendingTime: its first SendingTime; %s resent as %s", original, again).isEqualTo(original.get(52));
        assertThat(RawFixClient.withoutHeader(again)).as("the same body").isEqualTo(RawFixClient.withoutHeader(original));
        assertThat(bodyFields(again.wire(), "\u0001122=")).as("its fields, in the same order")
            .isEqualTo(bodyFields(original.wire(), "\u000152="));
    }

    /** The fields after the header field {@code lastHeaderField} starts, up to the CheckSum. */
    private static String bodyFields(final String wire, final String lastHeaderField)
    {
        final int from = wire.indexOf('\u0001', wire.indexOf(lastHeaderField) + 1) + 1;
        return wire.substring(from, wire.lastIndexOf("10="));
    }

    private static int lastSeq(final RawFixClient client) throws IOException
    {
        client.drain(QUIET);
        client.send(MsgTypes.TEST_REQUEST, "112=last");
        return client.await(msg -> "0".equals(msg.type()) && "last".equals(msg.get(112)), WAIT).seq();
    }

    private RawFixClient logOnThrottledToFivePerSecond() throws IOException
    {
        start(Map.of("gateway.sessions", "[" +
            "{ compId = CLIENT1, ownerId = 1, password = " + CLIENT1_PASSWORD + ", throttleMessagesPerSecond = 5 }," +
            "{ compId = CLIENT2, ownerId = 2, password = " + CLIENT2_PASSWORD + " } ]"));
        return logOn("CLIENT1", CLIENT1_PASSWORD);
    }

    private void start(final Map<String, String> overrides)
    {
        exchange = TestExchange.start(directory, overrides);
    }

    private RawFixClient connect(final String compId) throws IOException
    {
        final RawFixClient client = new RawFixClient(exchange.port(), compId);
        clients.add(client);
        return client;
    }

    /** CLIENT1 on a new connection, going on from {@code before}'s MsgSeqNums (no reset). */
    private RawFixClient logOnAgain(final RawFixClient before) throws IOException
    {
        final RawFixClient again = connect("CLIENT1");
        again.nextSeqNum(before.nextSeqNum());
        again.logon(CLIENT1_PASSWORD, false);
        again.await("A");
        return again;
    }

    private RawFixClient logOn(final String compId, final String password) throws IOException
    {
        final RawFixClient client = connect(compId);
        client.logon(password, true);
        client.await("A");
        return client;
    }

    /** A day limit buy of 100 AAPL, far below the market: it rests. */
    private static String order(final String clOrdId)
    {
        return "11=" + clOrdId + "|55=AAPL|54=1|38=100|40=2|44=189.00|59=0" + TRANSACT_TIME;
    }
}

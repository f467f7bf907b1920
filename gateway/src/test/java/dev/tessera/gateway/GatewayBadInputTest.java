package dev.tessera.gateway;

import dev.tessera.fix.FixMessage;
import dev.tessera.fix.MsgTypes;
import dev.tessera.fix.UtcTimestamp;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import static dev.tessera.gateway.RawFixClient.TRANSACT_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client can do wrong, on purpose or by accident, and what the gateway does about it: each
 * bad input costs at most the connection that sent it, and every test ends by showing that the
 * server still runs and that CLIENT2, logged on before the bad input, still trades.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class GatewayBadInputTest
{
    private static final String CLIENT1_PASSWORD = "client1-secret";
    private static final String CLIENT2_PASSWORD = "client2-secret";
    private static final String POSS_DUP = "|43=Y|122=20261122-08:00:00.000";
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Long enough for the gateway to have answered a message if it were going to. */
    private static final Duration QUIET = Duration.ofMillis(300);
    /** The Logout of CLIENT1 throttled to 5 a second, at the default floodLogoutMultiple, 10. */
    private static final String FLOOD_LOGOUT_TEXT =
        "flood: 50 messages in one second, 10 x throttleMessagesPerSecond 5; logging out";

    @TempDir
    Path directory;

    private TestExchange exchange;
    private final List<RawFixClient> clients = new ArrayList<>();
    /** CLIENT2, logged on before the bad input: it must keep trading whatever CLIENT1 does. */
    private RawFixClient bystander;
    private int bystanderOrders;

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

    // ------------------------------------------------------------------ garbage

    @Test
    void shouldDropAConnectionThatSendsGarbageBeforeLogonWithoutAnswering() throws Exception
    {
        start(Map.of());
        final RawFixClient client = connect("CLIENT1");

        client.sendRaw("GET / HTTP/1.1\r\nHost: tessera\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(client.awaitClosed(WAIT)).isTrue();
        assertThat(client.all()).isEmpty();
        assertThat(exchange.log).noneMatch(line -> line.contains("logged on from") && line.contains("CLIENT1"));
        assertStillTrading();
        assertCanLogOn("CLIENT1", CLIENT1_PASSWORD);
    }

    /**
     * QA 96: of the connections refused before a logon, only a bad password was logged; an unknown CompID, a second
     * logon of a live session, another FIX version or garbage left the on-boarding desk nothing to go on. Each is one
     * line now, naming the client's address and why.
     */
    @Test
    void shouldLogEveryConnectionClosedBeforeALogonSayingWhy() throws Exception
    {
        start(Map.of());
        final RawFixClient live = logOn("CLIENT1", CLIENT1_PASSWORD);

        final RawFixClient stranger = connect("NOBODY");
        stranger.logon("x", true);
        assertThat(stranger.awaitClosed(WAIT)).isTrue();
        awaitLog("closed before a logon: logon refused for NOBODY: unknown SenderCompID");

        final RawFixClient second = connect("CLIENT1");
        second.logon(CLIENT1_PASSWORD, true);
        assertThat(second.awaitClosed(WAIT)).isTrue();
        awaitLog("closed before a logon: logon refused for CLIENT1: session CLIENT1 is already logged on");

        final RawFixClient fix42 = connect("CLIENT2");
        fix42.sendRaw(withBeginString(fix42.encode(MsgTypes.LOGON, 1, "98=0|108=30|141=Y|554=" + CLIENT1_PASSWORD),
            "FIX.4.2"));
        assertThat(fix42.awaitClosed(WAIT)).isTrue();
        awaitLog("closed before a logon: not a FIX 4.4 logon: a message of FIX.4.2");

        final RawFixClient wrongPassword = connect("CLIENT2");
        wrongPassword.logon("wrong", true);
        assertThat(wrongPassword.awaitClosed(WAIT)).isTrue();
        awaitLog("closed before a logon: logon refused for CLIENT2: invalid username or password");
        assertThat(exchange.log).filteredOn(line -> line.startsWith("gateway: connection from /127.0.0.1:"))
            .hasSize(4);
        live.send(MsgTypes.TEST_REQUEST, "112=still");
        assertThat(live.await("0").get(112)).as("the live session is untouched").isEqualTo("still");
        assertStillTrading();
    }

    /**
     * QA 129 F4: past the 10 lines a second, refused logons were only counted, with no CompID: a password guesser
     * showed up as "N more connection(s)". The count now names the sessions whose passwords were tried.
     */
    @Test
    void shouldNameTheSessionsWhosePasswordsAreGuessedBeyondTheLinesLogged() throws Exception
    {
        start(Map.of());
        final int guesses = LogLimit.BURST_LINES + 15;
        for (int i = 0; i < guesses; i++)
        {
            try (RawFixClient guesser = connect("CLIENT2"))
            {
                guesser.logon("guess" + i, true);
                assertThat(guesser.await("5").get(58)).isEqualTo("invalid SenderCompID, username or password");
                assertThat(guesser.awaitClosed(WAIT)).isTrue();
            }
        }
        awaitLog("more connection(s) closed before a logon, not logged one by one (at most " + LogLimit.BURST_LINES +
            " lines, then one a second); among them logons refused for a wrong username or password: CLIENT2 ");
        // A count still pending is logged within a second.
        final long deadline = System.nanoTime() + WAIT.toNanos();
        long loggedOrCounted;
        do
        {
            Thread.sleep(50);
            final long counted = List.copyOf(exchange.log).stream()
                .filter(line -> line.contains("among them logons refused for a wrong username or password: CLIENT2 "))
                .mapToLong(line -> Long.parseLong(line.substring(line.lastIndexOf(' ') + 1))).sum();
            loggedOrCounted = counted + List.copyOf(exchange.log).stream()
                .filter(line -> line.contains("logon refused for CLIENT2: invalid username or password")).count();
        }
        while (loggedOrCounted < guesses && System.nanoTime() < deadline);
        assertThat(loggedOrCounted).as("every guess logged or counted under CLIENT2").isEqualTo(guesses);
        assertStillTrading();
    }

    /** QA 129: a message beyond the field limit was refused as "malformed message: other (tag 55)". */
    @Test
    void shouldSayAMessageHasMoreFieldsThanTheLimit() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final StringBuilder symbols = new StringBuilder("262=many|263=0|264=1|267=1|269=0|146=260");
        for (int i = 0; i < 260; i++)
        {
            symbols.append("|55=AAPL");
        }
        client.send(MsgTypes.MARKET_DATA_REQUEST, symbols.toString());
        final RawFixClient.Msg reject = client.await("3");
        assertThat(reject.get(373)).isEqualTo("99");
        assertThat(reject.get(58)).isEqualTo("malformed message: more than " + FixMessage.DEFAULT_MAX_FIELDS +
            " fields (tag 55)");
        assertStillTrading();
    }

    @Test
    void shouldIgnoreGarbageAfterLogonAndProcessTheNextMessage() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);

        client.sendRaw(new byte[] {0, (byte)0xFF, 'x', '=', 1, '8', '=', 'F', 'I', 'X', 1, '\n'});
        client.sendRaw("8=FIX.4.2\u00019=5\u000135=0\u000110=000\u0001".getBytes(StandardCharsets.US_ASCII));
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("g1", "AAPL", "189.00"));

        final RawFixClient.Msg report = awaitReport(client, "g1");
        assertThat(report.get(39)).isEqualTo("0");
        assertThat(client.all()).noneMatch(msg -> "3".equals(msg.type()) || "5".equals(msg.type()));
        assertThat(exchange.log).anyMatch(line -> line.contains("garbled message ignored: it does not begin with 8=FIX.4.4"));
        assertStillTrading();
    }

    /**
     * Not garbage: a whole, well-formed message of another FIX version. FIX (and QuickFIX/J) answers a Logout
     * naming the incorrect BeginString and disconnects, also when the message follows garbage.
     */
    @Test
    void shouldLogOutAndDisconnectASessionThatSendsAMessageOfAnotherFixVersion() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);

        final byte[] fix42 = withBeginString(client.encode(MsgTypes.NEW_ORDER_SINGLE, client.nextSeqNum(),
            order("v42", "AAPL", "189.00")), "FIX.4.2");
        final byte[] afterGarbage = new byte[3 + fix42.length];
        System.arraycopy(fix42, 0, afterGarbage, 3, fix42.length);
        afterGarbage[0] = 'x';
        afterGarbage[1] = 1;
        afterGarbage[2] = '8';
        client.sendRaw(afterGarbage);

        final RawFixClient.Msg logout = client.await("5");
        assertThat(logout.get(58)).isEqualTo(
            "Incorrect BeginString: message version 'FIX.4.2' does not match the session version 'FIX.4.4'");
        assertThat(client.awaitClosed(WAIT)).isTrue();
        assertThat(client.all()).as("the order went nowhere").noneMatch(msg -> "8".equals(msg.type()));
        assertStillTrading();

        // Before logon, a Logon of another version is not this gateway's: the connection goes, unanswered.
        final RawFixClient other = connect("CLIENT1");
        other.sendRaw(withBeginString(other.encode(MsgTypes.LOGON, 1, "98=0|108=30|141=Y|554=" + CLIENT1_PASSWORD),
            "FIX.4.2"));
        assertThat(other.awaitClosed(WAIT)).isTrue();
        assertThat(other.all()).isEmpty();
        assertCanLogOn("CLIENT1", CLIENT1_PASSWORD);
    }

    // ------------------------------------------------------------------ framing

    @Test
    void shouldIgnoreAMessageWithAWrongChecksumAndAskForItAgainWhenTheNextOneShowsTheGap() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final int garbledSeqNum = client.nextSeqNum();

        client.sendRaw(withWrongChecksum(client.encode(MsgTypes.NEW_ORDER_SINGLE, garbledSeqNum,
            order("c1", "AAPL", "189.00"))));
        client.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, garbledSeqNum + 1, order("c2", "AAPL", "189.01"));

        final RawFixClient.Msg resendRequest = client.await("2");
        assertThat(resendRequest.get(7)).isEqualTo(Integer.toString(garbledSeqNum));
        assertThat(resendRequest.get(16)).isEqualTo("0");
        client.drain(QUIET);
        assertThat(client.all()).as("neither order may be processed before the gap is filled")
            .noneMatch(msg -> "8".equals(msg.type()));

        // The client resends both, in order: each is processed exactly once.
        client.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, garbledSeqNum, order("c1", "AAPL", "189.00") + POSS_DUP);
        client.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, garbledSeqNum + 1, order("c2", "AAPL", "189.01") + POSS_DUP);
        assertThat(awaitReport(client, "c1").get(39)).isEqualTo("0");
        assertThat(awaitReport(client, "c2").get(39)).isEqualTo("0");
        client.nextSeqNum(garbledSeqNum + 2);
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("c3", "AAPL", "189.02"));
        assertThat(awaitReport(client, "c3").get(39)).isEqualTo("0");
        client.drain(QUIET);
        assertThat(client.all()).noneMatch(msg -> "8".equals(msg.type()));
        assertThat(exchange.log).anyMatch(line -> line.contains("garbled message ignored: its CheckSum(10) does not add up"));
        assertStillTrading();
    }

    /**
     * A logged-on client's flood of garbled messages made one stderr line each (20,000 for 20,000): now at most the
     * burst of lines, then one a second counting the rest, as for rejects; the session trades on.
     */
    @Test
    void shouldLogAFloodOfGarbledMessagesInAFewLines() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final byte[] garbled = withWrongChecksum(client.encode(MsgTypes.HEARTBEAT, client.nextSeqNum(), ""));
        final int flood = 2_000;
        final byte[] all = new byte[garbled.length * flood];
        for (int i = 0; i < flood; i++)
        {
            System.arraycopy(garbled, 0, all, i * garbled.length, garbled.length);
        }
        client.sendRaw(all);
        awaitLog("more garbled messages ignored, not logged one by one");

        // A burst, and a second one only should the flood have taken more than a second to read (a slow machine).
        assertThat(exchange.log.stream().filter(line -> line.contains("garbled message ignored: its CheckSum(10) " +
            "does not add up")).count()).isBetween((long)LogLimit.BURST_LINES, 2L * LogLimit.BURST_LINES);
        final long counted = exchange.log.stream().filter(line -> line.contains("more garbled messages ignored"))
            .mapToLong(line -> Long.parseLong(line.replaceAll(".*: (\\d+) more garbled.*", "$1"))).sum();
        assertThat(counted).as("the rest counted, so far").isPositive().isLessThanOrEqualTo(flood - LogLimit.BURST_LINES);
        client.send(MsgTypes.TEST_REQUEST, "112=after-garbled");
        assertThat(client.await(msg -> "0".equals(msg.type()) && "after-garbled".equals(msg.get(112)), WAIT))
            .as("the session is still answered").isNotNull();
    }

    @Test
    void shouldIgnoreAMessageWithAWrongBodyLengthWithoutConsumingItsMsgSeqNum() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);

        int id = 0;
        for (final int lengthError : new int[] {-5, 20})
        {
            final int seqNum = client.nextSeqNum();
            final byte[] valid = client.encode(MsgTypes.NEW_ORDER_SINGLE, seqNum, order("bad" + id, "AAPL", "189.00"));
            client.sendRaw(withBodyLength(valid, Integer.toString(bodyLength(valid) + lengthError)));
            // The same MsgSeqNum again: the garbled message did not use it up.
            client.send(MsgTypes.NEW_ORDER_SINGLE, order("good" + id, "AAPL", "189.00"));
            assertThat(awaitReport(client, "good" + id).get(39)).as("BodyLength off by %d", lengthError).isEqualTo("0");
            id++;
        }
        final byte[] valid = client.encode(MsgTypes.NEW_ORDER_SINGLE, client.nextSeqNum(), order("bad9", "AAPL", "189.00"));
        client.sendRaw(withBodyLength(valid, "1x4"));
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("good9", "AAPL", "189.00"));
        assertThat(awaitReport(client, "good9").get(39)).isEqualTo("0");

        client.drain(QUIET);
        assertThat(client.all()).as("no ResendRequest, no Reject, no report for a garbled order")
            .noneMatch(msg -> "2".equals(msg.type()) || "3".equals(msg.type()) || "8".equals(msg.type()));
        assertThat(exchange.log).anyMatch(line -> line.contains("garbled message ignored: no CheckSum(10) where its BodyLength(9) ends"));
        assertThat(exchange.log).anyMatch(line -> line.contains("garbled message ignored: its BodyLength(9) is no length"));
        assertStillTrading();
    }

    /**
     * A BodyLength(9) far longer than its message (within the maximum): the gateway must not wait for the bytes it
     * announces, which the client, waiting for its answers, never sends. The message's own CheckSum field shows
     * where it ended: it is ignored at once and the messages behind it are answered within a heartbeat interval.
     */
    @Test
    void shouldAnswerTheMessagesBehindAMessageWhoseBodyLengthIsTooLongWithoutWaitingForItsBytes() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final Duration prompt = Duration.ofSeconds(3);

        final int seqNum = client.nextSeqNum();
        final byte[] valid = client.encode(MsgTypes.NEW_ORDER_SINGLE, seqNum, order("long1", "AAPL", "189.00"));
        final byte[] tooLong = withBodyLength(valid, Integer.toString(bodyLength(valid) + 5000));
        final byte[] order = client.encode(MsgTypes.NEW_ORDER_SINGLE, seqNum, order("after1", "AAPL", "189.00"));
        final byte[] testRequest = client.encode(MsgTypes.TEST_REQUEST, seqNum + 1, "112=after-long");
        assertThat(tooLong.length + order.length + testRequest.length).as("fewer bytes than the BodyLength claims")
            .isLessThan(5000);
        client.sendRaw(concat(tooLong, order, testRequest));
        client.nextSeqNum(seqNum + 2);

        assertThat(client.await(msg -> "8".equals(msg.type()) && "after1".equals(msg.get(11)), prompt).get(39))
            .isEqualTo("0");
        assertThat(client.await(msg -> "0".equals(msg.type()), prompt).get(112)).isEqualTo("after-long");
        awaitLog("garbled message ignored: its BodyLength(9) counts past its CheckSum(10)");

        // Alone, with nothing after it: its trailer is there, so it is ignored as soon as it is read.
        final byte[] lone = withBodyLength(client.encode(MsgTypes.NEW_ORDER_SINGLE, client.nextSeqNum(),
            order("long2", "AAPL", "189.00")), "7000");
        client.sendRaw(lone);
        awaitLog("garbled message ignored: its BodyLength(9) counts past its CheckSum(10)", 2);
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("after2", "AAPL", "189.00"));
        assertThat(client.await(msg -> "8".equals(msg.type()) && "after2".equals(msg.get(11)), prompt).get(39))
            .isEqualTo("0");

        client.drain(QUIET);
        assertThat(client.all()).as("no ResendRequest, no Reject, no report for either garbled order")
            .noneMatch(msg -> "2".equals(msg.type()) || "3".equals(msg.type()) ||
                "long1".equals(msg.get(11)) || "long2".equals(msg.get(11)));
        assertStillTrading();
    }

    /**
     * A message cut short, with no trailer and a BodyLength beyond what came, at the end of the stream: nothing can
     * tell yet whether more of it is on its way. The heartbeat rules decide: the gateway's TestRequest, when the
     * client has been silent for its heartbeat interval, is answered by a Heartbeat whose BeginString shows where
     * the cut message ended (it is ignored, the Heartbeat processed, the session goes on); a client that does not
     * answer is logged out with a line that names the held bytes.
     */
    @Test
    void shouldLetTheHeartbeatRulesDecideAboutAMessageCutShortAtTheEndOfTheStream() throws Exception
    {
        start(Map.of());
        final RawFixClient client = connect("CLIENT1");
        client.send(MsgTypes.LOGON, "98=0|108=1|141=Y|554=" + CLIENT1_PASSWORD);
        client.await("A");
        final String cut = "8=FIX.4.4\u00019=400\u000135=D\u000134=" + client.nextSeqNum() + "\u000149=CLIENT1\u0001";
        client.sendRaw(cut.getBytes(StandardCharsets.US_ASCII));

        final RawFixClient.Msg testRequest = client.await(msg -> "1".equals(msg.type()), WAIT);
        client.send(MsgTypes.HEARTBEAT, "112=" + testRequest.get(112));
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("cut1", "AAPL", "189.00"));
        assertThat(awaitReport(client, "cut1").get(39)).isEqualTo("0");
        awaitLog("garbled message ignored: its BodyLength(9) counts past its CheckSum(10)");

        // Again, and this time the client stays silent: a Logout that says why, then the disconnect.
        final String silentCut = "8=FIX.4.4\u00019=400\u000135=D\u000134=" + client.nextSeqNum() + "\u0001";
        client.sendRaw(silentCut.getBytes(StandardCharsets.US_ASCII));
        final RawFixClient.Msg logout = client.await(msg -> "5".equals(msg.type()), WAIT);
        assertThat(logout.get(58)).startsWith("no heartbeat: silent for ")
            .endsWith(" s (" + silentCut.length() + " bytes of an unfinished message held: BodyLength(9) longer than sent?)");
        assertThat(client.awaitClosed(WAIT)).isTrue();
        assertThat(exchange.log).anyMatch(line -> line.contains("session CLIENT1: logout: no heartbeat") &&
            line.contains("bytes of an unfinished message held"));
        assertStillTrading();
    }

    /**
     * A message longer than the maximum is rejected and its MsgSeqNum used up, the session kept: a Logout would leave
     * the number unread, and the client, asked for it again at its next Logon, would resend it for ever. Longer than
     * the inbound buffer too (twice the maximum), so its rest is skipped as it arrives, never held; a message sent
     * right behind it in the same write is read as usual.
     */
    @Test
    void shouldRejectAMessageLongerThanTheMaximumUsingUpItsMsgSeqNumAndKeepTheSession() throws Exception
    {
        start(Map.of("gateway.maxMessageBytes", "1024"));
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final int bigSeqNum = client.nextSeqNum();

        client.sendTogether(MsgTypes.NEW_ORDER_SINGLE, order("big", "AAPL", "189.00") + "|58=" + "x".repeat(5000),
            MsgTypes.NEW_ORDER_SINGLE, order("after", "AAPL", "188.00"));

        final RawFixClient.Msg reject = client.await("3");
        assertThat(reject.get(45)).isEqualTo(Integer.toString(bigSeqNum));
        assertThat(reject.get(373)).isEqualTo("99");
        assertThat(reject.get(371)).isEqualTo("9");
        assertThat(reject.get(372)).isEqualTo("D");
        assertThat(reject.get(58)).contains("longer than the maximum of 1024 bytes");
        assertThat(awaitReport(client, "after").get(39)).isEqualTo("0");
        assertThat(client.all()).noneMatch(msg -> "5".equals(msg.type()) || "2".equals(msg.type()) ||
            "big".equals(msg.get(11)));

        // A reject that long is not answered (a reject never is), its number used up all the same.
        client.send(MsgTypes.REJECT, "45=1|58=" + "x".repeat(5000));
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("after2", "AAPL", "188.00"));
        assertThat(awaitReport(client, "after2").get(39)).isEqualTo("0");
        assertThat(client.all()).as("no Reject after the order's (taken above)").noneMatch(msg -> "3".equals(msg.type()));

        // Its number is used up: the next Logon, without a reset, shows no gap and asks for nothing.
        client.send(MsgTypes.LOGOUT, "");
        client.await("5");
        assertThat(client.awaitClosed(WAIT)).isTrue();
        final RawFixClient again = connect("CLIENT1");
        again.nextSeqNum(client.nextSeqNum());
        again.logon(CLIENT1_PASSWORD, false);
        again.await("A");
        again.send(MsgTypes.NEW_ORDER_SINGLE, order("again", "AAPL", "187.00"));
        assertThat(awaitReport(again, "again").get(39)).isEqualTo("0");
        assertThat(again.all()).noneMatch(msg -> "2".equals(msg.type()));
        assertStillTrading();
    }

    /**
     * The rest of a message longer than the maximum, skipped as it arrives, is the client sending: a large message
     * that comes slowly (here over three heartbeat intervals of 1 s) must not get the session a TestRequest it cannot
     * answer before the message ends, nor a disconnect for silence.
     */
    @Test
    void shouldCountTheSkippedRestOfAMessageLongerThanTheMaximumAsTheClientSending() throws Exception
    {
        start(Map.of("gateway.maxMessageBytes", "1024"));
        final RawFixClient client = connect("CLIENT1");
        client.send(MsgTypes.LOGON, "98=0|108=1|141=Y|554=" + CLIENT1_PASSWORD);
        client.await("A");
        final byte[] big = client.encode(MsgTypes.NEW_ORDER_SINGLE, client.nextSeqNum(),
            order("slow", "AAPL", "189.00") + "|58=" + "x".repeat(24_000));
        client.nextSeqNum(client.nextSeqNum() + 1);

        client.sendRaw(Arrays.copyOf(big, 2048));
        assertThat(client.await("3").get(373)).isEqualTo("99");
        final int pieces = 12;
        final int pieceLength = (big.length - 2048 + pieces - 1) / pieces;
        for (int from = 2048; from < big.length; from += pieceLength)
        {
            Thread.sleep(250);
            client.sendRaw(Arrays.copyOfRange(big, from, Math.min(big.length, from + pieceLength)));
        }
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("afterSlow", "AAPL", "188.00"));
        assertThat(awaitReport(client, "afterSlow").get(39)).isEqualTo("0");
        assertThat(client.all()).as("heard from all along: no TestRequest, no Logout")
            .noneMatch(msg -> "1".equals(msg.type()) || "5".equals(msg.type()));
        assertThat(exchange.log).noneMatch(line -> line.contains("no heartbeat"));
        assertStillTrading();
    }

    /** Without a MsgSeqNum in its header the message cannot be accounted for: Logout, saying why. */
    @Test
    void shouldLogOutAClientWhoseMessageLongerThanTheMaximumHasNoMsgSeqNum() throws Exception
    {
        start(Map.of("gateway.maxMessageBytes", "1024"));
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);

        final String body = "35=D|49=CLIENT1|56=TESSERA|52=20261122-08:00:00.000|58=" + "x".repeat(2000) + "|";
        client.sendRaw(("8=FIX.4.4|9=" + body.length() + "|" + body + "10=000|").replace('|', '\u0001')
            .getBytes(StandardCharsets.US_ASCII));

        final RawFixClient.Msg logout = client.await("5");
        assertThat(logout.get(58)).startsWith("message longer than 1024 bytes")
            .contains("without a readable MsgSeqNum(34)");
        assertThat(client.awaitClosed(WAIT)).isTrue();
        assertStillTrading();
        assertCanLogOn("CLIENT1", CLIENT1_PASSWORD);
    }

    // ------------------------------------------------------------------ required tags

    @Test
    void shouldRejectAMessageWithoutARequiredTagNamingTheTagAndKeepTheSession() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);

        assertRequiredTagMissing(client, "D", "11=ns1|55=AAPL|38=100|40=2|44=189.00|59=0" + TRANSACT_TIME, 54);

        final int noPriceSeqNum = client.nextSeqNum();
        client.send(MsgTypes.NEW_ORDER_SINGLE, "11=np1|55=AAPL|54=1|38=100|40=2|59=0" + TRANSACT_TIME);
        final RawFixClient.Msg noPrice = client.await("3");
        assertThat(noPrice.get(45)).isEqualTo(Integer.toString(noPriceSeqNum));
        assertThat(noPrice.get(373)).isEqualTo("1");
        assertThat(noPrice.get(371)).isEqualTo("44");
        assertThat(noPrice.get(58)).contains("Price(44)");

        // Two OrderQty: which one counts would be a guess, so neither does.
        final int twiceSeqNum = client.nextSeqNum();
        client.send(MsgTypes.NEW_ORDER_SINGLE, "11=dq1|55=AAPL|54=1|38=1|38=500|40=2|44=189.00|59=0" + TRANSACT_TIME);
        final RawFixClient.Msg twice = client.await("3");
        assertThat(twice.get(45)).isEqualTo(Integer.toString(twiceSeqNum));
        assertThat(twice.get(373)).isEqualTo("13");
        assertThat(twice.get(371)).isEqualTo("38");

        // The rejected messages used up their MsgSeqNums: the next one follows without a gap.
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("ok1", "AAPL", "189.00"));
        assertThat(awaitReport(client, "ok1").get(39)).isEqualTo("0");
        client.drain(QUIET);
        assertThat(client.all()).noneMatch(msg -> "8".equals(msg.type()) || "2".equals(msg.type()));
        assertStillTrading();
    }

    /**
     * Fields FIX 4.4 marks required that the gateway once did without: TransactTime(60) on NewOrderSingle,
     * OrderCancelRequest, OrderCancelReplaceRequest and OrderMassCancelRequest, Symbol(55) and Side(54) on
     * OrderCancelRequest, OrderCancelReplaceRequest and OrderStatusRequest, OrdType(40) on OrderCancelReplaceRequest,
     * ClOrdID(11) on OrderStatusRequest (also one that names its order by OrderID), MarketDepth(264), NoMDEntryTypes(267)
     * and NoRelatedSym(146) on MarketDataRequest (an end too). Each gets Reject(3) 373=1 naming the tag and is not
     * acted on: the cancels, replaces and the mass cancel below would each have changed rq1. Account(1) and
     * HandlInst(21), optional in FIX 4.4, are not asked for: no order here has them.
     */
    @Test
    void shouldRejectARequestWithoutAFieldFix44MarksRequiredAndLeaveTheOrderAsItWas() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final String orderId = restingOrderId(client, "rq1");

        assertRequiredTagMissing(client, "D", "11=rq2|55=AAPL|54=1|38=100|40=2|44=189.00|59=0", 60);
        assertRequiredTagMissing(client, "F", "41=rq1|11=rq3|55=AAPL|54=1|38=100", 60);
        assertRequiredTagMissing(client, "G", "41=rq1|11=rq4|55=AAPL|54=1|38=50|40=2|44=189.50", 60);
        assertRequiredTagMissing(client, "H", "37=" + orderId + "|55=AAPL|54=1", 11);
        assertRequiredTagMissing(client, "V", "262=rq5|263=1|267=1|269=0|146=1|55=AAPL", 264);
        assertRequiredTagMissing(client, "V", "262=rq5|263=2|267=1|269=0|146=1|55=AAPL", 264);

        assertRequiredTagMissing(client, "F", "41=rq1|11=rq6|55=AAPL|38=100" + TRANSACT_TIME, 54);
        assertRequiredTagMissing(client, "F", "41=rq1|11=rq6|54=1|38=100" + TRANSACT_TIME, 55);
        assertRequiredTagMissing(client, "G", "41=rq1|11=rq7|55=AAPL|38=50|40=2|44=189.50" + TRANSACT_TIME, 54);
        assertRequiredTagMissing(client, "G", "41=rq1|11=rq7|54=1|38=50|40=2|44=189.50" + TRANSACT_TIME, 55);
        assertRequiredTagMissing(client, "G", "41=rq1|11=rq7|55=AAPL|54=1|38=50|44=189.50" + TRANSACT_TIME, 40);
        assertRequiredTagMissing(client, "H", "11=rq1|55=AAPL", 54);
        assertRequiredTagMissing(client, "H", "11=rq1|54=1", 55);
        assertRequiredTagMissing(client, "H", "37=" + orderId + "|11=rq1|54=1", 55);
        assertRequiredTagMissing(client, "q", "11=rq8|530=7", 60);
        assertRequiredTagMissing(client, "q", "11=rq8|530=1|55=AAPL", 60);
        assertRequiredTagMissing(client, "V", "262=rq9|263=1|264=1|146=1|55=AAPL", 267);
        assertRequiredTagMissing(client, "V", "262=rq9|263=0|264=1|267=1|269=0", 146);
        assertRequiredTagMissing(client, "V", "262=rq9|263=2|264=1|146=1|55=AAPL", 267);
        assertRequiredTagMissing(client, "V", "262=rq9|263=2|264=1|267=1|269=0", 146);
        // Several missing: the first of the type's table is named.
        assertRequiredTagMissing(client, "G", "41=rq1|11=rq7|38=50|44=189.50", 55);

        // Not cancelled, not replaced, no order rq2, no market data: the rejected messages did nothing.
        assertRestsAsEntered(client, "rq1", orderId);
        client.drain(QUIET);
        assertThat(client.all()).noneMatch(msg -> "8".equals(msg.type()) || "9".equals(msg.type()) ||
            "W".equals(msg.type()) || "X".equals(msg.type()) || "Y".equals(msg.type()));
        assertStillTrading();
    }

    /** A limit replace needs its Price(44), as a limit NewOrderSingle does; it was taken as keeping the order's. */
    @Test
    void shouldRejectALimitReplaceWithoutPriceAndLeaveTheOrderAsItWas() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final String orderId = restingOrderId(client, "rp1");

        assertRequiredTagMissing(client, "G", "41=rp1|11=rp2|55=AAPL|54=1|38=50|40=2" + TRANSACT_TIME, 44);
        assertRequiredTagMissing(client, "D", "11=rp3|55=AAPL|54=1|38=50|40=2" + TRANSACT_TIME, 44);

        assertRestsAsEntered(client, "rp1", orderId);
        client.drain(QUIET);
        assertThat(client.all()).noneMatch(msg -> "9".equals(msg.type()) ||
            "8".equals(msg.type()) && ("rp2".equals(msg.get(11)) || "rp3".equals(msg.get(11))));
    }

    /**
     * QA 129: an order sent on behalf of another firm (OnBehalfOfCompID 115) or to one (DeliverToCompID 128) was taken
     * as the session's own. This venue routes nothing: Reject(3) 373=9 (CompID problem) naming the field, nothing
     * entered, and the session goes on.
     */
    @Test
    void shouldRefuseAnApplicationMessageSentOnBehalfOfOrToAnotherFirm() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);

        client.send(MsgTypes.NEW_ORDER_SINGLE, "115=CLIENT2|11=ob1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" +
            TRANSACT_TIME);
        final RawFixClient.Msg reject = client.await("3");
        assertThat(reject.get(373)).isEqualTo("9");
        assertThat(reject.get(371)).isEqualTo("115");
        assertThat(reject.get(58)).isEqualTo("OnBehalfOfCompID(115) is not supported: this venue takes a session's " +
            "messages for its own firm only, no third-party routing");
        assertSessionReject(client, "q", "128=CLIENT2|11=ob2|530=7" + TRANSACT_TIME, "9", 128);
        client.send(MsgTypes.NEW_ORDER_SINGLE, "11=ob3|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME);
        assertThat(client.await(msg -> "8".equals(msg.type()) && "ob3".equals(msg.get(11)), Duration.ofSeconds(10))
            .get(150)).as("the session goes on").isEqualTo("0");
        client.drain(QUIET);
        assertThat(client.all()).noneMatch(msg -> "ob1".equals(msg.get(11)) || "ob2".equals(msg.get(11)));
    }

    /**
     * NoMDEntryTypes(267) and NoRelatedSym(146) must count their entries: Reject(3) 373=16 naming the count otherwise,
     * and no snapshot or subscription (neither the count nor the entries can be taken for what the client meant).
     */
    @Test
    void shouldRejectAMarketDataRequestWhoseGroupCountDisagreesWithItsEntries() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);

        assertSessionReject(client, "V", "262=g1|263=1|264=1|267=2|269=0|146=1|55=AAPL", "16", 267);
        assertSessionReject(client, "V", "262=g2|263=1|264=1|267=1|269=0|269=1|146=1|55=AAPL", "16", 267);
        assertSessionReject(client, "V", "262=g3|263=0|264=1|267=1|269=0|146=2|55=AAPL", "16", 146);
        assertSessionReject(client, "V", "262=g4|263=0|264=1|267=1|269=0|146=1|55=AAPL|55=MSFT", "16", 146);

        client.drain(QUIET);
        assertThat(client.all()).noneMatch(msg -> "W".equals(msg.type()) || "X".equals(msg.type()) ||
            "Y".equals(msg.type()));
        // Counted right, the same request is served.
        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=g5|263=0|264=1|267=2|269=0|269=1|146=1|55=AAPL");
        assertThat(client.await("W").get(262)).isEqualTo("g5");
    }

    /**
     * An MDReqID is the client's bytes: one with bytes above 0x7F is echoed as sent, and two that differ only there are
     * two ids (before, both were decoded to the same replacement character: the second was refused as a duplicate of
     * the first, and ending it ended the first).
     */
    @Test
    void shouldTellMarketDataRequestIdsApartByEveryByteAndEchoThemAsSent() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);

        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=S\u00e9|263=1|264=1|267=1|269=0|146=1|55=AAPL");
        assertThat(client.await("W").get(262)).isEqualTo("S\u00e9");
        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=S\u00fc|263=1|264=1|267=1|269=0|146=1|55=MSFT");
        final RawFixClient.Msg second = client.await(msg -> "W".equals(msg.type()) || "Y".equals(msg.type()), WAIT);
        assertThat(second.type()).as("another id: served, not a duplicate").isEqualTo("W");
        assertThat(second.get(262)).isEqualTo("S\u00fc");

        // Ending the second leaves the first: ending the first again then finds it (no Y), and only then is it gone.
        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=S\u00fc|263=2|264=1|267=1|269=0|146=1|55=MSFT");
        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=S\u00e9|263=2|264=1|267=1|269=0|146=1|55=AAPL");
        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=S\u00e9|263=2|264=1|267=1|269=0|146=1|55=AAPL");
        final RawFixClient.Msg notSubscribed = client.await("Y");
        assertThat(notSubscribed.get(262)).isEqualTo("S\u00e9");
        assertThat(notSubscribed.get(58)).startsWith("not subscribed");
        client.drain(QUIET);
        assertThat(client.all()).as("no other MarketDataRequestReject").noneMatch(msg -> "Y".equals(msg.type()));
    }

    /**
     * A MarketDepth(264) that is no number is malformed (Reject(3) 373=6, as a Price that is none), not an unserved depth;
     * NoMDEntryTypes(267)=0 asks for nothing and is refused (281=8), not served as bids and offers.
     */
    @Test
    void shouldRejectAMarketDataRequestForNoEntryTypeOrWithADepthThatIsNoNumber() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);

        assertSessionReject(client, "V", "262=n1|263=0|264=x|267=1|269=0|146=1|55=AAPL", "6", 264);
        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=n2|263=0|264=1|267=0|146=1|55=AAPL");
        final RawFixClient.Msg reject = client.await("Y");
        assertThat(reject.get(262)).isEqualTo("n2");
        assertThat(reject.get(281)).isEqualTo("8");
        assertThat(reject.get(58)).contains("NoMDEntryTypes(267)");
        client.drain(QUIET);
        assertThat(client.all()).noneMatch(msg -> "W".equals(msg.type()));
    }

    /**
     * A cancel or replace whose OrigClOrdID(41) breaks the ClOrdID rule names no order: CxlRejReason 1 (unknown order)
     * and a Text naming OrigClOrdID, not the request's own, valid, ClOrdID.
     */
    @Test
    void shouldTellAnOrigClOrdIdOutsideTheRuleFromABadClOrdId() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final String tooLong = "C".repeat(40);

        client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=" + tooLong + "|11=k1|55=AAPL|54=1" + TRANSACT_TIME);
        final RawFixClient.Msg cancelReject = client.await("9");
        assertThat(cancelReject.get(11)).isEqualTo("k1");
        assertThat(cancelReject.get(102)).isEqualTo("1");
        assertThat(cancelReject.get(58)).startsWith("unknown order: OrigClOrdID(41)");

        client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=k0|11=" + tooLong + "|55=AAPL|54=1" + TRANSACT_TIME);
        final RawFixClient.Msg badClOrdId = client.await(msg -> "9".equals(msg.type()) && !"k1".equals(msg.get(11)), WAIT);
        assertThat(badClOrdId.get(102)).isEqualTo("99");
        assertThat(badClOrdId.get(58)).startsWith("ClOrdID must be");
    }

    /** A malformed message's Reject(3) says in its Text what is wrong where, not only "malformed message". */
    @Test
    void shouldSayWhatIsWrongInTheRejectOfAMalformedMessage() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final int seqNum = client.nextSeqNum();
        final byte[] encoded = client.encode(MsgTypes.TEST_REQUEST, seqNum, "112=t1");
        // MsgType(35) moved from the third field to the fourth, after SenderCompID(49).
        final String wire = new String(encoded, StandardCharsets.US_ASCII);
        final String moved = wire.replaceFirst("\u000135=1\u000149=CLIENT1\u0001", "\u000149=CLIENT1\u000135=1\u0001");
        assertThat(moved).isNotEqualTo(wire);
        client.nextSeqNum(seqNum + 1);
        client.sendRaw(withCheckSum(moved.substring(0, moved.length() - "10=NNN\u0001".length())));

        final RawFixClient.Msg reject = client.await("3");
        assertThat(reject.get(373)).isEqualTo("14");
        assertThat(reject.get(58)).isEqualTo("malformed message: tag specified out of required order (tag 35)");
        assertStillTrading();
    }

    /**
     * A MarketDataRequest field outside its groups given twice (MDReqID, SubscriptionRequestType, MarketDepth,
     * MDUpdateType, NoMDEntryTypes, NoRelatedSym) is ambiguous, as an order's are: Reject(3) 373=13 naming it, and
     * no snapshot, subscription or end. Before, the first occurrence counted silently (a second NoRelatedSym was
     * taken for a wrong count, 373=16). The groups' MDEntryType(269) and Symbol(55) still repeat, once an entry.
     */
    @Test
    void shouldRejectAMarketDataRequestGivingAFieldOutsideItsGroupsTwice() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=live|263=1|264=1|267=1|269=0|146=1|55=AAPL");
        assertThat(client.await("W").get(262)).isEqualTo("live");

        assertSessionReject(client, "V", "262=d1|262=d2|263=0|264=1|267=1|269=0|146=1|55=AAPL", "13", 262);
        assertSessionReject(client, "V", "262=d3|263=0|263=1|264=1|267=1|269=0|146=1|55=AAPL", "13", 263);
        assertSessionReject(client, "V", "262=d4|263=0|264=1|264=5|267=1|269=0|146=1|55=AAPL", "13", 264);
        assertSessionReject(client, "V", "262=d5|263=1|264=1|265=1|265=0|267=1|269=0|146=1|55=AAPL", "13", 265);
        assertSessionReject(client, "V", "262=d6|263=0|264=1|267=1|269=0|267=1|269=1|146=1|55=AAPL", "13", 267);
        assertSessionReject(client, "V", "262=d7|263=0|264=1|267=1|269=0|146=1|55=AAPL|146=1|55=MSFT", "13", 146);
        // An end whose MDReqID is given twice ends nothing: which subscription it meant would be a guess.
        assertSessionReject(client, "V", "262=live|262=other|263=2|264=1|267=1|269=0|146=1|55=AAPL", "13", 262);

        client.drain(QUIET);
        assertThat(client.all()).noneMatch(msg -> "Y".equals(msg.type()) ||
            "W".equals(msg.type()) && !"live".equals(msg.get(262)));
        // Groups with several entries are no duplicates; the subscription above still lives (a second is refused).
        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=d8|263=0|264=1|267=2|269=0|269=1|146=2|55=AAPL|55=MSFT");
        assertThat(client.await("W").get(262)).isEqualTo("d8");
        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=live|263=1|264=1|267=1|269=0|146=1|55=AAPL");
        assertThat(client.await("Y").get(281)).as("still subscribed").isEqualTo("1");
    }

    /**
     * OrderQty(38) and Price(44) are FIX floats: text that is no such number (letters, an exponent, a '+') is an
     * incorrect data format, Reject(3) 373=6 with RefTagID the tag, on a NewOrderSingle and on a replace, and nothing
     * is entered or replaced; a well formed value the venue refuses stays a business reject (whole lots, above).
     */
    @Test
    void shouldRejectAQuantityOrPriceThatIsNoNumberAsIncorrectDataFormat() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final String orderId = restingOrderId(client, "nf1");

        assertSessionReject(client, "D", order("nf2", "AAPL", "189.00").replace("|38=100|", "|38=abc|"), "6", 38);
        assertSessionReject(client, "D", order("nf3", "AAPL", "189.00").replace("|44=189.00|", "|44=1e2|"), "6", 44);
        assertSessionReject(client, "D", order("nf4", "AAPL", "189.00").replace("|44=189.00|", "|44=+189.5|"), "6", 44);
        assertSessionReject(client, "G", "41=nf1|11=nf5|55=AAPL|54=1|38=50|40=2|44=18x.50" + TRANSACT_TIME, "6", 44);
        assertSessionReject(client, "G", "41=nf1|11=nf6|55=AAPL|54=1|38=5O|40=2|44=189.50" + TRANSACT_TIME, "6", 38);

        assertRestsAsEntered(client, "nf1", orderId);
        client.drain(QUIET);
        assertThat(client.all()).noneMatch(msg -> "8".equals(msg.type()) || "9".equals(msg.type()));
        assertStillTrading();
    }

    /**
     * TransactTime(60) is a UTCTimestamp: YYYYMMDD-HH:MM:SS, or with 3, 6, 9 or 12 fraction digits. Any other text
     * gets Reject(3) 373=6 (incorrect data format for value) with RefTagID 60 and RefMsgType, and the message is not
     * acted on (no order, rq1 neither cancelled nor replaced nor mass cancelled), on every message type that requires
     * it. An empty value is a tag without a value, 373=4, as for any field. The forms standard engines send pass:
     * QuickFIX/J's default milliseconds, whole seconds, and micro-, nano- and picoseconds.
     */
    @Test
    void shouldRejectATransactTimeThatIsNoUtcTimestampAndAcceptEveryFormFixAllows() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final String orderId = restingOrderId(client, "tf1");

        final List<String> malformed = List.of("20261123-25:00:00", "2026-11-23T10:00:00", "20261123-10:00",
            "20261123-10:00:00.1234", "20261123-10:00:00.123Z", "20261131-10:00:00", "now");
        for (final String transactTime : malformed)
        {
            final String time = "|60=" + transactTime;
            assertSessionReject(client, "D", "11=tf2|55=AAPL|54=2|38=100|40=2|44=189.00|59=0" + time, "6", 60);
            assertSessionReject(client, "F", "41=tf1|11=tf3|55=AAPL|54=1" + time, "6", 60);
            assertSessionReject(client, "G", "41=tf1|11=tf4|55=AAPL|54=1|38=50|40=2|44=189.50" + time, "6", 60);
            assertSessionReject(client, "q", "11=tf5|530=7" + time, "6", 60);
        }
        client.send(MsgTypes.NEW_ORDER_SINGLE, "11=tf2|55=AAPL|54=2|38=100|40=2|44=189.00|59=0|60=20261123-10:00:00.1");
        assertThat(client.await("3").get(58)).contains("TransactTime(60) must be a UTCTimestamp");
        // The parser refuses an empty value for any field; the Reject still names the message's type.
        client.send(MsgTypes.NEW_ORDER_SINGLE, "11=tf2|55=AAPL|54=2|38=100|40=2|44=189.00|59=0|60=");
        final RawFixClient.Msg empty = client.await("3");
        assertThat(empty.get(373)).as("tag without a value: %s", empty).isEqualTo("4");
        assertThat(empty.get(371)).isEqualTo("60");
        assertThat(empty.get(372)).as("RefMsgType").isEqualTo("D");

        // No sell tf2 entered (self-trade prevention would have cancelled it), tf1 unchanged, nothing reported.
        assertRestsAsEntered(client, "tf1", orderId);
        client.drain(QUIET);
        assertThat(client.all()).noneMatch(msg -> "8".equals(msg.type()) || "9".equals(msg.type()) ||
            "r".equals(msg.type()) || "3".equals(msg.type()));
        assertThat(bystander.all()).noneMatch(msg -> "8".equals(msg.type()));

        final List<String> valid = List.of("20261123-10:00:00", "20261123-10:00:00.123", "20261123-10:00:00.123456",
            "20261123-10:00:00.123456789", "20261123-10:00:00.123456789012", "20161231-23:59:60");
        for (int i = 0; i < valid.size(); i++)
        {
            final String clOrdId = "tv" + i;
            client.send(MsgTypes.NEW_ORDER_SINGLE,
                "11=" + clOrdId + "|55=MSFT|54=1|38=1|40=2|44=410.00|59=0|60=" + valid.get(i));
            assertThat(awaitReport(client, clOrdId).get(39)).as("TransactTime %s", valid.get(i)).isEqualTo("0");
        }
        client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=tv0|11=tv0c|55=MSFT|54=1|60=20261123-10:00:00");
        assertThat(awaitReport(client, "tv0c").get(150)).isEqualTo("4");
        client.send(MsgTypes.ORDER_MASS_CANCEL_REQUEST, "11=tvm|530=1|55=MSFT|60=20261123-10:00:00.123456");
        assertThat(client.await("r").get(533)).as("tv1 to tv5 cancelled").isEqualTo("5");
        assertThat(client.all()).noneMatch(msg -> "3".equals(msg.type()));
        assertStillTrading();
    }

    /**
     * An end of a subscription (263=2) needs what FIX 4.4 marks required on every MarketDataRequest, as MarketDepth(264)
     * always did: without NoMDEntryTypes(267) or NoRelatedSym(146) it gets Reject(3) 373=1 naming the tag, and the
     * subscription goes on; a complete one ends it.
     */
    @Test
    void shouldKeepASubscriptionWhoseEndLacksARequiredGroup() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=sub1|263=1|264=1|267=1|269=0|146=1|55=AAPL");
        assertThat(client.await("W").get(262)).isEqualTo("sub1");

        assertRequiredTagMissing(client, "V", "262=sub1|263=2|264=1|146=1|55=AAPL", 267);
        assertRequiredTagMissing(client, "V", "262=sub1|263=2|264=1|267=1|269=0", 146);
        assertRequiredTagMissing(client, "V", "262=sub1|263=2|267=1|269=0|146=1|55=AAPL", 264);
        bystander.send(MsgTypes.NEW_ORDER_SINGLE, order("sb1", "AAPL", "189.00"));
        assertThat(client.await("X").get(262)).as("still subscribed").isEqualTo("sub1");

        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=sub1|263=2|264=1|267=1|269=0|146=1|55=AAPL");
        client.drain(QUIET);
        final int updates = (int)client.all().stream().filter(msg -> "X".equals(msg.type())).count();
        bystander.send(MsgTypes.NEW_ORDER_SINGLE, order("sb2", "AAPL", "189.01"));
        assertThat(awaitReport(bystander, "sb2").get(39)).isEqualTo("0");
        client.drain(QUIET);
        assertThat(client.all().stream().filter(msg -> "X".equals(msg.type())).count()).as("ended").isEqualTo(updates);
        assertThat(client.all()).noneMatch(msg -> "Y".equals(msg.type()));
    }

    /**
     * Updates go out as MarketDataIncrementalRefresh (X) only: a subscription asking for full refreshes
     * (MDUpdateType 265=0) gets MarketDataRequestReject 281=6 (unsupported MDUpdateType) and nothing else, so its
     * MDReqID is free; 265=1 and no 265 are subscriptions as before.
     */
    @Test
    void shouldRefuseASubscriptionToFullRefreshUpdates() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final String request = "|264=1|267=1|269=0|146=1|55=AAPL";

        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=full1|263=1|265=0" + request);
        final RawFixClient.Msg refused = client.await("Y");
        assertThat(refused.get(262)).isEqualTo("full1");
        assertThat(refused.get(281)).as("unsupported MDUpdateType").isEqualTo("6");
        assertThat(refused.get(58)).contains("MDUpdateType(265)=1");
        client.drain(QUIET);
        assertThat(client.all()).noneMatch(msg -> "W".equals(msg.type()));

        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=full1|263=1|265=1" + request);
        assertThat(client.await("W").get(262)).as("the refused request held no subscription").isEqualTo("full1");
        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=none1|263=1" + request);
        assertThat(client.await("W").get(262)).isEqualTo("none1");
        bystander.send(MsgTypes.NEW_ORDER_SINGLE, order("bid1", "AAPL", "189.00"));
        assertThat(client.await("X").get(262)).isIn("full1", "none1");
        assertThat(client.all()).noneMatch(msg -> "Y".equals(msg.type()));
        assertStillTrading();
    }

    /** QA 114 O1: an order-by-order book (AggregatedBook 266=N) was served as price levels; 281=7 now, 266=Y served. */
    @Test
    void shouldRefuseAnOrderByOrderBookAndServeAnAggregatedOne() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final String request = "|264=1|267=1|269=0|146=1|55=AAPL";

        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=orders1|263=1|266=N" + request);
        final RawFixClient.Msg refused = client.await("Y");
        assertThat(refused.get(262)).isEqualTo("orders1");
        assertThat(refused.get(281)).as("unsupported AggregatedBook").isEqualTo("7");
        assertThat(refused.get(58)).contains("AggregatedBook(266)=Y");
        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=snap1|263=0|266=N" + request);
        assertThat(client.await("Y").get(262)).as("a snapshot too").isEqualTo("snap1");
        client.drain(QUIET);
        assertThat(client.all()).noneMatch(msg -> "W".equals(msg.type()));

        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=orders1|263=1|266=Y" + request);
        assertThat(client.await("W").get(262)).as("the refused request held no subscription").isEqualTo("orders1");
        assertStillTrading();
    }

    /**
     * QA 117 C2: an AggregatedBook that is no Boolean (Y or N) was refused as an order-by-order book (281=7); it is
     * malformed, as a MarketDepth that is no number is: Reject(3) 373=6 with RefTagID 266, and nothing is served. Given
     * twice it is refused as any field outside the groups is (373=13).
     */
    @Test
    void shouldRejectAnAggregatedBookThatIsNoBoolean() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final String request = "|264=1|267=1|269=0|146=1|55=AAPL";

        assertSessionReject(client, "V", "262=agg1|263=1|266=X" + request, "6", 266);
        assertSessionReject(client, "V", "262=agg2|263=0|266=y" + request, "6", 266);
        assertSessionReject(client, "V", "262=agg3|263=1|266=YY" + request, "6", 266);
        assertSessionReject(client, "V", "262=agg4|263=1|266=Y|266=Y" + request, "13", 266);
        client.drain(QUIET);
        assertThat(client.all()).noneMatch(msg -> "W".equals(msg.type()) || "Y".equals(msg.type()));
        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=agg1|263=1|266=Y" + request);
        assertThat(client.await("W").get(262)).as("the rejected request held no subscription").isEqualTo("agg1");
        assertStillTrading();
    }

    /**
     * At most 50 price levels a side are served: the full book (MarketDepth 0) and a deeper one get
     * MarketDataRequestReject 281=5 (unsupported MarketDepth) and nothing else, never a book cut short that a client
     * would take for the whole (its level 51 then arriving as a "new" one); 50 is served whole.
     */
    @Test
    void shouldRefuseADepthBeyondFiftyLevelsAndTheFullBookAndServeFifty() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        for (int level = 0; level < 52; level++)
        {
            bystander.send(MsgTypes.NEW_ORDER_SINGLE, order("ask" + level, '2', "AAPL",
                String.format("%d.%d0", 190 + level / 10, level % 10)));
            assertThat(awaitReport(bystander, "ask" + level).get(39)).isEqualTo("0");
        }

        for (final String depth : new String[] {"0", "51", "1000"})
        {
            client.send(MsgTypes.MARKET_DATA_REQUEST, "262=deep" + depth + "|263=1|264=" + depth +
                "|267=1|269=1|146=1|55=AAPL");
            final RawFixClient.Msg refused = client.await("Y");
            assertThat(refused.get(262)).isEqualTo("deep" + depth);
            assertThat(refused.get(281)).as("unsupported MarketDepth").isEqualTo("5");
            assertThat(refused.get(58)).isEqualTo("MarketDepth(264) must be 1 to 50 price levels a side: a deeper " +
                "book, or the full book (0), is not served");
        }
        client.drain(QUIET);
        assertThat(client.all()).noneMatch(msg -> "W".equals(msg.type()));

        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=deep50|263=1|264=50|267=1|269=1|146=1|55=AAPL");
        final RawFixClient.Msg snapshot = client.await("W");
        assertThat(snapshot.get(268)).isEqualTo("50");
        bystander.send(MsgTypes.NEW_ORDER_SINGLE, order("ask52", '2', "AAPL", "189.50"));
        assertThat(client.await("X").get(262)).isEqualTo("deep50");
        assertStillTrading();
    }

    /**
     * FIX has every cancel and replace carry a ClOrdID of its own: one whose ClOrdID(11) is its OrigClOrdID(41) gets
     * OrderCancelReject 102=6 (duplicate ClOrdID) with the order's OrderID and OrdStatus, and the order stays as it was.
     */
    @Test
    void shouldRejectACancelOrReplaceWhoseClOrdIdIsItsOrigClOrdId() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final String orderId = restingOrderId(client, "same1");

        client.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST,
            "41=same1|11=same1|55=AAPL|54=1|38=50|40=2|44=189.50" + TRANSACT_TIME);
        assertSameClOrdIdRejected(client.await("9"), "2", orderId);
        client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=same1|11=same1|55=AAPL|54=1|38=100" + TRANSACT_TIME);
        assertSameClOrdIdRejected(client.await("9"), "1", orderId);

        assertRestsAsEntered(client, "same1", orderId);
        // A new ClOrdID is all it takes.
        client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=same1|11=same2|55=AAPL|54=1|38=100" + TRANSACT_TIME);
        assertThat(awaitReport(client, "same2").get(150)).isEqualTo("4");
        assertThat(client.all()).noneMatch(msg -> "8".equals(msg.type()) || "9".equals(msg.type()));
        assertStillTrading();
    }

    private static void assertSameClOrdIdRejected(final RawFixClient.Msg reject, final String responseTo,
        final String orderId)
    {
        assertThat(reject.get(434)).as("CxlRejResponseTo of %s", reject).isEqualTo(responseTo);
        assertThat(reject.get(102)).as("CxlRejReason: duplicate ClOrdID").isEqualTo("6");
        assertThat(reject.get(11)).isEqualTo("same1");
        assertThat(reject.get(41)).isEqualTo("same1");
        assertThat(reject.get(37)).isEqualTo(orderId);
        assertThat(reject.get(39)).as("the order is live, unchanged").isEqualTo("0");
        assertThat(reject.get(58)).isEqualTo("ClOrdID(11) is the OrigClOrdID(41): a cancel or replace needs a new " +
            "ClOrdID of its own");
    }

    /** {@code body} sent as {@code msgType} gets Reject(3) 373=1 (required tag missing) with RefTagID {@code tag}. */
    private static void assertRequiredTagMissing(final RawFixClient client, final String msgType, final String body,
        final int tag) throws IOException
    {
        assertSessionReject(client, msgType, body, "1", tag);
    }

    /** {@code body} sent as {@code msgType} gets Reject(3) with SessionRejectReason {@code reason} and RefTagID {@code tag}. */
    private static void assertSessionReject(final RawFixClient client, final String msgType, final String body,
        final String reason, final int tag) throws IOException
    {
        final int seqNum = client.nextSeqNum();
        client.send(MsgTypes.code(msgType), body);
        final RawFixClient.Msg reject = client.await("3");
        assertThat(reject.get(45)).as("RefSeqNum of %s", reject).isEqualTo(Integer.toString(seqNum));
        assertThat(reject.get(372)).isEqualTo(msgType);
        assertThat(reject.get(373)).as("SessionRejectReason of %s", reject).isEqualTo(reason);
        assertThat(reject.get(371)).as("RefTagID of %s", reject).isEqualTo(Integer.toString(tag));
    }

    // ------------------------------------------------------------------ load

    @Test
    void shouldDisconnectAClientThatStopsReadingWhileTheOthersKeepTrading() throws Exception
    {
        start(Map.of("gateway.maxMessageBytes", "1024", "gateway.maxOutboundBytes", "8192"));
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD, 4096);

        // CLIENT1 sends orders and never reads their reports: they back up into the gateway.
        int sent = 0;
        boolean disconnected = false;
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!disconnected && sent < 20_000 && System.nanoTime() < deadlineNs)
        {
            try
            {
                client.send(MsgTypes.NEW_ORDER_SINGLE, order("s" + sent, "AAPL", "189.00"));
            }
            catch (final IOException ex)
            {
                disconnected = true;
                continue;
            }
            if (++sent == 150)
            {
                final long startNs = System.nanoTime();
                assertStillTrading();
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs))
                    .as("CLIENT2's order acknowledged while CLIENT1's reports pile up").isLessThan(2_000);
            }
        }

        assertThat(disconnected).as("the gateway dropped CLIENT1 after %d orders", sent).isTrue();
        awaitLog("session CLIENT1 disconnected (slow consumer");
        assertStillTrading();

        // Back again, it is sent all it missed, far more than the outbound bound, and trades on.
        final RawFixClient back = logOn("CLIENT1", CLIENT1_PASSWORD);
        back.send(MsgTypes.NEW_ORDER_SINGLE, order("back", "MSFT", "410.00"));
        assertThat(awaitReport(back, "back").get(39)).isEqualTo("0");
        final Set<String> cancelledOnDisconnect = back.all().stream()
            .filter(msg -> "8".equals(msg.type()) && "4".equals(msg.get(150)))
            .map(msg -> msg.get(11))
            .collect(Collectors.toSet());
        final int sentInAll = sent;
        assertThat(cancelledOnDisconnect).hasSizeGreaterThan(100).contains("s0", "s1", "s99")
            // Orders over the session's throttle were rejected at once and never rested: not every s<n> is here.
            .allMatch(clOrdId -> clOrdId.matches("s\\d+") && Integer.parseInt(clOrdId.substring(1)) < sentInAll);
        // Whether the gateway had to stop part way depends on how much the returning client's socket had
        // taken when the gateway last looked at its outbound queue (a client reading at once may take it
        // all; under load it was seen both ways): either is right, what counts is that all of it arrived.
        assertThat(exchange.log).anyMatch(line ->
            line.contains("session CLIENT1: part of the catch-up sent") || line.contains("session CLIENT1: caught up"));
        assertStillTrading();
    }

    /**
     * A snapshot echoes its MDReqID whole, so it can be as long as the longest message a client may send: a
     * client that sends such requests and does not read is a slow consumer like any other, and no snapshot is
     * ever written beyond the outbound buffer (where the queue stands when one comes is up to the sockets: the
     * rule itself is ConnectionTest's).
     */
    @Test
    void shouldDisconnectAClientThatDoesNotReadSnapshotsUnderALongMDReqIDAsASlowConsumer() throws Exception
    {
        start(Map.of("gateway.maxMessageBytes", "65536", "gateway.maxOutboundBytes", "262144"));
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD, 4096);
        final String longId = "x".repeat(60_000);

        boolean disconnected = false;
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int i = 0; !disconnected && i < 2_000 && System.nanoTime() < deadlineNs; i++)
        {
            try
            {
                client.send(MsgTypes.MARKET_DATA_REQUEST, "262=" + longId + i + "|263=0|264=1|267=1|269=0|146=1|55=AAPL");
            }
            catch (final IOException ex)
            {
                disconnected = true;
            }
        }

        assertThat(disconnected).as("the gateway dropped CLIENT1").isTrue();
        awaitLog("session CLIENT1 disconnected (slow consumer");
        assertThat(exchange.log).noneMatch(line -> line.contains("internal error") || line.contains("error on connection"));
        assertStillTrading();
    }

    @Test
    void shouldDropAClientThatDoesNotReadTheLogoutItIsSent() throws Exception
    {
        // A bound far above what this test queues: the slow-consumer check is not what ends it.
        start(Map.of("gateway.maxOutboundBytes", Integer.toString(16 << 20)));
        final int levels = 50;
        final ByteArrayOutputStream book = new ByteArrayOutputStream();
        for (int i = 0; i < levels; i++)
        {
            book.write(bystander.encode(MsgTypes.NEW_ORDER_SINGLE, bystander.nextSeqNum() + 2 * i,
                order("bid" + i, '1', "AAPL", "180." + (10 + i))));
            book.write(bystander.encode(MsgTypes.NEW_ORDER_SINGLE, bystander.nextSeqNum() + 2 * i + 1,
                order("ask" + i, '2', "AAPL", "200." + (10 + i))));
        }
        bystander.nextSeqNum(bystander.nextSeqNum() + 2 * levels);
        bystander.sendRaw(book.toByteArray());
        awaitReport(bystander, "ask" + (levels - 1));
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD, 4096);

        // Snapshots of the whole book, a few kilobytes each, that the client does not read: more
        // than the sockets' buffers hold, so the rest waits in the gateway.
        final int requests = 3_000;
        final ByteArrayOutputStream snapshotRequests = new ByteArrayOutputStream();
        for (int i = 0; i < requests; i++)
        {
            snapshotRequests.write(client.encode(MsgTypes.MARKET_DATA_REQUEST, client.nextSeqNum() + i,
                "262=md" + i + "|263=0|264=50|267=2|269=0|269=1|146=1|55=AAPL"));
        }
        client.sendRaw(snapshotRequests.toByteArray());
        // A reason to log it out, read after the requests: the Logout queues behind their snapshots.
        client.sendWithSeq(MsgTypes.HEARTBEAT, 1, "");
        awaitLog("session CLIENT1: logout: MsgSeqNum too low");

        // It will never read (nor answer) its Logout: the gateway must not wait for it for ever.
        awaitLog("session CLIENT1 disconnected (no Logout in answer within 2000 ms");
        assertStillTrading();
        assertCanLogOn("CLIENT1", CLIENT1_PASSWORD);
    }

    @Test
    void shouldRejectOrdersOverTheSessionThrottleAtOnceAndAcceptAgainAfterASecond() throws Exception
    {
        final RawFixClient client = logOnThrottledToFivePerSecond();

        // In one write, so that the gateway reads them together and refills hardly any tokens meanwhile.
        final int flood = 20;
        final int first = client.nextSeqNum();
        client.sendRaw(burst(client, flood, seqNum ->
        {
            final int i = seqNum - first;
            // The last, surely throttled, with a Price that is no number: its reject must not repeat it.
            final String price = i == flood - 1 ? "abc" : "189.00";
            return client.encode(MsgTypes.NEW_ORDER_SINGLE, seqNum, order("t" + i, "AAPL", price));
        }));
        int accepted = 0;
        int throttled = 0;
        for (int i = 0; i < flood; i++)
        {
            final RawFixClient.Msg report = awaitReport(client, "t" + i);
            if ("0".equals(report.get(39)))
            {
                accepted++;
            }
            else
            {
                assertThat(report.get(39)).isEqualTo("8");
                assertThat(report.get(150)).isEqualTo("8");
                assertThat(report.get(58)).startsWith("throttle exceeded");
                assertThat(report.get(44)).isIn("189", null); // as a number, or left out: never "abc"
                throttled++;
            }
        }
        assertThat(accepted).as("a second's worth of burst, plus what refilled while sending").isBetween(5, 8);
        assertThat(throttled).isEqualTo(flood - accepted);

        // Another message type over the throttle: BusinessMessageReject with a reason FIX 4.4 defines (0, Other;
        // there is no 99 in 4.4, and a client validating against FIX44.xml rejects that reject).
        client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=t0|55=AAPL|54=1");
        final RawFixClient.Msg businessReject = client.await("j");
        assertThat(businessReject.get(372)).isEqualTo("H");
        assertThat(businessReject.get(380)).isEqualTo("0");
        assertThat(businessReject.get(58)).startsWith("throttle exceeded");
        assertThat(businessReject.get(379)).as("BusinessRejectRefID: the refused message's ClOrdID").isEqualTo("t0");
        // FIX 4.4 requires BusinessRejectRefID when the message has an id: a MarketDataRequest's is its MDReqID.
        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=md-t|263=0|264=1|267=1|269=0|146=1|55=AAPL");
        final RawFixClient.Msg marketDataReject = client.await(msg -> "j".equals(msg.type()) &&
            "V".equals(msg.get(372)), WAIT);
        assertThat(marketDataReject.get(379)).isEqualTo("md-t");
        assertStillTrading();

        Thread.sleep(1_100);
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("after", "AAPL", "189.00"));
        assertThat(awaitReport(client, "after").get(39)).isEqualTo("0");
    }

    /**
     * QA 129 F2: session messages did not count against the throttle, so a session throttled at 20/s had 2.1 M
     * TestRequests answered in 10 s. Now every message but a ResendRequest and a Logout counts: over the throttle a
     * TestRequest gets no Heartbeat and a malformed message no Reject, though both use up their MsgSeqNums, and a
     * Heartbeat flood uses up the budget an order would need.
     */
    @Test
    void shouldCountSessionMessagesAgainstTheThrottle() throws Exception
    {
        final RawFixClient client = logOnThrottledToFivePerSecond();
        Thread.sleep(1_100); // the bucket full again after the logon's own messages

        final int flood = 30;
        final ByteArrayOutputStream burst = new ByteArrayOutputStream();
        for (int i = 0; i < flood; i++)
        {
            // Every third a TestRequest without its TestReqID: a Reject(3) each, within the throttle.
            burst.write(client.encode(MsgTypes.TEST_REQUEST, client.nextSeqNum() + i, i % 3 == 2 ? "" : "112=tr" + i));
        }
        // In the same write: the gateway reads them together and refills hardly any tokens meanwhile.
        burst.write(client.encode(MsgTypes.NEW_ORDER_SINGLE, client.nextSeqNum() + flood, order("after-tr", "AAPL",
            "189.00")));
        client.nextSeqNum(client.nextSeqNum() + flood + 1);
        client.sendRaw(burst.toByteArray());
        final RawFixClient.Msg throttled = awaitReport(client, "after-tr");
        assertThat(throttled.get(58)).as("the TestRequests used up the budget").startsWith("throttle exceeded");
        client.drain(QUIET);
        final long answered = client.all().stream().filter(msg -> "0".equals(msg.type()) && msg.get(112) != null &&
            msg.get(112).startsWith("tr") || "3".equals(msg.type())).count();
        assertThat(answered).as("a second's worth of burst, plus what refilled while sending").isBetween(5L, 8L);

        Thread.sleep(1_100);
        client.send(MsgTypes.TEST_REQUEST, "112=later");
        assertThat(client.await(msg -> "0".equals(msg.type()) && "later".equals(msg.get(112)), WAIT)).isNotNull();
        // Heartbeats take no answer, but use up the budget all the same.
        final ByteArrayOutputStream heartbeats = new ByteArrayOutputStream();
        for (int i = 0; i < flood; i++)
        {
            heartbeats.write(client.encode(MsgTypes.HEARTBEAT, client.nextSeqNum() + i, ""));
        }
        heartbeats.write(client.encode(MsgTypes.NEW_ORDER_SINGLE, client.nextSeqNum() + flood, order("after-hb", "AAPL",
            "189.00")));
        client.nextSeqNum(client.nextSeqNum() + flood + 1);
        client.sendRaw(heartbeats.toByteArray());
        assertThat(awaitReport(client, "after-hb").get(58)).startsWith("throttle exceeded");
        // A ResendRequest does not count, and every MsgSeqNum of the floods was used up: no gap, no Logout.
        client.send(MsgTypes.RESEND_REQUEST, "7=1|16=1");
        assertThat(client.await(msg -> "4".equals(msg.type()) || "A".equals(msg.type()) && "Y".equals(msg.get(43)),
            WAIT)).isNotNull();
        client.drain(QUIET);
        assertThat(client.all()).noneMatch(msg -> "2".equals(msg.type()) || "5".equals(msg.type()));
        assertStillTrading();
    }

    /**
     * A throttle reject is made by the gateway at once, an ack only once the engine's event is journaled and read
     * back: the rejects of a flood must still come after the acks of the requests before them, as a client (and a
     * certification test) reads reports in the order of its requests. Here the flood's first five are accepted and
     * in flight when the rest are throttled; a cancel of the first order, throttled too, must follow its New.
     */
    @Test
    void shouldSendThrottleRejectsAfterTheAcksOfEarlierRequests() throws Exception
    {
        final RawFixClient client = logOnThrottledToFivePerSecond();

        final int flood = 20;
        final ByteArrayOutputStream burst = orders(client, "q", flood);
        burst.write(client.encode(MsgTypes.ORDER_CANCEL_REQUEST, client.nextSeqNum() + flood,
            "41=q0|11=q0c|55=AAPL|54=1" + TRANSACT_TIME));
        client.nextSeqNum(client.nextSeqNum() + flood + 1);
        client.sendRaw(burst.toByteArray());

        final List<String> answered = new ArrayList<>();
        int throttled = 0;
        for (int i = 0; i <= flood; i++)
        {
            final RawFixClient.Msg answer = client.await(msg -> "8".equals(msg.type()) || "9".equals(msg.type()),
                WAIT);
            answered.add(answer.get(11));
            if (answer.get(58) != null && answer.get(58).startsWith("throttle exceeded"))
            {
                throttled++;
            }
        }
        final List<String> requested = new ArrayList<>();
        for (int i = 0; i < flood; i++)
        {
            requested.add("q" + i);
        }
        requested.add("q0c");
        assertThat(throttled).as("a second's worth of burst is accepted, the rest throttled").isGreaterThan(10);
        assertThat(answered).as("answers in the order of the requests").isEqualTo(requested);
        assertStillTrading();
    }

    /**
     * Throttle rejects still held behind in-flight commands when the connection closes: here the client's Logout
     * comes in the same write as the flood, so the gateway reads it before it reads any of the flood's commands back.
     * The throttled orders were read and their MsgSeqNums used up, so a client that logs on again without a reset
     * is asked for none of them; it must still get an answer to every order it sent, in the order it sent them (the
     * acks of the accepted ones by catch-up, then the rejects), or they stay pending new in its OMS for ever.
     */
    @Test
    void shouldSendTheThrottleRejectsHeldWhenTheConnectionClosedAfterTheNextLogon() throws Exception
    {
        final RawFixClient client = logOnThrottledToFivePerSecond();

        final int flood = 20;
        sendThenLogOut(client, orders(client, "h", flood), flood);

        final RawFixClient again = connect("CLIENT1");
        again.nextSeqNum(client.nextSeqNum());
        again.logon(CLIENT1_PASSWORD, false);
        again.await("A");
        final List<String> answered = new ArrayList<>();
        final List<RawFixClient.Msg> firstAnswers = new ArrayList<>(client.all());
        int throttled = 0;
        for (int i = 0; i < flood; i++)
        {
            final String clOrdId = "h" + i;
            final RawFixClient.Msg answer = firstAnswer(firstAnswers, again, clOrdId);
            answered.add(clOrdId + "@" + answer.seq());
            if ("8".equals(answer.get(150)))
            {
                assertThat(answer.get(58)).startsWith("throttle exceeded");
                throttled++;
            }
        }
        assertThat(throttled).as("a second's worth of burst is accepted, the rest throttled").isGreaterThan(10);
        assertThat(answered).as("each answered once, in the order of the requests").isSortedAccordingTo(
            Comparator.comparingInt(answer -> Integer.parseInt(answer.substring(answer.indexOf('@') + 1))));
        again.drain(QUIET);
        assertThat(again.all()).as("nothing to ask for: every MsgSeqNum sent was read")
            .noneMatch(msg -> "2".equals(msg.type()));
        assertStillTrading();
    }

    /**
     * A throttled cancel held when the connection closed is answered at the next logon, after the catch-up, by when
     * its order is done (the cancel-on-disconnect ended it): its OrderCancelReject carries the order's OrderID and final
     * OrdStatus 4, as the Canceled before it did, not 8 (rejected) and NONE, which a client's OMS would apply to an order
     * it knows as cancelled.
     */
    @Test
    void shouldRejectAThrottledCancelHeldOverADisconnectWithItsOrdersFinalStatus() throws Exception
    {
        final RawFixClient client = logOnThrottledToFivePerSecond();

        final int flood = 20;
        final ByteArrayOutputStream burst = orders(client, "k", flood);
        burst.write(client.encode(MsgTypes.ORDER_CANCEL_REQUEST, client.nextSeqNum() + flood,
            "41=k0|11=k0c|55=AAPL|54=1" + TRANSACT_TIME));
        client.nextSeqNum(client.nextSeqNum() + flood + 1);
        sendThenLogOut(client, burst, 0);
        // The bystander's order, entered after the disconnect's cancel-on-disconnect, is read back after it: k0 is done.
        assertStillTrading();

        final RawFixClient again = connect("CLIENT1");
        again.nextSeqNum(client.nextSeqNum());
        again.logon(CLIENT1_PASSWORD, false);
        again.await("A");
        // The New of k0 came on the first connection, or by the catch-up on this one.
        RawFixClient.Msg accepted = client.all().stream()
            .filter(msg -> "8".equals(msg.type()) && "k0".equals(msg.get(11)) && "0".equals(msg.get(150))).findFirst()
            .orElse(null);
        if (accepted == null)
        {
            accepted = again.await(msg -> "8".equals(msg.type()) && "k0".equals(msg.get(11)) &&
                "0".equals(msg.get(150)), WAIT);
        }
        final RawFixClient.Msg reject = again.await(msg -> "9".equals(msg.type()) && "k0c".equals(msg.get(11)), WAIT);
        assertThat(reject.get(58)).as("%s", reject).startsWith("throttle exceeded");
        assertThat(reject.get(37)).as("the order's OrderID, %s", reject).isEqualTo(accepted.get(37));
        assertThat(reject.get(39)).as("its final OrdStatus: cancelled on disconnect, %s", reject).isEqualTo("4");
        assertThat(reject.get(41)).isEqualTo("k0");
        assertStillTrading();
    }

    /**
     * An in-session reset (a Logon with ResetSeqNumFlag(141)=Y and MsgSeqNum 1) while throttle rejects are held: their
     * answers still go out, as the acks of the commands in flight do, under the new numbering; but the
     * BusinessMessageReject of a throttled status request carries no RefSeqNum(45) (optional in FIX 4.4), which
     * would name a message of the old numbering, and is known by its BusinessRejectRefID(379) and RefMsgType(372).
     */
    @Test
    void shouldSendTheThrottleRejectsHeldOverAnInSessionResetWithoutARefSeqNumOfTheOldNumbering() throws Exception
    {
        final RawFixClient client = logOnThrottledToFivePerSecond();

        final int flood = 12;
        final ByteArrayOutputStream burst = orders(client, "z", flood);
        final int statusSeqNum = client.nextSeqNum() + flood;
        burst.write(client.encode(MsgTypes.ORDER_STATUS_REQUEST, statusSeqNum, "11=z0|55=AAPL|54=1"));
        burst.write(client.encode(MsgTypes.LOGON, 1, "98=0|108=30|141=Y|554=" + CLIENT1_PASSWORD));
        client.nextSeqNum(2);
        client.sendRaw(burst.toByteArray());

        final RawFixClient.Msg reset = client.await("A");
        assertThat(reset.get(141)).isEqualTo("Y");
        assertThat(reset.seq()).isEqualTo(1);
        assertThat(throttleRejects(client, "z", flood)).as("the burst beyond the throttle's tokens").isGreaterThan(3);
        final RawFixClient.Msg businessReject = client.await("j");
        assertThat(businessReject.get(58)).startsWith("throttle exceeded");
        assertThat(businessReject.get(372)).isEqualTo("H");
        assertThat(businessReject.get(379)).isEqualTo("z0");
        assertThat(businessReject.get(45)).as("MsgSeqNum %s was of the numbering before the reset", statusSeqNum)
            .isNull();
        assertThat(businessReject.seq()).as("sent after the reset, in its numbering").isGreaterThan(1);

        // The session goes on in the new numbering.
        Thread.sleep(1_100);
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("afterReset", "AAPL", "189.00"));
        assertThat(awaitReport(client, "afterReset").get(39)).isEqualTo("0");
        assertThat(client.all()).noneMatch(msg -> "2".equals(msg.type()) || "5".equals(msg.type()));
        assertStillTrading();
    }

    /**
     * Throttle rejects held when the connection closed, and the client comes back with a reset (a Logon with
     * ResetSeqNumFlag(141)=Y): still answered, in the new numbering, the status request's BusinessMessageReject without
     * a RefSeqNum(45) of the numbering before.
     */
    @Test
    void shouldSendTheThrottleRejectsHeldWhenTheConnectionClosedAfterALogonWithAReset() throws Exception
    {
        final RawFixClient client = logOnThrottledToFivePerSecond();

        final int flood = 12;
        final ByteArrayOutputStream burst = orders(client, "y", flood);
        burst.write(client.encode(MsgTypes.ORDER_STATUS_REQUEST, client.nextSeqNum() + flood, "11=y0|55=AAPL|54=1"));
        sendThenLogOut(client, burst, flood + 1);

        final RawFixClient again = logOn("CLIENT1", CLIENT1_PASSWORD);
        assertThat(throttleRejects(again, "y", flood)).isGreaterThan(3);
        final RawFixClient.Msg businessReject = again.await("j");
        assertThat(businessReject.get(379)).isEqualTo("y0");
        assertThat(businessReject.get(45)).as("of the numbering before the reset").isNull();
        assertStillTrading();
    }

    /**
     * Held rejects are kept in the session's {@code .held} file: a server that stops while their session is away
     * sends them at the session's next logon after the restart (their MsgSeqNums are used up: the client will not
     * send those orders again, and without them they stay pending new in its OMS for ever). The restart runs with
     * another gateway.maxMessageBytes, so the file made with the old one is read and made again.
     */
    @Test
    void shouldSendTheThrottleRejectsHeldForASessionAwayAfterACleanStopAndRestart() throws Exception
    {
        final RawFixClient client = logOnThrottledToFivePerSecond();

        final int flood = 12;
        sendThenLogOut(client, orders(client, "w", flood), flood);
        final List<RawFixClient.Msg> firstAnswers = new ArrayList<>(client.all());
        exchange.stop();
        assertThat(exchange.log).anySatisfy(line -> assertThat(line).startsWith("session CLIENT1: ")
            .contains(" held reject(s) kept in CLIENT1.held for the session's next logon"));

        exchange = TestExchange.start(directory, Map.of("gateway.maxMessageBytes", "4096", "gateway.sessions", "[" +
            "{ compId = CLIENT1, ownerId = 1, password = " + CLIENT1_PASSWORD + ", throttleMessagesPerSecond = 5 }," +
            "{ compId = CLIENT2, ownerId = 2, password = " + CLIENT2_PASSWORD + " } ]"));
        assertThat(exchange.log).anySatisfy(line -> assertThat(line).startsWith("session CLIENT1: ")
            .endsWith(" held reject(s) from before the restart go out at its next logon"));
        final RawFixClient again = connect("CLIENT1");
        again.nextSeqNum(client.nextSeqNum());
        again.logon(CLIENT1_PASSWORD, false);
        again.await("A");
        int throttled = 0;
        for (int i = 0; i < flood; i++)
        {
            final String clOrdId = "w" + i;
            final RawFixClient.Msg answer = firstAnswer(firstAnswers, again, clOrdId);
            if ("8".equals(answer.get(150)))
            {
                assertThat(answer.get(58)).startsWith("throttle exceeded");
                throttled++;
            }
        }
        assertThat(throttled).as("past the throttle's tokens: held over the stop").isGreaterThan(5);
        again.drain(QUIET);
        assertThat(again.all()).as("nothing to ask for: every MsgSeqNum sent was read")
            .noneMatch(msg -> "2".equals(msg.type()));
    }

    /**
     * QA 124 N1: a possible resend (43=Y) of an order the session had acknowledged, throttled behind a flood, got a
     * Rejected "throttle exceeded" under the ClOrdID of the live order (which a mass cancel then cancelled). It is
     * answered as a copy of a decided order is, with the order's status; a throttled copy of an order never seen is
     * refused as throttled, as any throttled order is, and nothing is entered twice.
     */
    @Test
    void shouldAnswerAThrottledPossibleResendOfAnAcknowledgedOrderWithItsStatusNotAReject() throws Exception
    {
        final RawFixClient client = logOnThrottledToFivePerSecond();
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("v1", "AAPL", "189.00"));
        assertThat(client.await(msg -> "v1".equals(msg.get(11)), WAIT).get(150)).isEqualTo("0");

        final int flood = 12;
        final ByteArrayOutputStream burst = orders(client, "f", flood);
        final String copy = "43=Y|122=20200101-00:00:00.000|" + order("v1", "AAPL", "189.00");
        final String unseen = "43=Y|122=20200101-00:00:00.000|" + order("u1", "AAPL", "189.00");
        burst.write(client.encode(MsgTypes.NEW_ORDER_SINGLE, client.nextSeqNum() + flood, copy));
        burst.write(client.encode(MsgTypes.NEW_ORDER_SINGLE, client.nextSeqNum() + flood + 1, unseen));
        client.sendRaw(burst.toByteArray());
        client.nextSeqNum(client.nextSeqNum() + flood + 2);

        final RawFixClient.Msg status = client.await(msg -> "v1".equals(msg.get(11)) && !"0".equals(msg.get(150)), WAIT);
        assertThat(status.get(150)).as("a status, not a Rejected: %s", status).isEqualTo("I");
        assertThat(status.get(39)).isEqualTo("0");
        final RawFixClient.Msg refused = client.await(msg -> "u1".equals(msg.get(11)), WAIT);
        assertThat(refused.get(150)).as("never seen: throttled as any order").isEqualTo("8");
        assertThat(refused.get(58)).startsWith("throttle exceeded");

        Thread.sleep(1_100); // the throttle's tokens back
        client.send(MsgTypes.ORDER_MASS_CANCEL_REQUEST, "11=mc1|530=7" + TRANSACT_TIME);
        assertThat(client.await("r").get(531)).as("carried out").isEqualTo("7");
        client.drain(QUIET);
        final String v1OrderId = status.get(37);
        assertThat(client.all()).as("v1 entered once: cancelled once")
            .filteredOn(msg -> "4".equals(msg.get(150)) && v1OrderId.equals(msg.get(37))).hasSize(1);
        assertThat(client.all()).as("and no second order under its ClOrdID").noneMatch(msg -> "8".equals(msg.type()) &&
            "0".equals(msg.get(150)) && "v1".equals(msg.get(11)));
        assertThat(client.all()).noneMatch(msg -> "v1".equals(msg.get(11)) && "8".equals(msg.get(150)));
    }

    /**
     * A session whose {@code .held} file cannot be made (here a directory is in its way; a full disk alike): its
     * throttle rejects are answered at once, as before rejects were held, rather than the gateway thread failing or
     * the rejects being lost; said once on stderr.
     */
    @Test
    void shouldAnswerThrottleRejectsAtOnceWhenTheHeldRejectsFileCannotBeMade() throws Exception
    {
        final RawFixClient client = logOnThrottledToFivePerSecond();
        Files.createDirectories(directory.resolve("sessions").resolve("CLIENT1.held"));

        final int flood = 12;
        final ByteArrayOutputStream burst = orders(client, "h", flood);
        client.sendRaw(burst.toByteArray());
        client.nextSeqNum(client.nextSeqNum() + flood);
        int throttled = 0;
        for (int i = 0; i < flood; i++)
        {
            final String clOrdId = "h" + i;
            final RawFixClient.Msg answer = client.await(msg -> clOrdId.equals(msg.get(11)), WAIT);
            throttled += "8".equals(answer.get(150)) ? 1 : 0;
        }
        assertThat(throttled).isGreaterThan(5);
        awaitLog("session CLIENT1: WARNING held rejects cannot be kept");
        Thread.sleep(1_100); // over the throttle a TestRequest is not answered
        client.send(MsgTypes.TEST_REQUEST, "112=still-here");
        assertThat(client.await("0").get(112)).as("the session carries on").isEqualTo("still-here");
    }

    // ------------------------------------------------------------------ floods

    /**
     * QA 132 N1: a session flooding far past its throttle was still read and recorded message by message (8 bytes of
     * its .received file each, and other sessions' p99 twenty times higher). At floodLogoutMultiple (default 10) times
     * its throttle within one second it gets a Logout saying so and is disconnected. The message that reached the
     * limit and every byte behind it are not read: their MsgSeqNums are not used up, so the next Logon asks for them.
     * The disconnect does what any does: the session's resting order is cancelled.
     */
    @Test
    void shouldLogOutAndDisconnectASessionFloodingFarPastItsThrottle() throws Exception
    {
        final RawFixClient client = logOnThrottledToFivePerSecond();
        restingOrderId(client, "fl1");
        Thread.sleep(1_100); // the order in a second of its own, the throttle's tokens back

        final int firstFlooded = client.nextSeqNum();
        client.sendRaw(burst(client, 200, seqNum -> client.encode(MsgTypes.TEST_REQUEST, seqNum, "112=fl" + seqNum)));

        assertThat(client.awaitClosed(WAIT)).isTrue();
        assertThat(client.all()).filteredOn(msg -> "5".equals(msg.type())).singleElement()
            .satisfies(logout -> assertThat(logout.get(58)).isEqualTo(FLOOD_LOGOUT_TEXT));
        assertThat(client.all().stream().filter(msg -> "0".equals(msg.type())).count())
            .as("TestRequests answered within the throttle only, as before").isBetween(5L, 8L);
        awaitLog("session CLIENT1: logout: " + FLOOD_LOGOUT_TEXT);
        awaitLog("session CLIENT1 disconnected (" + FLOOD_LOGOUT_TEXT + ")");
        assertStillTrading();

        Thread.sleep(1_100); // past the flood's second
        final RawFixClient again = connect("CLIENT1");
        again.nextSeqNum(client.nextSeqNum());
        final int logonSeqNum = again.nextSeqNum();
        again.logon(CLIENT1_PASSWORD, false);
        again.await("A");
        final RawFixClient.Msg resendRequest = again.await("2");
        assertThat(resendRequest.get(7)).as("49 TestRequests read, the 50th and the rest not")
            .isEqualTo(Integer.toString(firstFlooded + 49));
        assertThat(again.awaitReport("fl1", "4").get(39)).as("cancelled on disconnect").isEqualTo("4");
        again.sendWithSeq(MsgTypes.SEQUENCE_RESET, firstFlooded + 49, "43=Y|123=Y|36=" + (logonSeqNum + 1));
        again.send(MsgTypes.NEW_ORDER_SINGLE, order("fl2", "AAPL", "189.00"));
        assertThat(awaitReport(again, "fl2").get(39)).isEqualTo("0");
        assertStillTrading();
    }

    /**
     * Every message counts towards the flood, not only those the throttle counts: a ResendRequest (QA 129: 1.7 MB of
     * them made 2.6 GB of resends), a malformed message, a garbled one. Each costs its reading, and all but the garbled
     * one their MsgSeqNum's recording.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ResendRequests", "malformed messages", "garbled messages"})
    void shouldCountEveryKindOfMessageTowardsAFlood(final String kind) throws Exception
    {
        final RawFixClient client = logOnThrottledToFivePerSecond();
        final IntFunction<byte[]> messageUnder = switch (kind)
        {
            case "ResendRequests" -> seqNum -> client.encode(MsgTypes.RESEND_REQUEST, seqNum, "7=1|16=1");
            case "malformed messages" -> seqNum -> malformedTestRequest(client, seqNum, "m" + seqNum);
            default -> seqNum -> withWrongChecksum(client.encode(MsgTypes.HEARTBEAT, seqNum, ""));
        };

        client.sendRaw(burst(client, 200, messageUnder));

        assertThat(client.awaitClosed(WAIT)).isTrue();
        assertThat(client.all()).filteredOn(msg -> "5".equals(msg.type())).singleElement()
            .satisfies(logout -> assertThat(logout.get(58)).startsWith("flood: ")
                .endsWith(" messages in one second, 10 x throttleMessagesPerSecond 5; logging out"));
        assertThat(client.all()).as("49 read at most before the Logout")
            .filteredOn(msg -> "4".equals(msg.type()) || "3".equals(msg.type())).hasSizeLessThan(50);
        assertStillTrading();
    }

    /**
     * More messages than the flood's limit, spread so that no second holds as many (40 a second, 8 times the throttle
     * of 5): throttled as ever, never logged out.
     */
    @Test
    void shouldNotLogOutASessionThatStaysUnderTheMultipleEverySecond() throws Exception
    {
        final RawFixClient client = logOnThrottledToFivePerSecond();

        for (int i = 0; i < 120; i++)
        {
            client.send(MsgTypes.TEST_REQUEST, "112=paced" + i);
            Thread.sleep(25);
        }
        Thread.sleep(1_100); // the throttle's tokens back

        client.send(MsgTypes.TEST_REQUEST, "112=after-paced");
        assertThat(client.await(msg -> "0".equals(msg.type()) && "after-paced".equals(msg.get(112)), WAIT)).isNotNull();
        assertThat(client.all()).noneMatch(msg -> "5".equals(msg.type()) || "2".equals(msg.type()));
        assertThat(exchange.log).noneMatch(line -> line.contains("flood"));
        assertStillTrading();
    }

    /** floodLogoutMultiple = 0: a session is never logged out for a flood; every message of it is read and taken. */
    @Test
    void shouldNeverLogOutForAFloodWhenTheMultipleIsZero() throws Exception
    {
        final RawFixClient client = logOnThrottledToFivePerSecond(", floodLogoutMultiple = 0");

        client.sendRaw(burst(client, 200, seqNum -> client.encode(MsgTypes.TEST_REQUEST, seqNum, "112=nf" + seqNum)));
        Thread.sleep(1_100); // the throttle's tokens back

        client.send(MsgTypes.NEW_ORDER_SINGLE, order("nf1", "AAPL", "189.00"));
        assertThat(awaitReport(client, "nf1").get(39)).as("every MsgSeqNum of the flood used up").isEqualTo("0");
        assertThat(client.all()).noneMatch(msg -> "5".equals(msg.type()) || "2".equals(msg.type()));
        assertThat(exchange.log).noneMatch(line -> line.contains("flood"));
        assertStillTrading();
    }

    /**
     * A session logged out for a flood that logs on again at once and floods again is logged out again: the count is
     * the session's, so within the first flood's second already at its first message.
     */
    @Test
    void shouldLogOutAgainASessionThatComesBackAndFloodsAgain() throws Exception
    {
        final RawFixClient client = logOnThrottledToFivePerSecond();
        client.sendRaw(burst(client, 200, seqNum -> client.encode(MsgTypes.TEST_REQUEST, seqNum, "112=f" + seqNum)));
        assertThat(client.awaitClosed(WAIT)).isTrue();

        final RawFixClient again = logOn("CLIENT1", CLIENT1_PASSWORD);
        again.sendRaw(burst(again, 200, seqNum -> again.encode(MsgTypes.TEST_REQUEST, seqNum, "112=g" + seqNum)));

        assertThat(again.awaitClosed(WAIT)).isTrue();
        assertThat(again.all()).filteredOn(msg -> "5".equals(msg.type())).singleElement()
            .satisfies(logout -> assertThat(logout.get(58)).startsWith("flood: "));
        awaitLog("session CLIENT1: logout: flood: ", 2);
        assertStillTrading();
    }

    // ------------------------------------------------------------------ disconnects and sequence numbers

    @Test
    void shouldCarryOnWithTheSameSequenceNumbersAfterAnAbruptDisconnectMidMessage() throws Exception
    {
        start(Map.of());
        final RawFixClient first = logOn("CLIENT1", CLIENT1_PASSWORD);
        first.send(MsgTypes.NEW_ORDER_SINGLE, order("rest1", "AAPL", "189.00"));
        final RawFixClient.Msg accepted = awaitReport(first, "rest1");
        final int lastServerSeqNum = accepted.seq();
        final int nextClientSeqNum = first.nextSeqNum();

        final byte[] half = first.encode(MsgTypes.NEW_ORDER_SINGLE, nextClientSeqNum, order("half", "AAPL", "189.00"));
        first.sendRaw(Arrays.copyOf(half, half.length / 2));
        first.close();
        awaitLog("session CLIENT1 disconnected (client closed the connection)");

        final RawFixClient second = connect("CLIENT1");
        second.nextSeqNum(nextClientSeqNum);
        second.logon(CLIENT1_PASSWORD, false);
        final RawFixClient.Msg logon = second.await("A");
        assertThat(logon.seq()).isEqualTo(lastServerSeqNum + 1);
        assertThat(logon.get(141)).isNull();
        // Missed while away: the cancel-on-disconnect of the resting order.
        final RawFixClient.Msg cancelled = awaitReport(second, "rest1");
        assertThat(cancelled.get(150)).isEqualTo("4");
        assertThat(cancelled.get(37)).isEqualTo(accepted.get(37));
        assertThat(cancelled.seq()).isEqualTo(lastServerSeqNum + 2);
        second.send(MsgTypes.NEW_ORDER_SINGLE, order("again", "AAPL", "189.00"));
        assertThat(awaitReport(second, "again").get(39)).isEqualTo("0");
        second.drain(QUIET);
        assertThat(second.all()).as("no gap, so no ResendRequest and no half order")
            .noneMatch(msg -> "2".equals(msg.type()) || "8".equals(msg.type()));
        assertStillTrading();

        // ResetSeqNumFlag starts both directions again at 1.
        second.close();
        awaitLog("session CLIENT1 disconnected (client closed the connection)", 2);
        final RawFixClient third = connect("CLIENT1");
        third.logon(CLIENT1_PASSWORD, true);
        final RawFixClient.Msg reset = third.await("A");
        assertThat(reset.seq()).isEqualTo(1);
        assertThat(reset.get(141)).isEqualTo("Y");
        third.send(MsgTypes.NEW_ORDER_SINGLE, order("fresh", "AAPL", "189.00"));
        assertThat(awaitReport(third, "fresh").get(39)).isEqualTo("0");
        assertStillTrading();
    }

    /**
     * SendingTime(52) as standard FIX engines check it: a possible duplicate without OrigSendingTime(122) is
     * rejected and goes no further; a SendingTime minutes away from the exchange's clock is rejected and the
     * session logged out (a clock that far off makes every timestamp suspect).
     */
    @Test
    void shouldRejectAPossibleDuplicateWithoutOrigSendingTimeAndLogOutAStaleSendingTime() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);

        client.send(MsgTypes.NEW_ORDER_SINGLE, order("pd1", "AAPL", "189.00") + "|43=Y");
        final RawFixClient.Msg noOrig = client.await("3");
        assertThat(noOrig.get(373)).isEqualTo("1");
        assertThat(noOrig.get(371)).isEqualTo("122");

        client.send(MsgTypes.NEW_ORDER_SINGLE, order("ok2", "AAPL", "189.00"));
        assertThat(awaitReport(client, "ok2").get(39)).isEqualTo("0");

        client.sendSentAt(MsgTypes.NEW_ORDER_SINGLE, System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(10),
            order("old1", "AAPL", "189.00"));
        final RawFixClient.Msg stale = client.await("3");
        assertThat(stale.get(373)).isEqualTo("10");
        assertThat(stale.get(371)).isEqualTo("52");
        assertThat(client.await("5").get(58)).isEqualTo("SendingTime accuracy problem");
        assertThat(client.awaitClosed(WAIT)).isTrue();
        assertThat(client.all()).noneMatch(msg -> "8".equals(msg.type()) &&
            ("pd1".equals(msg.get(11)) || "old1".equals(msg.get(11))));
        assertStillTrading();
    }

    /**
     * A possible duplicate below the expected MsgSeqNum needs OrigSendingTime(122) as one in sequence does (QuickFIX/J:
     * Reject 373=1, 371=122); it was dropped unanswered. With 122 it is still dropped unanswered, a duplicate already
     * had. Neither moves the expected MsgSeqNum.
     */
    @Test
    void shouldRejectATooLowPossibleDuplicateWithoutOrigSendingTimeAndIgnoreOneWithIt() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("lp1", "AAPL", "189.00"));
        awaitReport(client, "lp1");

        client.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, 2, order("lp1", "AAPL", "189.00") + "|43=Y");
        final RawFixClient.Msg reject = client.await("3");
        assertThat(reject.get(45)).isEqualTo("2");
        assertThat(reject.get(373)).isEqualTo("1");
        assertThat(reject.get(371)).isEqualTo("122");

        client.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, 2, order("lp1", "AAPL", "189.00") + POSS_DUP);
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("lp2", "AAPL", "189.00"));
        assertThat(awaitReport(client, "lp2").get(39)).isEqualTo("0");
        assertThat(client.all()).noneMatch(msg -> "3".equals(msg.type()) || "2".equals(msg.type()) ||
            "5".equals(msg.type()) || "8".equals(msg.type()) && "lp1".equals(msg.get(11)));
    }

    /**
     * A standard header field given twice, on any message, or a field of a message with no repeating group given twice,
     * gets Reject(3) 373=13 naming it and is not acted on; its MsgSeqNum is used up. A repeating group's fields
     * (MDEntryType 269 in V) may repeat.
     */
    @Test
    void shouldRejectAMessageThatGivesAHeaderFieldOrAFieldOfAMessageWithoutGroupsTwice() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);

        assertSessionReject(client, "1", "49=CLIENT1|112=dup49", "13", 49);
        assertSessionReject(client, "1", "112=t1|112=t2", "13", 112);
        assertSessionReject(client, "0", "43=N|43=N", "13", 43);
        assertSessionReject(client, "D", order("dh1", "AAPL", "189.00") + "|56=TESSERA", "13", 56);
        assertSessionReject(client, "2", "7=1|16=0|16=0", "13", 16);

        client.send(MsgTypes.MARKET_DATA_REQUEST, "262=md1|263=0|264=1|267=2|269=0|269=1|146=1|55=AAPL");
        assertThat(client.await("W").get(262)).isEqualTo("md1");
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("dh2", "AAPL", "189.00"));
        assertThat(awaitReport(client, "dh2").get(39)).isEqualTo("0");
        client.drain(QUIET);
        assertThat(client.all()).noneMatch(msg -> "0".equals(msg.type()) || "2".equals(msg.type()) ||
            "4".equals(msg.type()) || "5".equals(msg.type()) || "8".equals(msg.type()) && "dh1".equals(msg.get(11)));
        assertStillTrading();
    }

    /**
     * A reject is never answered with a reject (two peers would bounce them forever): an inbound BusinessMessageReject
     * or Reject is taken silently, logged, and uses up its MsgSeqNum.
     */
    @Test
    void shouldTakeABusinessMessageRejectOrARejectSilently() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);

        client.send(MsgTypes.BUSINESS_MESSAGE_REJECT, "45=2|372=8|380=0|58=not ours");
        client.send(MsgTypes.REJECT, "45=3|372=8|373=5|58=bad field");
        // Not even a reject written wrong (a field twice, which any other message gets a Reject for) is answered.
        client.send(MsgTypes.BUSINESS_MESSAGE_REJECT, "45=4|372=8|380=0|58=twice|58=twice|49=CLIENT1");
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("bj1", "AAPL", "189.00"));
        assertThat(awaitReport(client, "bj1").get(39)).isEqualTo("0");
        awaitLog("session CLIENT1: BusinessMessageReject(j) received: RefSeqNum(45) 2, RefMsgType(372) 8, Text(58) " +
            "not ours");
        awaitLog("session CLIENT1: Reject(3) received: RefSeqNum(45) 3, RefMsgType(372) 8, Text(58) bad field");
        client.drain(QUIET);
        assertThat(client.all()).noneMatch(msg -> "j".equals(msg.type()) || "3".equals(msg.type()) ||
            "2".equals(msg.type()) || "5".equals(msg.type()));
    }

    /**
     * QA 129 F1: a SenderCompID (no credentials needed) or a Text(58) with a newline and an ANSI escape was logged raw,
     * so a peer could forge a line of the operator's log about another member, or hide the rest of one on a terminal.
     */
    @Test
    void shouldEscapeWhatAPeerSentInTheLinesItIsLoggedIn() throws Exception
    {
        start(Map.of());
        final RawFixClient forger = connect("X\nsession CLIENT2 disconnected (no heartbeat)\u001b[8m");
        forger.logon("x", true);
        assertThat(forger.awaitClosed(WAIT)).isTrue();
        awaitLog("logon refused for X\\x0Asession CLIENT2 disconnected (no heartbeat)\\x1B[8m: unknown SenderCompID");

        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        client.send(MsgTypes.BUSINESS_MESSAGE_REJECT, "45=2|372=D|380=0|58=hello\ngateway: forged\\ \u007f");
        awaitLog("session CLIENT1: BusinessMessageReject(j) received: RefSeqNum(45) 2, RefMsgType(372) D, Text(58) " +
            "hello\\x0Agateway: forged\\\\ \\x7F, BusinessRejectReason(380) 0");
        assertThat(exchange.log).noneMatch(line -> line.indexOf('\n') >= 0 || line.indexOf('\u001b') >= 0 ||
            line.indexOf('\u007f') >= 0);
        assertStillTrading();
    }

    /**
     * A client flooding the gateway with rejects (each taken silently and logged) must not flood its log: the first
     * {@link LogLimit#BURST_LINES} are logged one by one, the rest counted in one line a second later.
     */
    @Test
    void shouldBoundTheLinesLoggedForAFloodOfRejects() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final int flood = 500;
        final int first = client.nextSeqNum();
        client.sendRaw(burst(client, flood, seqNum ->
        {
            final int i = seqNum - first;
            return client.encode(i % 2 == 0 ? MsgTypes.BUSINESS_MESSAGE_REJECT : MsgTypes.REJECT, seqNum,
                "45=" + (i + 1) + "|372=8|380=0|58=flood " + i);
        }));

        awaitLog("session CLIENT1: " + (flood - LogLimit.BURST_LINES) +
            " more Reject(3)/BusinessMessageReject(j) received, not logged one by one");
        assertThat(exchange.log.stream().filter(line -> line.contains("session CLIENT1: ") &&
            line.contains(" received: RefSeqNum(45) "))).hasSize(LogLimit.BURST_LINES);
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("fl1", "AAPL", "189.00"));
        assertThat(awaitReport(client, "fl1").get(39)).as("every reject's MsgSeqNum used up").isEqualTo("0");
    }

    /**
     * QA 132 N3: the lines of the Reject(3)s the gateway sends for malformed messages were bounded by the limit of the
     * rejects it receives, and the rest counted as "Reject(3)/BusinessMessageReject(j) received" while the client had
     * sent none. They have a limit and a count of their own, and a reject received after them is logged in full.
     */
    @Test
    void shouldCountTheLinesOfRejectsSentApartFromThoseOfRejectsReceived() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final int flood = 30;
        final int first = client.nextSeqNum();
        client.sendRaw(burst(client, flood, seqNum -> malformedTestRequest(client, seqNum, "bad" + (seqNum - first))));

        awaitLog("session CLIENT1: " + (flood - LogLimit.BURST_LINES) +
            " more messages rejected with Reject(3), not logged one by one");
        assertThat(exchange.log.stream().filter(line -> line.contains("session CLIENT1: MsgSeqNum ") &&
            line.contains(" rejected: malformed message"))).hasSize(LogLimit.BURST_LINES);
        assertThat(exchange.log).noneMatch(line -> line.contains("BusinessMessageReject(j) received"));
        client.send(MsgTypes.REJECT, "45=1|58=after the flood");
        awaitLog("session CLIENT1: Reject(3) received: RefSeqNum(45) 1,");
    }

    @Test
    void shouldLogOutASessionThatSendsAMsgSeqNumTooLow() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("lo1", "AAPL", "189.00"));
        awaitReport(client, "lo1");
        final int expected = client.nextSeqNum();

        client.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, 1, order("lo2", "AAPL", "189.00"));

        final RawFixClient.Msg logout = client.await("5");
        assertThat(logout.get(58)).isEqualTo("MsgSeqNum too low, expecting " + expected + " but received 1");
        assertThat(client.awaitClosed(WAIT)).isTrue();
        assertThat(client.all()).noneMatch(msg -> "8".equals(msg.type()));
        assertStillTrading();
    }

    /**
     * FIX 4.4 vol. 2: the side that sends the first Logout waits for the answering one (bounded) before it
     * disconnects; the gateway closed the socket at once. Meanwhile an order is not read (its MsgSeqNum not used
     * up), and the answering Logout, used up, ends the connection at once.
     */
    @Test
    void shouldWaitForTheAnswerToTheLogoutOfAMsgSeqNumTooLow() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("wa1", "AAPL", "189.00"));
        awaitReport(client, "wa1");
        final int expected = client.nextSeqNum();

        client.sendWithSeq(MsgTypes.HEARTBEAT, 1, "");
        assertThat(client.await("5").get(58)).isEqualTo("MsgSeqNum too low, expecting " + expected + " but received 1");
        assertThat(client.awaitClosed(Duration.ofMillis(1_000))).as("still waiting for the answer").isFalse();

        client.send(MsgTypes.NEW_ORDER_SINGLE, order("wa2", "AAPL", "189.00"));
        // Behind the unread order, unread too: read, its MsgSeqNum would be a gap the gateway made itself.
        client.send(MsgTypes.TEST_REQUEST, "112=wa3");
        client.send(MsgTypes.LOGOUT, "");
        final long answeredNs = System.nanoTime();
        assertThat(client.awaitClosed(WAIT)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - answeredNs)).isLessThan(Duration.ofMillis(1_500));
        assertThat(client.all()).noneMatch(msg -> "5".equals(msg.type()) || "wa2".equals(msg.get(11)) ||
            "2".equals(msg.type()) || "wa3".equals(msg.get(112)));
        awaitLog("session CLIENT1 disconnected (Logout answered)");

        // The order was not read: the next Logon asks for it (and only it: the Logout's number was used up).
        final RawFixClient again = connect("CLIENT1");
        again.nextSeqNum(client.nextSeqNum());
        again.logon(CLIENT1_PASSWORD, false);
        again.await("A");
        final RawFixClient.Msg resendRequest = again.await("2");
        assertThat(resendRequest.get(7)).isEqualTo(Integer.toString(expected));
        assertStillTrading();
    }

    @Test
    void shouldLogOutALogonWithAMsgSeqNumTooLow() throws Exception
    {
        start(Map.of());
        final RawFixClient first = logOn("CLIENT1", CLIENT1_PASSWORD);
        first.send(MsgTypes.HEARTBEAT, "");
        first.send(MsgTypes.HEARTBEAT, "");
        first.close();
        awaitLog("session CLIENT1 disconnected");

        final RawFixClient second = connect("CLIENT1");
        second.logon(CLIENT1_PASSWORD, false);

        final RawFixClient.Msg logout = second.await("5");
        assertThat(logout.get(58)).isEqualTo("MsgSeqNum too low, expecting 4 but received 1");
        assertThat(second.awaitClosed(WAIT)).isTrue();
        assertStillTrading();
        // The refused logon did not leave the session looking logged on.
        assertCanLogOn("CLIENT1", CLIENT1_PASSWORD);
    }

    @Test
    void shouldLogOutALogonWithoutAUsableHeartBtIntAndAcceptTheNextOne() throws Exception
    {
        start(Map.of());
        final RawFixClient client = connect("CLIENT1");

        client.send(MsgTypes.LOGON, "98=0|108=0|141=Y|554=" + CLIENT1_PASSWORD);

        final RawFixClient.Msg logout = client.await("5");
        assertThat(logout.get(58)).isEqualTo("HeartBtInt(108) must be a positive number of seconds");
        assertThat(client.awaitClosed(WAIT)).isTrue();
        assertStillTrading();
        assertCanLogOn("CLIENT1", CLIENT1_PASSWORD);
    }

    /**
     * QA 96: a HeartBtInt of 2^31-1 was taken; from 76,861,434 s on, 1.2 times it in nanoseconds overflowed, so the
     * gateway sent a TestRequest at every tick and never found a silent client gone. Above
     * {@code gateway.maxHeartbeatIntervalSeconds} a Logon is refused; at it, the session is kept without a TestRequest.
     */
    @Test
    void shouldLogOutALogonAskingForAHeartBtIntAboveTheGatewaysBound() throws Exception
    {
        start(Map.of("gateway.maxHeartbeatIntervalSeconds", "86400"));
        final RawFixClient client = connect("CLIENT1");

        client.send(MsgTypes.LOGON, "98=0|108=100000000|141=Y|554=" + CLIENT1_PASSWORD);

        final RawFixClient.Msg logout = client.await("5");
        assertThat(logout.get(58)).isEqualTo("HeartBtInt(108) must be at most 86400 seconds");
        assertThat(client.awaitClosed(WAIT)).isTrue();
        // One line, the bounded one of a connection closed before a logon (QA 97: a second, unbounded one too).
        awaitLog("closed before a logon: logon refused for CLIENT1: HeartBtInt(108) must be at most 86400 seconds");
        assertThat(exchange.log).noneMatch(line -> line.startsWith("session CLIENT1: logout:"));

        final RawFixClient atBound = connect("CLIENT1");
        atBound.send(MsgTypes.LOGON, "98=0|108=86400|141=Y|554=" + CLIENT1_PASSWORD);
        assertThat(atBound.await("A").get(108)).isEqualTo("86400");
        Thread.sleep(300);
        assertThat(atBound.all()).as("no TestRequest to a client that just logged on").noneMatch(msg -> msg.type().equals("1"));
        assertStillTrading();
    }

    /**
     * A Logon whose SendingTime is a day old was answered as any other; refused now as QuickFIX/J refuses it (a Logout
     * with the reason, no session), and neither its ResetSeqNumFlag nor its MsgSeqNum is taken: the correct Logon
     * that follows under the same MsgSeqNum, without a reset, is accepted with no gap to fill.
     */
    @Test
    void shouldRefuseALogonWhoseSendingTimeIsOffWithoutTakingItsMsgSeqNumOrItsReset() throws Exception
    {
        start(Map.of());
        final RawFixClient first = logOn("CLIENT1", CLIENT1_PASSWORD);
        first.send(MsgTypes.HEARTBEAT, "");
        final int next = first.nextSeqNum();
        first.close();
        awaitLog("session CLIENT1 disconnected");

        final RawFixClient stale = connect("CLIENT1");
        stale.nextSeqNum(next);
        stale.sendSentAt(MsgTypes.LOGON, System.currentTimeMillis() - TimeUnit.DAYS.toMillis(1),
            "98=0|108=30|141=Y|554=" + CLIENT1_PASSWORD);
        final RawFixClient.Msg logout = stale.await("5");
        assertThat(logout.get(58)).isEqualTo("SendingTime(52) more than 120 s from the exchange's clock");
        assertThat(stale.awaitClosed(WAIT)).isTrue();
        assertThat(stale.all()).noneMatch(msg -> "A".equals(msg.type()) || "3".equals(msg.type()));

        final RawFixClient again = connect("CLIENT1");
        again.nextSeqNum(next);
        again.logon(CLIENT1_PASSWORD, false);
        assertThat(again.await("A").get(141)).isNull();
        again.send(MsgTypes.NEW_ORDER_SINGLE, order("st1", "AAPL", "189.00"));
        assertThat(awaitReport(again, "st1").get(39)).isEqualTo("0");
        assertThat(again.all()).noneMatch(msg -> "2".equals(msg.type()) || "5".equals(msg.type()));
        assertStillTrading();
    }

    /** Only EncryptMethod(98)=0 (none) is supported: 98=1 was taken for 0 and the session ran unencrypted. */
    @Test
    void shouldRefuseALogonWhoseEncryptMethodIsNotNone() throws Exception
    {
        start(Map.of());
        for (final String encryptMethod : new String[] {"98=1|", "98=6|", ""})
        {
            final RawFixClient client = connect("CLIENT1");
            client.send(MsgTypes.LOGON, encryptMethod + "108=30|141=Y|554=" + CLIENT1_PASSWORD);
            final RawFixClient.Msg logout = client.await("5");
            assertThat(logout.get(58)).as(encryptMethod)
                .isEqualTo("EncryptMethod(98) must be 0 (none): the only one supported");
            assertThat(client.awaitClosed(WAIT)).isTrue();
            assertThat(client.all()).noneMatch(msg -> "A".equals(msg.type()));
        }
        assertStillTrading();
        assertCanLogOn("CLIENT1", CLIENT1_PASSWORD);
    }

    /** A Logon that gives a field twice is refused as any other message is rejected: which one counts is a guess. */
    @Test
    void shouldRefuseALogonThatGivesAFieldTwice() throws Exception
    {
        start(Map.of());
        final RawFixClient client = connect("CLIENT1");
        client.send(MsgTypes.LOGON, "98=0|108=30|108=5|141=Y|554=" + CLIENT1_PASSWORD);
        assertThat(client.await("5").get(58)).isEqualTo("Tag 108 appears more than once");
        assertThat(client.awaitClosed(WAIT)).isTrue();
        assertThat(client.all()).noneMatch(msg -> "A".equals(msg.type()));
        assertCanLogOn("CLIENT1", CLIENT1_PASSWORD);
    }

    /** A number beyond 32 bits is no MsgSeqNum: it was read as -2147483648 and answered "MsgSeqNum too low". */
    @Test
    void shouldLogOutALogonWhoseMsgSeqNumIsBeyondThirtyTwoBitsAsNotAPositiveNumber() throws Exception
    {
        start(Map.of());
        final RawFixClient client = connect("CLIENT1");

        client.sendRaw(withField(client.encode(MsgTypes.LOGON, 1, "98=0|108=30|141=Y|554=" + CLIENT1_PASSWORD),
            34, "2147483648"));

        final RawFixClient.Msg logout = client.await("5");
        assertThat(logout.get(58)).isEqualTo("MsgSeqNum(34) missing or not a positive number");
        assertThat(client.awaitClosed(WAIT)).isTrue();
        assertCanLogOn("CLIENT1", CLIENT1_PASSWORD);
    }

    /**
     * QA 96: a field without a value ahead of MsgSeqNum(34) (TargetCompID comes before it in the usual order) stopped
     * the parse there: the Reject carried RefSeqNum 0 and the number was not used up, so the next message was met
     * with a ResendRequest for the one just rejected. And a PossDup duplicate of a number already used, malformed
     * too, was rejected again instead of dropped.
     */
    @Test
    void shouldRejectAMessageWithAnEmptyFieldBeforeItsMsgSeqNumUnderItsNumberAndDropItsPossDupDuplicate()
        throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final int seqNum = client.nextSeqNum();

        client.sendRaw(withField(client.encode(MsgTypes.TEST_REQUEST, seqNum, "112=t1"), 56, ""));
        client.nextSeqNum(seqNum + 1);
        final RawFixClient.Msg reject = client.await("3");
        assertThat(reject.get(45)).as("%s", reject).isEqualTo(String.valueOf(seqNum));
        assertThat(reject.get(373)).isEqualTo("4");
        assertThat(reject.get(371)).isEqualTo("56");

        client.sendRaw(withField(client.encode(MsgTypes.TEST_REQUEST, seqNum, "43=Y|122=20261124-00:00:00.000|112=t1"),
            56, ""));
        client.send(MsgTypes.TEST_REQUEST, "112=t2");
        assertThat(client.await("0").get(112)).isEqualTo("t2");
        assertThat(client.all()).as("no ResendRequest, no second Reject: %s", client.all())
            .noneMatch(msg -> "2".equals(msg.type()) || "3".equals(msg.type()));
    }

    /**
     * QA 97: a message malformed ahead of MsgSeqNum(34) (an empty MsgType here) with a MsgSeqNum beyond the expected
     * one was rejected at once, before the gap was recovered, and a second time when the client resent it. It leaves a
     * gap like any message beyond the expected number (ResendRequest, no Reject), and is rejected once, in order, when
     * it comes again; its number is used up then.
     */
    @Test
    void shouldAskForTheGapBeforeAMalformedMessageBeyondTheExpectedMsgSeqNumAndRejectItOnceInOrder() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final int expected = client.nextSeqNum();
        final int malformedSeqNum = expected + 2;

        client.sendRaw(withField(client.encode(MsgTypes.TEST_REQUEST, malformedSeqNum, "112=m1"), 35, ""));
        final RawFixClient.Msg resendRequest = client.await("2");
        assertThat(resendRequest.get(7)).isEqualTo(Integer.toString(expected));
        assertThat(resendRequest.get(16)).isEqualTo("0");
        client.drain(QUIET);
        assertThat(client.all()).as("no Reject before the gap is filled: %s", client.all())
            .noneMatch(msg -> "3".equals(msg.type()));

        // The client resends from the gap on, the malformed message among them, in order.
        client.sendWithSeq(MsgTypes.TEST_REQUEST, expected, "112=m2" + POSS_DUP);
        client.sendWithSeq(MsgTypes.HEARTBEAT, expected + 1, POSS_DUP.substring(1));
        client.sendRaw(withField(client.encode(MsgTypes.TEST_REQUEST, malformedSeqNum, "112=m1" + POSS_DUP), 35, ""));
        client.nextSeqNum(malformedSeqNum + 1);
        final RawFixClient.Msg reject = client.await("3");
        assertThat(reject.get(45)).isEqualTo(Integer.toString(malformedSeqNum));
        assertThat(reject.get(373)).isEqualTo("4");
        assertThat(reject.get(371)).isEqualTo("35");

        // Its number used up: the next message is in sequence, with no second ResendRequest or Reject.
        client.send(MsgTypes.TEST_REQUEST, "112=m3");
        assertThat(client.await(msg -> "0".equals(msg.type()) && "m3".equals(msg.get(112)), WAIT)).isNotNull();
        client.drain(QUIET);
        assertThat(client.all()).as("rejected once, one ResendRequest (both taken above): %s", client.all())
            .noneMatch(msg -> "3".equals(msg.type()) || "2".equals(msg.type()));
        assertThat(client.all()).anyMatch(msg -> "0".equals(msg.type()) && "m2".equals(msg.get(112)));

        // Below the expected number without PossDupFlag it is "MsgSeqNum too low", as any message is (it was rejected).
        final int next = client.nextSeqNum();
        client.sendRaw(withField(client.encode(MsgTypes.TEST_REQUEST, expected, "112=m4"), 35, ""));
        assertThat(client.await("5").get(58)).isEqualTo("MsgSeqNum too low, expecting " + next + " but received " +
            expected);
        assertThat(client.all()).noneMatch(msg -> "3".equals(msg.type()));
        assertStillTrading();
    }

    /**
     * QA 118 F5: a NewSeqNo(36) that is no number is an incorrect data format (373=6), as any field of the wrong format
     * is, not a value incorrect (373=5, what it got); a number that is not positive is a value incorrect.
     */
    @Test
    void shouldRejectASequenceResetWhoseNewSeqNoIsNoNumberAsIncorrectDataFormat() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final int seqNum = client.nextSeqNum();

        // Reset mode: its MsgSeqNum is not taken, so each goes under the same one.
        client.sendRaw(withField(client.encode(MsgTypes.SEQUENCE_RESET, seqNum, "36=1"), 36, "abc"));
        client.sendRaw(withField(client.encode(MsgTypes.SEQUENCE_RESET, seqNum, "36=1"), 36, "0"));
        client.sendRaw(withField(client.encode(MsgTypes.SEQUENCE_RESET, seqNum, "36=1"), 36, "-5"));

        for (final String[] expected : new String[][] {{"6", "NewSeqNo(36) is no 32-bit number"},
            {"5", "NewSeqNo(36) is not a positive number"}, {"5", "NewSeqNo(36) is not a positive number"}})
        {
            final RawFixClient.Msg reject = client.await("3");
            assertThat(reject.get(373)).as("%s", reject).isEqualTo(expected[0]);
            assertThat(reject.get(371)).isEqualTo("36");
            assertThat(reject.get(58)).isEqualTo(expected[1]);
        }
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("sn1", "AAPL", "189.00"));
        assertThat(awaitReport(client, "sn1").get(39)).isEqualTo("0");
        assertThat(client.all()).noneMatch(msg -> "5".equals(msg.type()) || "2".equals(msg.type()));
    }

    @Test
    void shouldRejectASequenceResetWhoseNewSeqNoIsBeyondThirtyTwoBitsAndKeepTheSession() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);
        final int seqNum = client.nextSeqNum();

        // Reset mode (its MsgSeqNum is not taken), then gap fill mode (it is).
        client.sendRaw(withField(client.encode(MsgTypes.SEQUENCE_RESET, seqNum, "36=1"), 36, "4294967300"));
        client.sendRaw(withField(client.encode(MsgTypes.SEQUENCE_RESET, seqNum, "123=Y|36=1"), 36, "4294967300"));
        client.nextSeqNum(seqNum + 1);

        for (int i = 0; i < 2; i++)
        {
            final RawFixClient.Msg reject = client.await("3");
            assertThat(reject.get(373)).as("no 32-bit number: incorrect data format (QA 118 F5)").isEqualTo("6");
            assertThat(reject.get(371)).isEqualTo("36");
            assertThat(reject.get(58)).isEqualTo("NewSeqNo(36) is no 32-bit number");
        }
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("sr1", "AAPL", "189.00"));
        assertThat(awaitReport(client, "sr1").get(39)).isEqualTo("0");
        assertThat(client.all()).noneMatch(msg -> "5".equals(msg.type()) || "2".equals(msg.type()));
    }

    @Test
    void shouldRejectATestRequestWithoutTestReqId() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);

        client.send(MsgTypes.TEST_REQUEST, "");

        final RawFixClient.Msg reject = client.await("3");
        assertThat(reject.get(373)).isEqualTo("1");
        assertThat(reject.get(371)).isEqualTo("112");
        assertThat(client.all()).noneMatch(msg -> "0".equals(msg.type()));
        client.send(MsgTypes.TEST_REQUEST, "112=t1");
        assertThat(client.await("0").get(112)).isEqualTo("t1");
    }

    // ------------------------------------------------------------------ logon

    @Test
    void shouldRefuseALogonFromAnUnknownCompIdWithALogoutAndNoAccess() throws Exception
    {
        start(Map.of());
        final RawFixClient stranger = connect("MALLORY");

        stranger.logon("anything", true);
        stranger.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, 2, order("m1", "AAPL", "189.00"));

        final RawFixClient.Msg logout = stranger.await("5");
        // QA 129 F5: the same as a known CompID's wrong password, so no one lists the CompIDs by trying them.
        assertThat(logout.get(58)).isEqualTo("invalid SenderCompID, username or password");
        assertThat(logout.get(56)).isEqualTo("MALLORY");
        assertThat(stranger.awaitClosed(WAIT)).isTrue();
        assertThat(stranger.all()).isEmpty();
        assertStillTrading();
    }

    @Test
    void shouldRefuseASecondLogonForALoggedOnCompIdAndKeepTheFirst() throws Exception
    {
        start(Map.of());
        final RawFixClient first = logOn("CLIENT1", CLIENT1_PASSWORD);
        final RawFixClient intruder = connect("CLIENT1");

        intruder.logon(CLIENT1_PASSWORD, true);

        final RawFixClient.Msg logout = intruder.await("5");
        assertThat(logout.get(58)).isEqualTo("session CLIENT1 is already logged on");
        assertThat(intruder.awaitClosed(WAIT)).isTrue();
        // The first connection's session (and its sequence numbers) are untouched.
        first.send(MsgTypes.NEW_ORDER_SINGLE, order("still", "AAPL", "189.00"));
        final RawFixClient.Msg report = awaitReport(first, "still");
        assertThat(report.get(39)).isEqualTo("0");
        assertThat(report.seq()).isEqualTo(2);
        assertStillTrading();
    }

    @Test
    void shouldDisconnectAConnectionWhoseFirstMessageIsNotALogon() throws Exception
    {
        start(Map.of());
        final RawFixClient client = connect("CLIENT1");

        client.send(MsgTypes.NEW_ORDER_SINGLE, order("nl1", "AAPL", "189.00"));

        assertThat(client.awaitClosed(WAIT)).isTrue();
        assertThat(client.all()).isEmpty();
        assertStillTrading();
        assertCanLogOn("CLIENT1", CLIENT1_PASSWORD);
    }

    // ------------------------------------------------------------------ application

    @Test
    void shouldRejectAnOffTickPriceWithAClearTextAndNeverRoundIt() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);

        // Finer than the tick but within AAPL's four decimals: the engine's tick check refuses it.
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("tick1", "AAPL", "189.505"));
        final RawFixClient.Msg offTick = awaitRejected(client, "tick1");
        assertThat(offTick.get(58)).startsWith("price not on tick");
        assertThat(offTick.get(44)).isEqualTo("189.505");

        // Finer than AAPL's price scale: the gateway refuses it before the engine sees it.
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("tick2", "AAPL", "189.50001"));
        final RawFixClient.Msg tooFine = awaitRejected(client, "tick2");
        assertThat(tooFine.get(58)).isEqualTo("price has more decimals than AAPL prices carry: its tick is 0.01");
        assertThat(tooFine.get(44)).isEqualTo("189.50001");

        // Nothing was booked at a rounded price: a sell at 189.50 rests instead of trading.
        bystander.send(MsgTypes.NEW_ORDER_SINGLE, order("sell1", '2', "AAPL", "189.50"));
        assertThat(awaitReport(bystander, "sell1").get(39)).isEqualTo("0");
        bystander.drain(QUIET);
        assertThat(bystander.all()).noneMatch(msg -> "8".equals(msg.type()));
        assertStillTrading();
    }

    @Test
    void shouldRejectAnUnknownSymbol() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);

        client.send(MsgTypes.NEW_ORDER_SINGLE, order("sym1", "GOOG", "100.00"));

        final RawFixClient.Msg report = awaitRejected(client, "sym1");
        assertThat(report.get(58)).isEqualTo("unknown symbol");
        assertThat(report.get(55)).isEqualTo("GOOG");
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("sym2", "AAPL", "189.00"));
        assertThat(awaitReport(client, "sym2").get(39)).isEqualTo("0");
        assertStillTrading();
    }

    @Test
    void shouldAcceptAWholeOrderQtyWrittenWithZeroDecimalsAndRejectAFractionalOneWithoutRounding() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);

        // Qty is a float in FIX: engines write a whole quantity as "10.0" as well as "10".
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("q1", "AAPL", "189.00").replace("|38=100|", "|38=10.0|"));
        final RawFixClient.Msg tenPointZero = awaitReport(client, "q1");
        assertThat(tenPointZero.get(39)).as("%s", tenPointZero).isEqualTo("0");
        assertThat(tenPointZero.get(38)).isEqualTo("10");
        assertThat(tenPointZero.get(151)).isEqualTo("10");
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("q2", "AAPL", "189.00").replace("|38=100|", "|38=10.00|"));
        assertThat(awaitReport(client, "q2").get(151)).isEqualTo("10");

        client.send(MsgTypes.NEW_ORDER_SINGLE, order("q3", "AAPL", "189.00").replace("|38=100|", "|38=10.5|"));
        final RawFixClient.Msg fractional = awaitRejected(client, "q3");
        assertThat(fractional.get(103)).as("OrdRejReason incorrect quantity").isEqualTo("13");
        assertThat(fractional.get(58)).isEqualTo("OrderQty must be a whole number");
        assertThat(fractional.get(38)).as("echoed as sent, not rounded").isEqualTo("10.5");

        // The replace's OrderQty (the new total) reads the same way.
        client.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST,
            "41=q1|11=q1r|55=AAPL|54=1|38=20.0|40=2|44=189.00" + TRANSACT_TIME);
        final RawFixClient.Msg replaced = awaitReport(client, "q1r");
        assertThat(replaced.get(150)).as("%s", replaced).isEqualTo("5");
        assertThat(replaced.get(38)).isEqualTo("20");
        assertThat(replaced.get(151)).isEqualTo("20");
        client.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST,
            "41=q1r|11=q1s|55=AAPL|54=1|38=20.5|40=2|44=189.00" + TRANSACT_TIME);
        final RawFixClient.Msg replaceRejected = client.await(msg -> "9".equals(msg.type()), WAIT);
        assertThat(replaceRejected.get(11)).isEqualTo("q1s");
        assertThat(replaceRejected.get(434)).isEqualTo("2");
        assertThat(replaceRejected.get(58)).isEqualTo("OrderQty must be a whole number");

        // Nothing was booked at a rounded quantity: 30 rest at 189.00 (20 + 10), so a sell of 31 leaves 1.
        bystander.send(MsgTypes.NEW_ORDER_SINGLE, order("sell31", '2', "AAPL", "189.00").replace("|38=100|", "|38=31|"));
        final RawFixClient.Msg sold = bystander.await(msg -> "8".equals(msg.type()) && "sell31".equals(msg.get(11)) &&
            ("1".equals(msg.get(151)) || "2".equals(msg.get(39))), WAIT);
        assertThat(sold.get(14)).isEqualTo("30");
        assertThat(sold.get(151)).isEqualTo("1");
        assertStillTrading();
    }

    /** A number too large for 64 bits is out of range, not "too many decimals": the reject says which. */
    @Test
    void shouldTellAPriceOrQuantityOutOfRangeFromOneWithTooManyDecimals() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);

        client.send(MsgTypes.NEW_ORDER_SINGLE, order("r1", "AAPL", "99999999999999999.99"));
        assertThat(awaitRejected(client, "r1").get(58))
            .isEqualTo("price is out of range: AAPL prices carry 4 decimals in 64 bits, up to 922337203685477.5807");
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("r2", "AAPL", "189.00001"));
        assertThat(awaitRejected(client, "r2").get(58)).startsWith("price has more decimals than AAPL prices carry");
        client.send(MsgTypes.NEW_ORDER_SINGLE,
            order("r3", "AAPL", "189.00").replace("|38=100|", "|38=99999999999999999999|"));
        final RawFixClient.Msg quantity = awaitRejected(client, "r3");
        assertThat(quantity.get(103)).isEqualTo("13");
        assertThat(quantity.get(58)).isEqualTo("OrderQty is out of range: at most 9223372036854775807");
        assertStillTrading();
    }

    @Test
    void shouldStampARejectTheGatewayMakesItselfWithTransactTime() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);

        final long beforeMs = System.currentTimeMillis();
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("tt1", "GOOG", "100.00"));
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("tt2", "AAPL", "189.00").replace("|38=100|", "|38=1.5|"));
        for (final String clOrdId : new String[] {"tt1", "tt2"})
        {
            assertTransactTime(awaitRejected(client, clOrdId), beforeMs);
        }
        // Its OrderCancelReject and OrderMassCancelReport carry it too, as the engine's do.
        client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=tt1|11=not-a-valid-clordid|55=AAPL|54=1" + TRANSACT_TIME);
        assertTransactTime(client.await("9"), beforeMs);
        client.send(MsgTypes.ORDER_MASS_CANCEL_REQUEST, "11=tt3|530=5" + TRANSACT_TIME);
        final RawFixClient.Msg massCancelRejected = client.await("r");
        assertThat(massCancelRejected.get(531)).isEqualTo("0");
        assertTransactTime(massCancelRejected, beforeMs);
        assertStillTrading();
    }

    /** TransactTime(60) is a UTCTimestamp on the exchange's clock: about the test's, and not after SendingTime. */
    private static void assertTransactTime(final RawFixClient.Msg message, final long sentAfterMs)
    {
        assertThat(message.get(60)).as("TransactTime of %s", message).isNotNull();
        final long transactTimeMs = utcTimestampMillis(message.get(60));
        assertThat(transactTimeMs).as("TransactTime(60) of %s is a UTCTimestamp", message)
            .isNotEqualTo(UtcTimestamp.INVALID);
        assertThat(transactTimeMs).isBetween(sentAfterMs - 1_000, System.currentTimeMillis() + 1_000);
        assertThat(transactTimeMs).isLessThanOrEqualTo(utcTimestampMillis(message.get(52)));
    }

    @Test
    void shouldAnswerAnUnsupportedMessageTypeWithABusinessMessageReject() throws Exception
    {
        start(Map.of());
        final RawFixClient client = logOn("CLIENT1", CLIENT1_PASSWORD);

        final int newsSeqNum = client.nextSeqNum();
        client.send(MsgTypes.code("B"), "148=hello|33=1|58=some news");
        final RawFixClient.Msg reject = client.await("j");
        assertThat(reject.get(45)).isEqualTo(Integer.toString(newsSeqNum));
        assertThat(reject.get(372)).isEqualTo("B");
        assertThat(reject.get(380)).isEqualTo("3");

        client.send(MsgTypes.code("AE"), "571=1|55=AAPL");
        assertThat(client.await("j").get(372)).isEqualTo("AE");

        // Not a FIX 4.4 MsgType at all: a session-level Reject, InvalidMsgType.
        final int invalidSeqNum = client.nextSeqNum();
        client.send(MsgTypes.code("ZZ"), "58=what");
        final RawFixClient.Msg invalid = client.await("3");
        assertThat(invalid.get(373)).isEqualTo("11");
        assertThat(invalid.get(45)).isEqualTo(Integer.toString(invalidSeqNum));
        assertThat(invalid.get(372)).isEqualTo("ZZ");
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("bmr", "AAPL", "189.00"));
        assertThat(awaitReport(client, "bmr").get(39)).isEqualTo("0");
        assertStillTrading();
    }

    // ------------------------------------------------------------------ support

    /** CLIENT1 logged on with a throttle of 5 messages a second. */
    private RawFixClient logOnThrottledToFivePerSecond() throws IOException
    {
        return logOnThrottledToFivePerSecond("");
    }

    /** The same, CLIENT1's session given {@code moreKeys} too (", key = value", ...). */
    private RawFixClient logOnThrottledToFivePerSecond(final String moreKeys) throws IOException
    {
        start(Map.of("gateway.sessions", "[" +
            "{ compId = CLIENT1, ownerId = 1, password = " + CLIENT1_PASSWORD + ", throttleMessagesPerSecond = 5" +
            moreKeys + " }," +
            "{ compId = CLIENT2, ownerId = 2, password = " + CLIENT2_PASSWORD + " } ]"));
        return logOn("CLIENT1", CLIENT1_PASSWORD);
    }

    /**
     * The order's first answer, an ack or a reject: among those the first connection got before it closed, else the
     * one {@code again} (the next logon) is sent.
     */
    private static RawFixClient.Msg firstAnswer(final List<RawFixClient.Msg> firstAnswers, final RawFixClient again,
        final String clOrdId) throws IOException
    {
        final RawFixClient.Msg answer = firstAnswers.stream()
            .filter(msg -> "8".equals(msg.type()) && clOrdId.equals(msg.get(11))).findFirst().orElse(null);
        return answer != null ? answer : again.await(msg -> "8".equals(msg.type()) && clOrdId.equals(msg.get(11)) &&
            ("0".equals(msg.get(150)) || "8".equals(msg.get(150))), WAIT);
    }

    private void start(final Map<String, String> overrides) throws IOException
    {
        exchange = TestExchange.start(directory, overrides);
        bystander = logOn("CLIENT2", CLIENT2_PASSWORD);
    }

    private RawFixClient connect(final String compId) throws IOException
    {
        return connect(compId, 0);
    }

    private RawFixClient connect(final String compId, final int receiveBufferBytes) throws IOException
    {
        final RawFixClient client = new RawFixClient(exchange.port(), compId, receiveBufferBytes);
        clients.add(client);
        return client;
    }

    private RawFixClient logOn(final String compId, final String password) throws IOException
    {
        return logOn(compId, password, 0);
    }

    private RawFixClient logOn(final String compId, final String password, final int receiveBufferBytes)
        throws IOException
    {
        final RawFixClient client = connect(compId, receiveBufferBytes);
        client.logon(password, true);
        assertThat(client.await("A").get(141)).isEqualTo("Y");
        return client;
    }

    /** A fresh connection for {@code compId} logs on and trades: the gateway still accepts clients. */
    private void assertCanLogOn(final String compId, final String password) throws IOException
    {
        final RawFixClient client = logOn(compId, password);
        client.send(MsgTypes.NEW_ORDER_SINGLE, order("back", "MSFT", "410.00"));
        assertThat(awaitReport(client, "back").get(39)).isEqualTo("0");
    }

    /** CLIENT2 places an order and has it acknowledged. */
    private void assertStillTrading() throws IOException
    {
        final String clOrdId = "by" + ++bystanderOrders;
        bystander.send(MsgTypes.NEW_ORDER_SINGLE, order(clOrdId, "MSFT", "419.00"));
        final RawFixClient.Msg report = awaitReport(bystander, clOrdId);
        assertThat(report.get(150)).isEqualTo("0");
        assertThat(report.get(39)).isEqualTo("0");
    }

    private static RawFixClient.Msg awaitReport(final RawFixClient client, final String clOrdId) throws IOException
    {
        return client.awaitReport(clOrdId);
    }

    /** The ExecutionReport that rejects order {@code clOrdId}: ExecType and OrdStatus 8, nothing filled. */
    private static RawFixClient.Msg awaitRejected(final RawFixClient client, final String clOrdId) throws IOException
    {
        final RawFixClient.Msg report = awaitReport(client, clOrdId);
        assertThat(report.get(150)).as("ExecType of %s", report).isEqualTo("8");
        assertThat(report.get(39)).as("OrdStatus of %s", report).isEqualTo("8");
        assertThat(report.get(14)).isEqualTo("0");
        return report;
    }

    /** A day limit order to buy 100 AAPL at 189.00, {@code clOrdId}, acknowledged: @return its OrderID. */
    private static String restingOrderId(final RawFixClient client, final String clOrdId) throws IOException
    {
        client.send(MsgTypes.NEW_ORDER_SINGLE, order(clOrdId, "AAPL", "189.00"));
        final RawFixClient.Msg accepted = awaitReport(client, clOrdId);
        assertThat(accepted.get(39)).as("%s", accepted).isEqualTo("0");
        return accepted.get(37);
    }

    /** An OrderStatusRequest finds {@link #restingOrderId}'s order live and as it was entered. */
    private static void assertRestsAsEntered(final RawFixClient client, final String clOrdId, final String orderId)
        throws IOException
    {
        client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=" + clOrdId + "|55=AAPL|54=1");
        final RawFixClient.Msg status = client.await(msg -> "I".equals(msg.get(150)), WAIT);
        assertThat(status.get(37)).isEqualTo(orderId);
        assertThat(status.get(39)).as("%s", status).isEqualTo("0");
        assertThat(status.get(38)).isEqualTo("100");
        assertThat(status.get(44)).isEqualTo("189");
    }

    /**
     * {@code count} day limit orders to buy 100 AAPL at 189.00, ClOrdIDs {@code prefix} 0, 1, ..., encoded under the
     * client's next MsgSeqNums (not taken: the caller adds what it sends in the same write, then moves them on).
     */
    private static ByteArrayOutputStream orders(final RawFixClient client, final String prefix, final int count)
        throws IOException
    {
        final ByteArrayOutputStream burst = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++)
        {
            burst.write(client.encode(MsgTypes.NEW_ORDER_SINGLE, client.nextSeqNum() + i, order(prefix + i, "AAPL",
                "189.00")));
        }
        return burst;
    }

    /**
     * The {@code messages} encoded in {@code burst} and a Logout, in one write: the gateway reads the Logout before it
     * reads back any command they entered, and the connection closes (the client's MsgSeqNums move past them all).
     */
    private void sendThenLogOut(final RawFixClient client, final ByteArrayOutputStream burst, final int messages)
        throws IOException, InterruptedException
    {
        burst.write(client.encode(MsgTypes.LOGOUT, client.nextSeqNum() + messages, ""));
        client.nextSeqNum(client.nextSeqNum() + messages + 1);
        client.sendRaw(burst.toByteArray());
        client.await("5");
        assertThat(client.awaitClosed(WAIT)).isTrue();
        awaitLog("session CLIENT1 disconnected");
    }

    /**
     * Awaits the first report of each of the orders {@code prefix} 0 to {@code count - 1}.
     *
     * @return how many were throttle rejects.
     */
    private static int throttleRejects(final RawFixClient client, final String prefix, final int count)
        throws IOException
    {
        int throttled = 0;
        for (int i = 0; i < count; i++)
        {
            final RawFixClient.Msg answer = awaitReport(client, prefix + i);
            if ("8".equals(answer.get(150)))
            {
                assertThat(answer.get(58)).startsWith("throttle exceeded");
                throttled++;
            }
        }
        return throttled;
    }

    /** A day limit order to buy 100. */
    private static String order(final String clOrdId, final String symbol, final String price)
    {
        return order(clOrdId, '1', symbol, price);
    }

    /** A day limit order for 100; side 1 buys, 2 sells. */
    private static String order(final String clOrdId, final char side, final String symbol, final String price)
    {
        return "11=" + clOrdId + "|55=" + symbol + "|54=" + side + "|38=100|40=2|44=" + price + "|59=0" + TRANSACT_TIME;
    }

    /** Epoch milliseconds of a UTCTimestamp, or {@link UtcTimestamp#INVALID}. */
    private static long utcTimestampMillis(final String text)
    {
        final long nanos = UtcTimestamp.parse(new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII)), 0, text.length());
        return nanos == UtcTimestamp.INVALID ? nanos : TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private void awaitLog(final String fragment) throws InterruptedException
    {
        awaitLog(fragment, 1);
    }

    private void awaitLog(final String fragment, final int times) throws InterruptedException
    {
        exchange.awaitLog(fragment, times, WAIT);
    }

    private static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /** BodyLength(9) of an encoded message. */
    private static int bodyLength(final byte[] message)
    {
        return Integer.parseInt(bodyLengthValue(message));
    }

    private static String bodyLengthValue(final byte[] message)
    {
        final String wire = new String(message, StandardCharsets.US_ASCII);
        final int start = wire.indexOf("\u00019=") + 3;
        return wire.substring(start, wire.indexOf('\u0001', start));
    }

    /** The message with BodyLength(9) replaced by {@code value}; the rest as it was. */
    private static byte[] withBodyLength(final byte[] message, final String value)
    {
        final String wire = new String(message, StandardCharsets.US_ASCII);
        return wire.replaceFirst("\u00019=" + bodyLengthValue(message) + "\u0001", "\u00019=" + value + "\u0001")
            .getBytes(StandardCharsets.US_ASCII);
    }

    /** The message with another BeginString(8) value, and the CheckSum(10) that makes it well-formed again. */
    private static byte[] withBeginString(final byte[] message, final String beginString)
    {
        final String wire = new String(message, StandardCharsets.US_ASCII);
        return withCheckSum(
            "8=" + beginString + wire.substring(wire.indexOf('\u0001'), wire.length() - "10=NNN\u0001".length()));
    }

    /** The message with {@code tag}'s value replaced, and the BodyLength(9) and CheckSum(10) that make it whole again. */
    private static byte[] withField(final byte[] message, final int tag, final String value)
    {
        final String wire = new String(message, StandardCharsets.US_ASCII);
        final int start = wire.indexOf("\u0001" + tag + "=") + 1;
        final String changed = wire.substring(0, start) + tag + "=" + value +
            wire.substring(wire.indexOf('\u0001', start), wire.length() - "10=NNN\u0001".length());
        final int bodyStart = changed.indexOf('\u0001', changed.indexOf("\u00019=") + 1) + 1;
        return withCheckSum(new String(withBodyLength(changed.getBytes(StandardCharsets.US_ASCII),
            Integer.toString(changed.length() - bodyStart)), StandardCharsets.US_ASCII));
    }

    /** {@code withoutTrailer} (a message up to its CheckSum field) with the CheckSum(10) that it sums to. */
    private static byte[] withCheckSum(final String withoutTrailer)
    {
        int checkSum = 0;
        for (int i = 0; i < withoutTrailer.length(); i++)
        {
            checkSum += withoutTrailer.charAt(i);
        }
        return (withoutTrailer + String.format("10=%03d\u0001", checkSum % 256)).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A TestRequest under {@code seqNum} with a field whose tag is "xxxx", no number (tag 9999 made so, the length the
     * same): malformed, answered with Reject(3) 373=0, invalid tag number.
     */
    private static byte[] malformedTestRequest(final RawFixClient client, final int seqNum, final String testReqId)
    {
        final String wire = new String(client.encode(MsgTypes.TEST_REQUEST, seqNum, "112=" + testReqId + "|9999=1"),
            StandardCharsets.US_ASCII).replace("\u00019999=1\u0001", "\u0001xxxx=1\u0001");
        return withCheckSum(wire.substring(0, wire.length() - "10=NNN\u0001".length()));
    }

    /**
     * {@code count} messages in one write's bytes, {@code messageUnder} making each of the client's next MsgSeqNums',
     * which it then goes on from.
     */
    private static byte[] burst(final RawFixClient client, final int count, final IntFunction<byte[]> messageUnder)
    {
        final int first = client.nextSeqNum();
        final ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++)
        {
            all.writeBytes(messageUnder.apply(first + i));
        }
        client.nextSeqNum(first + count);
        return all.toByteArray();
    }

    /** The message with a CheckSum(10) one off the right one. */
    private static byte[] withWrongChecksum(final byte[] message)
    {
        final byte[] damaged = message.clone();
        final int digits = damaged.length - 4; // "10=NNN<SOH>": the three digits before the final SOH
        final int checkSum = Integer.parseInt(new String(damaged, digits, 3, StandardCharsets.US_ASCII));
        final byte[] wrong = String.format("%03d", (checkSum + 1) % 256).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(wrong, 0, damaged, digits, 3);
        return damaged;
    }
}

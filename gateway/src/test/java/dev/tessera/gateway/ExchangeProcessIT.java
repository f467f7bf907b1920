package dev.tessera.gateway;

import dev.tessera.fix.FixEncoder;
import dev.tessera.fix.MsgTypes;
import dev.tessera.server.IgnoredSignals;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.tessera.gateway.RawFixClient.TRANSACT_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's run command, {@code bin/tessera}, as a real child process: it prints where it
 * listens, a client trades, SIGTERM shuts it down cleanly (the client is logged out), and a restart
 * -- also after {@code kill -9} -- recovers the order book and the session's sequence numbers; with
 * cancel-on-disconnect, neither way of stopping leaves a session's resting orders live; orders read but not
 * journaled when it was killed are asked for again at the next logon.
 */
@Timeout(180)
class ExchangeProcessIT
{
    private static final Path ROOT = Path.of(System.getProperty("tessera.root", "..")).toAbsolutePath().normalize();
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path data;

    private Process process;
    private Thread pump;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private boolean cancelOnDisconnect = true;
    /** {@code gateway.sessions} without spaces (bin/tessera splits TESSERA_JAVA_OPTS on them), null for the default. */
    private String sessions;


    @AfterEach
    void kill()
    {
        if (process != null)
        {
            process.destroyForcibly();
        }
    }

    @Test
    void shouldServeFixShutDownCleanlyOnSigtermAndRecoverAfterKillNine() throws Exception
    {
        cancelOnDisconnect = false; // the orders must outlive the server for this test to see them recovered
        int port = start(0);
        assertThat(String.join("\n", output)).contains("Trading day ends: never (trading.dayEnd = none)");
        final String orderId;
        try (RawFixClient client = new RawFixClient(port, "CLIENT1"))
        {
            client.logon("client1-secret", true);
            client.await("A");
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=keep1|55=AAPL|54=1|38=25|40=2|44=189.25|59=1" + TRANSACT_TIME);
            final RawFixClient.Msg accepted = client.await("8");
            assertThat(accepted.get(150)).isEqualTo("0");
            orderId = accepted.get(37);

            process.toHandle().destroy(); // SIGTERM, without closing our end of its output as Process.destroy() does
            final RawFixClient.Msg logout = client.await("5");
            assertThat(logout.get(58)).isEqualTo("server shutting down");
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        pump.join(5_000);
        assertThat(String.join("\n", output)).contains("shut down cleanly");
        assertThat(process.exitValue()).as("128 + SIGTERM, as README and --help say").isEqualTo(143);

        port = start(port);
        try (RawFixClient client = new RawFixClient(port, "CLIENT1"))
        {
            client.nextSeqNum(3); // sequence numbers carry on across the restart: no reset
            client.logon("client1-secret", false);
            final RawFixClient.Msg logon = client.await("A");
            assertThat(logon.seq()).as("the server's own numbering carried on too").isGreaterThan(2);
            client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=keep1|55=AAPL|54=1");
            final RawFixClient.Msg status = client.await("8");
            assertThat(status.get(150)).isEqualTo("I");
            assertThat(status.get(37)).isEqualTo(orderId);
            assertThat(status.get(151)).isEqualTo("25");

            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=keep2|55=AAPL|54=1|38=5|40=2|44=189.20|59=1" + TRANSACT_TIME);
            assertThat(client.await("8").get(150)).isEqualTo("0");
        }
        process.destroyForcibly(); // kill -9: no shutdown hook, nothing flushed by the process
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        port = start(port);
        try (RawFixClient client = new RawFixClient(port, "CLIENT1"))
        {
            client.logon("client1-secret", true);
            client.await("A");
            client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=keep2|55=AAPL|54=1");
            final RawFixClient.Msg status = client.await("8");
            assertThat(status.get(39)).as("the acknowledged order survived kill -9").isEqualTo("0");
            assertThat(status.get(151)).isEqualTo("5");
        }
    }

    /**
     * Ctrl-C (SIGINT) shuts down as cleanly as SIGTERM and exits 130 (128 + SIGINT), as README and {@code --help}
     * say. Skipped when this JVM ignores SIGINT (a background job of a non-interactive shell): the child inherits
     * that, and the JVM then installs no handler for it.
     */
    @Test
    void shouldShutDownCleanlyOnCtrlCAndExit130() throws Exception
    {
        Assumptions.assumeFalse(IgnoredSignals.sigint(), "SIGINT is ignored in this process, and so in its children");
        final int port = start(0);
        try (RawFixClient client = new RawFixClient(port, "CLIENT1"))
        {
            client.logon("client1-secret", true);
            client.await("A");
            assertThat(new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor()).isZero();
            assertThat(client.await("5").get(58)).isEqualTo("server shutting down");
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        pump.join(5_000);
        assertThat(String.join("\n", output)).contains("shut down cleanly");
        assertThat(process.exitValue()).isEqualTo(130);
    }

    /**
     * SIGTERM while start-up is still running (recovery has begun, the banner is not out): the JVM ends without the
     * clean shutdown, which needs a started server, but says so in a line rather than exit without one; the next
     * start is clean. The signal is sent as soon as the recovery line shows, which on a new journal can still come
     * after the banner: then the clean shutdown's line is asked for instead.
     */
    @Test
    void shouldSaySoWhenStoppedDuringStartUp() throws Exception
    {
        launch(0);
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (output.stream().noneMatch(line -> line.startsWith("recovery:")))
        {
            assertThat(process.isAlive()).as("%s", output).isTrue();
            assertThat(System.nanoTime()).as("no recovery line: %s", output).isLessThan(deadline);
            Thread.onSpinWait();
        }
        process.toHandle().destroy(); // SIGTERM
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        pump.join(5_000);
        final String said = String.join("\n", output);
        assertThat(process.exitValue()).as(said).isEqualTo(143);
        if (said.contains("listening on"))
        {
            assertThat(said).contains("shut down cleanly");
        }
        else
        {
            assertThat(said).contains("tessera: stopped during start-up (SIGTERM or Ctrl-C before the exchange " +
                "served): no clean shutdown; the next start recovers what was written, as after a crash");
        }

        start(0);
        assertThat(String.join("\n", output)).doesNotContain("WARNING", "Exception");
    }

    /**
     * FIX guaranteed delivery across {@code kill -9}: a burst of orders is read (their MsgSeqNums used up) and
     * the server killed while some are still in the ring, not journaled. The restart asks for those again at
     * the logon, and the client's resend enters them: every order of the burst ends up known, none twice.
     * (When the kill happens to find everything journaled there is no ResendRequest, and the same holds.)
     */
    @Test
    void shouldAskAgainAfterKillNineForOrdersReadButNotJournaled() throws Exception
    {
        cancelOnDisconnect = false; // the orders must outlive the server for their status to be asked
        final int orders = 100;
        int port = start(0);
        try (RawFixClient client = new RawFixClient(port, "CLIENT1"))
        {
            client.logon("client1-secret", true);
            client.await("A");
            // Journaled and acknowledged first: the kill below is to find the journal's cycle file made.
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=first|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME);
            assertThat(client.await("8").get(150)).isEqualTo("0");
            final ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 0; i < orders; i++)
            {
                burst.write(client.encode(MsgTypes.NEW_ORDER_SINGLE, FIRST_BURST_SEQ_NUM + i, burstOrder(i)));
            }
            client.sendRaw(burst.toByteArray());
            Thread.sleep(5);
            process.destroyForcibly(); // kill -9
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        port = start(port);
        try (RawFixClient client = new RawFixClient(port, "CLIENT1"))
        {
            final int logonSeqNum = FIRST_BURST_SEQ_NUM + orders;
            client.nextSeqNum(logonSeqNum);
            client.logon("client1-secret", false);
            client.await("A");
            client.drain(Duration.ofMillis(500));
            final RawFixClient.Msg resendRequest = client.all().stream().filter(msg -> "2".equals(msg.type()))
                .findFirst().orElse(null);
            int resent = 0;
            if (resendRequest != null)
            {
                final int beginSeqNo = Integer.parseInt(resendRequest.get(7));
                assertThat(beginSeqNo).isBetween(FIRST_BURST_SEQ_NUM, logonSeqNum);
                final String origSendingTime = "122=" + DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS")
                    .withZone(ZoneOffset.UTC).format(Instant.now().minusSeconds(1)) + "|";
                for (int seqNum = beginSeqNo; seqNum < logonSeqNum; seqNum++)
                {
                    client.sendWithSeq(MsgTypes.NEW_ORDER_SINGLE, seqNum, "43=Y|" + origSendingTime +
                        burstOrder(seqNum - FIRST_BURST_SEQ_NUM));
                    resent++;
                }
                client.sendWithSeq(MsgTypes.SEQUENCE_RESET, logonSeqNum, "43=Y|123=Y|36=" + (logonSeqNum + 1));
                client.nextSeqNum(logonSeqNum + 1);
                for (int i = 0; i < resent; i++)
                {
                    final RawFixClient.Msg report = client.await("8");
                    assertThat(report.get(150)).as("a lost order resent is entered, never refused: " + report)
                        .isEqualTo("0");
                }
            }
            for (int i = 0; i < orders; i++)
            {
                client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=burst" + i + "|55=AAPL|54=1");
                final RawFixClient.Msg status = client.await(msg -> "8".equals(msg.type()) &&
                    "I".equals(msg.get(150)), Duration.ofSeconds(10));
                assertThat(status.get(11)).isEqualTo("burst" + i);
                assertThat(status.get(39)).as("burst" + i + " was read by the server, so it must be known (" +
                    resent + " resent): " + status).isEqualTo("0");
                assertThat(status.get(151)).isEqualTo("10");
            }
            client.drain(Duration.ofMillis(300));
            assertThat(client.all()).as("no Reject, no Logout, no second ResendRequest")
                .noneMatch(msg -> "3".equals(msg.type()) || "5".equals(msg.type()) ||
                    "2".equals(msg.type()) && msg != resendRequest);
        }
    }

    private static final int FIRST_BURST_SEQ_NUM = 3;

    private static String burstOrder(final int i)
    {
        return "11=burst" + i + "|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME;
    }

    /**
     * Cancel-on-disconnect (the default) when the server stops: after {@code kill -9} the restart cancels the
     * resting orders before anyone logs on and the client gets the Canceled reports at its logon; SIGTERM
     * cancels them before the client is logged out, and the next start has nothing left to cancel.
     */
    @Test
    void shouldCancelOnDisconnectWhenTheServerIsKilledOrStopped() throws Exception
    {
        int port = start(0);
        final int nextSeqNum;
        try (RawFixClient client = new RawFixClient(port, "CLIENT1"))
        {
            client.logon("client1-secret", true);
            client.await("A");
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=crash1|55=AAPL|54=1|38=25|40=2|44=189.25|59=1" + TRANSACT_TIME);
            assertThat(client.await("8").get(150)).isEqualTo("0");
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=crash2|55=AAPL|54=2|38=5|40=2|44=190.75|59=0" + TRANSACT_TIME);
            assertThat(client.await("8").get(150)).isEqualTo("0");
            nextSeqNum = client.nextSeqNum();
            process.destroyForcibly(); // kill -9: no shutdown hook, no cancel-on-disconnect
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        port = start(port);
        assertThat(String.join("\n", output)).contains(
            "gateway: cancel-on-disconnect at start-up: cancels of 2 resting orders of 1 session(s) entered (CLIENT1)");
        try (RawFixClient client = new RawFixClient(port, "CLIENT1"))
        {
            client.nextSeqNum(nextSeqNum);
            client.logon("client1-secret", false);
            client.await("A");
            final RawFixClient.Msg first = client.await("8");
            final RawFixClient.Msg second = client.await("8");
            assertThat(List.of(first.get(11), second.get(11))).containsExactlyInAnyOrder("crash1", "crash2");
            assertThat(List.of(first, second)).allSatisfy(report ->
            {
                assertThat(report.get(150)).isEqualTo("4");
                assertThat(report.get(58)).isEqualTo("cancel on disconnect");
            });

            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=term1|55=AAPL|54=1|38=5|40=2|44=189.00|59=1" + TRANSACT_TIME);
            assertThat(client.await("8").get(150)).isEqualTo("0");
            process.toHandle().destroy(); // SIGTERM
            final RawFixClient.Msg cancelled = client.await("8");
            assertThat(cancelled.get(11)).isEqualTo("term1");
            assertThat(cancelled.get(150)).isEqualTo("4");
            assertThat(cancelled.get(58)).isEqualTo("cancel on disconnect");
            assertThat(client.await("5").get(58)).isEqualTo("server shutting down");
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        pump.join(5_000);
        assertThat(String.join("\n", output)).contains("shut down cleanly");

        start(port);
        assertThat(String.join("\n", output)).contains("(0 live orders, from")
            .doesNotContain("cancel-on-disconnect at start-up");
    }

    /**
     * A second exchange started on the same data while the first runs (another port, so the port is not
     * what stops it) must refuse to start: Chronicle would let both append, interleaving two exchanges'
     * records in one journal, and both would rewrite the sessions' MsgSeqNums. The session state directory's
     * lock is taken first (before the journal is opened), so it is the one named.
     */
    @Test
    void shouldRefuseASecondExchangeOnTheSameJournal() throws Exception
    {
        final int port = start(0);

        final Process second = builder(0).start();
        final String secondOutput = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(second.exitValue()).as(secondOutput).isEqualTo(4);
        assertThat(secondOutput)
            .contains("session state directory " + data.resolve("sessions") + " is already in use (by another " +
                "process, pid " + process.pid() + ")")
            .doesNotContain("listening on");
        assertThat(process.isAlive()).as("the first exchange runs on").isTrue();
        try (RawFixClient client = new RawFixClient(port, "CLIENT2"))
        {
            client.logon("client2-secret", true);
            client.await("A");
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=second1|55=AAPL|54=2|38=10|40=2|44=190.25|59=1" + TRANSACT_TIME);
            assertThat(client.await("8").get(150)).as("the first exchange still trades").isEqualTo("0");
        }
    }

    /**
     * The gateway thread failing in the real launcher stops the whole process (FatalStop, exit 5) with one line naming
     * the thread and the cause, instead of leaving a port open that answers no one; the restart works. The failure: a
     * session's sent index cannot grow, its file replaced by a directory while the exchange ran (as outside damage
     * would). A session's index holds 131072 MsgSeqNums in its first MiB, so a client sends that many orders and the
     * gateway thread, making their acknowledgements from the journal, must reopen the file to grow it. (A full disk
     * under a growing session file fails the same way, with "No space left on device", but a test cannot fill one
     * without mounting a file system; a mapped file cut from outside would kill the JVM with SIGBUS, not this path.
     * A failure on a connection's read path costs that connection only, by design, so it cannot be used here.)
     */
    @Test
    void shouldStopWithStatus5NamingTheGatewayThreadWhenItFailsAndStartAgain() throws Exception
    {
        cancelOnDisconnect = false;
        final int port = start(0);
        final Path sent = data.resolve("sessions").resolve("CLIENT1.sent");
        final Path aside = data.resolve("CLIENT1.sent.aside");
        final int orders = (1 << 20) / 8; // acknowledgements under MsgSeqNums 2 to 131073: past the first MiB's entries
        try (Socket socket = new Socket("127.0.0.1", port))
        {
            final OutputStream out = socket.getOutputStream();
            final InputStream in = socket.getInputStream();
            final long[] bytesRead = new long[1];
            final Thread reader = new Thread(() ->
            {
                final byte[] buffer = new byte[1 << 16];
                try
                {
                    int read;
                    while ((read = in.read(buffer)) > 0)
                    {
                        synchronized (bytesRead)
                        {
                            bytesRead[0] += read;
                        }
                    }
                }
                catch (final IOException ignored)
                {
                    // closed by the server as it stops
                }
            }, "client-reader");
            reader.setDaemon(true);
            reader.start();
            final FixEncoder fix = new FixEncoder();
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 20]);
            fix.wrap(buffer, 0).begin(MsgTypes.LOGON, "CLIENT1", RawFixClient.GATEWAY, 1, System.currentTimeMillis() * 1_000_000L);
            fix.putInt(98, 0).putInt(108, 30).putChar(141, 'Y').putString(554, "client1-secret");
            out.write(buffer.byteArray(), 0, fix.finish());
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (output.stream().noneMatch(line -> line.contains("session CLIENT1 logged on")) &&
                System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            Files.move(sent, aside); // the exchange keeps its mapping of the file, now named aside
            Files.createDirectory(sent);

            // Paced to 8,000 a second, below the session's throttle (10,000 messages a second): a throttled order is
            // answered on the read path, where a failure costs only the connection.
            int seqNum = 2;
            long nextBatchNs = System.nanoTime();
            while (seqNum <= orders + 1 && process.isAlive())
            {
                LockSupport.parkNanos(nextBatchNs - System.nanoTime());
                nextBatchNs += TimeUnit.MILLISECONDS.toNanos(125);
                int length = 0;
                final long nowNs = System.currentTimeMillis() * 1_000_000L;
                for (int i = 0; i < 1000 && seqNum <= orders + 1; i++, seqNum++)
                {
                    fix.wrap(buffer, length).begin(MsgTypes.NEW_ORDER_SINGLE, "CLIENT1", RawFixClient.GATEWAY, seqNum, nowNs);
                    fix.putString(11, "o" + seqNum).putString(55, "AAPL").putChar(54, '1').putInt(38, 1)
                        .putChar(40, '2').putDecimal(44, 18_000 + seqNum % 900, 2).putChar(59, '1')
                        .putUtcTimestamp(60, nowNs);
                    length += fix.finish();
                }
                try
                {
                    out.write(buffer.byteArray(), 0, length);
                }
                catch (final IOException ex)
                {
                    break; // the exchange stopped while they were on their way
                }
            }
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the process stops: %s", output).isTrue();
        }
        pump.join(5_000);
        final String said = String.join("\n", output);
        assertThat(process.exitValue()).as(said).isEqualTo(5);
        assertThat(output).as(said).filteredOn(line -> line.startsWith("tessera: the gateway thread stopped: "))
            .containsExactly("tessera: the gateway thread stopped: java.io.UncheckedIOException: cannot map session " +
                "file " + sent + ": " + sent + " (Is a directory); the exchange stops (it cannot run without it)");
        assertThat(output).as(said).contains("tessera: stopped after the failure above; a restart recovers from the journal");
        assertThat(said).doesNotContain("\tat ");

        // The file back where it was, the exchange starts again: every order is there, and the session goes on.
        Files.delete(sent);
        Files.move(aside, sent);
        final int again = start(0);
        assertThat(String.join("\n", output)).as("every order was journaled").contains("131,072 live orders");
        try (RawFixClient client = RawFixClient.loggedOn(again, "CLIENT1", "client1-secret"))
        {
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=after|55=AAPL|54=1|38=5|40=2|44=189.00|59=1" + TRANSACT_TIME);
            assertThat(client.awaitReport("after").get(150)).isEqualTo("0");
        }
        process.toHandle().destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(143);
    }

    /**
     * Throttle rejects held for a session away survive a {@code kill -9}: a session over its throttle floods orders
     * and logs out in the same write (the gateway reads the Logout before it reads back any command, so the rejects
     * are held for its next logon), the server is killed, and after the restart the client's logon gets an answer to
     * every order it sent: their MsgSeqNums were used up, so it will not send them again.
     */
    @Test
    void shouldSendTheThrottleRejectsHeldForASessionAwayAfterKillNine() throws Exception
    {
        sessions = "[{compId=CLIENT1,ownerId=1,password=client1-secret,throttleMessagesPerSecond=5}]";
        int port = start(0);
        final int flood = 20;
        final int nextSeqNum;
        final List<RawFixClient.Msg> firstAnswers;
        try (RawFixClient client = new RawFixClient(port, "CLIENT1"))
        {
            client.logon("client1-secret", true);
            client.await("A");
            final ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 0; i < flood; i++)
            {
                burst.write(client.encode(MsgTypes.NEW_ORDER_SINGLE, client.nextSeqNum() + i,
                    "11=k" + i + "|55=AAPL|54=1|38=1|40=2|44=180.00|59=1" + TRANSACT_TIME));
            }
            burst.write(client.encode(MsgTypes.LOGOUT, client.nextSeqNum() + flood, ""));
            client.nextSeqNum(client.nextSeqNum() + flood + 1);
            client.sendRaw(burst.toByteArray());
            client.await("5");
            assertThat(client.awaitClosed(Duration.ofSeconds(10))).isTrue();
            nextSeqNum = client.nextSeqNum();
            firstAnswers = client.all();
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (output.stream().noneMatch(line -> line.contains("session CLIENT1 disconnected")) &&
            System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        Thread.sleep(500); // the accepted orders' commands journaled: none of them is to be asked for again
        process.destroyForcibly(); // kill -9: no shutdown hook, nothing flushed by the process
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        port = start(port);
        assertThat(output).anySatisfy(line -> assertThat(line).contains("session CLIENT1: ")
            .contains(" held reject(s) from before the restart go out at its next logon"));
        try (RawFixClient client = new RawFixClient(port, "CLIENT1"))
        {
            client.nextSeqNum(nextSeqNum);
            client.logon("client1-secret", false);
            client.await("A");
            int throttled = 0;
            for (int i = 0; i < flood; i++)
            {
                final String clOrdId = "k" + i;
                RawFixClient.Msg answer = firstAnswers.stream()
                    .filter(msg -> "8".equals(msg.type()) && clOrdId.equals(msg.get(11))).findFirst().orElse(null);
                if (answer == null)
                {
                    answer = client.await(msg -> "8".equals(msg.type()) && clOrdId.equals(msg.get(11)) &&
                        ("0".equals(msg.get(150)) || "8".equals(msg.get(150))), Duration.ofSeconds(10));
                }
                if ("8".equals(answer.get(150)))
                {
                    assertThat(answer.get(58)).startsWith("throttle exceeded");
                    throttled++;
                }
            }
            assertThat(throttled).as("past the throttle's tokens: held over the kill").isGreaterThan(10);
        }
    }

    private ProcessBuilder builder(final int port)
    {
        final ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("bin/tessera").toString()).redirectErrorStream(true);
        builder.environment().put("TESSERA_JAVA_OPTS", String.join(" ",
            "-Dtessera.journal.directory=" + data.resolve("journal"),
            "-Dtessera.journal.snapshotDirectory=" + data.resolve("snapshots"),
            "-Dtessera.journal.archiveDirectory=" + data.resolve("archive"),
            "-Dtessera.gateway.stateDirectory=" + data.resolve("sessions"),
            "-Dtessera.gateway.port=" + port,
            "-Dtessera.gateway.cancelOnDisconnect=" + cancelOnDisconnect,
            sessions == null ? "" : "-Dtessera.gateway.sessions=" + sessions,
            // No day end: a run across it would add an EndOfDay to the journal between the steps it checks.
            "-Dtessera.trading.dayEnd=none"));
        return builder;
    }

    private int start(final int port) throws IOException, InterruptedException
    {
        launch(port);
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline)
        {
            for (final String line : output)
            {
                final Matcher matcher = LISTENING.matcher(line);
                if (matcher.find())
                {
                    assertThat(String.join("\n", output)).contains("AAPL", "CLIENT1 (owner 1)");
                    return Integer.parseInt(matcher.group(1));
                }
            }
            if (!process.isAlive())
            {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("bin/tessera did not start listening: " + output);
    }

    /** Starts bin/tessera, its output pumped into {@link #output}, without waiting for anything. */
    private void launch(final int port) throws IOException
    {
        output.clear();
        process = builder(port).start();
        final BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8));
        pump = new Thread(() ->
        {
            try
            {
                String line;
                while ((line = reader.readLine()) != null)
                {
                    output.add(line);
                }
            }
            catch (final IOException ignored)
            {
                // the process ended
            }
        }, "tessera-output");
        pump.setDaemon(true);
        pump.start();
    }
}

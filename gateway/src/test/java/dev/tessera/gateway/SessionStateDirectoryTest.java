package dev.tessera.gateway;

import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.ExchangeConfigLoader;
import dev.tessera.fix.MsgTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.tessera.gateway.RawFixClient.TRANSACT_TIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code gateway.stateDirectory} has one exchange, and holds the sessions of one journal: a second exchange with a
 * journal of its own but the same session state, or an exchange given an empty journal beside session state with
 * reports, is refused before it opens the journal or touches a session file. Otherwise it rewound the memory-mapped
 * MsgSeqNums of the sessions, and the running exchange asked its clients to resend their whole history.
 */
@Timeout(120)
class SessionStateDirectoryTest
{
    @TempDir
    Path directory;

    @Test
    void shouldRefuseASecondExchangeOnTheSessionStateOfARunningOneAndLeaveItsSessionsAsTheyWere() throws Exception
    {
        final Path sessions = directory.resolve("sessions");
        try (TestExchange first = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            final int nextClientSeqNum = tradeAndLogOut(first.port());
            final byte[] sessionFile = Files.readAllBytes(sessions.resolve("CLIENT1.session"));

            // In this process: the lock is this process's, so the refusal says so.
            assertThatThrownBy(() -> FixServer.start(secondConfig(sessions), line -> { }))
                .isInstanceOf(SessionStateInUseException.class)
                .hasMessage("session state directory " + sessions.toAbsolutePath() + " is already in use (in this " +
                    "process): a session state directory has one exchange at a time");

            // In another process: the launcher, started as bin/tessera is, exits 4 naming this process's pid.
            final Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Path.of("..", ".mvn", "jvm.config").toAbsolutePath().normalize(), "-cp", System.getProperty("java.class.path"), "dev.tessera.server.TesseraMain",
                "--set", "journal.directory=" + directory.resolve("second/journal"),
                "--set", "journal.snapshotDirectory=" + directory.resolve("second/snapshots"),
                "--set", "gateway.stateDirectory=" + sessions, "--set", "gateway.port=0", "--set", "trading.dayEnd=none")
                .redirectErrorStream(true).start();
            final String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).as(output).isEqualTo(4);
            assertThat(output)
                .contains("tessera: session state directory " + sessions.toAbsolutePath() + " is already in use (by " +
                    "another process, pid " + ProcessHandle.current().pid() + ")")
                .contains("gateway.stateDirectory")
                .doesNotContain("recovery", "listening on", "Exception");

            assertThat(directory.resolve("second/journal")).as("refused before the journal is opened").doesNotExist();
            assertThat(Files.readAllBytes(sessions.resolve("CLIENT1.session"))).as("CLIENT1's MsgSeqNums as they were")
                .isEqualTo(sessionFile);
            try (RawFixClient client = new RawFixClient(first.port(), "CLIENT1"))
            {
                client.nextSeqNum(nextClientSeqNum);
                client.logon("client1-secret", false);
                client.await("A");
                client.send(MsgTypes.NEW_ORDER_SINGLE, "11=after|55=AAPL|54=1|38=5|40=2|44=189.00|59=1" + TRANSACT_TIME);
                assertThat(client.await("8").get(11)).isEqualTo("after");
                assertThat(client.all()).as("no ResendRequest: nothing was rewound")
                    .noneMatch(msg -> msg.type().equals("2"));
            }
        }
        assertThat(Files.readString(sessions.resolve(SessionStateDirectory.LOCK_FILE)).trim())
            .isEqualTo("pid " + ProcessHandle.current().pid());
    }

    /**
     * A mistyped {@code journal.directory} (a new, empty one) beside the session state of another journal: refused as
     * bad configuration, nothing created or rewound; the same state with its own journal starts as before.
     */
    @Test
    void shouldRefuseAnEmptyJournalBesideSessionStateWithReportsAndStartOnItsOwnJournal() throws Exception
    {
        final Path sessions = directory.resolve("sessions");
        final int nextClientSeqNum;
        try (TestExchange first = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            nextClientSeqNum = tradeAndLogOut(first.port());
        }
        final byte[] sessionFile = Files.readAllBytes(sessions.resolve("CLIENT1.session"));

        assertThatThrownBy(() -> FixServer.start(secondConfig(sessions), line -> { }))
            .isInstanceOf(SessionStateOfAnotherJournalException.class)
            .hasMessage("the journal " + directory.resolve("second/journal").toAbsolutePath() + " is empty (new), but " +
                "the session state in " + sessions.toAbsolutePath() + " has reports up to event 1: wrong " +
                "journal.directory?");
        assertThat(directory.resolve("second/journal")).as("not created").doesNotExist();
        assertThat(Files.readAllBytes(sessions.resolve("CLIENT1.session"))).isEqualTo(sessionFile);

        try (TestExchange again = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            assertThat(again.log).noneMatch(line -> line.contains("WARNING"));
            try (RawFixClient client = new RawFixClient(again.port(), "CLIENT1"))
            {
                client.nextSeqNum(nextClientSeqNum);
                client.logon("client1-secret", false);
                client.await("A");
                client.send(MsgTypes.NEW_ORDER_SINGLE, "11=later|55=AAPL|54=1|38=5|40=2|44=189.00|59=1" + TRANSACT_TIME);
                assertThat(client.await("8").get(11)).isEqualTo("later");
                assertThat(client.all()).noneMatch(msg -> msg.type().equals("2"));
            }
        }

        // Moved aside, as the refusal advises, the new history starts.
        Files.move(sessions, directory.resolve("sessions-of-the-old-journal"));
        final FixServer fresh = FixServer.start(secondConfig(sessions), line -> { });
        fresh.close();
    }

    /** CLIENT1 logs on, has one order accepted and logs out; returns the MsgSeqNum it sends next. */
    private static int tradeAndLogOut(final int port) throws IOException
    {
        try (RawFixClient client = RawFixClient.loggedOn(port, "CLIENT1", "client1-secret"))
        {
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=first|55=AAPL|54=1|38=5|40=2|44=189.00|59=1" + TRANSACT_TIME);
            assertThat(client.await("8").get(150)).isEqualTo("0");
            client.send(MsgTypes.LOGOUT, "");
            client.await("5");
            assertThat(client.awaitClosed(Duration.ofSeconds(10))).isTrue();
            return client.nextSeqNum();
        }
    }

    /** A journal and snapshots of its own, the session state given. */
    private ExchangeConfig secondConfig(final Path sessions)
    {
        final Map<String, String> settings = new HashMap<>(Map.of(
            "journal.directory", directory.resolve("second/journal").toString(),
            "journal.snapshotDirectory", directory.resolve("second/snapshots").toString(),
            "journal.archiveDirectory", directory.resolve("second/archive").toString(),
            "gateway.stateDirectory", sessions.toString(),
            "gateway.port", "0",
            "trading.dayEnd", "none"));
        return ExchangeConfigLoader.load(null, settings);
    }
}

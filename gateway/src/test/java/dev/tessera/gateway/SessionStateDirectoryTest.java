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
import java.util.stream.Stream;

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
            final String output = launcherRefuses(4, directory.resolve("second/journal"),
                directory.resolve("second/snapshots"), sessions);
            assertThat(output)
                .contains("tessera: session state directory " + sessions.toAbsolutePath() + " is already in use (by " +
                    "another process, pid " + ProcessHandle.current().pid() + ")")
                .contains("gateway.stateDirectory")
                .doesNotContain("recovery", "listening on", "Exception");

            assertThat(directory.resolve("second/journal")).as("refused before the journal is opened").doesNotExist();
            assertThat(Files.readAllBytes(sessions.resolve("CLIENT1.session"))).as("CLIENT1's MsgSeqNums as they were")
                .isEqualTo(sessionFile);
            tradeWithoutResendRequest(first.port(), nextClientSeqNum, "after");
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
            tradeWithoutResendRequest(again.port(), nextClientSeqNum, "later");
        }

        // Moved aside, as the refusal advises, the new history starts.
        Files.move(sessions, directory.resolve("sessions-of-the-old-journal"));
        final FixServer fresh = FixServer.start(secondConfig(sessions), line -> { });
        fresh.close();
    }

    /**
     * Another exchange's journal, which holds records, given beside this session state (a mistyped {@code
     * journal.directory}): refused before either is changed, by the launcher with status 2 and a line naming both
     * directories and the remedy; the session state with its own journal starts as before.
     */
    @Test
    void shouldRefuseAnotherExchangesJournalBesideSessionStateAndStartOnItsOwnJournal() throws Exception
    {
        final Path sessions = directory.resolve("sessions");
        final Path other = directory.resolve("other");
        final int nextClientSeqNum;
        try (TestExchange first = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            nextClientSeqNum = tradeAndLogOut(first.port());
        }
        try (TestExchange another = TestExchange.start(other, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            tradeAndLogOut(another.port());
        }
        assertThat(Files.readString(sessions.resolve(JournalIdentity.FILE_NAME))).startsWith("tessera journal identity 1\nrecord 1 ");
        final Map<Path, byte[]> sessionFiles = contents(sessions);
        final Map<Path, byte[]> otherJournal = contents(other.resolve("journal"));

        final ExchangeConfig mistyped = config(other.resolve("journal"), other.resolve("snapshots"), sessions);
        assertThatThrownBy(() -> FixServer.start(mistyped, line -> { }))
            .isInstanceOf(SessionStateOfAnotherJournalException.class)
            .hasMessageStartingWith("the journal " + other.resolve("journal").toAbsolutePath() + " is not the one the " +
                "session state in " + sessions.toAbsolutePath() + " belongs to: its record 1 has checksum ")
            .hasMessageEndingWith("(another exchange's journal, or a copy of another history): wrong " +
                "journal.directory?");

        // The launcher, started as bin/tessera is: status 2, the line and what to do, nothing started.
        final String output = launcherRefuses(2, other.resolve("journal"), other.resolve("snapshots"), sessions);
        assertThat(output)
            .contains("tessera: the journal " + other.resolve("journal").toAbsolutePath() + " is not the one the " +
                "session state in " + sessions.toAbsolutePath() + " belongs to")
            .contains("tessera: nothing was started and no data was touched. Point journal.directory at the journal " +
                "these sessions belong to; to start a new history on purpose, move " + sessions.toAbsolutePath() +
                " aside")
            .doesNotContain("recovery", "listening on", "Exception", "WARNING");
        assertThat(contents(sessions)).as("the session state as it was").containsExactlyInAnyOrderEntriesOf(sessionFiles);
        assertThat(contents(other.resolve("journal"))).as("the other journal as it was")
            .containsExactlyInAnyOrderEntriesOf(otherJournal);

        try (TestExchange again = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            assertThat(again.log).noneMatch(line -> line.contains("WARNING"));
            tradeWithoutResendRequest(again.port(), nextClientSeqNum, "later");
        }
    }

    /**
     * QA 109 F1: an emptied {@code CLIENT1.session} started the session again at MsgSeqNum 1 (a standard client then
     * disconnects) and asked the client to resend everything. The launcher refuses it, touching nothing; with the file
     * put back the session carries on.
     */
    @Test
    void shouldRefuseAnEmptiedSessionFileBeforeTheJournalIsOpenedAndCarryOnOnceItIsBack() throws Exception
    {
        final Path sessions = directory.resolve("sessions");
        final int nextClientSeqNum;
        try (TestExchange first = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            nextClientSeqNum = tradeAndLogOut(first.port());
        }
        final Path file = sessions.resolve("CLIENT1.session");
        final byte[] header = Files.readAllBytes(file);
        Files.write(file, new byte[0]);
        final Map<Path, byte[]> sessionFiles = contents(sessions);
        final Map<Path, byte[]> journal = contents(directory.resolve("journal"));

        final String output = launcherRefuses(2, directory.resolve("journal"), directory.resolve("snapshots"), sessions);
        assertThat(output)
            .contains("tessera: " + file + " is empty, but CLIENT1.sent beside it holds the session's history")
            .contains("tessera: nothing was started and no data was touched.")
            .doesNotContain("recovery", "listening on", "Exception", "new session state");
        assertThat(contents(sessions)).as("the session state as it was").containsExactlyInAnyOrderEntriesOf(sessionFiles);
        assertThat(contents(directory.resolve("journal"))).as("the journal as it was")
            .containsExactlyInAnyOrderEntriesOf(journal);

        Files.write(file, header);
        try (TestExchange again = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            tradeWithoutResendRequest(again.port(), nextClientSeqNum, "later");
        }
    }

    /**
     * A journal empty at the start has no identity to record then: it is recorded once the gateway reads its first
     * record, while the exchange runs, so a kill -9 before any clean stop still leaves the session state bound to it.
     * Before, only the next start or a clean stop wrote it, and the session state of a first run killed outright took
     * another journal without a word.
     */
    @Test
    void shouldRecordTheIdentityOfAJournalEmptyAtTheStartOnceItHoldsARecord() throws Exception
    {
        final Path identity = directory.resolve("sessions").resolve(JournalIdentity.FILE_NAME);
        try (TestExchange exchange = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            assertThat(identity).as("an empty journal has no identity yet").doesNotExist();
            tradeAndLogOut(exchange.port());
            assertThat(Files.readString(identity)).as("written while running")
                .startsWith("tessera journal identity 1\nrecord 1 ");
        }
    }

    /**
     * A copy of this journal taken earlier (a backup restored, say) is this history cut short: records the sessions saw
     * are missing, and no repair cut them, so it is refused (a start would ask the clients to resend orders they had
     * reports of, and enter them again) until the operator moves journal.identity aside; then it starts, as a power
     * cut's does. Once that copy has gone its own way (a record this journal has too, with other contents), it is
     * another history and refused: the identity's last record tells them apart where record 1 cannot.
     */
    @Test
    void shouldStartOnAnEarlierCopyOfItsJournalButRefuseOneThatWentItsOwnWay() throws Exception
    {
        final Path sessions = directory.resolve("sessions");
        final Path copy = directory.resolve("copy");
        try (TestExchange first = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            tradeAndLogOut(first.port());
        }
        copyTree(directory.resolve("journal"), copy.resolve("journal"));
        final int nextClientSeqNum;
        try (TestExchange again = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            tradeWithoutResendRequest(again.port(), 4, "second");
            nextClientSeqNum = 6;
        }
        assertThat(JournalIdentity.read(sessions)).extracting(JournalIdentity.Anchor::recordSequence)
            .as("record 1 and the last at the stop").containsExactly(1L, 2L);

        // Its session state copied too, the earlier journal copy is refused: record 2, which the sessions saw, is gone.
        copyTree(sessions, copy.resolve("sessions"));
        Files.delete(copy.resolve("sessions").resolve(SessionStateDirectory.LOCK_FILE));
        final Path copiedIdentity = copy.resolve("sessions").resolve(JournalIdentity.FILE_NAME);
        assertThatThrownBy(() -> TestExchange.start(copy, Map.of("gateway.cancelOnDisconnect", "false")))
            .isInstanceOf(MissingJournalRecordsException.class)
            .hasMessageContaining("ends at record 1, but the session state in " +
                copy.resolve("sessions").toAbsolutePath() + " saw it hold record 2")
            .hasMessageContaining("records 2 to 2 at least are missing");
        assertThat(JournalIdentity.read(copy.resolve("sessions"))).as("the refusal changed no identity")
            .extracting(JournalIdentity.Anchor::recordSequence).containsExactly(1L, 2L);
        // Moved aside, on purpose: the same history, cut short, starts.
        Files.move(copiedIdentity, copy.resolve("journal.identity.aside"));
        try (TestExchange restored = TestExchange.start(copy, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            // There, record 2 is another order: the copy went its own way.
            try (RawFixClient client = RawFixClient.loggedOn(restored.port(), "CLIENT2", "client2-secret"))
            {
                client.send(MsgTypes.NEW_ORDER_SINGLE, "11=elsewhere|55=AAPL|54=2|38=7|40=2|44=190.00|59=1" +
                    TRANSACT_TIME);
                assertThat(client.await("8").get(150)).isEqualTo("0");
            }
        }

        assertThatThrownBy(() -> FixServer.start(config(copy.resolve("journal"), copy.resolve("snapshots"), sessions),
            line -> { }))
            .isInstanceOf(SessionStateOfAnotherJournalException.class)
            .hasMessageContaining("is not the one the session state in " + sessions.toAbsolutePath() + " belongs to: " +
                "its record 2 has checksum ");
        try (TestExchange own = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            tradeWithoutResendRequest(own.port(), nextClientSeqNum, "third");
        }
    }

    private static void copyTree(final Path from, final Path to) throws IOException
    {
        Files.createDirectories(to.getParent());
        try (Stream<Path> walk = Files.walk(from))
        {
            for (final Path file : (Iterable<Path>)walk::iterator)
            {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    /**
     * Session state written before it recorded its journal's identity is accepted with whatever journal it is given,
     * as before, and gets the identity then: the start after that refuses another journal.
     */
    @Test
    void shouldAcceptSessionStateWithoutAJournalIdentityAndRecordItsJournal() throws Exception
    {
        final Path sessions = directory.resolve("sessions");
        final Path other = directory.resolve("other");
        try (TestExchange first = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            tradeAndLogOut(first.port());
        }
        try (TestExchange another = TestExchange.start(other, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            tradeAndLogOut(another.port());
        }
        Files.delete(sessions.resolve(JournalIdentity.FILE_NAME));

        try (TestExchange older = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            assertThat(older.log).noneMatch(line -> line.contains("WARNING"));
            assertThat(sessions.resolve(JournalIdentity.FILE_NAME)).as("written at the start").exists();
            // Record 1, which is also the last: the one order.
            assertThat(JournalIdentity.read(sessions)).extracting(JournalIdentity.Anchor::recordSequence)
                .containsExactly(1L);
        }
        assertThatThrownBy(() -> FixServer.start(config(other.resolve("journal"), other.resolve("snapshots"), sessions),
            line -> { })).isInstanceOf(SessionStateOfAnotherJournalException.class);
    }

    /**
     * CLIENT1 logs on again at {@code nextClientSeqNum} and has an order accepted, with no ResendRequest: the
     * session's MsgSeqNums were not rewound.
     */
    /**
     * QA 93 N1: a cycle file begun after the last start, then removed after a crash, was taken for a power cut's loss
     * (the identity named only the last start's record). The gateway now writes the identity again at the first record
     * of each newer cycle, so it names a record of the newest cycle while the exchange runs; and a start on a journal
     * whose newest cycle file is gone is refused before the writer's open rewrites the metadata (QA 93 N3: after a
     * refused start the read-only tools no longer knew the file was missing).
     */
    @Test
    void shouldNameTheNewestCycleInTheIdentityWhileRunningAndRefuseAJournalLackingItsNewestCycleFile() throws Exception
    {
        final net.openhft.chronicle.core.time.SetTimeProvider journalTime =
            new net.openhft.chronicle.core.time.SetTimeProvider(java.time.Instant.parse("2026-03-02T09:00:00Z"));
        final Path sessions = directory.resolve("sessions");
        final Path journalDirectory = directory.resolve("journal");
        try (TestExchange exchange = new TestExchange(directory, Map.of("journal.rollCycle", "FIVE_MINUTELY",
            "gateway.cancelOnDisconnect", "false")).journalTime(journalTime))
        {
            exchange.restart();
            tradeAndLogOut(exchange.port());
            final long recordsBefore = JournalIdentity.read(sessions).stream()
                .mapToLong(JournalIdentity.Anchor::recordSequence).max().orElseThrow();
            journalTime.advanceMillis(TimeUnit.MINUTES.toMillis(5));
            tradeWithoutResendRequest(exchange.port(), 4, "next-cycle");
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (JournalIdentity.read(sessions).stream().mapToLong(JournalIdentity.Anchor::recordSequence).max()
                .orElseThrow() <= recordsBefore && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            assertThat(JournalIdentity.read(sessions)).extracting(JournalIdentity.Anchor::recordSequence)
                .as("a record of the new cycle, named while running").anyMatch(sequence -> sequence > recordsBefore);
        }
        final Path newest;
        try (Stream<Path> files = Files.list(journalDirectory))
        {
            newest = files.filter(file -> file.toString().endsWith(".cq4")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        final Path aside = directory.resolve("newest-cycle-aside");
        Files.move(newest, aside);
        final byte[] metadata = Files.readAllBytes(journalDirectory.resolve("metadata.cq4t"));

        assertThatThrownBy(() -> TestExchange.start(directory, Map.of("journal.rollCycle", "FIVE_MINUTELY",
            "gateway.cancelOnDisconnect", "false")))
            .isInstanceOf(MissingJournalRecordsException.class)
            .hasMessageContaining("lacks its newest cycle file " + newest.getFileName());
        assertThat(Files.readAllBytes(journalDirectory.resolve("metadata.cq4t"))).as("the refusal changed nothing")
            .isEqualTo(metadata);

        Files.move(aside, newest);
        try (TestExchange again = TestExchange.start(directory, Map.of("journal.rollCycle", "FIVE_MINUTELY",
            "gateway.cancelOnDisconnect", "false")))
        {
            tradeWithoutResendRequest(again.port(), 6, "after-put-back");
        }
    }

    /**
     * QA 93 N3: a start on a journal whose newest cycle file was emptied was refused only after the writer's open had
     * moved the file aside (renamed to {@code .discard}). It is now refused before, and changes nothing; an empty
     * cycle file newer than any record the sessions saw (a kill while Chronicle created it) is still settled.
     */
    @Test
    void shouldRefuseAnEmptiedCycleFileTheSessionsSawRecordsInWithoutMovingItButSettleANewerOne() throws Exception
    {
        final Map<String, String> settings = Map.of("journal.rollCycle", "FIVE_MINUTELY",
            "gateway.cancelOnDisconnect", "false");
        final net.openhft.chronicle.core.time.SetTimeProvider journalTime =
            new net.openhft.chronicle.core.time.SetTimeProvider(java.time.Instant.parse("2026-03-02T09:00:00Z"));
        final Path journalDirectory = directory.resolve("journal");
        final int nextSeqNum;
        try (TestExchange exchange = new TestExchange(directory, settings).journalTime(journalTime))
        {
            exchange.restart();
            nextSeqNum = tradeAndLogOut(exchange.port());
        }
        final Path cycleFile = journalDirectory.resolve("20260302-0900V.cq4");
        final Path backup = directory.resolve("cycle-backup");
        Files.copy(cycleFile, backup);
        Files.write(cycleFile, new byte[0]);
        final Map<Path, byte[]> before = contents(journalDirectory);

        assertThatThrownBy(() -> TestExchange.start(directory, settings))
            .isInstanceOf(MissingJournalRecordsException.class)
            .hasMessageContaining("has a cycle file that holds no record, 20260302-0900V.cq4");
        assertThat(contents(journalDirectory)).as("the refusal moved nothing and wrote nothing")
            .containsOnlyKeys(before.keySet().toArray(Path[]::new))
            .allSatisfy((file, bytes) -> assertThat(bytes).as(file.toString()).isEqualTo(before.get(file)));

        Files.copy(backup, cycleFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        final Path killedWhileCreated = journalDirectory.resolve("20260302-0905V.cq4");
        Files.write(killedWhileCreated, new byte[0]);
        try (TestExchange again = TestExchange.start(directory, settings))
        {
            assertThat(killedWhileCreated).as("a newer empty cycle file is a kill's leftover, moved aside").doesNotExist();
            tradeWithoutResendRequest(again.port(), nextSeqNum, "after-put-back");
        }
    }

    private static void tradeWithoutResendRequest(final int port, final int nextClientSeqNum, final String clOrdId)
        throws IOException
    {
        try (RawFixClient client = new RawFixClient(port, "CLIENT1"))
        {
            client.nextSeqNum(nextClientSeqNum);
            client.logon("client1-secret", false);
            client.await("A");
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=" + clOrdId + "|55=AAPL|54=1|38=5|40=2|44=189.00|59=1" +
                TRANSACT_TIME);
            assertThat(client.await("8").get(11)).isEqualTo(clOrdId);
            assertThat(client.all()).as("no ResendRequest: nothing was rewound").noneMatch(msg -> msg.type().equals("2"));
        }
    }

    /**
     * The launcher, started as {@code bin/tessera} is, on these directories: it must exit with {@code status} before
     * it listens. Returns what it said.
     */
    private static String launcherRefuses(final int status, final Path journal, final Path snapshots, final Path sessions)
        throws IOException, InterruptedException
    {
        final Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "@" + Path.of("..", ".mvn", "jvm.config").toAbsolutePath().normalize(), "-cp",
            System.getProperty("java.class.path"), "dev.tessera.server.TesseraMain",
            "--set", "journal.directory=" + journal, "--set", "journal.snapshotDirectory=" + snapshots,
            "--set", "gateway.stateDirectory=" + sessions, "--set", "gateway.port=0", "--set", "trading.dayEnd=none")
            .redirectErrorStream(true).start();
        final String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).as(output).isEqualTo(status);
        return output;
    }

    /** Every file under {@code root} with its bytes, but the session state's lock file. */
    private static Map<Path, byte[]> contents(final Path root) throws IOException
    {
        final Map<Path, byte[]> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root))
        {
            // Not the lock file, which names whoever took the lock last (the refused launcher, too).
            for (final Path file : (Iterable<Path>)walk.filter(Files::isRegularFile)
                .filter(file -> !file.endsWith(SessionStateDirectory.LOCK_FILE))::iterator)
            {
                files.put(root.relativize(file), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static ExchangeConfig config(final Path journal, final Path snapshots, final Path sessions)
    {
        final Map<String, String> settings = new HashMap<>(Map.of(
            "journal.directory", journal.toString(),
            "journal.snapshotDirectory", snapshots.toString(),
            "gateway.stateDirectory", sessions.toString(),
            "gateway.port", "0",
            "trading.dayEnd", "none"));
        return ExchangeConfigLoader.load(null, settings);
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

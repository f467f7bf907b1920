package dev.tessera.server;

import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.ExchangeConfigLoader;
import dev.tessera.engine.codec.Side;
import dev.tessera.journal.DirectoryLock;
import dev.tessera.journal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TesseraMainTest
{
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path data;

    /** Runs the demo against a journal of its own, so runs do not see each other's books. */
    private int runDemo(final String journalName)
    {
        return run("--demo", "--set", "journal.directory=" + data.resolve(journalName),
            "--set", "journal.snapshotDirectory=" + data.resolve(journalName + "-snapshots"));
    }

    private int run(final String... args)
    {
        final CommandLine commandLine = TesseraMain.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    /** {@code --demo} on a journal in use is refused before its banner says the demo is running. */
    @Test
    @Timeout(60)
    void shouldRefuseTheDemoOnAJournalInUseBeforePrintingItsBanner()
    {
        final ExchangeConfig config = ExchangeConfigLoader.load(null, Map.of(
            "journal.directory", data.resolve("journal").toString(),
            "journal.snapshotDirectory", data.resolve("journal-snapshots").toString()));
        try (Journal inUse = Journal.open(config.journal(), config.instruments()))
        {
            assertThat(runDemo("journal")).as(err.toString()).isEqualTo(TesseraMain.EXIT_JOURNAL_IN_USE);
        }
        assertThat(err.toString()).contains("is already open for writing");
        assertThat(out.toString()).as("no banner, no demo").isEmpty();

        assertThat(runDemo("journal")).as(err.toString()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(out.toString()).startsWith("Tessera exchange ")
            .contains("Running the demo order flow through the journaled pipeline")
            .as("no gateway: no CompIDs accepted (QA 115)").doesNotContain("CompIDs");
    }

    /** QA 135 D4: the instruments' table in columns, whatever the widths of ids, ticks and quantities. */
    @Test
    void shouldPrintTheInstrumentsInColumns()
    {
        final ExchangeConfig config = ExchangeConfigLoader.load(null, Map.of("instruments", "[" +
            "{symbol = A, id = 1, tickSize = 0.01, referencePrice = 10.00}, " +
            "{symbol = LONGNAME1, id = 1943, priceScale = 6, tickSize = 0.000100, referencePrice = 42.170000, " +
            "lotSize = 100, minQuantity = 100, priceBandBps = 2000}]"));
        final StringWriter banner = new StringWriter();
        TesseraMain.printBanner(new PrintWriter(banner), config, false);

        final List<String> rows = banner.toString().lines().filter(line -> line.startsWith("  ")).toList();
        assertThat(rows).hasSize(2);
        for (final String column : List.of("id ", "tick ", "lot ", "qty ", "ref ", "band ", "self-trade "))
        {
            assertThat(rows).extracting(row -> row.indexOf(" " + column)).as(column).containsOnly(
                rows.get(1).indexOf(" " + column));
        }
        assertThat(rows.get(0)).startsWith("  A         id 1     tick 0.01").endsWith("self-trade CANCEL_INCOMING");
    }

    /**
     * QA 115 F3, QA 117: a second exchange on a journal in use, with a snapshot and a session state directory of its
     * own, was refused (exit 4) and left both behind, the session state one with its gateway.lock.
     */
    @Test
    @Timeout(60)
    void shouldLeaveNoDirectoryItMadeWhenRefusedAJournalInUse() throws IOException
    {
        final ExchangeConfig config = ExchangeConfigLoader.load(null, Map.of(
            "journal.directory", data.resolve("journal").toString(),
            "journal.snapshotDirectory", data.resolve("snapshots").toString()));
        final Path existing = Files.createDirectories(data.resolve("existing"));
        try (Journal inUse = Journal.open(config.journal(), config.instruments()))
        {
            assertThat(run("--set", "gateway.port=0",
                "--set", "journal.directory=" + data.resolve("journal"),
                "--set", "journal.snapshotDirectory=" + data.resolve("second/snapshots"),
                "--set", "gateway.stateDirectory=" + existing.resolve("sessions"))).as(err.toString())
                .isEqualTo(TesseraMain.EXIT_JOURNAL_IN_USE);
        }
        assertThat(err.toString()).contains("is already open for writing");
        assertThat(data.resolve("second")).as("the snapshot directory and the parent made for it").doesNotExist();
        assertThat(existing.resolve("sessions")).as("the session state directory, gateway.lock and all").doesNotExist();
        assertThat(existing).as("what was there stays").isDirectory();

        // QA 124 N3: refused by the session state lock (another exchange on that state), it left the snapshot
        // directory behind.
        err.getBuffer().setLength(0);
        final Path sessions = Files.createDirectories(data.resolve("running/sessions"));
        try (DirectoryLock running = DirectoryLock.take(sessions, "gateway.lock", "lock", IllegalStateException::new))
        {
            assertThat(run("--set", "gateway.port=0",
                "--set", "journal.directory=" + data.resolve("journal"),
                "--set", "journal.snapshotDirectory=" + data.resolve("third/snapshots"),
                "--set", "gateway.stateDirectory=" + sessions)).as(err.toString())
                .isEqualTo(TesseraMain.EXIT_JOURNAL_IN_USE);
        }
        assertThat(data.resolve("third")).as("the snapshot directory and the parent made for it").doesNotExist();
        assertThat(sessions).as("what was there stays").isDirectory();
    }

    /**
     * QA 119 F1: a bit flipped in Chronicle's table of values after the metadata's intact header ended the start in
     * Chronicle's {@code UnsupportedOperationException: FIELD_ANCHOR} and a stack trace, naming no file; the tools
     * named it. The start names it as they do, and changes nothing.
     */
    @Test
    void shouldNameADamagedMetadataFileAtTheStartInOneMessage() throws IOException
    {
        final Path journal = data.resolve("journal");
        JournalFixture.scripted(journal); // the embedded configuration's instruments
        final Path metadata = journal.resolve("metadata.cq4t");
        try (RandomAccessFile file = new RandomAccessFile(metadata.toFile(), "rw"))
        {
            file.seek(254);
            final int value = file.read();
            file.seek(254);
            file.write(value ^ 0x08);
        }
        final byte[] damaged = Files.readAllBytes(metadata);

        assertThat(run("--set", "gateway.port=0", "--set", "journal.directory=" + journal,
            "--set", "journal.snapshotDirectory=" + data.resolve("snapshots"),
            "--set", "gateway.stateDirectory=" + data.resolve("sessions"))).as(err.toString())
            .isEqualTo(TesseraMain.EXIT_CORRUPT_JOURNAL);
        assertThat(err.toString())
            .contains("tessera: journal file " + metadata + " (Chronicle's queue metadata, beside the cycle files) is " +
                "damaged: Chronicle cannot open it (UnsupportedOperationException: FIELD_ANCHOR)")
            .contains("move it aside")
            .doesNotContain("\tat ");
        assertThat(Files.readAllBytes(metadata)).as("left as it was").isEqualTo(damaged);
    }

    /** QA 123 F1: `config` says what the first start will record for a journal written before instruments.txt. */
    @Test
    void shouldSayInConfigWhatTheFirstStartRecordsForAJournalWithoutInstrumentsTxt() throws IOException
    {
        final Path journal = data.resolve("journal");
        JournalFixture.scripted(journal);
        Files.delete(journal.resolve("instruments.txt"));

        assertThat(run("config", "--set", "journal.directory=" + journal, "--set", "instruments.AAPL.priceScale=2"))
            .as(err.toString()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(out.toString()).contains("note       journal " + journal + " has records but no instruments.txt " +
            "(written by a build before it was kept): the first start records the configured instruments as the ones " +
            "it was written with: AAPL (id 1) priceScale 2, MSFT (id 2) priceScale 4", "configuration OK");
        assertThat(journal.resolve("instruments.txt")).as("config writes nothing").doesNotExist();
    }

    /** QA 102 #3: a stack trace and status 1 ("the journal is corrupt"), and `config` passed it. */
    @Test
    void shouldRefuseAHostThatDoesNotResolveInOneLineAsBadConfiguration()
    {
        final int exit = run("--set", "gateway.host=no-such-host.invalid", "--set", "gateway.port=9923",
            "--set", "journal.directory=" + data.resolve("journal"),
            "--set", "journal.snapshotDirectory=" + data.resolve("snapshots"),
            "--set", "gateway.stateDirectory=" + data.resolve("sessions"));

        assertThat(exit).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(err.toString())
            .startsWith("tessera: gateway.host \"no-such-host.invalid\" does not resolve to an address on this machine")
            .contains("tessera: nothing was started and no data was touched. Give gateway.host an address of this " +
                "machine")
            .as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(err.toString().lines()).hasSize(2);
        assertThat(data.resolve("journal")).as("nothing made").doesNotExist();
        assertThat(data.resolve("sessions")).doesNotExist();

        assertThat(run("--set", "gateway.host=no-such-host.invalid", "config",
            "--set", "journal.directory=" + data.resolve("journal"),
            "--set", "journal.snapshotDirectory=" + data.resolve("snapshots"),
            "--set", "gateway.stateDirectory=" + data.resolve("sessions"))).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(err.toString()).contains("configuration not usable: start-up would refuse it");
    }

    @Test
    void shouldRefuseInConfigAHostThatIsNotAnAddressOfThisMachineAsTheStartDoes()
    {
        // QA 105: config passed it, the start then refused it (exit 3). 192.0.2.1 (TEST-NET-1) is no machine's.
        assertThat(run("--set", "gateway.host=192.0.2.1", "config",
            "--set", "journal.directory=" + data.resolve("journal"),
            "--set", "journal.snapshotDirectory=" + data.resolve("snapshots"),
            "--set", "gateway.stateDirectory=" + data.resolve("sessions"))).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(err.toString())
            .contains("configuration not usable: start-up would refuse it")
            .contains("gateway.host 192.0.2.1 is not an address of this machine: give one of its own");
        assertThat(data.resolve("journal")).as("nothing made").doesNotExist();
        assertThat(data.resolve("sessions")).doesNotExist();
    }

    @Test
    void shouldSayPlainlyWhenItsPortIsTakenAndStopAgain() throws IOException
    {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1")))
        {
            final int port = taken.getLocalPort();

            final int exit = run("--set", "gateway.port=" + port,
                "--set", "journal.directory=" + data.resolve("journal"),
                "--set", "journal.snapshotDirectory=" + data.resolve("snapshots"),
                "--set", "gateway.stateDirectory=" + data.resolve("sessions"));

            assertThat(exit).isEqualTo(TesseraMain.EXIT_CANNOT_LISTEN);
            assertThat(err.toString())
                .contains("tessera: cannot listen on 127.0.0.1:" + port + ": ")
                .contains("gateway.port")
                .doesNotContain("unexpected error")
                .as("no stack trace").doesNotContain("\tat ");
            assertThat(out.toString()).doesNotContain("listening on");
            // QA 95: the refusal left a new, empty journal and its snapshot and session directories behind.
            assertThat(data.resolve("journal")).as("nothing made").doesNotExist();
            assertThat(data.resolve("snapshots")).doesNotExist();
            assertThat(data.resolve("sessions")).doesNotExist();
        }
    }

    /**
     * A journal directory that holds snapshots and no journal is another journal's snapshot directory, given by
     * mistake: a journal begun among them would be a new history beside another's snapshots. Refused, nothing made.
     */
    @Test
    void shouldRefuseToStartAJournalInADirectoryOfSnapshots() throws IOException
    {
        assertThat(runDemo("first")).isEqualTo(TesseraMain.EXIT_OK);
        final Path snapshots = data.resolve("first-snapshots");
        final List<Path> before;
        try (Stream<Path> files = Files.list(snapshots))
        {
            before = files.toList();
        }
        assertThat(before).singleElement().asString().endsWith(".tsnap");
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);

        final int exit = run("--demo", "--set", "journal.directory=" + snapshots,
            "--set", "journal.snapshotDirectory=" + data.resolve("other-snapshots"));

        assertThat(exit).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(err.toString().lines()).containsExactly("tessera: the journal directory " + snapshots + " holds " +
            "snapshots (1 *.tsnap file) and no journal: is journal.directory the snapshot directory of a journal?",
            "tessera: nothing was started. Give the journal a directory of its own (journal.directory; " +
            "journal.snapshotDirectory is " + data.resolve("other-snapshots") + ").");
        try (Stream<Path> files = Files.list(snapshots))
        {
            assertThat(files).containsExactlyElementsOf(before);
        }
        assertThat(data.resolve("other-snapshots")).doesNotExist();
    }

    @Test
    void shouldTakeRepairOnAFreshDataDirectoryAsNothingToRepair()
    {
        final int exit = run("--demo", "--repair", "--set", "journal.directory=" + data.resolve("fresh"),
            "--set", "journal.snapshotDirectory=" + data.resolve("fresh-snapshots"));

        assertThat(exit).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(err.toString()).contains("repair: no journal at " + data.resolve("fresh") + " yet; nothing to repair");
        assertThat(out.toString()).contains("state hash");
    }

    @Test
    void shouldRunTheDemoWithTheEmbeddedDefaults()
    {
        assertThat(runDemo("journal")).isEqualTo(TesseraMain.EXIT_OK);

        assertThat(out.toString())
            .contains("AAPL").doesNotContain("CLIENT1 (owner 1)")
            .contains("PRICE_NOT_ON_TICK", "SELF_TRADE_PREVENTION", "IOC_REMAINDER", "FOK_NOT_FILLABLE",
                "POST_ONLY_WOULD_TAKE", "priority lost", "USER_REQUESTED", "MASS-CXL")
            .contains("TRADE      AAPL 10 @ 190.0100")
            .contains("Book AAPL", "Book BTC-USD", "state hash");
        assertThat(err.toString()).contains("recovery: no snapshot", "journal: ");
    }

    @Test
    void shouldPrintTheSameEventsAndBooksForEveryNewJournal()
    {
        runDemo("first");
        final String first = out.toString();
        out.getBuffer().setLength(0);
        runDemo("second");

        assertThat(out.toString()).isEqualTo(first);
    }

    @Test
    void shouldRecoverTheBooksOfTheLastRunFromTheJournal()
    {
        runDemo("journal");
        final String firstRun = out.toString();
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);

        assertThat(runDemo("journal")).isEqualTo(TesseraMain.EXIT_OK);

        assertThat(err.toString()).containsPattern("recovery: [0-9,]+ records, [0-9,]+ events replayed")
            .as("the snapshot written when the first run closed").contains("recovery: snapshot snapshot-");
        assertThat(out.toString()).as("leftovers of the first run are cancelled first")
            .contains("> maker cancels the 18 orders earlier runs left", "MASS-CXL   18 cancelled  owner 901")
            .as("the first run's taker left nothing").doesNotContain("taker cancels the");
        assertThat(firstRun).as("a new journal has nothing to clean up").doesNotContain("earlier runs left");
        assertThat(out.toString()).doesNotContain("MASS-CXL   0 cancelled");
    }

    /** Every mass cancel the demo sends cancels demo orders: its journal, as `journal dump` reads it, says how many. */
    @Test
    void shouldCancelRestingDemoOrdersWithEveryMassCancel()
    {
        assertThat(runDemo("journal")).as(err.toString()).isEqualTo(TesseraMain.EXIT_OK);
        out.getBuffer().setLength(0);

        assertThat(run("journal", "dump", "--journal", data.resolve("journal").toString(), "--owner",
            Long.toString(DemoOrderFlow.DEMO_TAKER))).as(err.toString()).isEqualTo(TesseraMain.EXIT_OK);

        final List<String> massCancels = out.toString().lines().filter(line -> line.contains("MASS-CXL")).toList();
        assertThat(massCancels).as(out.toString()).hasSize(3).allSatisfy(line ->
            assertThat(line).containsPattern("MASS-CXL +[1-9][0-9]* cancelled +owner 902 +(AAPL|MSFT|BTC-USD)$"));
    }

    @Test
    void shouldRefuseACorruptJournalAndStartOnlyWhenToldToRepairIt() throws IOException
    {
        runDemo("journal");
        JournalFixture.flipAByteInRecord(data.resolve("journal"), 30);
        // Without snapshots start-up replays, and so verifies, every record (a snapshot would cover record 30).
        try (java.util.stream.Stream<Path> snapshots = Files.list(data.resolve("journal-snapshots")))
        {
            for (final Path snapshot : snapshots.toList())
            {
                Files.delete(snapshot);
            }
        }
        Files.delete(data.resolve("journal-snapshots"));
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);

        assertThat(runDemo("journal")).isEqualTo(TesseraMain.EXIT_CORRUPT_JOURNAL);
        assertThat(err.toString()).contains("journal corrupt at index", "(record 30)", "nothing was started", "--repair");
        // What the repair would cut, intact or not, before the operator runs it.
        assertThat(err.toString()).containsPattern("cutting records 30 to [0-9]+ \\([0-9,]+\\), intact or not");
        assertThat(data.resolve("journal-snapshots")).as("nothing was started: no snapshot directory made").doesNotExist();
        // The advice reads the same journal the refused start did: the options given come with it.
        final String options = " --set journal.directory=" + data.resolve("journal") + " --set journal.snapshotDirectory=" +
            data.resolve("journal-snapshots");
        assertThat(err.toString()).contains("`bin/tessera" + options + " journal verify`",
            "`bin/tessera" + options + " --repair`");
        assertThat(out.toString()).doesNotContain("ACCEPTED");

        err.getBuffer().setLength(0);
        assertThat(run("--demo", "--repair", "--set", "journal.directory=" + data.resolve("journal"),
            "--set", "journal.snapshotDirectory=" + data.resolve("journal-snapshots"))).as(err.toString())
            .isEqualTo(TesseraMain.EXIT_OK);
        assertThat(err.toString()).contains("repair: kept 29 records", ".corrupt-").containsPattern("cut records 30 to");
        assertThat(out.toString()).contains("state hash");
    }

    @Test
    @Timeout(60)
    void shouldRefuseACorruptRecordBehindTheNewestSnapshotAsRecoveryDoesWhenTheGatewayReadsIt() throws IOException
    {
        runDemo("journal"); // its snapshot covers every record, so recovery replays none
        JournalFixture.flipAByteInRecord(data.resolve("journal"), 34);
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);

        // The gateway, with no report checkpoint yet, reads the whole journal to rebuild its reports.
        final int exit = run("--set", "gateway.port=0",
            "--set", "journal.directory=" + data.resolve("journal"),
            "--set", "journal.snapshotDirectory=" + data.resolve("journal-snapshots"),
            "--set", "gateway.stateDirectory=" + data.resolve("sessions"));

        assertThat(exit).as(err.toString()).isEqualTo(TesseraMain.EXIT_CORRUPT_JOURNAL);
        assertThat(err.toString())
            .contains("tessera: journal corrupt at index", "(record 34)", "nothing was started",
                "`bin/tessera --set gateway.port=0 --set journal.directory=" + data.resolve("journal"),
                " journal verify` shows the first bad record", " --repair` truncates the journal")
            .doesNotContain("unexpected error", "did not start")
            .as("no stack trace").doesNotContain("\tat ");
        assertThat(out.toString()).doesNotContain("listening on");
    }

    /**
     * QA 119 F2: a start the gateway's read of the journal refused (a corrupt record behind the snapshot recovery
     * started from) had already had its snapshotter write a snapshot, and delete the oldest kept, before it said
     * "nothing was started". The snapshotter starts once the gateway has read the journal, so the snapshot directory
     * is as it was.
     */
    @Test
    @Timeout(60)
    void shouldLeaveTheSnapshotsAsTheyWereWhenTheGatewayRefusesTheStart() throws IOException
    {
        final Path journal = data.resolve("journal");
        final Path snapshots = data.resolve("snapshots");
        JournalFixture.create(journal)
            .newOrder(1, JournalFixture.AAPL, 11, Side.SELL, "190.01", 100)
            .newOrder(2, JournalFixture.AAPL, 21, Side.BUY, "190.02", 40)
            .snapshot(snapshots)
            .newOrder(1, JournalFixture.MSFT, 12, Side.BUY, "420.00", 10)
            .newOrder(2, JournalFixture.MSFT, 22, Side.BUY, "419.00", 10)
            .close();
        JournalFixture.flipAByteInRecord(journal, 1);
        final Map<Path, byte[]> before = contents(snapshots);

        final int exit = run("--set", "gateway.port=0", "--set", "journal.directory=" + journal,
            "--set", "journal.snapshotDirectory=" + snapshots, "--set", "journal.snapshotIntervalRecords=1",
            "--set", "gateway.stateDirectory=" + data.resolve("sessions"));

        assertThat(exit).as(err.toString()).isEqualTo(TesseraMain.EXIT_CORRUPT_JOURNAL);
        assertThat(err.toString()).contains("(record 1)", "nothing was started").doesNotContain("snapshotter:");
        assertThat(contents(snapshots)).as("no snapshot written or deleted").containsOnlyKeys(before.keySet())
            .allSatisfy((file, bytes) -> assertThat(bytes).isEqualTo(before.get(file)));
    }

    private static Map<Path, byte[]> contents(final Path directory) throws IOException
    {
        final Map<Path, byte[]> contents = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory))
        {
            for (final Path file : files.toList())
            {
                contents.put(file.getFileName(), Files.readAllBytes(file));
            }
        }
        return contents;
    }

    @Test
    void shouldRefuseAJournalDirectoryItCannotCreateInOneLineAsBadConfiguration() throws IOException
    {
        final Path file = Files.writeString(data.resolve("a-file"), "not a directory");

        assertThat(run("--demo", "--set", "journal.directory=" + file,
            "--set", "journal.snapshotDirectory=" + data.resolve("snapshots"))).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(err.toString())
            .contains("tessera: cannot create the journal directory " + file + ": a file that is not a directory is there")
            .contains("nothing was started")
            .doesNotContain("Exception").as("no stack trace").doesNotContain("\tat ");

        err.getBuffer().setLength(0);
        assertThat(run("--set", "gateway.port=0", "--set", "journal.directory=" + file.resolve("journal"),
            "--set", "journal.snapshotDirectory=" + data.resolve("snapshots"),
            "--set", "gateway.stateDirectory=" + data.resolve("sessions"))).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(err.toString())
            .contains("tessera: cannot create the journal directory " + file.resolve("journal") + ": " +
                file.toAbsolutePath() + ": a file that is not a directory is there")
            .doesNotContain("Exception").doesNotContain("\tat ");
        // QA 115 F3: found only once the other two were made, and the session state lock taken in one
        assertThat(data.resolve("snapshots")).doesNotExist();
        assertThat(data.resolve("sessions")).doesNotExist();
    }

    @Test
    @Timeout(60)
    void shouldRefuseASessionStateDirectoryItCannotCreateInOneLineAsBadConfiguration() throws IOException
    {
        final Path file = Files.writeString(data.resolve("a-file"), "not a directory");

        final int exit = run("--set", "gateway.port=0",
            "--set", "journal.directory=" + data.resolve("journal"),
            "--set", "journal.snapshotDirectory=" + data.resolve("snapshots"),
            "--set", "gateway.stateDirectory=" + file);

        assertThat(exit).as(err.toString()).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(err.toString())
            .startsWith("tessera: cannot create the session state directory " + file + ": a file that is not a directory is there")
            .contains("nothing was started")
            .doesNotContain("unexpected error", "did not start", "Exception", "recovery", "snapshotter")
            .as("no stack trace").doesNotContain("\tat ");
        assertThat(out.toString()).doesNotContain("listening on");
        assertThat(data.resolve("journal")).as("refused before the journal is opened").doesNotExist();

        // Under a file, and with --repair: refused before the repair (or recovery) touches the journal.
        err.getBuffer().setLength(0);
        assertThat(run("--repair", "--set", "gateway.port=0",
            "--set", "journal.directory=" + data.resolve("journal"),
            "--set", "journal.snapshotDirectory=" + data.resolve("snapshots"),
            "--set", "gateway.stateDirectory=" + file.resolve("sessions"))).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(err.toString())
            .startsWith("tessera: cannot create the session state directory " + file.resolve("sessions") + ": " + file +
                ": a file that is not a directory is there")
            .doesNotContain("repair:", "recovery", "Exception").doesNotContain("\tat ");
        assertThat(data.resolve("journal")).doesNotExist();
    }

    /**
     * A session state file of a version this build does not read (here `gateway.ids`) stops the start in one line
     * naming the file and what to do, exit 2, not a stack trace after the banner said it listens (QA 86).
     */
    @Test
    @Timeout(60)
    void shouldRefuseASessionStateFileOfAnUnknownVersionInOneLine() throws IOException
    {
        final Path sessions = data.resolve("sessions");
        Files.createDirectories(sessions);
        final byte[] ids = new byte[64];
        ids[0] = 'T'; // the magic "TWID", little-endian
        ids[1] = 'W';
        ids[2] = 'I';
        ids[3] = 'D';
        ids[4] = 9; // the version
        Files.write(sessions.resolve("gateway.ids"), ids);

        final int exit = run("--set", "gateway.port=0",
            "--set", "journal.directory=" + data.resolve("journal"),
            "--set", "journal.snapshotDirectory=" + data.resolve("snapshots"),
            "--set", "gateway.stateDirectory=" + sessions);

        assertThat(exit).as(err.toString()).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(err.toString())
            .contains("tessera: " + sessions.resolve("gateway.ids") + ": unknown gateway id file version 9; move it " +
                "aside to have the next start write it again")
            .contains("nothing was started")
            .as("no stack trace").doesNotContain("\tat ");
        assertThat(out.toString()).doesNotContain("listening on");
    }

    /**
     * Snapshots are only an optimisation, but an exchange started without them would replay its whole journal at
     * every restart: a snapshot directory it cannot create or write is refused at start, as the journal's is,
     * before the journal is touched.
     */
    @Test
    @Timeout(60)
    void shouldRefuseASnapshotDirectoryItCannotCreateOrWriteInOneLineAsBadConfiguration() throws IOException
    {
        final Path file = Files.writeString(data.resolve("a-file"), "not a directory");

        assertThat(run("--demo", "--set", "journal.directory=" + data.resolve("demo-journal"),
            "--set", "journal.snapshotDirectory=" + file)).as(err.toString()).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(err.toString())
            .startsWith("tessera: cannot create the snapshot directory " + file + ": a file that is not a directory is there" +
                System.lineSeparator() + "tessera: nothing was started")
            .contains("journal.snapshotDirectory")
            .doesNotContain("snapshotter", "Exception").as("no stack trace").doesNotContain("\tat ");
        assertThat(out.toString()).doesNotContain("state hash");
        assertThat(data.resolve("demo-journal")).as("refused before the journal is opened").doesNotExist();

        final Path unwritable = UnwritableDirectory.in(data);
        for (final boolean demo : new boolean[] {true, false})
        {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            final int exit = demo ?
                run("--demo", "--set", "journal.directory=" + data.resolve("journal"),
                    "--set", "journal.snapshotDirectory=" + unwritable) :
                run("--set", "gateway.port=0", "--set", "journal.directory=" + data.resolve("journal"),
                    "--set", "journal.snapshotDirectory=" + unwritable,
                    "--set", "gateway.stateDirectory=" + data.resolve("sessions"));

            assertThat(exit).as(err.toString()).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
            assertThat(err.toString()).as("demo " + demo)
                .containsPattern("^tessera: cannot write in the snapshot directory " + java.util.regex.Pattern.quote(
                    unwritable.toString()) + ": (Permission denied|Read-only file system)\\R")
                .contains("nothing was started")
                .doesNotContain("snapshotter", "Exception").as("no stack trace").doesNotContain("\tat ");
            assertThat(out.toString()).doesNotContain("listening on", "state hash");
            assertThat(data.resolve("journal")).doesNotExist();
        }
    }

    /**
     * An existing journal or session state directory that takes no file (chmod 555) is refused at start in one line,
     * as an unwritable snapshot directory is, before anything is opened: the journal's writer lock failed with a
     * stack trace (exit 1), and the session directory after recovery, in the gateway's thread.
     */
    @Test
    @Timeout(60)
    void shouldRefuseAnExistingJournalOrSessionDirectoryItCannotWriteInOneLineAsBadConfiguration() throws IOException
    {
        final Path unwritable = UnwritableDirectory.in(data);
        final String[][] starts = {
            {"--demo", "--set", "journal.directory=" + unwritable},
            {"--demo", "--repair", "--set", "journal.directory=" + unwritable},
            {"--set", "journal.directory=" + unwritable, "--set", "gateway.stateDirectory=" + data.resolve("sessions")},
            {"--set", "journal.directory=" + data.resolve("journal"), "--set", "gateway.stateDirectory=" + unwritable},
        };
        for (final String[] start : starts)
        {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            final String[] args = Stream.concat(Stream.of("--set", "gateway.port=0",
                "--set", "journal.snapshotDirectory=" + data.resolve("snapshots")), Stream.of(start)).toArray(String[]::new);
            final String what = String.join(" ", start).contains("stateDirectory=" + unwritable) ?
                "session state directory" : "journal directory";

            assertThat(run(args)).as(err.toString()).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
            assertThat(err.toString()).as(String.join(" ", start))
                .matches("tessera: cannot write in the " + what + " " + java.util.regex.Pattern.quote(
                    unwritable.toString()) + ": (Permission denied|Read-only file system)\\R" +
                    "tessera: nothing was started\\. Give it a directory it can create and write \\(journal\\.directory, " +
                    "journal\\.snapshotDirectory, gateway\\.stateDirectory\\)\\.\\R");
            assertThat(out.toString()).doesNotContain("listening on", "state hash");
            assertThat(data.resolve("journal")).as("nothing opened").doesNotExist();
            assertThat(data.resolve("sessions")).doesNotExist();
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseToStartOnInstrumentsThatDoNotFitTheJournalAndStartAsBeforeWithTheirOwn() throws IOException
    {
        runDemo("journal");
        runDemo("control");
        final Map<String, byte[]> journalBefore = files(data.resolve("journal"));
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);

        // The exchange itself (not the demo): refused before it recovers or listens.
        final int exit = run("--set", "defaults.instrument.priceScale=2", "--set", "gateway.port=0",
            "--set", "journal.directory=" + data.resolve("journal"),
            "--set", "journal.snapshotDirectory=" + data.resolve("journal-snapshots"),
            "--set", "gateway.stateDirectory=" + data.resolve("sessions"));

        assertThat(exit).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(err.toString())
            .contains("tessera: the configuration does not fit journal " + data.resolve("journal").toAbsolutePath())
            .contains("AAPL (id 1) has priceScale 4 in the journal and 2 in the configuration")
            .contains("MSFT (id 2) has priceScale 4 in the journal and 2 in the configuration")
            .contains("nothing was started and no data was touched")
            .as("no stack trace").doesNotContain("\tat ");
        assertThat(out.toString()).doesNotContain("listening on");
        assertThat(files(data.resolve("journal"))).as("not a byte changed").containsOnlyKeys(journalBefore.keySet())
            .allSatisfy((name, bytes) -> assertThat(bytes).as(name).isEqualTo(journalBefore.get(name)));
        assertThat(run("--demo", "--set", "instruments=[{symbol=AAPL, id=1, tickSize=0.01, referencePrice=190.00}, " +
            "{symbol=BTC-USD, id=2, tickSize=0.01, referencePrice=420.00}]",
            "--set", "journal.directory=" + data.resolve("journal"),
            "--set", "journal.snapshotDirectory=" + data.resolve("journal-snapshots")))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(err.toString()).contains("instrument id 2 is MSFT in the journal and BTC-USD in the configuration",
            "BTC-USD is instrument id 3 in the journal and id 2 in the configuration");
        // A read-only tool says which configuration reads the journal (QA 95: a simulation's journal, read without
        // the simulation's --config, was refused without a word of it).
        err.getBuffer().setLength(0);
        assertThat(run("journal", "stats", "--journal", data.resolve("journal").toString(),
            "--set", "defaults.instrument.priceScale=2")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(err.toString()).contains("tessera: read it with the configuration it was written with (--config " +
            "FILE and any --set; for a journal `simulate` wrote, those `simulate` was given)");
        assertThat(run("--demo", "--set", "instruments=[{symbol=ES, id=1, tickSize=0.25, referencePrice=5000.00}]",
            "--set", "journal.directory=" + data.resolve("es"), "--set", "journal.snapshotDirectory=" +
            data.resolve("es-snapshots"))).isEqualTo(TesseraMain.EXIT_OK);
        err.getBuffer().setLength(0);
        assertThat(run("journal", "stats", "--journal", data.resolve("es").toString()))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(err.toString()).contains("instrument id 1 is ES in the journal and AAPL in the configuration",
            "(none was given here, so the embedded defaults were used; --config FILE");

        // With its own instruments again, the exchange recovers the same books as one that was never refused.
        out.getBuffer().setLength(0);
        assertThat(runDemo("control")).isEqualTo(TesseraMain.EXIT_OK);
        final String control = out.toString();
        out.getBuffer().setLength(0);
        assertThat(runDemo("journal")).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(out.toString()).contains("state hash").isEqualTo(control);
    }

    @Test
    @Timeout(60)
    void shouldRefuseToLeaveOutAnInstrumentWithRestingOrdersAndReadTheRestOfItsJournal()
    {
        runDemo("journal");
        final String twoInstruments = "instruments=[{symbol=AAPL, id=1, tickSize=0.01, referencePrice=190.00}, " +
            "{symbol=MSFT, id=2, tickSize=0.01, referencePrice=420.00}]";
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);

        // The demo leaves BTC-USD orders resting. Before, the replay died on its first order with a stack trace.
        final int exit = run("--set", twoInstruments, "--set", "gateway.port=0",
            "--set", "journal.directory=" + data.resolve("journal"),
            "--set", "journal.snapshotDirectory=" + data.resolve("journal-snapshots"),
            "--set", "gateway.stateDirectory=" + data.resolve("sessions"));

        assertThat(exit).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(err.toString())
            .contains("tessera: the configuration leaves out BTC-USD (id 3) with 6 resting orders of journal")
            .as("no stack trace").doesNotContain("\tat ");
        assertThat(out.toString()).doesNotContain("listening on");

        // The tools still read that journal under the two-instrument configuration, BTC-USD's history included.
        err.getBuffer().setLength(0);
        assertThat(run("book", "--at", "62", "--instrument", "AAPL", "--set", twoInstruments,
            "--journal", data.resolve("journal").toString())).as(err.toString()).isEqualTo(TesseraMain.EXIT_OK);
        // Every book: BTC-USD's orders are counted in the live orders and said to be left out (QA 95).
        out.getBuffer().setLength(0);
        assertThat(run("book", "--at", "62", "--set", twoInstruments, "--journal", data.resolve("journal").toString()))
            .as(err.toString()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(out.toString())
            .contains("BTC-USD (id 3): 7 live order(s), not shown: the configuration leaves it out");
        out.getBuffer().setLength(0);
        assertThat(run("journal", "stats", "--set", twoInstruments, "--journal", data.resolve("journal").toString()))
            .as(err.toString()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(out.toString()).containsPattern("BTC-USD +16 ");
    }

    /** Every file of a journal directory but its writer lock, by name. */
    private static Map<String, byte[]> files(final Path directory) throws IOException
    {
        final Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(directory))
        {
            for (final Path file : listing.toList())
            {
                if (!file.getFileName().toString().equals("writer.lock"))
                {
                    files.put(file.getFileName().toString(), Files.readAllBytes(file));
                }
            }
        }
        return files;
    }

    @Test
    void shouldExitWithStatusTwoAndNameEveryBadKey(@TempDir final Path directory) throws IOException
    {
        final Path file = directory.resolve("bad.conf");
        Files.writeString(file, """
            instruments = [ { symbol = "ES", id = 10, priceScale = 2, tickSize = -1, referencePrice = 5000.00 } ]
            gateway.prot = 9877
            """);

        assertThat(run("--config", file.toString())).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);

        assertThat(err.toString())
            .contains("instruments[0].tickSize must be > 0, got -1")
            .contains("gateway.prot is not a known key")
            .contains("nothing was started");
        assertThat(out.toString()).doesNotContain("Book");
    }

    /** QA 102: another journal.rollCycle for an existing journal was shown as in effect; the journal keeps its own. */
    @Test
    @Timeout(60)
    void shouldSayThatAnExistingJournalKeepsItsRollCycle()
    {
        runDemo("journal");
        final String journal = "journal.directory=" + data.resolve("journal");
        out.getBuffer().setLength(0);
        assertThat(run("config", "--set", journal)).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(out.toString()).doesNotContain("keeps its roll cycle");

        assertThat(run("config", "--set", journal, "--set", "journal.rollCycle=FIVE_MINUTELY"))
            .isEqualTo(TesseraMain.EXIT_OK);
        assertThat(out.toString()).contains("note       journal " + data.resolve("journal") + " keeps its roll cycle " +
            "FAST_DAILY: journal.rollCycle FIVE_MINUTELY applies to a new journal only");
    }

    /** QA 132 N1: `config` says at how many messages in one second each session is logged out for a flood. */
    @Test
    void shouldPrintWhenEachSessionIsLoggedOutForAFlood()
    {
        assertThat(run("config", "--set", "gateway.sessions=[{ compId = A, ownerId = 1, floodLogoutMultiple = 0 }, " +
            "{ compId = B, ownerId = 2, throttleMessagesPerSecond = 50 }]")).as(err.toString())
            .isEqualTo(TesseraMain.EXIT_OK);

        assertThat(out.toString()).contains("throttle 10000/s (never logged out for a flood)",
            "throttle 50/s (logged out at 10 x: 500 messages in one second)");
    }

    @Test
    void shouldApplyOverridesFromTheCommandLine()
    {
        assertThat(run("config", "--set", "gateway.port=9999", "--set", "pipeline.waitStrategy=yielding",
            "--set", "trading.dayEnd=22:15"))
            .isEqualTo(TesseraMain.EXIT_OK);

        assertThat(out.toString()).contains("127.0.0.1:9999", "waitStrategy yielding", "dayEnd 22:15 UTC", "configuration OK");
        assertThat(out.toString()).doesNotContain("client1-secret");
        // Keys as the config file names them, values as it writes them; no Java record dumps.
        assertThat(out.toString()).contains("durability process", "prefault populate", "doneOrders 100000",
            "maxMarketDataSubscriptions 100").doesNotContain("Config[");
    }

    /**
     * {@code config} refuses what start-up would, without creating anything: a directory start-up cannot create
     * or write, and instruments that do not fit an existing journal; it names instruments the configuration
     * leaves out of one (start-up refuses that while they have resting orders, which only the books tell).
     */
    @Test
    void shouldRefuseInConfigWhatStartUpWouldRefuse(@TempDir final Path directory) throws IOException
    {
        final Path unwritable = UnwritableDirectory.in(directory);
        assertThat(run("config", "--set", "journal.snapshotDirectory=" + unwritable.resolve("snapshots"),
            "--set", "gateway.stateDirectory=" + unwritable)).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(err.toString())
            .contains("tessera: cannot create the snapshot directory " + unwritable.resolve("snapshots") + ": " +
                unwritable.toAbsolutePath() + ": ")
            .contains("tessera: cannot write in the session state directory " + unwritable + ": ")
            .contains("tessera: configuration not usable: start-up would refuse it (exit 2)");
        assertThat(out.toString()).doesNotContain("configuration OK");
        assertThat(unwritable.resolve("snapshots")).doesNotExist();

        // A regular file in the way: the directory itself, or a parent of it (was a NullPointerException, exit 1).
        final Path file = Files.writeString(directory.resolve("a-file"), "not a directory");
        final Path another = Files.writeString(directory.resolve("another-file"), "not a directory");
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(run("config", "--set", "journal.directory=" + file,
            "--set", "gateway.stateDirectory=" + another.resolve("sessions"))).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(err.toString())
            .contains("tessera: cannot create the journal directory " + file + ": a file that is not a directory is there")
            .contains("tessera: cannot create the session state directory " + another.resolve("sessions") + ": " +
                another.toAbsolutePath() + ": a file that is not a directory is there")
            .contains("tessera: configuration not usable: start-up would refuse it (exit 2)")
            .doesNotContain("Exception").doesNotContain("\tat ");

        // A journal written with the demo's three instruments, then a configuration of one of them only.
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        final Path journal = directory.resolve("journal");
        assertThat(run("--demo", "--set", "journal.directory=" + journal, "--set", "journal.snapshotDirectory=" +
            directory.resolve("snapshots"))).isEqualTo(TesseraMain.EXIT_OK);
        final Path onlyMsft = Files.writeString(directory.resolve("msft.conf"), """
            instruments = [ { symbol = "MSFT", id = 2, priceScale = 4, tickSize = 0.01, referencePrice = 420.00 } ]
            """);
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(run("config", "--config", onlyMsft.toString(), "--set", "journal.directory=" + journal))
            .as(err.toString()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(out.toString()).contains("note       the configuration leaves out AAPL (id 1), BTC-USD (id 3) of " +
            "journal " + journal + ": start-up refuses that while they have resting orders", "configuration OK");
        // the command the note suggests works with that very configuration
        final Matcher hint = Pattern.compile("`bin/tessera ([^`]+)` shows")
            .matcher(out.toString());
        assertThat(hint.find()).as(out.toString()).isTrue();
        out.getBuffer().setLength(0);
        assertThat(run(hint.group(1).split(" "))).as(err.toString()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(out.toString()).contains("NEW-ORDER  AAPL ");

        final Path otherScale = Files.writeString(directory.resolve("scale.conf"), """
            instruments = [ { symbol = "MSFT", id = 2, priceScale = 2, tickSize = 0.01, referencePrice = 420.00 } ]
            """);
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(run("config", "--config", otherScale.toString(), "--set", "journal.directory=" + journal))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(err.toString()).contains("MSFT").contains("configuration not usable");
    }

    /**
     * QA 115 F2: start-up refuses damaged session state before it opens the journal, which {@code config} passed as
     * "configuration OK". It runs the same checks (FixServer.checkSessionStateBeforeStart), reading only.
     */
    @Test
    void shouldRefuseInConfigTheSessionStateStartUpWouldRefuse(@TempDir final Path directory) throws IOException
    {
        final Path sessions = Files.createDirectories(directory.resolve("sessions"));
        Files.write(sessions.resolve("CLIENT1.session"), new byte[] {0x54, 0x53, 0x45, 0x53, 1, 0, 0, 0, 7, 0}); // cut
        Files.write(sessions.resolve("CLIENT1.sent"), new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0});

        assertThat(run("config", "--set", "gateway.stateDirectory=" + sessions,
            "--set", "journal.directory=" + directory.resolve("journal"))).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);

        assertThat(err.toString())
            .contains("tessera: " + sessions.resolve("CLIENT1.session") + " is cut short (10 of its 64 bytes)")
            .contains("tessera: configuration not usable: start-up would refuse it (exit 2)")
            .doesNotContain("\tat ");
        assertThat(out.toString()).doesNotContain("configuration OK");
        assertThat(directory.resolve("journal")).as("nothing made").doesNotExist();
        assertThat(Files.size(sessions.resolve("CLIENT1.session"))).isEqualTo(10);
        try (Stream<Path> files = Files.list(sessions))
        {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder("CLIENT1.session",
                "CLIENT1.sent");
        }

        // QA 117 R1: a running exchange's files change between a header and its index as it trades; read meanwhile,
        // healthy sessions were refused. Not checked while the directory's lock is held, and said so.
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        try (DirectoryLock running = DirectoryLock.take(sessions, "gateway.lock", "lock", IllegalStateException::new))
        {
            assertThat(run("config", "--set", "gateway.stateDirectory=" + sessions,
                "--set", "journal.directory=" + directory.resolve("journal"))).as(err.toString()).isEqualTo(TesseraMain.EXIT_OK);
        }
        assertThat(out.toString()).contains("note       the session state directory " + sessions + " is in use by a " +
            "running exchange (this process): its session files are checked at the next start, not here",
            "configuration OK");
    }

    @Test
    void shouldPrintConfiguredPricesAsTheDecimalsOfTheFileWithTheirFixedPointValues(@TempDir final Path directory)
        throws IOException
    {
        final Path file = Files.writeString(directory.resolve("es.conf"), """
            instruments = [
              { symbol = "ES", id = 10, priceScale = 2, tickSize = 0.25, referencePrice = 5000.75, priceBandBps = 500 }
              { symbol = "NANO", id = 11, priceScale = 9, tickSize = 0.000000001, referencePrice = 9223372036.854775807,
                maxQuantity = 1 }
            ]
            """);

        assertThat(run("config", "--config", file.toString())).isEqualTo(TesseraMain.EXIT_OK);

        assertThat(out.toString())
            .contains("instrument ES id 10 priceScale 2 tickSize 0.25 (fixed-point 25) referencePrice 5000.75 " +
                "(fixed-point 500075) priceBandBps 500 lotSize 1 minQuantity 1 maxQuantity 1000000")
            .contains("instrument NANO id 11 priceScale 9 tickSize 0.000000001 (fixed-point 1) referencePrice " +
                "9223372036.854775807 (fixed-point 9223372036854775807)")
            .doesNotContain("InstrumentConfig[");
    }

    @Test
    void shouldRejectABadOverride()
    {
        assertThat(run("config", "--set", "pipeline.ringSize=1000")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);

        assertThat(err.toString()).contains("pipeline.ringSize must be a power of two, got 1000");
    }
}

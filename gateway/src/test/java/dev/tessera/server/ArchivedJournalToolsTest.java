package dev.tessera.server;

import dev.tessera.engine.codec.Side;
import dev.tessera.journal.JournalIndex;
import dev.tessera.journal.SnapshotDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tools that rebuild from record 1 on a journal whose first cycles {@code journal archive} moved away: what a
 * kept snapshot and the rest of the journal reach works, what only the archive holds is refused in one line (exit
 * 2) naming the archive and the first record still here, and start-up without a usable snapshot says what is
 * wrong instead of pointing at verify and repair, which find nothing.
 */
class ArchivedJournalToolsTest
{
    private static final long SEED = 7;

    @TempDir
    Path root;

    private final LauncherConsole console = new LauncherConsole();
    private Path journal;
    private Path snapshots;
    private Path archive;
    /** Record n's index at n - 1, read before the archive (a reader from record 1 refuses after it). */
    private List<Long> indexes;
    /** Index of record 600, the first the journal holds after the archive. */
    private long firstIndexLeft;
    /** The last ClOrdID {@link #orders} gave. */
    private long clientOrderIds;
    /** The journal's first cycle file, which the archive moves. */
    private String firstCycleFile;

    /**
     * 1,000 records over four cycles (1-299, 300-599, 600-899, 900-1000), snapshots after records 700 and 900 (an
     * EndOfDay, which ends the trading day): the archive moves the first two cycles.
     */
    @BeforeEach
    void journalWithSnapshots() throws IOException
    {
        journal = root.resolve("journal");
        snapshots = root.resolve("snapshots");
        archive = root.resolve("archive");
        JournalFixture.createRolling(journal).random(SEED, 700).snapshot(snapshots).random(SEED + 1, 199).endOfDay()
            .snapshot(snapshots).random(SEED + 2, 100).close();
        indexes = JournalFixture.indexes(journal);
        firstIndexLeft = indexes.get(599);
        firstCycleFile = cycleFiles(journal).get(0).getFileName().toString();
    }

    private int run(final String... args)
    {
        final List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--journal", journal.toString(), "--set", "journal.snapshotDirectory=" + snapshots,
            "--set", "journal.archiveDirectory=" + archive));
        return console.run(all.toArray(String[]::new));
    }

    /**
     * The records are a second apart from 05:30, the last EndOfDay after the oldest kept snapshot's record (700,
     * 05:41:40): the cycles before that one go, the first two.
     */
    private void archive()
    {
        assertThat(run("journal", "archive", "--set", "trading.dayEnd=05:40")).as(console.err())
            .isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("2 cycle file(s) moved");
    }

    /** Everything a tool printed on stdout after its first line (which names the start). */
    private String afterFirstLines(final int lines)
    {
        final String[] all = console.out().split("\\R");
        return String.join("\n", Arrays.asList(all).subList(lines, all.length));
    }

    private String archivedLine()
    {
        return "the records of journal " + journal + " before record 600 (the first still here, index " +
            JournalIndex.format(firstIndexLeft) + ") were moved to " + archive.toAbsolutePath() + " by journal archive";
    }

    @Test
    void shouldShowTheBooksAtAPointAKeptSnapshotReachesAndTheSameBooksAsBeforeTheArchive()
    {
        final List<String> points = List.of("800", "700", "2026-11-22T05:43:00Z", "0x" + Long.toHexString(indexes.get(949)));
        final List<String> before = new ArrayList<>();
        for (final String point : points)
        {
            assertThat(run("book", "--at", point, "--orders")).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
            before.add(afterFirstLines(2));
        }
        archive();

        for (int i = 0; i < points.size(); i++)
        {
            assertThat(run("book", "--at", points.get(i), "--orders")).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
            assertThat(afterFirstLines(2)).as(points.get(i)).isEqualTo(before.get(i));
            assertThat(console.out()).contains("after snapshot snapshot-0000000000000000" + (i == 3 ? "0900" : "0700") +
                ".tsnap (the journal's start is archived)");
        }
    }

    /**
     * FIX has a ClOrdID unique within a trading day, and the gateway rebuilds the ClOrdIDs it checks from the journal:
     * a cycle of the trading day the journal's last record is in stays, however old its snapshots. Where that day
     * began is the journal's to say, by its last EndOfDay, not the configured day end's, which may differ from the one
     * the exchange ran with (QA 131 F3). Here the EndOfDay is record 400 (05:36:40, the second cycle) and the oldest
     * kept snapshot covers record 700 (the third): the second cycle stays under any configured day end, even none
     * (the journal shows an EndOfDay, so the exchange had trading days).
     */
    @Test
    void shouldKeepTheCyclesOfTheTradingDayOfTheJournalsLastRecordFromItsLastEndOfDay() throws IOException
    {
        final String kept = "archive: the cycle files holding records of the trading day of the journal's last record " +
            "(since 2026-11-22T05:36:41Z, the first command after the journal's last EndOfDay (or its first ever), from " +
            "before the oldest usable snapshot) are kept, so the FIX gateway still checks that day's ClOrdIDs";
        for (final String dayEnd : List.of("05:40", "none"))
        {
            rebuild(fixture -> orders(orders(orders(orders(fixture, 399).endOfDay(), 300).snapshot(snapshots), 200)
                .snapshot(snapshots), 100));

            assertThat(run("journal", "archive", "--set", "trading.dayEnd=" + dayEnd)).as(console.err())
                .isEqualTo(TesseraMain.EXIT_OK);
            assertThat(console.out()).as("a day end at %s would take the second cycle, of the day still going on", dayEnd)
                .contains("1 cycle file(s) moved");
            assertThat(console.err()).contains(kept);
            assertThat(run("journal", "verify")).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
            assertThat(console.out()).contains("records   701 (record 300 ..");
        }
    }

    /**
     * The other way round: the journal's last EndOfDay (record 800) is after the oldest kept snapshot (700), so the
     * trading day going on began in the anchor's cycle, and the cycles before it go, however long ago the configured
     * day end (21:00 by default: every record of one day) or none at all.
     */
    @Test
    void shouldArchiveTheCyclesOfAnEndedTradingDayWhateverTheConfiguredDayEnd() throws IOException
    {
        for (final String dayEnd : List.of("21:00", "none"))
        {
            rebuild(fixture -> orders(orders(orders(orders(fixture, 700).snapshot(snapshots), 99).endOfDay(), 100)
                .snapshot(snapshots), 100));

            assertThat(run("journal", "archive", "--set", "trading.dayEnd=" + dayEnd)).as(console.err())
                .isEqualTo(TesseraMain.EXIT_OK);
            assertThat(console.out()).as(dayEnd).contains("2 cycle file(s) moved");
            assertThat(console.err()).as(dayEnd).doesNotContain("are kept");
        }
    }

    /**
     * {@code count} orders of three owners, buying and selling at one price, so that some trade: no EndOfDay among them
     * (the random flow has one in a hundred commands).
     */
    private JournalFixture orders(final JournalFixture fixture, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            fixture.newOrder(1 + i % 3, JournalFixture.AAPL, ++clientOrderIds, i % 2 == 0 ? Side.BUY : Side.SELL,
                "190.00", 1 + i % 7);
        }
        return fixture;
    }

    /** Replaces the journal, its snapshots and archive with fresh ones written by {@code script}. */
    private void rebuild(final UnaryOperator<JournalFixture> script) throws IOException
    {
        final Path fresh = Files.createTempDirectory(root, "day");
        journal = fresh.resolve("journal");
        snapshots = fresh.resolve("snapshots");
        archive = fresh.resolve("archive");
        script.apply(JournalFixture.createRolling(journal)).close();
    }

    @Test
    void shouldSayInOneLineThatAPointBeforeEveryKeptSnapshotNeedsTheArchive()
    {
        archive();

        for (final String point : List.of("650", "100", "2026-11-22T05:35:00Z", "0x" + Long.toHexString(firstIndexLeft)))
        {
            assertThat(run("book", "--at", point)).as(point).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
            assertThat(console.err().lines()).as(point).singleElement().asString()
                .startsWith("tessera: ")
                .contains(" needs archived history: " + archivedLine() + ", and the books can be rebuilt only from " +
                    "record 700 (index " + JournalIndex.format(indexes.get(699)) + ", snapshot " +
                    "snapshot-00000000000000000700.tsnap) on; `tessera journal restore` (with the exchange stopped) moves " +
                    "the archived cycle files back to reach it")
                .doesNotContain("verif", "corrupt");
            assertThat(console.out()).doesNotContain("Book");
        }
    }

    /**
     * dump: a --from or --to only the archive reaches is refused in one line naming it, not dumped from the first
     * record still here; a search over what is left says the records before it were not searched, so that "0 records
     * shown" does not read as "no such order".
     */
    @Test
    void shouldRefuseADumpPointOnlyTheArchiveReachesAndSayASearchLeftTheArchiveOut()
    {
        archive();

        for (final String option : List.of("--from", "--to"))
        {
            for (final String point : List.of("5", "2020-01-01T00:00:00Z", "0x" + Long.toHexString(indexes.get(4))))
            {
                assertThat(run("journal", "dump", option, point)).as(option + " " + point)
                    .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
                assertThat(console.err().lines()).as(point).singleElement().asString()
                    .startsWith("tessera: " + option + " ")
                    .endsWith(" needs archived history: " + archivedLine() + ", and the dump can start at record 600 " +
                        "or later; `tessera journal restore` (with the exchange stopped) moves the archived cycle files back to reach it");
                assertThat(console.out()).doesNotContain("record 600 ");
            }
        }

        assertThat(run("journal", "dump", "--order", "5")).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("-- " + archivedLine() + ": they are not searched\n-- ");

        assertThat(run("journal", "dump", "--limit", "1")).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).startsWith("record 600 ").contains("-- " + archivedLine() + ": they are not shown");

        assertThat(run("journal", "dump", "--from", "600", "--limit", "1")).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).startsWith("record 600 ").doesNotContain("archive");
    }

    @Test
    void shouldVerifyTheReplayFromTheOldestKeptSnapshotAndRefuseWithoutOne() throws IOException
    {
        archive();

        assertThat(run("verify-replay")).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out())
            .contains("from      snapshot snapshot-00000000000000000700.tsnap (record 700): " + archivedLine() +
                ", so only the commands after the snapshot are re-executed")
            .contains("replayed  300 records")
            .contains("identical every event re-executed matches the journal");

        for (final Path file : new SnapshotDirectory(snapshots).files())
        {
            Files.delete(file);
        }
        assertThat(run("verify-replay")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err().lines()).singleElement().asString()
            .isEqualTo("tessera: the replay from record 1 needs archived history: " + archivedLine() + ", and no usable " +
                "snapshot in " + snapshots.toAbsolutePath() + " covers a record still here to replay from; `tessera " +
                "journal restore` (with the exchange stopped) moves the archived cycle files back to reach it");
    }

    @Test
    void shouldProjectWhatIsLeftAfterTheArchiveAndSaySo() throws IOException
    {
        final Path whole = root.resolve("whole.csv");
        final Path left = root.resolve("left.csv");
        assertThat(run("project", "trades", "--csv", whole.toString())).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        archive();

        assertThat(run("project", "trades", "--csv", left.toString())).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);

        assertThat(console.out()).contains("archived  " + archivedLine() + ": the projection covers only the records " +
            "from there on", "trade tape rebuilt from record 600: 401 records in ");
        final List<String> all = Files.readAllLines(whole);
        final List<String> since = Files.readAllLines(left);
        assertThat(since.size()).isGreaterThan(1).isLessThan(all.size());
        assertThat(since.subList(1, since.size())).as("the trades of the records left, as before the archive")
            .isEqualTo(all.subList(all.size() - (since.size() - 1), all.size()));
        assertThat(Files.readString(left)).doesNotContain("2026-11-22T05:39:59");
    }

    /** Nothing is damaged, so it is not the corrupt-journal status: the operator archived what the start needs. */
    @Test
    void shouldRefuseAStartWithoutAUsableSnapshotAfterAnArchiveAsTheOperatorsToPutRightNotAsCorruption() throws IOException
    {
        archive();
        for (final Path file : new SnapshotDirectory(snapshots).files())
        {
            Files.write(file, new byte[] {1, 2, 3});
        }

        for (final boolean demo : new boolean[] {true, false})
        {
            final List<String> args = new ArrayList<>(List.of("--set", "journal.directory=" + journal,
                "--set", "journal.snapshotDirectory=" + snapshots, "--set", "journal.archiveDirectory=" + archive,
                "--set", "gateway.port=0", "--set", "gateway.stateDirectory=" + root.resolve("sessions")));
            if (demo)
            {
                args.add(0, "--demo");
            }
            assertThat(console.run(args.toArray(String[]::new))).as(console.err())
                .as("the operator's to put right, not corruption").isEqualTo(TesseraMain.EXIT_BAD_CONFIG);

            // after the recovery's warnings about the damaged snapshots: the refusal, then what to do, one line each
            assertThat(console.err()).as("demo " + demo).containsPattern("(?m)^tessera: the history before record 600 \\(index " +
                JournalIndex.format(firstIndexLeft) + "\\) of journal " + java.util.regex.Pattern.quote(journal.toString()) +
                " is archived \\(journal archive\\) and no usable snapshot covers it[^\\n]*\\R" +
                "tessera: nothing was started\\. The archived cycle files are in " + java.util.regex.Pattern.quote(
                archive.toAbsolutePath().toString()) + " \\(journal\\.archiveDirectory\\): move them back into the " +
                "journal directory \\(`tessera journal restore` does, and checks they lead into the journal\\), or put " +
                "back a snapshot[^\\n]*\\R\\z")
                .doesNotContain("--repair", "journal verify", "corrupt");
            assertThat(console.out()).doesNotContain("listening on", "state hash");
        }
        assertThat(run("journal", "verify")).as("indeed nothing is damaged").isEqualTo(TesseraMain.EXIT_OK);
    }

    /**
     * simulate reads its input from record 1: an archived start is refused as bad input, not as a corrupt journal,
     * and before the run's header is printed or its output directory claimed.
     */
    @Test
    void shouldRefuseToSimulateAJournalWhoseStartIsArchivedAsBadInputNotAsCorruption()
    {
        archive();
        final Path output = root.resolve("sim");

        assertThat(console.run("simulate", journal.toString(), "--out", output.toString()))
            .as(console.err()).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);

        assertThat(console.err()).endsWith("tessera: the journal starts at record 600 (index " +
            JournalIndex.format(firstIndexLeft) + "), not at record 1: its first cycle files were archived (journal " +
            "archive). Reading it from the start needs them moved back into the journal directory " +
            "(tessera journal restore)" +
            System.lineSeparator()).doesNotContain("failed verification", "journal verify");
        assertThat(console.out()).as("refused before the run's header").doesNotContain("simulate  ", "config    ")
            .isEmpty();
        assertThat(output).as("no output directory claimed").doesNotExist();
    }

    /** The inverse of archive: the whole history back, verified into the journal, and every tool reaches record 1. */
    @Test
    void shouldRestoreTheArchivedHistorySoThatEveryToolReachesRecordOneAgain() throws IOException
    {
        assertThat(run("book", "--at", "100", "--orders")).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        final String bookBefore = afterFirstLines(2);
        archive();

        assertThat(run("journal", "restore")).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);

        assertThat(console.out()).contains("restored  " + journal.resolve(firstCycleFile),
            "2 cycle file(s) moved back; the journal starts at record 1");
        assertThat(cycleFiles(archive)).as("the archive emptied").isEmpty();
        assertThat(run("journal", "verify")).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("records   1,000 (record 1 ..");
        assertThat(run("book", "--at", "100", "--orders")).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(afterFirstLines(2)).isEqualTo(bookBefore);

        assertThat(run("journal", "restore")).as("nothing left to restore").isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("0 cycle file(s) moved back; the journal starts at record 1");
    }

    /**
     * Files moved back by hand (what the tools said before restore existed): a read-only open cannot list them, so
     * it refuses naming restore rather than showing a history that starts at record 600; restore takes them in.
     */
    @Test
    void shouldRefuseToReadCycleFilesMovedBackByHandUntilRestoreTakesThemIn() throws IOException
    {
        archive();
        for (final Path file : cycleFiles(archive))
        {
            Files.move(file, journal.resolve(file.getFileName()));
        }

        assertThat(run("journal", "verify")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err().lines()).singleElement().asString()
            .isEqualTo("tessera: journal " + journal + " holds 2 cycle file(s) older than the first cycle its metadata " +
                "lists (" + firstCycleFile + " ...; moved back by hand after journal archive?): a reader " +
                "would not see them; `tessera journal restore` (with the exchange stopped) takes them in");
        assertThat(run("book", "--at", "100")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);

        assertThat(run("journal", "restore")).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("0 cycle file(s) moved back; the journal starts at record 1");
        assertThat(run("journal", "verify")).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("records   1,000 (record 1 ..");
    }

    /** An archive missing a cycle does not lead into the journal: all goes back, the journal is as it was. */
    @Test
    void shouldPutEverythingBackWhenTheArchivedHistoryDoesNotLeadIntoTheJournal() throws IOException
    {
        archive();
        final List<Path> archived = cycleFiles(archive);
        Files.move(archived.get(1), root.resolve(archived.get(1).getFileName()));

        assertThat(run("journal", "restore")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);

        assertThat(console.err()).contains("tessera: the archived history in " + archive + " does not lead into the " +
            "journal's record 600 (", "); the files are back in the archive and the journal is as it was");
        assertThat(cycleFiles(archive)).containsExactly(archived.get(0));
        assertThat(run("journal", "verify")).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("records   401 (record 600 ..");
    }

    private static List<Path> cycleFiles(final Path directory) throws IOException
    {
        try (var files = Files.list(directory))
        {
            return files.filter(file -> file.toString().endsWith(".cq4")).sorted().toList();
        }
    }
}

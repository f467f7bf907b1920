package dev.tessera.server;

import dev.tessera.engine.ClientOrderIds;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.Side;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalIndex;
import dev.tessera.journal.JournalInstruments;
import dev.tessera.journal.SnapshotDirectory;
import dev.tessera.journal.tools.BookPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The journal tools run in-process through the launcher's command line, against real journals. */
class JournalToolsTest
{
    private static final long SEED = 7;
    private static final Pattern RECORD_LINE = Pattern.compile("^record (\\d+) ", Pattern.MULTILINE);

    @TempDir
    Path directory;

    private final LauncherConsole console = new LauncherConsole();

    private int run(final String... args)
    {
        return console.run(args);
    }

    private String journal()
    {
        return directory.toString();
    }

    private JournalFixture scripted()
    {
        return JournalFixture.scripted(directory);
    }

    private static List<Long> recordsShown(final String dump)
    {
        final List<Long> records = new ArrayList<>();
        final Matcher matcher = RECORD_LINE.matcher(dump);
        while (matcher.find())
        {
            records.add(Long.parseLong(matcher.group(1)));
        }
        return records;
    }

    @Test
    void shouldRefuseToArchiveOrRepairAJournalAnExchangeHasOpen()
    {
        scripted();
        try (dev.tessera.journal.Journal open = dev.tessera.journal.Journal.open(
            new dev.tessera.config.JournalConfig(directory, "FAST_DAILY", dev.tessera.config.Durability.PROCESS)))
        {
            assertThat(run("journal", "repair", "--journal", journal())).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
            assertThat(console.err()).contains("is already open for writing", "nothing was changed");
            assertThat(run("journal", "archive", "--journal", journal())).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
            assertThat(console.err()).contains("is already open for writing", "nothing was changed");
            assertThat(run("journal", "verify", "--journal", journal())).as("reading needs no lock")
                .isEqualTo(TesseraMain.EXIT_OK);
        }
    }

    @Test
    void shouldDumpEachRecordWithItsDecodedCommandAndEvents()
    {
        scripted();
        final List<Long> indexes = JournalFixture.indexes(directory);

        assertThat(run("journal", "dump", "--journal", journal())).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);

        assertThat(console.out())
            .contains("record 2  index " + JournalIndex.format(indexes.get(1)) +
                "  command 2  2026-11-22T05:30:02.000000000Z\n" +
                "  NEW-ORDER  AAPL BUY 40 @ 190.0200 GTC  owner 2 clOrd 21\n" +
                "  #2 ACCEPTED   AAPL BUY 40 @ 190.0200 GTC  order 2 owner 2 clOrd 21\n" +
                "  #3 TRADE      AAPL 40 @ 190.0100  aggressor BUY  maker 1 (owner 1, leaves 60)  " +
                "taker 2 (owner 2, leaves 0)\n")
            .contains("  NEW-ORDER  AAPL SELL 100 @ 190.0100 GTC  owner 1 clOrd 11\n")
            .contains("  CANCEL     order 1  owner 1 clOrd 12\n  #5 CANCELLED  AAPL SELL 60  USER_REQUESTED")
            .contains("  REPLACE    order 3  price 419.9900 qty 20  owner 3 clOrd 32\n  #6 REPLACED   MSFT BUY 20 @ 419.9900")
            .contains("  MASS-CANCEL all instruments  owner 3 clOrd 33\n  #7 CANCELLED  MSFT BUY 20  MASS_CANCEL")
            .contains("#8 MASS-CXL   1 cancelled  owner 3  all instruments")
            .contains("-- 6 record(s) shown of 6 read");
        assertThat(recordsShown(console.out())).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(console.err()).isEmpty();
    }

    @Test
    void shouldShowTheClOrdIdAClientSentNotTheEnginesNumberForIt()
    {
        // What the FIX gateway journals for ClOrdIDs "buy-1", "buy-1r" (a replace) and "cxl.7".
        JournalFixture.create(directory)
            .newOrder(1, JournalFixture.AAPL, ClientOrderIds.encode("buy-1"), Side.BUY, "190.00", 100)
            .replace(1, 1, ClientOrderIds.encode("buy-1r"), JournalFixture.AAPL, "190.01", 100)
            .cancel(1, 1, ClientOrderIds.encode("cxl.7"))
            .close();

        assertThat(run("journal", "dump", "--journal", journal())).isEqualTo(TesseraMain.EXIT_OK);

        assertThat(console.out())
            .contains("  NEW-ORDER  AAPL BUY 100 @ 190.0000 GTC  owner 1 clOrd buy-1\n",
                "ACCEPTED   AAPL BUY 100 @ 190.0000 GTC  order 1 owner 1 clOrd buy-1\n",
                "  REPLACE    order 1  price 190.0100 qty 100  owner 1 clOrd buy-1r\n",
                "order 1 owner 1 clOrd buy-1 -> buy-1r\n",
                "  CANCEL     order 1  owner 1 clOrd cxl.7\n",
                "USER_REQUESTED  order 1 owner 1 clOrd buy-1r\n")
            .doesNotContain(Long.toString(ClientOrderIds.encode("buy-1")));
    }

    @Test
    void shouldShowARefusedReplaceByClOrdIdInItsOrdersDecimalsAndSelectItByThatOrder()
    {
        // QA 111 N5: a replace naming its order by ClOrdID and refused (off tick) has no event naming the order's
        // instrument, so its price was shown raw, and --order / --instrument left the record out.
        final long offTick = JournalFixture.AAPL.parsePrice("190.00") + 1;
        JournalFixture.create(directory)
            .newOrder(1, JournalFixture.MSFT, ClientOrderIds.encode("m-1"), Side.BUY, "419.00", 10)
            .newOrder(1, JournalFixture.AAPL, ClientOrderIds.encode("a-1"), Side.BUY, "189.00", 100)
            .replaceByClientOrderId(1, ClientOrderIds.encode("a-1"), ClientOrderIds.encode("a-2"), offTick, 100)
            .replaceByClientOrderId(1, ClientOrderIds.encode("a-1"), ClientOrderIds.encode("a-3"),
                JournalFixture.AAPL.parsePrice("189.50"), 100)
            .replaceByClientOrderId(1, ClientOrderIds.encode("a-3"), ClientOrderIds.encode("a-4"), offTick, 100)
            .close();

        run("journal", "dump", "--journal", journal(), "--order", "2");
        assertThat(recordsShown(console.out())).as("accepted, both refused replaces and the one done")
            .containsExactly(2L, 3L, 4L, 5L);
        assertThat(console.out())
            .contains("  REPLACE    origClOrd a-1  price 190.0001 qty 100  owner 1 clOrd a-2\n")
            .contains("  REPLACE    origClOrd a-3  price 190.0001 qty 100  owner 1 clOrd a-4\n")
            .doesNotContain("fixed point");

        run("journal", "dump", "--journal", journal(), "--instrument", "AAPL", "--from", "3");
        assertThat(recordsShown(console.out())).as("the live order's instrument, followed from before --from")
            .containsExactly(3L, 4L, 5L);
    }

    /** QA 117 R2: refused as too late, its order having just filled (the race the engine refuses most), was left out. */
    @Test
    void shouldSelectARequestRefusedAsTooLateByTheOrderItNamedByClOrdId()
    {
        JournalFixture.create(directory)
            .newOrder(1, JournalFixture.AAPL, ClientOrderIds.encode("s-1"), Side.SELL, "190.00", 10)
            .newOrder(2, JournalFixture.AAPL, ClientOrderIds.encode("b-1"), Side.BUY, "190.00", 10)
            .replaceByClientOrderId(1, ClientOrderIds.encode("s-1"), ClientOrderIds.encode("s-2"),
                JournalFixture.AAPL.parsePrice("190.05"), 10)
            .close();

        run("journal", "dump", "--journal", journal(), "--order", "1");
        assertThat(recordsShown(console.out())).as("accepted, filled, and the replace refused too late")
            .containsExactly(1L, 2L, 3L);
        assertThat(console.out()).contains("  REPLACE    origClOrd s-1  price 190.0500 qty 10  owner 1 clOrd s-2\n");

        run("journal", "dump", "--journal", journal(), "--instrument", "AAPL", "--from", "3");
        assertThat(recordsShown(console.out())).containsExactly(3L);
    }

    @Test
    void shouldSelectRecordsByInstrumentOrderOwnerRangeAndLimit()
    {
        scripted();

        run("journal", "dump", "--journal", journal(), "--instrument", "MSFT");
        assertThat(recordsShown(console.out())).as("the mass cancel through its MSFT cancellation").containsExactly(3L, 5L, 6L);

        run("journal", "dump", "--journal", journal(), "--instrument", "1");
        assertThat(recordsShown(console.out())).as("by id, and a cancel through its event").containsExactly(1L, 2L, 4L);

        run("journal", "dump", "--journal", journal(), "--order", "1");
        assertThat(recordsShown(console.out())).as("accepted, trade as maker, cancelled").containsExactly(1L, 2L, 4L);

        run("journal", "dump", "--journal", journal(), "--owner", "1");
        assertThat(recordsShown(console.out())).as("the maker's owner of a trade too").containsExactly(1L, 2L, 4L);

        run("journal", "dump", "--journal", journal(), "--owner", "3", "--instrument", "AAPL");
        assertThat(recordsShown(console.out())).as("filters must all match").isEmpty();

        run("journal", "dump", "--journal", journal(), "--from", "2", "--to", "4");
        assertThat(recordsShown(console.out())).containsExactly(2L, 3L, 4L);

        run("journal", "dump", "--journal", journal(), "--from", "2026-11-22T05:30:05Z");
        assertThat(recordsShown(console.out())).containsExactly(5L, 6L);

        assertThat(run("journal", "dump", "--journal", journal(), "--limit", "2")).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(recordsShown(console.out())).containsExactly(1L, 2L);
        assertThat(console.out()).contains("-- 2 record(s) shown of 2 read (limit reached)");
    }

    @Test
    void shouldRefuseAnUnknownInstrumentOrABadPoint()
    {
        scripted();

        assertThat(run("journal", "dump", "--journal", journal(), "--instrument", "GOOG"))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("unknown instrument GOOG (configured: AAPL (id 1), MSFT (id 2), BTC-USD (id 3))");

        assertThat(run("book", "--journal", journal(), "--at", "yesterday")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("expected a Chronicle index (0x...), a record number");

        assertThat(run("journal", "dump", "--journal", journal(), "--order", "-1")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("--order must not be negative, got -1");
        assertThat(run("journal", "dump", "--journal", journal(), "--owner", "-7")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("--owner must not be negative, got -7");
    }

    /** An instrument the configuration left out is named by its journaled symbol (instruments.txt), as by its id. */
    @Test
    void shouldTakeTheJournaledSymbolOfAnInstrumentTheConfigurationLeftOut()
    {
        scripted();
        final String onlyMsft = "instruments=[{symbol=MSFT, id=2, tickSize=0.01, referencePrice=420.00}]";

        assertThat(run("journal", "dump", "--journal", journal(), "--set", onlyMsft, "--instrument", "AAPL"))
            .as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(recordsShown(console.out())).contains(1L, 2L).doesNotContain(3L);
        assertThat(run("project", "trades", "--journal", journal(), "--set", onlyMsft, "--instrument", "AAPL"))
            .as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).containsPattern("AAPL +190\\.0100 +40 +BUY");
        assertThat(run("journal", "dump", "--journal", journal(), "--set", onlyMsft, "--instrument", "BTC-USD"))
            .as("journaled, with no record: an empty answer").isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("-- 0 record(s) shown of 6 read");

        assertThat(run("journal", "dump", "--journal", journal(), "--set", onlyMsft, "--instrument", "GOOG"))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).isEqualTo("tessera: unknown instrument GOOG (configured: MSFT (id 2); in the journal " +
            "only: AAPL (id 1), BTC-USD (id 3))" + System.lineSeparator());
        assertThat(run("book", "--journal", journal(), "--at", "6", "--set", onlyMsft, "--instrument", "AAPL"))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).isEqualTo("tessera: instrument AAPL is not configured (configured: MSFT (id 2); in " +
            "the journal only: AAPL (id 1), BTC-USD (id 3)): its book cannot be rebuilt" + System.lineSeparator());
    }

    @Test
    void shouldRefuseAnInstrumentIdThatNeitherTheConfigurationNorTheJournalKnows()
    {
        scripted();

        assertThat(run("journal", "dump", "--journal", journal(), "--instrument", "99")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("unknown instrument 99: neither the configuration nor the journal has it " +
            "(configured: AAPL (id 1), MSFT (id 2), BTC-USD (id 3)) and no record read concerns it");

        assertThat(run("book", "--journal", journal(), "--at", "6", "--instrument", "99")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("instrument 99 is not configured (configured: AAPL (id 1), MSFT (id 2), " +
            "BTC-USD (id 3)): its book cannot be rebuilt");

        assertThat(run("journal", "dump", "--journal", journal(), "--instrument", "3")).as("configured, with no record")
            .isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("-- 0 record(s) shown of 6 read");
        assertThat(run("journal", "dump", "--journal", journal(), "--instrument", "2", "--owner", "1"))
            .as("the instrument is there, the other filter leaves nothing").isEqualTo(TesseraMain.EXIT_OK);
    }

    @Test
    void shouldStillSelectAnInstrumentTheConfigurationNoLongerHas()
    {
        scripted();

        assertThat(run("journal", "dump", "--journal", journal(), "--instrument", "2",
            "--set", "instruments=[{symbol=AAPL, id=1, tickSize=0.01, referencePrice=190.00}]"))
            .as(console.err()).isEqualTo(TesseraMain.EXIT_OK);

        assertThat(recordsShown(console.out())).containsExactly(3L, 5L, 6L);
        // Read with the symbol and priceScale it was journaled with (instruments.txt), not as "#2 ... @ 4200000".
        assertThat(console.out()).contains("#4 ACCEPTED   MSFT BUY 10 @ 420.0000 GTC");
    }

    @Test
    void shouldRefuseAConfigurationThatReadsTheJournalAtAnotherScaleOrSymbol() throws Exception
    {
        scripted();
        final Map<String, String> before = digests(directory);

        assertThat(run("journal", "dump", "--journal", journal(), "--set", "defaults.instrument.priceScale=2"))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("AAPL (id 1) has priceScale 4 in the journal and 2 in the configuration",
            "would read 100 times too high", JournalInstruments.FILE).doesNotContain("\tat ");
        assertThat(console.out()).as("no record shown at the wrong scale").doesNotContain("record 1");

        assertThat(run("book", "--journal", journal(), "--at", "6",
            "--set", "instruments=[{symbol=MSFT, id=1, tickSize=0.01, referencePrice=420.00}]"))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("instrument id 1 is AAPL in the journal and MSFT in the configuration",
            "MSFT is instrument id 2 in the journal and id 1 in the configuration");
        assertThat(console.out()).doesNotContain("Book");
        assertThat(run("journal", "stats", "--journal", journal(), "--set", "defaults.instrument.priceScale=6"))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);

        assertThat(run("journal", "verify", "--journal", journal(), "--set", "defaults.instrument.priceScale=2"))
            .as("verify shows no price or symbol: it checks any journal").isEqualTo(TesseraMain.EXIT_OK);
        assertThat(digests(directory)).isEqualTo(before);
    }

    @Test
    void shouldRefuseARangeOutsideTheJournalButNotAnEmptyOneInsideIt()
    {
        scripted();
        final String last = "(the last record is record 6, index " + JournalIndex.format(JournalFixture.indexes(directory).get(5)) +
            ", 2026-11-22T05:30:06.000000000Z)";

        assertThat(run("journal", "dump", "--journal", journal(), "--from", "5000")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("--from record 5000 is past the end of the journal " + last);
        assertThat(run("journal", "dump", "--journal", journal(), "--from", "2030-01-01T00:00:00Z"))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("--from 2030-01-01T00:00:00.000000000Z is past the end of the journal " + last);

        assertThat(run("journal", "dump", "--journal", journal(), "--from", "5", "--to", "2"))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("--to record 2 is before --from record 5: no record can lie between them");
        // One step apart (QA 95): a record, a nanosecond in a gap, and --from a record's time, --to the record before.
        for (final String[] range : new String[][] {{"5", "4"}, {"2", "1"},
            {"2026-11-22T05:30:02.500000001Z", "2026-11-22T05:30:02.5Z"}, {"2026-11-22T05:30:04Z", "3"}})
        {
            assertThat(run("journal", "dump", "--journal", journal(), "--from", range[0], "--to", range[1]))
                .as(String.join(" .. ", range)).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
            assertThat(console.err()).as(String.join(" .. ", range)).contains("no record can lie between them");
        }
        assertThat(run("journal", "dump", "--journal", journal(), "--from", "2026-11-22T05:30:04Z", "--to", "2"))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(run("journal", "dump", "--journal", journal(), "--to", "2026-11-22T05:00:00Z"))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("--to 2026-11-22T05:00:00.000000000Z is before the first record of the journal " +
            "(record 1, index ");

        assertThat(run("journal", "dump", "--journal", journal(), "--from", "2026-11-22T05:30:02.25Z",
            "--to", "2026-11-22T05:30:02.75Z")).as("between two records").isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("-- 0 record(s) shown");
        assertThat(run("journal", "dump", "--journal", journal(), "--from", "6", "--to", "6")).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(recordsShown(console.out())).containsExactly(6L);
    }

    @Test
    void shouldVerifyAGoodJournalAndSummariseIt()
    {
        final JournalFixture fixture = JournalFixture.create(directory).random(SEED, 3000).close();

        assertThat(run("journal", "verify", "--journal", journal())).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);

        assertThat(console.out())
            .contains("records   3,000 (record 1 .. 3000, index ")
            .contains("commands  1 .. 3000, gap-free")
            .contains(String.format(Locale.ROOT, "events    %,d (last event %d)",
                fixture.tally().events, fixture.engine().lastEventSequence()))
            .contains("time      2026-11-22T05:30:01.000000000Z .. 2026-11-22T06:20:00.000000000Z (49m 59.000s)")
            .contains(String.format("chain     %016x (after record 3000)", fixture.position().chainHash()))
            .contains("journal OK");
        assertThat(console.err()).as("no progress bar unless asked or on a terminal").isEmpty();
    }

    @Test
    void shouldFailVerificationWithStatusOneNamingTheIndexOfAFlippedByte() throws IOException
    {
        JournalFixture.create(directory).random(SEED, 3000).close();
        final List<Long> indexes = JournalFixture.indexes(directory);
        JournalFixture.flipAByteInRecord(directory, 1200);

        assertThat(run("journal", "verify", "--journal", journal())).isEqualTo(JournalTools.EXIT_CORRUPT);

        assertThat(console.err())
            .contains("journal corrupt at index " + JournalIndex.format(indexes.get(1199)) + " (record 1200)")
            .containsPattern("checksum mismatch \\(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\\)");
        assertThat(console.out()).doesNotContain("journal OK");
    }

    @Test
    void shouldRepairAFlippedByteByKeepingTheRecordsBeforeItAndSayWhatHappensToTheSessions() throws IOException
    {
        JournalFixture.create(directory).random(SEED, 300).close();
        JournalFixture.flipAByteInRecord(directory, 120);
        // The copy a repair killed before its swap left beside the journal: gone after the next one, and said.
        final Path cutOff = directory.resolveSibling(directory.getFileName() + ".repair-1795500000000");
        Files.createDirectories(cutOff);
        Files.writeString(cutOff.resolve("20261124F.cq4"), "partial copy");

        assertThat(run("journal", "repair", "--journal", journal())).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(cutOff).doesNotExist();
        assertThat(console.out()).contains("repair: deleted " + cutOff.toAbsolutePath() + ", the unfinished copy of a " +
            "repair that was stopped before it swapped it in");

        assertThat(console.out()).contains("repair: kept 119 records", "journal repaired",
            "; cut records 120 to 300 (181), the bad one and every one after it, intact or not;",
            "FIX sessions that had reports of the records cut are brought back to the journal's end when the " +
                "exchange next starts");
        assertThat(run("journal", "verify", "--journal", journal())).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("records   119 (record 1 .. 119,");
    }

    @Test
    void shouldNameACycleFileAKillLeftUnbegunAtOnceInEveryReadingToolAndHaveRepairSetItAside() throws Exception
    {
        JournalFixture.create(directory).random(SEED, 50).close();
        final Path written = firstCycleFile();
        // The writer was killed as Chronicle created the next cycle's file: sized, its first header not begun.
        final Path torn = written.resolveSibling("20991231F.cq4");
        Files.write(torn, new byte[64 * 1024]);
        final Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.writeString(directory.resolve(Journal.WRITER_LOCK_FILE), "pid " + dead.pid() + "\n");

        for (final String[] tool : new String[][] {{"journal", "verify"}, {"journal", "dump"}, {"journal", "stats"},
            {"book", "--at", "10"}})
        {
            final List<String> args = new ArrayList<>(List.of(tool));
            args.addAll(List.of("--journal", journal()));
            assertThat(run(args.toArray(String[]::new))).as(String.join(" ", tool)).isEqualTo(JournalTools.EXIT_CORRUPT);
            assertThat(console.err()).as(String.join(" ", tool))
                .contains("journal file " + torn + " was left unfinished by a process killed while creating it; it " +
                    "holds no record", "journal repair, settles it (moves it aside)")
                .doesNotContain("shows the first bad record");
        }
        assertThat(torn).as("no reading tool changed it").exists();

        assertThat(run("journal", "repair", "--journal", journal())).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("repair: " + torn + " was left unfinished", "journal OK");
        assertThat(torn).doesNotExist();
        assertThat(run("journal", "verify", "--journal", journal())).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("records   50 (record 1 .. 50,");
    }

    @Test
    void shouldNameACycleFileWithADamagedHeaderInEveryToolAndRepairNothing() throws IOException
    {
        JournalFixture.create(directory).random(SEED, 50).close();
        final Path file = firstCycleFile();
        final byte[] content = Files.readAllBytes(file);
        content[20] ^= 0x10; // inside the store's type name, which Chronicle parses when it opens the file
        Files.write(file, content);

        for (final String[] tool : new String[][] {{"journal", "verify"}, {"journal", "dump"}, {"journal", "stats"},
            {"book", "--at", "10"}, {"journal", "repair"}})
        {
            final List<String> args = new ArrayList<>(List.of(tool));
            args.addAll(List.of("--journal", journal()));
            assertThat(run(args.toArray(String[]::new))).as(String.join(" ", tool)).isEqualTo(JournalTools.EXIT_CORRUPT);
            assertThat(console.err()).as(String.join(" ", tool))
                .contains("cycle file " + file + " cannot be opened, its Chronicle header is damaged")
                .doesNotContain("\tat ");
        }
        assertThat(console.err()).contains("nothing was changed");
        assertThat(Files.readAllBytes(file)).as("repair left the file as it was").isEqualTo(content);

        // Start-up refuses it too, without pointing at a repair that cannot read it.
        assertThat(run("--demo", "--set", "journal.directory=" + journal(),
            "--set", "journal.snapshotDirectory=" + directory.resolveSibling("snapshots")))
            .isEqualTo(TesseraMain.EXIT_CORRUPT_JOURNAL);
        assertThat(console.err()).contains("its Chronicle header is damaged", "nothing was started")
            .doesNotContain("--repair");
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
    }

    /** QA 107: a byte of the header Chronicle parses as a field gave its NullPointerException's text in the line. */
    @Test
    void shouldNameACycleFileWhoseHeaderFieldIsDamagedWithoutChroniclesInternals() throws IOException
    {
        JournalFixture.create(directory).random(SEED, 50).close();
        final Path file = firstCycleFile();
        final byte[] content = Files.readAllBytes(file);
        content[144] ^= 0x01;
        Files.write(file, content);

        for (final String[] tool : new String[][] {{"journal", "verify"}, {"journal", "dump"}, {"journal", "stats"}})
        {
            final List<String> args = new ArrayList<>(List.of(tool));
            args.addAll(List.of("--journal", journal()));
            assertThat(run(args.toArray(String[]::new))).as(String.join(" ", tool)).isEqualTo(JournalTools.EXIT_CORRUPT);
            assertThat(console.err()).as(String.join(" ", tool)).contains(file.toString())
                .doesNotContain("\tat ", "Cannot invoke", "bytesStore");
        }
    }

    /**
     * A cycle file cut short at a page boundary inside its records (an unfinished copy): mapped read-only, a read
     * past its end faulted the JVM (InternalError, SIGBUS) in the progress bar's record count and in the reader.
     */
    @Test
    void shouldNameACycleFileCutShortInEveryToolAndHaveRepairKeepTheRecordsBeforeTheCut() throws IOException
    {
        JournalFixture.create(directory).random(SEED, 3_000).close();
        final Path file = firstCycleFile();
        // Session state that saw the journal's last record: the start reads that record to check the journal's identity.
        final Path sessions = sessionStateThatSaw(3_000);
        final byte[] content = Files.readAllBytes(file);
        int extent = content.length;
        while (extent > 0 && content[extent - 1] == 0)
        {
            extent--;
        }
        final long cut = (extent / 2) & ~4095L;
        assertThat(cut).as("precondition: records on both sides of the cut").isGreaterThan(64 * 1024);
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
            java.nio.file.StandardOpenOption.WRITE))
        {
            channel.truncate(cut);
        }

        for (final String[] tool : new String[][] {{"journal", "verify"}, {"journal", "dump"}, {"journal", "stats"},
            {"book", "--at", "3000"}})
        {
            final List<String> args = new ArrayList<>(List.of(tool));
            args.addAll(List.of("--journal", journal()));
            assertThat(run(args.toArray(String[]::new))).as(String.join(" ", tool)).isEqualTo(JournalTools.EXIT_CORRUPT);
            assertThat(console.err()).as(String.join(" ", tool))
                .contains("cycle file " + file + " is cut short: it ends at byte " + cut)
                .doesNotContain("\tat ", "InternalError");
        }
        // The exchange's start names the cut too, and leaves the file as it found it: a writable mapping grew it with
        // zeros, and then it, and every tool after it, told a checksum mismatch instead.
        assertThat(run("--demo", "--set", "journal.directory=" + journal(),
            "--set", "journal.snapshotDirectory=" + directory.resolveSibling("snapshots")))
            .isEqualTo(TesseraMain.EXIT_CORRUPT_JOURNAL);
        assertThat(console.err()).contains("cycle file " + file + " is cut short (an unfinished copy, a full disk?): " +
            "it ends at byte " + cut, "nothing was started", "--repair");
        assertThat(Files.size(file)).isEqualTo(cut);
        // The exchange itself, with that session state (QA 93 N2): the identity check read the record past the cut
        // through a mapping, and the JVM's fault came out as an InternalError with a stack trace.
        assertThat(run("--set", "journal.directory=" + journal(),
            "--set", "journal.snapshotDirectory=" + directory.resolveSibling("snapshots"),
            "--set", "gateway.stateDirectory=" + sessions, "--set", "gateway.port=0"))
            .as(console.err()).isEqualTo(TesseraMain.EXIT_CORRUPT_JOURNAL);
        assertThat(console.err()).contains("cycle file " + file + " is cut short", "nothing was started")
            .doesNotContain("InternalError", "\tat ");
        assertThat(Files.size(file)).isEqualTo(cut);
        // Which records the repair it offers cuts, before the operator runs it (QA 93 N5): the cut names no record, so
        // the start reads to the first bad one, as the repair does.
        final java.util.regex.Matcher cutFrom = java.util.regex.Pattern
            .compile("--repair` truncates the journal after the last good one \\(keeping the original aside\\), " +
                "cutting every record from ([0-9]+) on, intact or not").matcher(console.err());
        assertThat(cutFrom.find()).as(console.err()).isTrue();
        final long firstCut = Long.parseLong(cutFrom.group(1));

        assertThat(run("journal", "repair", "--journal", journal())).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(run("journal", "verify", "--journal", journal())).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).as("the repair kept the records before the one the start named")
            .contains("(record 1 .. " + (firstCut - 1) + ",").contains("journal OK");
    }

    /**
     * QA 98 N2: a repair of a journal whose cycle file the FIX sessions saw records in was emptied moved the file aside,
     * said it had settled it as the exchange's start would, and the start then refused. The repair (as the start) now
     * refuses first, and leaves the file where it was.
     */
    @Test
    void shouldRefuseToRepairAJournalWhoseEmptiedCycleFileTheSessionsSawRecordsIn() throws IOException
    {
        JournalFixture.create(directory).random(SEED, 100).close();
        final Path file = firstCycleFile();
        final Path sessions = sessionStateThatSaw(100);
        Files.write(file, new byte[0]);

        for (final String[] repair : new String[][] {{"journal", "repair", "--journal", journal()},
            {"--repair", "--set", "journal.directory=" + journal(), "--set", "gateway.port=0"}})
        {
            final List<String> args = new ArrayList<>(List.of(repair));
            args.addAll(List.of("--set", "gateway.stateDirectory=" + sessions,
                "--set", "journal.snapshotDirectory=" + directory.resolveSibling("snapshots")));
            assertThat(run(args.toArray(String[]::new))).as(console.err()).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
            assertThat(console.err()).contains("has a cycle file that holds no record, " + file.getFileName(),
                "saw the journal hold record 100");
            assertThat(file).as("left where it was").exists().isEmptyFile();
        }
    }

    @Test
    void shouldNameADamagedChronicleIndexInEveryToolAndHaveRepairRebuildItKeepingEveryRecord() throws IOException
    {
        JournalFixture.create(directory).random(SEED, 50).close();
        final Path file = firstCycleFile();
        JournalFixture.damageIndex(file);

        // A tool that reads to the end meets it there; one that stops sooner (book --at 10) needs no index.
        for (final String[] tool : new String[][] {{"journal", "verify"}, {"journal", "dump"}, {"journal", "stats"}})
        {
            final List<String> args = new ArrayList<>(List.of(tool));
            args.addAll(List.of("--journal", journal()));
            assertThat(run(args.toArray(String[]::new))).as(String.join(" ", tool)).isEqualTo(JournalTools.EXIT_CORRUPT);
            assertThat(console.err()).as(String.join(" ", tool))
                .contains("Chronicle's index in cycle file " + file + " cannot be read")
                .doesNotContain("\tat ");
        }
        assertThat(run("journal", "verify", "--journal", journal())).isEqualTo(JournalTools.EXIT_CORRUPT);
        assertThat(console.err()).contains("(record 51): the end of the journal cannot be confirmed");

        assertThat(run("journal", "repair", "--journal", journal())).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("repair: kept 50 records", "journal repaired")
            .as("no record was cut, so no FIX session had a report of one").doesNotContain("FIX sessions", "records cut");
        assertThat(run("journal", "verify", "--journal", journal())).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("records   50 (record 1 .. 50,");
    }

    @Test
    void shouldNameADocumentHeaderPastTheEndOfTheFileInEveryToolNotDieReadingPastIt() throws IOException
    {
        JournalFixture.create(directory).random(SEED, 50).close();
        final Path file = firstCycleFile();
        final byte[] content = Files.readAllBytes(file);
        int end = content.length;
        while (content[end - 1] == 0)
        {
            end--;
        }
        // The records come last: just after the last one, a complete header claiming 256 MiB, past the file's end.
        content[((end + 3) & ~3) + 3] = 0x10;
        Files.write(file, content);

        // Each reads to the end (book --at 50 would stop before the damage, and rightly show the books).
        for (final String[] tool : new String[][] {{"journal", "verify"}, {"journal", "dump"}, {"journal", "stats"}})
        {
            final List<String> args = new ArrayList<>(List.of(tool));
            args.addAll(List.of("--journal", journal()));
            assertThat(run(args.toArray(String[]::new))).as(String.join(" ", tool)).isEqualTo(JournalTools.EXIT_CORRUPT);
            assertThat(console.err()).as(String.join(" ", tool)).contains("(record 51)").doesNotContain("\tat ");
        }
        assertThat(run("journal", "repair", "--journal", journal())).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(run("journal", "verify", "--journal", journal())).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("records   50 (record 1 .. 50,");
    }

    @Test
    void shouldNameACycleFileWhoseHeaderWritePositionLiesPastTheDocumentsAndRepairKeepingEveryRecord() throws IOException
    {
        JournalFixture.create(directory).random(SEED, 50).close();
        final Path file = firstCycleFile();
        final byte[] content = Files.readAllBytes(file);
        // The header's writePosition: its name, then an array of two longs (capacity, used, the values), the first
        // value the write position. One byte of it flipped, as QA did: far past the documents, zeros between.
        int at = new String(content, 0, 256, StandardCharsets.ISO_8859_1).indexOf("writePosition");
        while ((content[at] & 0xFF) != 0x8D)
        {
            at++;
        }
        content[at + 1 + 2 * Long.BYTES + 2] ^= 0x5A;
        Files.write(file, content);

        assertThat(run("journal", "verify", "--journal", journal())).isEqualTo(JournalTools.EXIT_CORRUPT);
        assertThat(console.err()).contains("(record 50): after the journal's last record, cycle file " + file,
            "as where the last complete document starts, but the documents end at byte", "`journal repair`")
            .doesNotContain("\tat ");
        assertThat(run("journal", "repair", "--journal", journal())).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("repair: kept 50 records", "journal repaired")
            .doesNotContain("cut are brought back");
        assertThat(run("journal", "verify", "--journal", journal())).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("records   50 (record 1 .. 50,");
    }

    @Test
    void shouldFailVerificationAtAGapInCommandSequences()
    {
        JournalFixture.create(directory).random(SEED, 10).skipACommandSequence().random(SEED, 10).close();
        final List<Long> indexes = JournalFixture.indexes(directory);

        assertThat(run("journal", "verify", "--journal", journal())).isEqualTo(JournalTools.EXIT_CORRUPT);

        assertThat(console.err()).contains("journal corrupt at index " + JournalIndex.format(indexes.get(10)) +
            " (record 11): command sequence 12 follows 10 (commands are numbered gap-free)");
        assertThat(run("journal", "dump", "--journal", journal(), "--from", "11", "--limit", "1"))
            .as("the other tools rely on the reader's checks only").isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("record 11  index " + JournalIndex.format(indexes.get(10)) + "  command 12");
    }

    @Test
    void shouldNotChangeAnyFileOfTheJournal() throws Exception
    {
        JournalFixture.create(directory).random(SEED, 500).close();
        final Map<String, String> before = digests(directory);

        run("journal", "verify", "--journal", journal());
        run("journal", "dump", "--journal", journal(), "--owner", "1");
        run("journal", "stats", "--journal", journal());
        run("book", "--journal", journal(), "--at", "250");

        assertThat(digests(directory)).isEqualTo(before);
    }

    /** Without --at, the books as they are: after the journal's last record (QA 134 O6: a far future time did it). */
    @Test
    void shouldShowTheBooksAsTheyAreWithoutAPoint()
    {
        JournalFixture.create(directory).random(SEED, 3000).close();

        assertThat(run("book", "--journal", journal(), "--orders")).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        final String now = console.out();
        assertThat(now).contains("at the journal's end: after record 3000 (");
        assertThat(run("book", "--journal", journal(), "--orders", "--at", "3000")).as(console.err())
            .isEqualTo(TesseraMain.EXIT_OK);
        assertThat(now.substring(now.indexOf(": after record")))
            .isEqualTo(console.out().substring(console.out().indexOf(": after record")));
        assertThat(now).contains(String.format(Locale.ROOT, "state hash %016x",
            JournalFixture.engineAfter(SEED, 3000).stateHash()));
    }

    @Test
    void shouldRebuildTheBooksAsTheyStoodAtAMiddleRecord()
    {
        JournalFixture.create(directory).random(SEED, 3000).close();
        final List<Long> indexes = JournalFixture.indexes(directory);
        final MatchingEngine reference = JournalFixture.engineAfter(SEED, 1000);
        assertThat(reference.liveOrderCount()).as("a book worth comparing").isGreaterThan(10);

        // An index names a document: "at" it is after its last record.
        final long index = indexes.get(999);
        final int lastOfDocument = indexes.lastIndexOf(index) + 1;
        assertThat(lastOfDocument).as("record 1000 shares its document with later ones").isGreaterThan(1000);
        assertThat(run("book", "--journal", journal(), "--at", JournalIndex.format(index)))
            .as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        final String byIndex = console.out();
        run("book", "--journal", journal(), "--at", Integer.toString(lastOfDocument));
        final String byLastRecord = console.out();
        assertThat(byIndex.substring(byIndex.indexOf(": after record")))
            .startsWith(": after record " + lastOfDocument + " ")
            .isEqualTo(byLastRecord.substring(byLastRecord.indexOf(": after record")));

        run("book", "--journal", journal(), "--at", "1000");
        final String byRecord = console.out();
        assertThat(byRecord)
            .contains("at record 1000: after record 1000 (index " + JournalIndex.format(indexes.get(999)) + ", command 1000, " +
                "2026-11-22T05:46:40.000000000Z), 1,000 records applied")
            .contains(depthOf(reference, 10))
            .contains(String.format("%d live orders; last order id %d; last event %d; state hash %016x",
                reference.liveOrderCount(), reference.lastOrderId(), reference.lastEventSequence(), reference.stateHash()));
    }

    @Test
    void shouldRebuildTheBooksAsTheyStoodAtATime()
    {
        JournalFixture.create(directory).random(SEED, 3000).close();
        final MatchingEngine at0600 = JournalFixture.engineAfter(SEED, 1800);

        assertThat(run("book", "--journal", journal(), "--at", "2026-11-22T06:00:00Z", "--instrument", "MSFT",
            "--depth", "3", "--orders")).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);

        assertThat(console.out())
            .contains("at 2026-11-22T06:00:00.000000000Z: after record 1800 ")
            .contains("Book MSFT").doesNotContain("Book AAPL")
            .contains("Orders MSFT (priority order)")
            .contains(String.format("state hash %016x", at0600.stateHash()));
        final long bestBid = at0600.book(JournalFixture.MSFT.id()).bestPrice(Side.BUY);
        assertThat(console.out()).contains("BUY  " + String.format("%14s", JournalFixture.MSFT.formatPrice(bestBid)));

        final long halfSecondEarlier = JournalFixture.timestampOf(1800) - 500_000_000L;
        run("book", "--journal", journal(), "--at", halfSecondEarlier + "ns");
        assertThat(console.out()).contains("after record 1799 ")
            .contains(String.format("state hash %016x", JournalFixture.engineAfter(SEED, 1799).stateHash()));

    }

    /**
     * A point before the first record is refused in every form, as dump's --to is, naming the first record: an index
     * there names no document, and at a time there no command had come in.
     */
    @Test
    void shouldRefuseAPointBeforeTheFirstRecordNamingItAsDumpDoes()
    {
        JournalFixture.create(directory).random(SEED, 100).close();
        final String firstRecord = "is before the first record of the journal (record 1, index 0x";

        assertThat(run("journal", "dump", "--journal", journal(), "--to", "0x0")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        final String dumpSays = console.err().substring(console.err().indexOf(firstRecord));

        assertThat(run("book", "--journal", journal(), "--at", "0x0")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).isEqualTo("tessera: --at index 0x0 " + dumpSays);
        assertThat(console.out()).doesNotContain("state hash");

        assertThat(run("book", "--journal", journal(), "--at", "2026-11-22T05:00:00Z")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).isEqualTo("tessera: --at 2026-11-22T05:00:00.000000000Z " + dumpSays);
    }

    /** A point past the last record is refused in dump's words for --from, naming the last record. */
    @Test
    void shouldRefuseAPointPastTheEndNamingTheLastRecordAsDumpDoes()
    {
        JournalFixture.create(directory).random(SEED, 100).close();
        final String lastRecord = "is past the end of the journal (the last record is record 100, index 0x";
        assertThat(run("journal", "dump", "--journal", journal(), "--from", "101")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        final String dumpSays = console.err().substring(console.err().indexOf(lastRecord));

        assertThat(run("book", "--journal", journal(), "--at", "101")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);

        assertThat(console.err()).isEqualTo("tessera: --at record 101 " + dumpSays);
    }

    @Test
    void shouldCountOneRecordInTheSingular()
    {
        JournalFixture.create(directory).random(SEED, 100).close();

        assertThat(run("book", "--journal", journal(), "--at", "1")).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);

        assertThat(console.out()).contains("), 1 record applied\n");
    }

    @Test
    void shouldCountEventsPerTypeAndInstrument()
    {
        final JournalFixture fixture = JournalFixture.create(directory).random(SEED, 2000).close();
        final JournalFixture.Tally tally = fixture.tally();
        assertThat(tally.rejected).as("the flow has rejects").isPositive();

        assertThat(run("journal", "stats", "--journal", journal())).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);

        assertThat(console.out())
            .contains("records  2,000")
            .contains("time     2026-11-22T05:30:01.000000000Z .. 2026-11-22T06:03:20.000000000Z (33m 19.000s)")
            .contains(String.format(Locale.ROOT, "events %,d", tally.events))
            .contains(count("OrderAccepted", tally.accepted))
            .contains(count("OrderRejected", tally.rejected))
            .contains(String.format(Locale.ROOT, "    %-26s %,12d", "PRICE_NOT_ON_TICK", tally.rejected))
            .contains(count("Trade", tally.trades))
            .contains(count("OrderCancelled", tally.cancelled))
            .containsPattern("size     [0-9,]+ bytes in 1 queue file\\(s\\) \\(preallocated, sparse\\); records use [0-9,]+ bytes");
        for (final String symbol : List.of("AAPL", "MSFT", "BTC-USD"))
        {
            final int id = JournalFixture.CONFIG.instrument(symbol).orElseThrow().id();
            assertThat(console.out()).contains(String.format(Locale.ROOT, "  %-10s %,12d %,12d %,12d %,16d", symbol,
                tally.ordersByInstrument[id], tally.rejectedByInstrument[id], tally.tradesByInstrument[id],
                tally.volumeByInstrument[id]));
        }
    }

    /** Turnover per instrument (QA 134 O4): the notional in the instrument's decimals and the VWAP, as in candles. */
    @Test
    void shouldShowEachInstrumentsNotionalAndVwap()
    {
        scripted();

        assertThat(run("journal", "stats", "--journal", journal())).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);

        assertThat(console.out()).containsPattern("(?m)^ +accepted +rejected +trades +volume +notional +vwap$")
            .containsPattern("(?m)^  AAPL +2 +0 +1 +40 +7600\\.4000 +190\\.01000000$")
            .as("no trade: no VWAP").containsPattern("(?m)^  MSFT +1 +0 +0 +0 +0\\.0000$");
    }

    @Test
    void shouldArchiveNothingWhileNoSnapshotCoversTheJournal()
    {
        scripted();
        final Path archive = directory.resolveSibling(directory.getFileName() + "-archive");

        assertThat(run("journal", "archive", "--journal", journal(),
            "--set", "journal.snapshotDirectory=" + directory.resolveSibling(directory.getFileName() + "-snapshots"),
            "--set", "journal.archiveDirectory=" + archive)).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);

        assertThat(console.out()).contains("0 cycle file(s) moved");
        assertThat(run("journal", "verify", "--journal", journal())).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("records   6");
    }

    @Test
    void shouldReportAMissingJournalWithoutCreatingIt()
    {
        final Path missing = directory.resolve("nothing-here");

        assertThat(run("journal", "verify", "--journal", missing.toString())).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);

        assertThat(console.err()).contains("no journal at " + missing);
        assertThat(missing).doesNotExist();
    }

    /**
     * A snapshot directory, or the directory a journal is in (a simulation's output), given for the journal: the
     * refusal says what was probably meant; repair takes neither for an empty journal ("journal OK", a lock file left).
     */
    @Test
    void shouldSayWhereTheJournalProbablyIsWhenGivenItsSnapshotsOrTheDirectoryAboveIt() throws IOException
    {
        final Path runDirectory = directory.resolve("run");
        final Path journal = runDirectory.resolve("journal");
        JournalFixture.scripted(journal);
        final Path snapshots = Files.createDirectories(runDirectory.resolve("snapshots"));
        Files.writeString(snapshots.resolve(SnapshotDirectory.fileName(6)), "not read");

        for (final String tool : List.of("journal verify", "journal stats", "journal dump", "journal repair", "book --at 1"))
        {
            final List<String> args = new ArrayList<>(List.of(tool.split(" ")));
            args.addAll(List.of("--journal", snapshots.toString()));
            assertThat(run(args.toArray(String[]::new))).as(tool).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
            assertThat(console.err().lines()).as(tool).containsExactly("tessera: no journal at " + snapshots + ": it " +
                "holds snapshots (1 *.tsnap file), not a journal: is it a snapshot directory (journal.snapshotDirectory)? " +
                "The journal beside it is " + journal);
        }
        try (Stream<Path> files = Files.list(snapshots))
        {
            assertThat(files).as("nothing made in it").containsExactly(snapshots.resolve(SnapshotDirectory.fileName(6)));
        }

        assertThat(run("journal", "stats", "--journal", runDirectory.toString())).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).isEqualTo("tessera: no journal at " + runDirectory + "; " + journal + " holds one" +
            System.lineSeparator());
    }

    /**
     * A journal's cycle file (the *.cq4 a user sees of a journal) given for the journal, to any tool that takes one: the
     * refusal names the journal it belongs to; simulate, which also takes a file, does not call it a bad LOBSTER name.
     */
    @Test
    void shouldNameTheJournalOfACycleFileGivenForIt() throws IOException
    {
        final Path journal = directory.resolve("journal");
        JournalFixture.scripted(journal);
        final Path cycleFile;
        try (Stream<Path> files = Files.list(journal))
        {
            cycleFile = files.filter(file -> file.getFileName().toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        final String refusal = "tessera: no journal at " + cycleFile + ": that is a cycle file of the journal " + journal +
            "; give the directory";

        for (final String tool : List.of("journal verify", "journal stats", "journal dump", "journal repair", "book --at 1"))
        {
            final List<String> args = new ArrayList<>(List.of(tool.split(" ")));
            args.addAll(List.of("--journal", cycleFile.toString()));
            assertThat(run(args.toArray(String[]::new))).as(tool).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
            assertThat(console.err().lines()).as(tool).containsExactly(refusal);
        }
        assertThat(run("verify-replay", cycleFile.toString())).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err().lines()).containsExactly(refusal);
        final Path output = directory.resolve("run");
        assertThat(run("simulate", cycleFile.toString(), "--out", output.toString())).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err().lines()).containsExactly(refusal);
        assertThat(output).doesNotExist();

        final Path other = Files.writeString(directory.resolve("notes.txt"), "not a journal");
        assertThat(run("journal", "stats", "--journal", other.toString())).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err().lines()).containsExactly("tessera: no journal at " + other + ": it is a file; a " +
            "journal is a directory");
    }

    @Test
    void shouldFindTheJournalThroughTheConfiguration()
    {
        scripted();

        assertThat(run("journal", "stats", "--set", "journal.directory=" + journal())).as(console.err())
            .isEqualTo(TesseraMain.EXIT_OK);

        assertThat(console.out()).contains("records  6");
    }

    @Test
    void shouldDrawAProgressBarOnStderrWhenAsked()
    {
        scripted();

        assertThat(run("journal", "verify", "--journal", journal(), "--progress")).isEqualTo(TesseraMain.EXIT_OK);

        assertThat(console.err()).contains("verify [##############################] 100%  6/6 records");
        assertThat(console.out()).doesNotContain("records/s");
    }

    @Test
    void shouldAskForAToolWhenNoneIsNamed()
    {
        assertThat(run("journal")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);

        assertThat(console.err()).contains("dump", "verify", "stats");
    }

    private static String depthOf(final MatchingEngine engine, final int levels)
    {
        final StringWriter text = new StringWriter();
        final BookPrinter printer = new BookPrinter(new PrintWriter(text), levels);
        JournalFixture.INSTRUMENTS.forEach(instrument -> printer.printDepth(engine.book(instrument.id()), instrument));
        return text.toString();
    }

    private static String count(final String label, final long count)
    {
        return String.format(Locale.ROOT, "  %-28s %,12d", label, count);
    }

    /** Every file's CRC32C (fast enough for the 80 MB preallocated queue files), size and modification time. */
    private static Map<String, String> digests(final Path directory) throws IOException
    {
        final Map<String, String> digests = new TreeMap<>();
        final byte[] chunk = new byte[1 << 20];
        try (Stream<Path> files = Files.walk(directory))
        {
            for (final Path file : (Iterable<Path>)files.filter(Files::isRegularFile)::iterator)
            {
                final CRC32C crc = new CRC32C();
                try (InputStream in = Files.newInputStream(file))
                {
                    for (int read = in.read(chunk); read >= 0; read = in.read(chunk))
                    {
                        crc.update(chunk, 0, read);
                    }
                }
                digests.put(directory.relativize(file).toString(),
                    Long.toHexString(crc.getValue()) + " " + Files.size(file) + " " + Files.getLastModifiedTime(file));
            }
        }
        return digests;
    }

    /**
     * QA 95 F3: a journal directory the user may not list is refused with the operating system's reason, as the
     * directories the exchange writes are. Root lists any directory, so there (as on the build box) it is skipped.
     */
    @Test
    void shouldSayWhyAJournalDirectoryCannotBeListed() throws IOException
    {
        final Path locked = Files.createDirectory(directory.resolve("locked"));
        Files.setPosixFilePermissions(locked, Set.of());
        try
        {
            assumeFalse(Files.isReadable(locked), "this user reads any directory (root)");
            assertThatThrownBy(() -> JournalTools.holdsJournal(locked))
                .hasMessage("cannot list " + locked + ": Permission denied");
        }
        finally
        {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private Path firstCycleFile() throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).sorted().findFirst().orElseThrow();
        }
    }

    /** A session state directory beside the journal whose identity names {@code record} (its checksum not checked). */
    private Path sessionStateThatSaw(final int record) throws IOException
    {
        final Path sessions = Files.createDirectories(directory.resolveSibling(directory.getFileName() + "-sessions"));
        Files.writeString(sessions.resolve("journal.identity"), "tessera journal identity 1\nrecord " + record +
            " index=" + JournalFixture.indexes(directory).get(record - 1) + " checksum=1\n");
        return sessions;
    }
}

package dev.tessera.server;

import dev.tessera.engine.ClientOrderIds;
import dev.tessera.engine.codec.Side;
import dev.tessera.journal.JournalGenerations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code project trades|candles|orders} through the launcher's command line, against real journals. */
class ProjectCommandTest
{
    @TempDir
    Path directory;

    private final LauncherConsole console = new LauncherConsole();

    private int run(final String... args)
    {
        return console.run(args);
    }

    /** {@link JournalFixture#scripted}: six commands, one trade; command n stamped 05:30:00 + n seconds. */
    private String scripted()
    {
        JournalFixture.scripted(directory);
        return directory.toString();
    }

    @Test
    void shouldPrintTheTradeTape()
    {
        assertThat(run("project", "trades", "--journal", scripted())).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);

        assertThat(console.out())
            .contains("trade tape rebuilt from scratch: 6 records in ", "records/s), 1 row\n")
            .containsPattern("time +instrument +price +quantity +aggressor +maker_order +maker_owner +taker_order")
            .containsPattern("2026-11-22T05:30:02\\.000000000Z +AAPL +190\\.0100 +40 +BUY +1 +1 +2 +2 +3");

        assertThat(run("project", "trades", "--instrument", "1", "--journal", directory.toString())).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).as("QA 107: named by its symbol, also when given by id")
            .contains("trade tape of AAPL rebuilt from scratch");
        assertThat(run("project", "trades", "--csv", "", "--journal", directory.toString()))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("tessera: --csv needs a file name");
    }

    /**
     * Each side's ClOrdID and the ExecID of its fill report (QA 134 O2), from generations.txt beside the journal: after a
     * cut (here as the exchange's start begins one at record 2), the trade's record's generation comes first.
     */
    @Test
    void shouldWriteEachSidesClOrdIdAndExecIdOfATradeInItsRecordsGeneration() throws IOException
    {
        final Path csv = directory.resolveSibling(directory.getFileName() + "-tape.csv");
        final String journal = scripted();

        assertThat(run("project", "trades", "--journal", journal, "--csv", csv.toString())).as(console.err())
            .isEqualTo(TesseraMain.EXIT_OK);
        assertThat(Files.readAllLines(csv)).containsExactly(
            "time,instrument,price,quantity,aggressor,maker_order,maker_owner,taker_order,taker_owner,event," +
                "maker_client_order,taker_client_order,maker_exec_id,taker_exec_id",
            "2026-11-22T05:30:02.000000000Z,AAPL,190.0100,40,BUY,1,1,2,2,3,11,21,14,15");

        JournalGenerations.beginAfterLostTail(directory, 2);
        assertThat(run("project", "trades", "--journal", journal, "--csv", csv.toString())).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(Files.readAllLines(csv).get(1)).endsWith(",3,11,21,1-14,1-15");
        Files.delete(csv);
    }

    @Test
    void shouldPrintCandlesOfTheInterval()
    {
        assertThat(run("project", "candles", "--interval", "1m", "--journal", scripted())).isEqualTo(TesseraMain.EXIT_OK);

        assertThat(console.out()).contains("candles 1m rebuilt from scratch")
            .containsPattern("volume +trades +notional +vwap")
            .containsPattern("AAPL +2026-11-22T05:30:00\\.000000000Z +190\\.0100 +190\\.0100 +190\\.0100 +190\\.0100 +40 +1 " +
                "+7600\\.4000 +190\\.01000000");
        assertThat(run("project", "candles", "--interval", "a minute", "--journal", directory.toString()))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("not a candle interval: a minute");
        for (final String huge : new String[] {"99999999999999999999h", "999999999d"})
        {
            assertThat(run("project", "candles", "--interval", huge, "--journal", directory.toString()))
                .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
            assertThat(console.err()).contains("candle interval too long: " + huge + " (at most 106751d)");
        }
    }

    @Test
    void shouldRefuseAnInstrumentIdThatNeitherTheConfigurationNorTheJournalKnows()
    {
        final String journal = scripted();

        assertThat(run("project", "trades", "--journal", journal, "--instrument", "99")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("unknown instrument 99: neither the configuration nor the journal has it " +
            "(configured: AAPL (id 1), MSFT (id 2), BTC-USD (id 3)) and the journal has no trade of it");
        assertThat(run("project", "candles", "--journal", journal, "--instrument", "99")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("unknown instrument 99: ");

        assertThat(run("project", "trades", "--journal", journal, "--instrument", "BTC-USD")).as("configured, no trade")
            .isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("nothing to show");
    }

    /** As journal dump: an instrument the configuration left out shows as it was journaled (instruments.txt). */
    @Test
    void shouldShowAnInstrumentTheConfigurationLeftOutWithItsJournaledSymbolAndScale()
    {
        final String journal = scripted();
        final String onlyMsft = "instruments=[{symbol=MSFT, id=2, tickSize=0.01, referencePrice=420.00}]";

        assertThat(run("project", "trades", "--journal", journal, "--set", onlyMsft)).as(console.err())
            .isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).containsPattern("2026-11-22T05:30:02\\.000000000Z +AAPL +190\\.0100 +40 +BUY")
            .doesNotContain("#1", "1901000");

        assertThat(run("project", "candles", "--journal", journal, "--set", onlyMsft)).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out())
            .containsPattern("AAPL +2026-11-22T05:30:00\\.000000000Z +190\\.0100 +190\\.0100 +190\\.0100 +190\\.0100 +40 +1")
            .doesNotContain("#1", "1901000");

        assertThat(run("project", "orders", "--owner", "1", "--journal", journal, "--set", onlyMsft))
            .isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).containsPattern("1 +11 +AAPL +SELL +CANCELLED .* ACCEPTED +190\\.0100 +100 +100 ")
            .doesNotContain("#1", "1901000");
    }

    @Test
    void shouldWriteAnOwnersAuditTrailAsCsv() throws IOException
    {
        final Path csv = directory.resolveSibling(directory.getFileName() + "-owner3.csv");

        assertThat(run("project", "orders", "--owner", "3", "--journal", scripted(), "--csv", csv.toString()))
            .isEqualTo(TesseraMain.EXIT_OK);

        assertThat(console.out()).contains("order audit of owner 3 rebuilt from scratch", "wrote     " + csv);
        final List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo(
            "order,client_order,instrument,side,status,time,event,step,price,quantity,leaves,counterparty,request_client_order," +
                "detail,owner");
        assertThat(lines.subList(1, lines.size())).containsExactly(
            "3,31,MSFT,BUY,CANCELLED,2026-11-22T05:30:03.000000000Z,4,ACCEPTED,420.0000,10,10,,31,LIMIT GTC,3",
            "3,31,MSFT,BUY,CANCELLED,2026-11-22T05:30:05.000000000Z,6,REPLACED,419.9900,20,20,,32,priority lost,3",
            "3,31,MSFT,BUY,CANCELLED,2026-11-22T05:30:06.000000000Z,7,CANCELLED,,20,0,,33,MASS_CANCEL,3");
        Files.delete(csv);
    }

    @Test
    void shouldLeaveARefusedReplacesQuantityEmptyRatherThanZero() throws IOException
    {
        // QA 111 N5: the refusal carries no quantity, and the order kept its own; 0 read as if it had none left.
        JournalFixture.create(directory)
            .newOrder(1, JournalFixture.AAPL, ClientOrderIds.encode("a-1"), Side.BUY, "189.00", 100)
            .replaceByClientOrderId(1, ClientOrderIds.encode("a-1"), ClientOrderIds.encode("a-2"),
                JournalFixture.AAPL.parsePrice("189.00") + 1, 100)
            .close();
        final Path csv = directory.resolveSibling(directory.getFileName() + "-refused.csv");

        assertThat(run("project", "orders", "--owner", "1", "--journal", directory.toString(), "--csv", csv.toString()))
            .isEqualTo(TesseraMain.EXIT_OK);

        assertThat(Files.readAllLines(csv)).contains(
            "1,a-1,AAPL,BUY,OPEN,2026-11-22T05:30:02.000000000Z,2,REPLACE_REJECTED,,,,,a-2,PRICE_NOT_ON_TICK,1");
        Files.delete(csv);
    }

    /** A --csv that cannot be written is refused before the rebuild, which a long journal would waste, with the OS reason. */
    @Test
    void shouldRefuseACsvFileItCannotWriteBeforeTheRebuildNamingTheReason() throws IOException
    {
        final String journal = scripted();

        assertThat(run("project", "trades", "--journal", journal, "--csv", journal)).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("tessera: cannot write " + journal + ": it is a directory");
        assertThat(console.out()).doesNotContain("rebuilt");

        final Path aFile = Files.writeString(directory.resolveSibling(directory.getFileName() + "-file"), "x");
        final Path underAFile = aFile.resolve("trades.csv");
        assertThat(run("project", "trades", "--journal", journal, "--csv", underAFile.toString()))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("tessera: cannot create the directory of trades.csv " +
            aFile.toAbsolutePath() + ": a file that is not a directory is there");
        assertThat(console.out()).doesNotContain("rebuilt");
        Files.delete(aFile);

        final Path unwritable = UnwritableDirectory.in(directory);
        assertThat(run("project", "candles", "--journal", journal, "--csv", unwritable.resolve("c.csv").toString()))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).containsPattern("tessera: cannot write in the directory of c.csv " +
            unwritable.toAbsolutePath() + ": (Permission denied|Read-only file system|No such file or directory)");
        assertThat(console.out()).doesNotContain("rebuilt");
    }

    /** ClOrdIDs of letters, as a FIX client sends them (packed ids in the journal): shown as the text, in both forms. */
    @Test
    void shouldShowTheClientsClOrdIdTextInTheTableAndTheCsv() throws IOException
    {
        JournalFixture.create(directory)
            .newOrder(1, JournalFixture.AAPL, ClientOrderIds.encode("U1"), Side.SELL, "190.01", 100)
            .cancel(1, 1, ClientOrderIds.encode("K1"))
            .close();
        final Path csv = directory.resolveSibling(directory.getFileName() + "-letters.csv");

        assertThat(run("project", "orders", "--owner", "1", "--journal", directory.toString())).as(console.err())
            .isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out())
            .containsPattern("1 +U1 +AAPL +SELL +CANCELLED .* ACCEPTED +190\\.0100 +100 +100 +U1 +LIMIT GTC")
            .containsPattern("CANCELLED +100 +0 +K1 +USER_REQUESTED")
            .doesNotContain(Long.toString(ClientOrderIds.encode("U1")), Long.toString(ClientOrderIds.encode("K1")));

        assertThat(run("project", "orders", "--owner", "1", "--journal", directory.toString(), "--csv", csv.toString()))
            .isEqualTo(TesseraMain.EXIT_OK);
        assertThat(Files.readAllLines(csv).subList(1, 3)).containsExactly(
            "1,U1,AAPL,SELL,CANCELLED,2026-11-22T05:30:01.000000000Z,1,ACCEPTED,190.0100,100,100,,U1,LIMIT GTC,1",
            "1,U1,AAPL,SELL,CANCELLED,2026-11-22T05:30:02.000000000Z,2,CANCELLED,,100,0,,K1,USER_REQUESTED,1");
        Files.delete(csv);
    }

    @Test
    void shouldShowOneOrdersLife()
    {
        assertThat(run("project", "orders", "--owner", "1", "--order", "1", "--journal", scripted()))
            .isEqualTo(TesseraMain.EXIT_OK);

        assertThat(console.out())
            .containsPattern("1 +11 +AAPL +SELL +CANCELLED .* ACCEPTED +190\\.0100 +100 +100 ")
            .containsPattern("FILL +190\\.0100 +40 +60 +2 +11 +partly filled")
            .containsPattern("CANCELLED +60 +0 +12 +USER_REQUESTED");
        assertThat(run("project", "orders", "--owner", "1", "--order", "-3", "--journal", directory.toString()))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("--order must not be negative, got -3");
        assertThat(run("project", "orders", "--owner", "7", "--journal", directory.toString())).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("order audit of owner 7 rebuilt from scratch: 6 records", "0 rows",
            "nothing to show");
    }

    /**
     * The whole venue's audit in one file (QA 134 O6): without --owner, every owner's orders, by owner (here not the
     * journal's order), each row naming its owner; --order alone finds the order whoever owns it.
     */
    @Test
    void shouldWriteEveryOwnersOrdersByOwnerWithoutOwnerAndFindAnyOwnersOrder() throws IOException
    {
        JournalFixture.create(directory)
            .newOrder(2, JournalFixture.AAPL, 21, Side.BUY, "189.00", 10)     // order 1
            .newOrder(1, JournalFixture.AAPL, 11, Side.SELL, "191.00", 10)    // order 2
            .newOrder(2, JournalFixture.AAPL, 22, Side.BUY, "188.00", 10)     // order 3
            .close();
        final Path csv = directory.resolveSibling(directory.getFileName() + "-venue.csv");

        assertThat(run("project", "orders", "--journal", directory.toString(), "--csv", csv.toString())).as(console.err())
            .isEqualTo(TesseraMain.EXIT_OK);

        assertThat(console.out()).contains("order audit rebuilt from scratch: 3 records", "3 rows");
        assertThat(Files.readAllLines(csv).subList(1, 4)).containsExactly(
            "2,11,AAPL,SELL,OPEN,2026-11-22T05:30:02.000000000Z,2,ACCEPTED,191.0000,10,10,,11,LIMIT GTC,1",
            "1,21,AAPL,BUY,OPEN,2026-11-22T05:30:01.000000000Z,1,ACCEPTED,189.0000,10,10,,21,LIMIT GTC,2",
            "3,22,AAPL,BUY,OPEN,2026-11-22T05:30:03.000000000Z,3,ACCEPTED,188.0000,10,10,,22,LIMIT GTC,2");

        assertThat(run("project", "orders", "--order", "3", "--journal", directory.toString(), "--csv", csv.toString()))
            .isEqualTo(TesseraMain.EXIT_OK);
        assertThat(Files.readAllLines(csv)).hasSize(2).last().asString().startsWith("3,22,AAPL,BUY,OPEN,").endsWith(",2");
        assertThat(run("project", "orders", "--owner", "1", "--order", "3", "--journal", directory.toString()))
            .isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).as("another owner's order").contains("nothing to show");
        Files.delete(csv);
    }

    @Test
    void shouldCountEveryTradeOfARandomFlow() throws IOException
    {
        final JournalFixture fixture = JournalFixture.create(directory).random(5, 2_000).close();
        final Path csv = directory.resolveSibling(directory.getFileName() + "-tape.csv");

        assertThat(run("project", "trades", "--journal", directory.toString(), "--csv", csv.toString()))
            .isEqualTo(TesseraMain.EXIT_OK);

        final List<String> rows = Files.readAllLines(csv).subList(1, (int)fixture.tally().trades + 1);
        assertThat(Files.readAllLines(csv)).hasSize((int)fixture.tally().trades + 1);
        final long volume = rows.stream().mapToLong(row -> Long.parseLong(row.split(",")[3])).sum();
        assertThat(volume).isEqualTo(fixture.tally().volumeByInstrument[1] + fixture.tally().volumeByInstrument[2] +
            fixture.tally().volumeByInstrument[3]);
        Files.delete(csv);
    }
}

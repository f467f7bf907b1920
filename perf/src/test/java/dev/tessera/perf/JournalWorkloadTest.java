package dev.tessera.perf;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.journal.JournalInstruments;
import dev.tessera.lobster.LobsterCommandSource;
import dev.tessera.lobster.LobsterFile;
import dev.tessera.lobster.LobsterImport;
import dev.tessera.lobster.LobsterTime;
import dev.tessera.perf.ExportCounts.Rewrite;
import dev.tessera.perf.ExportCounts.Skip;
import dev.tessera.perf.workload.Workload;
import dev.tessera.simulation.CommandSource;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalWorkloadTest
{
    private static final int X = 1;
    private static final int Y = 2;
    private static final List<InstrumentConfig> INSTRUMENTS = List.of(
        new InstrumentConfig("X", X, 2, 1, 1, 1, 1_000_000, 10_000, 0, SelfTradePrevention.NONE),
        new InstrumentConfig("Y", Y, 2, 1, 1, 1, 1_000_000, 20_000, 0, SelfTradePrevention.NONE));
    private static final long UNCHANGED = CommandEncoder.UNCHANGED;

    /**
     * Instrument X: every kind of command the conversion maps, rewrites or drops, and three the recording
     * rejected; instrument Y: two commands. Engine order ids are assigned in order from 1.
     */
    private static void recordMixedFlow(final Path directory)
    {
        try (RecordedJournal journal = new RecordedJournal(directory, INSTRUMENTS))
        {
            journal.limit(1, X, 1, Side.SELL, TimeInForce.GTC, 10_010, 100);
            journal.limit(1, X, 2, Side.SELL, TimeInForce.DAY, 10_020, 50);
            journal.limit(2, X, 1, Side.BUY, TimeInForce.IOC, 10_015, 30);
            journal.limit(3, Y, 1, Side.BUY, TimeInForce.GTC, 20_000, 10);
            journal.record((e, b, seq, time) -> e.newOrder(b, 0, seq, time, 2, X, 2, Side.BUY, OrderType.MARKET,
                TimeInForce.IOC, false, 0, 10));
            journal.limit(2, X, 3, Side.BUY, TimeInForce.FOK, 10_010, 5);
            journal.record((e, b, seq, time) -> e.newOrder(b, 0, seq, time, 3, X, 2, Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, true, 9_990, 20));
            journal.replace(1, 2, 3, 10_030, UNCHANGED);
            journal.replace(1, 3, 4, UNCHANGED, 40);
            journal.replace(1, 4, 5, 10_040, 45);
            journal.cancel(1, 1, 0, 99);
            journal.cancel(2, 0, 1, 98);
            journal.limit(1, X, 5, Side.SELL, TimeInForce.GTC, 10_050, 10);
            journal.record((e, b, seq, time) -> e.massCancel(b, 0, seq, time, 1, 97, X));
            journal.replace(1, 5, 6, UNCHANGED, 30);
            journal.limit(2, X, 4, Side.BUY, TimeInForce.GTC, 10_000, 10);
            journal.replace(2, 4, 8, 10_000, 10);
            journal.replace(2, 8, 7, UNCHANGED, 20);
            journal.cancel(3, 0, 1, 96);
            journal.record((e, b, seq, time) -> e.endOfDay(b, 0, seq, time, X));
            journal.record((e, b, seq, time) -> e.endOfDay(b, 0, seq, time, Y));
        }
    }

    @Test
    void shouldMapWhatExchangeCoreCanExpressAndCountWhatItDrops(@TempDir final Path dir)
    {
        recordMixedFlow(dir);
        final JournalWorkload.Conversion conversion = JournalWorkload.convert(dir, "1");
        final Workload workload = conversion.workload();

        final ExportCounts counts = conversion.counts();
        assertThat(counts.skipped(Skip.MARKET)).isEqualTo(1);
        assertThat(counts.skipped(Skip.FOK)).isEqualTo(1);
        assertThat(counts.skipped(Skip.POST_ONLY)).isEqualTo(1);
        assertThat(counts.skipped(Skip.MASS_CANCEL)).isEqualTo(1);
        assertThat(counts.skipped(Skip.END_OF_DAY)).as("the end of day of X; Y's is not about X").isEqualTo(1);
        assertThat(counts.skipped(Skip.UNCHANGED)).as("the rename to client order id 8").isEqualTo(1);
        assertThat(counts.skipped(Skip.REJECTED_WHEN_RECORDED)).as("a late cancel, a duplicate id, a replace of a " +
            "mass-cancelled order").isEqualTo(3);
        assertThat(counts.skippedTotal()).isEqualTo(9);
        assertThat(counts.rewritten(Rewrite.DAY_AS_GTC)).isEqualTo(1);
        assertThat(counts.rewritten(Rewrite.BY_ORDER_ID)).isEqualTo(1);
        assertThat(counts.rewritten(Rewrite.REPLACE_AS_CANCEL_AND_PLACE)).isEqualTo(2);
        assertThat(counts.rewritten(Rewrite.REPLACE_TO_FILLED_AS_CANCEL)).isZero();

        assertThat(workload.instrumentId()).isEqualTo(X);
        assertThat(workload.prologueCount()).isZero();
        assertThat(kinds(workload)).containsExactly(
            Workload.PLACE, Workload.PLACE, Workload.PLACE,      // o1 c1, o1 c2 (DAY), o2 c1 IOC: one trade
            Workload.MOVE, Workload.REDUCE,                     // o1 c2 -> c3 -> c4
            Workload.CANCEL, Workload.PLACE,                    // o1 c4 -> c5 at a new price and quantity
            Workload.CANCEL,                                    // o1 c1 by its engine order id
            Workload.PLACE, Workload.CANCEL, Workload.PLACE,     // o2 c4, then (as c8, unchanged) -> c7 with more
            Workload.CANCEL, Workload.CANCEL);                  // the restoring tail: o1 c5, o2 c7
        assertThat(conversion.restoringCancels()).isEqualTo(2);

        assertThat(workload.timeInForce(1)).as("DAY as GTC").isEqualTo(Workload.GTC);
        assertThat(workload.timeInForce(2)).isEqualTo(Workload.IOC);
        assertThat(workload.price(3)).isEqualTo(10_030);
        assertThat(workload.orderKey(3)).isEqualTo(workload.orderKey(1));
        assertThat(workload.origClientOrderId(4)).isEqualTo(3);
        assertThat(workload.clientOrderId(4)).isEqualTo(4);
        assertThat(workload.quantity(4)).as("reduce: the new total").isEqualTo(40);
        assertThat(workload.reduceBy(4)).isEqualTo(10);
        assertThat(workload.orderKey(5)).isEqualTo(workload.orderKey(1));
        assertThat(workload.origClientOrderId(5)).isEqualTo(4);
        assertThat(workload.orderKey(6)).as("re-entered under a key of its own").isNotIn(workload.orderKey(0),
            workload.orderKey(1), workload.orderKey(2));
        assertThat(workload.clientOrderId(6)).isEqualTo(5);
        assertThat(workload.price(6)).isEqualTo(10_040);
        assertThat(workload.quantity(6)).isEqualTo(45);
        assertThat(workload.orderKey(7)).as("the cancel by engine order id 1").isEqualTo(workload.orderKey(0));
        assertThat(workload.origClientOrderId(7)).isEqualTo(1);
        assertThat(workload.origClientOrderId(9)).as("the rename was dropped: Tessera still knows c4").isEqualTo(4);
        assertThat(workload.clientOrderId(10)).isEqualTo(7);
        assertThat(workload.quantity(10)).isEqualTo(20);
        for (int i = 0; i < workload.length(); i++)
        {
            assertThat(workload.price(i)).as("instrument Y's price").isNotEqualTo(20_000);
        }

        // The market and FOK orders traded in the recording; the workload does without them.
        assertThat(conversion.recordedTrades()).isEqualTo(3);
        assertThat(conversion.tradesPerPass()).isEqualTo(1);
        assertThat(conversion.pathKept()).isFalse();
        assertThat(workload.description()).contains("instrument id 1: 18 of 21 records", "market 1", "FOK 1", "end of day 1",
            "rejected when recorded 3", "DAY as GTC 1", "replace as cancel + place 2", "11 workload commands + 2 restoring cancels",
            "1 trades per pass, recorded 3 (-2)");
        assertThat(runTwoPasses(conversion)).containsExactly(1L, 1L);
    }

    /**
     * Instrument X, nothing dropped that changes the path: a quantity raised on a partly filled order (re-entered
     * with its leaves, its later reduce counted from there), a replace to less than filled, a DAY order, a cancel
     * by order id, a price and quantity replace that then trades, and a late cancel the recording rejected.
     */
    @Test
    void shouldMakeExactlyTheRecordedTradesWhenNothingThatChangesThePathIsDropped(@TempDir final Path dir)
    {
        try (RecordedJournal journal = new RecordedJournal(dir, INSTRUMENTS))
        {
            journal.limit(1, X, 1, Side.SELL, TimeInForce.GTC, 10_010, 100);
            journal.limit(2, X, 1, Side.BUY, TimeInForce.IOC, 10_010, 30);
            journal.replace(1, 1, 2, UNCHANGED, 150);
            journal.limit(2, X, 2, Side.BUY, TimeInForce.IOC, 10_010, 50);
            journal.replace(1, 2, 3, UNCHANGED, 100);
            journal.limit(2, X, 3, Side.BUY, TimeInForce.IOC, 10_010, 20);
            journal.limit(1, X, 10, Side.SELL, TimeInForce.DAY, 10_050, 40);
            journal.limit(2, X, 4, Side.BUY, TimeInForce.IOC, 10_050, 25);
            journal.replace(1, 10, 11, UNCHANGED, 20);
            journal.limit(1, X, 20, Side.SELL, TimeInForce.GTC, 10_060, 10);
            journal.limit(1, X, 21, Side.BUY, TimeInForce.GTC, 10_000, 10);
            final long orderId = journal.engine().lastOrderId();
            journal.cancel(1, orderId, 0, 30);
            journal.replace(1, 20, 22, 10_070, 15);
            journal.limit(2, X, 5, Side.BUY, TimeInForce.GTC, 10_080, 5);
            journal.cancel(2, 0, 5, 31);
        }
        final JournalWorkload.Conversion conversion = JournalWorkload.convert(dir, JournalWorkload.BUSIEST);
        final Workload workload = conversion.workload();

        assertThat(conversion.pathKept()).isTrue();
        assertThat(conversion.recordedTrades()).isEqualTo(5);
        assertThat(conversion.tradesPerPass()).isEqualTo(conversion.recordedTrades());
        assertThat(workload.description()).endsWith("5 trades per pass, as recorded");
        final ExportCounts counts = conversion.counts();
        assertThat(counts.skippedTotal()).isEqualTo(counts.skipped(Skip.REJECTED_WHEN_RECORDED)).isEqualTo(1);
        assertThat(counts.rewritten(Rewrite.DAY_AS_GTC)).isEqualTo(1);
        assertThat(counts.rewritten(Rewrite.BY_ORDER_ID)).isEqualTo(1);
        assertThat(counts.rewritten(Rewrite.REPLACE_AS_CANCEL_AND_PLACE)).isEqualTo(2);
        assertThat(counts.rewritten(Rewrite.REPLACE_TO_FILLED_AS_CANCEL)).isEqualTo(1);
        // The raise re-entered the order with its leaves, 120; the recording's total 100 is 70 for it, 50 off.
        assertThat(workload.kind(3)).isEqualTo(Workload.PLACE);
        assertThat(workload.quantity(3)).isEqualTo(120);
        assertThat(workload.kind(5)).isEqualTo(Workload.REDUCE);
        assertThat(workload.quantity(5)).isEqualTo(70);
        assertThat(workload.reduceBy(5)).isEqualTo(50);
        assertThat(conversion.restoringCancels()).as("what is left of c22").isEqualTo(1);
        assertThat(runTwoPasses(conversion)).containsExactly(5L, 5L);
    }

    @Test
    void shouldPickTheInstrumentWithTheMostCommandsUnlessOneIsNamed(@TempDir final Path dir)
    {
        recordMixedFlow(dir);
        assertThat(JournalWorkload.convert(dir, JournalWorkload.BUSIEST).workload().instrumentId()).isEqualTo(X);

        final JournalWorkload.Conversion other = JournalWorkload.convert(dir, "2");
        assertThat(kinds(other.workload())).containsExactly(Workload.PLACE, Workload.CANCEL);
        assertThat(other.workload().price(0)).isEqualTo(20_000);
        assertThat(other.restoringCancels()).isZero();
        assertThat(JournalWorkload.convert(dir, "Y").workload().instrumentId()).as("the journal's own symbol").isEqualTo(Y);

        // QA 113 F2: a symbol of the embedded configuration named another instrument of the journal (MSFT is id 2 there)
        assertThat(JournalWorkload.problem(dir, "MSFT"))
            .isEqualTo("--instrument MSFT is not among the journal's instruments: X (id 1), Y (id 2)");
        assertThatThrownBy(() -> JournalWorkload.convert(dir, "MSFT")).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("--instrument MSFT is not among the journal's instruments: X (id 1), Y (id 2)");
        assertThat(JournalWorkload.problem(dir, "7")).contains("--instrument 7 is not among the journal's instruments");
        assertThat(JournalWorkload.problem(dir, "2")).isNull();
        assertThat(JournalWorkload.problem(dir, JournalWorkload.BUSIEST)).isNull();
    }

    /** A journal from before it recorded its instruments names them by id alone: the embedded symbols, any id. */
    @Test
    void shouldTakeTheEmbeddedSymbolsAndAnyIdForAJournalWithoutItsInstrumentsFile(@TempDir final Path dir) throws Exception
    {
        recordMixedFlow(dir);
        Files.delete(dir.resolve(JournalInstruments.FILE));

        assertThat(JournalWorkload.convert(dir, "MSFT").workload().instrumentId())
            .as("a symbol of the embedded configuration").isEqualTo(2);
        assertThat(JournalWorkload.problem(dir, "NOPE")).isEqualTo("--instrument NOPE is not among the embedded " +
            "configuration's (the journal records no instruments.txt) instruments: AAPL (id 1), MSFT (id 2), BTC-USD (id 3)");
        assertThatThrownBy(() -> JournalWorkload.convert(dir, "7")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("holds no command of instrument 7");
    }

    /** QA 117 R3: an instrument the journal records but has no command of was a stack trace, after the results directory. */
    @Test
    void shouldSayWhenTheJournalHoldsNoCommandOfARecordedInstrument(@TempDir final Path dir)
    {
        try (RecordedJournal journal = new RecordedJournal(dir, INSTRUMENTS))
        {
            journal.limit(1, X, 1, Side.SELL, TimeInForce.GTC, 10_010, 100);
        }
        assertThat(JournalWorkload.problem(dir, "Y"))
            .isEqualTo("the journal " + dir + " holds no command of instrument Y (id 2); commands by instrument id: {1=1}");
        assertThat(JournalWorkload.problem(dir, "X")).isNull();
    }

    /** QA 113 F3: each was a stack trace from the harness, after its results directory was made. */
    @Test
    void shouldSayWhyADirectoryIsNoJournal(@TempDir final Path dir)
    {
        assertThat(JournalWorkload.problem(dir.resolve("missing"), JournalWorkload.BUSIEST))
            .isEqualTo("--journal takes a journal directory, got " + dir.resolve("missing"));
        assertThat(JournalWorkload.problem(dir, "AAPL"))
            .isEqualTo("--journal " + dir + " holds no journal (no Chronicle Queue cycle file)");
    }

    @Test
    void shouldReportTheTradesASelfTradePreventionOfTheRecordingPrevented(@TempDir final Path dir)
    {
        try (RecordedJournal journal = new RecordedJournal(dir, List.of(
            new InstrumentConfig("S", X, 2, 1, 1, 1, 1_000, 10_000, 0, SelfTradePrevention.CANCEL_INCOMING))))
        {
            journal.limit(1, X, 1, Side.SELL, TimeInForce.GTC, 10_010, 10);
            journal.limit(1, X, 2, Side.BUY, TimeInForce.IOC, 10_010, 5);
            journal.limit(2, X, 1, Side.BUY, TimeInForce.IOC, 10_010, 5);
        }
        final JournalWorkload.Conversion conversion = JournalWorkload.convert(dir, JournalWorkload.BUSIEST);
        assertThat(conversion.counts().skippedTotal()).isZero();
        assertThat(conversion.recordedTrades()).isEqualTo(1);
        assertThat(conversion.tradesPerPass()).as("the benchmark engines have no self-trade prevention").isEqualTo(2);
        assertThat(conversion.pathKept()).isFalse();
        assertThat(conversion.workload().description()).contains("recorded 1 (+1)", "prevented 1 self-trades");
        assertThat(runTwoPasses(conversion)).containsExactly(2L, 2L);
    }

    /** The first 5,000 commands of the AMZN sample day, when the samples are beside the repository. */
    @Test
    void shouldConvertTheStartOfALobsterSampleDayWithTheRecordedTrades(@TempDir final Path dir)
    {
        final Path samples = repositoryRoot().resolveSibling("shared").resolve("data").resolve("lobster");
        final Path messages = samples.resolve("AMZN_2012-06-21_34200000_57600000_message_1.csv");
        Assumptions.assumeTrue(Files.isRegularFile(messages), "no LOBSTER samples in " + samples + ": skipped");
        final InstrumentConfig amzn = new InstrumentConfig("AMZN", Y, 4, 100, 1, 1, 10_000_000, 2_200_000, 0,
            SelfTradePrevention.NONE);
        try (RecordedJournal journal = new RecordedJournal(dir, List.of(amzn));
            CommandSource source = new LobsterCommandSource(messages,
                samples.resolve("AMZN_2012-06-21_34200000_57600000_orderbook_1.csv"),
                new LobsterImport(amzn, LobsterTime.midnightEpochNanos(LobsterFile.of(messages).date())), null, false))
        {
            final UnsafeBuffer command = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
            for (int i = 0, length; i < 5_000 && (length = source.next(command)) != CommandSource.END; i++)
            {
                journal.record(command, length);
            }
        }
        final JournalWorkload.Conversion conversion = JournalWorkload.convert(dir, JournalWorkload.BUSIEST);
        assertThat(conversion.pathKept()).as(conversion.workload().description()).isTrue();
        assertThat(conversion.recordedTrades()).isPositive();
        assertThat(conversion.tradesPerPass()).isEqualTo(conversion.recordedTrades());
        assertThat(runTwoPasses(conversion)).containsExactly(conversion.tradesPerPass(), conversion.tradesPerPass());
    }

    /**
     * Sends the prologue and the body twice to a fresh Tessera engine, as a ladder does, checking after every command
     * the trades the workload expects and the path its export recorded, and at the end of each pass the empty start
     * book (every order in it, in priority order).
     *
     * @return the trades of each pass.
     */
    private static List<Long> runTwoPasses(final JournalWorkload.Conversion conversion)
    {
        final MixFeed feed = conversion.feed();
        final Workload workload = feed.workload();
        final int instrumentId = conversion.instrument().id();
        final MatchingEngine engine = new MatchingEngine(List.of(conversion.instrument()));
        final long startBook = Fingerprint.ordered(engine, instrumentId);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(CommandEncoder.MAX_COMMAND_LENGTH);
        final CommandEncoder encoder = new CommandEncoder();
        final List<Long> passes = new ArrayList<>();
        long trades = 0;
        long passStart = 0;
        final long commands = workload.prologueCount() + 2L * workload.bodyCount();
        for (long n = 0; n < commands; n++)
        {
            final int length = feed.encode(encoder, buffer, 0, n, n + 1, n);
            assertThat(engine.onCommand(buffer, 0, length)).isPositive();
            trades += RecordedJournal.trades(engine);
            assertThat(trades).as("trades after %d commands", n + 1).isEqualTo(workload.expectedTrades(n + 1));
            feed.verify(engine, n + 1);
            if ((n + 1 - workload.prologueCount()) % workload.bodyCount() == 0)
            {
                assertThat(engine.liveOrderCount()).as("live orders after a pass").isZero();
                assertThat(Fingerprint.ordered(engine, instrumentId)).as("the book after a pass").isEqualTo(startBook);
                passes.add(trades - passStart);
                passStart = trades;
            }
        }
        return passes;
    }

    private static List<Byte> kinds(final Workload workload)
    {
        final List<Byte> kinds = new ArrayList<>();
        for (int i = 0; i < workload.length(); i++)
        {
            kinds.add(workload.kind(i));
        }
        return kinds;
    }

    private static Path repositoryRoot()
    {
        Path dir = Path.of("").toAbsolutePath();
        while (dir.getParent() != null && !Files.isDirectory(dir.resolve(".mvn")))
        {
            dir = dir.getParent();
        }
        return dir;
    }
}

package dev.tessera.gateway;

import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalArchiver;
import dev.tessera.journal.SnapshotDirectory;
import dev.tessera.journal.SnapshotStore;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.ExecType;
import quickfix.field.LeavesQty;
import quickfix.field.MDEntryDate;
import quickfix.field.MDEntryPx;
import quickfix.field.MDEntrySize;
import quickfix.field.MDEntryTime;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.fix44.OrderCancelReplaceRequest;
import quickfix.fix44.OrderCancelRequest;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import static dev.tessera.gateway.QuickFixEndToEndTest.limit;
import static dev.tessera.gateway.QuickFixEndToEndTest.stringOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway starts from the newest usable snapshot and reads only the journal after it: an order
 * entered in journal cycles that were archived since is still reported right (CumQty, AvgPx,
 * LeavesQty, OrigClOrdID) by a restarted exchange, exactly as by one that never archived; start-up
 * reads only the tail; a bad snapshot makes it read the whole journal, and says so.
 */
@Timeout(120)
class GatewaySnapshotStartTest
{
    private static final long CYCLE_MILLIS = TimeUnit.MINUTES.toMillis(5);

    @TempDir
    Path directory;

    private QuickFixClients clients;

    @BeforeEach
    void clients()
    {
        clients = new QuickFixClients(directory);
    }

    private final SetTimeProvider journalTime = new SetTimeProvider(Instant.parse("2026-03-02T09:00:00Z"));
    private TestExchange exchange;

    @AfterEach
    void stop()
    {
        closeClients();
        if (exchange != null)
        {
            exchange.close();
        }
    }

    /** Orders stay when their client disconnects, so each test controls every journal record. */
    private void startExchange(final Path data, final Map<String, String> overrides)
    {
        final Map<String, String> all = new HashMap<>(overrides);
        all.put("gateway.cancelOnDisconnect", "false");
        // The snapshot rules alone: remembering done orders starts earlier still (GatewayDoneOrdersTest).
        all.putIfAbsent("gateway.doneOrders", "0");
        exchange = new TestExchange(data, all).journalTime(journalTime);
        exchange.restart();
    }

    private QuickFixClient logon(final String compId, final String password) throws Exception
    {
        return clients.logon(exchange.port(), compId, password);
    }

    private void closeClients()
    {
        clients.close();
    }

    private static Message awaitReport(final QuickFixClient client, final String clOrdId, final char execType)
        throws Exception
    {
        return client.await(m -> clOrdId.equals(stringOf(m, ClOrdID.FIELD)) && execTypeOf(m) == execType,
            Duration.ofSeconds(10));
    }

    private static char execTypeOf(final Message message)
    {
        try
        {
            return message.getChar(ExecType.FIELD);
        }
        catch (final FieldNotFound e)
        {
            return 0;
        }
    }

    /** What a client relies on in a report of an order's life. */
    private record Report(String orderId, String clOrdId, String origClOrdId, char execType, char ordStatus, String cumQty,
        String leavesQty, String avgPx)
    {
        static Report of(final Message message) throws FieldNotFound
        {
            return new Report(message.getString(OrderID.FIELD), message.getString(ClOrdID.FIELD),
                stringOf(message, OrigClOrdID.FIELD), message.getChar(ExecType.FIELD), message.getChar(OrdStatus.FIELD),
                message.getString(CumQty.FIELD), message.getString(LeavesQty.FIELD), message.getString(AvgPx.FIELD));
        }
    }

    /**
     * Seller CLIENT1 rests S1 (sell 10 @ 190.00), 3 fill at 190.00, it is replaced to S1R at 190.10 and 2 fill
     * there; the next journal cycle gets one more order; the exchange stops (its final snapshot covers that
     * order), the cycle of S1's records is archived when {@code archive}, the exchange restarts, 4 more of S1R
     * fill at 190.10 and the seller cancels the rest.
     *
     * @return the seller's reports of that last fill and of the cancel.
     */
    private List<Report> tradeRestartAndFinishAnOrderFromBeforeTheRestart(final Path data, final boolean archive)
        throws Exception
    {
        startExchange(data, Map.of("journal.rollCycle", "FIVE_MINUTELY"));
        QuickFixClient seller = logon("CLIENT1", "client1-secret");
        QuickFixClient buyer = logon("CLIENT2", "client2-secret");
        restS1AndTakeThree(seller, buyer);
        final OrderCancelReplaceRequest replace = new OrderCancelReplaceRequest(new OrigClOrdID("S1"),
            new ClOrdID("S1R"), new Side(Side.SELL), new TransactTime(LocalDateTime.now()), new OrdType(OrdType.LIMIT));
        replace.set(new Symbol("AAPL"));
        replace.set(new OrderQty(10));
        replace.set(new Price(190.10));
        seller.send(replace);
        awaitReport(seller, "S1R", ExecType.REPLACED);
        buyer.send(limit("B2", Side.BUY, 2, "190.10", TimeInForce.IMMEDIATE_OR_CANCEL));
        assertThat(Report.of(awaitReport(seller, "S1R", ExecType.TRADE)).avgPx()).isEqualTo("190.04");

        restOneInTheNextCycleAndStop(buyer, "B3");
        if (archive)
        {
            archiveTheFirstCycle(5);
        }

        journalTime.advanceMillis(CYCLE_MILLIS);
        exchange.restart();
        assertThat(exchange.log).anySatisfy(line -> assertThat(line).startsWith("gateway: 0 journal records read")
            .contains("2 live orders, from snapshot " + SnapshotDirectory.fileName(5)));
        seller = logon("CLIENT1", "client1-secret");
        buyer = logon("CLIENT2", "client2-secret");
        buyer.send(limit("B4", Side.BUY, 4, "190.10", TimeInForce.IMMEDIATE_OR_CANCEL));
        final Report fill = Report.of(awaitReport(seller, "S1R", ExecType.TRADE));
        seller.send(cancelSell("S1R", "S1C"));
        final Report cancelled = Report.of(awaitReport(seller, "S1C", ExecType.CANCELED));
        assertThat(seller.rejectsSent()).isEmpty();
        closeClients();
        exchange.stop();
        return List.of(fill, cancelled);
    }

    @Test
    void shouldReportAnOrderFromArchivedCyclesAfterARestartAsIfNothingWereArchived() throws Exception
    {
        final List<Report> archived = tradeRestartAndFinishAnOrderFromBeforeTheRestart(directory.resolve("archived"), true);
        final List<Report> kept = tradeRestartAndFinishAnOrderFromBeforeTheRestart(directory.resolve("kept"), false);

        // 3 @ 190.00 + 2 @ 190.10 + 4 @ 190.10 = 1710.60 for 9: AvgPx 190.0666..., rounded half up at 4 decimals beyond
        // the price scale
        assertThat(archived).containsExactly(
            new Report("1", "S1R", null, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, "9", "1", "190.06666667"),
            new Report("1", "S1C", "S1R", ExecType.CANCELED, OrdStatus.CANCELED, "9", "0", "190.06666667"));
        assertThat(archived).isEqualTo(kept);
    }

    /** Snapshots every 5 records: after 12 orders and a stop, the newest but one covers record 10. */
    @Test
    void shouldReadOnlyTheJournalAfterTheSnapshotAtStartUp() throws Exception
    {
        startExchange(directory.resolve("exchange"), Map.of("journal.snapshotIntervalRecords", "5",
            "journal.snapshotsToKeep", "10"));
        final QuickFixClient seller = logon("CLIENT1", "client1-secret");
        seller.send(limit("S1", Side.SELL, 10, "190.00", TimeInForce.GOOD_TILL_CANCEL));
        awaitReport(seller, "S1", ExecType.NEW);
        final QuickFixClient buyer = logon("CLIENT2", "client2-secret");
        for (int i = 1; i <= 11; i++)
        {
            buyer.send(limit("B" + i, Side.BUY, 1, i <= 3 ? "190.00" : "180.00", TimeInForce.GOOD_TILL_CANCEL));
            awaitReport(buyer, "B" + i, i <= 3 ? ExecType.TRADE : ExecType.NEW);
        }
        closeClients();
        exchange.stop();
        final Path snapshots = exchange.directory.resolve("snapshots");
        assertThat(snapshots.resolve(SnapshotDirectory.fileName(12))).exists();
        Files.delete(snapshots.resolve(SnapshotDirectory.fileName(12)));

        exchange.restart();

        assertThat(exchange.log).anySatisfy(line -> assertThat(line).startsWith("gateway: 2 journal records read")
            .contains("from snapshot " + SnapshotDirectory.fileName(10)));
        final QuickFixClient again = logon("CLIENT1", "client1-secret");
        again.send(cancelSell("S1", "S1C"));
        assertThat(Report.of(awaitReport(again, "S1C", ExecType.CANCELED)))
            .isEqualTo(new Report("1", "S1C", "S1", ExecType.CANCELED, OrdStatus.CANCELED, "3", "0", "190"));
    }

    /**
     * A snapshot of the books holds no trades, yet a market data snapshot asked with trades after a restart from one
     * carries the last trade before the restart: read from the journal before the snapshot (the ClOrdID scan's pass),
     * unless one in the journal after it, read at start-up, is newer. Trades 3 and 2 @ 190.00 (the second in the
     * record snapshot 5 covers), then 5 @ 190.00 and 1 @ 191.00 in record 6.
     */
    @Test
    void shouldPutTheLastTradeBeforeARestartInAMarketDataSnapshot() throws Exception
    {
        startExchange(directory.resolve("exchange"), Map.of("journal.snapshotIntervalRecords", "5",
            "journal.snapshotsToKeep", "10"));
        final QuickFixClient seller = logon("CLIENT1", "client1-secret");
        final QuickFixClient buyer = logon("CLIENT2", "client2-secret");
        seller.send(limit("S1", Side.SELL, 10, "190.00", TimeInForce.GOOD_TILL_CANCEL));
        awaitReport(seller, "S1", ExecType.NEW);
        buyer.send(limit("B1", Side.BUY, 3, "190.00", TimeInForce.IMMEDIATE_OR_CANCEL));
        awaitReport(buyer, "B1", ExecType.TRADE);
        seller.send(limit("S2", Side.SELL, 5, "191.00", TimeInForce.GOOD_TILL_CANCEL));
        awaitReport(seller, "S2", ExecType.NEW);
        seller.send(limit("S3", Side.SELL, 5, "192.00", TimeInForce.GOOD_TILL_CANCEL));
        awaitReport(seller, "S3", ExecType.NEW);
        buyer.send(limit("B2", Side.BUY, 2, "190.00", TimeInForce.IMMEDIATE_OR_CANCEL));
        awaitReport(buyer, "B2", ExecType.TRADE);
        buyer.send(limit("B3", Side.BUY, 6, "191.00", TimeInForce.IMMEDIATE_OR_CANCEL));
        final LocalDateTime lastTradeTime = awaitReport(buyer, "B3", ExecType.TRADE).getUtcTimeStamp(TransactTime.FIELD);
        closeClients();
        exchange.stop();
        Files.delete(exchange.directory.resolve("snapshots").resolve(SnapshotDirectory.fileName(6)));

        restartAndAssertLastTrade(5, 1, lastTradeTime);
        exchange.stop();
        restartAndAssertLastTrade(6, 2, lastTradeTime);
    }

    /**
     * Restarts from snapshot {@code snapshotRecord} (the journal after it is read at start-up), waits for the read of
     * the journal before it (its {@code scans}th), and asks for a market data snapshot with trades.
     */
    private void restartAndAssertLastTrade(final int snapshotRecord, final int scans, final LocalDateTime time)
        throws Exception
    {
        exchange.restart();
        assertThat(exchange.log).anySatisfy(line -> assertThat(line).startsWith("gateway: " + (6 - snapshotRecord) +
            " journal records read").contains("from snapshot " + SnapshotDirectory.fileName(snapshotRecord)));
        exchange.awaitLog("gateway: ClOrdIDs of", scans, Duration.ofSeconds(10));
        final QuickFixClient client = logon("CLIENT2", "client2-secret");
        final String mdReqId = "after-record-" + snapshotRecord;
        client.send(QuickFixEndToEndTest.marketDataRequest(mdReqId, SubscriptionRequestType.SNAPSHOT, "AAPL"));
        final List<Group> trades = QuickFixEndToEndTest.trades(client.await("W"));
        assertThat(trades).as("the last trade, in %s", mdReqId).hasSize(1);
        assertThat(trades.get(0).getDecimal(MDEntryPx.FIELD)).isEqualByComparingTo("191.00");
        assertThat(trades.get(0).getDecimal(MDEntrySize.FIELD)).isEqualByComparingTo("1");
        assertThat(LocalDateTime.of(trades.get(0).getUtcDateOnly(MDEntryDate.FIELD),
            trades.get(0).getUtcTimeOnly(MDEntryTime.FIELD))).isEqualTo(time);
        assertThat(client.rejectsSent()).isEmpty();
        closeClients();
    }

    @Test
    void shouldReadTheWholeJournalWithAWarningWhenNoSnapshotIsUsable() throws Exception
    {
        restAndFillFourThenStop(false);
        final Path snapshot = exchange.directory.resolve("snapshots").resolve(SnapshotDirectory.fileName(2));
        flipLastByte(snapshot);

        exchange.restart();

        assertThat(exchange.log).anySatisfy(line -> assertThat(line).contains("snapshot: WARNING skipping " + snapshot,
            "checksum mismatch"));
        assertThat(exchange.log).anySatisfy(line -> assertThat(line).isEqualTo(
            "gateway: no snapshot up to record 2 (the last one turned into reports) is usable: reading the whole journal"));
        assertThat(exchange.log).anySatisfy(line -> assertThat(line).startsWith("gateway: 2 journal records read")
            .contains("from the journal's first record"));
        final QuickFixClient again = logon("CLIENT1", "client1-secret");
        again.send(cancelSell("S1", "S1C"));
        assertThat(Report.of(awaitReport(again, "S1C", ExecType.CANCELED)))
            .isEqualTo(new Report("1", "S1C", "S1", ExecType.CANCELED, OrdStatus.CANCELED, "4", "0", "190"));
    }

    /** A fill made while the seller was away, before the snapshot the restart starts from, is still caught up. */
    @Test
    void shouldCatchUpALogonAfterTheRestartOnAReportMadeBeforeTheSnapshot() throws Exception
    {
        restAndFillFourThenStop(true);

        exchange.restart();

        assertThat(exchange.log).anySatisfy(line -> assertThat(line).startsWith("gateway: 0 journal records read")
            .contains("from snapshot " + SnapshotDirectory.fileName(2)));
        final QuickFixClient again = logon("CLIENT1", "client1-secret");
        assertThat(Report.of(awaitReport(again, "S1", ExecType.TRADE)))
            .isEqualTo(new Report("1", "S1", null, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, "4", "6", "190"));
    }

    /**
     * Snapshots every 2 records. CLIENT1 was last sent the acceptance of S2 (event 4); it is away when 4 more
     * of S1 fill (record 5). Its catch-up starts from the snapshot of record 2 (events up to 3), the newest
     * that covers only events before 5, the first that can hold a report it was not sent, and regenerates
     * the fill with the CumQty and AvgPx it was made with.
     */
    @Test
    void shouldStartACatchUpFromTheNewestSnapshotBeforeTheFirstReportWanted() throws Exception
    {
        startExchange(directory.resolve("exchange"), Map.of("journal.snapshotIntervalRecords", "2",
            "journal.snapshotsToKeep", "10"));
        final QuickFixClient seller = logon("CLIENT1", "client1-secret");
        final QuickFixClient buyer = logon("CLIENT2", "client2-secret");
        restS1AndTakeThree(seller, buyer);
        seller.send(limit("S2", Side.SELL, 1, "200.00", TimeInForce.GOOD_TILL_CANCEL));
        awaitReport(seller, "S2", ExecType.NEW);
        seller.close();
        buyer.send(limit("B2", Side.BUY, 1, "180.00", TimeInForce.GOOD_TILL_CANCEL));
        awaitReport(buyer, "B2", ExecType.NEW);
        buyer.send(limit("B3", Side.BUY, 4, "190.00", TimeInForce.IMMEDIATE_OR_CANCEL));
        awaitReport(buyer, "B3", ExecType.TRADE);

        final QuickFixClient again = logon("CLIENT1", "client1-secret");

        assertThat(Report.of(awaitReport(again, "S1", ExecType.TRADE)))
            .isEqualTo(new Report("1", "S1", null, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, "7", "3", "190"));
        assertThat(exchange.log).anySatisfy(line -> assertThat(line).isEqualTo(
            "session CLIENT1: catch-up: snapshot " + SnapshotDirectory.fileName(2) + " covers record 2 (event 3)"));
        assertThat(again.rejectsSent()).isEmpty();
    }

    /**
     * CLIENT1's S1 (sell 10 @ 190.00) and a 3-lot fill it was sent are in journal cycles that are then
     * archived. After the restart, CLIENT1 stays away while 4 more fill, and then logs on: the catch-up must
     * know S1 (from a snapshot, not from the journal's first available record, which comes after S1) to
     * report that fill with CumQty 7 and AvgPx 190; and only the journal after that snapshot is read.
     */
    @Test
    void shouldCatchUpAFillOfAnOrderFromArchivedCyclesFromASnapshot() throws Exception
    {
        startExchange(directory.resolve("exchange"), Map.of("journal.rollCycle", "FIVE_MINUTELY"));
        final QuickFixClient seller = logon("CLIENT1", "client1-secret");
        final QuickFixClient buyer = logon("CLIENT2", "client2-secret");
        restS1AndTakeThree(seller, buyer);
        restOneInTheNextCycleAndStop(buyer, "B2");
        archiveTheFirstCycle(3);

        journalTime.advanceMillis(CYCLE_MILLIS);
        exchange.restart();
        final QuickFixClient buyerAgain = logon("CLIENT2", "client2-secret");
        buyerAgain.send(limit("B3", Side.BUY, 4, "190.00", TimeInForce.IMMEDIATE_OR_CANCEL));
        awaitReport(buyerAgain, "B3", ExecType.TRADE);
        final QuickFixClient sellerAgain = logon("CLIENT1", "client1-secret");

        assertThat(Report.of(awaitReport(sellerAgain, "S1", ExecType.TRADE)))
            .isEqualTo(new Report("1", "S1", null, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, "7", "3", "190"));
        assertThat(exchange.log).anySatisfy(line -> assertThat(line)
            .isEqualTo("session CLIENT1: catch-up: WARNING the journal starts at record 3 (archived) and no usable " +
                "snapshot covers only events before 3, the first wanted: starting from snapshot " +
                SnapshotDirectory.fileName(3) + "; reports of the events before it, if any were made for this session, are not sent again"));
    }

    /**
     * Snapshots of records 4, 6 and 8 are kept (3), and the archive moves the first cycle (records 1 and 2). No kept
     * snapshot lies the done-order window before the last record reported, so none is the one the rule prefers: the
     * projection starts from the OLDEST usable one (record 4), not the newest (record 8),
     * so D1, accepted and cancelled between them, is still remembered as done: a cancel of it after the restart is
     * too late (CxlRejReason 0), not for an unknown order (1).
     */
    @Test
    void shouldStartFromTheOldestKeptSnapshotAfterAnArchiveToRememberTheMostDoneOrders() throws Exception
    {
        startExchange(directory.resolve("exchange"), Map.of("journal.rollCycle", "FIVE_MINUTELY",
            "journal.snapshotIntervalRecords", "2", "journal.snapshotsToKeep", "3", "gateway.doneOrders", "1000"));
        QuickFixClient seller = logon("CLIENT1", "client1-secret");
        rest(seller, "S1");
        rest(seller, "S2");
        journalTime.advanceMillis(CYCLE_MILLIS);
        rest(seller, "S3");
        rest(seller, "S4");
        rest(seller, "D1");
        seller.send(cancelSell("D1", "X1"));
        awaitReport(seller, "X1", ExecType.CANCELED);
        rest(seller, "S5");
        rest(seller, "S6");
        closeClients();
        exchange.stop();
        archiveTheFirstCycle(3);
        assertEachSnapshotRestoredOnceChoosingTheOldest();

        exchange.restart();
        // Snapshot 4 covers a record up to the checkpoint and carries every notional: only the done-order window
        // is not met, which the line names (no WARNING: every report is still caught up).
        assertThat(exchange.log).anySatisfy(line -> assertThat(line).startsWith("gateway: the journal starts " +
            "at record 3 (archived): starting from snapshot " + SnapshotDirectory.fileName(4) + ", the oldest kept at " +
            "or before record ").contains(" events (gateway.doneOrders) before event ",
            "is not remembered as done (a cancel or replace of it gets CxlRejReason 1, unknown order, not 0, too late)"))
            .noneMatch(line -> line.startsWith("gateway: WARNING"));
        seller = logon("CLIENT1", "client1-secret");
        seller.send(cancelSell("D1", "X2"));
        final Message reject = seller.await("9");
        assertThat(reject.getInt(CxlRejReason.FIELD)).as("D1 is known as done").isEqualTo(CxlRejReason.TOO_LATE_TO_CANCEL);
    }

    /**
     * The archived start chooses among the kept snapshots (4, 6, 8; none lies the done-order window before event 1)
     * in one walk: each is restored once, the oldest taken. It was restored two or three times, once per walk.
     */
    private void assertEachSnapshotRestoredOnceChoosingTheOldest()
    {
        final ExchangeConfig config = exchange.config(0);
        final Map<String, Integer> restores = new HashMap<>();
        final SnapshotStore counting = mapped(config, snapshot ->
        {
            restores.merge(snapshot.name(), 1, Integer::sum);
            return snapshot;
        });
        final List<String> log = new ArrayList<>();
        try (Journal journal = Journal.open(config.journal(), journalTime))
        {
            final ProjectionStart start = ProjectionStart.open(journal, config.instruments(), counting, 8, 1, 1000,
                log::add);
            start.reader.close();

            assertThat(start.from).isEqualTo("snapshot " + SnapshotDirectory.fileName(4));
        }
        assertThat(restores).as("%s", log).containsOnlyKeys(SnapshotDirectory.fileName(4),
            SnapshotDirectory.fileName(6), SnapshotDirectory.fileName(8)).allSatisfy((name, count) ->
            assertThat(count).as(name).isEqualTo(1));
        assertThat(log).filteredOn(line -> line.contains(" covers record ")).singleElement().asString()
            .startsWith("gateway: snapshot " + SnapshotDirectory.fileName(4) + " covers record 4 (event ");
    }

    /** Sell 1 @ 200.00, GTC: a record of its own, which nothing trades with. */
    private static void rest(final QuickFixClient seller, final String clOrdId) throws Exception
    {
        seller.send(limit(clOrdId, Side.SELL, 1, "200.00", TimeInForce.GOOD_TILL_CANCEL));
        awaitReport(seller, clOrdId, ExecType.NEW);
    }

    /**
     * A snapshot that verifies but lacks a partly filled order's notional (format 1, see
     * SnapshotDirectoryTest for reading one) is passed over for the whole journal, with a warning.
     */
    @Test
    void shouldReadTheWholeJournalWhenTheSnapshotLacksAFilledNotional() throws Exception
    {
        restAndFillFourThenStop(false);
        final ExchangeConfig config = exchange.config(0);
        final SnapshotStore withoutNotional = mapped(config, snapshot ->
            new SnapshotStore.Snapshot(snapshot.engine(), snapshot.position(), snapshot.name(), 1));
        final List<String> log = new ArrayList<>();

        try (Journal journal = Journal.open(config.journal(), journalTime))
        {
            final ProjectionStart start = ProjectionStart.open(journal, config.instruments(), withoutNotional, 2, 0, 0,
                log::add);
            start.reader.close();

            assertThat(start.books).isNull();
            assertThat(start.from).isEqualTo("the journal's first record");
        }
        assertThat(log).containsExactly(
            "gateway: WARNING snapshot " + SnapshotDirectory.fileName(2) + " does not carry the filled notional of 1 " +
                "partly filled order(s) (written before snapshot format 2, or since by an engine restored from such a " +
                "snapshot), which AvgPx needs; trying an older one",
            "gateway: no snapshot up to record 2 (the last one turned into reports) is usable: reading the whole journal");
    }

    /**
     * A journal shorter than the done-order window is read whole, as no snapshot can lie the window back: an expected
     * start, said as such (it read like a problem: "no snapshot ... is usable", with the snapshot right there).
     */
    @Test
    void shouldSayAJournalShorterThanTheDoneOrderWindowIsReadWhole() throws Exception
    {
        restAndFillFourThenStop(false);
        final ExchangeConfig config = exchange.config(0);
        final List<String> log = new ArrayList<>();

        try (Journal journal = Journal.open(config.journal(), journalTime))
        {
            final ProjectionStart start = ProjectionStart.open(journal, config.instruments(), mapped(config,
                UnaryOperator.identity()), 2, 4, 1_000, log::add);
            start.reader.close();

            assertThat(start.books).isNull();
            assertThat(start.from).isEqualTo("the journal's first record");
        }
        assertThat(log).containsExactly("gateway: the journal's 4 events reported so far fit in the done-order " +
            "window (gateway.doneOrders = 1,000): reading the whole journal");
    }

    /** The exchange's snapshot directory, each snapshot it loads passed through {@code map}. */
    private static SnapshotStore mapped(final ExchangeConfig config,
        final UnaryOperator<SnapshotStore.Snapshot> map)
    {
        final SnapshotDirectory snapshots = new SnapshotDirectory(config.journal().snapshotDirectory());
        return new SnapshotStore()
        {
            @Override
            public Optional<Snapshot> loadNewestValid(
                final List<InstrumentConfig> instruments, final int expectedOrders, final Consumer<String> log)
            {
                return snapshots.loadNewestValid(instruments, expectedOrders, log).map(map);
            }

            @Override
            public Optional<Snapshot> loadNewestValidBefore(final long recordSequence,
                final List<InstrumentConfig> instruments, final int expectedOrders, final Consumer<String> log)
            {
                return snapshots.loadNewestValidBefore(recordSequence, instruments, expectedOrders, log).map(map);
            }
        };
    }

    /** Records 1 and 2: CLIENT1 rests S1 (sell 10 @ 190.00), CLIENT2 takes 4 of it; then the exchange stops. */
    private void restAndFillFourThenStop(final boolean sellerAwayForTheFill) throws Exception
    {
        startExchange(directory.resolve("exchange"), Map.of());
        final QuickFixClient seller = logon("CLIENT1", "client1-secret");
        seller.send(limit("S1", Side.SELL, 10, "190.00", TimeInForce.GOOD_TILL_CANCEL));
        awaitReport(seller, "S1", ExecType.NEW);
        if (sellerAwayForTheFill)
        {
            seller.close();
        }
        final QuickFixClient buyer = logon("CLIENT2", "client2-secret");
        buyer.send(limit("B1", Side.BUY, 4, "190.00", TimeInForce.IMMEDIATE_OR_CANCEL));
        awaitReport(buyer, "B1", ExecType.TRADE);
        closeClients();
        exchange.stop();
    }

    /** The journal clock moves to the next cycle, where the buyer rests one order; then the exchange stops. */
    private void restOneInTheNextCycleAndStop(final QuickFixClient buyer, final String clOrdId) throws Exception
    {
        journalTime.advanceMillis(CYCLE_MILLIS);
        buyer.send(limit(clOrdId, Side.BUY, 1, "180.00", TimeInForce.GOOD_TILL_CANCEL));
        awaitReport(buyer, clOrdId, ExecType.NEW);
        closeClients();
        exchange.stop();
    }

    /** Archives the stopped exchange's first journal cycle, which holds S1's records. */
    private void archiveTheFirstCycle(final long firstRecordSequenceLeft)
    {
        final ExchangeConfig config = exchange.config(0);
        try (Journal journal = Journal.open(config.journal(), journalTime))
        {
            final List<String> archiveLog = new ArrayList<>();
            assertThat(JournalArchiver.archive(journal, config.journal(), config.instruments(), config.trading(), archiveLog::add))
                .as("%s", archiveLog).hasSize(1);
            assertThat(journal.firstRecordSequence()).as("S1's records are gone from the journal")
                .isEqualTo(firstRecordSequenceLeft);
        }
    }

    /** The seller rests S1 (sell 10 @ 190.00), the buyer takes 3 of it; both see their reports. */
    private static void restS1AndTakeThree(final QuickFixClient seller, final QuickFixClient buyer) throws Exception
    {
        seller.send(limit("S1", Side.SELL, 10, "190.00", TimeInForce.GOOD_TILL_CANCEL));
        awaitReport(seller, "S1", ExecType.NEW);
        buyer.send(limit("B1", Side.BUY, 3, "190.00", TimeInForce.IMMEDIATE_OR_CANCEL));
        awaitReport(seller, "S1", ExecType.TRADE);
    }

    private static OrderCancelRequest cancelSell(final String origClOrdId, final String clOrdId)
    {
        final OrderCancelRequest cancel = new OrderCancelRequest(new OrigClOrdID(origClOrdId), new ClOrdID(clOrdId),
            new Side(Side.SELL), new TransactTime(LocalDateTime.now()));
        cancel.set(new Symbol("AAPL"));
        return cancel;
    }

    private static void flipLastByte(final Path file) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(raf.length() - 1);
            final int value = raf.read();
            raf.seek(raf.length() - 1);
            raf.write(value ^ 0x10);
        }
    }
}

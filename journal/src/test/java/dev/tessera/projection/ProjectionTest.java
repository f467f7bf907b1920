package dev.tessera.projection;

import dev.tessera.engine.ClientOrderIds;
import dev.tessera.engine.codec.Side;
import dev.tessera.journal.JournalGenerations;
import dev.tessera.journal.tools.ProgressBar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ProjectionTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long NOON = ProjectionJournal.NOON_NANOS;

    @TempDir
    Path dir;

    @Test
    void shouldRebuildFromScratchWhatWasMaintainedRecordByRecord()
    {
        try (ProjectionJournal flow = new ProjectionJournal(dir.resolve("journal"));
            ProjectionHost<TradeTape> tape = new ProjectionHost<>(flow.journal(), new TradeTape());
            ProjectionHost<Candles> candles = new ProjectionHost<>(flow.journal(), new Candles(CandleInterval.parse("1s")));
            ProjectionHost<OrderAudit> audit = new ProjectionHost<>(flow.journal(), new OrderAudit()))
        {
            for (int chunk = 0; chunk < 12; chunk++)
            {
                flow.random(250);
                tape.catchUp();
                candles.catchUp();
                audit.catchUp();
            }

            final TradeTape tapeRebuilt = ProjectionHost.rebuild(flow.journal(), new TradeTape(), ProgressBar.NONE);
            final Candles candlesRebuilt = ProjectionHost.rebuild(flow.journal(),
                new Candles(CandleInterval.parse("1s")), ProgressBar.NONE);
            final OrderAudit auditRebuilt = ProjectionHost.rebuild(flow.journal(), new OrderAudit(), ProgressBar.NONE);

            assertThat(tape.serving().recordSequence()).isEqualTo(3_000).isEqualTo(tapeRebuilt.recordSequence());
            assertThat(tape.serving().size()).as("the flow trades").isGreaterThan(300);
            assertThat(tape.serving().prints()).isEqualTo(tapeRebuilt.prints());
            assertThat(candles.serving().candles()).hasSizeGreaterThan(3).isEqualTo(candlesRebuilt.candles());
            for (long owner = 1; owner <= 4; owner++)
            {
                assertThat(audit.serving().orders(owner)).isNotEmpty().isEqualTo(auditRebuilt.orders(owner));
            }
        }
    }

    @Test
    void shouldBucketTradesIntoCandlesOfTheInterval()
    {
        try (ProjectionJournal flow = new ProjectionJournal(dir.resolve("journal")))
        {
            trade(flow, NOON + 5 * SECOND, 10_000, 1);
            trade(flow, NOON + 30 * SECOND, 10_200, 2);
            trade(flow, NOON + 60 * SECOND - 1, 9_900, 3);
            trade(flow, NOON + 60 * SECOND, 10_100, 4);
            trade(flow, NOON + 190 * SECOND, 10_300, 1);

            final Candles minutes = ProjectionHost.rebuild(flow.journal(), new Candles(CandleInterval.parse("1m")),
                ProgressBar.NONE);
            final Candles fiveMinutes = ProjectionHost.rebuild(flow.journal(), new Candles(CandleInterval.parse("5m")),
                ProgressBar.NONE);

            assertThat(minutes.candles(ProjectionJournal.XYZ)).containsExactly(
                new Candle(ProjectionJournal.XYZ, NOON, 10_000, 10_200, 9_900, 9_900, 6, 3, BigInteger.valueOf(60_100)),
                new Candle(ProjectionJournal.XYZ, NOON + 60 * SECOND, 10_100, 10_100, 10_100, 10_100, 4, 1,
                    BigInteger.valueOf(40_400)),
                // no trade from 12:02 to 12:03: no candle
                new Candle(ProjectionJournal.XYZ, NOON + 180 * SECOND, 10_300, 10_300, 10_300, 10_300, 1, 1,
                    BigInteger.valueOf(10_300)));
            assertThat(fiveMinutes.candles(ProjectionJournal.XYZ)).containsExactly(
                new Candle(ProjectionJournal.XYZ, NOON, 10_000, 10_300, 9_900, 10_300, 11, 5, BigInteger.valueOf(110_800)));
            assertThat(minutes.candles(ProjectionJournal.ABC)).isEmpty();
        }
    }

    /**
     * A candle's notional and VWAP are exact (QA 134 O4): two trades whose price x quantity each fits a long (the
     * instrument's highest price sees to that) but whose sum does not, and a VWAP rounded half up to 4 decimals beyond
     * the price's, as AvgPx(6) is.
     */
    @Test
    void shouldGiveEachCandleItsExactNotionalAndVwapAlsoPastWhatALongHolds()
    {
        try (ProjectionJournal flow = new ProjectionJournal(dir.resolve("journal")))
        {
            trade(flow, NOON, 10_001, 1);                                       // 1 @ 100.01
            trade(flow, NOON + SECOND, 10_002, 2);                              // 2 @ 100.02
            trade(flow, NOON + 60 * SECOND, 9_000_000_000_000L, 1_000_000);     // 9 x 10^18 in fixed point
            trade(flow, NOON + 61 * SECOND, 9_000_000_000_000L, 1_000_000);     // and again: past 2^63 - 1
            trade(flow, NOON + 62 * SECOND, 1, 1);                              // 1 @ 0.01

            final Candles minutes = ProjectionHost.rebuild(flow.journal(), new Candles(CandleInterval.parse("1m")),
                ProgressBar.NONE);

            assertThat(minutes.candles(ProjectionJournal.XYZ)).extracting(Candle::notional)
                .containsExactly(BigInteger.valueOf(30_005), new BigInteger("18000000000000000001"));
            final ProjectionTable table = ProjectionTable.candles(minutes.candles(),
                id -> ProjectionJournal.INSTRUMENTS.stream().filter(instrument -> instrument.id() == id).findFirst());
            assertThat(table.header()).endsWith("close", "volume", "trades", "notional", "vwap");
            assertThat(table.rows()).extracting(row -> row.subList(6, row.size())).containsExactly(
                List.of("3", "2", "300.05", "100.016667"),                    // 100.0166666...: rounded up
                List.of("2000001", "3", "180000000000000000.01", "89999955000.022500"));
        }
    }

    /** Owner 1 offers, owner 2 lifts it: one trade at {@code price}, stamped {@code time}. */
    private static void trade(final ProjectionJournal flow, final long time, final long price, final long quantity)
    {
        flow.at(time).limit(1, ProjectionJournal.XYZ, time, Side.SELL, price, quantity)
            .limit(2, ProjectionJournal.XYZ, time, Side.BUY, price, quantity);
    }

    @Test
    void shouldParseCandleIntervals()
    {
        assertThat(CandleInterval.parse("1m").nanos()).isEqualTo(60 * SECOND);
        assertThat(CandleInterval.parse("15s").nanos()).isEqualTo(15 * SECOND);
        assertThat(CandleInterval.parse("1h").startOf(NOON + 3_599 * SECOND)).isEqualTo(NOON);
        assertThat(CandleInterval.parse("250ms").nanos()).isEqualTo(250_000_000L);
        assertThatThrownBy(() -> CandleInterval.parse("1 minute")).hasMessageContaining("30s, 1m");
        assertThatThrownBy(() -> CandleInterval.parse("0m")).hasMessageContaining("> 0");
    }

    @Test
    void shouldTellAWholeOrderLifeInItsAuditTrail()
    {
        try (ProjectionJournal flow = new ProjectionJournal(dir.resolve("journal")))
        {
            flow.at(NOON).limit(1, ProjectionJournal.XYZ, 11, Side.BUY, 10_000, 100)  // order 1
                .limit(2, ProjectionJournal.XYZ, 21, Side.SELL, 10_000, 30)           // order 2 fills 30 of it
                .replace(1, 1, 12, 9_990, 80)                                          // 80 in all: 50 left, priority lost
                .limit(2, ProjectionJournal.XYZ, 22, Side.SELL, 9_990, 20)            // order 3 fills 20
                .cancel(1, 1, 13)                                                      // the last 30 cancelled
                .cancel(1, 1, 14)                                                      // too late: refused
                .limit(1, ProjectionJournal.XYZ, 15, Side.BUY, -5, 10);               // rejected on entry

            final OrderAudit audit = ProjectionHost.rebuild(flow.journal(), new OrderAudit(1), ProgressBar.NONE);

            final List<OrderHistory> orders = audit.orders(1);
            assertThat(orders).hasSize(2);
            final OrderHistory life = orders.get(0);
            assertThat(life.orderId()).isEqualTo(1);
            assertThat(life.status()).isEqualTo(OrderHistory.Status.CANCELLED);
            assertThat(life.entries()).extracting(AuditEntry::kind, AuditEntry::price, AuditEntry::quantity,
                AuditEntry::leavesQuantity, AuditEntry::counterpartyOrderId, AuditEntry::clientOrderId, AuditEntry::detail)
                .containsExactly(
                    tuple(AuditEntry.Kind.ACCEPTED, 10_000L, 100L, 100L, 0L, 11L, "LIMIT GTC"),
                    tuple(AuditEntry.Kind.FILL, 10_000L, 30L, 70L, 2L, 11L, "partly filled"),
                    tuple(AuditEntry.Kind.REPLACED, 9_990L, 80L, 50L, 0L, 12L, "priority lost"),
                    tuple(AuditEntry.Kind.FILL, 9_990L, 20L, 30L, 3L, 12L, "partly filled"),
                    tuple(AuditEntry.Kind.CANCELLED, 0L, 30L, 0L, 0L, 13L, "USER_REQUESTED"),
                    tuple(AuditEntry.Kind.CANCEL_REJECTED, 0L, 0L, 0L, 0L, 14L, "UNKNOWN_ORDER"));
            assertThat(life.entries()).extracting(AuditEntry::eventSequence).isSorted();
            final OrderHistory rejected = orders.get(1);
            assertThat(rejected.status()).isEqualTo(OrderHistory.Status.REJECTED);
            assertThat(rejected.entries()).singleElement()
                .satisfies(entry -> assertThat(entry.detail()).isEqualTo("INVALID_PRICE"));
            assertThat(audit.orders(2)).as("only owner 1 followed").isEmpty();
            assertThat(audit.order(2)).isNull();
            assertThat(ProjectionHost.rebuild(flow.journal(), new OrderAudit(), ProgressBar.NONE).order(2).status())
                .isEqualTo(OrderHistory.Status.FILLED);
        }
    }

    /** The whole venue's audit (QA 134 O6): owners in ascending order, each one's orders as entered, rows naming it. */
    @Test
    void shouldListEveryOwnersOrdersByOwnerEachRowNamingItsOwner()
    {
        try (ProjectionJournal flow = new ProjectionJournal(dir.resolve("journal")))
        {
            flow.at(NOON).limit(3, ProjectionJournal.XYZ, 31, Side.BUY, 9_000, 1)
                .limit(1, ProjectionJournal.XYZ, 11, Side.BUY, 9_000, 1)
                .limit(3, ProjectionJournal.XYZ, 32, Side.BUY, 8_000, 1)
                .limit(2, ProjectionJournal.XYZ, 21, Side.BUY, -5, 1);              // rejected on entry

            final OrderAudit audit = ProjectionHost.rebuild(flow.journal(), new OrderAudit(), ProgressBar.NONE);

            assertThat(audit.orders()).extracting(OrderHistory::owner, OrderHistory::orderId, OrderHistory::clientOrderId)
                .containsExactly(tuple(1L, 2L, 11L), tuple(2L, 0L, 21L), tuple(3L, 1L, 31L), tuple(3L, 3L, 32L));
            assertThat(ProjectionHost.rebuild(flow.journal(), new OrderAudit(3), ProgressBar.NONE).orders())
                .as("built for one owner: that owner's").extracting(OrderHistory::clientOrderId).containsExactly(31L, 32L);
            final ProjectionTable table = ProjectionTable.orders(audit.orders(),
                id -> ProjectionJournal.INSTRUMENTS.stream().filter(instrument -> instrument.id() == id).findFirst());
            assertThat(table.header()).endsWith("detail", "owner");
            assertThat(table.rows()).extracting(row -> row.get(row.size() - 1)).containsExactly("1", "2", "3", "3");
        }
    }

    /**
     * A replace to the filled quantity ends the order as FIX reports it, a Replaced with OrdStatus 2 (Filled) under
     * the replace's ClOrdID: FILLED, not CANCELLED (QA 134 F1).
     */
    @Test
    void shouldShowAnOrderReplacedToItsFilledQuantityAsFilled()
    {
        try (ProjectionJournal flow = new ProjectionJournal(dir.resolve("journal")))
        {
            flow.at(NOON).limit(1, ProjectionJournal.XYZ, 11, Side.BUY, 10_000, 17)   // order 1
                .limit(2, ProjectionJournal.XYZ, 21, Side.SELL, 10_000, 13)           // order 2 fills 13 of it
                .replace(1, 1, 12, 10_000, 13)                                        // to 13: replaced to filled
                .cancel(1, 1, 13);                                                    // too late: refused

            final OrderAudit audit = ProjectionHost.rebuild(flow.journal(), new OrderAudit(1), ProgressBar.NONE);
            final OrderHistory life = audit.orders(1).get(0);
            assertThat(life.status()).isEqualTo(OrderHistory.Status.FILLED);
            assertThat(life.entries()).extracting(AuditEntry::kind, AuditEntry::quantity, AuditEntry::clientOrderId,
                AuditEntry::detail).containsExactly(
                    tuple(AuditEntry.Kind.ACCEPTED, 17L, 11L, "LIMIT GTC"),
                    tuple(AuditEntry.Kind.FILL, 13L, 11L, "partly filled"),
                    tuple(AuditEntry.Kind.CANCELLED, 4L, 12L, "REPLACED_TO_FILLED"),
                    tuple(AuditEntry.Kind.CANCEL_REJECTED, 0L, 13L, "UNKNOWN_ORDER"));
        }
    }

    /** A gateway's ClOrdIDs of letters are packed ids: the table shows the text, as journal dump does. */
    @Test
    void shouldShowClOrdIdsAsTheirTextAndAnExpiredDayOrderAsExpired()
    {
        final long u1 = ClientOrderIds.encode("U1");
        final long k1 = ClientOrderIds.encode("K1");
        try (ProjectionJournal flow = new ProjectionJournal(dir.resolve("journal")))
        {
            flow.at(NOON).dayLimit(1, ProjectionJournal.XYZ, u1, Side.BUY, 10_000, 100)   // order 1
                .replace(1, 1, k1, 10_000, 60)                                           // now K1, priority kept
                .limit(1, ProjectionJournal.XYZ, 7, Side.BUY, 9_000, 5)                  // order 2, GTC: stays
                .endOfDay();                                                             // order 1 expires

            final OrderAudit audit = ProjectionHost.rebuild(flow.journal(), new OrderAudit(1), ProgressBar.NONE);
            final List<OrderHistory> orders = audit.orders(1);
            assertThat(orders).extracting(OrderHistory::status)
                .containsExactly(OrderHistory.Status.EXPIRED, OrderHistory.Status.OPEN);
            assertThat(orders.get(0).entries()).extracting(AuditEntry::kind, AuditEntry::detail).last()
                .isEqualTo(tuple(AuditEntry.Kind.CANCELLED, "EXPIRED"));

            final ProjectionTable table = ProjectionTable.orders(orders,
                id -> ProjectionJournal.INSTRUMENTS.stream().filter(instrument -> instrument.id() == id).findFirst());
            final int clientOrder = table.header().indexOf("client_order");
            final int requestClientOrder = table.header().indexOf("request_client_order");
            final int status = table.header().indexOf("status");
            assertThat(table.rows()).extracting(row -> row.get(clientOrder), row -> row.get(requestClientOrder),
                row -> row.get(status)).containsExactly(
                    tuple("U1", "U1", "EXPIRED"),
                    tuple("U1", "K1", "EXPIRED"),
                    tuple("U1", "K1", "EXPIRED"),
                    tuple("7", "7", "OPEN"));
            final StringWriter csv = new StringWriter();
            table.writeCsv(new PrintWriter(csv));
            assertThat(csv.toString()).contains(",U1,XYZ,BUY,EXPIRED,", ",K1,EXPIRED")
                .doesNotContain(Long.toString(u1), Long.toString(k1));
        }
    }

    /**
     * A step no client asked for, the gateway's own cancel-on-disconnect (a mass cancel under ClOrdID 0), has an empty
     * request_client_order, not a ClOrdID "0" (QA 120); a client's mass cancel shows its ClOrdID.
     */
    @Test
    void shouldLeaveTheRequestClOrdIdEmptyForTheGatewaysOwnCancelOnDisconnect()
    {
        try (ProjectionJournal flow = new ProjectionJournal(dir.resolve("journal")))
        {
            flow.at(NOON).limit(1, ProjectionJournal.XYZ, 7, Side.BUY, 10_000, 100)
                .limit(1, ProjectionJournal.XYZ, 8, Side.BUY, 9_000, 100)
                .cancel(1, 2, 9)
                .limit(1, ProjectionJournal.XYZ, 10, Side.BUY, 9_000, 100)
                .massCancel(1, 0)
                .limit(1, ProjectionJournal.XYZ, 11, Side.BUY, 9_000, 100)
                .massCancel(1, ClientOrderIds.encode("MC1"));

            final OrderAudit audit = ProjectionHost.rebuild(flow.journal(), new OrderAudit(1), ProgressBar.NONE);
            final ProjectionTable table = ProjectionTable.orders(audit.orders(1),
                id -> ProjectionJournal.INSTRUMENTS.stream().filter(instrument -> instrument.id() == id).findFirst());
            final int clientOrder = table.header().indexOf("client_order");
            final int requestClientOrder = table.header().indexOf("request_client_order");
            final int status = table.header().indexOf("status");
            assertThat(table.rows()).filteredOn(row -> row.get(status).equals("CANCELLED"))
                .extracting(row -> row.get(clientOrder), row -> row.get(requestClientOrder)).containsExactly(
                    tuple("7", "7"), tuple("7", ""),
                    tuple("8", "8"), tuple("8", "9"),
                    tuple("10", "10"), tuple("10", ""),
                    tuple("11", "11"), tuple("11", "MC1"));
        }
    }

    /**
     * A tape row matches both clients' fill reports as they are (QA 134 O2): each side's ClOrdID at the trade (a replace's
     * once replaced) and the ExecID(17) of its report, with the generation of the trade's record after a cut.
     */
    @Test
    void shouldGiveATradeBothSidesClOrdIdsAndTheExecIdsOfTheirFillReports()
    {
        final Path directory = dir.resolve("journal");
        try (ProjectionJournal flow = new ProjectionJournal(directory))
        {
            flow.at(NOON).limit(1, ProjectionJournal.XYZ, ClientOrderIds.encode("S-1"), Side.SELL, 10_000, 100) // event 1
                .replace(1, 1, ClientOrderIds.encode("S-2"), 10_000, 90)                                     // event 2
                .limit(2, ProjectionJournal.XYZ, ClientOrderIds.encode("B-1"), Side.BUY, 10_000, 30);       // 3, trade 4
            // As a journal repair that cut records after record 3 would: the records from 4 on are of generation 1.
            JournalGenerations.beginAfterLostTail(directory, 4);
            flow.limit(2, ProjectionJournal.XYZ, 22, Side.BUY, 10_000, 20);                                 // 5, trade 6

            final TradeTape tape = ProjectionHost.rebuild(flow.journal(), new TradeTape(), ProgressBar.NONE);
            assertThat(tape.prints()).extracting(TradePrint::recordSequence, TradePrint::eventSequence)
                .containsExactly(tuple(3L, 4L), tuple(4L, 6L));
            final ProjectionTable table = ProjectionTable.trades(tape.prints(),
                id -> ProjectionJournal.INSTRUMENTS.stream().filter(instrument -> instrument.id() == id).findFirst(),
                JournalGenerations.read(directory));
            assertThat(table.header().subList(0, 10)).as("the columns before them stay where they were").containsExactly(
                "time", "instrument", "price", "quantity", "aggressor", "maker_order", "maker_owner", "taker_order",
                "taker_owner", "event");
            assertThat(table.header().subList(10, table.header().size()))
                .containsExactly("maker_client_order", "taker_client_order", "maker_exec_id", "taker_exec_id");
            assertThat(table.rows()).extracting(row -> row.subList(10, row.size())).containsExactly(
                List.of("S-2", "B-1", "18", "19"),
                List.of("S-2", "22", "1-26", "1-27"));
        }
    }

    @Test
    void shouldServeTheOldVersionUntilTheNewOneHasCaughtUpThenSwitch()
    {
        try (ProjectionJournal flow = new ProjectionJournal(dir.resolve("journal"));
            ProjectionHost<Candles> host = new ProjectionHost<>(flow.journal(), new Candles(CandleInterval.parse("1s"))))
        {
            flow.random(2_000);
            host.catchUp();
            final Candles blue = host.serving();
            final Candles green = new Candles(CandleInterval.parse("5s"));

            host.deploy(green);
            host.poll(100);
            assertThat(host.serving()).as("the new version is still being built").isSameAs(blue);
            assertThat(green.recordSequence()).isEqualTo(100);

            flow.random(500);  // the journal goes on while the new version catches up
            int polls = 1;
            while (host.serving() == blue)
            {
                assertThat(green.recordSequence()).as("only the caught-up version is switched to")
                    .isLessThan(blue.recordSequence());
                host.poll(100);
                polls++;
            }

            assertThat(host.serving()).isSameAs(green);
            assertThat(host.switches()).isEqualTo(1);
            assertThat(host.candidate()).isNull();
            assertThat(polls).as("built in steps, beside the serving version").isGreaterThan(20);
            host.catchUp();
            assertThat(green.recordSequence()).isEqualTo(flow.records()).isEqualTo(2_500);
            assertThat(green.candles()).isEqualTo(ProjectionHost.rebuild(flow.journal(),
                new Candles(CandleInterval.parse("5s")), ProgressBar.NONE).candles());
            flow.random(10);
            host.catchUp();
            assertThat(green.recordSequence()).as("the new version now follows the journal").isEqualTo(2_510);
        }
    }
}

package dev.tessera.gateway;

import dev.tessera.fix.MsgTypes;
import dev.tessera.journal.SnapshotDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecType;
import quickfix.field.LeavesQty;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.fix44.OrderCancelReplaceRequest;
import quickfix.fix44.OrderCancelRequest;
import quickfix.fix44.OrderStatusRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

import static dev.tessera.gateway.QuickFixEndToEndTest.limit;
import static dev.tessera.gateway.QuickFixEndToEndTest.stringOf;
import static dev.tessera.gateway.RawFixClient.TRANSACT_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cancel or replace of an order that is already done (filled, cancelled) is too late (CxlRejReason 0) with the
 * order's final OrdStatus and OrderID, not unknown; a status request gets its final state. Checked by QuickFIX/J's
 * FIX 4.4 dictionary, across a restart, by a resend, and up to the {@code gateway.doneOrders} bound.
 */
@Timeout(120)
class GatewayDoneOrdersTest
{
    @TempDir
    Path directory;

    private QuickFixClients clients;

    @BeforeEach
    void clients()
    {
        clients = new QuickFixClients(directory);
    }

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

    private void startExchange(final Map<String, String> overrides)
    {
        final Map<String, String> all = new HashMap<>(overrides);
        all.put("gateway.cancelOnDisconnect", "false"); // each test decides every journal record
        exchange = TestExchange.start(directory.resolve("exchange"), all);
    }

    private QuickFixClient logon(final String compId, final String password) throws Exception
    {
        return clients.logon(exchange.port(), compId, password);
    }

    private void closeClients()
    {
        clients.close();
    }

    @Test
    void shouldRejectACancelOrReplaceOfAFilledOrderAsTooLateWithItsFinalStatus() throws Exception
    {
        startExchange(Map.of());
        final QuickFixClient seller = logon("CLIENT1", "client1-secret");
        final QuickFixClient buyer = logon("CLIENT2", "client2-secret");
        final String orderId = fillS1(seller, buyer);

        seller.send(cancel("S1", "S1C"));
        final Message cancelReject = seller.await("9");
        assertThat(cancelReject.getInt(CxlRejReason.FIELD)).isEqualTo(CxlRejReason.TOO_LATE_TO_CANCEL);
        assertThat(cancelReject.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.FILLED);
        assertThat(cancelReject.getString(OrderID.FIELD)).isEqualTo(orderId);
        assertThat(cancelReject.getString(ClOrdID.FIELD)).isEqualTo("S1C");
        assertThat(cancelReject.getString(OrigClOrdID.FIELD)).isEqualTo("S1");
        assertThat(cancelReject.getChar(CxlRejResponseTo.FIELD)).isEqualTo(CxlRejResponseTo.ORDER_CANCEL_REQUEST);
        assertThat(cancelReject.getString(Text.FIELD)).isEqualTo("too late: the order is filled");

        seller.send(replace("S1", "S1R"));
        final Message replaceReject = seller.await("9");
        assertThat(replaceReject.getInt(CxlRejReason.FIELD)).isEqualTo(CxlRejReason.TOO_LATE_TO_CANCEL);
        assertThat(replaceReject.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.FILLED);
        assertThat(replaceReject.getString(OrderID.FIELD)).isEqualTo(orderId);
        assertThat(replaceReject.getChar(CxlRejResponseTo.FIELD))
            .isEqualTo(CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST);

        // By OrderID too; and someone else's done order stays unknown to the asker.
        final OrderCancelRequest byOrderId = cancel("S1", "S1D");
        byOrderId.set(new OrderID(orderId));
        seller.send(byOrderId);
        assertThat(seller.await("9").getInt(CxlRejReason.FIELD)).isEqualTo(CxlRejReason.TOO_LATE_TO_CANCEL);
        final OrderCancelRequest notMine = cancel("S1", "X1");
        notMine.set(new OrderID(orderId));
        buyer.send(notMine);
        final Message refused = buyer.await("9");
        assertThat(refused.getInt(CxlRejReason.FIELD)).isEqualTo(CxlRejReason.UNKNOWN_ORDER);
        assertThat(refused.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.REJECTED);
        assertThat(refused.getString(OrderID.FIELD)).isEqualTo("NONE");

        final Message statusReport = status(seller, "S1");
        assertThat(statusReport.getChar(ExecType.FIELD)).isEqualTo(ExecType.ORDER_STATUS);
        assertThat(statusReport.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.FILLED);
        assertThat(statusReport.getString(OrderID.FIELD)).isEqualTo(orderId);
        assertThat(statusReport.getDecimal(CumQty.FIELD)).isEqualByComparingTo("10");
        assertThat(statusReport.getDecimal(LeavesQty.FIELD)).isEqualByComparingTo("0");
        assertThat(statusReport.getDecimal(AvgPx.FIELD)).isEqualByComparingTo("190.00");

        assertThat(seller.rejectsSent()).isEmpty();
        assertThat(buyer.rejectsSent()).isEmpty();
    }

    @Test
    void shouldRejectACancelOfACancelledOrderAsTooLateAndANeverSeenOneAsUnknown() throws Exception
    {
        startExchange(Map.of());
        final QuickFixClient seller = logon("CLIENT1", "client1-secret");
        final String orderId = fill4OfS1(seller, logon("CLIENT2", "client2-secret"));
        seller.send(cancel("S1", "S1C"));
        assertThat(seller.await(m -> "S1C".equals(stringOf(m, ClOrdID.FIELD)), Duration.ofSeconds(10))
            .getChar(ExecType.FIELD)).isEqualTo(ExecType.CANCELED);

        seller.send(cancel("S1", "S1C2"));
        final Message tooLate = seller.await("9");
        assertThat(tooLate.getInt(CxlRejReason.FIELD)).isEqualTo(CxlRejReason.TOO_LATE_TO_CANCEL);
        assertThat(tooLate.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.CANCELED);
        assertThat(tooLate.getString(OrderID.FIELD)).isEqualTo(orderId);
        assertThat(tooLate.getString(Text.FIELD)).isEqualTo("too late: the order is cancelled");

        final Message statusReport = status(seller, "S1");
        assertThat(statusReport.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.CANCELED);
        assertThat(statusReport.getDecimal(CumQty.FIELD)).isEqualByComparingTo("4");
        assertThat(statusReport.getDecimal(LeavesQty.FIELD)).isEqualByComparingTo("0");
        assertThat(statusReport.getDecimal(OrderQty.FIELD)).isEqualByComparingTo("10");

        seller.send(cancel("NEVER", "N1"));
        final Message unknown = seller.await("9");
        assertThat(unknown.getInt(CxlRejReason.FIELD)).isEqualTo(CxlRejReason.UNKNOWN_ORDER);
        assertThat(unknown.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.REJECTED);
        assertThat(unknown.getString(OrderID.FIELD)).isEqualTo("NONE");
        assertThat(unknown.getString(Text.FIELD)).isEqualTo("unknown order");
        assertThat(seller.rejectsSent()).isEmpty();
    }

    /**
     * FIX 4.4: a cancel's ExecutionReport carries the cancel's ClOrdID (11) with the order's (41), and from then on
     * the client knows the order by the cancel's. Status and a cancel under it find the done order; so does a cancel
     * under the ClOrdID the order had, as one sent before the first cancel's answer names it.
     */
    @Test
    void shouldKnowACancelledOrderByTheCancelsClOrdId() throws Exception
    {
        startExchange(Map.of());
        final QuickFixClient seller = logon("CLIENT1", "client1-secret");
        seller.send(limit("S1", Side.SELL, 10, "190.00", TimeInForce.GOOD_TILL_CANCEL));
        final String orderId = seller.await("8").getString(OrderID.FIELD);
        seller.send(cancel("S1", "S1C"));
        final Message cancelled = seller.await(m -> "S1C".equals(stringOf(m, ClOrdID.FIELD)), Duration.ofSeconds(10));
        assertThat(cancelled.getChar(ExecType.FIELD)).isEqualTo(ExecType.CANCELED);
        assertThat(cancelled.getString(OrigClOrdID.FIELD)).isEqualTo("S1");

        final Message statusReport = status(seller, "S1C");
        assertThat(statusReport.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.CANCELED);
        assertThat(statusReport.getString(OrderID.FIELD)).isEqualTo(orderId);
        assertThat(statusReport.getString(ClOrdID.FIELD)).as("as its last report").isEqualTo("S1C");
        assertThat(statusReport.getString(OrigClOrdID.FIELD)).isEqualTo("S1");
        assertThat(statusReport.getDecimal(LeavesQty.FIELD)).isEqualByComparingTo("0");

        seller.send(cancel("S1C", "S1C2"));
        final Message tooLate = assertTooLate(seller.await("9"), OrdStatus.CANCELED, orderId);
        assertThat(tooLate.getString(ClOrdID.FIELD)).isEqualTo("S1C2");
        assertThat(tooLate.getString(OrigClOrdID.FIELD)).isEqualTo("S1C");

        seller.send(cancel("S1", "S1C3")); // as a cancel sent before S1C's answer would name it
        assertThat(assertTooLate(seller.await("9"), OrdStatus.CANCELED, orderId).getString(OrigClOrdID.FIELD))
            .as("FIX 4.4: the request's OrigClOrdID, as for a filled order").isEqualTo("S1");
        seller.send(replace("S1", "S1R"));
        final Message replaceTooLate = assertTooLate(seller.await("9"), OrdStatus.CANCELED, orderId);
        assertThat(replaceTooLate.getString(OrigClOrdID.FIELD)).isEqualTo("S1");
        assertThat(replaceTooLate.getChar(CxlRejResponseTo.FIELD))
            .isEqualTo(CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST);
        assertThat(status(seller, "S1").getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.CANCELED);
        assertThat(seller.rejectsSent()).isEmpty();
    }

    /**
     * A replace to a total at or below CumQty ends the order: reported, under the replace's ClOrdID, as FIX 4.4's
     * Appendix D has it (order qty amended to cum qty): ExecType Replaced, OrdStatus Filled, OrderQty the CumQty,
     * LeavesQty 0. Known by that ClOrdID from then on, as a filled order.
     */
    @Test
    void shouldReportAReplaceToCumQtyAsReplacedAndFilledAndKnowTheOrderByTheReplacesClOrdId() throws Exception
    {
        startExchange(Map.of());
        final QuickFixClient seller = logon("CLIENT1", "client1-secret");
        final String orderId = fill4OfS1(seller, logon("CLIENT2", "client2-secret"));
        seller.send(replace("S1", "S1R", 3, 190.00)); // below CumQty 4: amended to it
        final Message replacedToFilled = seller.await(m -> "S1R".equals(stringOf(m, ClOrdID.FIELD)),
            Duration.ofSeconds(10));
        assertThat(replacedToFilled.getChar(ExecType.FIELD)).isEqualTo(ExecType.REPLACED);
        assertThat(replacedToFilled.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.FILLED);
        assertThat(replacedToFilled.getString(OrigClOrdID.FIELD)).isEqualTo("S1");
        assertThat(replacedToFilled.getDecimal(OrderQty.FIELD)).isEqualByComparingTo("4");
        assertThat(replacedToFilled.getDecimal(CumQty.FIELD)).isEqualByComparingTo("4");
        assertThat(replacedToFilled.getDecimal(LeavesQty.FIELD)).isEqualByComparingTo("0");

        seller.send(cancel("S1R", "S1C"));
        assertTooLate(seller.await("9"), OrdStatus.FILLED, orderId);
        final Message statusReport = status(seller, "S1R");
        assertThat(statusReport.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.FILLED);
        assertThat(statusReport.getDecimal(CumQty.FIELD)).isEqualByComparingTo("4");
        assertThat(statusReport.getDecimal(OrderQty.FIELD)).isEqualByComparingTo("4");
        assertThat(seller.rejectsSent()).isEmpty();
    }

    /** After a replace the order is known by the replace's ClOrdID: filled, it is remembered under that one. */
    @Test
    void shouldKnowAReplacedOrderFilledByTheReplacesClOrdId() throws Exception
    {
        startExchange(Map.of());
        final QuickFixClient seller = logon("CLIENT1", "client1-secret");
        seller.send(limit("S1", Side.SELL, 10, "190.00", TimeInForce.GOOD_TILL_CANCEL));
        final String orderId = seller.await("8").getString(OrderID.FIELD);
        seller.send(replace("S1", "S1R", 20, 191.00));
        assertThat(seller.await(m -> "S1R".equals(stringOf(m, ClOrdID.FIELD)), Duration.ofSeconds(10))
            .getChar(ExecType.FIELD)).isEqualTo(ExecType.REPLACED);
        final QuickFixClient buyer = logon("CLIENT2", "client2-secret");
        buyer.send(limit("B1", Side.BUY, 20, "191.00", TimeInForce.IMMEDIATE_OR_CANCEL));
        assertThat(seller.await(m -> "F".equals(stringOf(m, ExecType.FIELD)), Duration.ofSeconds(10))
            .getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.FILLED);

        final Message statusReport = status(seller, "S1R");
        assertThat(statusReport.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.FILLED);
        assertThat(statusReport.getString(OrderID.FIELD)).isEqualTo(orderId);
        assertThat(statusReport.getDecimal(CumQty.FIELD)).isEqualByComparingTo("20");
        seller.send(cancel("S1R", "S1C"));
        assertTooLate(seller.await("9"), OrdStatus.FILLED, orderId);
        assertThat(seller.rejectsSent()).isEmpty();
    }

    /**
     * Snapshots after every record, a window of 4 events: S1 is filled at event 3, two more orders rest (events 4
     * and 5), and the exchange stops. The restart must start from a snapshot that ends 4 events before the last
     * one reported (record 1, event 1), not from the newest, which knows nothing of S1: the cancel then is too
     * late, as it would have been without the restart.
     */
    @Test
    void shouldRememberADoneOrderAcrossARestart() throws Exception
    {
        final Map<String, String> settings = Map.of("gateway.doneOrders", "4", "journal.snapshotIntervalRecords", "1",
            "journal.snapshotsToKeep", "20");
        startExchange(settings);
        QuickFixClient seller = logon("CLIENT1", "client1-secret");
        final QuickFixClient buyer = logon("CLIENT2", "client2-secret");
        final String orderId = fillS1(seller, buyer);
        seller.send(limit("S2", Side.SELL, 1, "200.00", TimeInForce.GOOD_TILL_CANCEL));
        seller.await(m -> "S2".equals(stringOf(m, ClOrdID.FIELD)), Duration.ofSeconds(10));
        seller.send(limit("S3", Side.SELL, 1, "201.00", TimeInForce.GOOD_TILL_CANCEL));
        seller.await(m -> "S3".equals(stringOf(m, ClOrdID.FIELD)), Duration.ofSeconds(10));
        closeClients();

        exchange.restart();

        assertThat(exchange.log).anySatisfy(line -> assertThat(line).startsWith("gateway: 3 journal records read")
            .contains("from snapshot " + SnapshotDirectory.fileName(1)));
        seller = logon("CLIENT1", "client1-secret");
        seller.send(cancel("S1", "S1C"));
        final Message tooLate = seller.await("9");
        assertThat(tooLate.getInt(CxlRejReason.FIELD)).isEqualTo(CxlRejReason.TOO_LATE_TO_CANCEL);
        assertThat(tooLate.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.FILLED);
        assertThat(tooLate.getString(OrderID.FIELD)).isEqualTo(orderId);
        assertThat(seller.rejectsSent()).isEmpty();
    }

    /** A window of 2 events: S1, filled at event 3, is forgotten by the reject at event 6, so unknown. */
    @Test
    void shouldForgetADoneOrderBeyondTheBound() throws Exception
    {
        startExchange(Map.of("gateway.doneOrders", "2"));
        final QuickFixClient seller = logon("CLIENT1", "client1-secret");
        final QuickFixClient buyer = logon("CLIENT2", "client2-secret");
        fillS1(seller, buyer);
        seller.send(limit("S2", Side.SELL, 1, "200.00", TimeInForce.GOOD_TILL_CANCEL));
        seller.await(m -> "S2".equals(stringOf(m, ClOrdID.FIELD)), Duration.ofSeconds(10));
        seller.send(limit("S3", Side.SELL, 1, "201.00", TimeInForce.GOOD_TILL_CANCEL));
        seller.await(m -> "S3".equals(stringOf(m, ClOrdID.FIELD)), Duration.ofSeconds(10));

        seller.send(cancel("S1", "S1C"));
        final Message unknown = seller.await("9");
        assertThat(unknown.getInt(CxlRejReason.FIELD)).isEqualTo(CxlRejReason.UNKNOWN_ORDER);
        assertThat(unknown.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.REJECTED);
        assertThat(seller.rejectsSent()).isEmpty();
    }

    /**
     * The too-late reject is journaled (the engine's CancelRejected) and regenerated by a resend exactly as sent,
     * also when the resend's projection starts from a snapshot: after every record here, and a window of 2 events.
     * S1 is filled at event 3, the reject is event 5: the resend starts from the snapshot of record 1 (event 1),
     * not from the newest before the reject (event 4), which knows nothing of S1.
     */
    @Test
    void shouldResendATooLateRejectExactlyAsSent() throws Exception
    {
        startExchange(Map.of("gateway.doneOrders", "2", "journal.snapshotIntervalRecords", "1",
            "journal.snapshotsToKeep", "20"));
        try (RawFixClient seller = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret");
            RawFixClient buyer = RawFixClient.loggedOn(exchange.port(), "CLIENT2", "client2-secret"))
        {
            seller.send(MsgTypes.NEW_ORDER_SINGLE, "11=S1|55=AAPL|54=2|38=10|40=2|44=190.00|59=1" + TRANSACT_TIME);
            seller.await("8");
            buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=B1|55=AAPL|54=1|38=10|40=2|44=190.00|59=3" + TRANSACT_TIME);
            seller.await(msg -> "2".equals(msg.get(39)), Duration.ofSeconds(10));
            seller.send(MsgTypes.NEW_ORDER_SINGLE, "11=S2|55=AAPL|54=2|38=1|40=2|44=200.00|59=1" + TRANSACT_TIME);
            seller.await(msg -> "S2".equals(msg.get(11)), Duration.ofSeconds(10));
            seller.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=S1|11=S1C|55=AAPL|54=2|60=20261122-08:00:00.000");
            final RawFixClient.Msg original = seller.await("9");
            assertThat(original.get(102)).isEqualTo("0");
            assertThat(original.get(39)).isEqualTo("2");

            // The snapshotter writes on its own thread: the resend must find the snapshots up to S2's record.
            final Path newestBeforeTheReject = exchange.directory.resolve("snapshots").resolve(SnapshotDirectory.fileName(3));
            final long deadlineNs = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!Files.exists(newestBeforeTheReject))
            {
                assertThat(System.nanoTime()).as("%s written", newestBeforeTheReject).isLessThan(deadlineNs);
                Thread.sleep(5);
            }
            seller.send(MsgTypes.RESEND_REQUEST, "7=" + original.seq() + "|16=" + original.seq());
            final RawFixClient.Msg resent = seller.await(msg -> "9".equals(msg.type()) && "Y".equals(msg.get(43)),
                Duration.ofSeconds(10));
            assertThat(resent.seq()).isEqualTo(original.seq());
            assertThat(RawFixClient.withoutHeader(resent)).isEqualTo(RawFixClient.withoutHeader(original));
        }
        assertThat(exchange.log).anySatisfy(line -> assertThat(line).startsWith("session CLIENT1: resend: snapshot ")
            .endsWith("covers record 1 (event 1)"));
    }

    /** S1 (sell 10 @ 190.00) rests and is filled whole by B1. @return S1's OrderID. */
    private static String fillS1(final QuickFixClient seller, final QuickFixClient buyer) throws Exception
    {
        seller.send(limit("S1", Side.SELL, 10, "190.00", TimeInForce.GOOD_TILL_CANCEL));
        final String orderId = seller.await("8").getString(OrderID.FIELD);
        buyer.send(limit("B1", Side.BUY, 10, "190.00", TimeInForce.IMMEDIATE_OR_CANCEL));
        final Message fill = seller.await(m -> "F".equals(stringOf(m, ExecType.FIELD)), Duration.ofSeconds(10));
        assertThat(fill.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.FILLED);
        return orderId;
    }

    /** S1 (sell 10 @ 190.00) rests and B1 fills 4 of it. @return S1's OrderID. */
    private static String fill4OfS1(final QuickFixClient seller, final QuickFixClient buyer) throws Exception
    {
        seller.send(limit("S1", Side.SELL, 10, "190.00", TimeInForce.GOOD_TILL_CANCEL));
        final String orderId = seller.await("8").getString(OrderID.FIELD);
        buyer.send(limit("B1", Side.BUY, 4, "190.00", TimeInForce.IMMEDIATE_OR_CANCEL));
        seller.await(m -> "F".equals(stringOf(m, ExecType.FIELD)), Duration.ofSeconds(10));
        return orderId;
    }

    /** @return {@code reject}, asserted to be too late for order {@code orderId}, done with {@code ordStatus}. */
    private static Message assertTooLate(final Message reject, final char ordStatus, final String orderId)
        throws Exception
    {
        assertThat(reject.getInt(CxlRejReason.FIELD)).isEqualTo(CxlRejReason.TOO_LATE_TO_CANCEL);
        assertThat(reject.getChar(OrdStatus.FIELD)).isEqualTo(ordStatus);
        assertThat(reject.getString(OrderID.FIELD)).isEqualTo(orderId);
        return reject;
    }

    /** OrderStatusRequest for a sell order of AAPL, and its answer. */
    private static Message status(final QuickFixClient client, final String clOrdId) throws Exception
    {
        final OrderStatusRequest status = new OrderStatusRequest(new ClOrdID(clOrdId), new Side(Side.SELL));
        status.set(new Symbol("AAPL"));
        client.send(status);
        return client.await("8");
    }

    private static OrderCancelRequest cancel(final String origClOrdId, final String clOrdId)
    {
        final OrderCancelRequest cancel = new OrderCancelRequest(new OrigClOrdID(origClOrdId), new ClOrdID(clOrdId),
            new Side(Side.SELL), new TransactTime(LocalDateTime.now()));
        cancel.set(new Symbol("AAPL"));
        return cancel;
    }

    private static OrderCancelReplaceRequest replace(final String origClOrdId, final String clOrdId)
    {
        return replace(origClOrdId, clOrdId, 20, 191.00);
    }

    /** A replace of a sell limit order of AAPL to a new total {@code orderQty} at {@code price}. */
    private static OrderCancelReplaceRequest replace(final String origClOrdId, final String clOrdId,
        final int orderQty, final double price)
    {
        final OrderCancelReplaceRequest replace = new OrderCancelReplaceRequest(new OrigClOrdID(origClOrdId),
            new ClOrdID(clOrdId), new Side(Side.SELL), new TransactTime(LocalDateTime.now()), new OrdType(OrdType.LIMIT));
        replace.set(new Symbol("AAPL"));
        replace.set(new OrderQty(orderQty));
        replace.set(new Price(price));
        return replace;
    }
}

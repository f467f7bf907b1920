package dev.tessera.gateway;

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
import quickfix.field.ExecID;
import quickfix.field.ExecInst;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MDEntryDate;
import quickfix.field.MDEntryPositionNo;
import quickfix.field.MDEntryPx;
import quickfix.field.MDEntrySize;
import quickfix.field.MDEntryTime;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MDReqRejReason;
import quickfix.field.MDUpdateAction;
import quickfix.field.MarketDepth;
import quickfix.field.MassCancelRequestType;
import quickfix.field.NoMDEntries;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.SendingTime;
import quickfix.field.Side;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.MassCancelRejectReason;
import quickfix.field.Text;
import quickfix.field.TimeInForce;
import quickfix.field.TotalAffectedOrders;
import quickfix.field.TransactTime;
import quickfix.fix44.MarketDataRequest;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelReplaceRequest;
import quickfix.fix44.OrderCancelRequest;
import quickfix.fix44.OrderMassCancelRequest;
import quickfix.fix44.OrderStatusRequest;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * QuickFIX/J, a standard FIX 4.4 engine with its data dictionary validating every message, trading
 * against the whole exchange: logon, a trade between two sessions with partial fills, cancel,
 * replace, rejects, IOC and FOK, order status, mass cancel and market data (a client keeping a book by
 * MDEntryPositionNo from the snapshot and the incremental refreshes has what a fresh snapshot shows; a snapshot asked
 * with trades carries the last one).
 */
@Timeout(120)
class QuickFixEndToEndTest
{
    @TempDir
    Path directory;

    private TestExchange exchange;
    private QuickFixClient seller;
    private QuickFixClient buyer;

    @BeforeEach
    void start() throws Exception
    {
        exchange = TestExchange.start(directory.resolve("exchange"));
        seller = QuickFixClient.logon(exchange.port(), "CLIENT1", "client1-secret", directory.resolve("qfj1"));
        buyer = QuickFixClient.logon(exchange.port(), "CLIENT2", "client2-secret", directory.resolve("qfj2"));
    }

    @AfterEach
    void stop()
    {
        if (seller != null)
        {
            seller.close();
        }
        if (buyer != null)
        {
            buyer.close();
        }
        exchange.close();
    }

    @Test
    void shouldRefuseABadPasswordAndAnUnknownCompId() throws Exception
    {
        try (QuickFixClient intruder = QuickFixClient.connect(exchange.port(), "CLIENT1", "guess",
            directory.resolve("bad"), true))
        {
            Thread.sleep(1_500);
            assertThat(intruder.isLoggedOn()).isFalse();
        }
        try (QuickFixClient stranger = QuickFixClient.connect(exchange.port(), "NOBODY", "x",
            directory.resolve("nobody"), true))
        {
            Thread.sleep(1_500);
            assertThat(stranger.isLoggedOn()).isFalse();
        }
        assertThat(exchange.log).anyMatch(line -> line.contains("logon refused for CLIENT1") &&
            line.contains("invalid username or password"));
        assertThat(seller.isLoggedOn()).as("the real CLIENT1 session is untouched").isTrue();
    }

    @Test
    void shouldTradeBetweenTwoSessionsWithPartialFills() throws Exception
    {
        seller.send(limit("S1", Side.SELL, 100, "190.00", TimeInForce.GOOD_TILL_CANCEL));
        assertThat(execType(seller.await("8"))).isEqualTo(ExecType.NEW);

        buyer.send(limit("B1", Side.BUY, 60, "190.00", TimeInForce.GOOD_TILL_CANCEL));
        final Message buyerNew = buyer.await("8");
        assertThat(execType(buyerNew)).isEqualTo(ExecType.NEW);
        final Message buyerFill = buyer.await("8");
        assertThat(execType(buyerFill)).isEqualTo(ExecType.TRADE);
        assertThat(buyerFill.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.FILLED);
        assertThat(buyerFill.getDecimal(LastQty.FIELD)).isEqualByComparingTo("60");
        assertThat(buyerFill.getDecimal(LastPx.FIELD)).isEqualByComparingTo("190");
        assertThat(buyerFill.getDecimal(CumQty.FIELD)).isEqualByComparingTo("60");
        assertThat(buyerFill.getDecimal(LeavesQty.FIELD)).isEqualByComparingTo("0");
        assertThat(buyerFill.getDecimal(AvgPx.FIELD)).isEqualByComparingTo("190");

        final Message sellerPartial = seller.await("8");
        assertThat(execType(sellerPartial)).isEqualTo(ExecType.TRADE);
        assertThat(sellerPartial.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.PARTIALLY_FILLED);
        assertThat(sellerPartial.getString(ClOrdID.FIELD)).isEqualTo("S1");
        assertThat(sellerPartial.getDecimal(LeavesQty.FIELD)).isEqualByComparingTo("40");
        assertThat(sellerPartial.getDecimal(CumQty.FIELD)).isEqualByComparingTo("60");

        buyer.send(limit("B2", Side.BUY, 50, "190.01", TimeInForce.GOOD_TILL_CANCEL));
        final Message sellerFilled = seller.await("8");
        assertThat(sellerFilled.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.FILLED);
        assertThat(sellerFilled.getDecimal(LastQty.FIELD)).isEqualByComparingTo("40");
        assertThat(sellerFilled.getDecimal(LastPx.FIELD)).as("trades at the resting order's price")
            .isEqualByComparingTo("190");
        assertThat(buyer.await("8").getChar(ExecType.FIELD)).isEqualTo(ExecType.NEW);
        final Message buyerPartial = buyer.await("8");
        assertThat(buyerPartial.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.PARTIALLY_FILLED);
        assertThat(buyerPartial.getDecimal(LeavesQty.FIELD)).isEqualByComparingTo("10");
        assertThat(buyerPartial.getString(ExecID.FIELD)).isNotEqualTo(buyerFill.getString(ExecID.FIELD));

        assertThat(seller.rejectsSent()).as("QuickFIX/J found nothing invalid").isEmpty();
        assertThat(buyer.rejectsSent()).isEmpty();
    }

    @Test
    void shouldCancelAndReplaceWithFixSemantics() throws Exception
    {
        seller.send(limit("S1", Side.BUY, 100, "189.00", TimeInForce.DAY));
        final Message accepted = seller.await("8");
        buyer.send(limit("B1", Side.SELL, 30, "189.00", TimeInForce.IMMEDIATE_OR_CANCEL));
        assertThat(seller.await("8").getDecimal(CumQty.FIELD)).isEqualByComparingTo("30");

        final OrderCancelReplaceRequest replace = new OrderCancelReplaceRequest(new OrigClOrdID("S1"), new ClOrdID("S2"),
            new Side(Side.BUY), new TransactTime(LocalDateTime.now()), new OrdType(OrdType.LIMIT));
        replace.set(new Symbol("AAPL"));
        replace.set(new OrderQty(80));
        replace.set(new Price(188.5));
        seller.send(replace);
        final Message replaced = seller.await("8");
        assertThat(execType(replaced)).isEqualTo(ExecType.REPLACED);
        assertThat(replaced.getString(ClOrdID.FIELD)).isEqualTo("S2");
        assertThat(replaced.getString(OrigClOrdID.FIELD)).isEqualTo("S1");
        assertThat(replaced.getString(OrderID.FIELD)).isEqualTo(accepted.getString(OrderID.FIELD));
        assertThat(replaced.getDecimal(OrderQty.FIELD)).as("new total").isEqualByComparingTo("80");
        assertThat(replaced.getDecimal(LeavesQty.FIELD)).as("LeavesQty = OrderQty - CumQty").isEqualByComparingTo("50");
        assertThat(replaced.getDecimal(CumQty.FIELD)).isEqualByComparingTo("30");
        assertThat(replaced.getDecimal(Price.FIELD)).isEqualByComparingTo("188.5");

        final OrderStatusRequest status = new OrderStatusRequest(new ClOrdID("S2"), new Side(Side.BUY));
        status.set(new Symbol("AAPL"));
        seller.send(status);
        final Message statusReport = seller.await("8");
        assertThat(execType(statusReport)).isEqualTo(ExecType.ORDER_STATUS);
        assertThat(statusReport.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.PARTIALLY_FILLED);
        assertThat(statusReport.getDecimal(LeavesQty.FIELD)).isEqualByComparingTo("50");

        final OrderCancelRequest cancel = new OrderCancelRequest(new OrigClOrdID("S2"), new ClOrdID("S3"),
            new Side(Side.BUY), new TransactTime(LocalDateTime.now()));
        cancel.set(new Symbol("AAPL"));
        seller.send(cancel);
        final Message cancelled = seller.await("8");
        assertThat(execType(cancelled)).isEqualTo(ExecType.CANCELED);
        assertThat(cancelled.getString(ClOrdID.FIELD)).isEqualTo("S3");
        assertThat(cancelled.getString(OrigClOrdID.FIELD)).isEqualTo("S2");
        assertThat(cancelled.getDecimal(LeavesQty.FIELD)).isEqualByComparingTo("0");
        assertThat(cancelled.getDecimal(CumQty.FIELD)).isEqualByComparingTo("30");

        seller.send(cancel); // the order is done now: too late, with its final status
        final Message cancelReject = seller.await("9");
        assertThat(cancelReject.getInt(CxlRejReason.FIELD)).isEqualTo(CxlRejReason.TOO_LATE_TO_CANCEL);
        assertThat(cancelReject.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.CANCELED);
        assertThat(cancelReject.getString(OrderID.FIELD)).isEqualTo(accepted.getString(OrderID.FIELD));
        assertThat(cancelReject.getString(ClOrdID.FIELD)).isEqualTo("S3");

        final OrderCancelRequest notMine = new OrderCancelRequest(new OrigClOrdID("B1"), new ClOrdID("X1"),
            new Side(Side.SELL), new TransactTime(LocalDateTime.now()));
        notMine.set(new Symbol("AAPL"));
        notMine.set(new OrderID(accepted.getString(OrderID.FIELD)));
        buyer.send(notMine);
        final Message refused = buyer.await("9");
        assertThat(refused.getString(Text.FIELD)).isEqualTo("unknown order");
        assertThat(seller.rejectsSent()).isEmpty();
    }

    /**
     * FIX 4.4 requires TransactTime(60) on every ExecutionReport. A status reply is no event, so its time is
     * when the gateway answered: never after its SendingTime.
     */
    @Test
    void shouldStampOrderStatusRepliesWithTheTimeOfTheReply() throws Exception
    {
        seller.send(limit("S1", Side.BUY, 100, "189.00", TimeInForce.DAY));
        final Message accepted = seller.await("8");

        final LocalDateTime before = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
        final OrderStatusRequest live = new OrderStatusRequest(new ClOrdID("S1"), new Side(Side.BUY));
        live.set(new Symbol("AAPL"));
        seller.send(live);
        final Message liveStatus = seller.await("8");
        final OrderStatusRequest unknown = new OrderStatusRequest(new ClOrdID("nobody"), new Side(Side.BUY));
        unknown.set(new Symbol("AAPL"));
        seller.send(unknown);
        final Message unknownStatus = seller.await("8");
        final LocalDateTime after = LocalDateTime.now(ZoneOffset.UTC).plusSeconds(1);

        assertThat(execType(liveStatus)).isEqualTo(ExecType.ORDER_STATUS);
        assertThat(liveStatus.getString(OrderID.FIELD)).isEqualTo(accepted.getString(OrderID.FIELD));
        assertThat(execType(unknownStatus)).isEqualTo(ExecType.ORDER_STATUS);
        assertThat(unknownStatus.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.REJECTED);
        for (final Message status : List.of(liveStatus, unknownStatus))
        {
            assertThat(status.isSetField(TransactTime.FIELD)).as("TransactTime in %s", status).isTrue();
            final LocalDateTime transactTime = status.getUtcTimeStamp(TransactTime.FIELD);
            assertThat(transactTime).isBetween(before, after)
                .isBeforeOrEqualTo(status.getHeader().getUtcTimeStamp(SendingTime.FIELD));
        }
        assertThat(liveStatus.getString(ExecID.FIELD)).as("unique per reply")
            .isNotEqualTo(unknownStatus.getString(ExecID.FIELD)).matches("S\\d+");
        assertThat(seller.rejectsSent()).as("QuickFIX/J found nothing invalid").isEmpty();
    }

    /**
     * An OrderStatusRequest names its order by ClOrdID (or OrderID) together with its Symbol and Side, which FIX 4.4
     * has it repeat from the order: a request whose Symbol or Side is not the order's names no order of the session,
     * and gets the unknown-order reply (ExecType I, OrdStatus 8, OrdRejReason 5, OrderID NONE) with Text saying
     * which field does not match, never the status of the order it half names. Live and done orders alike.
     */
    @Test
    void shouldAnswerAStatusRequestWhoseSymbolOrSideIsNotTheOrdersAsUnknownOrder() throws Exception
    {
        seller.send(limit("M1", Side.BUY, 100, "189.00", TimeInForce.DAY));
        final Message accepted = seller.await("8");
        assertThat(execType(accepted)).isEqualTo(ExecType.NEW);

        final OrderStatusRequest otherSymbol = new OrderStatusRequest(new ClOrdID("M1"), new Side(Side.BUY));
        otherSymbol.set(new Symbol("MSFT"));
        seller.send(otherSymbol);
        final Message symbolReply = seller.await("8");
        assertUnknownOrder(symbolReply, "M1", "MSFT", Side.BUY, "unknown order: Symbol(55) is not the order's symbol");

        final OrderStatusRequest otherSide = new OrderStatusRequest(new ClOrdID("M1"), new Side(Side.SELL));
        otherSide.set(new Symbol("AAPL"));
        seller.send(otherSide);
        assertUnknownOrder(seller.await("8"), "M1", "AAPL", Side.SELL, "unknown order: Side(54) is not the order's side");

        final OrderStatusRequest byOrderId = new OrderStatusRequest(new ClOrdID("M1"), new Side(Side.SELL));
        byOrderId.set(new Symbol("AAPL"));
        byOrderId.set(new OrderID(accepted.getString(OrderID.FIELD)));
        seller.send(byOrderId);
        assertUnknownOrder(seller.await("8"), "M1", "AAPL", Side.SELL, "unknown order: Side(54) is not the order's side");

        final OrderStatusRequest matching = new OrderStatusRequest(new ClOrdID("M1"), new Side(Side.BUY));
        matching.set(new Symbol("AAPL"));
        seller.send(matching);
        final Message live = seller.await("8");
        assertThat(live.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.NEW);
        assertThat(live.getString(OrderID.FIELD)).isEqualTo(accepted.getString(OrderID.FIELD));

        // Done (cancelled) and remembered: the same rule.
        final OrderCancelRequest cancel = new OrderCancelRequest(new OrigClOrdID("M1"), new ClOrdID("M2"),
            new Side(Side.BUY), new TransactTime(LocalDateTime.now()));
        cancel.set(new Symbol("AAPL"));
        seller.send(cancel);
        assertThat(execType(seller.await("8"))).isEqualTo(ExecType.CANCELED);
        final OrderStatusRequest doneOtherSymbol = new OrderStatusRequest(new ClOrdID("M2"), new Side(Side.BUY));
        doneOtherSymbol.set(new Symbol("BTC-USD"));
        seller.send(doneOtherSymbol);
        assertUnknownOrder(seller.await("8"), "M2", "BTC-USD", Side.BUY,
            "unknown order: Symbol(55) is not the order's symbol");
        final OrderStatusRequest done = new OrderStatusRequest(new ClOrdID("M2"), new Side(Side.BUY));
        done.set(new Symbol("AAPL"));
        seller.send(done);
        assertThat(seller.await("8").getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.CANCELED);
        assertThat(seller.rejectsSent()).as("QuickFIX/J found nothing invalid").isEmpty();
    }

    private static void assertUnknownOrder(final Message reply, final String clOrdId, final String symbol,
        final char side, final String text) throws FieldNotFound
    {
        assertThat(execType(reply)).as("%s", reply).isEqualTo(ExecType.ORDER_STATUS);
        assertThat(reply.getChar(OrdStatus.FIELD)).as("%s", reply).isEqualTo(OrdStatus.REJECTED);
        assertThat(reply.getInt(OrdRejReason.FIELD)).isEqualTo(OrdRejReason.UNKNOWN_ORDER);
        assertThat(reply.getString(OrderID.FIELD)).isEqualTo("NONE");
        assertThat(reply.getString(ClOrdID.FIELD)).isEqualTo(clOrdId);
        assertThat(reply.getString(Symbol.FIELD)).isEqualTo(symbol);
        assertThat(reply.getChar(Side.FIELD)).isEqualTo(side);
        assertThat(reply.getDecimal(LeavesQty.FIELD)).isEqualByComparingTo("0");
        assertThat(reply.getString(Text.FIELD)).isEqualTo(text);
    }

    /**
     * A replace's price is scaled by its Symbol's tick: MSFT's symbol on an AAPL order would have repriced it.
     * Side and OrdType cannot change. Each is refused with an OrderCancelReject carrying the order's OrderID and
     * its OrdStatus, and the order is unchanged.
     */
    @Test
    void shouldRefuseACancelOrReplaceThatContradictsTheOrder() throws Exception
    {
        seller.send(limit("C1", Side.BUY, 100, "189.00", TimeInForce.DAY));
        final Message accepted = seller.await("8");
        assertThat(execType(accepted)).isEqualTo(ExecType.NEW);
        buyer.send(limit("X1", Side.SELL, 30, "189.00", TimeInForce.IMMEDIATE_OR_CANCEL));
        assertThat(seller.await("8").getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.PARTIALLY_FILLED);

        final OrderCancelReplaceRequest otherSymbol = replace("C1", "C2", Side.BUY, OrdType.LIMIT, "MSFT", "188.50");
        seller.send(otherSymbol);
        final Message symbolReject = seller.await("9");
        assertThat(symbolReject.getString(Text.FIELD)).isEqualTo("Symbol(55) is not the order's symbol");
        assertThat(symbolReject.getChar(CxlRejResponseTo.FIELD)).isEqualTo(CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST);
        assertThat(symbolReject.getString(ClOrdID.FIELD)).isEqualTo("C2");
        // OrdStatus(39) is the order's status after the reject: it is still live, not Rejected (8), which would
        // tell the client's order management to forget an order that still rests in the book.
        assertThat(symbolReject.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.PARTIALLY_FILLED);
        assertThat(symbolReject.getString(OrderID.FIELD)).isEqualTo(accepted.getString(OrderID.FIELD));

        seller.send(replace("C1", "C3", Side.SELL, OrdType.LIMIT, "AAPL", "188.50"));
        final Message sideReject = seller.await("9");
        assertThat(sideReject.getString(Text.FIELD)).startsWith("Side(54) is not the order's side");
        assertThat(sideReject.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.PARTIALLY_FILLED);
        seller.send(replace("C1", "C4", Side.BUY, OrdType.MARKET, "AAPL", "188.50"));
        assertThat(seller.await("9").getString(Text.FIELD)).startsWith("OrdType(40) is not the order's type");

        final OrderCancelRequest cancel = new OrderCancelRequest(new OrigClOrdID("C1"), new ClOrdID("C5"),
            new Side(Side.BUY), new TransactTime(LocalDateTime.now()));
        cancel.set(new Symbol("MSFT"));
        seller.send(cancel);
        final Message cancelReject = seller.await("9");
        assertThat(cancelReject.getString(Text.FIELD)).isEqualTo("Symbol(55) is not the order's symbol");
        assertThat(cancelReject.getChar(CxlRejResponseTo.FIELD)).isEqualTo(CxlRejResponseTo.ORDER_CANCEL_REQUEST);
        assertThat(cancelReject.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.PARTIALLY_FILLED);
        assertThat(cancelReject.getString(OrderID.FIELD)).isEqualTo(accepted.getString(OrderID.FIELD));

        final OrderStatusRequest status = new OrderStatusRequest(new ClOrdID("C1"), new Side(Side.BUY));
        status.set(new Symbol("AAPL"));
        seller.send(status);
        final Message unchanged = seller.await("8");
        assertThat(unchanged.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.PARTIALLY_FILLED);
        assertThat(unchanged.getDecimal(Price.FIELD)).isEqualByComparingTo("189.00");
        assertThat(unchanged.getString(ClOrdID.FIELD)).isEqualTo("C1");

        seller.send(replace("C1", "C6", Side.BUY, OrdType.LIMIT, "AAPL", "188.50"));
        final Message replaced = seller.await("8");
        assertThat(execType(replaced)).isEqualTo(ExecType.REPLACED);
        assertThat(replaced.getDecimal(Price.FIELD)).isEqualByComparingTo("188.50");
        assertThat(seller.rejectsSent()).isEmpty();
    }

    /**
     * The engine cannot change an order's TimeInForce: a replace asking for another one (a resting GTC order
     * turned IOC, which should have cancelled its remainder) is refused, not acknowledged as Replaced with the
     * old TimeInForce kept. A replace that repeats the order's TimeInForce, or leaves it out, goes through.
     */
    @Test
    void shouldRefuseAReplaceThatChangesTheTimeInForce() throws Exception
    {
        seller.send(limit("T1", Side.BUY, 100, "189.00", TimeInForce.GOOD_TILL_CANCEL));
        assertThat(execType(seller.await("8"))).isEqualTo(ExecType.NEW);

        final OrderCancelReplaceRequest toIoc = replace("T1", "T2", Side.BUY, OrdType.LIMIT, "AAPL", "188.50");
        toIoc.set(new TimeInForce(TimeInForce.IMMEDIATE_OR_CANCEL));
        seller.send(toIoc);
        final Message refused = seller.await("9");
        assertThat(refused.getString(Text.FIELD)).startsWith("TimeInForce(59) is not the order's");
        assertThat(refused.getChar(CxlRejResponseTo.FIELD)).isEqualTo(CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST);
        assertThat(refused.getString(ClOrdID.FIELD)).isEqualTo("T2");
        assertThat(refused.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.NEW);

        final OrderStatusRequest status = new OrderStatusRequest(new ClOrdID("T1"), new Side(Side.BUY));
        status.set(new Symbol("AAPL"));
        seller.send(status);
        final Message unchanged = seller.await("8");
        assertThat(unchanged.getDecimal(Price.FIELD)).as("the order is as it was").isEqualByComparingTo("189.00");
        assertThat(unchanged.getChar(TimeInForce.FIELD)).isEqualTo(TimeInForce.GOOD_TILL_CANCEL);

        final OrderCancelReplaceRequest same = replace("T1", "T3", Side.BUY, OrdType.LIMIT, "AAPL", "188.50");
        same.set(new TimeInForce(TimeInForce.GOOD_TILL_CANCEL));
        seller.send(same);
        final Message replaced = seller.await("8");
        assertThat(execType(replaced)).isEqualTo(ExecType.REPLACED);
        assertThat(replaced.getChar(TimeInForce.FIELD)).isEqualTo(TimeInForce.GOOD_TILL_CANCEL);

        seller.send(replace("T3", "T4", Side.BUY, OrdType.LIMIT, "AAPL", "188.00"));
        final Message kept = seller.await("8");
        assertThat(execType(kept)).as("no TimeInForce: the order's is kept").isEqualTo(ExecType.REPLACED);
        assertThat(kept.getChar(TimeInForce.FIELD)).isEqualTo(TimeInForce.GOOD_TILL_CANCEL);
        assertThat(seller.rejectsSent()).isEmpty();
    }

    /**
     * Post-only (ExecInst(18)=6) is the order's, and the engine's replace carries none: a replace asking to add it
     * would have been acknowledged and then taken liquidity at its new price, one dropping it kept it. Both are
     * refused. A replace without ExecInst keeps the order's.
     */
    @Test
    void shouldRefuseAReplaceThatAddsOrDropsPostOnly() throws Exception
    {
        buyer.send(limit("O1", Side.SELL, 10, "189.50", TimeInForce.GOOD_TILL_CANCEL));
        assertThat(execType(buyer.await("8"))).isEqualTo(ExecType.NEW);
        seller.send(limit("P1", Side.BUY, 10, "189.00", TimeInForce.GOOD_TILL_CANCEL));
        assertThat(execType(seller.await("8"))).isEqualTo(ExecType.NEW);

        final OrderCancelReplaceRequest makeItPostOnly = replace("P1", "P2", Side.BUY, OrdType.LIMIT, "AAPL", "189.50");
        makeItPostOnly.set(new ExecInst("6"));
        seller.send(makeItPostOnly);
        final Message refused = seller.await("9");
        assertThat(refused.getString(Text.FIELD)).startsWith("ExecInst(18)");
        assertThat(refused.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.NEW);

        final NewOrderSingle postOnly = limit("Q1", Side.BUY, 10, "189.10", TimeInForce.GOOD_TILL_CANCEL);
        postOnly.set(new ExecInst("6"));
        seller.send(postOnly);
        final Message postOnlyNew = seller.await("8");
        assertThat(execType(postOnlyNew)).isEqualTo(ExecType.NEW);
        assertThat(postOnlyNew.getString(ExecInst.FIELD)).as("the order's instruction echoed").isEqualTo("6");
        final OrderCancelReplaceRequest dropPostOnly = replace("Q1", "Q2", Side.BUY, OrdType.LIMIT, "AAPL", "189.50");
        dropPostOnly.set(new ExecInst("E"));
        seller.send(dropPostOnly);
        // Any ExecInst but 6 is an instruction the venue does not carry out, refused as such (leave it out to keep
        // the order's post-only).
        assertThat(seller.await("9").getString(Text.FIELD)).startsWith("unsupported ExecInst(18) value E");

        seller.send(replace("Q1", "Q3", Side.BUY, OrdType.LIMIT, "AAPL", "189.50"));
        final Message stillPostOnly = seller.await("9");
        assertThat(stillPostOnly.getString(Text.FIELD)).as("no ExecInst: the order stays post-only")
            .isEqualTo("post only would take");
        seller.send(replace("Q1", "Q4", Side.BUY, OrdType.LIMIT, "AAPL", "189.20"));
        assertThat(execType(seller.await("8"))).isEqualTo(ExecType.REPLACED);
        assertThat(seller.pending()).as("nothing traded").noneMatch(message -> charOf(message, ExecType.FIELD) == ExecType.TRADE);
        assertThat(seller.rejectsSent()).isEmpty();
    }

    /**
     * An instruction the venue does not carry out (all-or-none, a minimum quantity) is refused with OrdRejReason 11,
     * never ignored, in a report QuickFIX/J's dictionary accepts; the resting order it would have traded with is
     * untouched.
     */
    @Test
    void shouldRefuseAnOrderWithAnInstructionTheVenueDoesNotCarryOut() throws Exception
    {
        buyer.send(limit("A1", Side.SELL, 2, "190.00", TimeInForce.GOOD_TILL_CANCEL));
        assertThat(execType(buyer.await("8"))).isEqualTo(ExecType.NEW);

        final NewOrderSingle allOrNone = limit("A2", Side.BUY, 5, "190.00", TimeInForce.IMMEDIATE_OR_CANCEL);
        allOrNone.set(new ExecInst("6 G"));
        seller.send(allOrNone);
        final Message refused = seller.await("8");
        assertThat(refused.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.REJECTED);
        assertThat(refused.getInt(OrdRejReason.FIELD)).isEqualTo(OrdRejReason.UNSUPPORTED_ORDER_CHARACTERISTIC);
        assertThat(refused.getString(Text.FIELD)).startsWith("unsupported ExecInst(18) value G");
        assertThat(refused.getString(ExecInst.FIELD)).isEqualTo("6 G");
        assertThat(refused.getChar(TimeInForce.FIELD)).isEqualTo(TimeInForce.IMMEDIATE_OR_CANCEL);

        final NewOrderSingle minQty = limit("A3", Side.BUY, 5, "190.00", TimeInForce.IMMEDIATE_OR_CANCEL);
        minQty.set(new quickfix.field.MinQty(5));
        seller.send(minQty);
        final Message minQtyRefused = seller.await("8");
        assertThat(minQtyRefused.getInt(OrdRejReason.FIELD)).isEqualTo(OrdRejReason.UNSUPPORTED_ORDER_CHARACTERISTIC);
        assertThat(minQtyRefused.getString(Text.FIELD)).startsWith("unsupported MinQty(110)=5");

        assertThat(seller.pending()).noneMatch(message -> charOf(message, ExecType.FIELD) == ExecType.TRADE);
        assertThat(buyer.pending()).noneMatch(message -> charOf(message, ExecType.FIELD) == ExecType.TRADE);
        assertThat(seller.rejectsSent()).isEmpty();
    }

    /**
     * MassCancelRejectReason(532) is a char in FIX 4.4: QuickFIX/J's dictionary must accept the report, which echoes
     * the Symbol it refuses.
     */
    @Test
    void shouldRejectAMassCancelForAnUnknownSymbolInAFormQuickFixAccepts() throws Exception
    {
        final OrderMassCancelRequest massCancel = new OrderMassCancelRequest(new ClOrdID("MC9"),
            new MassCancelRequestType(MassCancelRequestType.CANCEL_ORDERS_FOR_A_SECURITY),
            new TransactTime(LocalDateTime.now()));
        massCancel.set(new Symbol("NOPE"));
        seller.send(massCancel);

        final Message report = seller.await("r");
        assertThat(report.getChar(quickfix.field.MassCancelResponse.FIELD)).as("rejected").isEqualTo('0');
        assertThat(report.getChar(MassCancelRejectReason.FIELD)).as("invalid or unknown security").isEqualTo('1');
        assertThat(report.getString(Text.FIELD)).isEqualTo("unknown symbol");
        assertThat(report.getString(Symbol.FIELD)).as("echoed, as a done one's is (QA 121)").isEqualTo("NOPE");
        assertThat(seller.rejectsSent()).isEmpty();
    }

    private static OrderCancelReplaceRequest replace(final String origClOrdId, final String clOrdId, final char side,
        final char ordType, final String symbol, final String price)
    {
        final OrderCancelReplaceRequest replace = new OrderCancelReplaceRequest(new OrigClOrdID(origClOrdId),
            new ClOrdID(clOrdId), new Side(side), new TransactTime(LocalDateTime.now()), new OrdType(ordType));
        replace.set(new Symbol(symbol));
        replace.set(new OrderQty(100));
        replace.setField(new quickfix.StringField(Price.FIELD, price));
        return replace;
    }

    @Test
    void shouldRejectBadOrdersWithReasons() throws Exception
    {
        seller.send(limit("R1", Side.BUY, 10, "189.505", TimeInForce.DAY));
        final Message offTick = seller.await("8");
        assertThat(offTick.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.REJECTED);
        assertThat(offTick.getString(Text.FIELD)).contains("tick");

        final NewOrderSingle unknown = limit("R2", Side.BUY, 10, "10.00", TimeInForce.DAY);
        unknown.set(new Symbol("NOPE"));
        seller.send(unknown);
        final Message unknownSymbol = seller.await("8");
        assertThat(unknownSymbol.getString(Text.FIELD)).isEqualTo("unknown symbol");
        assertThat(unknownSymbol.getInt(OrdRejReason.FIELD)).as("as the engine's path says it")
            .isEqualTo(OrdRejReason.UNKNOWN_SYMBOL);

        seller.send(limit("R3", Side.BUY, 10, "100.00", TimeInForce.DAY));
        final Message outsideBand = seller.await("8");
        assertThat(outsideBand.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.REJECTED);
        assertThat(outsideBand.getString(Text.FIELD)).isEqualTo("price outside band");

        seller.send(limit("R4", Side.BUY, 10, "189.00", TimeInForce.DAY));
        assertThat(execType(seller.await("8"))).isEqualTo(ExecType.NEW);
        seller.send(limit("R4", Side.BUY, 10, "189.00", TimeInForce.DAY));
        final Message duplicate = seller.await("8");
        assertThat(duplicate.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.REJECTED);
        assertThat(duplicate.getInt(OrdRejReason.FIELD)).isEqualTo(OrdRejReason.DUPLICATE_ORDER);

        final NewOrderSingle postOnly = limit("R5", Side.SELL, 10, "189.00", TimeInForce.DAY);
        postOnly.set(new ExecInst("6"));
        seller.send(postOnly);
        assertThat(seller.await("8").getString(Text.FIELD)).isEqualTo("post only would take");
        assertThat(seller.rejectsSent()).isEmpty();
    }

    @Test
    void shouldCancelTheRemainderOfIocAndRefuseAnUnfillableFok() throws Exception
    {
        seller.send(limit("S1", Side.SELL, 50, "190.00", TimeInForce.GOOD_TILL_CANCEL));
        seller.await("8");

        buyer.send(limit("FOK1", Side.BUY, 80, "190.00", TimeInForce.FILL_OR_KILL));
        final Message fok = buyer.await(m -> has(m, ExecType.FIELD) && charOf(m, ExecType.FIELD) == ExecType.CANCELED,
            Duration.ofSeconds(10));
        assertThat(fok.getString(Text.FIELD)).isEqualTo("fok not fillable");
        assertThat(fok.getDecimal(CumQty.FIELD)).isEqualByComparingTo("0");

        buyer.send(limit("IOC1", Side.BUY, 80, "190.00", TimeInForce.IMMEDIATE_OR_CANCEL));
        final Message fill = buyer.await(m -> charOf(m, ExecType.FIELD) == ExecType.TRADE, Duration.ofSeconds(10));
        assertThat(fill.getDecimal(LastQty.FIELD)).isEqualByComparingTo("50");
        final Message remainder = buyer.await(m -> charOf(m, ExecType.FIELD) == ExecType.CANCELED,
            Duration.ofSeconds(10));
        assertThat(remainder.getString(ClOrdID.FIELD)).isEqualTo("IOC1");
        assertThat(remainder.getString(Text.FIELD)).isEqualTo("ioc remainder");
        assertThat(remainder.getDecimal(CumQty.FIELD)).isEqualByComparingTo("50");
        assertThat(remainder.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.CANCELED);
    }

    @Test
    void shouldMassCancelASessionsOrders() throws Exception
    {
        seller.send(limit("M1", Side.BUY, 10, "189.00", TimeInForce.GOOD_TILL_CANCEL));
        seller.send(limit("M2", Side.BUY, 10, "188.00", TimeInForce.GOOD_TILL_CANCEL));
        seller.await("8");
        seller.await("8");
        final OrderMassCancelRequest massCancel = new OrderMassCancelRequest(new ClOrdID("MC1"),
            new MassCancelRequestType(MassCancelRequestType.CANCEL_ALL_ORDERS), new TransactTime(LocalDateTime.now()));
        seller.send(massCancel);
        final Message report = seller.await("r");
        assertThat(report.getInt(TotalAffectedOrders.FIELD)).isEqualTo(2);
        assertThat(seller.await("8").getChar(ExecType.FIELD)).isEqualTo(ExecType.CANCELED);
        assertThat(seller.await("8").getChar(ExecType.FIELD)).isEqualTo(ExecType.CANCELED);
    }

    @Test
    void shouldSendASnapshotThenIncrementalMarketData() throws Exception
    {
        seller.send(limit("S1", Side.SELL, 100, "190.10", TimeInForce.GOOD_TILL_CANCEL));
        seller.await("8");

        buyer.send(marketDataRequest("md1", SubscriptionRequestType.SNAPSHOT_UPDATES));

        final Message snapshot = buyer.await("W");
        assertThat(snapshot.getString(Symbol.FIELD)).isEqualTo("AAPL");
        assertThat(snapshot.getInt(NoMDEntries.FIELD)).isEqualTo(1);
        final Group offer = snapshot.getGroup(1, NoMDEntries.FIELD);
        assertThat(offer.getChar(MDEntryType.FIELD)).isEqualTo(MDEntryType.OFFER);
        assertThat(offer.getDecimal(MDEntryPx.FIELD)).isEqualByComparingTo("190.10");
        assertThat(offer.getDecimal(MDEntrySize.FIELD)).isEqualByComparingTo("100");

        seller.send(limit("S2", Side.BUY, 30, "189.90", TimeInForce.GOOD_TILL_CANCEL));
        final Message newBid = buyer.await("X");
        final Group bid = newBid.getGroup(1, NoMDEntries.FIELD);
        assertThat(bid.getChar(MDUpdateAction.FIELD)).isEqualTo(MDUpdateAction.NEW);
        assertThat(bid.getChar(MDEntryType.FIELD)).isEqualTo(MDEntryType.BID);
        assertThat(bid.getDecimal(MDEntryPx.FIELD)).isEqualByComparingTo("189.90");

        buyer.send(limit("B1", Side.BUY, 40, "190.10", TimeInForce.IMMEDIATE_OR_CANCEL));
        final Message trade = buyer.await("X");
        final LocalDateTime tradeTime = awaitTrade(buyer, "B1").getUtcTimeStamp(TransactTime.FIELD);
        Group tradeEntry = null;
        boolean sawChange = false;
        for (int i = 1; i <= trade.getInt(NoMDEntries.FIELD); i++)
        {
            final Group entry = trade.getGroup(i, NoMDEntries.FIELD);
            if (entry.getChar(MDEntryType.FIELD) == MDEntryType.TRADE)
            {
                assertThat(tradeEntry).as("one trade entry in %s", trade).isNull();
                tradeEntry = entry;
            }
            sawChange |= entry.getChar(MDUpdateAction.FIELD) == MDUpdateAction.CHANGE &&
                entry.getDecimal(MDEntrySize.FIELD).compareTo(new BigDecimal("60")) == 0;
        }
        assertThat(tradeEntry).as("trade entry in %s", trade).isNotNull();
        assertThat(tradeEntry.getChar(MDUpdateAction.FIELD)).isEqualTo(MDUpdateAction.NEW);
        assertThat(tradeEntry.getDecimal(MDEntryPx.FIELD)).isEqualByComparingTo("190.10");
        assertThat(tradeEntry.getDecimal(MDEntrySize.FIELD)).isEqualByComparingTo("40");
        // As on the snapshot's last trade: MDEntryDate(272) and MDEntryTime(273), the time of the trade.
        assertThat(LocalDateTime.of(tradeEntry.getUtcDateOnly(MDEntryDate.FIELD),
            tradeEntry.getUtcTimeOnly(MDEntryTime.FIELD)))
            .as("the time of the trade, as its execution report's TransactTime").isEqualTo(tradeTime);
        assertThat(tradeEntry.isSetField(MDEntryPositionNo.FIELD)).as("a trade has no position in the book").isFalse();
        assertThat(sawChange).as("offer reduced to 60 in %s", trade).isTrue();
        assertThat(buyer.rejectsSent()).as("QuickFIX/J found nothing invalid").isEmpty();
    }

    @Test
    void shouldRefuseASecondSubscriptionUnderALiveMDReqIDAndAcceptTheIdAgainAfterUnsubscribing() throws Exception
    {
        buyer.send(marketDataRequest("md1", SubscriptionRequestType.SNAPSHOT_UPDATES));
        assertThat(buyer.await("W").getString(MDReqID.FIELD)).isEqualTo("md1");

        buyer.send(marketDataRequest("md1", SubscriptionRequestType.SNAPSHOT_UPDATES));
        final Message duplicate = buyer.await("Y");
        assertThat(duplicate.getString(MDReqID.FIELD)).isEqualTo("md1");
        assertThat(duplicate.getChar(MDReqRejReason.FIELD)).isEqualTo(MDReqRejReason.DUPLICATE_MDREQID);
        assertThat(duplicate.getString(Text.FIELD)).startsWith("duplicate MDReqID");
        // A snapshot alone under the live id would read as part of that subscription: refused the same way.
        buyer.send(marketDataRequest("md1", SubscriptionRequestType.SNAPSHOT));
        assertThat(buyer.await("Y").getChar(MDReqRejReason.FIELD)).isEqualTo(MDReqRejReason.DUPLICATE_MDREQID);

        // The first subscription goes on, alone: one incremental per change, no second snapshot.
        seller.send(limit("S1", Side.BUY, 30, "189.90", TimeInForce.GOOD_TILL_CANCEL));
        assertThat(buyer.await("X").getString(MDReqID.FIELD)).isEqualTo("md1");
        seller.await("8");
        Thread.sleep(300);
        assertThat(buyer.pending()).as("nothing more for one change").isEmpty();

        buyer.send(marketDataRequest("md1", SubscriptionRequestType.DISABLE_PREVIOUS_SNAPSHOT_UPDATE_REQUEST));
        // 263=2 has no answer. A snapshot asked for after it comes back once the gateway has read both (a
        // session's messages are handled in order), so the seller's next order cannot overtake the unsubscribe.
        buyer.send(marketDataRequest("probe", SubscriptionRequestType.SNAPSHOT));
        assertThat(buyer.await("W").getString(MDReqID.FIELD)).isEqualTo("probe");
        seller.send(limit("S2", Side.BUY, 30, "189.80", TimeInForce.GOOD_TILL_CANCEL));
        seller.await("8");
        Thread.sleep(300);
        assertThat(buyer.pending()).as("unsubscribed").isEmpty();

        buyer.send(marketDataRequest("md1", SubscriptionRequestType.SNAPSHOT_UPDATES));
        final Message again = buyer.await("W");
        assertThat(again.getString(MDReqID.FIELD)).isEqualTo("md1");
        assertThat(again.getInt(NoMDEntries.FIELD)).isEqualTo(2);
        seller.send(limit("S3", Side.BUY, 30, "189.70", TimeInForce.GOOD_TILL_CANCEL));
        assertThat(buyer.await("X").getString(MDReqID.FIELD)).isEqualTo("md1");
        assertThat(buyer.rejectsSent()).as("QuickFIX/J found nothing invalid").isEmpty();
    }

    /**
     * Ending a subscription (263=2) under an MDReqID that names none of the session's (never subscribed, already
     * ended, or another session's) is refused with MarketDataRequestReject, the id echoed and Text saying so, rather
     * than left unanswered: the client learns that what it thinks it ended was not there. FIX 4.4 has no
     * MDReqRejReason for an unknown MDReqID, so 281 is left out (it is optional). Ending a live one stays unanswered.
     */
    @Test
    void shouldRejectEndingASubscriptionThatIsNotLive() throws Exception
    {
        buyer.send(marketDataRequest("never", SubscriptionRequestType.DISABLE_PREVIOUS_SNAPSHOT_UPDATE_REQUEST));
        final Message never = buyer.await(message -> true, Duration.ofSeconds(10));
        assertThat(QuickFixClient.typeOf(never)).as("%s", never).isEqualTo("Y");
        assertThat(never.getString(MDReqID.FIELD)).isEqualTo("never");
        assertThat(never.isSetField(MDReqRejReason.FIELD)).as("no FIX 4.4 reason fits").isFalse();
        assertThat(never.getString(Text.FIELD)).isEqualTo(
            "not subscribed: no live subscription of this session has this MDReqID");

        seller.send(marketDataRequest("md1", SubscriptionRequestType.SNAPSHOT_UPDATES));
        assertThat(seller.await("W").getString(MDReqID.FIELD)).isEqualTo("md1");
        buyer.send(marketDataRequest("md1", SubscriptionRequestType.DISABLE_PREVIOUS_SNAPSHOT_UPDATE_REQUEST));
        final Message othersId = buyer.await("Y");
        assertThat(othersId.getString(MDReqID.FIELD)).as("another session's id is not this one's").isEqualTo("md1");

        buyer.send(marketDataRequest("md2", SubscriptionRequestType.SNAPSHOT_UPDATES));
        assertThat(buyer.await("W").getString(MDReqID.FIELD)).isEqualTo("md2");
        buyer.send(marketDataRequest("md2", SubscriptionRequestType.DISABLE_PREVIOUS_SNAPSHOT_UPDATE_REQUEST));
        buyer.send(marketDataRequest("md2", SubscriptionRequestType.DISABLE_PREVIOUS_SNAPSHOT_UPDATE_REQUEST));
        final Message twice = buyer.await(message -> true, Duration.ofSeconds(10));
        assertThat(QuickFixClient.typeOf(twice)).as("the first end is unanswered, the second refused: %s", twice)
            .isEqualTo("Y");
        assertThat(twice.getString(MDReqID.FIELD)).isEqualTo("md2");

        // The seller's subscription was left alone by the buyer's request.
        seller.send(limit("S1", Side.BUY, 30, "189.90", TimeInForce.GOOD_TILL_CANCEL));
        assertThat(seller.await("X").getString(MDReqID.FIELD)).isEqualTo("md1");
        Thread.sleep(300);
        assertThat(buyer.pending()).as("nothing more for the buyer").isEmpty();
        assertThat(buyer.rejectsSent()).as("QuickFIX/J found nothing invalid").isEmpty();
        assertThat(seller.rejectsSent()).isEmpty();
    }

    /**
     * A client matches market data to its request by MDReqID, so it gets the id back exactly, however long:
     * FIX sets no length, only the gateway's maxMessageBytes bounds it. Two ids alike in their first 64
     * characters are two ids.
     */
    @Test
    void shouldEchoALongMDReqIDWholeAndTellTwoApartThatDifferOnlyAtTheEnd() throws Exception
    {
        final String common = "md-" + "x".repeat(97);
        final String first = common + "-first";
        final String second = common + "-second";

        buyer.send(marketDataRequest(first, SubscriptionRequestType.SNAPSHOT_UPDATES));
        assertThat(buyer.await("W").getString(MDReqID.FIELD)).isEqualTo(first);
        buyer.send(marketDataRequest(second, SubscriptionRequestType.SNAPSHOT_UPDATES));
        final Message snapshot = buyer.await(message -> true, Duration.ofSeconds(10));
        assertThat(QuickFixClient.typeOf(snapshot)).as("not a duplicate: %s", snapshot).isEqualTo("W");
        assertThat(snapshot.getString(MDReqID.FIELD)).isEqualTo(second);

        seller.send(limit("S1", Side.BUY, 30, "189.90", TimeInForce.GOOD_TILL_CANCEL));
        seller.await("8");
        final String one = buyer.await("X").getString(MDReqID.FIELD);
        final String other = buyer.await("X").getString(MDReqID.FIELD);
        assertThat(List.of(one, other)).containsExactlyInAnyOrder(first, second);

        buyer.send(marketDataRequest(first, SubscriptionRequestType.SNAPSHOT_UPDATES));
        final Message duplicate = buyer.await("Y");
        assertThat(duplicate.getString(MDReqID.FIELD)).isEqualTo(first);
        assertThat(duplicate.getChar(MDReqRejReason.FIELD)).isEqualTo(MDReqRejReason.DUPLICATE_MDREQID);

        // Ending the first by its whole id leaves the second alone. (A snapshot the buyer asks for next shows
        // the gateway has read the end before the seller's order comes.)
        buyer.send(marketDataRequest(first, SubscriptionRequestType.DISABLE_PREVIOUS_SNAPSHOT_UPDATE_REQUEST));
        buyer.send(marketDataRequest("probe", SubscriptionRequestType.SNAPSHOT));
        assertThat(buyer.await("W").getString(MDReqID.FIELD)).isEqualTo("probe");
        seller.send(limit("S2", Side.BUY, 30, "189.80", TimeInForce.GOOD_TILL_CANCEL));
        seller.await("8");
        assertThat(buyer.await("X").getString(MDReqID.FIELD)).isEqualTo(second);
        Thread.sleep(300);
        assertThat(buyer.pending()).as("only the second subscription is live").isEmpty();
        assertThat(buyer.rejectsSent()).as("QuickFIX/J found nothing invalid").isEmpty();
    }

    /** The same Symbol twice in one request is one subscription: one snapshot, one incremental per change. */
    @Test
    void shouldSubscribeOnceToASymbolRequestedTwiceInOneRequest() throws Exception
    {
        final MarketDataRequest request = marketDataRequest("md1", SubscriptionRequestType.SNAPSHOT_UPDATES);
        final MarketDataRequest.NoRelatedSym again = new MarketDataRequest.NoRelatedSym();
        again.set(new Symbol("AAPL"));
        request.addGroup(again);
        buyer.send(request);
        assertThat(buyer.await("W").getString(Symbol.FIELD)).isEqualTo("AAPL");

        seller.send(limit("S1", Side.BUY, 30, "189.90", TimeInForce.GOOD_TILL_CANCEL));
        seller.await("8");
        final Message incremental = buyer.await("X");
        assertThat(incremental.getInt(NoMDEntries.FIELD)).isEqualTo(1);
        Thread.sleep(300);
        assertThat(buyer.pending()).as("no second snapshot, no second incremental").isEmpty();
        assertThat(buyer.rejectsSent()).as("QuickFIX/J found nothing invalid").isEmpty();
    }

    /**
     * A sweep of 1,000 resting orders is 1,000 trades in one batch, more entries than fit the room a message is
     * begun with: they come in several incremental refreshes, each a valid message no longer than that room,
     * together every trade once and in order.
     */
    @Test
    void shouldSplitTheTradesOfALargeSweepOverSeveralIncrementalRefreshes() throws Exception
    {
        final int orders = 1_000;
        for (int i = 0; i < orders; i++)
        {
            seller.send(limit("S" + i, Side.SELL, 1, "190.10", TimeInForce.GOOD_TILL_CANCEL));
            seller.await("8");
        }
        buyer.send(marketDataRequest("md1", SubscriptionRequestType.SNAPSHOT_UPDATES));
        assertThat(buyer.await("W").getGroup(1, NoMDEntries.FIELD).getDecimal(MDEntrySize.FIELD))
            .isEqualByComparingTo(Integer.toString(orders));

        buyer.send(limit("B1", Side.BUY, orders, "190.10", TimeInForce.IMMEDIATE_OR_CANCEL));
        int trades = 0;
        int messages = 0;
        boolean offerDeleted = false;
        while (trades < orders)
        {
            final Message incremental = buyer.await("X");
            messages++;
            // FixSession.begin guarantees a message this much room (plus an inbound message's worth) and no more:
            // a longer one could run past the end of a nearly full outbound queue.
            assertThat(incremental.toString().length()).as("message length").isLessThanOrEqualTo(
                Connection.MAX_OUTBOUND_MESSAGE_BYTES);
            final int entries = incremental.getInt(NoMDEntries.FIELD);
            for (int i = 1; i <= entries; i++)
            {
                final Group entry = incremental.getGroup(i, NoMDEntries.FIELD);
                if (entry.getChar(MDEntryType.FIELD) == MDEntryType.TRADE)
                {
                    assertThat(entry.getDecimal(MDEntryPx.FIELD)).isEqualByComparingTo("190.10");
                    assertThat(entry.getDecimal(MDEntrySize.FIELD)).isEqualByComparingTo("1");
                    trades++;
                }
                else
                {
                    assertThat(trades).as("the book's change comes before the trades").isZero();
                    offerDeleted |= entry.getChar(MDUpdateAction.FIELD) == MDUpdateAction.DELETE;
                }
            }
        }
        assertThat(trades).isEqualTo(orders);
        assertThat(offerDeleted).isTrue();
        assertThat(messages).as("split over several messages").isGreaterThan(1);

        // The gateway goes on: the next change arrives as one incremental.
        seller.send(limit("S-after", Side.SELL, 5, "190.20", TimeInForce.GOOD_TILL_CANCEL));
        assertThat(buyer.await("X").getInt(NoMDEntries.FIELD)).isEqualTo(1);
        assertThat(buyer.rejectsSent()).as("QuickFIX/J found nothing invalid").isEmpty();
    }

    /**
     * A book five levels deep built up, with levels in front of, between and behind the others and one pushed out of
     * the top five, then swept on both sides: after every step the subscription's incremental refreshes, applied by
     * position to its snapshot (a new level inserted at its 290, a change and a delete at theirs, each checked
     * against the price there), give exactly a fresh snapshot's levels and positions.
     */
    @Test
    void shouldGiveEachIncrementalLevelThePositionThatKeepsABookByPositionEqualToAFreshSnapshot() throws Exception
    {
        buyer.send(marketDataRequest("md1", SubscriptionRequestType.SNAPSHOT_UPDATES, "AAPL"));
        final PositionBook book = PositionBook.of(buyer.await("W"), 5);
        int probe = 0;
        final String[][] bids = {{"10", "189.90"}, {"20", "189.80"}, {"30", "189.95"}, {"40", "189.85"},
            {"50", "189.70"}, {"60", "189.60"}, {"70", "190.00"}};
        for (int i = 0; i < bids.length; i++)
        {
            rest("SB" + i, Side.BUY, bids[i][0], bids[i][1]);
            assertSameAsASnapshot(book, "probe" + probe++);
        }
        final String[][] offers = {{"10", "190.10"}, {"20", "190.20"}, {"30", "190.15"}};
        for (int i = 0; i < offers.length; i++)
        {
            rest("SS" + i, Side.SELL, offers[i][0], offers[i][1]);
            assertSameAsASnapshot(book, "probe" + probe++);
        }
        // Takes 190.00, 189.95, 189.90 and 15 of 189.85: three deletes, a change, two levels coming up from below.
        buyer.send(limit("B1", Side.SELL, 125, "189.80", TimeInForce.IMMEDIATE_OR_CANCEL));
        awaitTrade(buyer, "B1"); // then the probe is read after the sweep's batch, whose refreshes went out first
        assertSameAsASnapshot(book, "probe" + probe++);
        assertThat(book.bids).extracting(level -> level.price).containsExactly("189.85", "189.8", "189.7", "189.6");
        // Takes 190.10 and 15 of 190.15.
        buyer.send(limit("B2", Side.BUY, 25, "190.15", TimeInForce.IMMEDIATE_OR_CANCEL));
        awaitTrade(buyer, "B2");
        assertSameAsASnapshot(book, "probe" + probe++);
        assertThat(book.offers).extracting(level -> level.price).containsExactly("190.15", "190.2");
        assertThat(book.lastTrade).isEqualTo("15@190.15");
        assertThat(buyer.rejectsSent()).as("QuickFIX/J found nothing invalid").isEmpty();
    }

    /**
     * A snapshot asked with trades (269=2) carries the last one, price, size and the time it was made; without trades
     * asked for, or before any trade, none.
     */
    @Test
    void shouldPutTheLastTradeInTheSnapshotWhenTradesAreAskedFor() throws Exception
    {
        buyer.send(marketDataRequest("before", SubscriptionRequestType.SNAPSHOT, "AAPL"));
        assertThat(trades(buyer.await("W"))).as("no trade yet").isEmpty();

        rest("S1", Side.SELL, "100", "190.10");
        buyer.send(limit("B1", Side.BUY, 40, "190.10", TimeInForce.IMMEDIATE_OR_CANCEL));
        awaitTrade(buyer, "B1");
        rest("S2", Side.SELL, "100", "190.05");
        buyer.send(limit("B2", Side.BUY, 25, "190.05", TimeInForce.IMMEDIATE_OR_CANCEL));
        final LocalDateTime tradeTime = awaitTrade(buyer, "B2").getUtcTimeStamp(TransactTime.FIELD);

        buyer.send(marketDataRequest("after", SubscriptionRequestType.SNAPSHOT_UPDATES, "AAPL"));
        final Message snapshot = buyer.await("W");
        final List<Group> trades = trades(snapshot);
        assertThat(trades).as("the last trade alone").hasSize(1);
        final Group trade = trades.get(0);
        assertThat(trade.getDecimal(MDEntryPx.FIELD)).isEqualByComparingTo("190.05");
        assertThat(trade.getDecimal(MDEntrySize.FIELD)).isEqualByComparingTo("25");
        assertThat(LocalDateTime.of(trade.getUtcDateOnly(MDEntryDate.FIELD), trade.getUtcTimeOnly(MDEntryTime.FIELD)))
            .as("the time of the trade, as its execution report's TransactTime").isEqualTo(tradeTime);
        assertThat(trade.isSetField(MDEntryPositionNo.FIELD)).as("a trade has no position in the book").isFalse();
        assertThat(snapshot.getInt(NoMDEntries.FIELD)).as("two offers and the trade").isEqualTo(3);

        buyer.send(request("levels", '0', '1'));
        final Message levelsOnly = buyer.await("W");
        assertThat(trades(levelsOnly)).as("trades not asked for").isEmpty();
        assertThat(levelsOnly.getInt(NoMDEntries.FIELD)).isEqualTo(2);
        buyer.send(request("trades", '2'));
        final Message tradesOnly = buyer.await("W");
        assertThat(tradesOnly.getInt(NoMDEntries.FIELD)).isEqualTo(1);
        assertThat(trades(tradesOnly).get(0).getDecimal(MDEntrySize.FIELD)).isEqualByComparingTo("25");
        assertThat(buyer.rejectsSent()).as("QuickFIX/J found nothing invalid").isEmpty();
    }

    /**
     * An instrument's trades are kept for the updates while any subscription wants them: when one of two ends, the
     * other still gets them, as does a subscription made after all had ended; a subscription to bids and offers alone
     * does not count, and gets none.
     */
    @Test
    void shouldSendTradesToTheSubscriptionsLeftWhenOthersEnd() throws Exception
    {
        buyer.send(marketDataRequest("md1", SubscriptionRequestType.SNAPSHOT_UPDATES));
        buyer.await("W");
        seller.send(marketDataRequest("ms1", SubscriptionRequestType.SNAPSHOT_UPDATES));
        seller.await("W");
        seller.send(marketDataRequest("ms1", SubscriptionRequestType.DISABLE_PREVIOUS_SNAPSHOT_UPDATE_REQUEST));
        seller.send(marketDataRequest("probe", SubscriptionRequestType.SNAPSHOT));
        seller.await("W"); // after the end: the gateway handles a session's messages in order

        rest("S1", Side.SELL, "100", "190.10");
        buyer.send(limit("B1", Side.BUY, 40, "190.10", TimeInForce.IMMEDIATE_OR_CANCEL));
        assertThat(trades(awaitRefresh(buyer, "md1", true))).as("md1's trade").hasSize(1);

        buyer.send(marketDataRequest("md1", SubscriptionRequestType.DISABLE_PREVIOUS_SNAPSHOT_UPDATE_REQUEST));
        final MarketDataRequest levels = request("md2", MDEntryType.BID, MDEntryType.OFFER);
        levels.set(new SubscriptionRequestType(SubscriptionRequestType.SNAPSHOT_UPDATES));
        buyer.send(levels);
        buyer.await("W");
        buyer.send(limit("B2", Side.BUY, 10, "190.10", TimeInForce.IMMEDIATE_OR_CANCEL));
        awaitTrade(buyer, "B2");
        final Message levelsOnly = awaitRefresh(buyer, "md2", false);
        assertThat(levelsOnly.getGroup(1, NoMDEntries.FIELD).getDecimal(MDEntrySize.FIELD)).as("the offer left")
            .isEqualByComparingTo("50");
        assertThat(trades(levelsOnly)).as("bids and offers only").isEmpty();

        buyer.send(marketDataRequest("md3", SubscriptionRequestType.SNAPSHOT_UPDATES));
        buyer.await("W");
        buyer.send(limit("B3", Side.BUY, 5, "190.10", TimeInForce.IMMEDIATE_OR_CANCEL));
        final Message again = awaitRefresh(buyer, "md3", true);
        assertThat(trades(again).get(0).getDecimal(MDEntrySize.FIELD)).isEqualByComparingTo("5");
        assertThat(buyer.rejectsSent()).as("QuickFIX/J found nothing invalid").isEmpty();
        assertThat(seller.rejectsSent()).as("QuickFIX/J found nothing invalid").isEmpty();
    }

    /** The next MarketDataIncrementalRefresh of {@code mdReqId}; with a trade entry, when {@code withTrade}. */
    private static Message awaitRefresh(final QuickFixClient client, final String mdReqId, final boolean withTrade)
        throws Exception
    {
        return client.await(message -> "X".equals(QuickFixClient.typeOf(message)) &&
            mdReqId.equals(stringOf(message, MDReqID.FIELD)) && (!withTrade || hasTrade(message)),
            Duration.ofSeconds(10));
    }

    private static boolean hasTrade(final Message refresh)
    {
        try
        {
            return !trades(refresh).isEmpty();
        }
        catch (final FieldNotFound ex)
        {
            throw new AssertionError(ex);
        }
    }

    private void rest(final String clOrdId, final char side, final String quantity, final String price) throws Exception
    {
        seller.send(limit(clOrdId, side, Integer.parseInt(quantity), price, TimeInForce.GOOD_TILL_CANCEL));
        seller.await(message -> clOrdId.equals(stringOf(message, ClOrdID.FIELD)), Duration.ofSeconds(10));
    }

    private static Message awaitTrade(final QuickFixClient client, final String clOrdId) throws Exception
    {
        return client.await(message -> clOrdId.equals(stringOf(message, ClOrdID.FIELD)) &&
            "F".equals(stringOf(message, ExecType.FIELD)), Duration.ofSeconds(10));
    }

    /** A snapshot (263=0) of AAPL, five levels deep, of these MDEntryTypes. */
    private static MarketDataRequest request(final String mdReqId, final char... types)
    {
        final MarketDataRequest request = new MarketDataRequest(new MDReqID(mdReqId),
            new SubscriptionRequestType(SubscriptionRequestType.SNAPSHOT), new MarketDepth(5));
        for (final char type : types)
        {
            final MarketDataRequest.NoMDEntryTypes entryType = new MarketDataRequest.NoMDEntryTypes();
            entryType.set(new MDEntryType(type));
            request.addGroup(entryType);
        }
        final MarketDataRequest.NoRelatedSym symbol = new MarketDataRequest.NoRelatedSym();
        symbol.set(new Symbol("AAPL"));
        request.addGroup(symbol);
        return request;
    }

    static List<Group> trades(final Message snapshot) throws FieldNotFound
    {
        final List<Group> trades = new ArrayList<>();
        for (int i = 1; i <= snapshot.getInt(NoMDEntries.FIELD); i++)
        {
            final Group entry = snapshot.getGroup(i, NoMDEntries.FIELD);
            if (entry.getChar(MDEntryType.FIELD) == MDEntryType.TRADE)
            {
                trades.add(entry);
            }
        }
        return trades;
    }

    /**
     * Asks for a snapshot and applies every incremental refresh that comes before it (the gateway answers a request
     * after sending the refreshes of what it has read), then compares: levels, sizes, positions and last trade.
     */
    private void assertSameAsASnapshot(final PositionBook book, final String probeId) throws Exception
    {
        buyer.send(marketDataRequest(probeId, SubscriptionRequestType.SNAPSHOT, "AAPL"));
        while (true)
        {
            final Message message = buyer.await(any -> true, Duration.ofSeconds(10));
            final String type = QuickFixClient.typeOf(message);
            if ("X".equals(type))
            {
                assertThat(message.getString(MDReqID.FIELD)).isEqualTo("md1");
                book.apply(message);
            }
            else if ("W".equals(type))
            {
                assertThat(message.getString(MDReqID.FIELD)).isEqualTo(probeId);
                final PositionBook fresh = PositionBook.of(message, 5);
                assertThat(book.bids).as("bids after %s", probeId).isEqualTo(fresh.bids);
                assertThat(book.offers).as("offers after %s", probeId).isEqualTo(fresh.offers);
                assertThat(fresh.lastTrade).as("the snapshot's last trade is the last one sent").isEqualTo(book.lastTrade);
                return;
            }
        }
    }

    private record Level(String price, String size)
    {
    }

    /** A client's top-N book kept by MDEntryPositionNo(290), as FIX 4.4 has it applied: entry by entry, in order. */
    private static final class PositionBook
    {
        final List<Level> bids = new ArrayList<>();
        final List<Level> offers = new ArrayList<>();
        final int depth;
        String lastTrade;

        PositionBook(final int depth)
        {
            this.depth = depth;
        }

        static PositionBook of(final Message snapshot, final int depth) throws FieldNotFound
        {
            final PositionBook book = new PositionBook(depth);
            for (int i = 1; i <= snapshot.getInt(NoMDEntries.FIELD); i++)
            {
                final Group entry = snapshot.getGroup(i, NoMDEntries.FIELD);
                final char type = entry.getChar(MDEntryType.FIELD);
                if (type == MDEntryType.TRADE)
                {
                    book.lastTrade = size(entry) + "@" + price(entry);
                    continue;
                }
                final List<Level> side = book.side(type);
                assertThat(entry.getInt(MDEntryPositionNo.FIELD)).as("snapshot position").isEqualTo(side.size() + 1);
                side.add(new Level(price(entry), size(entry)));
            }
            return book;
        }

        void apply(final Message incremental) throws FieldNotFound
        {
            for (int i = 1; i <= incremental.getInt(NoMDEntries.FIELD); i++)
            {
                final Group entry = incremental.getGroup(i, NoMDEntries.FIELD);
                final char type = entry.getChar(MDEntryType.FIELD);
                if (type == MDEntryType.TRADE)
                {
                    lastTrade = size(entry) + "@" + price(entry);
                    continue;
                }
                final List<Level> side = side(type);
                final int position = entry.getInt(MDEntryPositionNo.FIELD);
                final char action = entry.getChar(MDUpdateAction.FIELD);
                if (action == MDUpdateAction.NEW)
                {
                    assertThat(position).as("new level's position in %s", incremental).isBetween(1, side.size() + 1);
                    side.add(position - 1, new Level(price(entry), size(entry)));
                    assertThat(side.size()).as("no more levels than the depth").isLessThanOrEqualTo(depth);
                }
                else
                {
                    assertThat(position).as("position in %s", incremental).isBetween(1, side.size());
                    assertThat(side.get(position - 1).price).as("the level at %d in %s", position, incremental)
                        .isEqualTo(price(entry));
                    if (action == MDUpdateAction.CHANGE)
                    {
                        side.set(position - 1, new Level(price(entry), size(entry)));
                    }
                    else
                    {
                        side.remove(position - 1);
                    }
                }
            }
        }

        private List<Level> side(final char type)
        {
            return type == MDEntryType.BID ? bids : offers;
        }

        private static String price(final Group entry) throws FieldNotFound
        {
            return plain(entry.getDecimal(MDEntryPx.FIELD));
        }

        private static String size(final Group entry) throws FieldNotFound
        {
            return plain(entry.getDecimal(MDEntrySize.FIELD));
        }

        private static String plain(final BigDecimal value)
        {
            return value.stripTrailingZeros().toPlainString();
        }
    }

    /** Bids, offers and trades of AAPL, five levels deep. */
    private static MarketDataRequest marketDataRequest(final String mdReqId, final char subscriptionRequestType)
    {
        return marketDataRequest(mdReqId, subscriptionRequestType, "AAPL");
    }

    /** Bids, offers and trades of each of {@code symbols}, five levels deep. */
    static MarketDataRequest marketDataRequest(final String mdReqId, final char subscriptionRequestType,
        final String... symbols)
    {
        final MarketDataRequest request = new MarketDataRequest(new MDReqID(mdReqId),
            new SubscriptionRequestType(subscriptionRequestType), new MarketDepth(5));
        for (final char type : new char[] {MDEntryType.BID, MDEntryType.OFFER, MDEntryType.TRADE})
        {
            final MarketDataRequest.NoMDEntryTypes entryType = new MarketDataRequest.NoMDEntryTypes();
            entryType.set(new MDEntryType(type));
            request.addGroup(entryType);
        }
        for (final String name : symbols)
        {
            final MarketDataRequest.NoRelatedSym symbol = new MarketDataRequest.NoRelatedSym();
            symbol.set(new Symbol(name));
            request.addGroup(symbol);
        }
        return request;
    }

    static NewOrderSingle limit(final String clOrdId, final char side, final int quantity, final String price,
        final char timeInForce)
    {
        final NewOrderSingle order = new NewOrderSingle(new ClOrdID(clOrdId), new Side(side),
            new TransactTime(LocalDateTime.now()), new OrdType(OrdType.LIMIT));
        order.set(new Symbol("AAPL"));
        order.set(new OrderQty(quantity));
        order.setField(new quickfix.StringField(Price.FIELD, price));
        order.set(new TimeInForce(timeInForce));
        return order;
    }

    private static char execType(final Message message) throws FieldNotFound
    {
        return message.getChar(ExecType.FIELD);
    }

    static boolean has(final Message message, final int tag)
    {
        return message.isSetField(tag) || message.getHeader().isSetField(tag);
    }

    private static char charOf(final Message message, final int tag)
    {
        try
        {
            return message.getChar(tag);
        }
        catch (final FieldNotFound e)
        {
            return 0;
        }
    }

    static String stringOf(final Message message, final int tag)
    {
        try
        {
            return message.getString(tag);
        }
        catch (final FieldNotFound e)
        {
            return null;
        }
    }
}

package dev.tessera.fix;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.AvgPx;
import quickfix.field.BeginSeqNo;
import quickfix.field.BusinessRejectReason;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.EncryptMethod;
import quickfix.field.EndSeqNo;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.GapFillFlag;
import quickfix.field.HeartBtInt;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MDEntryPx;
import quickfix.field.MDEntrySize;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MDUpdateAction;
import quickfix.field.MarketDepth;
import quickfix.field.MassCancelRequestType;
import quickfix.field.MsgSeqNum;
import quickfix.field.NewSeqNo;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Password;
import quickfix.field.Price;
import quickfix.field.RefMsgType;
import quickfix.field.RefSeqNum;
import quickfix.field.RefTagID;
import quickfix.field.ResetSeqNumFlag;
import quickfix.field.SenderCompID;
import quickfix.field.SendingTime;
import quickfix.field.Side;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;
import quickfix.field.TargetCompID;
import quickfix.field.TestReqID;
import quickfix.field.Text;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.field.Username;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * QuickFIX/J as the reference: what our encoder writes parses and validates there (FIX 4.4
 * dictionary, validation on, BodyLength and CheckSum checked), and what it writes frames and decodes
 * here, field by field.
 */
class FixQuickFixJTest
{
    private static final LocalDateTime SENDING = LocalDateTime.of(2026, 5, 10, 12, 34, 56, 789_000_000);
    private static final LocalDateTime TRANSACT = LocalDateTime.of(2026, 5, 10, 12, 34, 56, 123_000_000);
    private static final long SENDING_NANOS = nanos(SENDING);
    private static final long TRANSACT_NANOS = nanos(TRANSACT);
    private static final int[] MARKET_DATA_GROUP_TAGS = {Tags.MD_ENTRY_TYPE, Tags.MD_ENTRY_PX, Tags.MD_ENTRY_SIZE,
        Tags.MD_UPDATE_ACTION, Tags.SYMBOL};

    // ------------------------------------------------------------------ ours -> QuickFIX/J

    static Stream<Arguments> ourMessages()
    {
        return Stream.of(
            ours("Logon", e -> e.begin(MsgTypes.LOGON, "CLIENT", "TESSERA", 1, SENDING_NANOS)
                .putInt(Tags.ENCRYPT_METHOD, 0).putInt(Tags.HEART_BT_INT, 30).putBoolean(Tags.RESET_SEQ_NUM_FLAG, true)
                .putString(Tags.USERNAME, "trader").putString(Tags.PASSWORD, "s3cret")),
            ours("Heartbeat", e -> e.begin(MsgTypes.HEARTBEAT, "TESSERA", "CLIENT", 2, SENDING_NANOS)
                .putString(Tags.TEST_REQ_ID, "TR-1")),
            ours("TestRequest", e -> e.begin(MsgTypes.TEST_REQUEST, "TESSERA", "CLIENT", 3, SENDING_NANOS)
                .putString(Tags.TEST_REQ_ID, "TR-2")),
            ours("ResendRequest", e -> e.begin(MsgTypes.RESEND_REQUEST, "TESSERA", "CLIENT", 4, SENDING_NANOS)
                .putInt(Tags.BEGIN_SEQ_NO, 10).putInt(Tags.END_SEQ_NO, 0)),
            ours("SequenceReset", e -> e.beginPossDup(MsgTypes.SEQUENCE_RESET, "TESSERA", "CLIENT", 10, SENDING_NANOS,
                TRANSACT_NANOS).putBoolean(Tags.GAP_FILL_FLAG, true).putInt(Tags.NEW_SEQ_NO, 15)),
            ours("Reject", e -> e.begin(MsgTypes.REJECT, "TESSERA", "CLIENT", 5, SENDING_NANOS)
                .putInt(Tags.REF_SEQ_NUM, 42).putInt(Tags.REF_TAG_ID, 44).putString(Tags.REF_MSG_TYPE, "D")
                .putInt(Tags.SESSION_REJECT_REASON, SessionRejectReason.INCORRECT_DATA_FORMAT.code())
                .putString(Tags.TEXT, "Price: incorrect data format")),
            ours("Logout", e -> e.begin(MsgTypes.LOGOUT, "TESSERA", "CLIENT", 6, SENDING_NANOS).putString(Tags.TEXT, "bye")),
            ours("NewOrderSingle", e -> e.begin(MsgTypes.NEW_ORDER_SINGLE, "CLIENT", "TESSERA", 7, SENDING_NANOS)
                .putString(Tags.CL_ORD_ID, "ORD-1").putString(Tags.ACCOUNT, "ACC7").putString(Tags.SYMBOL, "TSLA")
                .putChar(Tags.SIDE, '1').putUtcTimestamp(Tags.TRANSACT_TIME, TRANSACT_NANOS)
                .putDecimal(Tags.ORDER_QTY, 1500, 0).putChar(Tags.ORD_TYPE, '2').putDecimal(Tags.PRICE, 1_902_500, 4)
                .putChar(Tags.TIME_IN_FORCE, '0').putString(Tags.EXEC_INST, "6")),
            ours("OrderCancelRequest", e -> e.begin(MsgTypes.ORDER_CANCEL_REQUEST, "CLIENT", "TESSERA", 8, SENDING_NANOS)
                .putString(Tags.ORIG_CL_ORD_ID, "ORD-1").putString(Tags.CL_ORD_ID, "ORD-2").putString(Tags.SYMBOL, "TSLA")
                .putChar(Tags.SIDE, '1').putUtcTimestamp(Tags.TRANSACT_TIME, TRANSACT_NANOS).putDecimal(Tags.ORDER_QTY, 1500, 0)),
            ours("OrderCancelReplaceRequest", e -> e.begin(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "CLIENT", "TESSERA", 9,
                    SENDING_NANOS)
                .putString(Tags.ORIG_CL_ORD_ID, "ORD-2").putString(Tags.CL_ORD_ID, "ORD-3").putString(Tags.SYMBOL, "TSLA")
                .putChar(Tags.SIDE, '1').putUtcTimestamp(Tags.TRANSACT_TIME, TRANSACT_NANOS).putDecimal(Tags.ORDER_QTY, 1000, 0)
                .putChar(Tags.ORD_TYPE, '2').putDecimal(Tags.PRICE, 19_050, 2)),
            ours("ExecutionReport", FixQuickFixJTest::executionReport),
            ours("ExecutionReport, resent", e ->
            {
                e.beginPossDup(MsgTypes.EXECUTION_REPORT, "TESSERA", "CLIENT", 11, SENDING_NANOS, TRANSACT_NANOS);
                executionReportBody(e);
            }),
            ours("OrderCancelReject", e -> e.begin(MsgTypes.ORDER_CANCEL_REJECT, "TESSERA", "CLIENT", 12, SENDING_NANOS)
                .putLong(Tags.ORDER_ID, 0).putString(Tags.CL_ORD_ID, "ORD-9").putString(Tags.ORIG_CL_ORD_ID, "ORD-8")
                .putChar(Tags.ORD_STATUS, '8').putChar(Tags.CXL_REJ_RESPONSE_TO, '1').putInt(Tags.CXL_REJ_REASON, 1)
                .putString(Tags.TEXT, "unknown order")),
            ours("OrderMassCancelRequest", e -> e.begin(MsgTypes.ORDER_MASS_CANCEL_REQUEST, "CLIENT", "TESSERA", 13,
                    SENDING_NANOS)
                .putString(Tags.CL_ORD_ID, "MC-1").putChar(Tags.MASS_CANCEL_REQUEST_TYPE, '7')
                .putUtcTimestamp(Tags.TRANSACT_TIME, TRANSACT_NANOS)),
            ours("OrderMassCancelReport", e -> e.begin(MsgTypes.ORDER_MASS_CANCEL_REPORT, "TESSERA", "CLIENT", 14,
                    SENDING_NANOS)
                .putString(Tags.CL_ORD_ID, "MC-1").putLong(Tags.ORDER_ID, 77).putChar(Tags.MASS_CANCEL_REQUEST_TYPE, '7')
                .putChar(Tags.MASS_CANCEL_RESPONSE, '7').putInt(Tags.TOTAL_AFFECTED_ORDERS, 3)),
            ours("BusinessMessageReject", e -> e.begin(MsgTypes.BUSINESS_MESSAGE_REJECT, "TESSERA", "CLIENT", 15,
                    SENDING_NANOS)
                .putInt(Tags.REF_SEQ_NUM, 40).putString(Tags.REF_MSG_TYPE, "AE").putChar(Tags.BUSINESS_REJECT_REASON, '3')
                .putString(Tags.TEXT, "unsupported")),
            ours("MarketDataRequest", e -> e.begin(MsgTypes.MARKET_DATA_REQUEST, "CLIENT", "TESSERA", 16, SENDING_NANOS)
                .putString(Tags.MD_REQ_ID, "MD-1").putChar(Tags.SUBSCRIPTION_REQUEST_TYPE, '1').putInt(Tags.MARKET_DEPTH, 10)
                .putInt(Tags.NO_MD_ENTRY_TYPES, 2).putChar(Tags.MD_ENTRY_TYPE, '0').putChar(Tags.MD_ENTRY_TYPE, '1')
                .putInt(Tags.NO_RELATED_SYM, 2).putString(Tags.SYMBOL, "TSLA").putString(Tags.SYMBOL, "AAPL")),
            ours("MarketDataSnapshotFullRefresh", e -> e.begin(MsgTypes.MARKET_DATA_SNAPSHOT_FULL_REFRESH, "TESSERA",
                    "CLIENT", 17, SENDING_NANOS)
                .putString(Tags.MD_REQ_ID, "MD-1").putString(Tags.SYMBOL, "TSLA").putInt(Tags.NO_MD_ENTRIES, 2)
                .putChar(Tags.MD_ENTRY_TYPE, '0').putDecimal(Tags.MD_ENTRY_PX, 19_025, 2).putDecimal(Tags.MD_ENTRY_SIZE, 100, 0)
                .putChar(Tags.MD_ENTRY_TYPE, '1').putDecimal(Tags.MD_ENTRY_PX, 19_050, 2).putDecimal(Tags.MD_ENTRY_SIZE, 250, 0)),
            ours("MarketDataIncrementalRefresh", e -> e.begin(MsgTypes.MARKET_DATA_INCREMENTAL_REFRESH, "TESSERA", "CLIENT",
                    18, SENDING_NANOS)
                .putString(Tags.MD_REQ_ID, "MD-1").putInt(Tags.NO_MD_ENTRIES, 1).putChar(Tags.MD_UPDATE_ACTION, '1')
                .putChar(Tags.MD_ENTRY_TYPE, '0').putString(Tags.SYMBOL, "TSLA").putDecimal(Tags.MD_ENTRY_PX, 19_025, 2)
                .putDecimal(Tags.MD_ENTRY_SIZE, 300, 0)),
            ours("MarketDataRequestReject", e -> e.begin(MsgTypes.MARKET_DATA_REQUEST_REJECT, "TESSERA", "CLIENT", 19,
                    SENDING_NANOS)
                .putString(Tags.MD_REQ_ID, "MD-2").putChar(Tags.MD_REQ_REJ_REASON, '0').putString(Tags.TEXT, "unknown symbol")),
            ours("OrderStatusRequest", e -> e.begin(MsgTypes.ORDER_STATUS_REQUEST, "CLIENT", "TESSERA", 20, SENDING_NANOS)
                .putString(Tags.CL_ORD_ID, "ORD-1").putString(Tags.SYMBOL, "TSLA").putChar(Tags.SIDE, '1')));
    }

    /** An ExecutionReport with every field the gateway's reports carry. */
    private static void executionReport(final FixEncoder encoder)
    {
        encoder.begin(MsgTypes.EXECUTION_REPORT, "TESSERA", "CLIENT", 11, SENDING_NANOS);
        executionReportBody(encoder);
    }

    private static void executionReportBody(final FixEncoder encoder)
    {
        encoder.putLong(Tags.ORDER_ID, 9_000_000_001L)
            .putString(Tags.CL_ORD_ID, "ORD-3")
            .putString(Tags.ORIG_CL_ORD_ID, "ORD-2")
            .putString(Tags.EXEC_ID, "E-77")
            .putChar(Tags.EXEC_TYPE, 'F')
            .putChar(Tags.ORD_STATUS, '1')
            .putChar(Tags.SIDE, '2')
            .putString(Tags.SYMBOL, "TSLA")
            .putDecimal(Tags.ORDER_QTY, 1000, 0)
            .putDecimal(Tags.PRICE, 19_050, 2)
            .putDecimal(Tags.LAST_QTY, 400, 0)
            .putDecimal(Tags.LAST_PX, 19_025, 2)
            .putDecimal(Tags.LEAVES_QTY, 600, 0)
            .putDecimal(Tags.CUM_QTY, 400, 0)
            .putDecimal(Tags.AVG_PX, 1_902_500, 4)
            .putUtcTimestamp(Tags.TRANSACT_TIME, TRANSACT_NANOS)
            .putString(Tags.TEXT, "partial fill");
    }

    private static Arguments ours(final String name, final Consumer<FixEncoder> write)
    {
        return Arguments.of(name, write);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ourMessages")
    void shouldWriteMessagesThatQuickFixJAcceptsWithValidationOn(final String name, final Consumer<FixEncoder> write)
        throws Exception
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2048]);
        final FixEncoder encoder = new FixEncoder().wrap(buffer, 0);
        write.accept(encoder);
        final int length = encoder.finish();
        final String wire = QuickFixJ.wire(buffer, 0, length);

        final Message parsed = QuickFixJ.validate(wire);
        assertThat(QuickFixJ.extractMessages(wire + wire)).containsExactly(wire, wire);

        final FixMessage ours = new FixMessage();
        assertThat(ours.wrap(buffer, 0, length)).isTrue();
        assertThat(QuickFixJ.fields(parsed)).containsExactlyInAnyOrderElementsOf(QuickFixJ.fields(ours));
        assertThat(MsgTypes.code(parsed.getHeader().getString(quickfix.field.MsgType.FIELD))).isEqualTo(ours.msgType());
    }

    /** The reference check itself can fail: QuickFIX/J refuses what is wrong, so its acceptance above means something. */
    @Test
    void shouldSeeQuickFixJRefuseBrokenMessages()
    {
        final String good = FixText.message("35=0|49=CLIENT|56=TESSERA|34=1|52=20260510-12:34:56.789|");
        assertThatCode(() -> QuickFixJ.validate(FixText.soh(good))).doesNotThrowAnyException();

        final String badCheckSum = good.replaceAll("10=\\d{3}\\|$", "10=000|");
        assertThatThrownBy(() -> QuickFixJ.validate(FixText.soh(badCheckSum))).isInstanceOf(quickfix.InvalidMessage.class);

        final String badBodyLength = FixText.withCheckSumFixed(good.replace("|9=56|", "|9=57|"));
        assertThat(badBodyLength).isNotEqualTo(good);
        assertThatThrownBy(() -> QuickFixJ.validate(FixText.soh(badBodyLength))).isInstanceOf(AssertionError.class)
            .hasMessageContaining("BodyLength");

        final String missingClOrdId = FixText.message("35=D|49=CLIENT|56=TESSERA|34=1|52=20260510-12:34:56.789|" +
            "55=TSLA|54=1|60=20260510-12:34:56.123|38=1|40=1|");
        assertThatThrownBy(() -> QuickFixJ.validate(FixText.soh(missingClOrdId))).isInstanceOf(quickfix.FieldException.class)
            .hasMessageContaining("field=11");

        final String badPrice = FixText.message("35=D|49=CLIENT|56=TESSERA|34=1|52=20260510-12:34:56.789|" +
            "11=A|55=TSLA|54=1|60=20260510-12:34:56.123|38=1|40=2|44=1.2.3|");
        assertThatThrownBy(() -> QuickFixJ.validate(FixText.soh(badPrice))).isInstanceOf(quickfix.IncorrectDataFormat.class)
            .hasMessageContaining("field=44");
    }

    @Test
    void shouldWriteAnExecutionReportWhoseValuesQuickFixJReadsBack() throws Exception
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        final FixEncoder encoder = new FixEncoder().wrap(buffer, 0);
        executionReport(encoder);
        final Message parsed = QuickFixJ.validate(QuickFixJ.wire(buffer, 0, encoder.finish()));
        final quickfix.fix44.ExecutionReport report = new quickfix.fix44.ExecutionReport();
        report.fromString(parsed.toString(), QuickFixJ.FIX44, new quickfix.ValidationSettings(), true);

        assertThat(report.getOrderID().getValue()).isEqualTo("9000000001");
        assertThat(report.getClOrdID().getValue()).isEqualTo("ORD-3");
        assertThat(report.getOrigClOrdID().getValue()).isEqualTo("ORD-2");
        assertThat(report.getExecID().getValue()).isEqualTo("E-77");
        assertThat(report.getExecType().getValue()).isEqualTo(ExecType.TRADE);
        assertThat(report.getOrdStatus().getValue()).isEqualTo(OrdStatus.PARTIALLY_FILLED);
        assertThat(report.getSide().getValue()).isEqualTo(Side.SELL);
        assertThat(report.getSymbol().getValue()).isEqualTo("TSLA");
        assertThat(report.getOrderQty().getValue()).isEqualTo(1000.0);
        assertThat(report.getPrice().getValue()).isEqualTo(190.50);
        assertThat(report.getLastQty().getValue()).isEqualTo(400.0);
        assertThat(report.getLastPx().getValue()).isEqualTo(190.25);
        assertThat(report.getLeavesQty().getValue()).isEqualTo(600.0);
        assertThat(report.getCumQty().getValue()).isEqualTo(400.0);
        assertThat(report.getAvgPx().getValue()).isEqualTo(190.25);
        assertThat(report.getTransactTime().getValue()).isEqualTo(TRANSACT);
        assertThat(report.getText().getValue()).isEqualTo("partial fill");
        assertThat(report.getHeader().getUtcTimeStamp(SendingTime.FIELD)).isEqualTo(SENDING);
    }

    // ------------------------------------------------------------------ QuickFIX/J -> ours

    static Stream<Arguments> theirMessages()
    {
        final quickfix.fix44.Logon logon = new quickfix.fix44.Logon(new EncryptMethod(0), new HeartBtInt(30));
        logon.set(new ResetSeqNumFlag(true));
        logon.set(new Username("trader"));
        logon.set(new Password("s3cret"));

        final quickfix.fix44.NewOrderSingle newOrder = new quickfix.fix44.NewOrderSingle(new ClOrdID("ORD-1"),
            new Side(Side.BUY), new TransactTime(TRANSACT), new OrdType(OrdType.LIMIT));
        newOrder.set(new Symbol("TSLA"));
        newOrder.set(new OrderQty(1500));
        newOrder.set(new Price(190.25));
        newOrder.set(new TimeInForce(TimeInForce.GOOD_TILL_CANCEL));

        final quickfix.fix44.OrderCancelRequest cancel = new quickfix.fix44.OrderCancelRequest(new OrigClOrdID("ORD-1"),
            new ClOrdID("ORD-2"), new Side(Side.BUY), new TransactTime(TRANSACT));
        cancel.set(new Symbol("TSLA"));
        cancel.set(new OrderQty(1500));

        final quickfix.fix44.ExecutionReport report = new quickfix.fix44.ExecutionReport(new OrderID("42"), new ExecID("E-1"),
            new ExecType(ExecType.TRADE), new OrdStatus(OrdStatus.FILLED), new Side(Side.SELL), new LeavesQty(0),
            new CumQty(1500), new AvgPx(190.125));
        report.set(new ClOrdID("ORD-1"));
        report.set(new Symbol("TSLA"));
        report.set(new OrderQty(1500));
        report.set(new LastQty(500));
        report.set(new LastPx(190.5));
        report.set(new TransactTime(TRANSACT));
        report.set(new Text("filled"));

        final quickfix.fix44.OrderCancelReject cancelReject = new quickfix.fix44.OrderCancelReject(new OrderID("NONE"),
            new ClOrdID("ORD-9"), new OrigClOrdID("ORD-8"), new OrdStatus(OrdStatus.REJECTED),
            new CxlRejResponseTo(CxlRejResponseTo.ORDER_CANCEL_REQUEST));
        cancelReject.set(new CxlRejReason(CxlRejReason.UNKNOWN_ORDER));

        final quickfix.fix44.MarketDataRequest request = new quickfix.fix44.MarketDataRequest(new MDReqID("MD-1"),
            new SubscriptionRequestType(SubscriptionRequestType.SNAPSHOT_UPDATES), new MarketDepth(5));
        for (final char type : new char[] {MDEntryType.BID, MDEntryType.OFFER, MDEntryType.TRADE})
        {
            final quickfix.fix44.MarketDataRequest.NoMDEntryTypes entryType = new quickfix.fix44.MarketDataRequest.NoMDEntryTypes();
            entryType.set(new MDEntryType(type));
            request.addGroup(entryType);
        }
        for (final String symbol : new String[] {"TSLA", "AAPL"})
        {
            final quickfix.fix44.MarketDataRequest.NoRelatedSym related = new quickfix.fix44.MarketDataRequest.NoRelatedSym();
            related.set(new Symbol(symbol));
            request.addGroup(related);
        }

        final quickfix.fix44.MarketDataSnapshotFullRefresh snapshot = new quickfix.fix44.MarketDataSnapshotFullRefresh();
        snapshot.set(new MDReqID("MD-1"));
        snapshot.set(new Symbol("TSLA"));
        addEntry(snapshot, MDEntryType.BID, "190.25", "100");
        addEntry(snapshot, MDEntryType.OFFER, "190.5", "250");

        final quickfix.fix44.MarketDataIncrementalRefresh incremental = new quickfix.fix44.MarketDataIncrementalRefresh();
        final quickfix.fix44.MarketDataIncrementalRefresh.NoMDEntries change =
            new quickfix.fix44.MarketDataIncrementalRefresh.NoMDEntries();
        change.set(new MDUpdateAction(MDUpdateAction.CHANGE));
        change.set(new MDEntryType(MDEntryType.BID));
        change.set(new Symbol("TSLA"));
        change.set(new MDEntryPx(190.25));
        change.set(new MDEntrySize(300));
        incremental.addGroup(change);

        final quickfix.fix44.Reject reject = new quickfix.fix44.Reject(new RefSeqNum(42));
        reject.set(new RefTagID(44));
        reject.set(new RefMsgType("D"));
        reject.set(new quickfix.field.SessionRejectReason(quickfix.field.SessionRejectReason.INCORRECT_DATA_FORMAT_FOR_VALUE));
        final quickfix.fix44.BusinessMessageReject businessReject = new quickfix.fix44.BusinessMessageReject(
            new RefMsgType("AE"), new BusinessRejectReason(BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE));
        final quickfix.fix44.SequenceReset sequenceReset = new quickfix.fix44.SequenceReset(new NewSeqNo(20));
        sequenceReset.set(new GapFillFlag(true));
        final quickfix.fix44.OrderMassCancelRequest massCancel = new quickfix.fix44.OrderMassCancelRequest(new ClOrdID("MC-1"),
            new MassCancelRequestType(MassCancelRequestType.CANCEL_ALL_ORDERS), new TransactTime(TRANSACT));

        return Stream.of(
            Arguments.of("Logon", logon),
            Arguments.of("Heartbeat", new quickfix.fix44.Heartbeat()),
            Arguments.of("TestRequest", new quickfix.fix44.TestRequest(new TestReqID("TR-1"))),
            Arguments.of("ResendRequest", new quickfix.fix44.ResendRequest(new BeginSeqNo(3), new EndSeqNo(0))),
            Arguments.of("SequenceReset", sequenceReset),
            Arguments.of("Reject", reject),
            Arguments.of("Logout", new quickfix.fix44.Logout()),
            Arguments.of("NewOrderSingle", newOrder),
            Arguments.of("OrderCancelRequest", cancel),
            Arguments.of("ExecutionReport", report),
            Arguments.of("OrderCancelReject", cancelReject),
            Arguments.of("OrderMassCancelRequest", massCancel),
            Arguments.of("BusinessMessageReject", businessReject),
            Arguments.of("MarketDataRequest", request),
            Arguments.of("MarketDataSnapshotFullRefresh", snapshot),
            Arguments.of("MarketDataIncrementalRefresh", incremental))
            .peek(arguments -> header((Message)arguments.get()[1], 100));
    }

    private static void addEntry(final quickfix.fix44.MarketDataSnapshotFullRefresh snapshot, final char type,
        final String price, final String size)
    {
        final quickfix.fix44.MarketDataSnapshotFullRefresh.NoMDEntries entry =
            new quickfix.fix44.MarketDataSnapshotFullRefresh.NoMDEntries();
        entry.set(new MDEntryType(type));
        entry.setDecimal(MDEntryPx.FIELD, new BigDecimal(price));
        entry.setDecimal(MDEntrySize.FIELD, new BigDecimal(size));
        snapshot.addGroup(entry);
    }

    private static Message header(final Message message, final int msgSeqNum)
    {
        message.getHeader().setField(new SenderCompID("CLIENT"));
        message.getHeader().setField(new TargetCompID("TESSERA"));
        message.getHeader().setField(new MsgSeqNum(msgSeqNum));
        message.getHeader().setField(new SendingTime(SENDING));
        return message;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("theirMessages")
    void shouldFrameAndDecodeWhatQuickFixJWritesFieldByField(final String name, final Message theirs) throws Exception
    {
        final String wire = theirs.toString();
        final Message parsed = QuickFixJ.validate(wire);
        final byte[] stream = (wire + wire).getBytes(StandardCharsets.ISO_8859_1);
        final UnsafeBuffer buffer = new UnsafeBuffer(stream);

        final FixFraming framing = new FixFraming(4096);
        assertThat(framing.frame(buffer, 0, stream.length)).as(framing.error().name()).isEqualTo(wire.length());
        assertThat(framing.frame(buffer, wire.length(), wire.length())).isEqualTo(wire.length());

        final FixMessage ours = new FixMessage();
        assertThat(ours.wrap(buffer, 0, wire.length())).as(ours.rejectReason() + " " + ours.refTagId()).isTrue();
        assertThat(ours.msgType()).isEqualTo(MsgTypes.code(parsed.getHeader().getString(quickfix.field.MsgType.FIELD)));
        assertThat(ours.checkNoDuplicates(MARKET_DATA_GROUP_TAGS)).isTrue();
        assertThat(ours.checkRequired(new int[] {Tags.SENDER_COMP_ID, Tags.TARGET_COMP_ID, Tags.MSG_SEQ_NUM, Tags.SENDING_TIME}))
            .isTrue();
        assertThat(QuickFixJ.fields(ours)).containsExactlyInAnyOrderElementsOf(QuickFixJ.fields(parsed));
        assertThat(ours.utcTimestampValue(Tags.SENDING_TIME)).isEqualTo(SENDING_NANOS);
        assertThat(ours.intValue(Tags.MSG_SEQ_NUM)).isEqualTo(100);
    }

    @Test
    void shouldReadTheValuesOfAQuickFixJNewOrderSingle()
    {
        final quickfix.fix44.NewOrderSingle order = (quickfix.fix44.NewOrderSingle)theirMessages()
            .filter(arguments -> arguments.get()[0].equals("NewOrderSingle")).findFirst().orElseThrow().get()[1];
        final String wire = order.toString();
        final FixMessage ours = new FixMessage();
        assertThat(ours.wrap(bufferOf(wire), 0, wire.length())).isTrue();

        assertThat(ours.msgType()).isEqualTo(MsgTypes.NEW_ORDER_SINGLE);
        assertThat(ours.valueEquals(Tags.CL_ORD_ID, "ORD-1")).isTrue();
        assertThat(ours.charValue(Tags.SIDE)).isEqualTo(Side.BUY);
        assertThat(ours.charValue(Tags.ORD_TYPE)).isEqualTo(OrdType.LIMIT);
        assertThat(ours.charValue(Tags.TIME_IN_FORCE)).isEqualTo(TimeInForce.GOOD_TILL_CANCEL);
        assertThat(ours.decimalValue(Tags.PRICE, 2)).isEqualTo(19_025);
        assertThat(ours.decimalValue(Tags.ORDER_QTY, 0)).isEqualTo(1500);
        assertThat(ours.utcTimestampValue(Tags.TRANSACT_TIME)).isEqualTo(TRANSACT_NANOS);
        assertThat(ours.valueEquals(Tags.SYMBOL, "TSLA")).isTrue();
    }

    @Test
    void shouldWalkTheRepeatingGroupsOfAQuickFixJMarketDataSnapshot()
    {
        final Message snapshot = (Message)theirMessages()
            .filter(arguments -> arguments.get()[0].equals("MarketDataSnapshotFullRefresh")).findFirst().orElseThrow().get()[1];
        final String wire = snapshot.toString();
        final FixMessage ours = new FixMessage();
        assertThat(ours.wrap(bufferOf(wire), 0, wire.length())).isTrue();
        assertThat(ours.checkGroupCount(Tags.NO_MD_ENTRIES, Tags.MD_ENTRY_TYPE)).isTrue();

        final List<String> entries = new ArrayList<>();
        final int count = ours.intValue(Tags.NO_MD_ENTRIES);
        for (int i = 0, entry = ours.indexOf(Tags.NO_MD_ENTRIES); i < count; i++)
        {
            entry = ours.indexOf(Tags.MD_ENTRY_TYPE, entry + 1);
            final int px = ours.indexOf(Tags.MD_ENTRY_PX, entry);
            final int size = ours.indexOf(Tags.MD_ENTRY_SIZE, entry);
            entries.add(ours.charValueAt(entry) + " " + ours.decimalValueAt(px, 2) + " " + ours.decimalValueAt(size, 0));
        }
        assertThat(entries).containsExactly("0 19025 100", "1 19050 250");
        final List<Group> theirs = snapshot.getGroups(Tags.NO_MD_ENTRIES);
        assertThat(theirs).hasSize(2);
    }

    // ------------------------------------------------------------------ properties, both ways

    record Order(String clOrdId, char side, long quantity, long price, int priceScale, long transactTime, int msgSeqNum)
    {
    }

    @Provide
    Arbitrary<Order> orders()
    {
        return Combinators.combine(
            Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(20),
            Arbitraries.of(Side.BUY, Side.SELL),
            Arbitraries.longs().between(1, 1_000_000_000L),
            Arbitraries.longs().between(1, 1_000_000_000_000L),
            Arbitraries.integers().between(0, 8),
            Arbitraries.longs().between(0, 4_102_444_800_000_000_000L),
            Arbitraries.integers().between(1, Integer.MAX_VALUE)).as(Order::new);
    }

    @Property(tries = 200)
    void shouldAgreeWithQuickFixJOnRandomOrdersBothWays(@ForAll("orders") final Order order) throws Exception
    {
        // Ours -> QuickFIX/J.
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        final int length = new FixEncoder().wrap(buffer, 0)
            .begin(MsgTypes.NEW_ORDER_SINGLE, "CLIENT", "TESSERA", order.msgSeqNum(), SENDING_NANOS)
            .putString(Tags.CL_ORD_ID, order.clOrdId()).putString(Tags.SYMBOL, "TSLA").putChar(Tags.SIDE, order.side())
            .putUtcTimestamp(Tags.TRANSACT_TIME, order.transactTime()).putDecimal(Tags.ORDER_QTY, order.quantity(), 0)
            .putChar(Tags.ORD_TYPE, OrdType.LIMIT).putDecimal(Tags.PRICE, order.price(), order.priceScale())
            .finish();
        final Message parsed = QuickFixJ.validate(QuickFixJ.wire(buffer, 0, length));
        assertThat(parsed.getString(ClOrdID.FIELD)).isEqualTo(order.clOrdId());
        assertThat(parsed.getDecimal(Price.FIELD)).isEqualByComparingTo(BigDecimal.valueOf(order.price(), order.priceScale()));
        assertThat(parsed.getDecimal(OrderQty.FIELD)).isEqualByComparingTo(BigDecimal.valueOf(order.quantity()));
        assertThat(parsed.getUtcTimeStamp(TransactTime.FIELD))
            .isEqualTo(LocalDateTime.ofInstant(Instant.EPOCH.plusNanos(order.transactTime()), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MILLIS));
        assertThat(parsed.getHeader().getInt(MsgSeqNum.FIELD)).isEqualTo(order.msgSeqNum());

        // QuickFIX/J -> ours.
        final quickfix.fix44.NewOrderSingle theirs = new quickfix.fix44.NewOrderSingle(new ClOrdID(order.clOrdId()),
            new Side(order.side()), new TransactTime(LocalDateTime.ofInstant(
                Instant.EPOCH.plusNanos(order.transactTime()), ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS)),
            new OrdType(OrdType.LIMIT));
        theirs.set(new Symbol("TSLA"));
        theirs.setDecimal(OrderQty.FIELD, BigDecimal.valueOf(order.quantity()));
        theirs.setDecimal(Price.FIELD, BigDecimal.valueOf(order.price(), order.priceScale()));
        header(theirs, order.msgSeqNum());
        final String wire = theirs.toString();
        final FixMessage ours = new FixMessage();
        final UnsafeBuffer theirBuffer = bufferOf(wire);
        assertThat(new FixFraming(4096).frame(theirBuffer, 0, wire.length())).isEqualTo(wire.length());
        assertThat(ours.wrap(theirBuffer, 0, wire.length())).isTrue();
        assertThat(ours.valueEquals(Tags.CL_ORD_ID, order.clOrdId())).isTrue();
        assertThat(ours.charValue(Tags.SIDE)).isEqualTo(order.side());
        assertThat(ours.decimalValue(Tags.PRICE, order.priceScale())).isEqualTo(order.price());
        assertThat(ours.decimalValue(Tags.ORDER_QTY, 0)).isEqualTo(order.quantity());
        assertThat(ours.utcTimestampValue(Tags.TRANSACT_TIME)).isEqualTo(Math.floorDiv(order.transactTime(), 1_000_000L) * 1_000_000L);
        assertThat(ours.intValue(Tags.MSG_SEQ_NUM)).isEqualTo(order.msgSeqNum());
    }

    private static UnsafeBuffer bufferOf(final String wire)
    {
        return new UnsafeBuffer(wire.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static long nanos(final LocalDateTime time)
    {
        return ChronoUnit.NANOS.between(Instant.EPOCH, time.toInstant(ZoneOffset.UTC));
    }
}

package dev.tessera.gateway;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.ClientOrderIds;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.fix.FieldType;
import dev.tessera.fix.FixDecimal;
import dev.tessera.fix.FixEncoder;
import dev.tessera.fix.FixMessage;
import dev.tessera.fix.MsgTypes;
import dev.tessera.fix.SessionRejectReason;
import dev.tessera.fix.Tags;
import dev.tessera.pipeline.OrderEntry;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;

/**
 * Decodes a logged-on session's application messages into engine commands on the ring
 * (NewOrderSingle, OrderCancelRequest, OrderCancelReplaceRequest, OrderMassCancelRequest), answers
 * OrderStatusRequest from the report projection (or, for an order, replace or cancel just entered, from {@link
 * EnteredOrders}) and hands MarketDataRequest to market data. What the
 * engine decides comes back later as journaled events; what the gateway can tell at once (a missing
 * tag, an unknown symbol, a price finer than the tick, a full ring) it answers here, with the reject
 * message a FIX client expects. Owner and instrument come from the session and Symbol(55): a session
 * can only ever act for its own owner.
 */
final class OrderEntryAdapter
{
    // Per message type, the fields FIX 4.4 marks required that a message must carry to be acted on: without one it
    // gets Reject(3) 373=1 (FixSession.checkRequired), naming the first missing one in this order. Symbol(55) stands
    // for the Instrument component FIX 4.4 requires on D, F, G and H. Side(54) and Symbol on a cancel, replace or
    // status request are checked against the order (mismatch, statusMismatch); TransactTime(60) is never read (the
    // engine's time is the command's), but FIX 4.4 requires it on D, F, G and q, and it must be a UTCTimestamp
    // (Reject 373=6 otherwise). Account(1) and HandlInst(21) are optional in FIX 4.4, and so is OrderQty(38) on a
    // cancel; on a replace it is the new total, which the gateway cannot do without.
    private static final int[] NEW_ORDER_SINGLE_REQUIRED = {Tags.CL_ORD_ID, Tags.SYMBOL, Tags.SIDE, Tags.ORDER_QTY,
        Tags.ORD_TYPE, Tags.TRANSACT_TIME};
    private static final int[] CANCEL_REQUIRED = {Tags.ORIG_CL_ORD_ID, Tags.CL_ORD_ID, Tags.SYMBOL, Tags.SIDE,
        Tags.TRANSACT_TIME};
    private static final int[] REPLACE_REQUIRED = {Tags.ORIG_CL_ORD_ID, Tags.CL_ORD_ID, Tags.SYMBOL, Tags.SIDE,
        Tags.ORDER_QTY, Tags.ORD_TYPE, Tags.TRANSACT_TIME};
    /** ClOrdID(11) also when the request names its order by OrderID(37), which the lookup then prefers. */
    private static final int[] ORDER_STATUS_REQUIRED = {Tags.CL_ORD_ID, Tags.SYMBOL, Tags.SIDE};
    private static final int[] MASS_CANCEL_REQUIRED = {Tags.CL_ORD_ID, Tags.MASS_CANCEL_REQUEST_TYPE,
        Tags.TRANSACT_TIME};
    /** FIX 4.4 requires the Instrument (Symbol) when MassCancelRequestType(530) is 1, cancel by security. */
    private static final int[] MASS_CANCEL_BY_SECURITY_REQUIRED = {Tags.SYMBOL};
    /**
     * FIX 4.4 fields of a NewOrderSingle or OrderCancelReplaceRequest that change how an order executes and that the
     * venue does not do. Ignored, the order would trade against the client's instruction (an all-or-none order
     * partly filled, an iceberg shown whole), so an order giving one is refused (OrdRejReason 11 on a NewOrderSingle,
     * an OrderCancelReject on a replace). MinQty(110) 0 asks for nothing and passes. Fields that describe the order
     * without changing how it trades (Account, HandlInst, Text, Parties...) are not read and pass.
     */
    private static final int[] UNSUPPORTED_FIELDS = {Tags.STOP_PX, Tags.MIN_QTY, Tags.MAX_FLOOR, Tags.MAX_SHOW,
        Tags.EXPIRE_TIME, Tags.EXPIRE_DATE, Tags.EFFECTIVE_TIME, Tags.PEG_OFFSET_VALUE, Tags.DISCRETION_INST,
        Tags.DISCRETION_OFFSET_VALUE, Tags.TARGET_STRATEGY};
    /**
     * Per {@link #UNSUPPORTED_FIELDS}: the Text(58) of its refusal, before and after the value as sent (the field's
     * name, then what the venue does instead), whole strings, so a refusal allocates nothing.
     */
    private static final String[] UNSUPPORTED_FIELD_TEXTS = {"unsupported StopPx(99)=", "unsupported MinQty(110)=",
        "unsupported MaxFloor(111)=", "unsupported MaxShow(210)=", "unsupported ExpireTime(126)=",
        "unsupported ExpireDate(432)=", "unsupported EffectiveTime(168)=", "unsupported PegOffsetValue(211)=",
        "unsupported DiscretionInst(388)=", "unsupported DiscretionOffsetValue(389)=", "unsupported TargetStrategy(847)="};
    private static final String[] UNSUPPORTED_FIELD_REASONS = {
        ": no stop orders",
        ": no minimum fill quantity (only 0); TimeInForce 4 (FOK) fills all or nothing",
        ": no iceberg orders, the whole quantity is displayed",
        ": no iceberg orders, the whole quantity is displayed",
        ": orders expire by TimeInForce only (6, GTD, is not supported)",
        ": orders expire by TimeInForce only (6, GTD, is not supported)",
        ": an order is active once accepted",
        ": no pegged orders",
        ": no discretionary pricing",
        ": no discretionary pricing",
        ": no execution strategies"};
    /** Text(58) of the OrderMassCancelReport refusing a mass cancel that names a Side(54). */
    private static final String MASS_CANCEL_SIDE = "unsupported Side(54) on an OrderMassCancelRequest: a mass cancel " +
        "takes the orders of both sides; leave Side out, or cancel one side's orders one by one";
    /** PriceType(423) 2, per unit: what every price of this venue is. */
    private static final int PRICE_TYPE_PER_UNIT = 2;
    /** Text(58) of a refused PriceType(423), before the value as sent and after it. */
    private static final String PRICE_TYPE_TEXT = "unsupported PriceType(423)=";
    private static final String PRICE_TYPE_REASON = ": only 2 (per unit), what Price(44) always is here";
    /** What of a refused field's value a Text(58) repeats: enough to recognise it, bounded. */
    private static final int MAX_ECHOED_VALUE_LENGTH = 32;
    /** Text(58) of the Reject(3) 373=6 of an ExecInst(18) that is no MultipleValueString of one-character values. */
    private static final String EXEC_INST_FORMAT = "ExecInst(18) must be one-character values separated by single " +
        "spaces (6, or 6 G)";
    /** The fields order entry reads: each may appear once, or which one counts would be a guess. */
    private static final int[] ORDER_ENTRY_SINGLE = {Tags.CL_ORD_ID, Tags.ORIG_CL_ORD_ID, Tags.ORDER_ID, Tags.SYMBOL,
        Tags.SIDE, Tags.ORDER_QTY, Tags.ORD_TYPE, Tags.PRICE, Tags.TIME_IN_FORCE, Tags.EXEC_INST,
        Tags.MASS_CANCEL_REQUEST_TYPE};
    /** The venue's rule for ClOrdIDs ({@link ClientOrderIds}), in words. */
    private static final String CL_ORD_ID_FORMS = "1 to " + ClientOrderIds.MAX_NUMERIC_LENGTH + " digits without a " +
        "leading zero, or 1 to " + ClientOrderIds.MAX_PACKED_LENGTH + " characters of letters, digits and -_.:/+#@*!";
    /** What a client is told when its ClOrdID does not fit the rule. */
    private static final String CL_ORD_ID_RULE = "ClOrdID must be " + CL_ORD_ID_FORMS;
    /** What a client is told when the OrigClOrdID of a cancel or replace does not fit the rule: no order has it. */
    private static final String ORIG_CL_ORD_ID_RULE = "unknown order: OrigClOrdID(41) is no ClOrdID of this venue (" +
        CL_ORD_ID_FORMS + ")";
    /** What a client is told when a cancel or replace reuses the ClOrdID of the order it names. */
    private static final String SAME_CL_ORD_ID = "ClOrdID(11) is the OrigClOrdID(41): a cancel or replace needs a " +
        "new ClOrdID of its own";
    /** Text(58) of the Reject(3) of a TransactTime(60) that is no UTCTimestamp (dev.tessera.fix.UtcTimestamp). */
    private static final String TRANSACT_TIME_FORMAT = "TransactTime(60) must be a UTCTimestamp: YYYYMMDD-HH:MM:SS, " +
        "or with 3, 6, 9 or 12 fraction digits (YYYYMMDD-HH:MM:SS.sss)";
    /** What a client is told when a cancel or replace reuses a ClOrdID its order went by (not the OrigClOrdID). */
    private static final String ORDERS_CL_ORD_ID = "ClOrdID(11) is one the order goes or went by: a cancel or " +
        "replace needs a new ClOrdID of its own";
    /** What a client is told when a cancel or replace takes a ClOrdID another live order goes or went by. */
    private static final String OTHER_ORDERS_CL_ORD_ID = "ClOrdID(11) is one another live order of the session goes " +
        "or went by: ClOrdIDs are unique per session and day";
    /** What a client is told when a NewOrderSingle takes a ClOrdID a live order went by before a replace. */
    private static final String WENT_BY_CL_ORD_ID = "ClOrdID(11) is one a live order of the session went by before " +
        "a replace: ClOrdIDs are unique per session and day (free again once that order is done)";
    /** Text(58) of the Reject(3) 373=1 of a limit order or limit replace without Price(44). */
    private static final String LIMIT_PRICE_REQUIRED = "Price(44) is required for a limit order";
    /** Text(58) of the Reject(3) of an OrderQty(38) or a Price(44) that is no FIX float. */
    private static final String ORDER_QTY_FORMAT = "OrderQty(38) must be a FIX float: digits, an optional '-' and '.'";
    private static final String PRICE_FORMAT = "Price(44) must be a FIX float: digits, an optional '-' and '.'";
    private static final String BUSY = "exchange busy: try again";
    private static final String CLOSED = "exchange is shutting down";
    private static final String JOURNAL_FULL = "exchange cannot take orders: the journal's file system is nearly full";
    private static final String THROTTLED = "throttle exceeded: too many messages per second";
    private static final String RESEND_OF_FORGOTTEN = "possible resend of an order decided earlier under this " +
        "ClOrdID (accepted, or rejected) whose state is no longer kept to be sent: not entered again; its reports " +
        "are in this session's history (ResendRequest)";
    private static final String RESEND_OF_REFUSED = "possible resend of a cancel or replace refused earlier under " +
        "this ClOrdID: not entered again; its reject is in this session's history (ResendRequest)";
    private static final String RESEND_NOT_CHECKED_YET = "possible resend not checked yet: the gateway is still " +
        "reading the order history since its restart; not entered, send it again shortly";
    private static final int BUSINESS_REJECT_OTHER = 0;
    private static final int BUSINESS_REJECT_APPLICATION_NOT_AVAILABLE = 4;
    private static final int ORD_REJ_UNKNOWN_SYMBOL = 1;
    private static final int ORD_REJ_EXCHANGE_CLOSED = 2;
    /** OrdRejReason(103) duplicate order, as the engine's duplicate ClOrdID reject is reported. */
    private static final int ORD_REJ_DUPLICATE_ORDER = 6;
    private static final int ORD_REJ_UNSUPPORTED = 11;
    private static final int ORD_REJ_INCORRECT_QUANTITY = 13;
    private static final int ORD_REJ_OTHER = 99;
    /** CxlRejReason(102) 0: too late to cancel (the order is done). */
    private static final int CXL_REJ_TOO_LATE = 0;
    /** CxlRejReason(102) 1: unknown order. */
    private static final int CXL_REJ_UNKNOWN_ORDER = 1;
    /** CxlRejReason(102) 3: order already in Pending Cancel or Pending Replace status. */
    private static final int CXL_REJ_ALREADY_PENDING = 3;
    /** CxlRejReason(102) duplicate ClOrdID received, as the engine's duplicate ClOrdID reject is reported. */
    private static final int CXL_REJ_DUPLICATE_CL_ORD_ID = 6;
    private static final int CXL_REJ_OTHER = 99;
    private static final String NOT_WHOLE = "OrderQty must be a whole number";
    private static final String OTHER_SYMBOL = "Symbol(55) is not the order's symbol";
    private static final String SIDE_NOT_ORDERS = "Side(54) is not the order's side";
    private static final String OTHER_SIDE = SIDE_NOT_ORDERS + ": a replace cannot change it";
    private static final String OTHER_ORD_TYPE = "OrdType(40) is not the order's type: a replace cannot change it";
    private static final String UNKNOWN = "unknown order";
    private static final String UNKNOWN_OTHER_SYMBOL = UNKNOWN + ": " + OTHER_SYMBOL;
    private static final String UNKNOWN_OTHER_SIDE = UNKNOWN + ": " + SIDE_NOT_ORDERS;
    private static final String OTHER_TIME_IN_FORCE =
        "TimeInForce(59) is not the order's: a replace cannot change it";
    /** Text(58) of a cancel or replace refused with CxlRejReason 3 while a cancel of its order is in flight. */
    private static final String ALREADY_PENDING_CANCEL = "order already pending cancel: a cancel of it was in flight " +
        "when this request came, so it was not entered";
    private static final String OTHER_POST_ONLY =
        "ExecInst(18) adds or drops post-only (6): a replace cannot change it; leave ExecInst out to keep the order's";

    /**
     * Text(58) of a cancel or replace whose OrderID(37) and OrigClOrdID(41) name two orders of the session: which one
     * the client meant is not known, so neither is touched (QA 99: the OrderID's was, and a reject naming the other
     * order by 41 said it was cancelled).
     */
    private static final String NAMES_TWO_ORDERS = "OrderID(37) and OrigClOrdID(41) name different orders: neither " +
        "is changed";
    /** An OrderID(37) this venue never issued (not a number, negative): it names no order, as an unknown number. */
    private static final long NO_SUCH_ORDER_ID = Long.MAX_VALUE;
    /** What a report carries in OrderID(37) before the order has one: read as no OrderID given. */
    private static final String NO_ORDER_ID = "NONE";

    private static final long NOTHING_ENTERED = SessionStore.NOTHING_ENTERED;

    private final OrderEntry entry;
    private final Symbols symbols;
    private final ExecutionReportPublisher reports;
    /**
     * Orders, replaces, cancels and mass cancels entered and not yet read back from the journal: a request right behind
     * one is checked, and a status request or reject right behind one reports the order pending.
     */
    private final EnteredOrders entered = new EnteredOrders(EnteredOrders.INITIAL_CAPACITY);
    private final MarketDataPublisher marketData;
    /** The gateway's clock (the one SendingTime is read from): TransactTime of what the gateway decides itself. */
    private final EpochNanoClock clock;
    /** Numbers of the ids of messages the gateway makes itself; opened by the gateway's start. */
    private GatewayIds gatewayIds;
    /** The Text(58) of a refused instruction, naming its value: reused, so refusing one allocates nothing. */
    private final StringBuilder instructionProblem = new StringBuilder(128);
    /** The session and inbound MsgSeqNum whose message is being handled: a command it enters is recorded there. */
    private SessionStore receivingStore;
    private int receivingMsgSeqNum;
    /** The command of the last journal record the gateway read: its reports are sent. */
    private long lastCommandRead;
    /**
     * Throttled messages held by the sessions logged on ({@link HeldRejects}): a field read, checked on every journal
     * record. Those of a session away are left out until it logs on again, so they cost the records nothing.
     */
    private int heldRejects;
    /** A held throttled message, parsed again to be answered. */
    private final FixMessage heldMessage = new FixMessage();
    private final int maxMessageBytes;

    OrderEntryAdapter(final OrderEntry entry, final Symbols symbols, final ExecutionReportPublisher reports,
        final MarketDataPublisher marketData, final EpochNanoClock clock, final int maxMessageBytes)
    {
        this.maxMessageBytes = maxMessageBytes;
        this.entry = entry;
        this.symbols = symbols;
        this.reports = reports;
        this.marketData = marketData;
        this.clock = clock;
        entry.onClaimed(this::onClaimed);
    }

    /**
     * @return the sequence of the command the message entered on the ring, or {@link SessionStore#NOTHING_ENTERED}
     *     (answered here, or no command): the session records it, to ask for the message again if a crash loses
     *     its command before it is journaled.
     */
    long onMessage(final FixSession session, final FixMessage message, final int msgSeqNum)
    {
        receivingStore = session.store;
        receivingMsgSeqNum = msgSeqNum;
        try
        {
            return dispatch(session, message, msgSeqNum);
        }
        finally
        {
            receivingStore = null;
        }
    }

    /**
     * Whether the cancel or replace must wait, unread, for the gateway to read the journal further (QA 103): it names
     * its order, without an OrderID, by a ClOrdID a replace entered ahead of it is replacing, and the order's own
     * acknowledgement is not read yet, so no OrderID can go with it. Sent by the ClOrdID that replace gives the order
     * instead, it found no order when the engine refused the replace (FIX 4.4 has it name the last ClOrdID not
     * rejected), and the order lived on. Read as soon as the acknowledgement is (or that replace's refusal, should the
     * order have been refused too), it goes by the order's OrderID, whatever becomes of the replace.
     */
    boolean waitsForAcknowledgement(final FixSession session, final FixMessage message)
    {
        final int msgType = message.msgType();
        // Asked of every message: with no replace in flight (the usual case) nothing is parsed or encoded twice.
        if (msgType != MsgTypes.ORDER_CANCEL_REQUEST && msgType != MsgTypes.ORDER_CANCEL_REPLACE_REQUEST ||
            !entered.hasReplacesInFlight() || orderId(message) != 0)
        {
            return false;
        }
        final long origClOrdId = clOrdId(message, Tags.ORIG_CL_ORD_ID);
        final OrderState replacing =
            origClOrdId == ClientOrderIds.INVALID ? null : replacing(session.owner, origClOrdId);
        return replacing != null && replacing.orderId == 0;
    }

    /** The gateway read the journal record of command {@code commandSequence}: the projection has its outcome. */
    void onJournaled(final long commandSequence)
    {
        entered.retire(commandSequence);
        lastCommandRead = commandSequence;
    }

    /**
     * A command's sequence, recorded for the message that entered it before the command is published: a crash
     * can then never leave a journaled command's message marked as still being entered (and asked for again).
     */
    private void onClaimed(final long commandSequence)
    {
        if (receivingStore != null)
        {
            receivingStore.received(receivingMsgSeqNum, commandSequence);
        }
    }

    private long dispatch(final FixSession session, final FixMessage message, final int msgSeqNum)
    {
        if (isOrderEntry(message.msgType()) && !session.checkSingle(message, msgSeqNum, ORDER_ENTRY_SINGLE))
        {
            return NOTHING_ENTERED;
        }
        switch (message.msgType())
        {
            case MsgTypes.NEW_ORDER_SINGLE:
                return onNewOrderSingle(session, message, msgSeqNum);
            case MsgTypes.ORDER_CANCEL_REQUEST:
                return onCancel(session, message, msgSeqNum);
            case MsgTypes.ORDER_CANCEL_REPLACE_REQUEST:
                return onReplace(session, message, msgSeqNum);
            case MsgTypes.ORDER_STATUS_REQUEST:
                onOrderStatus(session, message, msgSeqNum);
                break;
            case MsgTypes.ORDER_MASS_CANCEL_REQUEST:
                return onMassCancel(session, message, msgSeqNum);
            case MsgTypes.MARKET_DATA_REQUEST:
                marketData.onRequest(session, message, msgSeqNum);
                break;
            default:
                if (MsgTypes.isDefined(message.msgType()))
                {
                    businessReject(session, message, msgSeqNum, 3, "unsupported message type");
                }
                else
                {
                    session.reject(message, msgSeqNum, SessionRejectReason.INVALID_MSG_TYPE, Tags.MSG_TYPE,
                        "invalid MsgType");
                }
                break;
        }
        return NOTHING_ENTERED;
    }

    private static boolean isOrderEntry(final int msgType)
    {
        return msgType == MsgTypes.NEW_ORDER_SINGLE || msgType == MsgTypes.ORDER_CANCEL_REQUEST ||
            msgType == MsgTypes.ORDER_CANCEL_REPLACE_REQUEST || msgType == MsgTypes.ORDER_STATUS_REQUEST ||
            msgType == MsgTypes.ORDER_MASS_CANCEL_REQUEST;
    }

    /**
     * Over the session's throttle: rejected, never entered. At once when the session has no command in flight;
     * otherwise the reject is held until the gateway has read back the last command the session entered, and so
     * sent its ack ({@link HeldRejects}): a reject sent at once would overtake the reports of earlier requests.
     */
    void onThrottled(final FixSession session, final FixMessage message, final int msgSeqNum)
    {
        rejectBehindAcks(session, message, msgSeqNum, HeldRejects.THROTTLED, 0);
    }

    /**
     * Refuses the message for {@code kind} ({@link HeldRejects}): at once when the session has no command in flight;
     * otherwise once the gateway has read back the last command the session entered and sent its reports. {@code
     * orderId}: the OrderID of the order a refused cancel or replace names, 0 for none or not known yet.
     */
    private void rejectBehindAcks(final FixSession session, final FixMessage message, final int msgSeqNum,
        final byte kind, final long orderId)
    {
        final HeldRejects held = session.heldRejects;
        if (session.lastCommandEntered > lastCommandRead || (held != null && !held.isEmpty()))
        {
            if (held == null && !openHeldRejects(session))
            {
                reject(session, message, msgSeqNum, kind, orderId);
                return;
            }
            session.heldRejects.hold(message.buffer(), message.offset(), message.length(), msgSeqNum,
                session.lastCommandEntered, kind, orderId);
            heldRejects++;
            return;
        }
        reject(session, message, msgSeqNum, kind, orderId);
    }

    /**
     * Once per session, at its first hold: the file its held rejects are kept in, so that a restart keeps them. When
     * it cannot be made (a full disk, an unwritable directory), the session's rejects are answered at once from then on,
     * as before rejects were held (one may overtake the ack of an earlier request), rather than lost or failing the
     * gateway thread; said once.
     *
     * @return whether the session now has its held rejects.
     */
    private boolean openHeldRejects(final FixSession session)
    {
        if (session.heldRejectsUnwritable)
        {
            return false;
        }
        try
        {
            session.heldRejects = session.store.heldRejects(maxMessageBytes);
            return true;
        }
        catch (final RuntimeException ex)
        {
            session.heldRejectsUnwritable = true;
            session.warn("held rejects cannot be kept (" + ex.getMessage() + "): this session's rejects are " +
                "answered at once until the exchange restarts");
            return false;
        }
    }

    private void reject(final FixSession session, final FixMessage message, final int msgSeqNum, final byte kind,
        final long orderId)
    {
        if (kind == HeldRejects.PENDING_CANCEL)
        {
            rejectAsPendingCancel(session, message, orderId);
        }
        else if (kind == HeldRejects.POSSIBLE_RESEND)
        {
            answerResendOfDecided(session, message, msgSeqNum);
        }
        else
        {
            rejectThrottled(session, message, msgSeqNum);
        }
    }

    /** Whether a session logged on holds a throttled message's reject (a field read: checked on every journal record). */
    boolean holdsRejects()
    {
        return heldRejects > 0;
    }

    /**
     * Sends the session's held rejects whose wait is over: the commands entered before them have been read back.
     * Only while it is live, as their acks went out live then (a session catching up gets them first).
     */
    void releaseHeldRejects(final FixSession session)
    {
        final HeldRejects held = session.heldRejects;
        if (held == null || !session.isLive())
        {
            return;
        }
        while (held.headDue(lastCommandRead) && session.connection().hasRoom())
        {
            if (heldMessage.wrap(held.buffer(), held.headOffset(), held.headLength()))
            {
                reject(session, heldMessage, held.headMsgSeqNum(), held.headKind(), held.headOrderId());
            }
            held.removeHead();
            heldRejects--;
        }
    }

    /**
     * The session's connection is gone. Its held rejects stay held, not sent: their messages' MsgSeqNums are used up,
     * so the client will not send them again, and its next logon gets them after its catch-up ({@link #onLogon}).
     */
    void onDisconnect(final FixSession session)
    {
        final HeldRejects held = session.heldRejects;
        // Only when counted, so that no sequence of closes and logons takes them off the count twice (a refused Logon
        // binds the connection, and its close may come here without an onLogon before it).
        if (held != null && held.counted)
        {
            held.counted = false;
            heldRejects -= held.count();
        }
    }

    /** The session logged on again: what it held while away is released once it is live (GatewayAgent.resumeLive). */
    void onLogon(final FixSession session)
    {
        final HeldRejects held = session.heldRejects;
        if (held != null && !held.counted)
        {
            held.counted = true;
            heldRejects += held.count();
        }
    }

    private void rejectThrottled(final FixSession session, final FixMessage message, final int msgSeqNum)
    {
        if (answeredAsResendOfDecided(session, message, msgSeqNum))
        {
            return;
        }
        switch (message.msgType())
        {
            case MsgTypes.NEW_ORDER_SINGLE:
                orderReject(session, message, THROTTLED);
                break;
            case MsgTypes.ORDER_CANCEL_REQUEST:
                // Held, it is answered after the acks before it, by when its order may be done (a cancel-on-disconnect
                // ends them before the next logon): its final OrdStatus and OrderID, not 8 and NONE.
                cancelReject(session, message, '1', requestedOrder(session, message, 0), CXL_REJ_OTHER, THROTTLED);
                break;
            case MsgTypes.ORDER_CANCEL_REPLACE_REQUEST:
                cancelReject(session, message, '2', requestedOrder(session, message, 0), CXL_REJ_OTHER, THROTTLED);
                break;
            default:
                businessReject(session, message, msgSeqNum, BUSINESS_REJECT_OTHER, THROTTLED);
                break;
        }
    }

    /**
     * A cancel or replace of an order that a cancel or mass cancel the session entered was taking when it came
     * ({@link #pendingCancel}): OrderCancelReject, CxlRejReason(102) 3 (order already in Pending Cancel status, FIX
     * 4.4). Made once the session's earlier commands are read back ({@link #rejectBehindAcks}), so after that cancel's
     * Canceled (or its reject): OrdStatus(39) is the order's status then, 4 once cancelled (2 had it filled first), as
     * the order's reports have had it, never a 6 that would take the client's order back to pending. The order is found
     * by {@code orderId}, its OrderID when the request came (0 when not known then), or else as the request names it.
     */
    private void rejectAsPendingCancel(final FixSession session, final FixMessage message, final long orderId)
    {
        cancelReject(session, message, message.msgType() == MsgTypes.ORDER_CANCEL_REQUEST ? '1' : '2',
            requestedOrder(session, message, orderId), CXL_REJ_ALREADY_PENDING, ALREADY_PENDING_CANCEL);
    }

    /**
     * The order a cancel or replace answered now names, live or done: by {@code orderId}, its OrderID when the request
     * came (0 when not known then), or else as the request names it; among the done orders when not live (done since,
     * as a held request's order most often is: remembered by OrderID, or by the ClOrdID its last reports carried).
     * {@code null} when not known.
     */
    private OrderState requestedOrder(final FixSession session, final FixMessage message, final long orderId)
    {
        final OrderState order = orderId != 0 ? reports.order(orderId) : namedOrder(session, message);
        if (order != null)
        {
            return order;
        }
        final long origClOrdId = clOrdId(message, Tags.ORIG_CL_ORD_ID);
        final OrderState done =
            reports.doneOrder(session.owner, orderId != 0 ? orderId : orderId(message), origClOrdId);
        // Named, right behind a replace, by the ClOrdID that replace replaced, before the order's OrderID was known.
        return done != null || orderId != 0 ? done : reports.doneOrderByReplacedClOrdId(session.owner, origClOrdId);
    }

    /**
     * Whether a cancel or replace of {@code order} (as {@link #namedOrder} found it) comes while a cancel or mass cancel
     * the session entered and the gateway has not read back is taking the order ({@link #currentStatus} 6). The engine
     * would cancel the order first and then refuse this request as too late (or, for a cancel naming the order by a
     * ClOrdID a replace gave it, as unknown), so it is refused here, without a command, with CxlRejReason 3 (FIX 4.4:
     * order already in Pending Cancel status). A request behind a replace in flight is not: FIX 4.4 lets the venue
     * process replaces in sequence (Appendix D, replace chaining), and this gateway does, a cancel right behind a replace
     * cancelling the order as replaced. With no cancel or mass cancel in flight this scans nothing.
     */
    private boolean pendingCancel(final FixSession session, final OrderState order)
    {
        return order != null && currentStatus(session.owner, order) == EnteredOrders.PENDING_CANCEL;
    }

    /**
     * Cancel-on-disconnect: every resting order of the owner, as a mass cancel with client order id 0 (no
     * client's ClOrdID maps to 0, so its reports say "cancel on disconnect" and no mass cancel report is made).
     * When the connection drops, when the server shuts down with the session logged on, and at start-up for
     * the orders a stopped server left (GatewayAgent).
     *
     * @return false when it is to be tried again: the ring was busy, or the journal's file system is full to its
     *         floor (then no command goes in, and the cancel stays owed until there is room: QA 125 F1).
     */
    boolean cancelAll(final FixSession session)
    {
        final long result = entry.massCancel(session.owner, 0, 0);
        if (result >= 0)
        {
            session.mayHaveRestingOrders = false;
            // A session that logs on again before it is read back finds its orders pending cancel.
            entered.addMassCancel(result, session.owner, 0, 0);
        }
        return result != OrderEntry.BUSY && result != OrderEntry.JOURNAL_FULL;
    }

    private long onNewOrderSingle(final FixSession session, final FixMessage message, final int msgSeqNum)
    {
        if (!checkRequiredAndFormats(session, message, msgSeqNum, NEW_ORDER_SINGLE_REQUIRED) ||
            !session.checkFormat(message, msgSeqNum, Tags.EXEC_INST, FieldType.MULTIPLE_CHAR_VALUE, EXEC_INST_FORMAT))
        {
            return NOTHING_ENTERED;
        }
        final long clOrdId = clOrdId(message, Tags.CL_ORD_ID);
        if (clOrdId == ClientOrderIds.INVALID)
        {
            orderReject(session, message, CL_ORD_ID_RULE);
            return NOTHING_ENTERED;
        }
        if (isPossibleResend(message) &&
            (answeredAsResend(session, message, msgSeqNum, clOrdId, 0) ||
            refusedAsResendOfForgotten(session, message, msgSeqNum, clOrdId)))
        {
            return NOTHING_ENTERED;
        }
        if (wentBy(session.owner, clOrdId) != null)
        {
            // The engine knows live orders by their current ClOrdID only (it refuses a new order under one itself).
            orderReject(session, message, ORD_REJ_DUPLICATE_ORDER, WENT_BY_CL_ORD_ID);
            return NOTHING_ENTERED;
        }
        final InstrumentConfig instrument = instrument(message);
        if (instrument == null)
        {
            orderReject(session, message, ORD_REJ_UNKNOWN_SYMBOL, "unknown symbol");
            return NOTHING_ENTERED;
        }
        final Side side = side(message.charValue(Tags.SIDE));
        if (side == null)
        {
            orderReject(session, message, ORD_REJ_UNSUPPORTED, "unsupported Side: only 1 (buy) and 2 (sell)");
            return NOTHING_ENTERED;
        }
        final char ordTypeValue = message.charValue(Tags.ORD_TYPE);
        final OrderType orderType = ordTypeValue == '1' ? OrderType.MARKET : ordTypeValue == '2' ? OrderType.LIMIT : null;
        if (orderType == null)
        {
            orderReject(session, message, ORD_REJ_UNSUPPORTED, "unsupported OrdType: only 1 (market) and 2 (limit)");
            return NOTHING_ENTERED;
        }
        final TimeInForce timeInForce = timeInForce(message);
        if (timeInForce == null)
        {
            orderReject(session, message, ORD_REJ_UNSUPPORTED,
                "unsupported TimeInForce: only 0 (day), 1 (GTC), 3 (IOC) and 4 (FOK)");
            return NOTHING_ENTERED;
        }
        final CharSequence unsupported = unsupportedInstruction(message, orderType == OrderType.MARKET);
        if (unsupported != null)
        {
            orderReject(session, message, ORD_REJ_UNSUPPORTED, unsupported);
            return NOTHING_ENTERED;
        }
        final long quantity = quantity(message);
        if (!FixDecimal.isValue(quantity))
        {
            orderReject(session, message, ORD_REJ_INCORRECT_QUANTITY, quantityProblem(message, quantity));
            return NOTHING_ENTERED;
        }
        long price = 0;
        if (orderType == OrderType.LIMIT)
        {
            if (!message.hasField(Tags.PRICE))
            {
                session.reject(message, msgSeqNum, SessionRejectReason.REQUIRED_TAG_MISSING, Tags.PRICE,
                    LIMIT_PRICE_REQUIRED);
                return NOTHING_ENTERED;
            }
            price = price(message, instrument);
            if (price == FixDecimal.MALFORMED || price == FixDecimal.NOT_EXACT)
            {
                orderReject(session, message, priceProblem(message, price, instrument));
                return NOTHING_ENTERED;
            }
        }
        final boolean postOnly = hasExecInst(message, '6');
        final long result = entry.newOrder(session.owner, instrument.id(), clOrdId, side, orderType, timeInForce,
            postOnly, price, quantity);
        if (result < 0)
        {
            orderReject(session, message, result == OrderEntry.CLOSED ? ORD_REJ_EXCHANGE_CLOSED : ORD_REJ_OTHER,
                refusal(result));
            return NOTHING_ENTERED;
        }
        entered.add(result, session.owner, clOrdId).order(session.owner, clOrdId, instrument.id(), side.value(),
            orderType.value(), timeInForce.value(), postOnly, price, quantity);
        session.mayHaveRestingOrders = true;
        return result;
    }

    /**
     * A message of a type whose {@code requiredTags} include TransactTime(60): each required field present (Reject
     * 373=1 otherwise, {@link FixSession#checkRequired}); TransactTime a UTCTimestamp, as FIX 4.4 defines the
     * field's type (the gateway never reads the value, but a malformed one is the sign of a client that builds its
     * messages wrong, and FIX has a session reject for it); OrderQty(38) and Price(44), when there, FIX floats
     * (digits, an optional '-' and '.': not {@code abc}, {@code 1e2} or {@code +189.5}). A value of the wrong format
     * gets Reject 373=6 with RefTagID the tag; one well formed that the venue's rules refuse (a fraction of a lot, a
     * price off its scale) is the business reject of the message type. @return whether the message may be acted on.
     */
    private static boolean checkRequiredAndFormats(final FixSession session, final FixMessage message,
        final int msgSeqNum, final int[] requiredTags)
    {
        return session.checkRequired(message, msgSeqNum, requiredTags) &&
            session.checkFormat(message, msgSeqNum, Tags.TRANSACT_TIME, FieldType.UTC_TIMESTAMP, TRANSACT_TIME_FORMAT) &&
            session.checkFormat(message, msgSeqNum, Tags.ORDER_QTY, FieldType.DECIMAL, ORDER_QTY_FORMAT) &&
            session.checkFormat(message, msgSeqNum, Tags.PRICE, FieldType.DECIMAL, PRICE_FORMAT);
    }

    /**
     * PossDupFlag(43)=Y (a session-level resend) or PossResend(97)=Y (the application's own): the client does not
     * know whether the exchange has this order. FIX 4.4 has the receiver look the ClOrdID up and not take a known
     * order a second time. A resend the client makes after a crash or a power cut (its answer never came out) would
     * otherwise be a second order once the first was done, and a duplicate-ClOrdID reject of a live one, which the
     * client would take for the order's fate.
     */
    private static boolean isPossibleResend(final FixMessage message)
    {
        return message.hasField(Tags.POSS_DUP_FLAG) && message.booleanValue(Tags.POSS_DUP_FLAG) ||
            message.hasField(Tags.POSS_RESEND) && message.booleanValue(Tags.POSS_RESEND);
    }

    /**
     * A possibly resent NewOrderSingle, OrderCancelRequest or OrderCancelReplaceRequest whose own ClOrdID names an
     * order of the session, live or remembered done ({@code gateway.doneOrders}), also one it went by before a replace
     * (the latest {@link EarlierClOrdIds#MAX_PER_ORDER}): answered with that order's status (ExecType I, under the
     * ClOrdID it goes by now) and not entered. A ClOrdID is taken by an order when its request succeeds (a replaced order goes
     * by the replace's, a cancelled one's last report carries the cancel's), so the request was carried out before.
     * Entered again, a replace would be a second one, or a reject when the order no longer goes by its OrigClOrdID;
     * a cancel would be rejected as too late: answers the client would take for its request's fate. One whose original
     * the session entered and the gateway has not read back (an order, replace or cancel in flight under this ClOrdID)
     * is held ({@link HeldRejects#POSSIBLE_RESEND}) and answered once the original's reports are out, as a copy of a
     * decided request is ({@link #answerResendOfDecided}; QA 118 F4: it got no answer, and a cancel's copy was refused
     * as pending cancel, by its own original). Looking for a cancel in flight by its own ClOrdID is a scan of the
     * entries in flight, but only for a possible resend, and none while no cancel is in flight.
     *
     * @param orderId the request's OrderID(37), 0 when it has none; a known order with another is not this one.
     * @return whether it was answered, or held to be.
     */
    private boolean answeredAsResend(final FixSession session, final FixMessage message, final int msgSeqNum,
        final long clOrdId, final long orderId)
    {
        final OrderState known = decidedOrder(session.owner, clOrdId);
        if (known != null)
        {
            if (orderId != 0 && known.orderId != orderId)
            {
                return false;
            }
            sendStatus(session, known);
            return true;
        }
        if (!inFlight(session.owner, clOrdId))
        {
            return false;
        }
        rejectBehindAcks(session, message, msgSeqNum, HeldRejects.POSSIBLE_RESEND, 0);
        return true;
    }

    /**
     * The order of {@code owner} that goes or went by {@code clOrdId} as the projection knows it: live, remembered
     * done, or replaced since (QA 103: "state no longer kept" of a live order), as it stands; {@code null} when none.
     */
    private OrderState decidedOrder(final long owner, final long clOrdId)
    {
        OrderState known = reports.orderByClOrdId(owner, clOrdId);
        if (known == null)
        {
            known = reports.doneOrder(owner, 0, clOrdId);
        }
        if (known == null)
        {
            known = reports.orderThatWentBy(owner, clOrdId);
            if (known == null)
            {
                known = reports.doneOrderThatWentBy(owner, clOrdId);
            }
        }
        return known;
    }

    /** Whether an order, replace or cancel of {@code owner} under {@code clOrdId} is entered and not read back. */
    private boolean inFlight(final long owner, final long clOrdId)
    {
        return entered.find(owner, clOrdId) != null || entered.cancel(owner, clOrdId) != null;
    }

    /**
     * A possible resend held while its original was in flight ({@link #answeredAsResend}), once the original is read
     * back and its reports are out: answered as a copy of a decided request is, never entered. Carried out (an order
     * accepted, a replace or cancel done): the order's status, ExecType I. An order the engine rejected: the
     * BusinessMessageReject of {@link #refusedAsResendOfForgotten}. A cancel or replace the engine refused: an
     * OrderCancelReject, after the original's, with the order's status then (CxlRejReason 0, too late, when the order
     * is done, as the engine's reject of the copy would be; 99 otherwise), never "pending cancel". Nothing when the
     * original is not known at all (its command lost with a crash: the client is asked for both again at its next
     * logon) or is still in flight (held rejects that cannot be kept are answered at once: its reports are on their
     * way).
     */
    private void answerResendOfDecided(final FixSession session, final FixMessage message, final int msgSeqNum)
    {
        final int msgType = message.msgType();
        if (answeredAsResendOfDecided(session, message, msgSeqNum) ||
            inFlight(session.owner, clOrdId(message, Tags.CL_ORD_ID)) || msgType == MsgTypes.NEW_ORDER_SINGLE)
        {
            return;
        }
        final OrderState order = requestedOrder(session, message, 0);
        cancelReject(session, message, msgType == MsgTypes.ORDER_CANCEL_REQUEST ? '1' : '2', order,
            order != null && order.done() ? CXL_REJ_TOO_LATE : CXL_REJ_OTHER, RESEND_OF_REFUSED);
    }

    /**
     * A throttled possible resend (PossDupFlag or PossResend) of an order, cancel or replace the session's earlier
     * commands decided, answered as a copy of a decided one is (the status of the order it was carried out on; for an
     * order the engine decided and no longer known, the BusinessMessageReject) rather than refused as throttled: a
     * Rejected under the ClOrdID of a live order, or a cancel's reject after its Canceled, would contradict the
     * original (QA 124 N1). Anything else a throttled possible resend is refused as any throttled message is.
     * @return whether it was answered.
     */
    private boolean answeredAsResendOfDecided(final FixSession session, final FixMessage message, final int msgSeqNum)
    {
        final int msgType = message.msgType();
        if (msgType != MsgTypes.NEW_ORDER_SINGLE && msgType != MsgTypes.ORDER_CANCEL_REQUEST &&
            msgType != MsgTypes.ORDER_CANCEL_REPLACE_REQUEST || !isPossibleResend(message))
        {
            return false;
        }
        final long clOrdId = clOrdId(message, Tags.CL_ORD_ID);
        return clOrdId != ClientOrderIds.INVALID && (sentStatusOfCarriedOut(session, message, clOrdId) ||
            msgType == MsgTypes.NEW_ORDER_SINGLE && !inFlight(session.owner, clOrdId) &&
            refusedAsResendOfForgotten(session, message, msgSeqNum, clOrdId));
    }

    /**
     * When the order, cancel or replace {@code message} copies was carried out (an order that goes or went by its
     * ClOrdID, and has its OrderID when it names one), sends that order's status. @return whether it did.
     */
    private boolean sentStatusOfCarriedOut(final FixSession session, final FixMessage message, final long clOrdId)
    {
        final long orderId = message.msgType() == MsgTypes.NEW_ORDER_SINGLE ? 0 : orderId(message);
        final OrderState known = decidedOrder(session.owner, clOrdId);
        if (known == null || orderId != 0 && known.orderId != orderId)
        {
            return false;
        }
        sendStatus(session, known);
        return true;
    }

    /**
     * A possibly resent NewOrderSingle, not live, not remembered done and not just entered ({@link
     * #answeredAsResend}), whose ClOrdID the engine may have decided a new order of the session under ({@link
     * DecidedClOrdIds}): one accepted and done too long ago to be remembered in full, or one the engine rejected.
     * Entered, it would be that order a second time, or a second decision about it (accepted this time, say, after the
     * client was told it was rejected), so it is refused with a BusinessMessageReject, which says nothing of the
     * order's state (not kept here); the client has the order's reports in its session's history. While the gateway
     * is still reading the order history a restart from a snapshot skipped, no resend can be told apart from a new
     * order, and each is refused as not checked yet. @return whether it was refused.
     */
    private boolean refusedAsResendOfForgotten(
        final FixSession session, final FixMessage message, final int msgSeqNum, final long clOrdId)
    {
        final DecidedClOrdIds decided = reports.decidedClOrdIds();
        if (!decided.complete())
        {
            businessReject(session, message, msgSeqNum, BUSINESS_REJECT_APPLICATION_NOT_AVAILABLE,
                RESEND_NOT_CHECKED_YET);
            return true;
        }
        if (decided.mightHave(session.owner, clOrdId))
        {
            businessReject(session, message, msgSeqNum, BUSINESS_REJECT_OTHER, RESEND_OF_FORGOTTEN);
            return true;
        }
        return false;
    }

    /**
     * A possibly resent OrderMassCancelRequest whose ClOrdID names a mass cancel of the session's completed lately:
     * answered with that mass cancel's report (what it cancelled then), not executed again, which would cancel the
     * orders the client entered after it too. @return whether it was answered.
     */
    private boolean answeredAsResentMassCancel(final FixSession session, final long clOrdId)
    {
        final DoneMassCancels.Entry done = reports.doneMassCancel(session.owner, clOrdId);
        if (done == null)
        {
            return false;
        }
        final FixEncoder fix = session.begin(MsgTypes.ORDER_MASS_CANCEL_REPORT, SessionStore.MADE);
        if (fix != null)
        {
            reports.massCancelReport(fix, clOrdId, done.instrumentId, done.cancelledCount, done.eventSequence,
                done.timestamp);
            session.commit();
        }
        return true;
    }

    /** An order's status, ExecType I. */
    private void sendStatus(final FixSession session, final OrderState state)
    {
        sendStatus(session, state, state.clOrdId, state.origClOrdId, state.ordStatus);
    }

    /**
     * An order's status, ExecType I, under {@code clOrdId} with {@code origClOrdId} (0 for none) and {@code ordStatus}
     * ({@link ExecutionReportPublisher#orderStatus(FixEncoder, OrderState, long, long, char, long, long)}).
     */
    private void sendStatus(final FixSession session, final OrderState state, final long clOrdId,
        final long origClOrdId, final char ordStatus)
    {
        // FIX 4.4 requires TransactTime on every ExecutionReport. A status reply is no event: its time is when it
        // is made, read before the header's SendingTime as in orderReject.
        final long transactTime = clock.nanoTime();
        final FixEncoder fix = session.begin(MsgTypes.EXECUTION_REPORT, SessionStore.MADE);
        if (fix != null)
        {
            reports.orderStatus(fix, state, clOrdId, origClOrdId, ordStatus, nextGatewayId(), transactTime);
            session.commit();
        }
    }

    private long onCancel(final FixSession session, final FixMessage message, final int msgSeqNum)
    {
        if (!checkRequiredAndFormats(session, message, msgSeqNum, CANCEL_REQUIRED))
        {
            return NOTHING_ENTERED;
        }
        final long clOrdId = clOrdId(message, Tags.CL_ORD_ID);
        final long origClOrdId = clOrdId(message, Tags.ORIG_CL_ORD_ID);
        if (rejectedClOrdIds(session, message, '1', clOrdId, origClOrdId))
        {
            return NOTHING_ENTERED;
        }
        if (isPossibleResend(message) && answeredAsResend(session, message, msgSeqNum, clOrdId, orderId(message)))
        {
            return NOTHING_ENTERED;
        }
        if (namesTwoOrders(session, message, '1'))
        {
            return NOTHING_ENTERED;
        }
        final OrderState order = namedOrder(session, message);
        if (reusesOrdersClOrdId(session, message, '1', order, clOrdId))
        {
            return NOTHING_ENTERED;
        }
        final String mismatch = mismatch(order, message, false);
        if (mismatch != null)
        {
            cancelReject(session, message, '1', mismatch);
            return NOTHING_ENTERED;
        }
        if (pendingCancel(session, order))
        {
            rejectBehindAcks(session, message, msgSeqNum, HeldRejects.PENDING_CANCEL, order.orderId);
            return NOTHING_ENTERED;
        }
        final long engineOrderId = engineOrderId(session, message, origClOrdId);
        final long result = entry.cancelOrder(session.owner, engineOrderId, origClOrdId, clOrdId);
        if (result < 0)
        {
            cancelReject(session, message, '1', refusal(result));
            return NOTHING_ENTERED;
        }
        if (order != null)
        {
            // A status request right behind it finds the order pending cancel, by the order's ClOrdID (the one a
            // replace entered ahead of it gives the order) or OrderID, or by this cancel's ClOrdID.
            entered.addCancel(result, order.owner, clOrdId, order.clOrdId, order.orderId,
                order.ordStatus == EnteredOrders.PENDING_REPLACE ? origClOrdId : 0);
        }
        return result;
    }

    /**
     * A cancel's or replace's ClOrdID and OrigClOrdID that break the venue's rule, or a ClOrdID that is the OrigClOrdID:
     * answered with an OrderCancelReject, the order left as it was. FIX has each request carry a ClOrdID of its own;
     * one equal to the OrigClOrdID reuses the id of the order it names, so the request's reports (a Replaced that goes by
     * the id the order had already, a Canceled whose ClOrdID and OrigClOrdID are one) could not be told from the
     * order's. Checked before a possible resend's lookup, which would take the order's id for the request's.
     *
     * @return whether the request was rejected.
     */
    private boolean rejectedClOrdIds(final FixSession session, final FixMessage message, final char responseTo,
        final long clOrdId, final long origClOrdId)
    {
        if (clOrdId == ClientOrderIds.INVALID)
        {
            cancelReject(session, message, responseTo, CL_ORD_ID_RULE);
            return true;
        }
        // Named apart from the request's own ClOrdID, which may be fine: the Text must say which id is wrong. An id
        // outside the rule was never an order's here, so the order is unknown.
        if (origClOrdId == ClientOrderIds.INVALID)
        {
            cancelReject(session, message, responseTo, CXL_REJ_UNKNOWN_ORDER, ORIG_CL_ORD_ID_RULE);
            return true;
        }
        // ClientOrderIds maps ClOrdIDs one to one: equal numbers are equal ids, compared with no String.
        if (clOrdId == origClOrdId)
        {
            cancelReject(session, message, responseTo, CXL_REJ_DUPLICATE_CL_ORD_ID, SAME_CL_ORD_ID);
            return true;
        }
        return false;
    }

    /**
     * A cancel or replace whose ClOrdID(11) a live order of the session goes, went or will go by, other than as its
     * OrigClOrdID(41) ({@link #SAME_CL_ORD_ID}): its own order's current one (the order named by OrderID or by a ClOrdID
     * a replace replaced), or any one its order went by before (A replaced to B, then B to C, then C back to A or B);
     * or one another live order goes or went by ({@link #takenBy}). FIX has a ClOrdID unique per session and day; the
     * venue keeps it unique among live orders, their earlier ClOrdIDs included, so one taken would make the request's
     * reports, and requests naming it, ambiguous with that order's. The engine takes a replace to its order's current
     * id as keeping it (what an adapter without request ids, LOBSTER's partial cancels, and every journal written so
     * far mean by it), lets a cancel carry it (its own cancels do), and knows no order's earlier ids, so this rule is
     * the FIX edge's. Exact within what the gateway knows: an order's latest {@link EarlierClOrdIds#MAX_PER_ORDER}
     * earlier ClOrdIDs (read by the live projection, or by the scan of the journal before a snapshot it started from,
     * or entered and not yet read back).
     *
     * @return whether the request was rejected (OrderCancelReject 102=6, the order as it was).
     */
    private boolean reusesOrdersClOrdId(final FixSession session, final FixMessage message, final char responseTo,
        final OrderState order, final long clOrdId)
    {
        if (clOrdId == 0)
        {
            return false;
        }
        if (order != null && (clOrdId == order.clOrdId || clOrdId == order.replacedClOrdId ||
            clOrdId == order.replaceOrigClOrdId))
        {
            cancelReject(session, message, responseTo, CXL_REJ_DUPLICATE_CL_ORD_ID, ORDERS_CL_ORD_ID);
            return true;
        }
        final OrderState taker = takenBy(session.owner, clOrdId);
        if (taker == null)
        {
            return false;
        }
        // The named order's own when the same order: the projection's, or an entry of it the gateway entered.
        final boolean own = order != null && (taker == order || taker.orderId != 0 && taker.orderId == order.orderId);
        cancelReject(session, message, responseTo, CXL_REJ_DUPLICATE_CL_ORD_ID, own ? ORDERS_CL_ORD_ID :
            OTHER_ORDERS_CL_ORD_ID);
        return true;
    }

    /**
     * The live order of {@code owner} that goes, went or will go by {@code clOrdId}, or {@code null}: its current
     * ClOrdID, one it went by ({@link #wentBy}), or the ClOrdID an order or replace the gateway entered and has not read
     * back will give an order. That last one is decided by the engine, which may refuse it; the request is refused all
     * the same, as the client, which has not had the answer either, could not tell which order it would name.
     */
    private OrderState takenBy(final long owner, final long clOrdId)
    {
        final OrderState live = reports.orderByClOrdId(owner, clOrdId);
        if (live != null)
        {
            return live;
        }
        final OrderState entry = entered.find(owner, clOrdId);
        return entry != null ? entry : wentBy(owner, clOrdId);
    }

    /**
     * The live order of {@code owner} that went by {@code clOrdId} before its current one (any replace in its chain,
     * its latest {@link EarlierClOrdIds#MAX_PER_ORDER}: {@link ExecutionReportPublisher#orderThatWentBy}), or that a
     * replace entered and not yet read back takes away from it (that replace's entry); {@code null} when none. Free
     * again once the order is done (or refused).
     */
    private OrderState wentBy(final long owner, final long clOrdId)
    {
        final OrderState live = reports.orderThatWentBy(owner, clOrdId);
        return live != null ? live : entered.replacing(owner, clOrdId);
    }

    private long onReplace(final FixSession session, final FixMessage message, final int msgSeqNum)
    {
        if (!checkRequiredAndFormats(session, message, msgSeqNum, REPLACE_REQUIRED) ||
            !session.checkFormat(message, msgSeqNum, Tags.EXEC_INST, FieldType.MULTIPLE_CHAR_VALUE, EXEC_INST_FORMAT))
        {
            return NOTHING_ENTERED;
        }
        final long clOrdId = clOrdId(message, Tags.CL_ORD_ID);
        final long origClOrdId = clOrdId(message, Tags.ORIG_CL_ORD_ID);
        if (rejectedClOrdIds(session, message, '2', clOrdId, origClOrdId))
        {
            return NOTHING_ENTERED;
        }
        if (isPossibleResend(message) && answeredAsResend(session, message, msgSeqNum, clOrdId, orderId(message)))
        {
            return NOTHING_ENTERED;
        }
        final InstrumentConfig instrument = instrument(message);
        if (instrument == null)
        {
            cancelReject(session, message, '2', "unknown symbol");
            return NOTHING_ENTERED;
        }
        // Before the order is compared: an ExecInst G is refused as unsupported, not as dropping post-only.
        final CharSequence unsupported = unsupportedInstruction(message, false);
        if (unsupported != null)
        {
            cancelReject(session, message, '2', unsupported);
            return NOTHING_ENTERED;
        }
        // The price below is scaled by the Symbol's instrument: one that is not the order's would reprice it.
        if (namesTwoOrders(session, message, '2'))
        {
            return NOTHING_ENTERED;
        }
        final OrderState order = namedOrder(session, message);
        if (reusesOrdersClOrdId(session, message, '2', order, clOrdId))
        {
            return NOTHING_ENTERED;
        }
        final String mismatch = mismatch(order, message, true);
        if (mismatch != null)
        {
            cancelReject(session, message, '2', mismatch);
            return NOTHING_ENTERED;
        }
        if (pendingCancel(session, order))
        {
            rejectBehindAcks(session, message, msgSeqNum, HeldRejects.PENDING_CANCEL, order.orderId);
            return NOTHING_ENTERED;
        }
        final long quantity = quantity(message);
        if (!FixDecimal.isValue(quantity))
        {
            cancelReject(session, message, '2', quantityProblem(message, quantity));
            return NOTHING_ENTERED;
        }
        long price = CommandEncoder.UNCHANGED;
        if (message.hasField(Tags.PRICE))
        {
            price = price(message, instrument);
            if (price == FixDecimal.MALFORMED || price == FixDecimal.NOT_EXACT)
            {
                cancelReject(session, message, '2', priceProblem(message, price, instrument));
                return NOTHING_ENTERED;
            }
        }
        else if (message.charValue(Tags.ORD_TYPE) == '2')
        {
            // FIX 4.4 requires Price on a limit replace, as on a limit order: the same Reject, never the old price.
            session.reject(message, msgSeqNum, SessionRejectReason.REQUIRED_TAG_MISSING, Tags.PRICE, LIMIT_PRICE_REQUIRED);
            return NOTHING_ENTERED;
        }
        // FIX: OrderQty is the new total, filled part included -- the engine's replace quantity exactly.
        final long engineOrderId = engineOrderId(session, message, origClOrdId);
        final long result =
            entry.replaceOrder(session.owner, engineOrderId, origClOrdId, clOrdId, price, quantity);
        if (result < 0)
        {
            cancelReject(session, message, '2', refusal(result));
            return NOTHING_ENTERED;
        }
        if (order != null)
        {
            // A request right behind this one names the order by the new ClOrdID before the projection has it, or
            // by the one it replaces (the last one acknowledged), which the engine no longer knows by then.
            // Found as a replace entered ahead (OrdStatus E), the order is indexed under the ClOrdID this request named
            // it by: that replace's (chaining) or the one before it, by which requests behind name it too, the
            // engine perhaps refusing that replace (QA 104: indexed under the refused replace's, a cancel behind
            // went by the old ClOrdID, which the order no longer had once this one applied). And under the one it
            // replaces, that replace's, which this one's Replaced carries in 41 and which a client that read that
            // replace's Replaced names the order by (QA 128: such a cancel went to the engine by it, refused as an
            // unknown order); a request right behind it may not take that one back either.
            final long namedClOrdId = order.ordStatus == EnteredOrders.PENDING_REPLACE ? origClOrdId : order.clOrdId;
            final OrderState pending = entered.addReplace(result, order.owner, clOrdId, order.clOrdId, namedClOrdId);
            pending.orderId = order.orderId;
            pending.instrumentId = order.instrumentId;
            pending.side = order.side;
            pending.ordType = order.ordType;
            pending.timeInForce = order.timeInForce;
            pending.postOnly = order.postOnly;
            pending.price = price == CommandEncoder.UNCHANGED ? order.price : price;
            pending.orderQty = quantity;
            pending.ordStatus = EnteredOrders.PENDING_REPLACE;
        }
        return result;
    }

    private long onMassCancel(final FixSession session, final FixMessage message, final int msgSeqNum)
    {
        if (!checkRequiredAndFormats(session, message, msgSeqNum, MASS_CANCEL_REQUIRED) ||
            message.charValue(Tags.MASS_CANCEL_REQUEST_TYPE) == '1' &&
            !session.checkRequired(message, msgSeqNum, MASS_CANCEL_BY_SECURITY_REQUIRED))
        {
            return NOTHING_ENTERED;
        }
        final long clOrdId = clOrdId(message, Tags.CL_ORD_ID);
        final char type = message.charValue(Tags.MASS_CANCEL_REQUEST_TYPE);
        int instrumentId = 0;
        String problem = null;
        // MassCancelRejectReason(532) is a char in FIX 4.4 (QuickFIX/J's dictionary refuses "99", Other): 1 for
        // the security, 0 (mass cancel not supported) for everything else, with the reason in Text(58).
        char rejectReason = '0';
        if (clOrdId == ClientOrderIds.INVALID)
        {
            problem = CL_ORD_ID_RULE;
        }
        else if (isPossibleResend(message) && (answeredAsResentMassCancel(session, clOrdId) ||
            entered.massCancelInFlight(session.owner, clOrdId)))
        {
            // Done lately: answered with its report. In flight: its report is on its way, under the same ClOrdID;
            // executed again, the copy also took the orders entered between the two (QA 118 F3).
            return NOTHING_ENTERED;
        }
        else if (type == '1')
        {
            final InstrumentConfig instrument = instrument(message);
            if (instrument == null)
            {
                problem = "unknown symbol";
                rejectReason = '1';
            }
            else
            {
                instrumentId = instrument.id();
            }
        }
        else if (type != '7')
        {
            problem = "unsupported MassCancelRequestType: only 1 (by security) and 7 (all orders)";
        }
        if (problem == null && message.hasField(Tags.SIDE))
        {
            // FIX 4.4's qualifier of the side to cancel: the engine's mass cancel takes both, so it is refused, never
            // ignored (QA 99: ignored, a client pulling its bids lost its offers too).
            problem = MASS_CANCEL_SIDE;
        }
        if (problem == null)
        {
            final long result = entry.massCancel(session.owner, clOrdId, instrumentId);
            if (result >= 0)
            {
                // A status request or an OrderCancelReject right behind it finds the orders it takes pending cancel.
                entered.addMassCancel(result, session.owner, clOrdId, instrumentId);
                return result;
            }
            problem = refusal(result);
        }
        final long transactTime = clock.nanoTime();
        final FixEncoder fix = session.begin(MsgTypes.ORDER_MASS_CANCEL_REPORT, SessionStore.MADE);
        if (fix != null)
        {
            copy(fix, message, Tags.CL_ORD_ID);
            fix.putString(Tags.ORDER_ID, "NONE");
            copy(fix, message, Tags.MASS_CANCEL_REQUEST_TYPE);
            fix.putChar(Tags.MASS_CANCEL_RESPONSE, '0')
                .putChar(Tags.MASS_CANCEL_REJECT_REASON, rejectReason);
            if (type == '1')
            {
                // Echoed as a done one's report does (QA 121): a client with several by-security requests out sees
                // which was refused without its own ClOrdID table.
                copy(fix, message, Tags.SYMBOL);
            }
            fix.putUtcTimestamp(Tags.TRANSACT_TIME, transactTime)
                .putString(Tags.TEXT, problem);
            session.commit();
        }
        return NOTHING_ENTERED;
    }

    private void onOrderStatus(final FixSession session, final FixMessage message, final int msgSeqNum)
    {
        if (!session.checkRequired(message, msgSeqNum, ORDER_STATUS_REQUIRED))
        {
            return;
        }
        final long orderId = orderId(message);
        final long clOrdId = clOrdId(message, Tags.CL_ORD_ID);
        OrderState state = orderId != 0 ? reports.order(orderId) : null;
        if (state == null && clOrdId != ClientOrderIds.INVALID)
        {
            state = reports.orderByClOrdId(session.owner, clOrdId);
            if (state != null && orderId != 0 && state.orderId != orderId)
            {
                // The OrderID names another order (done, say): that one, as a cancel naming both ways goes by OrderID.
                state = null;
            }
        }
        if (state == null && clOrdId != ClientOrderIds.INVALID &&
            (answeredAsEntered(session, message, clOrdId) || answeredAsCancelling(session, message, clOrdId)))
        {
            return;
        }
        if (state == null && orderId == 0 && clOrdId != ClientOrderIds.INVALID)
        {
            // Asked by the ClOrdID a replace replaced, by a client that had not read the replace's report: the order's
            // status, under the ClOrdID it goes by now. Before a done order that went by it (the ClOrdID used again
            // once that one was done): a cancel by it reaches the live order too.
            state = reports.orderByReplacedClOrdId(session.owner, clOrdId);
        }
        if (state == null && (orderId != 0 || clOrdId != ClientOrderIds.INVALID))
        {
            state = reports.doneOrder(session.owner, orderId, clOrdId); // its final state: LeavesQty 0
        }
        final String mismatch = state != null && state.owner == session.owner ?
            statusMismatch(message, state) : UNKNOWN;
        if (mismatch == null)
        {
            // A live order a cancel, mass cancel or replace entered and not yet read back is pending cancel or
            // replace, asked by its ClOrdID (the one a replace replaces) or by OrderID.
            sendStatus(session, state, state.clOrdId, state.origClOrdId,
                state.done() ? state.ordStatus : pendingStatus(session.owner, state, state.clOrdId, state.ordStatus));
            return;
        }
        // Never ours, done too long ago to be remembered (gateway.doneOrders), or not the order the request
        // describes: FIX 4.4's answer for an unknown order (Appendix D), naming what did not match.
        noSuchOrder(session, message, ExecutionReportPublisher.STATUS_EXEC_ID_PREFIX, 'I', 5, false, mismatch);
    }

    /**
     * A status request by the ClOrdID of an order or replace the session entered and the gateway has not read back
     * ({@link EnteredOrders}), which the projection cannot place: sent right behind its order or replace, it is
     * handled before their records are read. Answered with the order as it stands, under that ClOrdID: a new order's
     * attributes, nothing done, OrdStatus A (pending new), or E (pending replace) when a replace of it is entered too;
     * for a replace's ClOrdID the order it replaces as the projection (or, not acknowledged yet itself, the gateway)
     * has it, with that replace's OrigClOrdID and OrdStatus E; either 6 (pending cancel) when a cancel of the order, or
     * a mass cancel after it, is entered too ({@link #pendingStatus}). Checked against the request's Symbol and Side
     * as a known order is. @return whether it was answered: not for a ClOrdID entered for no order, nor a replace of an
     * order done since (the engine refuses that replace; the request is answered as the projection has it).
     */
    private boolean answeredAsEntered(final FixSession session, final FixMessage message, final long clOrdId)
    {
        final OrderState pending = entered.find(session.owner, clOrdId);
        final OrderState order = enteredOrder(session.owner, pending);
        if (order == null)
        {
            return false;
        }
        final boolean newOrder = pending.ordStatus == EnteredOrders.PENDING_NEW;
        if (!answeredMismatch(session, message, order))
        {
            sendStatus(session, order, clOrdId, newOrder ? 0 : pending.replacedClOrdId, pendingStatus(session.owner,
                order, clOrdId, newOrder ? EnteredOrders.PENDING_NEW : EnteredOrders.PENDING_REPLACE));
        }
        return true;
    }

    /**
     * A status request by the ClOrdID of a cancel the session entered and the gateway has not read back: the order
     * it cancels as it stands, OrdStatus 6 (pending cancel), under the cancel's ClOrdID with the order's in
     * OrigClOrdID(41), as FIX 4.4's Pending Cancel report is. Checked against the request's Symbol and Side as a known
     * order is. @return whether it was answered: not when the order is done (or refused) since, when the engine
     * refuses the cancel and the ClOrdID names nothing.
     */
    private boolean answeredAsCancelling(final FixSession session, final FixMessage message, final long clOrdId)
    {
        final OrderState cancel = entered.cancel(session.owner, clOrdId);
        if (cancel == null)
        {
            return false;
        }
        final OrderState order = cancel.orderId != 0 ? reports.order(cancel.orderId) :
            liveOrder(session.owner, cancel.origClOrdId);
        if (order == null || order.owner != session.owner)
        {
            return false;
        }
        if (!answeredMismatch(session, message, order))
        {
            sendStatus(session, order, clOrdId, cancel.origClOrdId, EnteredOrders.PENDING_CANCEL);
        }
        return true;
    }

    /**
     * The owner's live order known by {@code clOrdId} as it stands: the projection's, else the one a new order or
     * replace entered and not read back under that ClOrdID gives ({@link #enteredOrder}); {@code null} for none.
     */
    private OrderState liveOrder(final long owner, final long clOrdId)
    {
        final OrderState live = reports.orderByClOrdId(owner, clOrdId);
        return live != null ? live : enteredOrder(owner, entered.find(owner, clOrdId));
    }

    /**
     * The order an entry of a new order or replace ({@code pending}, {@code null} for none) is about, as it stands: a
     * new order's entry itself, a replace's the order it replaces ({@link #replacedOrder}); {@code null} when none.
     */
    private OrderState enteredOrder(final long owner, final OrderState pending)
    {
        if (pending == null)
        {
            return null;
        }
        return pending.ordStatus == EnteredOrders.PENDING_NEW ? pending : replacedOrder(owner, pending);
    }

    /**
     * A status request whose Symbol or Side is not {@code order}'s ({@link #statusMismatch}) answered as for an
     * unknown order. @return whether it was.
     */
    private boolean answeredMismatch(final FixSession session, final FixMessage message, final OrderState order)
    {
        final String mismatch = statusMismatch(message, order);
        if (mismatch == null)
        {
            return false;
        }
        noSuchOrder(session, message, ExecutionReportPublisher.STATUS_EXEC_ID_PREFIX, 'I', 5, false, mismatch);
        return true;
    }

    /**
     * The OrdStatus to report for the live order {@code order} (as it stands: the projection's, or a new order's
     * entry), known by {@code clOrdId}, whose own is {@code ordStatus}, given the cancels, mass cancels and replaces the
     * session entered and the gateway has not read back: 6 (pending cancel) when a mass cancel that takes it is entered after
     * it ({@link EnteredOrders#massCancelling}), or a cancel of it, or of the order a replace of it entered makes it;
     * else E (pending replace) when such a replace is; else {@code ordStatus}. FIX 4.4 ranks Pending Cancel above
     * Pending Replace, and both above every other.
     */
    private char pendingStatus(final long owner, final OrderState order, final long clOrdId, final char ordStatus)
    {
        if (entered.massCancelling(order))
        {
            return EnteredOrders.PENDING_CANCEL;
        }
        char status = ordStatus;
        long known = clOrdId;
        // Bounded by the entries: a chain never holds one ClOrdID twice (an entry's ClOrdID is no longer a replaced one).
        for (int links = entered.size(); links > 0; links--)
        {
            if (entered.cancelling(owner, known) != null)
            {
                return EnteredOrders.PENDING_CANCEL;
            }
            final OrderState replacing = entered.replacing(owner, known);
            if (replacing == null)
            {
                break;
            }
            status = EnteredOrders.PENDING_REPLACE;
            known = replacing.clOrdId;
        }
        return status;
    }

    /**
     * The live order a replace entered and not yet read back ({@code replace}) replaces, as it stands: the
     * projection's, or, when the order's own acknowledgement is not read yet either, the new order the gateway
     * entered, found along the replaces entered between them. {@code null} when done (or refused) since.
     */
    private OrderState replacedOrder(final long owner, final OrderState replace)
    {
        OrderState pending = replace;
        // Bounded by the entries: a chain never holds one ClOrdID twice (an entry's ClOrdID is no longer a replaced one).
        for (int links = entered.size(); links > 0; links--)
        {
            final OrderState live = pending.orderId != 0 ? reports.order(pending.orderId) :
                reports.orderByClOrdId(owner, pending.replacedClOrdId);
            if (live != null)
            {
                return live.owner == owner ? live : null;
            }
            final OrderState older = pending.orderId != 0 ? null : entered.find(owner, pending.replacedClOrdId);
            if (older == null || older.ordStatus == EnteredOrders.PENDING_NEW)
            {
                return older;
            }
            pending = older;
        }
        return null;
    }

    /**
     * What in a status request contradicts the order its ClOrdID or OrderID found, or {@code null}. FIX 4.4 has the
     * request repeat the order's Symbol and Side: with another one it describes no order of the session. Both are
     * required ({@link #ORDER_STATUS_REQUIRED}): a request without one never gets here.
     */
    private String statusMismatch(final FixMessage message, final OrderState order)
    {
        if (isOtherSymbol(message, order))
        {
            return UNKNOWN_OTHER_SYMBOL;
        }
        if (message.hasField(Tags.SIDE) && message.charValue(Tags.SIDE) != order.side)
        {
            return UNKNOWN_OTHER_SIDE;
        }
        return null;
    }

    /** ExecutionReport(ExecType=8) for an order the gateway refused before it reached the engine. */
    private void orderReject(final FixSession session, final FixMessage message, final String text)
    {
        orderReject(session, message, ORD_REJ_OTHER, text);
    }

    /**
     * @param reason OrdRejReason(103): the engine's path gives the same code for the same problem.
     *     TransactTime(60) is when the gateway decided, as the engine's reports carry the command's time; read
     *     before the header's SendingTime, so it is never after it.
     */
    private void orderReject(final FixSession session, final FixMessage message, final int reason,
        final CharSequence text)
    {
        noSuchOrder(session, message, 'G', '8', reason, true, text);
    }

    /**
     * An ExecutionReport about an order the exchange does not have (a refused one, or an unknown one asked about):
     * OrderID NONE, OrdStatus 8, nothing left or done, the request's ClOrdID, Symbol and Side echoed (and with {@code
     * echoOrder} its OrderQty, OrdType, Price and ExecInst).
     */
    private void noSuchOrder(final FixSession session, final FixMessage message, final char execIdPrefix,
        final char execType, final int ordRejReason, final boolean echoOrder, final CharSequence text)
    {
        final long transactTime = clock.nanoTime();
        final FixEncoder fix = session.begin(MsgTypes.EXECUTION_REPORT, SessionStore.MADE);
        if (fix == null)
        {
            return;
        }
        fix.putString(Tags.ORDER_ID, "NONE");
        copy(fix, message, Tags.CL_ORD_ID);
        gatewayId(fix, Tags.EXEC_ID, execIdPrefix);
        fix.putChar(Tags.EXEC_TYPE, execType).putChar(Tags.ORD_STATUS, '8').putInt(Tags.ORD_REJ_REASON, ordRejReason);
        copy(fix, message, Tags.SYMBOL);
        copy(fix, message, Tags.SIDE);
        if (echoOrder)
        {
            echoOrder(fix, message);
        }
        fix.putLong(Tags.LEAVES_QTY, 0).putLong(Tags.CUM_QTY, 0).putLong(Tags.AVG_PX, 0)
            .putUtcTimestamp(Tags.TRANSACT_TIME, transactTime)
            .putString(Tags.TEXT, text);
        session.commit();
    }

    /**
     * A refused NewOrderSingle's OrderQty, OrdType, Price, TimeInForce and ExecInst, in the order and form the engine's
     * rejects repeat them (ExecutionReportPublisher.onOrderRejected), so a client sees one shape whoever refused:
     * OrderQty and Price as numbers ({@code 10}, {@code 190}) when they read as the Symbol's instrument's, as sent
     * otherwise (what was refused), left out when they are no decimal at all; TimeInForce 0, FIX's default, when absent. ExecInst as sent: it may be what was
     * refused.
     */
    private void echoOrder(final FixEncoder fix, final FixMessage message)
    {
        final long quantity = quantity(message);
        if (FixDecimal.isValue(quantity))
        {
            fix.putLong(Tags.ORDER_QTY, quantity);
        }
        else
        {
            copyDecimal(fix, message, Tags.ORDER_QTY);
        }
        copy(fix, message, Tags.ORD_TYPE);
        final InstrumentConfig instrument = message.hasField(Tags.PRICE) ? instrument(message) : null;
        final long price = instrument != null ? price(message, instrument) : FixDecimal.MALFORMED;
        if (FixDecimal.isValue(price))
        {
            fix.putDecimal(Tags.PRICE, price, instrument.priceScale());
        }
        else
        {
            copyDecimal(fix, message, Tags.PRICE);
        }
        if (message.hasField(Tags.TIME_IN_FORCE))
        {
            copy(fix, message, Tags.TIME_IN_FORCE);
        }
        else
        {
            fix.putChar(Tags.TIME_IN_FORCE, '0'); // Day, as the engine's reports give an order sent without one
        }
        copy(fix, message, Tags.EXEC_INST);
    }

    /**
     * OrderCancelReject(9) for a request the gateway refuses itself; TransactTime as in {@link #orderReject}. The order
     * it names is left as it was, so a live order of the session's is reported with its OrderID and its current
     * OrdStatus (FIX: the status after the reject), as the engine's rejects are: Rejected (8) would tell the client the
     * order is gone while it still rests. One entered and not yet read back has OrdStatus A (pending new; its OrderID
     * is not known yet) or E (pending replace); one a cancel or mass cancel entered and not read back will take, 6
     * (pending cancel: {@link #currentStatus}).
     */
    private void cancelReject(final FixSession session, final FixMessage message, final char responseTo,
        final CharSequence text)
    {
        cancelReject(session, message, responseTo, CXL_REJ_OTHER, text);
    }

    /** @param cxlRejReason CxlRejReason(102). */
    private void cancelReject(final FixSession session, final FixMessage message, final char responseTo,
        final int cxlRejReason, final CharSequence text)
    {
        cancelReject(session, message, responseTo, namedOrder(session, message), cxlRejReason, text);
    }

    /** @param order the order the request names, live or done, {@code null} when not known. */
    private void cancelReject(final FixSession session, final FixMessage message, final char responseTo,
        final OrderState order, final int cxlRejReason, final CharSequence text)
    {
        final long transactTime = clock.nanoTime();
        final FixEncoder fix = session.begin(MsgTypes.ORDER_CANCEL_REJECT, SessionStore.MADE);
        if (fix == null)
        {
            return;
        }
        if (order != null && order.orderId != 0)
        {
            fix.putLong(Tags.ORDER_ID, order.orderId);
        }
        else if (message.hasField(Tags.ORDER_ID))
        {
            copy(fix, message, Tags.ORDER_ID);
        }
        else
        {
            fix.putString(Tags.ORDER_ID, "NONE");
        }
        copy(fix, message, Tags.CL_ORD_ID);
        copy(fix, message, Tags.ORIG_CL_ORD_ID);
        fix.putChar(Tags.ORD_STATUS, order != null ? currentStatus(session.owner, order) : '8')
            .putChar(Tags.CXL_REJ_RESPONSE_TO, responseTo)
            .putInt(Tags.CXL_REJ_REASON, cxlRejReason)
            .putUtcTimestamp(Tags.TRANSACT_TIME, transactTime)
            .putString(Tags.TEXT, text);
        session.commit();
    }

    /**
     * The OrdStatus of {@code order} as {@link #namedOrder} found it, with what the session entered and the gateway has
     * not read back: a replace's entry stands for the order it replaces, pending replace or, with a cancel or mass
     * cancel of that order entered too, pending cancel ({@link #pendingStatus}); a live order of the projection or a
     * new order's entry likewise. Only a reject asks, so the scans cost the hot path nothing.
     */
    private char currentStatus(final long owner, final OrderState order)
    {
        if (order.done())
        {
            return order.ordStatus;
        }
        final OrderState standing = order.ordStatus == EnteredOrders.PENDING_REPLACE ? replacedOrder(owner, order) :
            order;
        return standing == null ? order.ordStatus : pendingStatus(owner, standing, order.clOrdId, order.ordStatus);
    }

    static void businessReject(final FixSession session, final FixMessage message, final int msgSeqNum,
        final int reason, final String text)
    {
        final FixEncoder fix = session.begin(MsgTypes.BUSINESS_MESSAGE_REJECT, SessionStore.MADE);
        if (fix == null)
        {
            return;
        }
        if (msgSeqNum != HeldRejects.MSG_SEQ_NUM_BEFORE_RESET)
        {
            // Optional in FIX 4.4: left out for a message held over a sequence reset, whose number is of the old one.
            fix.putInt(Tags.REF_SEQ_NUM, msgSeqNum);
        }
        copyAs(fix, message, Tags.MSG_TYPE, Tags.REF_MSG_TYPE);
        // FIX 4.4: the refused message's own id, required when it has one: a MarketDataRequest's is its MDReqID.
        copyAs(fix, message, message.hasField(Tags.CL_ORD_ID) ? Tags.CL_ORD_ID : Tags.MD_REQ_ID,
            Tags.BUSINESS_REJECT_REF_ID);
        fix.putInt(Tags.BUSINESS_REJECT_REASON, reason).putString(Tags.TEXT, text);
        session.commit();
    }

    /**
     * What in a cancel or replace contradicts the order it names ({@link #namedOrder}), or {@code null}. An order
     * neither the projection nor the orders entered since know is the engine's to decide (unknown to it too, or
     * named by an OrderID the gateway has not read yet).
     */
    private String mismatch(final OrderState order, final FixMessage message, final boolean replace)
    {
        if (order == null)
        {
            return null;
        }
        if (isOtherSymbol(message, order))
        {
            return OTHER_SYMBOL;
        }
        // A cancel's Side too: with another one it describes another order, which a venue does not cancel for it.
        if (message.hasField(Tags.SIDE) && message.charValue(Tags.SIDE) != order.side)
        {
            return replace ? OTHER_SIDE : SIDE_NOT_ORDERS;
        }
        if (replace && message.hasField(Tags.ORD_TYPE) && message.charValue(Tags.ORD_TYPE) != order.ordType)
        {
            return OTHER_ORD_TYPE;
        }
        // The engine's replace carries no TimeInForce: another one would be acknowledged and not applied.
        if (replace && message.hasField(Tags.TIME_IN_FORCE) && message.charValue(Tags.TIME_IN_FORCE) != order.timeInForce)
        {
            return OTHER_TIME_IN_FORCE;
        }
        // Nor post-only: adding it would have let the replaced order take liquidity at its new price.
        if (replace && message.hasField(Tags.EXEC_INST) && hasExecInst(message, '6') != order.postOnly)
        {
            return OTHER_POST_ONLY;
        }
        return null;
    }

    /** Whether the message gives a Symbol(55), and it is not {@code order}'s instrument's. */
    private boolean isOtherSymbol(final FixMessage message, final OrderState order)
    {
        if (!message.hasField(Tags.SYMBOL))
        {
            return false;
        }
        final InstrumentConfig instrument = instrument(message);
        return instrument == null || instrument.id() != order.instrumentId;
    }

    /**
     * The session's live order a cancel or replace names, by OrderID(37) when given (as the engine looks it up),
     * else by OrigClOrdID(41): as a replace the session entered and the gateway has not read back is leaving it, when
     * the ClOrdID is the one that replace replaces; else from the projection, or else among the orders and replaces
     * the session entered whose records the gateway has not read yet ({@link EnteredOrders}: OrderID 0 for a new
     * one, OrdStatus pending); else the live order whose last replace replaced that ClOrdID (a request that crossed
     * the replace's report). Found by OrigClOrdID, as the last replace in flight of it leaves it
     * ({@link #asLastReplaceLeavesIt}). {@code null} when the gateway knows no such order of the session's.
     */
    private OrderState namedOrder(final FixSession session, final FixMessage message)
    {
        final long orderId = orderId(message);
        if (orderId != 0)
        {
            final OrderState order = reports.order(orderId);
            return order != null && order.owner == session.owner ? order : null;
        }
        return orderByOrigClOrdId(session, clOrdId(message, Tags.ORIG_CL_ORD_ID));
    }

    /**
     * Whether the cancel or replace gives an OrderID(37) and an OrigClOrdID(41) that name two orders of the session,
     * both acknowledged, live or done: then it is refused with an OrderCancelReject naming the order of its
     * OrigClOrdID, by which a FIX engine matches the reject, with that order's status (QA 100: one naming a done order
     * by 41 and a live one by 37 cancelled the live one). An OrderID the gateway knows no order of the session's by
     * is the engine's to refuse as unknown; an OrigClOrdID it knows no order by, or one of an order whose
     * acknowledgement is on its way, is left to the OrderID, as before: a client may name an order by a ClOrdID a
     * replace has since replaced.
     */
    private boolean namesTwoOrders(final FixSession session, final FixMessage message, final char responseTo)
    {
        final long orderId = orderId(message);
        if (orderId == 0 || orderId == NO_SUCH_ORDER_ID)
        {
            return false;
        }
        final OrderState byOrderId = requestedOrder(session, message, orderId);
        if (byOrderId == null || byOrderId.owner != session.owner)
        {
            return false;
        }
        final long origClOrdId = clOrdId(message, Tags.ORIG_CL_ORD_ID);
        final OrderState byOrigClOrdId = orderKnownBy(session, origClOrdId);
        if (byOrigClOrdId == null || byOrigClOrdId.orderId == 0 || byOrigClOrdId.orderId == orderId)
        {
            return false;
        }
        cancelReject(session, message, responseTo, byOrigClOrdId, CXL_REJ_OTHER, NAMES_TWO_ORDERS);
        return true;
    }

    /**
     * The owner's order, live or done, that {@code origClOrdId} names: as {@link #orderByOrigClOrdId} finds a live
     * one, else one that went by it earlier in its replace chain, else a done one by its last ClOrdID, its cancel's,
     * or an earlier one of its chain; {@code null} when none.
     */
    private OrderState orderKnownBy(final FixSession session, final long origClOrdId)
    {
        if (origClOrdId == ClientOrderIds.INVALID)
        {
            return null;
        }
        final long owner = session.owner;
        OrderState order = orderByOrigClOrdId(session, origClOrdId);
        if (order == null)
        {
            order = reports.orderThatWentBy(owner, origClOrdId);
        }
        if (order == null)
        {
            order = reports.doneOrder(owner, 0, origClOrdId);
        }
        return order != null ? order : reports.doneOrderThatWentBy(owner, origClOrdId);
    }

    /** {@link #namedOrder} by the OrigClOrdID alone. */
    private OrderState orderByOrigClOrdId(final FixSession session, final long origClOrdId)
    {
        if (origClOrdId == ClientOrderIds.INVALID)
        {
            return null;
        }
        final OrderState replacing = replacing(session.owner, origClOrdId);
        if (replacing != null)
        {
            return asLastReplaceLeavesIt(session.owner, replacing);
        }
        OrderState order = reports.orderByClOrdId(session.owner, origClOrdId);
        if (order == null)
        {
            order = entered.find(session.owner, origClOrdId);
        }
        if (order == null)
        {
            order = reports.orderByReplacedClOrdId(session.owner, origClOrdId);
        }
        return order == null ? null : asLastReplaceLeavesIt(session.owner, order);
    }

    /**
     * {@code order} as the newest replace of it entered and not read back will leave it: followed along the replaces
     * in flight, each found under the ClOrdID of the one before ({@link #replacing}); {@code order} itself when none
     * is. The lookup by a request's OrigClOrdID may stop short of the last: at the projection's order when the request
     * crossed a replace's report, at the entry of a replace behind which others are. A replace entered for the request
     * goes on from the last, and so is indexed under the ClOrdID it will replace: indexed under an earlier one only, a
     * cancel by a ClOrdID in between found that replace's own entry, went to the engine by that ClOrdID, which the
     * order no longer had once the later replace applied, and was refused as an unknown order (QA 132 N2).
     */
    private OrderState asLastReplaceLeavesIt(final long owner, final OrderState order)
    {
        OrderState last = order;
        // Bounded by the entries: a chain never holds one ClOrdID twice (an entry's ClOrdID is no longer a replaced one).
        for (int links = entered.size(); links > 0; links--)
        {
            final OrderState next = replacing(owner, last.clOrdId);
            if (next == null)
            {
                break;
            }
            if (next.orderId == 0)
            {
                next.orderId = last.orderId; // one order: the OrderID of any link is the others'
            }
            last = next;
        }
        return last;
    }

    /**
     * What the engine finds a cancel's or replace's order by: the request's OrderID(37); else, when the OrigClOrdID is
     * one a replace entered ahead of it is replacing, that order's OrderID, since by the time the engine reaches this
     * request the order goes by the replace's ClOrdID (FIX 4.4 has the client name the last ClOrdID acknowledged); the
     * same when that replace is read back already and the request crossed its report on the wire; else 0, by
     * OrigClOrdID. An order whose own acknowledgement is still on its way has no OrderID the gateway could give; a
     * request naming it by a ClOrdID a replace is replacing waits for it ({@link #waitsForAcknowledgement}).
     */
    private long engineOrderId(final FixSession session, final FixMessage message, final long origClOrdId)
    {
        final long orderId = orderId(message);
        if (orderId != 0)
        {
            return orderId;
        }
        final OrderState replacing = replacing(session.owner, origClOrdId);
        if (replacing != null)
        {
            return replacing.orderId;
        }
        // The replace is read back already, and the request crossed its report: the engine knows the order by the
        // replace's ClOrdID now, so it is named by OrderID. Only when that ClOrdID names no other order.
        final OrderState replaced = reports.orderByClOrdId(session.owner, origClOrdId) == null &&
            entered.find(session.owner, origClOrdId) == null ?
            reports.orderByReplacedClOrdId(session.owner, origClOrdId) : null;
        return replaced != null ? replaced.orderId : 0;
    }

    /**
     * {@link EnteredOrders#replacing}, with the order's OrderID filled in once its acknowledgement is read: a replace
     * entered before that has none, and the projection then has the order by the ClOrdID that replace replaces (a
     * request or reject naming the order carries it from then on, QA 104).
     */
    private OrderState replacing(final long owner, final long clOrdId)
    {
        final OrderState replacing = entered.replacing(owner, clOrdId);
        if (replacing != null && replacing.orderId == 0)
        {
            final OrderState acknowledged = reports.orderByClOrdId(owner, clOrdId);
            if (acknowledged != null)
            {
                replacing.orderId = acknowledged.orderId;
            }
        }
        return replacing;
    }

    private InstrumentConfig instrument(final FixMessage message)
    {
        final int index = message.indexOf(Tags.SYMBOL);
        return index < 0 ? null :
            symbols.bySymbol(message.buffer(), message.valueOffsetAt(index), message.valueLengthAt(index));
    }

    private static long clOrdId(final FixMessage message, final int tag)
    {
        final int index = message.indexOf(tag);
        return index < 0 ? ClientOrderIds.INVALID :
            ClientOrderIds.encode(message.buffer(), message.valueOffsetAt(index), message.valueLengthAt(index));
    }

    /**
     * OrderID(37) when the client gives one (ours are numbers from 1), else 0: the engine then uses OrigClOrdID. So is
     * {@code NONE}, what a report carries before the order has one. Any other value this venue never issued (not a
     * number, 0, negative) is {@link #NO_SUCH_ORDER_ID}, which names no order, as an unknown number does (QA 99: 37=abc
     * was ignored, and the order named by ClOrdID cancelled; QA 100: so was 37=0).
     */
    private static long orderId(final FixMessage message)
    {
        if (!message.hasField(Tags.ORDER_ID))
        {
            return 0;
        }
        final long orderId = message.longValue(Tags.ORDER_ID);
        if (orderId != FixMessage.NULL_LONG && orderId > 0)
        {
            return orderId;
        }
        return message.valueEquals(Tags.ORDER_ID, NO_ORDER_ID) ? 0 : NO_SUCH_ORDER_ID;
    }

    /**
     * OrderQty(38) in whole units. Qty is a float in FIX, and engines write a whole quantity as "10.0" as
     * well as "10": zero decimals are accepted, any other fraction is {@link FixDecimal#NOT_EXACT} (never
     * rounded), text that is no number {@link FixDecimal#MALFORMED}.
     */
    private static long quantity(final FixMessage message)
    {
        return message.decimalValue(Tags.ORDER_QTY, 0);
    }

    private static long price(final FixMessage message, final InstrumentConfig instrument)
    {
        return message.decimalValue(Tags.PRICE, instrument.priceScale());
    }

    /** Text(58) of a command {@link OrderEntry} did not enter: {@code result} is one of its refusals. */
    private static String refusal(final long result)
    {
        if (result == OrderEntry.BUSY)
        {
            return BUSY;
        }
        return result == OrderEntry.JOURNAL_FULL ? JOURNAL_FULL : CLOSED;
    }

    private static String quantityProblem(final FixMessage message, final long quantity)
    {
        final int index = message.indexOf(Tags.ORDER_QTY);
        return quantity == FixDecimal.NOT_EXACT &&
            !FixDecimal.hasDecimalsBeyond(message.buffer(), message.valueOffsetAt(index), message.valueLengthAt(index), 0) ?
            "OrderQty is out of range: at most " + Long.MAX_VALUE : NOT_WHOLE;
    }

    private static String priceProblem(final FixMessage message, final long price, final InstrumentConfig instrument)
    {
        if (price != FixDecimal.NOT_EXACT)
        {
            return "Price is not a decimal number";
        }
        final int index = message.indexOf(Tags.PRICE);
        if (FixDecimal.hasDecimalsBeyond(message.buffer(), message.valueOffsetAt(index), message.valueLengthAt(index),
            instrument.priceScale()))
        {
            return "price has more decimals than " + instrument.symbol() + " prices carry: its tick is " +
                FixDecimal.toString(instrument.tickSize(), instrument.priceScale());
        }
        return "price is out of range: " + instrument.symbol() + " prices carry " + instrument.priceScale() +
            " decimals in 64 bits, up to " + FixDecimal.toString(Long.MAX_VALUE, instrument.priceScale());
    }

    private static Side side(final char side)
    {
        return side == '1' ? Side.BUY : side == '2' ? Side.SELL : null;
    }

    private static TimeInForce timeInForce(final FixMessage message)
    {
        if (!message.hasField(Tags.TIME_IN_FORCE))
        {
            return TimeInForce.DAY; // FIX's default
        }
        switch (message.charValue(Tags.TIME_IN_FORCE))
        {
            case '0':
                return TimeInForce.DAY;
            case '1':
                return TimeInForce.GTC;
            case '3':
                return TimeInForce.IOC;
            case '4':
                return TimeInForce.FOK;
            default:
                return null;
        }
    }

    /**
     * What in a NewOrderSingle or a replace asks for an execution the venue does not do, or {@code null}: an
     * ExecInst(18) value other than 6 (post-only), a field of {@link #UNSUPPORTED_FIELDS}, a PriceType(423) other
     * than 2 (per unit), or (with {@code
     * marketOrder}) a Price(44), which a client may mean as a limit the market order would not honour. Its Text(58)
     * names the field and its value as sent. ExecInst is a MULTIPLE_CHAR_VALUE here (checked before): its values are
     * at even offsets.
     */
    private CharSequence unsupportedInstruction(final FixMessage message, final boolean marketOrder)
    {
        final int execInst = message.indexOf(Tags.EXEC_INST);
        if (execInst >= 0)
        {
            final int offset = message.valueOffsetAt(execInst);
            final int length = message.valueLengthAt(execInst);
            for (int i = 0; i < length; i += 2)
            {
                if (message.buffer().getByte(offset + i) != '6')
                {
                    return instructionProblem("unsupported ExecInst(18) value ", message.buffer(), offset + i, 1,
                        ": only 6 (post-only: participate, don't initiate)");
                }
            }
        }
        for (int i = 0; i < UNSUPPORTED_FIELDS.length; i++)
        {
            final int tag = UNSUPPORTED_FIELDS[i];
            final int index = message.indexOf(tag);
            if (index >= 0 && !(tag == Tags.MIN_QTY && message.decimalValueAt(index, 0) == 0))
            {
                return instructionProblem(UNSUPPORTED_FIELD_TEXTS[i], message.buffer(), message.valueOffsetAt(index),
                    message.valueLengthAt(index), UNSUPPORTED_FIELD_REASONS[i]);
            }
        }
        final int priceType = message.indexOf(Tags.PRICE_TYPE);
        if (priceType >= 0 && message.intValueAt(priceType) != PRICE_TYPE_PER_UNIT)
        {
            // 1 (percentage), 6 (spread) and the rest change what Price(44) means: read as per unit, a price of 99
            // meant as 99% would trade at 99 a share.
            return instructionProblem(PRICE_TYPE_TEXT, message.buffer(), message.valueOffsetAt(priceType),
                message.valueLengthAt(priceType), PRICE_TYPE_REASON);
        }
        if (marketOrder && message.hasField(Tags.PRICE))
        {
            final int index = message.indexOf(Tags.PRICE);
            return instructionProblem("unsupported Price(44)=", message.buffer(), message.valueOffsetAt(index),
                message.valueLengthAt(index), ": a market order (OrdType 1) takes no price; a limit order (OrdType 2) " +
                "has one");
        }
        return null;
    }

    /** {@code before}, the value's bytes (at most {@link #MAX_ECHOED_VALUE_LENGTH}, then "..."), {@code after}. */
    private CharSequence instructionProblem(final String before, final DirectBuffer buffer, final int offset,
        final int length, final String after)
    {
        final StringBuilder text = instructionProblem;
        text.setLength(0);
        text.append(before);
        for (int i = 0; i < Math.min(length, MAX_ECHOED_VALUE_LENGTH); i++)
        {
            text.append((char)(buffer.getByte(offset + i) & 0xFF));
        }
        if (length > MAX_ECHOED_VALUE_LENGTH)
        {
            text.append("...");
        }
        return text.append(after);
    }

    /** ExecInst(18) is a space-separated list of single-character values. */
    private static boolean hasExecInst(final FixMessage message, final char value)
    {
        final int index = message.indexOf(Tags.EXEC_INST);
        if (index < 0)
        {
            return false;
        }
        final int offset = message.valueOffsetAt(index);
        final int length = message.valueLengthAt(index);
        for (int i = 0; i < length; i++)
        {
            if (message.buffer().getByte(offset + i) == value &&
                (i == 0 || message.buffer().getByte(offset + i - 1) == ' ') &&
                (i == length - 1 || message.buffer().getByte(offset + i + 1) == ' '))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * A decimal field as sent when it is one (an off-tick or too precise price: what was refused), left out when it is
     * not: a reject for another reason (the throttle's) would otherwise carry a value no FIX 4.4 client can read.
     */
    private static void copyDecimal(final FixEncoder fix, final FixMessage message, final int tag)
    {
        final int index = message.indexOf(tag);
        if (index >= 0 && FixDecimal.isWellFormed(message.buffer(), message.valueOffsetAt(index),
            message.valueLengthAt(index)))
        {
            copy(fix, message, tag);
        }
    }

    private static void copy(final FixEncoder fix, final FixMessage message, final int tag)
    {
        copyAs(fix, message, tag, tag);
    }

    private static void copyAs(final FixEncoder fix, final FixMessage message, final int tag, final int asTag)
    {
        final int index = message.indexOf(tag);
        if (index >= 0)
        {
            fix.putString(asTag, message.buffer(), message.valueOffsetAt(index), message.valueLengthAt(index));
        }
    }

    /** Ids of the messages the gateway makes itself, from the gateway's start on. */
    void gatewayIds(final GatewayIds gatewayIds)
    {
        this.gatewayIds = gatewayIds;
    }

    private long nextGatewayId()
    {
        return gatewayIds.next();
    }

    /** Ids for messages the gateway makes itself: a letter and a number unique across restarts. */
    private void gatewayId(final FixEncoder fix, final int tag, final char prefix)
    {
        fix.putPrefixedLong(tag, prefix, nextGatewayId());
    }
}

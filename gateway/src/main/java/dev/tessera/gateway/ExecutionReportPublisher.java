package dev.tessera.gateway;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.ClientOrderIds;
import dev.tessera.engine.EventAdapter;
import dev.tessera.engine.EventListener;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.StateVisitor;
import dev.tessera.engine.codec.BooleanType;
import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.CancelRejectedDecoder;
import dev.tessera.engine.codec.EndOfDayCompletedDecoder;
import dev.tessera.engine.codec.EndOfDayDecoder;
import dev.tessera.engine.codec.MassCancelCompletedDecoder;
import dev.tessera.engine.codec.MassCancelDecoder;
import dev.tessera.engine.codec.MessageHeaderDecoder;
import dev.tessera.engine.codec.NewOrderDecoder;
import dev.tessera.engine.codec.OrderAcceptedDecoder;
import dev.tessera.engine.codec.OrderCancelledDecoder;
import dev.tessera.engine.codec.OrderRejectedDecoder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.OrderReplacedDecoder;
import dev.tessera.engine.codec.RejectReason;
import dev.tessera.engine.codec.ReplaceOrderDecoder;
import dev.tessera.engine.codec.ReplaceRejectedDecoder;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.engine.codec.TradeDecoder;
import dev.tessera.fix.FixEncoder;
import dev.tessera.fix.MsgTypes;
import dev.tessera.fix.Tags;
import dev.tessera.journal.ExecIds;
import dev.tessera.journal.JournalGenerations;
import dev.tessera.journal.JournalRecord;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;
import java.util.Locale;

/**
 * Turns journaled engine events into the FIX reports each owner's session expects
 * (ExecutionReport, OrderCancelReject, OrderMassCancelReport), keeping the per-order state those
 * reports need (CumQty, AvgPx, the order's attributes) as a projection of the journal, and for a while the
 * final state of orders that are done ({@link DoneOrders}), so that a cancel or replace of one is too late
 * rather than unknown. It is deterministic: fed the same journal prefix it makes byte-identical report
 * bodies, which is how a ResendRequest is answered from the journal rather than from a message store.
 */
final class ExecutionReportPublisher implements EventListener
{
    /** AvgPx carries this many decimals beyond the instrument's price scale. */
    static final int AVG_PX_EXTRA_DECIMALS = 4;
    private static final long AVG_PX_EXTRA_FACTOR = 10_000;
    private static final String NONE = "NONE";
    static final int NO_DAY_END = -1;
    /** ExecID(17) of a status reply: this letter and a gateway-made number, apart from the reports' numbers. */
    static final char STATUS_EXEC_ID_PREFIX = 'S';
    /** Before the number of an OrderMassCancelReport's OrderID(37) (see {@link #massCancelReport}). */
    private static final char MASS_CANCEL_ID_PREFIX = 'M';
    /** ExecType(150) and OrdStatus(39) of a cancelled order. */
    private static final char CANCELED = '4';
    /** OrdStatus(39) of an order filled whole, also one a replace to a total at or below CumQty ended. */
    private static final char FILLED = '2';
    /** ExecType(150) of a replace's report, also one that ended its order (OrdStatus {@link #FILLED}). */
    private static final char REPLACED = '5';
    /** ExecType(150) and OrdStatus(39) of a DAY order the end of the trading day took (FIX 4.4 "Expired"). */
    private static final char EXPIRED = 'C';
    /** ExecInst(18) of a post-only order: FIX 4.4's "participate don't initiate". */
    private static final char POST_ONLY = '6';
    /** CxlRejReason(102) 0: the order is done (filled, cancelled, expired), so it can no longer be changed. */
    private static final int TOO_LATE_TO_CANCEL = 0;
    private static final String TOO_LATE_FILLED = "too late: the order is filled";
    private static final String TOO_LATE_CANCELED = "too late: the order is cancelled";
    private static final String TOO_LATE_EXPIRED = "too late: the order expired";
    /**
     * Text(58) of the engine's INVALID_ORDER_ATTRIBUTES for post-only on an order that cannot rest, per case: the
     * fields and values that clash, as a refused instruction's Text names them (QA 99: "invalid order attributes").
     */
    private static final String POST_ONLY_MARKET = "ExecInst(18)=6 (post-only) cannot be combined with OrdType(40)=1 " +
        "(market): a post-only order rests or is rejected";
    private static final String POST_ONLY_IOC = "ExecInst(18)=6 (post-only) cannot be combined with TimeInForce(59)=3 " +
        "(IOC): a post-only order rests or is rejected";
    private static final String POST_ONLY_FOK = "ExecInst(18)=6 (post-only) cannot be combined with TimeInForce(59)=4 " +
        "(FOK): a post-only order rests or is rejected";
    /**
     * Text(58) of a cancel the gateway's own cancel-on-disconnect caused: a mass cancel with client order id 0,
     * which no client can send (ClientOrderIds never encodes 0). Told apart from a client's mass cancel by the
     * journaled command alone, so a resend regenerates it the same.
     */
    static final String CANCEL_ON_DISCONNECT_TEXT = "cancel on disconnect";

    private final Symbols symbols;
    private final EventAdapter adapter = new EventAdapter();
    private final MessageHeaderDecoder commandHeader = new MessageHeaderDecoder();
    /** The record's command when it is a NewOrder: a rejected order's post-only is the command's (the event has none). */
    private final NewOrderDecoder newOrderCommand = new NewOrderDecoder();
    /** The record's command when it is a ReplaceOrder: the OrigClOrdID its request named the order by. */
    private final ReplaceOrderDecoder replaceCommand = new ReplaceOrderDecoder();
    /** The record being applied (during {@link #onRecord}): its command is decoded only when a report needs it. */
    private JournalRecord record;
    private final DoneMassCancels doneMassCancels;
    /** The live orders by OrderID ({@link IdIndex#ANY_OWNER}: the engine's OrderIDs are unique across owners). */
    private final IdIndex<OrderState> orders = new IdIndex<>();
    /**
     * The same live orders by owner, then current ClOrdID: a cancel or replace names its order by OrigClOrdID,
     * and the gateway checks the request against the order before the engine sees it.
     */
    private final IdIndex<OrderState> byClOrdId = new IdIndex<>();
    /**
     * Live orders by the ClOrdID their last replace replaced, and by the OrigClOrdID that replace's request named when
     * it was another: {@link #orderByReplacedClOrdId}. At most two entries per live order.
     */
    private final IdIndex<OrderState> byReplacedClOrdId = new IdIndex<>();
    /**
     * Every ClOrdID each live order went by before its current one, up to {@link EarlierClOrdIds#MAX_PER_ORDER}: what
     * order entry refuses a request's ClOrdID for. {@code null} in a projection that only regenerates reports.
     */
    private final EarlierClOrdIds earlier;
    private final ArrayDeque<OrderState> pool = new ArrayDeque<>();
    private final DoneOrders done;
    private final DecidedClOrdIds decided;
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[32]);
    private final Seeder seeder = new Seeder();
    private ReportSink sink;
    private JournalGenerations generations;
    /** The generation of the record being applied: its reports' ExecIDs carry it. */
    private int generation;
    private int commandTemplateId;
    /** The last event applied (from a snapshot's counters or a record): where a status request is answered. */
    private long lastEventSequence;
    /** DAY orders the record being applied expired, -1 when it ends no day ({@link #takeDayEndExpired}). */
    private int dayEndExpired = NO_DAY_END;

    /**
     * @param doneOrders  how many done orders to remember ({@link DoneOrders}), 0 for none.
     * @param decided     where the order entry's projection notes every ClOrdID the engine decided a new order under
     *                    (accepted or rejected), {@code null} for a projection that only regenerates reports
     *                    ({@link Resender}).
     * @param generations the journal's generations ({@link JournalGenerations}): which one each record's reports'
     *                    ExecIDs carry.
     */
    ExecutionReportPublisher(
        final Symbols symbols, final int doneOrders, final DecidedClOrdIds decided, final JournalGenerations generations)
    {
        this.symbols = symbols;
        this.generations = generations;
        this.decided = decided;
        this.earlier = decided == null ? null : new EarlierClOrdIds(EarlierClOrdIds.INITIAL_NODES);
        this.done = new DoneOrders(doneOrders, pool, earlier != null);
        this.doneMassCancels = new DoneMassCancels(done.eventWindow());
    }

    /** Applies one journal record's events and reports them to {@code sink}. */
    void onRecord(final JournalRecord record, final ReportSink sink)
    {
        beginRecord(record, sink);
        adapter.read(record.buffer(), record.eventsOffset(), record.eventsLength(), this);
        endRecord(record);
    }

    /**
     * As {@link #onRecord}, for a caller that decodes the record's events itself and hands each to this projection
     * (as an {@link EventListener}) between this and {@link #endRecord}: the gateway thread's one decode of a record
     * serves the reports and the market data books alike.
     */
    void beginRecord(final JournalRecord record, final ReportSink sink)
    {
        this.sink = sink;
        commandHeader.wrap(record.buffer(), record.commandOffset());
        commandTemplateId = record.commandLength() >= MessageHeaderDecoder.ENCODED_LENGTH ? commandHeader.templateId() : 0;
        this.record = record;
        generation = generations.generationOf(record.recordSequence());
    }

    /** After the events of the record {@link #beginRecord} began. */
    void endRecord(final JournalRecord record)
    {
        lastEventSequence = Math.max(lastEventSequence, record.lastEventSequence());
        this.record = null;
        this.sink = null;
    }

    /**
     * Seeds the projection with every live order of {@code books}, a snapshot's engine, as the journal up to
     * the snapshot's record would have built it: attributes, ClOrdID, CumQty and the filled notional
     * (AvgPx). Call on an empty projection, then feed it the journal after that record.
     *
     * @throws IllegalStateException when an order's filled notional is unknown (a format-1 snapshot).
     */
    void startFrom(final MatchingEngine books)
    {
        books.exportState(seeder);
    }

    /** The journal's generations after the start began one ({@link JournalGenerations#beginAfterLostTail}). */
    void generations(final JournalGenerations generations)
    {
        this.generations = generations;
    }

    /** The live order with this id, {@code null} when unknown or done. */
    OrderState order(final long orderId)
    {
        return orders.get(IdIndex.ANY_OWNER, orderId);
    }

    /**
     * The owner's order done recently enough to be remembered now ({@link DoneOrders}): by OrderID when given
     * (not 0), else by a ClOrdID it is known by ({@link DoneOrders}); {@code null} when not remembered or not the
     * owner's.
     */
    OrderState doneOrder(final long owner, final long orderId, final long clOrdId)
    {
        return done.find(owner, orderId, clOrdId, lastEventSequence);
    }

    /**
     * The owner's order done recently enough to be remembered now ({@link DoneOrders}) whose last replace replaced
     * {@code clOrdId}: what a request sent right behind that replace, and answered by the gateway once the order is
     * done, names. {@code null} when none.
     */
    OrderState doneOrderByReplacedClOrdId(final long owner, final long clOrdId)
    {
        return done.findByReplacedClOrdId(owner, clOrdId, lastEventSequence);
    }

    /**
     * The owner's order done recently enough to be remembered now ({@link DoneOrders}) that went by {@code clOrdId}
     * before its last report's ClOrdID; {@code null} when none, and always in a projection that only regenerates
     * reports.
     */
    OrderState doneOrderThatWentBy(final long owner, final long clOrdId)
    {
        return done.findByEarlierClOrdId(owner, clOrdId, lastEventSequence);
    }

    /**
     * The ClOrdIDs the engine accepted or rejected a new order under, {@code null} for a projection that only
     * regenerates reports.
     */
    DecidedClOrdIds decidedClOrdIds()
    {
        return decided;
    }

    /** How many events before the first report it makes a projection must start ({@link ProjectionStart}). */
    long doneEventWindow()
    {
        return done.eventWindow();
    }

    int doneOrders()
    {
        return done.size();
    }

    /** The owner's live order whose current ClOrdID is {@code clOrdId}, or {@code null}. */
    OrderState orderByClOrdId(final long owner, final long clOrdId)
    {
        return byClOrdId.get(owner, clOrdId);
    }

    /**
     * The owner's live order whose last replace replaced {@code clOrdId} (or whose last replace's request named it by
     * {@code clOrdId}), or {@code null}: for a cancel, replace or status request that names the order by the ClOrdID
     * the client last had acknowledged when it sent it (FIX 4.4), crossing the replace's report on the wire. Only order
     * entry asks; no report depends on it. A projection started from a snapshot learns it for the orders replaced
     * before the snapshot from {@link DecidedClOrdIdScan} ({@link #onEarlierReplaced}), so until that scan is done it
     * knows only the replaces since the snapshot.
     */
    OrderState orderByReplacedClOrdId(final long owner, final long clOrdId)
    {
        return byReplacedClOrdId.get(owner, clOrdId);
    }

    /**
     * The owner's live order that went by {@code clOrdId} before its current one (any replace in its chain, its latest
     * {@link EarlierClOrdIds#MAX_PER_ORDER}), or {@code null}: order entry refuses a NewOrderSingle, cancel or replace
     * that would take it. A projection started from a snapshot learns those of the replaces before it from {@link
     * DecidedClOrdIdScan}. Always {@code null} in a projection that only regenerates reports.
     */
    OrderState orderThatWentBy(final long owner, final long clOrdId)
    {
        return earlier == null ? null : earlier.order(owner, clOrdId);
    }

    /** How many earlier ClOrdIDs of live orders are kept ({@link #orderThatWentBy}). */
    int earlierClOrdIds()
    {
        return earlier == null ? 0 : earlier.size();
    }

    private void add(final OrderState state)
    {
        orders.put(IdIndex.ANY_OWNER, state.orderId, state);
        byClOrdId.put(state.owner, state.clOrdId, state);
    }

    /** @return the order, no longer live, or {@code null} when it was not. */
    private OrderState remove(final long orderId)
    {
        final OrderState state = orders.remove(IdIndex.ANY_OWNER, orderId);
        if (state != null)
        {
            byClOrdId.remove(state.owner, state.clOrdId);
            final long replacedClOrdId = state.replacedClOrdId;
            replaced(state, 0, 0);
            // Done, it is still found by the ClOrdID its last replace replaced, for the gateway's own answers to a
            // request sent right behind that replace (DoneOrders.findByReplacedClOrdId).
            state.replacedClOrdId = replacedClOrdId;
            if (earlier != null)
            {
                done.takeEarlierClOrdIds(state, earlier); // free for new orders again, yet still naming this order
            }
        }
        return state;
    }

    /**
     * Indexes the live order under the ClOrdIDs a request that crossed its last replace may name it by, in place of
     * those of the replace before: {@code previousClOrdId}, the one it had, and {@code requestOrigClOrdId}, the one
     * the replace's request named, when another (0 for none).
     */
    private void replaced(final OrderState state, final long previousClOrdId, final long requestOrigClOrdId)
    {
        byReplacedClOrdId.remove(state.owner, state.replacedClOrdId, state);
        byReplacedClOrdId.remove(state.owner, state.replaceOrigClOrdId, state);
        state.replacedClOrdId = previousClOrdId;
        state.replaceOrigClOrdId = requestOrigClOrdId == previousClOrdId || requestOrigClOrdId == state.clOrdId ?
            0 : requestOrigClOrdId;
        if (previousClOrdId != 0)
        {
            byReplacedClOrdId.put(state.owner, previousClOrdId, state);
        }
        if (state.replaceOrigClOrdId != 0)
        {
            byReplacedClOrdId.put(state.owner, state.replaceOrigClOrdId, state);
        }
    }

    /**
     * The OrigClOrdID(41) the replace request journaled in {@code record} named its order by, which the engine's
     * OrderReplaced does not carry (its origClientOrderId is the ClOrdID the order had: another when the gateway
     * entered the request by OrderID); 0 when the record's command is no ReplaceOrder.
     */
    static long replaceRequestOrigClOrdId(
        final JournalRecord record, final MessageHeaderDecoder header, final ReplaceOrderDecoder command)
    {
        if (record.commandLength() < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return 0;
        }
        header.wrap(record.buffer(), record.commandOffset());
        return header.templateId() == ReplaceOrderDecoder.TEMPLATE_ID ?
            command.wrapAndApplyHeader(record.buffer(), record.commandOffset(), header).origClientOrderId() : 0;
    }

    /**
     * {@link DecidedClOrdIdScan} read the acceptance of order {@code orderId} in the journal before this projection's
     * start (a snapshot): noted for {@link #onEarlierReplaced}, when the order is live here.
     */
    void onEarlierAccepted(final long orderId, final long clOrdId)
    {
        final OrderState state = orders.get(IdIndex.ANY_OWNER, orderId);
        if (state != null)
        {
            state.scannedClOrdId = clOrdId;
        }
    }

    /**
     * {@link DecidedClOrdIdScan} read a replace of order {@code orderId} in the journal before this projection's
     * start (a snapshot, which holds only each order's ClOrdID): indexed as {@link #onOrderReplaced} would have, when
     * the order is live here and still goes by that replace's ClOrdID, so a restart does not make the ClOrdIDs before
     * it unknown. The scan reads in journal order: the order's last replace before the start is the one that stays.
     * Every replace's earlier ClOrdID is noted too ({@link EarlierClOrdIds#addScanned}), older than the live ones.
     */
    void onEarlierReplaced(final long orderId, final long requestOrigClOrdId, final long clOrdId)
    {
        final OrderState state = orders.get(IdIndex.ANY_OWNER, orderId);
        if (state == null)
        {
            return;
        }
        // The ClOrdID before this replace: the last one the scan saw, or (accepted in archived records) the request's.
        final long previousClOrdId = state.scannedClOrdId != 0 ? state.scannedClOrdId : requestOrigClOrdId;
        state.scannedClOrdId = clOrdId;
        if (previousClOrdId == clOrdId)
        {
            return; // a replace that kept the id (LOBSTER's partial cancels)
        }
        if (earlier != null)
        {
            // Every replace the scan finds, not only the last: the order went by each ClOrdID before it.
            earlier.addScanned(state, previousClOrdId);
        }
        if (!state.replacedSinceStart && clOrdId == state.clOrdId)
        {
            replaced(state, previousClOrdId, requestOrigClOrdId);
        }
    }

    private void changeClOrdId(final OrderState state, final long clOrdId)
    {
        byClOrdId.remove(state.owner, state.clOrdId);
        state.clOrdId = clOrdId;
        byClOrdId.put(state.owner, clOrdId, state);
    }

    int liveOrders()
    {
        return orders.size();
    }

    /** @return each owner's count of live orders (owners without any are missing: 0). */
    Long2LongHashMap liveOrdersByOwner()
    {
        final Long2LongHashMap counts = new Long2LongHashMap(0);
        byClOrdId.countByOwner(counts);
        return counts;
    }

    @Override
    public void onOrderAccepted(final OrderAcceptedDecoder event)
    {
        final OrderState state = pool.isEmpty() ? new OrderState() : pool.poll();
        state.order(event.owner(), event.clientOrderId(), event.instrumentId(), event.sideRaw(), event.orderTypeRaw(),
            event.timeInForceRaw(), event.postOnly() == BooleanType.TRUE, event.price(), event.quantity());
        state.orderId = event.orderId();
        state.ordStatus = '0';
        add(state);
        if (decided != null)
        {
            decided.add(state.owner, state.clOrdId);
        }

        final FixEncoder fix = sink.begin(state.owner, MsgTypes.EXECUTION_REPORT, event.sequence(),
            SessionStore.ROLE_REPORT, event.timestamp());
        if (fix != null)
        {
            executionReport(fix, state, event.sequence(), SessionStore.ROLE_REPORT, '0', event.timestamp());
            sink.commit();
        }
    }

    @Override
    public void onOrderRejected(final OrderRejectedDecoder event)
    {
        if (decided != null)
        {
            // Decided once: a possible resend of it is not entered again, to be decided a second time (and maybe
            // accepted, under the ClOrdID the client was told was rejected). Noted whether or not a report is made.
            decided.add(event.owner(), event.clientOrderId());
        }
        final FixEncoder fix = sink.begin(event.owner(), MsgTypes.EXECUTION_REPORT, event.sequence(),
            SessionStore.ROLE_REPORT, event.timestamp());
        if (fix == null)
        {
            return;
        }
        final InstrumentConfig instrument = symbols.byId(event.instrumentId());
        fix.putString(Tags.ORDER_ID, NONE);
        clOrdId(fix, Tags.CL_ORD_ID, event.clientOrderId());
        execId(fix, event.sequence(), SessionStore.ROLE_REPORT)
            .putChar(Tags.EXEC_TYPE, '8')
            .putChar(Tags.ORD_STATUS, '8')
            .putInt(Tags.ORD_REJ_REASON, ordRejReason(event.reason()));
        symbol(fix, event.instrumentId());
        fix.putChar(Tags.SIDE, (char)('0' + event.sideRaw()))
            .putLong(Tags.ORDER_QTY, event.quantity());
        // The event has no OrdType, TimeInForce or post-only: the journaled NewOrder command does, so the reject
        // repeats the order as it was sent, alike when regenerated for a resend.
        final NewOrderDecoder command = commandTemplateId == NewOrderDecoder.TEMPLATE_ID ?
            newOrderCommand.wrapAndApplyHeader(record.buffer(), record.commandOffset(), commandHeader) : null;
        if (command != null)
        {
            fix.putChar(Tags.ORD_TYPE, (char)('0' + command.orderTypeRaw()));
        }
        // A limit order's price as sent, 0 or negative too (the reason it was rejected); a market order has none.
        final boolean limit = command != null ? command.orderTypeRaw() == OrderType.LIMIT.value() : event.price() > 0;
        if (instrument != null && limit)
        {
            fix.putDecimal(Tags.PRICE, event.price(), instrument.priceScale());
        }
        if (command != null)
        {
            fix.putChar(Tags.TIME_IN_FORCE, (char)('0' + command.timeInForceRaw()));
            if (command.postOnly() == BooleanType.TRUE)
            {
                // As on every report of a post-only order: the client sees the instruction was read, and why it failed.
                fix.putChar(Tags.EXEC_INST, POST_ONLY);
            }
        }
        fix.putLong(Tags.LEAVES_QTY, 0)
            .putLong(Tags.CUM_QTY, 0)
            .putLong(Tags.AVG_PX, 0)
            .putUtcTimestamp(Tags.TRANSACT_TIME, event.timestamp())
            .putString(Tags.TEXT, rejectText(event.reason(), event.instrumentId(), command));
        sink.commit();
    }

    /**
     * Text(58) of an order's reject: the reason in words, or what more precisely went wrong where the reason covers
     * several cases. Constant or per-instrument strings, so a reject allocates nothing.
     *
     * @param command the journaled NewOrder, or {@code null} (a replace, or a record without one).
     */
    private String rejectText(final RejectReason reason, final int instrumentId, final NewOrderDecoder command)
    {
        if (reason == RejectReason.INVALID_ORDER_ATTRIBUTES && command != null &&
            command.postOnly() == BooleanType.TRUE)
        {
            if (command.orderTypeRaw() == OrderType.MARKET.value())
            {
                return POST_ONLY_MARKET;
            }
            if (command.timeInForceRaw() == TimeInForce.IOC.value())
            {
                return POST_ONLY_IOC;
            }
            if (command.timeInForceRaw() == TimeInForce.FOK.value())
            {
                return POST_ONLY_FOK;
            }
        }
        if (reason == RejectReason.PRICE_OUTSIDE_BAND)
        {
            // Without a band the one limit is the notional's: "outside band" would name one the instrument lacks.
            final String aboveNotionalLimit = symbols.aboveNotionalLimit(instrumentId);
            if (aboveNotionalLimit != null)
            {
                return aboveNotionalLimit;
            }
        }
        return describe(reason);
    }

    @Override
    public void onTrade(final TradeDecoder event)
    {
        final OrderState maker = orders.get(IdIndex.ANY_OWNER, event.makerOrderId());
        final OrderState taker = orders.get(IdIndex.ANY_OWNER, event.takerOrderId());
        fill(maker, event, event.makerLeavesQuantity(), SessionStore.ROLE_MAKER);
        fill(taker, event, event.takerLeavesQuantity(), SessionStore.ROLE_TAKER);
    }

    @Override
    public void onOrderCancelled(final OrderCancelledDecoder event)
    {
        final OrderState state = remove(event.orderId());
        if (state == null)
        {
            return;
        }
        final CancelReason reason = event.reason();
        // A replace to a total at or below CumQty ends the order: FIX 4.4 (Appendix D, order qty amended to cum qty)
        // reports it as Replaced with OrdStatus Filled and OrderQty its CumQty, not as a cancel of a replace request
        // the client asked for.
        final boolean replacedToFilled = reason == CancelReason.REPLACED_TO_FILLED;
        final char status = reason == CancelReason.EXPIRED ? EXPIRED : replacedToFilled ? FILLED : CANCELED;
        state.ordStatus = status;
        if (replacedToFilled)
        {
            state.orderQty = state.cumQty;
        }
        final boolean requested = reason == CancelReason.USER_REQUESTED || replacedToFilled;
        final FixEncoder fix = sink.begin(state.owner, MsgTypes.EXECUTION_REPORT, event.sequence(),
            SessionStore.ROLE_REPORT, event.timestamp());
        if (fix != null)
        {
            fix.putLong(Tags.ORDER_ID, state.orderId);
            clOrdId(fix, Tags.CL_ORD_ID, requested ? event.requestClientOrderId() : state.clOrdId);
            if (requested)
            {
                clOrdId(fix, Tags.ORIG_CL_ORD_ID, state.clOrdId);
            }
            execId(fix, event.sequence(), SessionStore.ROLE_REPORT)
                .putChar(Tags.EXEC_TYPE, replacedToFilled ? REPLACED : status)
                .putChar(Tags.ORD_STATUS, status);
            orderFields(fix, state);
            fix.putLong(Tags.LEAVES_QTY, 0)
                .putLong(Tags.CUM_QTY, state.cumQty);
            avgPx(fix, state);
            fix.putUtcTimestamp(Tags.TRANSACT_TIME, event.timestamp());
            if (reason != CancelReason.USER_REQUESTED)
            {
                fix.putString(Tags.TEXT, reason == CancelReason.MASS_CANCEL && event.requestClientOrderId() == 0 ?
                    CANCEL_ON_DISCONNECT_TEXT : describe(reason));
            }
            sink.commit();
        }
        if (requested)
        {
            // FIX 4.4: the client knows the order by the ClOrdID of the report that ended it from now on. From the
            // journaled event alone, so every projection reaching it remembers the order alike.
            state.origClOrdId = state.clOrdId;
            state.clOrdId = event.requestClientOrderId();
        }
        done.add(state, event.sequence());
    }

    @Override
    public void onOrderReplaced(final OrderReplacedDecoder event)
    {
        final OrderState state = orders.get(IdIndex.ANY_OWNER, event.orderId());
        if (state == null)
        {
            return;
        }
        final long previousClOrdId = state.clOrdId;
        changeClOrdId(state, event.clientOrderId());
        if (event.clientOrderId() != previousClOrdId)
        {
            replaced(state, previousClOrdId, replaceRequestOrigClOrdId(record, commandHeader, replaceCommand));
            state.replacedSinceStart = true;
            if (earlier != null)
            {
                earlier.add(state, previousClOrdId);
            }
        }
        state.price = event.price();
        state.orderQty = event.quantity();
        state.ordStatus = state.cumQty > 0 ? '1' : '0';
        final FixEncoder fix = sink.begin(state.owner, MsgTypes.EXECUTION_REPORT, event.sequence(),
            SessionStore.ROLE_REPORT, event.timestamp());
        if (fix != null)
        {
            fix.putLong(Tags.ORDER_ID, state.orderId);
            clOrdId(fix, Tags.CL_ORD_ID, state.clOrdId);
            clOrdId(fix, Tags.ORIG_CL_ORD_ID, event.origClientOrderId());
            execId(fix, event.sequence(), SessionStore.ROLE_REPORT)
                .putChar(Tags.EXEC_TYPE, REPLACED)
                .putChar(Tags.ORD_STATUS, state.ordStatus);
            orderFields(fix, state);
            fix.putLong(Tags.LEAVES_QTY, event.leavesQuantity())
                .putLong(Tags.CUM_QTY, state.cumQty);
            avgPx(fix, state);
            fix.putUtcTimestamp(Tags.TRANSACT_TIME, event.timestamp());
            sink.commit();
        }
    }

    @Override
    public void onCancelRejected(final CancelRejectedDecoder event)
    {
        if (commandTemplateId == MassCancelDecoder.TEMPLATE_ID)
        {
            // The engine rejects a mass cancel (unknown instrument) with CancelRejected.
            final FixEncoder fix = sink.begin(event.owner(), MsgTypes.ORDER_MASS_CANCEL_REPORT, event.sequence(),
                SessionStore.ROLE_REPORT, event.timestamp());
            if (fix != null)
            {
                clOrdId(fix, Tags.CL_ORD_ID, event.clientOrderId());
                fix.putString(Tags.ORDER_ID, NONE)
                    .putChar(Tags.MASS_CANCEL_REQUEST_TYPE, '1')
                    .putChar(Tags.MASS_CANCEL_RESPONSE, '0')
                    .putChar(Tags.MASS_CANCEL_REJECT_REASON, '1')
                    .putUtcTimestamp(Tags.TRANSACT_TIME, event.timestamp())
                    .putString(Tags.TEXT, describe(event.reason()));
                sink.commit();
            }
            return;
        }
        if (commandTemplateId == EndOfDayDecoder.TEMPLATE_ID)
        {
            return; // an end of day of an unknown instrument: the exchange sent it, no session asked
        }
        cancelReject(event.owner(), event.sequence(), event.timestamp(), event.orderId(), event.origClientOrderId(),
            event.clientOrderId(), event.reason(), '1');
    }

    @Override
    public void onReplaceRejected(final ReplaceRejectedDecoder event)
    {
        cancelReject(event.owner(), event.sequence(), event.timestamp(), event.orderId(), event.origClientOrderId(),
            event.clientOrderId(), event.reason(), '2');
    }

    @Override
    public void onEndOfDayCompleted(final EndOfDayCompletedDecoder event)
    {
        // No report: each expired order had its own. The operator's line counts them (QA 102: "how many expired?").
        dayEndExpired = event.expiredCount();
    }

    /** @return the DAY orders the record just applied expired, {@link #NO_DAY_END} when it ended no day. */
    int takeDayEndExpired()
    {
        final int expired = dayEndExpired;
        dayEndExpired = NO_DAY_END;
        return expired;
    }

    @Override
    public void onMassCancelCompleted(final MassCancelCompletedDecoder event)
    {
        if (event.clientOrderId() == 0)
        {
            return; // the gateway's own cancel-on-disconnect: nobody asked, so nobody gets a report
        }
        doneMassCancels.add(event.owner(), event.clientOrderId(), event.instrumentId(), event.cancelledCount(),
            event.sequence(), event.timestamp());
        final FixEncoder fix = sink.begin(event.owner(), MsgTypes.ORDER_MASS_CANCEL_REPORT, event.sequence(),
            SessionStore.ROLE_REPORT, event.timestamp());
        if (fix != null)
        {
            massCancelReport(fix, event.clientOrderId(), event.instrumentId(), event.cancelledCount(), event.sequence(),
                event.timestamp());
            sink.commit();
        }
    }

    /** The owner's mass cancel {@code clOrdId}, completed lately (within the done orders' window), or {@code null}. */
    DoneMassCancels.Entry doneMassCancel(final long owner, final long clOrdId)
    {
        return doneMassCancels.find(owner, clOrdId, lastEventSequence);
    }

    /**
     * An OrderMassCancelReport's body for a completed mass cancel; the same when it answers a resend of the request.
     * Its OrderID(37), which FIX 4.4 has the recipient assign to the request, is {@code M} and the event sequence of
     * its completion: the same in a resend, and apart from every order's OrderID (a number).
     */
    void massCancelReport(final FixEncoder fix, final long clOrdId, final int instrumentId, final int cancelledCount,
        final long eventSequence, final long timestamp)
    {
        final char type = instrumentId == 0 ? '7' : '1';
        clOrdId(fix, Tags.CL_ORD_ID, clOrdId);
        fix.putPrefixedLong(Tags.ORDER_ID, MASS_CANCEL_ID_PREFIX, eventSequence)
            .putChar(Tags.MASS_CANCEL_REQUEST_TYPE, type)
            .putChar(Tags.MASS_CANCEL_RESPONSE, type)
            .putInt(Tags.TOTAL_AFFECTED_ORDERS, cancelledCount);
        if (instrumentId != 0)
        {
            symbol(fix, instrumentId);
        }
        fix.putUtcTimestamp(Tags.TRANSACT_TIME, timestamp);
    }

    /**
     * An ExecutionReport(ExecType I) for OrderStatusRequest: not an event, so not journaled or resent. Its ExecID
     * is {@code S} and {@code statusId}; its TransactTime, {@code transactTime}, is when the gateway answered (read
     * from the gateway's clock: the projection, like the engine, reads none).
     */
    void orderStatus(final FixEncoder fix, final OrderState state, final long statusId, final long transactTime)
    {
        // As the cancel's report that ended it, when a cancel did: its OrigClOrdID.
        orderStatus(fix, state, state.clOrdId, state.origClOrdId, state.ordStatus, statusId, transactTime);
    }

    /**
     * As {@link #orderStatus(FixEncoder, OrderState, long, long)}, for an order the gateway entered a command about
     * and has not read back yet: reported under {@code clOrdId} (a replace's, when the request named the order by it,
     * with {@code origClOrdId} the ClOrdID that replace replaces; 0 for none) and with {@code ordStatus} (A, pending
     * new; E, pending replace). OrderID NONE while the order's acknowledgement is not read (as on the gateway's
     * OrderCancelReject then): the engine assigns it.
     */
    void orderStatus(final FixEncoder fix, final OrderState state, final long clOrdId, final long origClOrdId,
        final char ordStatus, final long statusId, final long transactTime)
    {
        if (state.orderId != 0)
        {
            fix.putLong(Tags.ORDER_ID, state.orderId);
        }
        else
        {
            fix.putString(Tags.ORDER_ID, NONE);
        }
        clOrdId(fix, Tags.CL_ORD_ID, clOrdId);
        if (origClOrdId != 0)
        {
            clOrdId(fix, Tags.ORIG_CL_ORD_ID, origClOrdId);
        }
        fix.putPrefixedLong(Tags.EXEC_ID, STATUS_EXEC_ID_PREFIX, statusId)
            .putChar(Tags.EXEC_TYPE, 'I')
            .putChar(Tags.ORD_STATUS, ordStatus);
        orderFields(fix, state);
        fix.putLong(Tags.LEAVES_QTY, state.leavesQty())
            .putLong(Tags.CUM_QTY, state.cumQty);
        avgPx(fix, state);
        fix.putUtcTimestamp(Tags.TRANSACT_TIME, transactTime);
    }

    private void fill(final OrderState state, final TradeDecoder event, final long leavesQty, final int role)
    {
        if (state == null)
        {
            return;
        }
        state.cumQty += event.quantity();
        state.notional += event.price() * event.quantity();
        state.ordStatus = leavesQty == 0 ? FILLED : '1';
        final FixEncoder fix = sink.begin(state.owner, MsgTypes.EXECUTION_REPORT, event.sequence(), role,
            event.timestamp());
        if (fix != null)
        {
            final InstrumentConfig instrument = symbols.byId(state.instrumentId);
            fix.putLong(Tags.ORDER_ID, state.orderId);
            clOrdId(fix, Tags.CL_ORD_ID, state.clOrdId);
            execId(fix, event.sequence(), role)
                .putChar(Tags.EXEC_TYPE, 'F')
                .putChar(Tags.ORD_STATUS, state.ordStatus);
            orderFields(fix, state);
            fix.putLong(Tags.LAST_QTY, event.quantity())
                .putDecimal(Tags.LAST_PX, event.price(), instrument.priceScale())
                .putLong(Tags.LEAVES_QTY, leavesQty)
                .putLong(Tags.CUM_QTY, state.cumQty);
            avgPx(fix, state);
            fix.putUtcTimestamp(Tags.TRANSACT_TIME, event.timestamp())
                .putChar(Tags.LAST_LIQUIDITY_IND, role == SessionStore.ROLE_MAKER ? '1' : '2');
            sink.commit();
        }
        if (leavesQty == 0)
        {
            remove(state.orderId);
            done.add(state, event.sequence());
        }
    }

    private void cancelReject(
        final long owner,
        final long sequence,
        final long timestamp,
        final long orderId,
        final long origClOrdId,
        final long clOrdId,
        final RejectReason reason,
        final char responseTo)
    {
        final FixEncoder fix = sink.begin(owner, MsgTypes.ORDER_CANCEL_REJECT, sequence, SessionStore.ROLE_REPORT,
            timestamp);
        if (fix == null)
        {
            return;
        }
        final OrderState live =
            orderId != 0 ? orders.get(IdIndex.ANY_OWNER, orderId) : orderByClOrdId(owner, origClOrdId);
        // The engine forgets an order once it is done; the projection remembers it a while, by the journal alone.
        final OrderState state = live == null && reason == RejectReason.UNKNOWN_ORDER ?
            done.find(owner, orderId, origClOrdId, sequence) : live;
        final boolean visible = state != null && state.owner == owner;
        if (visible)
        {
            fix.putLong(Tags.ORDER_ID, state.orderId);
        }
        else
        {
            fix.putString(Tags.ORDER_ID, NONE);
        }
        clOrdId(fix, Tags.CL_ORD_ID, clOrdId);
        // FIX 4.4: the request's OrigClOrdID ("ClOrdID which could not be canceled"), even when the order was found
        // by another (a cancelled order goes by its cancel's now); the order's only for a command that named none.
        clOrdId(fix, Tags.ORIG_CL_ORD_ID, origClOrdId == 0 && visible ? state.clOrdId : origClOrdId);
        final boolean tooLate = visible && state.done();
        fix.putChar(Tags.ORD_STATUS, visible ? state.ordStatus : '8')
            .putChar(Tags.CXL_REJ_RESPONSE_TO, responseTo)
            .putInt(Tags.CXL_REJ_REASON, tooLate ? TOO_LATE_TO_CANCEL : cxlRejReason(reason))
            .putUtcTimestamp(Tags.TRANSACT_TIME, timestamp)
            .putString(Tags.TEXT, tooLate ? tooLate(state.ordStatus) :
                rejectText(reason, visible ? state.instrumentId : 0, null));
        sink.commit();
    }

    private void executionReport(
        final FixEncoder fix, final OrderState state, final long sequence, final int role, final char execType,
        final long timestamp)
    {
        fix.putLong(Tags.ORDER_ID, state.orderId);
        clOrdId(fix, Tags.CL_ORD_ID, state.clOrdId);
        execId(fix, sequence, role)
            .putChar(Tags.EXEC_TYPE, execType)
            .putChar(Tags.ORD_STATUS, state.ordStatus);
        orderFields(fix, state);
        fix.putLong(Tags.LEAVES_QTY, state.leavesQty())
            .putLong(Tags.CUM_QTY, state.cumQty);
        avgPx(fix, state);
        fix.putUtcTimestamp(Tags.TRANSACT_TIME, timestamp);
    }

    private void orderFields(final FixEncoder fix, final OrderState state)
    {
        final InstrumentConfig instrument = symbols.byId(state.instrumentId);
        fix.putString(Tags.SYMBOL, instrument.symbol())
            .putChar(Tags.SIDE, state.side)
            .putLong(Tags.ORDER_QTY, state.orderQty)
            .putChar(Tags.ORD_TYPE, state.ordType);
        if (state.ordType == '2')
        {
            fix.putDecimal(Tags.PRICE, state.price, instrument.priceScale());
        }
        fix.putChar(Tags.TIME_IN_FORCE, state.timeInForce);
        if (state.postOnly)
        {
            // The order's instruction, echoed on each of its reports as clients check it was taken. From the
            // projection (OrderAccepted, or a snapshot's order), so a regenerated report carries it alike.
            fix.putChar(Tags.EXEC_INST, POST_ONLY);
        }
    }

    /**
     * To {@link #AVG_PX_EXTRA_DECIMALS} decimals beyond the price scale, rounded half up (away from zero at the half,
     * as a price is positive): 420.0166666... is 420.01666667, not cut to 420.01666666. Fixed-point only.
     */
    private void avgPx(final FixEncoder fix, final OrderState state)
    {
        if (state.cumQty == 0)
        {
            fix.putLong(Tags.AVG_PX, 0);
            return;
        }
        final long whole = state.notional / state.cumQty;
        final long rest = state.notional % state.cumQty;
        final long scaledRest = rest * AVG_PX_EXTRA_FACTOR;
        final long fraction = scaledRest / state.cumQty;
        // The remainder is below cumQty: doubled, it overflows only for a CumQty beyond 2^62.
        final long roundUp = 2 * (scaledRest % state.cumQty) >= state.cumQty ? 1 : 0;
        final long avgPx = whole * AVG_PX_EXTRA_FACTOR + fraction + roundUp;
        fix.putDecimal(Tags.AVG_PX, avgPx, symbols.byId(state.instrumentId).priceScale() + AVG_PX_EXTRA_DECIMALS);
    }

    private void symbol(final FixEncoder fix, final int instrumentId)
    {
        final InstrumentConfig instrument = symbols.byId(instrumentId);
        fix.putString(Tags.SYMBOL, instrument == null ? "?" + instrumentId : instrument.symbol());
    }

    private void clOrdId(final FixEncoder fix, final int tag, final long id)
    {
        final int length = ClientOrderIds.decode(id, scratch, 0);
        if (length == 0)
        {
            fix.putLong(tag, id);
        }
        else
        {
            fix.putString(tag, scratch, 0, length);
        }
    }

    /**
     * ExecID(17) of the report of the record being applied, by {@link ExecIds}' rule (which {@code project trades}
     * shows too): the number alone in generation 0 (a journal never cut by a repair), else the generation first. The
     * event sequences after a repair's cut are the cut ones' again; the generation keeps their ExecIDs apart from
     * those a client had, and regenerated reports carry the same, as the record's generation is fixed
     * ({@link JournalGenerations}). Written without garbage, so not through {@link ExecIds#text}.
     */
    private FixEncoder execId(final FixEncoder fix, final long eventSequence, final int role)
    {
        if (generation == 0)
        {
            return fix.putLong(Tags.EXEC_ID, ExecIds.number(eventSequence, role));
        }
        return fix.putLongPair(Tags.EXEC_ID, generation, ExecIds.GENERATION_SEPARATOR,
            ExecIds.number(eventSequence, role));
    }

    private static String tooLate(final char ordStatus)
    {
        return ordStatus == FILLED ? TOO_LATE_FILLED : ordStatus == EXPIRED ? TOO_LATE_EXPIRED : TOO_LATE_CANCELED;
    }

    static int ordRejReason(final RejectReason reason)
    {
        switch (reason)
        {
            case UNKNOWN_INSTRUMENT:
                return 1;
            case DUPLICATE_CLIENT_ORDER_ID:
                return 6;
            case QUANTITY_ABOVE_MAXIMUM:
                return 3;
            case INVALID_QUANTITY:
            case QUANTITY_NOT_MULTIPLE_OF_LOT:
            case QUANTITY_BELOW_MINIMUM:
                return 13;
            case INVALID_ORDER_ATTRIBUTES:
                return 11;
            default:
                return 99;
        }
    }

    static int cxlRejReason(final RejectReason reason)
    {
        switch (reason)
        {
            case UNKNOWN_ORDER:
            case NOT_ORDER_OWNER:
                return 1; // someone else's order is reported as unknown: its existence is not ours to reveal
            case DUPLICATE_CLIENT_ORDER_ID:
                return 6;
            default:
                return 99;
        }
    }

    /** Reason codes as words for Text(58): "PRICE_NOT_ON_TICK" becomes "price not on tick". */
    static String describe(final RejectReason reason)
    {
        return REJECT_TEXT[reason.ordinal()];
    }

    static String describe(final CancelReason reason)
    {
        return CANCEL_TEXT[reason.ordinal()];
    }

    private static final String[] REJECT_TEXT = words(RejectReason.values());
    private static final String[] CANCEL_TEXT = words(CancelReason.values());

    private static String[] words(final Enum<?>[] reasons)
    {
        final String[] words = new String[reasons.length];
        for (final Enum<?> reason : reasons)
        {
            // Someone else's order is "unknown" to you: whether it exists is not yours to learn.
            words[reason.ordinal()] = reason == RejectReason.NOT_ORDER_OWNER ? "unknown order" :
                reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        return words;
    }

    /** Live orders of an exported engine state into the projection. */
    private final class Seeder implements StateVisitor
    {
        @Override
        public void onCounters(
            final long lastOrderId, final long lastEventSequence, final int liveOrderCount,
            final long firstEntrySinceEndOfDay)
        {
            ExecutionReportPublisher.this.lastEventSequence = lastEventSequence;
            if (!orders.isEmpty())
            {
                throw new IllegalStateException("the projection already holds " + orders.size() + " orders");
            }
        }

        @Override
        public void onOrder(
            final long orderId,
            final long owner,
            final long clientOrderId,
            final int instrumentId,
            final Side side,
            final OrderType orderType,
            final TimeInForce timeInForce,
            final boolean postOnly,
            final long price,
            final long quantity,
            final long filled,
            final long filledNotional,
            final long ownerRank)
        {
            if (filledNotional < 0)
            {
                throw new IllegalStateException("order " + orderId + ": filled notional unknown, AvgPx cannot be reported");
            }
            final OrderState state = pool.isEmpty() ? new OrderState() : pool.poll();
            state.order(owner, clientOrderId, instrumentId, side.value(), orderType.value(), timeInForce.value(), postOnly,
                price, quantity);
            state.orderId = orderId;
            state.cumQty = filled;
            state.notional = filledNotional;
            state.ordStatus = filled > 0 ? '1' : '0';
            add(state);
            if (decided != null)
            {
                decided.add(owner, clientOrderId);
            }
        }
    }
}

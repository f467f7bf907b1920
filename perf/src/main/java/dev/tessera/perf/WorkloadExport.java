package dev.tessera.perf;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.EventAdapter;
import dev.tessera.engine.EventListener;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.BooleanType;
import dev.tessera.engine.codec.CancelOrderDecoder;
import dev.tessera.engine.codec.CancelRejectedDecoder;
import dev.tessera.engine.codec.EndOfDayDecoder;
import dev.tessera.engine.codec.MassCancelDecoder;
import dev.tessera.engine.codec.NewOrderDecoder;
import dev.tessera.engine.codec.OrderAcceptedDecoder;
import dev.tessera.engine.codec.OrderCancelledDecoder;
import dev.tessera.engine.codec.OrderRejectedDecoder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.RejectReason;
import dev.tessera.engine.codec.ReplaceOrderDecoder;
import dev.tessera.engine.codec.ReplaceRejectedDecoder;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.engine.codec.TradeDecoder;
import dev.tessera.journal.tools.CommandReader;
import dev.tessera.perf.ExportCounts.Rewrite;
import dev.tessera.perf.ExportCounts.Skip;
import dev.tessera.perf.workload.Workload;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

/**
 * Tessera commands as a {@link Workload}, the engine-neutral form both sides of the comparison read: the one
 * mapping that the generated {@link Ring} ({@link #of}) and a recorded journal ({@link JournalWorkload}) go
 * through. Each command becomes what it means to Tessera in the book the workload has made so far, said in
 * the commands exchange-core has:
 * <ul>
 *   <li>a GTC or IOC limit order is a place (a DAY order is a GTC one: Tessera has no session clock to expire
 *       it). Each order gets an {@code orderKey} (exchange-core's orderId) for its whole life: a new key per
 *       order, except that an order entered under a pair (owner, clientOrderId) whose last order is gone takes
 *       that order's key again (the ring's restoring tail re-enters the start book under its first ids, so the
 *       body stays cyclic for every engine);</li>
 *   <li>a cancel is a cancel. A replace is read against the order's current price, total and filled
 *       quantity, as Tessera reads it: a new price at the same total is a move; a smaller total at the same
 *       price a reduce (exchange-core takes off the difference, whatever was filled meanwhile); a total at
 *       most the filled quantity a cancel; anything else (a larger total, or price and total both new) sends
 *       the order to the back of the queue with its leaves, where it may trade at once: a cancel, and a place
 *       of the leaves at the new price under a new key;</li>
 *   <li>market, FOK and post-only orders, mass cancels, and commands that name no live order have no
 *       exchange-core equivalent here: they are skipped, and counted ({@link ExportCounts}).</li>
 * </ul>
 * A reference engine (Tessera's own, set-up only) runs every workload command as it is made. It tells the
 * mapping which orders are live and how much of each is filled; it must reject nothing (a reject means the
 * mapping's view of the book was wrong, and fails the export); and it records the trades before each body
 * position and the path of the body ({@link Trajectory}) that every engine running the workload must follow.
 */
final class WorkloadExport
{
    /** {@link OrderIds} answer for an engine order id the caller does not know. */
    static final long UNKNOWN = Long.MIN_VALUE;

    /** Tells which client order id a command that names its order by engine order id means. */
    @FunctionalInterface
    interface OrderIds
    {
        /** @return the order's client order id when the command was made, or {@link #UNKNOWN}. */
        long clientOrderIdOf(long orderId);
    }

    /** A workload, and the path the reference engine took through its body. */
    record Exported(Workload workload, Trajectory trajectory)
    {
    }

    private final int instrumentId;
    private final OrderIds orderIds;
    private final CommandReader reader = new CommandReader();
    private final Workload.Builder builder;
    private final MatchingEngine engine;
    private final Trajectory.Recorder trajectory;
    private final CommandEncoder encoder = new CommandEncoder();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
    private final EventAdapter adapter = new EventAdapter();
    private final ReferenceEvents events = new ReferenceEvents();
    private final ExportCounts counts = new ExportCounts();
    /** The names the exported commands give orders, (owner, clientOrderId), to the order's key. */
    private final ClientOrderKeys keyOfName = new ClientOrderKeys();
    /** The key each pair last entered an order under. */
    private final ClientOrderKeys keyOfPlacement = new ClientOrderKeys();
    /** The client order ids of Tessera's live orders, for its duplicate rule. */
    private final ClientOrderKeys liveKeys = new ClientOrderKeys();
    private final Long2ObjectHashMap<LiveOrder> liveOrders = new Long2ObjectHashMap<>();
    /** The reference engine's order id of each live order, to its key. */
    private final Long2LongHashMap keyOfOrderId = new Long2LongHashMap(ClientOrderKeys.NONE);
    private LiveOrder placing;
    private Skip miss;
    private long nextKey;
    private int prologueCount = -1;
    private long bodyTrades;
    private long restoringCancels;

    /**
     * @param instrument the instrument the reference engine (and every benchmark engine after it) runs the workload on.
     * @param orderIds   how to read commands that name their order by engine order id.
     */
    WorkloadExport(final InstrumentConfig instrument, final int expectedCommands, final OrderIds orderIds)
    {
        this.instrumentId = instrument.id();
        this.orderIds = orderIds;
        this.builder = new Workload.Builder(expectedCommands);
        this.engine = new MatchingEngine(List.of(instrument));
        this.trajectory = new Trajectory.Recorder(engine, instrumentId);
    }

    /** The generated ring, every command of it: the ring holds only commands a workload carries as they are. */
    static Exported of(final Ring ring)
    {
        final int prologue = ring.prologueOffsets.length - 1;
        final WorkloadExport export = new WorkloadExport(BenchInstrument.config(), prologue + ring.count, orderId -> UNKNOWN);
        for (int i = 0; i < prologue; i++)
        {
            final int from = ring.prologueOffsets[i];
            export.require(ring, i, export.add(ring.prologue, from, ring.prologueOffsets[i + 1] - from));
        }
        export.beginBody();
        for (int i = 0; i < ring.count; i++)
        {
            final int from = ring.offsets[i];
            export.require(ring, prologue + i, export.add(ring.body, from, ring.offsets[i + 1] - from));
        }
        final Exported exported = export.build("Tessera perf ring '" + ring.name + "' (seed " + Long.toHexString(Rings.SEED) +
            "): " + ring.composition);
        if (export.counts.rewrittenTotal() != 0 || !exported.trajectory().samePath(ring.path))
        {
            throw new IllegalStateException(ring.name + ": the workload does not follow the ring's simulated path (" +
                export.counts.summary() + ")");
        }
        return exported;
    }

    private void require(final Ring ring, final int at, final Skip skip)
    {
        if (skip != Skip.NONE)
        {
            throw new IllegalArgumentException(ring.name + ": command " + at + " cannot be a workload command: " + skip.what);
        }
    }

    /**
     * Adds one Tessera command: as one workload command, two (a replace as cancel and place), or none.
     *
     * @return {@link Skip#NONE}, or why the command is not in the workload (it is counted).
     */
    Skip add(final DirectBuffer buffer, final int offset, final int length)
    {
        final Skip skip;
        switch (reader.wrap(buffer, offset, length))
        {
            case NewOrderDecoder.TEMPLATE_ID:
                skip = newOrder(reader.newOrder());
                break;
            case CancelOrderDecoder.TEMPLATE_ID:
                skip = cancel(reader.cancelOrder());
                break;
            case ReplaceOrderDecoder.TEMPLATE_ID:
                skip = replace(reader.replaceOrder());
                break;
            case MassCancelDecoder.TEMPLATE_ID:
                skip = Skip.MASS_CANCEL;
                break;
            case EndOfDayDecoder.TEMPLATE_ID:
                skip = Skip.END_OF_DAY;
                break;
            default:
                skip = Skip.NOT_A_COMMAND;
                break;
        }
        if (skip == Skip.NONE && reader.orderId() != 0)
        {
            counts.count(Rewrite.BY_ORDER_ID);
        }
        counts.count(skip);
        return skip;
    }

    /** Counts a command its caller decided to leave out (a reject of the recording, say). */
    void skip(final Skip skip)
    {
        counts.count(skip);
    }

    /** The workload commands so far are the prologue (the start state, sent once); the body, sent over and over, follows. */
    void beginBody()
    {
        if (prologueCount >= 0)
        {
            throw new IllegalStateException("beginBody twice");
        }
        prologueCount = builder.size();
        trajectory.begin();
    }

    /** True when commands so far named an order (live or not) by this pair. */
    boolean knows(final long owner, final long clientOrderId)
    {
        return keyOfName.get(owner, clientOrderId) != ClientOrderKeys.NONE;
    }

    /** A restoring tail for a body that starts from an empty book: one cancel per live order, in key order. */
    void cancelEveryLiveOrder()
    {
        final long[] keys = liveOrders.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        for (final long key : keys)
        {
            final LiveOrder order = liveOrders.get(key);
            emitCancel(order, order.clientOrderId);
            restoringCancels++;
        }
        if (engine.liveOrderCount() != 0 || !liveOrders.isEmpty())
        {
            throw new IllegalStateException("the restoring cancels left " + engine.liveOrderCount() + " orders");
        }
    }

    /** Trades the reference engine made in the body so far. */
    long bodyTrades()
    {
        return bodyTrades;
    }

    long restoringCancels()
    {
        return restoringCancels;
    }

    ExportCounts counts()
    {
        return counts;
    }

    /** Workload commands made so far. */
    int size()
    {
        return builder.size();
    }

    /** The workload: the commands so far, the trades before each body position as the reference engine made them. */
    Exported build(final String description)
    {
        if (prologueCount < 0 || builder.size() == prologueCount)
        {
            throw new IllegalStateException("no workload body: none of the commands is one a workload carries (" +
                counts.summary() + ")");
        }
        trajectory.record(bodyTrades);
        final Trajectory path = trajectory.build();
        return new Exported(builder.build(description, instrumentId, prologueCount, path.trades), path);
    }

    // ------------------------------------------------------------------ mapping

    private Skip newOrder(final NewOrderDecoder order)
    {
        final long owner = order.owner();
        final long clientOrderId = order.clientOrderId();
        Skip skip = order.orderType() == OrderType.MARKET ? Skip.MARKET :
            order.timeInForce() == TimeInForce.FOK ? Skip.FOK :
            order.postOnly() == BooleanType.TRUE ? Skip.POST_ONLY : Skip.NONE;
        if (skip == Skip.NONE && liveKeys.get(owner, clientOrderId) != ClientOrderKeys.NONE)
        {
            skip = Skip.DUPLICATE_CLIENT_ORDER_ID;
        }
        if (skip != Skip.NONE)
        {
            // Later commands naming this pair mean the order left out here, not an older one.
            keyOfName.remove(owner, clientOrderId);
            return skip;
        }
        if (order.timeInForce() == TimeInForce.DAY)
        {
            counts.count(Rewrite.DAY_AS_GTC);
        }
        long key = keyOfPlacement.get(owner, clientOrderId);
        if (key == ClientOrderKeys.NONE || liveOrders.containsKey(key))
        {
            key = ++nextKey;
            keyOfPlacement.put(owner, clientOrderId, key);
        }
        keyOfName.put(owner, clientOrderId, key);
        emitPlace(new LiveOrder(key, owner, order.side() == Side.BUY ? Workload.BUY : Workload.SELL, clientOrderId,
            order.price(), order.quantity(), 0), order.timeInForce() == TimeInForce.IOC ? Workload.IOC : Workload.GTC);
        return Skip.NONE;
    }

    private Skip cancel(final CancelOrderDecoder cancel)
    {
        final LiveOrder order = target(cancel.owner(), cancel.orderId(), cancel.origClientOrderId());
        if (order == null)
        {
            return miss;
        }
        emitCancel(order, cancel.clientOrderId());
        return Skip.NONE;
    }

    private Skip replace(final ReplaceOrderDecoder replace)
    {
        final long owner = replace.owner();
        final LiveOrder order = target(owner, replace.orderId(), replace.origClientOrderId());
        if (order == null)
        {
            return miss;
        }
        final long clientOrderId = replace.clientOrderId();
        if (clientOrderId != order.clientOrderId && liveKeys.get(owner, clientOrderId) != ClientOrderKeys.NONE)
        {
            return Skip.DUPLICATE_CLIENT_ORDER_ID;
        }
        final long price = replace.price() == CommandEncoder.UNCHANGED ? order.price : replace.price();
        // The command's total counts what the order had filled before a replace re-entered it; this order does not.
        final long total = replace.quantity() == ReplaceOrderDecoder.quantityNullValue() ? order.total :
            replace.quantity() - order.carried;
        final long origClientOrderId = order.clientOrderId;
        if (total <= order.filled)
        {
            counts.count(Rewrite.REPLACE_TO_FILLED_AS_CANCEL);
            emitCancel(order, clientOrderId);
        }
        else if (price == order.price && total == order.total)
        {
            // Tessera renames the order and keeps its priority; later commands find it under either id.
            keyOfName.put(owner, clientOrderId, order.key);
            return Skip.UNCHANGED;
        }
        else if (price == order.price && total < order.total)
        {
            final long reduceBy = order.total - total;
            rename(order, clientOrderId);
            order.total = total;
            emit(Workload.REDUCE, Workload.BUY, Workload.GTC, order, clientOrderId, origClientOrderId, 0, total, reduceBy);
        }
        else if (total == order.total)
        {
            rename(order, clientOrderId);
            order.price = price;
            emit(Workload.MOVE, Workload.BUY, Workload.GTC, order, clientOrderId, origClientOrderId, price, 0, 0);
        }
        else
        {
            counts.count(Rewrite.REPLACE_AS_CANCEL_AND_PLACE);
            emitCancel(order, clientOrderId);
            final LiveOrder again = new LiveOrder(++nextKey, owner, order.side, clientOrderId, price, total - order.filled,
                order.carried + order.filled);
            keyOfPlacement.put(owner, clientOrderId, again.key);
            keyOfName.put(owner, clientOrderId, again.key);
            emitPlace(again, Workload.GTC);
        }
        return Skip.NONE;
    }

    /** The live order a cancel or replace names (by engine order id when it gives one), or null: {@link #miss} says why. */
    private LiveOrder target(final long owner, final long orderId, final long origClientOrderId)
    {
        final long name = orderId != 0 ? orderIds.clientOrderIdOf(orderId) : origClientOrderId;
        if (name == UNKNOWN)
        {
            miss = Skip.UNKNOWN_ORDER_ID;
            return null;
        }
        final long key = keyOfName.get(owner, name);
        final LiveOrder order = key == ClientOrderKeys.NONE ? null : liveOrders.get(key);
        miss = order == null ? Skip.UNKNOWN_ORDER : Skip.NONE;
        return order;
    }

    private void rename(final LiveOrder order, final long clientOrderId)
    {
        liveKeys.remove(order.owner, order.clientOrderId);
        order.clientOrderId = clientOrderId;
        liveKeys.put(order.owner, clientOrderId, order.key);
        keyOfName.put(order.owner, clientOrderId, order.key);
    }

    private void emitPlace(final LiveOrder order, final byte timeInForce)
    {
        placing = order;
        emit(Workload.PLACE, order.side, timeInForce, order, order.clientOrderId, 0, order.price, order.total, 0);
        placing = null;
    }

    private void emitCancel(final LiveOrder order, final long requestClientOrderId)
    {
        emit(Workload.CANCEL, Workload.BUY, Workload.GTC, order, requestClientOrderId, order.clientOrderId, 0, 0, 0);
    }

    /**
     * Adds a workload command about {@code order} and runs it on the reference engine, encoded from the same values.
     * A cancel's {@code clientOrderId} is the request's own, a replace's the order's new one (as in Tessera's commands).
     */
    private void emit(
        final byte kind, final byte side, final byte timeInForce, final LiveOrder order, final long clientOrderId,
        final long origClientOrderId, final long price, final long quantity, final long reduceBy)
    {
        final int at = builder.size();
        builder.add(kind, side, timeInForce, owner(order.owner), order.key, clientOrderId, origClientOrderId, price, quantity,
            reduceBy);
        if (prologueCount >= 0)
        {
            trajectory.record(bodyTrades);
        }
        final int length = WorkloadEncoding.encode(encoder, command, 0, at + 1, at, instrumentId, kind, side, timeInForce,
            order.owner, clientOrderId, origClientOrderId, price, quantity);
        if (engine.onCommand(command, 0, length) <= 0)
        {
            throw new IllegalStateException("the reference engine did not take workload command " + at);
        }
        events.at = at;
        adapter.read(engine.events().buffer(), 0, engine.events().length(), events);
    }

    private static int owner(final long owner)
    {
        if (owner != (int)owner)
        {
            throw new IllegalArgumentException("owner " + owner + " does not fit a workload's 32-bit owner");
        }
        return (int)owner;
    }

    /** An order the reference engine holds live: what later commands need to know of it. */
    private static final class LiveOrder
    {
        final long key;
        final long owner;
        final byte side;
        long orderId;
        /** Tessera's id for it now. */
        long clientOrderId;
        long price;
        /** Tessera's total quantity, filled part included. */
        long total;
        long filled;
        /** What it had filled before a replace re-entered it as this order: the commands' totals count it, this order does not. */
        final long carried;

        LiveOrder(final long key, final long owner, final byte side, final long clientOrderId, final long price, final long total,
            final long carried)
        {
            this.key = key;
            this.owner = owner;
            this.side = side;
            this.clientOrderId = clientOrderId;
            this.price = price;
            this.total = total;
            this.carried = carried;
        }
    }

    /** What the reference engine did with a workload command: which orders went live, filled or went away. */
    private final class ReferenceEvents implements EventListener
    {
        int at;

        @Override
        public void onOrderAccepted(final OrderAcceptedDecoder event)
        {
            final LiveOrder order = placing;
            order.orderId = event.orderId();
            keyOfOrderId.put(order.orderId, order.key);
            liveOrders.put(order.key, order);
            liveKeys.put(order.owner, order.clientOrderId, order.key);
        }

        @Override
        public void onTrade(final TradeDecoder event)
        {
            if (prologueCount < 0)
            {
                // Workload.expectedTrades counts none in the prologue: it only builds the start book.
                throw new IllegalStateException("workload command " + at + " of the prologue traded");
            }
            bodyTrades++;
            filled(event.makerOrderId(), event.quantity(), event.makerLeavesQuantity());
            filled(event.takerOrderId(), event.quantity(), event.takerLeavesQuantity());
        }

        @Override
        public void onOrderCancelled(final OrderCancelledDecoder event)
        {
            retire(event.orderId());
        }

        @Override
        public void onOrderRejected(final OrderRejectedDecoder event)
        {
            rejected(event.reason());
        }

        @Override
        public void onCancelRejected(final CancelRejectedDecoder event)
        {
            rejected(event.reason());
        }

        @Override
        public void onReplaceRejected(final ReplaceRejectedDecoder event)
        {
            rejected(event.reason());
        }

        private void filled(final long orderId, final long quantity, final long leaves)
        {
            order(orderId).filled += quantity;
            if (leaves == 0)
            {
                retire(orderId);
            }
        }

        private void retire(final long orderId)
        {
            final LiveOrder order = order(orderId);
            keyOfOrderId.remove(orderId);
            liveOrders.remove(order.key);
            liveKeys.remove(order.owner, order.clientOrderId);
        }

        private LiveOrder order(final long orderId)
        {
            final LiveOrder order = liveOrders.get(keyOfOrderId.get(orderId));
            if (order == null)
            {
                throw new IllegalStateException("workload command " + at + ": the reference engine reports order " + orderId +
                    ", which the export does not hold live");
            }
            return order;
        }

        private void rejected(final RejectReason reason)
        {
            throw new IllegalStateException("the reference engine rejected workload command " + at + " (" + reason +
                "): the export's view of the book is wrong");
        }
    }
}

package dev.tessera.engine;

import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An engine's state export recorded as values: two engines' exports compare with equals, and a
 * recording replays as a snapshot detached from the engine that made it (as the journal will).
 */
record ExportedState(Counters counters, List<ExportedOrder> orders) implements StateSource
{
    record Counters(long lastOrderId, long lastEventSequence, int liveOrderCount, long firstEntrySinceEndOfDay)
    {
    }

    record ExportedOrder(
        long orderId, long owner, long clientOrderId, int instrumentId, Side side, OrderType orderType,
        TimeInForce timeInForce, boolean postOnly, long price, long quantity, long filled, long filledNotional,
        long ownerRank)
    {
        ExportedOrder withOwnerRank(final long rank)
        {
            return new ExportedOrder(orderId, owner, clientOrderId, instrumentId, side, orderType, timeInForce, postOnly,
                price, quantity, filled, filledNotional, rank);
        }
    }

    static ExportedState of(final MatchingEngine engine)
    {
        final Recorder recorder = new Recorder();
        engine.exportState(recorder);
        return new ExportedState(recorder.counters, List.copyOf(recorder.orders));
    }

    @Override
    public void readInto(final StateVisitor visitor)
    {
        visitor.onCounters(counters.lastOrderId(), counters.lastEventSequence(), counters.liveOrderCount(),
            counters.firstEntrySinceEndOfDay());
        for (final ExportedOrder o : orders)
        {
            visitor.onOrder(o.orderId(), o.owner(), o.clientOrderId(), o.instrumentId(), o.side(), o.orderType(),
                o.timeInForce(), o.postOnly(), o.price(), o.quantity(), o.filled(), o.filledNotional(),
                o.ownerRank());
        }
    }

    ExportedState withCounters(final Counters newCounters)
    {
        return new ExportedState(newCounters, orders);
    }

    /** The same state with order {@code index} changed (a broken snapshot, for tests of the checks). */
    ExportedState withOrder(final int index, final UnaryOperator<ExportedOrder> change)
    {
        final List<ExportedOrder> changed = new ArrayList<>(orders);
        changed.set(index, change.apply(orders.get(index)));
        return new ExportedState(counters, changed);
    }

    ExportedState withOrders(final List<ExportedOrder> newOrders)
    {
        return new ExportedState(new Counters(counters.lastOrderId(), counters.lastEventSequence(), newOrders.size(),
            counters.firstEntrySinceEndOfDay()),
            List.copyOf(newOrders));
    }

    private static final class Recorder implements StateVisitor
    {
        private Counters counters;
        private final List<ExportedOrder> orders = new ArrayList<>();

        @Override
        public void onCounters(
            final long lastOrderId, final long lastEventSequence, final int liveOrderCount,
            final long firstEntrySinceEndOfDay)
        {
            if (counters != null)
            {
                throw new AssertionError("onCounters called twice");
            }
            counters = new Counters(lastOrderId, lastEventSequence, liveOrderCount, firstEntrySinceEndOfDay);
        }

        @Override
        public void onOrder(
            final long orderId, final long owner, final long clientOrderId, final int instrumentId, final Side side,
            final OrderType orderType, final TimeInForce timeInForce, final boolean postOnly, final long price,
            final long quantity, final long filled, final long filledNotional, final long ownerRank)
        {
            if (counters == null)
            {
                throw new AssertionError("onOrder before onCounters");
            }
            orders.add(new ExportedOrder(orderId, owner, clientOrderId, instrumentId, side, orderType, timeInForce,
                postOnly, price, quantity, filled, filledNotional, ownerRank));
        }
    }
}

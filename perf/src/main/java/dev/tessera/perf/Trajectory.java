package dev.tessera.perf;

import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.OrderBook;
import dev.tessera.engine.codec.Side;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.LongArrayList;

import java.util.Arrays;

/**
 * The path a set-up engine took through a cyclic body: before each body position (and after the last),
 * the live orders, the levels of each side, and the orders accepted, events and trades since the body
 * began. A replay of the same commands on a fresh engine must walk exactly this path ({@link #verify}).
 */
final class Trajectory
{
    /** The engine's counters where the body starts: what the prologue left. */
    final long startOrderId;
    final long startEventSequence;
    final int[] live;
    final int[] bidLevels;
    final int[] askLevels;
    final long[] accepted;
    final long[] events;
    final long[] trades;

    private Trajectory(final Recorder recorder)
    {
        startOrderId = recorder.startOrderId;
        startEventSequence = recorder.startEventSequence;
        live = recorder.live.toIntArray();
        bidLevels = recorder.bidLevels.toIntArray();
        askLevels = recorder.askLevels.toIntArray();
        accepted = recorder.accepted.toLongArray();
        events = recorder.events.toLongArray();
        trades = recorder.trades.toLongArray();
    }

    /** Body positions (the arrays hold one entry more: the state after the last). */
    int bodyCount()
    {
        return live.length - 1;
    }

    /** The same path, position by position (the start counters may differ: they are what each prologue left). */
    boolean samePath(final Trajectory other)
    {
        return Arrays.equals(live, other.live) && Arrays.equals(bidLevels, other.bidLevels) &&
            Arrays.equals(askLevels, other.askLevels) && Arrays.equals(accepted, other.accepted) &&
            Arrays.equals(events, other.events) && Arrays.equals(trades, other.trades);
    }

    /**
     * Checks an engine that has processed the first {@code commands} commands (the prologue once, then the
     * body over and over; nothing else, from a fresh start) against this path: accepted orders, events, live
     * orders and levels must be exactly what the set-up engine saw at that point. A run that drifted (a
     * reject, a missed fill, a command lost or reordered) fails loudly.
     */
    void verify(final MatchingEngine engine, final int instrumentId, final int prologueCount, final long commands,
        final String name)
    {
        if (commands < prologueCount)
        {
            return;
        }
        final int bodyCount = bodyCount();
        final long body = commands - prologueCount;
        final long passes = body / bodyCount;
        final int i = (int)(body % bodyCount);
        final long expectedAccepted = startOrderId + passes * accepted[bodyCount] + accepted[i];
        final long expectedEvents = startEventSequence + passes * events[bodyCount] + events[i];
        final int bids = engine.book(instrumentId).levelCount(Side.BUY);
        final int asks = engine.book(instrumentId).levelCount(Side.SELL);
        if (engine.lastOrderId() != expectedAccepted || engine.lastEventSequence() != expectedEvents ||
            engine.liveOrderCount() != live[i] || bids != bidLevels[i] || asks != askLevels[i])
        {
            throw new IllegalStateException(String.format(
                "%s: the engine left the simulated path after %,d commands: last order id %,d (expected %,d), " +
                "events %,d (expected %,d), live %,d (expected %,d), levels %d/%d (expected %d/%d)",
                name, commands, engine.lastOrderId(), expectedAccepted, engine.lastEventSequence(), expectedEvents,
                engine.liveOrderCount(), live[i], bids, asks, bidLevels[i], askLevels[i]));
        }
    }

    /** Records the path while a set-up engine runs the body: {@link #record} before each body command, once more at the end. */
    static final class Recorder
    {
        private final MatchingEngine engine;
        private final OrderBook book;
        private final IntArrayList live = new IntArrayList();
        private final IntArrayList bidLevels = new IntArrayList();
        private final IntArrayList askLevels = new IntArrayList();
        private final LongArrayList accepted = new LongArrayList();
        private final LongArrayList events = new LongArrayList();
        private final LongArrayList trades = new LongArrayList();
        private long startOrderId;
        private long startEventSequence;

        Recorder(final MatchingEngine engine, final int instrumentId)
        {
            this.engine = engine;
            this.book = engine.book(instrumentId);
        }

        /** The body begins: counters are taken from here. */
        void begin()
        {
            startOrderId = engine.lastOrderId();
            startEventSequence = engine.lastEventSequence();
        }

        /** @param bodyTrades trades since the body began. */
        void record(final long bodyTrades)
        {
            live.addInt(engine.liveOrderCount());
            bidLevels.addInt(book.levelCount(Side.BUY));
            askLevels.addInt(book.levelCount(Side.SELL));
            accepted.addLong(engine.lastOrderId() - startOrderId);
            events.addLong(engine.lastEventSequence() - startEventSequence);
            trades.addLong(bodyTrades);
        }

        /** Positions recorded so far. */
        int size()
        {
            return live.size();
        }

        Trajectory build()
        {
            return new Trajectory(this);
        }
    }
}

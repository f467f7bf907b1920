package dev.tessera.pipeline;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.agrona.concurrent.EpochNanoClock;

import java.util.function.LongConsumer;

/**
 * How a producer (a gateway I/O thread, a simulator) enters commands: each call claims a ring
 * slot, stamps it with the next command sequence and the entry time, encodes the command into the
 * slot and publishes it. Never blocks: a full ring answers {@link #BUSY} at once, for the caller to
 * turn into a reject. One instance per producing thread (it owns an encoder).
 */
public final class OrderEntry
{
    /** The ring is full: nothing was entered; try again later or reject. */
    public static final long BUSY = -1;
    /** The pipeline is closed or failed: nothing was entered. */
    public static final long CLOSED = -2;
    /**
     * The journal's file system is nearly full ({@link JournalSpace}): the new order or replace was not entered.
     * Cancels still are, as they take little room and lower what is at stake, down to the space's floor, below which
     * no command is entered.
     */
    public static final long JOURNAL_FULL = -3;

    private final RingBuffer<CommandSlot> ring;
    private final long sequenceBase;
    private final EpochNanoClock clock;
    private final ExchangePipeline pipeline;
    private final CommandEncoder encoder = new CommandEncoder();
    private LongConsumer onClaimed = commandSequence -> { };

    OrderEntry(
        final RingBuffer<CommandSlot> ring, final long sequenceBase, final EpochNanoClock clock,
        final ExchangePipeline pipeline)
    {
        this.ring = ring;
        this.sequenceBase = sequenceBase;
        this.clock = clock;
        this.pipeline = pipeline;
    }

    /**
     * The journal's last command sequence when the pipeline started: every command entered since has a higher
     * one, and every command at or below it is journaled.
     */
    public long lastJournaledAtStart()
    {
        return sequenceBase;
    }

    /** The most commands that can be entered and not yet journaled: a ring slot is reused only once journaled. */
    public int capacity()
    {
        return ring.getBufferSize();
    }

    /**
     * Told each command's sequence once its slot is claimed and before it is published, on the entering
     * thread: a producer that must know, across a crash, whether a command can be in the journal records its
     * sequence here (a command is journaled only after it is published). Must not throw; set before the first
     * command is entered.
     */
    public void onClaimed(final LongConsumer listener)
    {
        this.onClaimed = listener;
    }

    /** @return the command sequence, {@link #BUSY}, {@link #CLOSED} or {@link #JOURNAL_FULL}. */
    public long newOrder(
        final long owner,
        final int instrumentId,
        final long clientOrderId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final boolean postOnly,
        final long price,
        final long quantity)
    {
        final long slot = claimOrder();
        if (slot < 0)
        {
            return slot;
        }
        final CommandSlot entry = ring.get(slot);
        entry.length = 0;
        try
        {
            onClaimed.accept(sequenceOf(slot));
            entry.length = encoder.newOrder(entry.buffer, 0, sequenceOf(slot), clock.nanoTime(), owner, instrumentId,
                clientOrderId, side, orderType, timeInForce, postOnly, price, quantity);
        }
        finally
        {
            ring.publish(slot);
        }
        return sequenceOf(slot);
    }

    /** Cancels by {@code orderId}, or when it is 0 by the owner's {@code origClientOrderId}. */
    public long cancelOrder(final long owner, final long orderId, final long origClientOrderId, final long clientOrderId)
    {
        final long slot = claimCommand();
        if (slot < 0)
        {
            return slot;
        }
        final CommandSlot entry = ring.get(slot);
        entry.length = 0;
        try
        {
            onClaimed.accept(sequenceOf(slot));
            entry.length = encoder.cancelOrder(entry.buffer, 0, sequenceOf(slot), clock.nanoTime(), owner, orderId,
                origClientOrderId, clientOrderId);
        }
        finally
        {
            ring.publish(slot);
        }
        return sequenceOf(slot);
    }

    /**
     * New price and/or total quantity ({@link CommandEncoder#UNCHANGED} keeps one).
     *
     * @return the command sequence, {@link #BUSY}, {@link #CLOSED} or {@link #JOURNAL_FULL}.
     */
    public long replaceOrder(
        final long owner,
        final long orderId,
        final long origClientOrderId,
        final long clientOrderId,
        final long price,
        final long quantity)
    {
        final long slot = claimOrder();
        if (slot < 0)
        {
            return slot;
        }
        final CommandSlot entry = ring.get(slot);
        entry.length = 0;
        try
        {
            onClaimed.accept(sequenceOf(slot));
            entry.length = encoder.replaceOrder(entry.buffer, 0, sequenceOf(slot), clock.nanoTime(), owner, orderId,
                origClientOrderId, clientOrderId, price, quantity);
        }
        finally
        {
            ring.publish(slot);
        }
        return sequenceOf(slot);
    }

    public long massCancel(final long owner, final long clientOrderId, final int instrumentId)
    {
        final long slot = claimCommand();
        if (slot < 0)
        {
            return slot;
        }
        final CommandSlot entry = ring.get(slot);
        entry.length = 0;
        try
        {
            onClaimed.accept(sequenceOf(slot));
            entry.length = encoder.massCancel(entry.buffer, 0, sequenceOf(slot), clock.nanoTime(), owner, clientOrderId,
                instrumentId);
        }
        finally
        {
            ring.publish(slot);
        }
        return sequenceOf(slot);
    }

    /** Ends the trading day: every resting DAY order expires, or only those of {@code instrumentId} when it is not 0. */
    public long endOfDay(final int instrumentId)
    {
        final long slot = claimCommand();
        if (slot < 0)
        {
            return slot;
        }
        final CommandSlot entry = ring.get(slot);
        entry.length = 0;
        try
        {
            onClaimed.accept(sequenceOf(slot));
            entry.length = encoder.endOfDay(entry.buffer, 0, sequenceOf(slot), clock.nanoTime(), instrumentId);
        }
        finally
        {
            ring.publish(slot);
        }
        return sequenceOf(slot);
    }

    /** As {@link #claim}, refused while the journal's file system is nearly full: a volatile read more. */
    private long claimOrder()
    {
        return pipeline.journalNearlyFull() && pipeline.isAccepting() ? JOURNAL_FULL : claim();
    }

    /** As {@link #claim}, refused while the journal's file system is full to its floor: a volatile read more. */
    private long claimCommand()
    {
        return pipeline.journalFull() && pipeline.isAccepting() ? JOURNAL_FULL : claim();
    }

    private long claim()
    {
        if (!pipeline.isAccepting())
        {
            return CLOSED;
        }
        try
        {
            return ring.tryNext();
        }
        catch (final InsufficientCapacityException full)
        {
            // Disruptor's singleton: no stack trace, no allocation.
            return BUSY;
        }
    }

    /** Ring sequences start at 0 on every start; command sequences continue the journal's. */
    private long sequenceOf(final long slot)
    {
        return sequenceBase + slot + 1;
    }
}

package dev.tessera.perf;

import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.perf.workload.Workload;
import dev.tessera.pipeline.OrderEntry;
import org.agrona.MutableDirectBuffer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The realistic mix of {@link Rings#mixed} (the exchange-core mix on a 500-level, ~10,400-order book)
 * entered through a pipeline's {@link OrderEntry}, as a gateway thread would, or encoded into a ring slot
 * ({@link #encode}): first the ring's prologue (the start book), then its cyclic body over and over.
 * The commands come from the ring's {@link Workload} ({@link WorkloadExport}), the same engine-neutral
 * form the exchange-core peer runs, because {@code OrderEntry} encodes each command itself (with the
 * pipeline's own sequence and entry time).
 *
 * <p>One producing thread only: the body replays the simulated path only when its commands reach the
 * engine in ring order (a replace names an order by the client id an earlier command gave it). Then
 * {@link #verify} can check the engine against the trajectory the set-up simulation recorded.
 */
final class MixFeed
{
    private final Ring ring;
    private final Workload workload;
    private final long startOrderId;
    private final long startEventSequence;

    /** Commands entered; written by the producer only, read by anyone (release store, no fence per command). */
    private final AtomicLong entered = new AtomicLong();

    MixFeed(final Ring ring)
    {
        this.ring = ring;
        this.workload = WorkloadExport.of(ring);
        // The trajectory is recorded relative to the start state, which the prologue builds.
        final MatchingEngine start = ring.startEngine();
        startOrderId = start.lastOrderId();
        startEventSequence = start.lastEventSequence();
    }

    Workload workload()
    {
        return workload;
    }

    /**
     * Enters command {@code n} of the endless sequence (prologue once, then the body over and over).
     *
     * @return its command sequence, or {@link OrderEntry#BUSY} / {@link OrderEntry#CLOSED} (nothing entered).
     */
    long enter(final OrderEntry entry, final long n)
    {
        final int i = workload.position(n);
        final long owner = workload.owner(i);
        final long result;
        switch (workload.kind(i))
        {
            case Workload.PLACE:
                result = entry.newOrder(owner, BenchInstrument.ID, workload.clientOrderId(i), side(i), OrderType.LIMIT,
                    timeInForce(i), false, workload.price(i), workload.quantity(i));
                break;
            case Workload.CANCEL:
                result = entry.cancelOrder(owner, 0, workload.origClientOrderId(i), workload.clientOrderId(i));
                break;
            case Workload.MOVE:
                result = entry.replaceOrder(owner, 0, workload.origClientOrderId(i), workload.clientOrderId(i), workload.price(i),
                    CommandEncoder.UNCHANGED);
                break;
            default:
                result = entry.replaceOrder(owner, 0, workload.origClientOrderId(i), workload.clientOrderId(i),
                    CommandEncoder.UNCHANGED, workload.quantity(i));
                break;
        }
        if (result >= 0)
        {
            entered.lazySet(n + 1);
        }
        return result;
    }

    /** Encodes command {@code n} (see {@link #enter}) as the engine's SBE; returns its length. */
    int encode(final CommandEncoder encoder, final MutableDirectBuffer buffer, final int offset, final long n, final long sequence,
        final long timestamp)
    {
        final int i = workload.position(n);
        final long owner = workload.owner(i);
        entered.lazySet(n + 1);
        switch (workload.kind(i))
        {
            case Workload.PLACE:
                return encoder.newOrder(buffer, offset, sequence, timestamp, owner, BenchInstrument.ID, workload.clientOrderId(i),
                    side(i), OrderType.LIMIT, timeInForce(i), false, workload.price(i), workload.quantity(i));
            case Workload.CANCEL:
                return encoder.cancelOrder(buffer, offset, sequence, timestamp, owner, 0, workload.origClientOrderId(i),
                    workload.clientOrderId(i));
            case Workload.MOVE:
                return encoder.replaceOrder(buffer, offset, sequence, timestamp, owner, 0, workload.origClientOrderId(i),
                    workload.clientOrderId(i), workload.price(i), CommandEncoder.UNCHANGED);
            default:
                return encoder.replaceOrder(buffer, offset, sequence, timestamp, owner, 0, workload.origClientOrderId(i),
                    workload.clientOrderId(i), CommandEncoder.UNCHANGED, workload.quantity(i));
        }
    }

    private Side side(final int i)
    {
        return workload.side(i) == Workload.BUY ? Side.BUY : Side.SELL;
    }

    private TimeInForce timeInForce(final int i)
    {
        return workload.timeInForce(i) == Workload.IOC ? TimeInForce.IOC : TimeInForce.GTC;
    }

    /**
     * Enters the next command of the mix.
     *
     * @return its command sequence, or {@link OrderEntry#BUSY} / {@link OrderEntry#CLOSED} (nothing
     *         entered; the same command is offered again on the next call).
     */
    long enterNext(final OrderEntry entry)
    {
        return enter(entry, entered.get());
    }

    /** Starts again from the prologue, for a fresh engine. */
    void reset()
    {
        entered.set(0);
    }

    /** Commands entered so far (prologue included). */
    long entered()
    {
        return entered.get();
    }

    int prologueCount()
    {
        return workload.prologueCount();
    }

    int bodyCount()
    {
        return workload.bodyCount();
    }

    String composition()
    {
        return ring.composition;
    }

    String depthSummary()
    {
        return ring.depthSummary();
    }

    /**
     * Checks an engine that has processed the first {@code commands} commands of this feed (and nothing
     * else, from a fresh start) against the trajectory of the set-up simulation: accepted orders,
     * events, live orders and levels must be exactly those the simulation saw at that point. A run
     * that drifted (a reject, a missed fill, a command lost or reordered) fails loudly.
     */
    void verify(final MatchingEngine engine, final long commands)
    {
        final int prologueCount = workload.prologueCount();
        final int bodyCount = workload.bodyCount();
        if (commands < prologueCount)
        {
            return;
        }
        final long body = commands - prologueCount;
        final long passes = body / bodyCount;
        final int i = (int)(body % bodyCount);
        final long expectedAccepted = startOrderId + passes * ring.accepted[bodyCount] + ring.accepted[i];
        final long expectedEvents = startEventSequence + passes * ring.events[bodyCount] + ring.events[i];
        final int bids = engine.book(BenchInstrument.ID).levelCount(Side.BUY);
        final int asks = engine.book(BenchInstrument.ID).levelCount(Side.SELL);
        if (engine.lastOrderId() != expectedAccepted || engine.lastEventSequence() != expectedEvents ||
            engine.liveOrderCount() != ring.live[i] || bids != ring.bidLevels[i] || asks != ring.askLevels[i])
        {
            throw new IllegalStateException(String.format(
                "%s: the pipeline's engine left the simulated path after %,d commands: last order id %,d (expected %,d), " +
                "events %,d (expected %,d), live %,d (expected %,d), levels %d/%d (expected %d/%d)",
                ring.name, commands, engine.lastOrderId(), expectedAccepted, engine.lastEventSequence(), expectedEvents,
                engine.liveOrderCount(), ring.live[i], bids, asks, ring.bidLevels[i], ring.askLevels[i]));
        }
    }

    /** The realistic mix on a ring of {@code operations} body operations (plus its ~1% restoring tail). */
    static MixFeed mixed(final int operations)
    {
        final Ring ring = Rings.mixed(operations);
        ring.requireRealisticDepth();
        return new MixFeed(ring);
    }
}

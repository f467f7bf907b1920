package dev.tessera.perf;

import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.BooleanType;
import dev.tessera.engine.codec.CancelOrderDecoder;
import dev.tessera.engine.codec.MassCancelDecoder;
import dev.tessera.engine.codec.NewOrderDecoder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.ReplaceOrderDecoder;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.journal.tools.CommandReader;
import dev.tessera.pipeline.OrderEntry;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The realistic mix of {@link Rings#mixed} (the exchange-core mix on a 500-level, ~10,400-order book)
 * entered through a pipeline's {@link OrderEntry}, as a gateway thread would: first the ring's
 * prologue (the start book), then its cyclic body over and over. The ring's pre-encoded commands are
 * decoded once at set-up into plain arrays, because {@code OrderEntry} encodes each command itself
 * (with the pipeline's own sequence and entry time).
 *
 * <p>One producing thread only: the body replays the simulated path only when its commands reach the
 * engine in ring order (a replace names an order by the client id an earlier command gave it). Then
 * {@link #verify} can check the engine against the trajectory the set-up simulation recorded.
 */
final class MixFeed
{
    private static final byte NEW = 1;
    private static final byte CANCEL = 2;
    private static final byte REPLACE = 3;
    private static final byte MASS_CANCEL = 4;

    private final Ring ring;
    private final int prologueCount;
    private final int bodyCount;
    private final byte[] kind;
    private final long[] owner;
    private final long[] clientOrderId;
    /** orderId of cancel/replace; price of new orders. */
    private final long[] orderIdOrPrice;
    private final long[] origClientOrderId;
    /** price of replaces. */
    private final long[] newPrice;
    private final long[] quantity;
    private final int[] instrumentId;
    private final Side[] side;
    private final OrderType[] orderType;
    private final TimeInForce[] timeInForce;
    private final boolean[] postOnly;
    private final long startOrderId;
    private final long startEventSequence;

    /** Commands entered; written by the producer only, read by anyone (release store, no fence per command). */
    private final AtomicLong entered = new AtomicLong();
    private int position;

    MixFeed(final Ring ring)
    {
        this.ring = ring;
        this.prologueCount = ring.prologueOffsets.length - 1;
        this.bodyCount = ring.count;
        final int total = prologueCount + bodyCount;
        kind = new byte[total];
        owner = new long[total];
        clientOrderId = new long[total];
        orderIdOrPrice = new long[total];
        origClientOrderId = new long[total];
        newPrice = new long[total];
        quantity = new long[total];
        instrumentId = new int[total];
        side = new Side[total];
        orderType = new OrderType[total];
        timeInForce = new TimeInForce[total];
        postOnly = new boolean[total];
        final CommandReader reader = new CommandReader();
        for (int i = 0; i < prologueCount; i++)
        {
            decode(reader, i, ring.prologue, ring.prologueOffsets[i], ring.prologueOffsets[i + 1]);
        }
        for (int i = 0; i < bodyCount; i++)
        {
            decode(reader, prologueCount + i, ring.body, ring.offsets[i], ring.offsets[i + 1]);
        }
        // The trajectory is recorded relative to the start state, which the prologue builds.
        final MatchingEngine start = ring.startEngine();
        startOrderId = start.lastOrderId();
        startEventSequence = start.lastEventSequence();
    }

    private void decode(final CommandReader reader, final int i, final UnsafeBuffer buffer, final int from, final int to)
    {
        switch (reader.wrap(buffer, from, to - from))
        {
            case NewOrderDecoder.TEMPLATE_ID:
            {
                final NewOrderDecoder command = reader.newOrder();
                kind[i] = NEW;
                owner[i] = command.owner();
                clientOrderId[i] = command.clientOrderId();
                orderIdOrPrice[i] = command.price();
                quantity[i] = command.quantity();
                instrumentId[i] = command.instrumentId();
                side[i] = command.side();
                orderType[i] = command.orderType();
                timeInForce[i] = command.timeInForce();
                postOnly[i] = command.postOnly() == BooleanType.TRUE;
                break;
            }
            case CancelOrderDecoder.TEMPLATE_ID:
            {
                final CancelOrderDecoder command = reader.cancelOrder();
                kind[i] = CANCEL;
                owner[i] = command.owner();
                orderIdOrPrice[i] = command.orderId();
                origClientOrderId[i] = command.origClientOrderId();
                clientOrderId[i] = command.clientOrderId();
                break;
            }
            case ReplaceOrderDecoder.TEMPLATE_ID:
            {
                final ReplaceOrderDecoder command = reader.replaceOrder();
                kind[i] = REPLACE;
                owner[i] = command.owner();
                orderIdOrPrice[i] = command.orderId();
                origClientOrderId[i] = command.origClientOrderId();
                clientOrderId[i] = command.clientOrderId();
                newPrice[i] = command.price();
                quantity[i] = command.quantity();
                break;
            }
            case MassCancelDecoder.TEMPLATE_ID:
            {
                final MassCancelDecoder command = reader.massCancel();
                kind[i] = MASS_CANCEL;
                owner[i] = command.owner();
                clientOrderId[i] = command.clientOrderId();
                instrumentId[i] = command.instrumentId();
                break;
            }
            default:
                throw new IllegalStateException(ring.name + ": command " + i + " of the ring is not a command");
        }
    }

    /**
     * Enters the next command of the mix.
     *
     * @return its command sequence, or {@link OrderEntry#BUSY} / {@link OrderEntry#CLOSED} (nothing
     *         entered; the same command is offered again on the next call).
     */
    long enterNext(final OrderEntry entry)
    {
        final int i = position;
        final long result;
        switch (kind[i])
        {
            case NEW:
                result = entry.newOrder(owner[i], instrumentId[i], clientOrderId[i], side[i], orderType[i],
                    timeInForce[i], postOnly[i], orderIdOrPrice[i], quantity[i]);
                break;
            case CANCEL:
                result = entry.cancelOrder(owner[i], orderIdOrPrice[i], origClientOrderId[i], clientOrderId[i]);
                break;
            case REPLACE:
                result = entry.replaceOrder(owner[i], orderIdOrPrice[i], origClientOrderId[i], clientOrderId[i],
                    newPrice[i], quantity[i]);
                break;
            default:
                result = entry.massCancel(owner[i], clientOrderId[i], instrumentId[i]);
                break;
        }
        if (result >= 0)
        {
            // After the last body command the body starts again; the prologue runs once.
            position = i + 1 == kind.length ? prologueCount : i + 1;
            entered.lazySet(entered.get() + 1);
        }
        return result;
    }

    /** Starts again from the prologue, for a fresh engine. */
    void reset()
    {
        position = 0;
        entered.set(0);
    }

    /** Commands entered so far (prologue included). */
    long entered()
    {
        return entered.get();
    }

    int prologueCount()
    {
        return prologueCount;
    }

    int bodyCount()
    {
        return bodyCount;
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

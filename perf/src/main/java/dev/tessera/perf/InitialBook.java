package dev.tessera.perf;

import dev.tessera.engine.codec.Side;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

/**
 * The start books of the benchmarks: {@link BenchInstrument#LEVELS} price levels per side with 5 to
 * 15 orders each (about 10,000 resting orders in all) unless a benchmark gives another {@link Shape},
 * from {@link BenchInstrument#MAKERS} owners, entered in a shuffled order so that queues and owner
 * lists interleave as they would in a real book.
 */
final class InitialBook
{
    static final int MIN_ORDERS_PER_LEVEL = 5;
    static final int MAX_ORDERS_PER_LEVEL = 15;

    /** One resting order of the start book. */
    record Placement(long owner, long clientOrderId, Side side, long price, long quantity)
    {
    }

    private InitialBook()
    {
    }

    /** Round lots of 100, 100 to 2,000. */
    static long defaultQuantity(final SplittableRandom random)
    {
        return 100L * (1 + random.nextInt(20));
    }

    static List<Placement> placements(final RingBuilder ring, final SplittableRandom random)
    {
        return placements(ring, random, InitialBook::defaultQuantity);
    }

    static List<Placement> placements(
        final RingBuilder ring, final SplittableRandom random, final ToLongFunction<SplittableRandom> quantity)
    {
        return placements(ring, random, quantity,
            (r, ticks) -> MIN_ORDERS_PER_LEVEL + r.nextInt(MAX_ORDERS_PER_LEVEL - MIN_ORDERS_PER_LEVEL + 1));
    }

    /** Orders per level as a function of its distance from the mid in ticks. */
    @FunctionalInterface
    interface Shape
    {
        int orders(SplittableRandom random, int ticks);
    }

    static List<Placement> placements(
        final RingBuilder ring,
        final SplittableRandom random,
        final ToLongFunction<SplittableRandom> quantity,
        final Shape shape)
    {
        final List<long[]> slots = new ArrayList<>();
        for (final Side side : new Side[] {Side.BUY, Side.SELL})
        {
            for (int ticks = 1; ticks <= BenchInstrument.LEVELS; ticks++)
            {
                final int orders = shape.orders(random, ticks);
                for (int i = 0; i < orders; i++)
                {
                    slots.add(new long[] {side.value(), BenchInstrument.passivePrice(side, ticks)});
                }
            }
        }
        // Fisher-Yates with the seeded generator: deterministic entry order.
        for (int i = slots.size() - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final long[] swap = slots.get(i);
            slots.set(i, slots.get(j));
            slots.set(j, swap);
        }
        final List<Placement> placements = new ArrayList<>(slots.size());
        for (final long[] slot : slots)
        {
            final long owner = 1 + random.nextInt(BenchInstrument.MAKERS);
            placements.add(new Placement(
                owner, ring.nextClientOrderId(owner), Side.get((short)slot[0]), slot[1], quantity.applyAsLong(random)));
        }
        return placements;
    }

    /** Enters the placements as passive GTC orders (each must rest). */
    static void enter(final RingBuilder ring, final List<Placement> placements)
    {
        for (final Placement placement : placements)
        {
            ring.passive(placement.owner(), placement.clientOrderId(), placement.side(), placement.price(), placement.quantity());
        }
    }
}

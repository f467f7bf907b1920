package dev.tessera.perf;

import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.OrderBook;
import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.perf.BookModel.LiveOrder;
import dev.tessera.perf.InitialBook.Placement;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Set-up only: the command rings of the benchmarks, generated from a fixed seed against a setup-only
 * engine, every command checked to do what it intends, every body checked to end where it started.
 * Commands address orders by (owner, clientOrderId), as a FIX session does, so a replay on another
 * engine (other order ids) is valid too.
 */
final class Rings
{
    static final long SEED = 0x7E55E7A2026L;
    /**
     * Scales every ring's length; {@code perf/bin/bench --smoke} sets 1/8 so that set-up is quick. The
     * numbers of a smoke run only show that everything runs.
     */
    static final String SCALE_PROPERTY = "tessera.perf.ringScale";

    private Rings()
    {
    }

    static double scale()
    {
        final double scale = Double.parseDouble(System.getProperty(SCALE_PROPERTY, "1"));
        if (!(scale > 0 && scale <= 1))
        {
            throw new IllegalArgumentException(SCALE_PROPERTY + " must be in (0, 1]: " + scale);
        }
        return scale;
    }

    /** {@code length} times {@link #scale()}, at least 1,024. */
    static int scaled(final int length)
    {
        return Math.max(1_024, (int)(length * scale()));
    }

    /**
     * Passive adds balanced by cancels, one of each per pair: pair p adds order A(p) at a random price
     * 1..550 ticks from the mid (about 9% create a new level beyond the 500 of the book) and cancels
     * A(p - lag), so {@code lag} extra orders are always in flight and each cancel hits an order somewhere
     * in its queue. The prologue pre-enters the last {@code lag} adds, which makes the body exactly cyclic.
     */
    static Ring add(final int pairs, final int lag)
    {
        final RingBuilder ring = new RingBuilder("add");
        final SplittableRandom random = new SplittableRandom(SEED);
        ring.kind("prologue");
        InitialBook.enter(ring, InitialBook.placements(ring, random));

        final long[] owner = new long[pairs];
        final long[] clientOrderId = new long[pairs];
        final Side[] side = new Side[pairs];
        final long[] price = new long[pairs];
        final long[] quantity = new long[pairs];
        for (int p = 0; p < pairs; p++)
        {
            owner[p] = 1 + random.nextInt(BenchInstrument.MAKERS);
            clientOrderId[p] = ring.nextClientOrderId(owner[p]);
            side[p] = random.nextBoolean() ? Side.BUY : Side.SELL;
            price[p] = BenchInstrument.passivePrice(side[p], 1 + random.nextInt(BenchInstrument.LEVELS * 11 / 10));
            quantity[p] = InitialBook.defaultQuantity(random);
        }
        for (int p = pairs - lag; p < pairs; p++)
        {
            ring.passive(owner[p], clientOrderId[p], side[p], price[p], quantity[p]);
        }

        ring.beginBody(2 * pairs);
        for (int p = 0; p < pairs; p++)
        {
            ring.kind("add").passive(owner[p], clientOrderId[p], side[p], price[p], quantity[p]);
            final int q = (p - lag + pairs) % pairs;
            ring.kind("cancel").cancel(owner[q], clientOrderId[q], ring.nextClientOrderId(owner[q]));
        }
        return ring.build(true);
    }

    /**
     * Cancels of uniformly random resting orders (any level, any queue position), each balanced by
     * re-entering the same order (same owner, client id, price, quantity) at the back of its level.
     * The set of orders never changes, only queue order, and nothing trades, so the body is cyclic.
     */
    static Ring cancel(final int pairs)
    {
        final RingBuilder ring = new RingBuilder("cancel");
        final SplittableRandom random = new SplittableRandom(SEED + 1);
        ring.kind("prologue");
        InitialBook.enter(ring, InitialBook.placements(ring, random));

        final BookModel model = ring.model();
        ring.beginBody(2 * pairs);
        for (int p = 0; p < pairs; p++)
        {
            final LiveOrder order = model.random(random);
            final long owner = order.owner;
            final long clientOrderId = order.clientOrderId;
            final Side side = order.side;
            final long price = order.price;
            final long quantity = order.quantity;
            ring.kind("cancel").cancel(owner, clientOrderId, ring.nextClientOrderId(owner));
            ring.kind("add").passive(owner, clientOrderId, side, price, quantity);
        }
        return ring.build(false);
    }

    /**
     * Replaces of uniformly random resting orders, each with a new client order id.
     * {@code move}: a new passive price on the same side (loses priority), quantity unchanged.
     * {@code reduce}: quantity down by 100..500 at the same price (keeps priority); start quantities
     * are 100,000..199,900 so that about 100 reduces per order never exhaust one.
     * The body ends with one replace per touched order back to its start price, quantity and id
     * (for {@code reduce} these are quantity-up replaces, about 1% of the ring), so it is cyclic.
     */
    static Ring replace(final String kind, final int replaces)
    {
        final boolean move;
        switch (kind)
        {
            case "move":
                move = true;
                break;
            case "reduce":
                move = false;
                break;
            default:
                throw new IllegalArgumentException("replace kind must be move or reduce: " + kind);
        }
        final RingBuilder ring = new RingBuilder("replace-" + kind);
        final SplittableRandom random = new SplittableRandom(SEED + 2);
        ring.kind("prologue");
        final List<Placement> placements = move ?
            InitialBook.placements(ring, random) :
            InitialBook.placements(ring, random, r -> 100L * (1_000 + r.nextInt(1_000)));
        InitialBook.enter(ring, placements);

        final BookModel model = ring.model();
        final Map<LiveOrder, Placement> startOf = new IdentityHashMap<>();
        for (final Placement placement : placements)
        {
            startOf.put(model.get(placement.owner(), placement.clientOrderId()), placement);
        }

        ring.beginBody(replaces + 2 * placements.size());
        for (int i = 0; i < replaces; i++)
        {
            if (move)
            {
                move(ring, random, false);
            }
            else
            {
                final LiveOrder order = model.random(random);
                final long by = 100L * (1 + random.nextInt(5));
                ring.check(order.leaves >= by + 100, "reduce ran out of quantity");
                final long owner = order.owner;
                final long newId = ring.nextClientOrderId(owner);
                final BookModel result =
                    ring.kind("reduce").replace(owner, order.clientOrderId, newId, CommandEncoder.UNCHANGED, order.quantity - by);
                ring.check(result.replacedKept == 1 && result.trades == 0 && model.isLive(owner, newId),
                    "reduce did not keep priority");
            }
        }

        ring.kind(move ? "move (restore start)" : "quantity up (restore start)");
        for (final LiveOrder order : new ArrayList<>(model.liveOrders()))
        {
            final Placement start = startOf.get(order);
            ring.check(start != null, "an order the start book did not have");
            if (order.clientOrderId == start.clientOrderId() && order.price == start.price() && order.quantity == start.quantity())
            {
                continue;
            }
            ring.replace(order.owner, order.clientOrderId, start.clientOrderId(),
                order.price == start.price() ? CommandEncoder.UNCHANGED : start.price(),
                order.quantity == start.quantity() ? CommandEncoder.UNCHANGED : start.quantity());
            ring.check(model.isLive(start.owner(), start.clientOrderId()), "restore failed");
        }
        return ring.build(false);
    }

    /**
     * A passive price move of a random order to another price on its side, new client id, quantity kept;
     * the new price uniform over the 500 levels, or drawn from the mixed book's shape.
     */
    private static void move(final RingBuilder ring, final SplittableRandom random, final boolean shaped)
    {
        final BookModel model = ring.model();
        final LiveOrder order = model.random(random);
        long price;
        do
        {
            price = BenchInstrument.passivePrice(
                order.side, shaped ? mixedTicks(random) : 1 + random.nextInt(BenchInstrument.LEVELS));
        }
        while (price == order.price);
        final long owner = order.owner;
        final long newId = ring.nextClientOrderId(owner);
        final BookModel result = ring.kind("move").replace(owner, order.clientOrderId, newId, price, CommandEncoder.UNCHANGED);
        ring.check(result.replacedLost == 1 && result.trades == 0 && model.isLive(owner, newId), "move did not simply rest");
    }

    /**
     * Episodes of aggressive matching: an IOC limit order (random side, a taker owner) takes exactly the
     * first 1, 2 or 3 levels of the opposite side, every order in them, in half the episodes with some
     * quantity left over that is cancelled (IOC remainder); then the filled orders are entered again
     * (same owners, ids, prices, quantities, in their old queue order), which restores the book exactly.
     */
    static Ring aggressive(final int episodes)
    {
        final RingBuilder ring = new RingBuilder("aggressiveMatch");
        final SplittableRandom random = new SplittableRandom(SEED + 3);
        ring.kind("prologue");
        InitialBook.enter(ring, InitialBook.placements(ring, random));

        final Map<Side, List<List<LiveOrderView>>> levels = levelsBestFirst(ring);
        final BookModel model = ring.model();
        ring.beginBody(episodes * 25);
        for (int e = 0; e < episodes; e++)
        {
            final Side aggressor = random.nextBoolean() ? Side.BUY : Side.SELL;
            final Side resting = BenchInstrument.opposite(aggressor);
            final int take = 1 + random.nextInt(3);
            final List<List<LiveOrderView>> book = levels.get(resting);
            long quantity = 0;
            int orders = 0;
            for (int level = 0; level < take; level++)
            {
                for (final LiveOrderView order : book.get(level))
                {
                    quantity += order.quantity;
                    orders++;
                }
            }
            final long limit = book.get(take - 1).get(0).price;
            final long extra = random.nextBoolean() ? 0 : 100L * (1 + random.nextInt(10));
            final long taker = BenchInstrument.TAKER_BASE + 1 + random.nextInt(BenchInstrument.TAKERS);
            final BookModel result = ring.kind("ioc sweep").newOrder(
                taker, ring.nextClientOrderId(taker), aggressor, OrderType.LIMIT, TimeInForce.IOC, limit, quantity + extra);
            ring.check(result.accepted == 1 && result.trades == orders &&
                result.cancelled == (extra > 0 ? 1 : 0) && result.cancelled(CancelReason.IOC_REMAINDER) == result.cancelled,
                "IOC did not take exactly " + take + " levels");
            ring.kind("replenish");
            for (int level = 0; level < take; level++)
            {
                for (final LiveOrderView order : book.get(level))
                {
                    ring.passive(order.owner, order.clientOrderId, resting, order.price, order.quantity);
                }
            }
            ring.endEpisode();
        }
        ring.check(model.size() == ring.engine().liveOrderCount(), "model and engine disagree");
        return ring.build(true);
    }

    private record LiveOrderView(long owner, long clientOrderId, long price, long quantity)
    {
    }

    private static Map<Side, List<List<LiveOrderView>>> levelsBestFirst(final RingBuilder ring)
    {
        final Map<Side, List<List<LiveOrderView>>> levels = new LinkedHashMap<>();
        levels.put(Side.BUY, new ArrayList<>());
        levels.put(Side.SELL, new ArrayList<>());
        ring.book().forEachOrder((side, price, orderId, owner, clientOrderId, quantity, leaves) ->
        {
            final List<List<LiveOrderView>> sideLevels = levels.get(side);
            if (sideLevels.isEmpty() || sideLevels.get(sideLevels.size() - 1).get(0).price != price)
            {
                sideLevels.add(new ArrayList<>());
            }
            sideLevels.get(sideLevels.size() - 1).add(new LiveOrderView(owner, clientOrderId, price, leaves));
        });
        return levels;
    }

    /**
     * The exchange-core benchmark mix on a steady book: move 71.1%, reduce 7.2%, GTC 12.6%, IOC 1.9%,
     * cancel 7.2% (its FOK share, 0.06%, folded into IOC). The book is shaped as real ones are, deeper
     * near the touch: 8 orders a level far out rising to 48 at the touch (about 10,400 in all, 500
     * levels a side). GTC orders and moves rest, at prices 1..500 ticks from the mid on their side drawn
     * from that shape (so they never cross and the shape holds); IOCs (taker owners, limit 2 ticks
     * through the opposite best) trade with a few resting orders. GTC adds 5.4% more orders than cancels remove;
     * IOC consumption balances it: an IOC hits the side of a random resting order (so the sides stay
     * balanced) and is 100..4,000 while that side has fewer orders than at the start, 100..18,000 while
     * it has more, which holds the depth steady without changing the mix.
     * The body ends with a cancel of every resting order and the start book entered again (about 4% of
     * the ring), which makes it exactly cyclic.
     */
    static Ring mixed(final int operations)
    {
        final RingBuilder ring = new RingBuilder("mixed");
        final SplittableRandom random = new SplittableRandom(SEED + 4);
        ring.kind("prologue");
        final List<Placement> placements = InitialBook.placements(ring, random, InitialBook::defaultQuantity,
            (r, ticks) -> (int)Math.round(MIXED_SHAPE[ticks]));
        InitialBook.enter(ring, placements);

        final BookModel model = ring.model();
        final OrderBook book = ring.book();
        final int target = model.size();
        ring.beginBody(operations + placements.size() + 16);
        for (int i = 0; i < operations; i++)
        {
            final int roll = random.nextInt(1_000);
            if (roll < 711)
            {
                move(ring, random, true);
            }
            else if (roll < 783)
            {
                reduce(ring, random);
            }
            else if (roll < 909)
            {
                gtc(ring, random);
            }
            else if (roll < 928)
            {
                // The side hit is that of a random resting order (sides stay balanced); the IOC is larger
                // while that side holds more orders than at the start (depth stays steady).
                final Side resting = model.random(random).side;
                final Side aggressor = BenchInstrument.opposite(resting);
                final long best = book.bestPrice(resting);
                ring.check(best != OrderBook.NO_PRICE, "empty side");
                final long limit = aggressor == Side.BUY ? best + 2 * BenchInstrument.TICK : best - 2 * BenchInstrument.TICK;
                final long taker = BenchInstrument.TAKER_BASE + 1 + random.nextInt(BenchInstrument.TAKERS);
                final long lots = 1 + random.nextInt(model.size(resting) > target / 2 ? 180 : 40);
                final BookModel result = ring.kind("ioc").newOrder(taker, ring.nextClientOrderId(taker), aggressor,
                    OrderType.LIMIT, TimeInForce.IOC, limit, 100L * lots);
                ring.check(result.accepted == 1 && result.trades >= 1 &&
                    result.cancelled == result.cancelled(CancelReason.IOC_REMAINDER) && result.cancelled <= 1, "IOC did not trade");
            }
            else
            {
                cancel(ring, random);
            }
        }

        ring.markSteadyEnd();
        // One cancel per live order rather than a mass cancel per owner: exchange-core, which runs the same
        // commands (perf/workload), has no mass cancel.
        ring.kind("cancel all (restore start)");
        for (final LiveOrder order : new ArrayList<>(model.liveOrders()))
        {
            ring.cancel(order.owner, order.clientOrderId, ring.nextClientOrderId(order.owner));
        }
        ring.check(model.size() == 0, "cancels left orders");
        ring.kind("re-enter start book (restore start)");
        InitialBook.enter(ring, placements);
        return ring.build(true);
    }

    /** Orders per level of the mixed book by distance from the mid: 8 deep, rising to 48 at the touch. */
    private static final double[] MIXED_SHAPE = new double[BenchInstrument.LEVELS + 1];
    /** Cumulative MIXED_SHAPE, to draw a level with probability proportional to its orders. */
    private static final double[] MIXED_CUMULATIVE = new double[BenchInstrument.LEVELS + 1];

    static
    {
        for (int ticks = 1; ticks <= BenchInstrument.LEVELS; ticks++)
        {
            MIXED_SHAPE[ticks] = 8 + 40 * Math.exp(-(ticks - 1) / 30.0);
            MIXED_CUMULATIVE[ticks] = MIXED_CUMULATIVE[ticks - 1] + MIXED_SHAPE[ticks];
        }
    }

    /** Ticks from the mid drawn from the mixed book's shape, so placements keep that shape. */
    private static int mixedTicks(final SplittableRandom random)
    {
        final double x = random.nextDouble() * MIXED_CUMULATIVE[BenchInstrument.LEVELS];
        int low = 1;
        int high = BenchInstrument.LEVELS;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (MIXED_CUMULATIVE[mid] < x)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    private static void reduce(final RingBuilder ring, final SplittableRandom random)
    {
        final BookModel model = ring.model();
        for (int attempt = 0; attempt < 32; attempt++)
        {
            final LiveOrder order = model.random(random);
            if (order.leaves >= 200)
            {
                final long by = 100L * (1 + random.nextInt((int)(order.leaves / 100) - 1));
                final long owner = order.owner;
                final long newId = ring.nextClientOrderId(owner);
                final BookModel result =
                    ring.kind("reduce").replace(owner, order.clientOrderId, newId, CommandEncoder.UNCHANGED, order.quantity - by);
                ring.check(result.replacedKept == 1 && result.trades == 0 && model.isLive(owner, newId), "reduce did not keep priority");
                return;
            }
        }
        move(ring, random, true);
    }

    private static void gtc(final RingBuilder ring, final SplittableRandom random)
    {
        final long owner = 1 + random.nextInt(BenchInstrument.MAKERS);
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        ring.kind("gtc").passive(owner, ring.nextClientOrderId(owner), side,
            BenchInstrument.passivePrice(side, mixedTicks(random)), InitialBook.defaultQuantity(random));
    }

    private static void cancel(final RingBuilder ring, final SplittableRandom random)
    {
        final LiveOrder order = ring.model().random(random);
        ring.kind("cancel").cancel(order.owner, order.clientOrderId, ring.nextClientOrderId(order.owner));
    }
}

package dev.tessera.engine;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.codec.BooleanType;
import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.CancelRejectedDecoder;
import dev.tessera.engine.codec.EndOfDayCompletedDecoder;
import dev.tessera.engine.codec.MassCancelCompletedDecoder;
import dev.tessera.engine.codec.OrderAcceptedDecoder;
import dev.tessera.engine.codec.OrderCancelledDecoder;
import dev.tessera.engine.codec.OrderRejectedDecoder;
import dev.tessera.engine.codec.OrderReplacedDecoder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.ReplaceRejectedDecoder;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.engine.codec.TradeDecoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.Long2ObjectHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's promise that steady-state matching allocates nothing, checked: a realistic book
 * (500 levels a side, about 10,400 resting orders, 8 owners plus a small one), a mix with every kind
 * of command (passive adds, cancels, replaces that move and that reduce, aggressive IOCs, market
 * orders, fillable and unfillable FOKs, mass cancels of a small owner and ends of day that expire its
 * DAY orders), measured with the thread's
 * allocation counter.
 * <p>
 * The commands are generated first against a separate engine (whose events tell the generator which
 * orders are live, so every cancel and replace targets a live order and nothing is rejected) and
 * encoded into one buffer. They form a cycle: 200,000 commands of the mix, then a mass cancel
 * of every owner and the start book entered again, which brings the book back exactly to where it
 * started. A fresh engine runs the cycle once to warm up (pools, maps and buffers reach the size the
 * mix needs, the JIT settles), then runs it again measured: the measured loop only calls
 * {@code onCommand}. Repeating the same cycle matters: the engine's maps grow when a count reaches a
 * new high (an owner's live orders, say), which a random mix can do at any time, so only a replay of
 * what the warm-up already did is steady state in the strict sense.
 */
class SteadyStateAllocationTest
{
    private static final int INSTRUMENT = 1;
    private static final long MID = 10_000;
    private static final int LEVELS = 500;
    private static final int MAKERS = 8;
    private static final long SMALL_OWNER = 9;
    private static final int TAKER_BASE = 100;
    private static final int TAKERS = 4;
    private static final int MIX_COMMANDS = 200_000;
    private static final long ALLOWED_BYTES = 1024;

    private static final InstrumentConfig CONFIG =
        new InstrumentConfig("ALLOC", INSTRUMENT, 2, 1, 1, 1, 1_000_000, MID, 1_000, SelfTradePrevention.NONE);

    private static Commands commands;

    @BeforeAll
    static void generateCommands()
    {
        commands = new Generator(0x5EED_2026L).generate(MIX_COMMANDS);
    }

    @Test
    void shouldGenerateAValidSteadyCycleWithEveryKindOfCommand()
    {
        final Totals tally = commands.tally;
        assertThat(tally.rejected).as("rejections: first %s", tally.firstRejection).isZero();
        assertThat(tally.accepted).isPositive();
        assertThat(tally.trades).isPositive();
        assertThat(tally.replacedKept).isPositive();
        assertThat(tally.replacedLost).isPositive();
        assertThat(tally.cancelled(CancelReason.USER_REQUESTED)).isPositive();
        assertThat(tally.cancelled(CancelReason.IOC_REMAINDER)).isPositive();
        assertThat(tally.cancelled(CancelReason.FOK_NOT_FILLABLE)).isPositive();
        assertThat(tally.cancelled(CancelReason.MASS_CANCEL)).isPositive();
        assertThat(tally.massCompleted).isPositive();
        assertThat(tally.cancelled(CancelReason.EXPIRED)).isPositive();
        assertThat(tally.dayEndCompleted).isPositive();
        assertThat(commands.kinds).containsKeys("move", "reduce", "gtc", "small-owner day", "cancel", "ioc", "market",
            "fok fillable", "fok unfillable", "mass cancel", "end of day");
        // Steady state: the depth stayed near the start depth throughout the mix.
        assertThat(commands.minLive).isGreaterThan(commands.startBook.size() * 9 / 10);
        assertThat(commands.maxLive).isLessThan(commands.startBook.size() * 11 / 10);
        assertThat(commands.endBook).as("the cycle ends in the start book").isEqualTo(commands.startBook);
    }

    @Test
    void shouldNotAllocateInSteadyState()
    {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final MatchingEngine engine = new MatchingEngine(List.of(CONFIG));
        final int cycleStart = commands.prologueEnd;
        final int cycleEnd = commands.offsets.size() - 1;
        run(engine, 0, cycleStart);
        final long warmupEvents = run(engine, cycleStart, cycleEnd);
        assertThat(engine.stateHash()).as("warm-up followed the generated path").isEqualTo(commands.stateHashAfterCycle);

        // The counter itself allocates nothing, but call it once so that its first call cannot count.
        threads.getCurrentThreadAllocatedBytes();
        final long before = threads.getCurrentThreadAllocatedBytes();
        final long events = run(engine, cycleStart, cycleEnd);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(cycleEnd - cycleStart).isGreaterThan(200_000);
        assertThat(events).as("measured pass produced the same events as the warm-up pass").isEqualTo(warmupEvents);
        assertThat(book(engine)).as("measured pass ends in the start book").isEqualTo(commands.startBook);
        assertThat(allocated).as("bytes allocated by %,d steady-state commands", cycleEnd - cycleStart).isLessThan(ALLOWED_BYTES);
    }

    /** L3 of the book without engine order ids (a replay assigns others), in priority order. */
    private static List<String> book(final MatchingEngine engine)
    {
        final List<String> orders = new ArrayList<>();
        engine.book(INSTRUMENT).forEachOrder((side, price, orderId, owner, clientOrderId, quantity, leaves) ->
            orders.add(side + " " + price + " " + owner + "/" + clientOrderId + " " + quantity + " " + leaves));
        return orders;
    }

    private static long run(final MatchingEngine engine, final int from, final int to)
    {
        final ExpandableArrayBuffer buffer = commands.buffer;
        final IntArrayList offsets = commands.offsets;
        long events = 0;
        for (int i = from; i < to; i++)
        {
            final int offset = offsets.getInt(i);
            events += engine.onCommand(buffer, offset, offsets.getInt(i + 1) - offset);
        }
        return events;
    }

    // ------------------------------------------------------------------ generation (not measured)

    /** The encoded commands (a prologue that builds the book, then the mix) and what generating them saw. */
    private static final class Commands
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * 1024 * 1024);
        final IntArrayList offsets = new IntArrayList();
        final java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
        Totals tally;
        int prologueEnd;
        List<String> startBook;
        List<String> endBook;
        int minLive = Integer.MAX_VALUE;
        int maxLive;
        long stateHashAfterCycle;
    }

    /** Writes each command, runs it on its own engine, learns the book from the events, checks the intent. */
    private static final class Generator
    {
        private final SplittableRandom random;
        private final MatchingEngine engine = new MatchingEngine(List.of(CONFIG));
        private final OrderBook book = engine.book(INSTRUMENT);
        private final CommandEncoder encoder = new CommandEncoder();
        private final EventAdapter adapter = new EventAdapter();
        private final Model model = new Model();
        private final Commands commands = new Commands();
        private final long[] nextClientOrderId = new long[256];
        private final double[] cumulativeShape = new double[LEVELS + 1];
        private int startLive;
        private long sequence;
        private String kind = "prologue";

        Generator(final long seed)
        {
            random = new SplittableRandom(seed);
            for (int ticks = 1; ticks <= LEVELS; ticks++)
            {
                cumulativeShape[ticks] = cumulativeShape[ticks - 1] + shape(ticks);
            }
            commands.offsets.addInt(0);
            commands.tally = model.totals;
        }

        /** Orders per level: 8 far from the mid, rising to 48 at the touch, as real books are deeper near it. */
        private static double shape(final int ticks)
        {
            return 8 + 40 * Math.exp(-(ticks - 1) / 30.0);
        }

        Commands generate(final int count)
        {
            final List<long[]> start = new ArrayList<>();
            for (final Side side : new Side[] {Side.BUY, Side.SELL})
            {
                for (int ticks = 1; ticks <= LEVELS; ticks++)
                {
                    for (int i = 0, orders = (int)Math.round(shape(ticks)); i < orders; i++)
                    {
                        start.add(new long[] {side.value(), price(side, ticks)});
                    }
                }
            }
            for (int i = start.size() - 1; i > 0; i--)
            {
                final int j = random.nextInt(i + 1);
                final long[] swap = start.get(i);
                start.set(i, start.get(j));
                start.set(j, swap);
            }
            final List<long[]> startOrders = new ArrayList<>();
            for (final long[] order : start)
            {
                final long owner = 1 + random.nextInt(MAKERS);
                final long clientOrderId = nextClientOrderId(owner);
                final long quantity = 100L * (1 + random.nextInt(20));
                startOrders.add(new long[] {owner, clientOrderId, order[0], order[1], quantity});
                passive(owner, clientOrderId, Side.get((short)order[0]), order[1], quantity);
            }
            commands.prologueEnd = commands.offsets.size() - 1;
            commands.startBook = book(engine);
            startLive = model.size();

            for (int i = 0; i < count; i++)
            {
                step();
                commands.minLive = Math.min(commands.minLive, model.size());
                commands.maxLive = Math.max(commands.maxLive, model.size());
            }

            // Close the cycle: every owner's orders go, the start book comes back exactly.
            kind = "mass cancel (cycle end)";
            for (long owner = 1; owner <= SMALL_OWNER; owner++)
            {
                final Model result = run(encoder.massCancel(commands.buffer, position(), ++sequence, timestamp(),
                    owner, nextClientOrderId(owner), INSTRUMENT));
                expect(result.massCompleted == 1, "mass cancel");
            }
            expect(model.size() == 0, "orders left after the mass cancels");
            kind = "start book (cycle end)";
            for (final long[] order : startOrders)
            {
                passive(order[0], order[1], Side.get((short)order[2]), order[3], order[4]);
            }
            commands.endBook = book(engine);
            commands.stateHashAfterCycle = engine.stateHash();
            return commands;
        }

        private void step()
        {
            final int roll = random.nextInt(1_000);
            if (roll < 400)
            {
                move();
            }
            else if (roll < 500)
            {
                reduce();
            }
            else if (roll < 720)
            {
                kind = "gtc";
                final Side side = randomSide();
                passive(1 + random.nextInt(MAKERS), side, price(side, ticks()));
            }
            else if (roll < 730)
            {
                smallOwner();
            }
            else if (roll < 830)
            {
                kind = "cancel";
                final Live order = model.random(random);
                cancel(order.owner, order.clientOrderId);
            }
            else if (roll < 910)
            {
                kind = "ioc";
                final Side side = aggressorSide();
                final long best = book.bestPrice(opposite(side));
                final long lots = 1 + random.nextInt(model.countOf(opposite(side)) > startLive / 2 ? 100 : 10);
                final Model result = newOrder(taker(), side, OrderType.LIMIT, TimeInForce.IOC,
                    side == Side.BUY ? best + 2 : best - 2, 100 * lots);
                expect(result.trades >= 1, "IOC did not trade");
            }
            else if (roll < 940)
            {
                kind = "market";
                final Side side = aggressorSide();
                final long quantity = Math.min(book.bestQuantity(opposite(side)), 100L * (1 + random.nextInt(5)));
                final Model result = newOrder(taker(), side, OrderType.MARKET, TimeInForce.IOC, 0, quantity);
                expect(result.trades >= 1 && result.cancelled == 0, "market order not filled");
            }
            else if (roll < 990)
            {
                final Side side = aggressorSide();
                final long best = book.bestPrice(opposite(side));
                final long available = book.bestQuantity(opposite(side));
                final boolean fillable = random.nextBoolean();
                kind = fillable ? "fok fillable" : "fok unfillable";
                final long quantity = fillable ? Math.min(available, 100L * (1 + random.nextInt(20))) : available + 100;
                final Model result = newOrder(taker(), side, OrderType.LIMIT, TimeInForce.FOK, best, quantity);
                expect(fillable ? result.trades >= 1 && result.cancelled == 0 :
                    result.trades == 0 && result.cancelled(CancelReason.FOK_NOT_FILLABLE) == 1, "FOK");
            }
            else
            {
                if (model.countOf(SMALL_OWNER) == 0)
                {
                    smallOwner();
                    return;
                }
                if (random.nextBoolean())
                {
                    kind = "mass cancel";
                    final Model result = run(encoder.massCancel(commands.buffer, position(), ++sequence, timestamp(),
                        SMALL_OWNER, nextClientOrderId(SMALL_OWNER), INSTRUMENT));
                    expect(result.massCompleted == 1 && result.cancelled(CancelReason.MASS_CANCEL) == result.cancelled &&
                        model.countOf(SMALL_OWNER) == 0, "mass cancel");
                    return;
                }
                // Only the small owner rests DAY orders: the end of day takes exactly those.
                kind = "end of day";
                final Model result = run(encoder.endOfDay(commands.buffer, position(), ++sequence, timestamp(), INSTRUMENT));
                expect(result.dayEndCompleted == 1 && result.cancelled(CancelReason.EXPIRED) == result.cancelled &&
                    model.countOf(SMALL_OWNER) == 0, "end of day");
            }
        }

        /** The small owner rests a few DAY orders at a time; a mass cancel or an end of day takes them all. */
        private void smallOwner()
        {
            kind = "small-owner day";
            final Side side = randomSide();
            passive(SMALL_OWNER, nextClientOrderId(SMALL_OWNER), side, price(side, ticks()), 100L * (1 + random.nextInt(20)),
                TimeInForce.DAY);
        }

        private void move()
        {
            kind = "move";
            final Live order = model.random(random);
            long price;
            do
            {
                price = price(order.side, ticks());
            }
            while (price == order.price);
            final long newId = nextClientOrderId(order.owner);
            final Model result = replace(order.owner, order.clientOrderId, newId, price, CommandEncoder.UNCHANGED);
            expect(result.replacedLost == 1 && result.trades == 0, "move did not simply rest");
        }

        private void reduce()
        {
            kind = "reduce";
            for (int attempt = 0; attempt < 32; attempt++)
            {
                final Live order = model.random(random);
                if (order.leaves >= 200)
                {
                    final long by = 100L * (1 + random.nextInt((int)(order.leaves / 100) - 1));
                    final long newId = nextClientOrderId(order.owner);
                    final Model result =
                        replace(order.owner, order.clientOrderId, newId, CommandEncoder.UNCHANGED, order.quantity - by);
                    expect(result.replacedKept == 1, "reduce did not keep priority");
                    return;
                }
            }
            move();
        }

        private void passive(final long owner, final Side side, final long price)
        {
            passive(owner, nextClientOrderId(owner), side, price, 100L * (1 + random.nextInt(20)));
        }

        private void passive(final long owner, final long clientOrderId, final Side side, final long price, final long quantity)
        {
            passive(owner, clientOrderId, side, price, quantity, TimeInForce.GTC);
        }

        private void passive(
            final long owner, final long clientOrderId, final Side side, final long price, final long quantity,
            final TimeInForce timeInForce)
        {
            final Model result = newOrder(owner, clientOrderId, side, OrderType.LIMIT, timeInForce, price, quantity);
            expect(result.accepted == 1 && result.trades == 0 && model.get(owner, clientOrderId) != null, "passive order did not rest");
        }

        private void cancel(final long owner, final long clientOrderId)
        {
            final Model result = run(encoder.cancelOrder(commands.buffer, position(), ++sequence, timestamp(), owner, 0,
                clientOrderId, nextClientOrderId(owner)));
            expect(result.cancelled(CancelReason.USER_REQUESTED) == 1, "cancel did not cancel");
        }

        private Model newOrder(
            final long owner, final Side side, final OrderType type, final TimeInForce timeInForce, final long price,
            final long quantity)
        {
            return newOrder(owner, nextClientOrderId(owner), side, type, timeInForce, price, quantity);
        }

        private Model newOrder(
            final long owner, final long clientOrderId, final Side side, final OrderType type, final TimeInForce timeInForce,
            final long price, final long quantity)
        {
            return run(encoder.newOrder(commands.buffer, position(), ++sequence, timestamp(), owner, INSTRUMENT, clientOrderId,
                side, type, timeInForce, false, price, quantity));
        }

        private Model replace(
            final long owner, final long origClientOrderId, final long clientOrderId, final long price, final long quantity)
        {
            return run(encoder.replaceOrder(commands.buffer, position(), ++sequence, timestamp(), owner, 0, origClientOrderId,
                clientOrderId, price, quantity));
        }

        private Model run(final int length)
        {
            final int offset = position();
            model.beginCommand();
            final int count = engine.onCommand(commands.buffer, offset, length);
            expect(count > 0, "command not recognised");
            adapter.read(engine.events().buffer(), 0, engine.events().length(), model);
            model.endCommand();
            if (model.rejected != 0)
            {
                expect(false, "rejected: " + model.firstRejection);
            }
            commands.offsets.addInt(offset + length);
            commands.kinds.merge(kind, 1, Integer::sum);
            commands.buffer.checkLimit(offset + length + CommandEncoder.MAX_COMMAND_LENGTH);
            return model;
        }

        private void expect(final boolean condition, final String what)
        {
            if (!condition)
            {
                throw new IllegalStateException("command " + (commands.offsets.size() - 2) + " [" + kind + "]: " + what);
            }
        }

        private int position()
        {
            return commands.offsets.getInt(commands.offsets.size() - 1);
        }

        private long timestamp()
        {
            return 1_700_000_000_000_000_000L + sequence * 1_000L;
        }

        private long nextClientOrderId(final long owner)
        {
            return ++nextClientOrderId[(int)owner];
        }

        private long taker()
        {
            return TAKER_BASE + 1 + random.nextInt(TAKERS);
        }

        private Side randomSide()
        {
            return random.nextBoolean() ? Side.BUY : Side.SELL;
        }

        /**
         * Aggressive orders take from a side in proportion to its resting orders (the opposite side of
         * a random resting order), which keeps the two sides balanced; IOC sizes grow while the side
         * they hit holds more orders than at the start, which holds the depth steady.
         */
        private Side aggressorSide()
        {
            return opposite(model.random(random).side);
        }

        /** Ticks from the mid drawn from the book's shape, so placements keep the shape. */
        private int ticks()
        {
            final double x = random.nextDouble() * cumulativeShape[LEVELS];
            int low = 1;
            int high = LEVELS;
            while (low < high)
            {
                final int mid = (low + high) >>> 1;
                if (cumulativeShape[mid] < x)
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

        private static long price(final Side side, final int ticks)
        {
            return side == Side.BUY ? MID - ticks : MID + ticks;
        }

        private static Side opposite(final Side side)
        {
            return side == Side.BUY ? Side.SELL : Side.BUY;
        }
    }

    /** Event counts over the whole generation. */
    private static final class Totals
    {
        int accepted;
        int trades;
        int replacedKept;
        int replacedLost;
        int massCompleted;
        int dayEndCompleted;
        int rejected;
        String firstRejection;
        private final int[] cancelledByReason = new int[CancelReason.values().length];

        void add(final Model command)
        {
            accepted += command.accepted;
            trades += command.trades;
            replacedKept += command.replacedKept;
            replacedLost += command.replacedLost;
            massCompleted += command.massCompleted;
            dayEndCompleted += command.dayEndCompleted;
            rejected += command.rejected;
            if (firstRejection == null)
            {
                firstRejection = command.firstRejection;
            }
            for (final CancelReason reason : CancelReason.values())
            {
                cancelledByReason[reason.ordinal()] += command.cancelled(reason);
            }
        }

        int cancelled(final CancelReason reason)
        {
            return cancelledByReason[reason.ordinal()];
        }
    }

    /** A resting order as the generator knows it from the events. */
    private static final class Live
    {
        final long owner;
        long clientOrderId;
        final Side side;
        long price;
        long quantity;
        long leaves;
        int slot = -1;

        Live(final long owner, final long clientOrderId, final Side side, final long price, final long quantity)
        {
            this.owner = owner;
            this.clientOrderId = clientOrderId;
            this.side = side;
            this.price = price;
            this.quantity = quantity;
            this.leaves = quantity;
        }
    }

    /** The generator's view of the book, kept from the events, and the tally of every event seen. */
    private static final class Model implements EventListener
    {
        private final Long2ObjectHashMap<Live> byKey = new Long2ObjectHashMap<>();
        private final List<Live> live = new ArrayList<>();
        private final int[] perOwner = new int[256];
        private final int[] perSide = new int[3];
        private Live incoming;
        private boolean incomingMayRest;
        private boolean incomingDone;

        // The current command's events.
        int accepted;
        int trades;
        int cancelled;
        int replacedKept;
        int replacedLost;
        int massCompleted;
        int dayEndCompleted;
        int rejected;
        String firstRejection;
        private final int[] cancelledByReason = new int[CancelReason.values().length];

        /** Every event of the whole generation. */
        final Totals totals = new Totals();

        int size()
        {
            return live.size();
        }

        int countOf(final long owner)
        {
            return perOwner[(int)owner];
        }

        int countOf(final Side side)
        {
            return perSide[side.value()];
        }

        Live get(final long owner, final long clientOrderId)
        {
            return byKey.get(key(owner, clientOrderId));
        }

        Live random(final SplittableRandom random)
        {
            return live.get(random.nextInt(live.size()));
        }

        int cancelled(final CancelReason reason)
        {
            return cancelledByReason[reason.ordinal()];
        }

        void beginCommand()
        {
            accepted = 0;
            trades = 0;
            cancelled = 0;
            replacedKept = 0;
            replacedLost = 0;
            massCompleted = 0;
            dayEndCompleted = 0;
            rejected = 0;
            firstRejection = null;
            java.util.Arrays.fill(cancelledByReason, 0);
            incoming = null;
        }

        void endCommand()
        {
            if (incoming != null && !incomingDone && incomingMayRest && incoming.leaves > 0)
            {
                insert(incoming);
            }
            incoming = null;
            totals.add(this);
        }

        private static long key(final long owner, final long clientOrderId)
        {
            return (owner << 43) | clientOrderId;
        }

        private void insert(final Live order)
        {
            if (byKey.put(key(order.owner, order.clientOrderId), order) != null)
            {
                throw new IllegalStateException("two live orders " + order.owner + "/" + order.clientOrderId);
            }
            order.slot = live.size();
            live.add(order);
            perOwner[(int)order.owner]++;
            perSide[order.side.value()]++;
        }

        private void remove(final Live order)
        {
            byKey.remove(key(order.owner, order.clientOrderId));
            final Live last = live.remove(live.size() - 1);
            if (last != order)
            {
                live.set(order.slot, last);
                last.slot = order.slot;
            }
            perOwner[(int)order.owner]--;
            perSide[order.side.value()]--;
        }

        private Live require(final long owner, final long clientOrderId)
        {
            final Live order = get(owner, clientOrderId);
            if (order == null)
            {
                throw new IllegalStateException("event for an order not live in the model: " + owner + "/" + clientOrderId);
            }
            return order;
        }

        private boolean isIncoming(final long owner, final long clientOrderId)
        {
            return incoming != null && incoming.owner == owner && incoming.clientOrderId == clientOrderId;
        }

        @Override
        public void onOrderAccepted(final OrderAcceptedDecoder event)
        {
            accepted++;
            incoming = new Live(event.owner(), event.clientOrderId(), event.side(), event.price(), event.quantity());
            incomingMayRest = event.orderType() == OrderType.LIMIT &&
                (event.timeInForce() == TimeInForce.GTC || event.timeInForce() == TimeInForce.DAY);
            incomingDone = false;
        }

        @Override
        public void onTrade(final TradeDecoder event)
        {
            trades++;
            final Live maker = require(event.makerOwner(), event.makerClientOrderId());
            maker.leaves = event.makerLeavesQuantity();
            if (maker.leaves == 0)
            {
                remove(maker);
            }
            if (!isIncoming(event.takerOwner(), event.takerClientOrderId()))
            {
                throw new IllegalStateException("trade by a taker that is not the incoming order");
            }
            incoming.leaves = event.takerLeavesQuantity();
        }

        @Override
        public void onOrderCancelled(final OrderCancelledDecoder event)
        {
            cancelled++;
            cancelledByReason[event.reason().ordinal()]++;
            if (isIncoming(event.owner(), event.clientOrderId()))
            {
                incomingDone = true;
                return;
            }
            remove(require(event.owner(), event.clientOrderId()));
        }

        @Override
        public void onOrderReplaced(final OrderReplacedDecoder event)
        {
            final Live order = require(event.owner(), event.origClientOrderId());
            remove(order);
            order.clientOrderId = event.clientOrderId();
            order.price = event.price();
            order.quantity = event.quantity();
            order.leaves = event.leavesQuantity();
            if (event.priorityKept() == BooleanType.TRUE)
            {
                replacedKept++;
                insert(order);
            }
            else
            {
                replacedLost++;
                incoming = order;
                incomingMayRest = true;
                incomingDone = false;
            }
        }

        @Override
        public void onMassCancelCompleted(final MassCancelCompletedDecoder event)
        {
            massCompleted++;
        }

        @Override
        public void onEndOfDayCompleted(final EndOfDayCompletedDecoder event)
        {
            dayEndCompleted++;
        }

        @Override
        public void onOrderRejected(final OrderRejectedDecoder event)
        {
            rejected(event.toString());
        }

        @Override
        public void onCancelRejected(final CancelRejectedDecoder event)
        {
            rejected(event.toString());
        }

        @Override
        public void onReplaceRejected(final ReplaceRejectedDecoder event)
        {
            rejected(event.toString());
        }

        private void rejected(final String what)
        {
            rejected++;
            if (firstRejection == null)
            {
                firstRejection = what;
            }
        }
    }
}

package dev.tessera.engine;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.EngineDriver.RestingOrder;
import dev.tessera.engine.ReferenceExchange.Cancel;
import dev.tessera.engine.ReferenceExchange.Command;
import dev.tessera.engine.ReferenceExchange.LiveOrder;
import dev.tessera.engine.ReferenceExchange.EndOfDay;
import dev.tessera.engine.ReferenceExchange.MassCancel;
import dev.tessera.engine.ReferenceExchange.NewOrder;
import dev.tessera.engine.ReferenceExchange.Replace;
import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.MessageHeaderEncoder;
import dev.tessera.engine.codec.NewOrderEncoder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.agrona.ExpandableDirectByteBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Holds the engine against {@link ReferenceExchange}, a naive model of the spec, on random command
 * streams built to collide: few owners and client order ids, prices a few ticks around the
 * reference so that orders cross, cancels and replaces aimed mostly at live orders, and a trickle of
 * invalid input. Also checks book invariants on the engine alone and byte-level determinism.
 */
class MatchingEnginePropertiesTest
{
    private static final int MAX_COMMANDS = 200;
    private static final int INSTRUMENT_A = 1;
    private static final int INSTRUMENT_B = 2;
    private static final int NOT_CONFIGURED = 3;
    private static final long REFERENCE_PRICE = 10_000;
    private static final int CLIENT_ORDER_IDS = 6;

    // ================================================================== properties

    @Property(tries = 500)
    void shouldEmitTheSameEventsAsTheReferenceModel(@ForAll("scenarios") final Scenario scenario)
    {
        final EngineHarness engine = new EngineHarness(scenario.instruments());
        final ReferenceExchange model = new ReferenceExchange(scenario.instruments());
        final List<Command> commands = scenario.commands();
        for (int i = 0; i < commands.size(); i++)
        {
            final long sequence = i + 1;
            final List<EngineEvent> actual = engine.run(sequence, commands.get(i));
            final List<EngineEvent> expected = model.apply(timestamp(sequence), commands.get(i));
            for (final EngineEvent event : actual)
            {
                Statistics.label("events").collect(kind(event));
            }
            if (!actual.equals(expected))
            {
                throw new AssertionError("events differ at command #" + sequence + " " + commands.get(i) +
                    "\n  engine: " + lines(actual) + "\n  model:  " + lines(expected));
            }
        }
        // A generator that stopped producing these situations would make the comparison vacuous.
        Statistics.label("events").coverage(coverage ->
        {
            for (final String kind : MUST_HAPPEN)
            {
                coverage.check(kind).count(count -> count >= 10);
            }
        });
    }

    @Property(tries = 300)
    void shouldEndWithTheSameBooksAsTheReferenceModel(@ForAll("scenarios") final Scenario scenario)
    {
        final EngineHarness engine = new EngineHarness(scenario.instruments());
        final ReferenceExchange model = new ReferenceExchange(scenario.instruments());
        final List<Command> commands = scenario.commands();
        for (int i = 0; i < commands.size(); i++)
        {
            final long sequence = i + 1;
            engine.run(sequence, commands.get(i));
            model.apply(timestamp(sequence), commands.get(i));
        }

        for (final InstrumentConfig instrument : scenario.instruments())
        {
            final List<RestingOrder> actual = engine.restingOrders(instrument.id());
            final List<RestingOrder> expected = model.restingOrders(instrument.id());
            if (!actual.equals(expected))
            {
                throw new AssertionError("L3 of instrument " + instrument.id() + " differs after " + commands.size() +
                    " commands\n  engine: " + lines(actual) + "\n  model:  " + lines(expected));
            }
        }
        assertEqual("last order id", engine.engine().lastOrderId(), model.lastOrderId());
        assertEqual("last event sequence", engine.engine().lastEventSequence(), model.lastSequence());
        assertEqual("live order count", engine.engine().liveOrderCount(), model.liveOrderCount());
    }

    @Property(tries = 400)
    void shouldKeepBookInvariantsAfterEveryCommand(@ForAll("scenarios") final Scenario scenario)
    {
        final EngineHarness engine = new EngineHarness(scenario.instruments());
        final InvariantChecker checker = new InvariantChecker(engine, scenario.instruments());
        final List<Command> commands = scenario.commands();
        for (int i = 0; i < commands.size(); i++)
        {
            checker.run(i + 1, commands.get(i));
        }
    }

    @Property(tries = 200)
    void shouldProduceIdenticalBytesAndStateHashForTheSameCommands(@ForAll("scenarios") final Scenario scenario)
    {
        final EngineHarness first = new EngineHarness(scenario.instruments());
        final EngineHarness second = new EngineHarness(scenario.instruments());
        final List<Command> commands = scenario.commands();
        for (int i = 0; i < commands.size(); i++)
        {
            final long sequence = i + 1;
            first.run(sequence, commands.get(i));
            second.run(sequence, commands.get(i));
            final byte[] firstBytes = first.eventBytes();
            final byte[] secondBytes = second.eventBytes();
            if (!Arrays.equals(firstBytes, secondBytes))
            {
                throw new AssertionError("event bytes differ at command #" + sequence + " " + commands.get(i) +
                    "\n  first:  " + Arrays.toString(firstBytes) + "\n  second: " + Arrays.toString(secondBytes));
            }
            assertEqual(
                "state hash after command #" + sequence, first.engine().stateHash(), second.engine().stateHash());
        }

        // One extra resting order, on one engine only: the books differ, so must the hashes.
        final long probeSequence = commands.size() + 1;
        final Probe probe = Probe.restingOn(first.engine().book(INSTRUMENT_A));
        final int liveBefore = second.engine().liveOrderCount();
        second.run(probeSequence, probe.order(probe.price()));
        assertEqual("probe rested", second.engine().liveOrderCount(), liveBefore + 1);
        if (first.engine().stateHash() == second.engine().stateHash())
        {
            throw new AssertionError("an extra resting order did not change the state hash");
        }

        // The same shape of order at another price on the other engine: equal counters, different book.
        first.run(probeSequence, probe.order(probe.otherPrice()));
        assertEqual("probe rested", first.engine().liveOrderCount(), liveBefore + 1);
        assertEqual("last order id", first.engine().lastOrderId(), second.engine().lastOrderId());
        assertEqual("last event sequence", first.engine().lastEventSequence(), second.engine().lastEventSequence());
        if (first.engine().stateHash() == second.engine().stateHash())
        {
            throw new AssertionError("books that differ in one order's price have the same state hash");
        }
    }

    /**
     * A GTC limit order of an owner nobody else uses, priced at an edge of instrument A's band on
     * the side where it cannot cross whatever the stream left in the book, so it surely rests.
     */
    private record Probe(Side side, long price, long otherPrice)
    {
        static Probe restingOn(final OrderBook book)
        {
            final long tick = book.instrument().tickSize();
            final long bestBid = book.bestPrice(Side.BUY);
            if (bestBid == OrderBook.NO_PRICE || bestBid < book.instrument().highestPrice() - tick)
            {
                return new Probe(Side.SELL, book.instrument().highestPrice(), book.instrument().highestPrice() - tick);
            }
            return new Probe(Side.BUY, book.instrument().lowestPrice(), book.instrument().lowestPrice() + tick);
        }

        Command order(final long atPrice)
        {
            return new NewOrder(99, INSTRUMENT_A, 1_000_001, side, OrderType.LIMIT, TimeInForce.GTC, 0, atPrice, 20);
        }
    }

    // ================================================================== coverage

    private static final List<String> MUST_HAPPEN = List.of(
        "Trade",
        "Cancelled SELF_TRADE_PREVENTION",
        "Cancelled FOK_NOT_FILLABLE",
        "Cancelled IOC_REMAINDER",
        "Cancelled NO_LIQUIDITY",
        "Cancelled REPLACED_TO_FILLED",
        "Cancelled MASS_CANCEL",
        "Cancelled EXPIRED",
        "EndOfDayCompleted",
        "Replaced priorityKept=true",
        "Replaced priorityKept=false",
        "Rejected DUPLICATE_CLIENT_ORDER_ID",
        "Rejected POST_ONLY_WOULD_TAKE",
        "Rejected PRICE_OUTSIDE_BAND",
        "ReplaceRejected NOT_ORDER_OWNER",
        "ReplaceRejected DUPLICATE_CLIENT_ORDER_ID",
        "ReplaceRejected POST_ONLY_WOULD_TAKE",
        "CancelRejected NOT_ORDER_OWNER");

    /** The event type with its reason: what the coverage statistics count. */
    private static String kind(final EngineEvent event)
    {
        if (event instanceof EngineEvent.Rejected rejected)
        {
            return "Rejected " + rejected.reason();
        }
        if (event instanceof EngineEvent.Cancelled cancelled)
        {
            return "Cancelled " + cancelled.reason();
        }
        if (event instanceof EngineEvent.CancelRejected rejected)
        {
            return "CancelRejected " + rejected.reason();
        }
        if (event instanceof EngineEvent.ReplaceRejected rejected)
        {
            return "ReplaceRejected " + rejected.reason();
        }
        if (event instanceof EngineEvent.Replaced replaced)
        {
            return "Replaced priorityKept=" + replaced.priorityKept();
        }
        return event.getClass().getSimpleName();
    }

    // ================================================================== invariants on the engine alone

    /** What the events said about one accepted order so far. */
    private static final class Ledger
    {
        final long orderId;
        final long owner;
        final int instrumentId;
        final Side side;
        final OrderType orderType;
        final TimeInForce timeInForce;
        final boolean postOnly;
        long limitPrice;
        long total;
        long filled;
        long cancelled;
        boolean done;
        /** Command sequence at which the order last entered the book (its time priority), 0 before it rests. */
        long entered;

        Ledger(final EngineEvent.Accepted accepted)
        {
            this.orderId = accepted.orderId();
            this.owner = accepted.owner();
            this.instrumentId = accepted.instrumentId();
            this.side = accepted.side();
            this.orderType = accepted.orderType();
            this.timeInForce = accepted.timeInForce();
            this.postOnly = accepted.postOnly();
            this.limitPrice = accepted.price();
            this.total = accepted.quantity();
        }
    }

    private static final class InvariantChecker
    {
        private final EngineHarness engine;
        private final List<InstrumentConfig> instruments;
        private final Map<Long, Ledger> ledger = new TreeMap<>();

        InvariantChecker(final EngineHarness engine, final List<InstrumentConfig> instruments)
        {
            this.engine = engine;
            this.instruments = instruments;
        }

        void run(final long sequence, final Command command)
        {
            final Map<Integer, List<RestingOrder>> before = books();
            final List<EngineEvent> events = engine.run(sequence, command);
            final Map<Integer, List<RestingOrder>> after = books();
            final Where where = new Where(sequence, command, events);

            // The taker of this command: a new order, or a replaced order that lost priority (it re-executes).
            Ledger taker = null;
            for (final EngineEvent event : events)
            {
                if (event instanceof EngineEvent.Accepted accepted)
                {
                    taker = new Ledger(accepted);
                    ledger.put(accepted.orderId(), taker);
                }
                else if (event instanceof EngineEvent.Replaced replaced && !replaced.priorityKept())
                {
                    taker = ledger.get(replaced.orderId());
                }
            }
            applyEvents(events, where);
            if (taker != null && !taker.done && taker.filled < taker.total)
            {
                // It was not in the book before this command, so if it rests now it joined at the back.
                taker.entered = sequence;
            }
            checkNotCrossed(after, where);
            checkConservation(after, where);
            checkTimePriorityWithinLevels(after, where);
            if (taker != null)
            {
                checkPriceTimePriority(taker, events, before, after, where);
                checkRemainder(taker, events, after, where);
            }
        }

        private Map<Integer, List<RestingOrder>> books()
        {
            final Map<Integer, List<RestingOrder>> books = new HashMap<>();
            for (final InstrumentConfig instrument : instruments)
            {
                books.put(instrument.id(), engine.restingOrders(instrument.id()));
            }
            return books;
        }

        /** Updates the ledger, and checks every leaves quantity an event reports against it. */
        private void applyEvents(final List<EngineEvent> events, final Where where)
        {
            for (final EngineEvent event : events)
            {
                if (event instanceof EngineEvent.Trade trade)
                {
                    final Ledger maker = live(trade.makerOrderId(), where);
                    final Ledger taker = live(trade.takerOrderId(), where);
                    check(trade.quantity() > 0, () -> "trade of a non-positive quantity", where);
                    maker.filled += trade.quantity();
                    taker.filled += trade.quantity();
                    check(trade.makerLeavesQuantity() == maker.total - maker.filled,
                        () -> "maker leaves on " + trade, where);
                    check(trade.takerLeavesQuantity() == taker.total - taker.filled,
                        () -> "taker leaves on " + trade, where);
                    check(trade.aggressorSide() == taker.side && maker.side != taker.side,
                        () -> "sides of " + trade, where);
                    check(!taker.postOnly, () -> "a post-only order took liquidity: " + trade, where);
                }
                else if (event instanceof EngineEvent.Cancelled cancelled)
                {
                    final Ledger order = live(cancelled.orderId(), where);
                    check(cancelled.cancelledQuantity() == order.total - order.filled,
                        () -> "cancelled quantity is not the leaves on " + cancelled, where);
                    order.cancelled += cancelled.cancelledQuantity();
                    order.done = true;
                }
                else if (event instanceof EngineEvent.Replaced replaced)
                {
                    final Ledger order = live(replaced.orderId(), where);
                    order.total = replaced.quantity();
                    order.limitPrice = replaced.price();
                    check(replaced.leavesQuantity() == order.total - order.filled,
                        () -> "leaves on " + replaced, where);
                }
            }
        }

        private Ledger live(final long orderId, final Where where)
        {
            final Ledger order = ledger.get(orderId);
            check(order != null, () -> "event for order " + orderId + " that was never accepted", where);
            check(!order.done, () -> "event for order " + orderId + " after it was cancelled", where);
            return order;
        }

        /** L1 agrees with L3, and the best bid is below the best ask. */
        private void checkNotCrossed(final Map<Integer, List<RestingOrder>> books, final Where where)
        {
            for (final InstrumentConfig instrument : instruments)
            {
                final OrderBook book = engine.engine().book(instrument.id());
                final long bestBid = book.bestPrice(Side.BUY);
                final long bestAsk = book.bestPrice(Side.SELL);
                checkTopOfBook(book, Side.BUY, books.get(instrument.id()), where);
                checkTopOfBook(book, Side.SELL, books.get(instrument.id()), where);
                if (bestBid != OrderBook.NO_PRICE && bestAsk != OrderBook.NO_PRICE)
                {
                    check(bestBid < bestAsk,
                        () -> "book " + instrument.id() + " crossed: bid " + bestBid + " >= ask " + bestAsk, where);
                }
            }
        }

        private static void checkTopOfBook(
            final OrderBook book, final Side side, final List<RestingOrder> orders, final Where where)
        {
            final List<RestingOrder> sideOrders = ofSide(orders, side);
            if (sideOrders.isEmpty())
            {
                check(book.bestPrice(side) == OrderBook.NO_PRICE && book.bestQuantity(side) == 0,
                    () -> "L1 of an empty " + side + " side", where);
                return;
            }
            final long best = sideOrders.get(0).price();
            long quantity = 0;
            for (final RestingOrder order : sideOrders)
            {
                if (order.price() == best)
                {
                    quantity += order.leavesQuantity();
                }
            }
            final long levelQuantity = quantity;
            check(book.bestPrice(side) == best && book.bestQuantity(side) == levelQuantity,
                () -> "L1 " + side + " " + book.bestQuantity(side) + "@" + book.bestPrice(side) + " but L3 says " +
                    levelQuantity + "@" + best, where);
        }

        /** For every accepted order: filled + resting + cancelled = its current total quantity. */
        private void checkConservation(final Map<Integer, List<RestingOrder>> books, final Where where)
        {
            final Map<Long, RestingOrder> resting = new HashMap<>();
            for (final List<RestingOrder> orders : books.values())
            {
                for (final RestingOrder order : orders)
                {
                    check(resting.put(order.orderId(), order) == null,
                        () -> "order " + order.orderId() + " rests twice", where);
                    final Ledger known = ledger.get(order.orderId());
                    check(known != null && !known.done,
                        () -> "resting order " + order + " is not live per the events", where);
                    check(order.quantity() == known.total && order.leavesQuantity() > 0,
                        () -> "resting " + order + " disagrees with the events: total " + known.total, where);
                    check(known.orderType == OrderType.LIMIT &&
                            (known.timeInForce == TimeInForce.GTC || known.timeInForce == TimeInForce.DAY),
                        () -> "only GTC and DAY limit orders may rest: " + known.orderType + " " + known.timeInForce,
                        where);
                }
            }
            for (final Ledger order : ledger.values())
            {
                final RestingOrder rests = resting.get(order.orderId);
                final long restingQuantity = rests == null ? 0 : rests.leavesQuantity();
                check(order.filled + restingQuantity + order.cancelled == order.total,
                    () -> "order " + order.orderId + ": filled " + order.filled + " + resting " + restingQuantity +
                        " + cancelled " + order.cancelled + " != total " + order.total, where);
            }
        }

        /** L3 lists each price level oldest first, where "oldest" is when the events say the order (re-)entered. */
        private void checkTimePriorityWithinLevels(final Map<Integer, List<RestingOrder>> books, final Where where)
        {
            for (final List<RestingOrder> orders : books.values())
            {
                for (int i = 1; i < orders.size(); i++)
                {
                    final RestingOrder previous = orders.get(i - 1);
                    final RestingOrder order = orders.get(i);
                    if (previous.side() == order.side() && previous.price() == order.price())
                    {
                        check(ledger.get(previous.orderId()).entered < ledger.get(order.orderId()).entered,
                            () -> "level " + order.side() + " " + order.price() + " lists order " + previous.orderId() +
                                " before the older order " + order.orderId(), where);
                    }
                    else
                    {
                        // Bids best (highest) first, then asks best (lowest) first.
                        final boolean pricesInOrder = previous.side() != order.side() ||
                            isBetter(opposite(order.side()), previous.price(), order.price());
                        check(pricesInOrder, () -> "levels out of price order: " + previous + " then " + order, where);
                    }
                }
            }
        }

        /**
         * Price-time priority without re-implementing matching: the resting orders the taker touched
         * (traded with, or cancelled by self-trade prevention) must be exactly a prefix of the opposite
         * side as it stood before the command, in L3 (priority) order; trades print at the maker's
         * price, never beyond the taker's limit, monotonically worse for the taker; and nothing better
         * than the last trade price is left on the opposite side.
         */
        private void checkPriceTimePriority(
            final Ledger taker,
            final List<EngineEvent> events,
            final Map<Integer, List<RestingOrder>> before,
            final Map<Integer, List<RestingOrder>> after,
            final Where where)
        {
            final Side makerSide = opposite(taker.side);
            final List<RestingOrder> queue = ofSide(before.get(taker.instrumentId), makerSide);
            final List<Long> touched = new ArrayList<>();
            EngineEvent.Trade lastTrade = null;
            for (final EngineEvent event : events)
            {
                if (event instanceof EngineEvent.Trade trade)
                {
                    check(trade.takerOrderId() == taker.orderId, () -> "trade of another taker " + trade, where);
                    check(trade.instrumentId() == taker.instrumentId,
                        () -> "trade on another instrument " + trade, where);
                    touched.add(trade.makerOrderId());
                    final int position = touched.size() - 1;
                    check(position < queue.size() && queue.get(position).orderId() == trade.makerOrderId(),
                        () -> "trade with order " + trade.makerOrderId() + " out of priority; queue was " +
                            lines(queue),
                        where);
                    check(trade.price() == queue.get(position).price(),
                        () -> "trade not at the maker's price " + trade, where);
                    if (taker.orderType == OrderType.LIMIT)
                    {
                        check(reaches(taker.side, taker.limitPrice, trade.price()),
                            () -> "trade beyond the taker's limit " + taker.limitPrice + ": " + trade, where);
                    }
                    if (lastTrade != null)
                    {
                        final long previousPrice = lastTrade.price();
                        check(!isBetter(taker.side, trade.price(), previousPrice),
                            () -> "trade prices not monotonic for the taker: " + previousPrice + " then " +
                                trade.price(),
                            where);
                    }
                    lastTrade = trade;
                }
                else if (event instanceof EngineEvent.Cancelled cancelled &&
                    cancelled.reason() == CancelReason.SELF_TRADE_PREVENTION && cancelled.orderId() != taker.orderId)
                {
                    touched.add(cancelled.orderId());
                    final int position = touched.size() - 1;
                    check(position < queue.size() && queue.get(position).orderId() == cancelled.orderId(),
                        () -> "self-trade prevention cancelled " + cancelled.orderId() + " out of priority; " +
                            "queue was " +
                            lines(queue), where);
                    check(cancelled.owner() == taker.owner, () -> "self-trade prevention hit another owner", where);
                }
            }

            // Every touched order but the last is gone; the last may stay only when it filled the taker.
            final List<RestingOrder> remaining = ofSide(after.get(taker.instrumentId), makerSide);
            for (int i = 0; i < touched.size(); i++)
            {
                final long orderId = touched.get(i);
                final boolean stillThere = containsOrder(remaining, orderId);
                final boolean mayStay = i == touched.size() - 1 && lastTrade != null &&
                    lastTrade.makerOrderId() == orderId && lastTrade.takerLeavesQuantity() == 0;
                check(!stillThere || mayStay, () -> "order " + orderId + " was touched but is still resting", where);
            }
            if (lastTrade != null)
            {
                final long lastPrice = lastTrade.price();
                for (final RestingOrder order : remaining)
                {
                    check(!isBetter(taker.side, order.price(), lastPrice),
                        () -> "taker traded at " + lastPrice + " but " + order + " rests at a better price", where);
                }
            }
        }

        /** The taker stopped for the reason it claims, and FOK is all or nothing within the command. */
        private void checkRemainder(
            final Ledger taker, final List<EngineEvent> events, final Map<Integer, List<RestingOrder>> after,
            final Where where)
        {
            final List<RestingOrder> opposite = ofSide(after.get(taker.instrumentId), opposite(taker.side));
            final RestingOrder oppositeBest = opposite.isEmpty() ? null : opposite.get(0);
            final SelfTradePrevention mode = modeOf(taker.instrumentId);
            CancelReason reason = null;
            boolean traded = false;
            for (final EngineEvent event : events)
            {
                traded |= event instanceof EngineEvent.Trade;
                if (event instanceof EngineEvent.Cancelled cancelled && cancelled.orderId() == taker.orderId)
                {
                    reason = cancelled.reason();
                }
            }
            if (reason == CancelReason.NO_LIQUIDITY)
            {
                check(taker.orderType == OrderType.MARKET && opposite.isEmpty(),
                    () -> "NO_LIQUIDITY while the opposite side still has " + lines(opposite), where);
            }
            else if (reason == CancelReason.IOC_REMAINDER)
            {
                check(taker.timeInForce == TimeInForce.IOC &&
                        (oppositeBest == null || !reaches(taker.side, taker.limitPrice, oppositeBest.price())),
                    () -> "IOC remainder cancelled while " + oppositeBest + " was still reachable", where);
            }
            else if (reason == CancelReason.SELF_TRADE_PREVENTION)
            {
                check(mode == SelfTradePrevention.CANCEL_INCOMING || mode == SelfTradePrevention.CANCEL_BOTH,
                    () -> "incoming order cancelled by self-trade prevention in mode " + mode, where);
                if (mode == SelfTradePrevention.CANCEL_INCOMING)
                {
                    check(oppositeBest != null && oppositeBest.owner() == taker.owner &&
                            (taker.orderType == OrderType.MARKET ||
                                reaches(taker.side, taker.limitPrice, oppositeBest.price())),
                        () -> "CANCEL_INCOMING but the next resting order " + oppositeBest +
                            " is no reachable own order",
                        where);
                }
            }
            else if (reason == CancelReason.FOK_NOT_FILLABLE)
            {
                check(!traded && taker.filled == 0, () -> "FOK_NOT_FILLABLE after trading", where);
            }
            if (taker.timeInForce == TimeInForce.FOK && reason != CancelReason.FOK_NOT_FILLABLE)
            {
                check(taker.filled == taker.total, () -> "FOK order neither rejected as unfillable nor filled", where);
            }
        }

        private SelfTradePrevention modeOf(final int instrumentId)
        {
            for (final InstrumentConfig instrument : instruments)
            {
                if (instrument.id() == instrumentId)
                {
                    return instrument.selfTradePrevention();
                }
            }
            throw new IllegalArgumentException("instrument " + instrumentId);
        }
    }

    private static List<RestingOrder> ofSide(final List<RestingOrder> orders, final Side side)
    {
        final List<RestingOrder> sideOrders = new ArrayList<>();
        for (final RestingOrder order : orders)
        {
            if (order.side() == side)
            {
                sideOrders.add(order);
            }
        }
        return sideOrders;
    }

    private static boolean containsOrder(final List<RestingOrder> orders, final long orderId)
    {
        for (final RestingOrder order : orders)
        {
            if (order.orderId() == orderId)
            {
                return true;
            }
        }
        return false;
    }

    private static Side opposite(final Side side)
    {
        return side == Side.BUY ? Side.SELL : Side.BUY;
    }

    /** A limit at {@code limit} may trade with a resting order at {@code price}. */
    private static boolean reaches(final Side takerSide, final long limit, final long price)
    {
        return takerSide == Side.BUY ? price <= limit : price >= limit;
    }

    /** {@code price} is strictly better than {@code than} for a taker on {@code takerSide}. */
    private static boolean isBetter(final Side takerSide, final long price, final long than)
    {
        return takerSide == Side.BUY ? price < than : price > than;
    }

    /** Messages are built only on failure: the checks run thousands of times per try. */
    private static void check(final boolean condition, final Supplier<String> message, final Where where)
    {
        if (!condition)
        {
            throw new AssertionError(message.get() + "\n  at " + where);
        }
    }

    /** The command a violation was found after, and its events. */
    private record Where(long sequence, Command command, List<EngineEvent> events)
    {
        @Override
        public String toString()
        {
            return "command #" + sequence + " " + command + "\n  events: " + lines(events);
        }
    }

    private static void assertEqual(final String what, final long actual, final long expected)
    {
        if (actual != expected)
        {
            throw new AssertionError(what + ": engine " + actual + ", expected " + expected);
        }
    }

    private static String lines(final List<?> items)
    {
        final StringBuilder text = new StringBuilder("[");
        for (final Object item : items)
        {
            text.append("\n    ").append(item);
        }
        return text.append(items.isEmpty() ? "]" : "\n  ]").toString();
    }

    private static long timestamp(final long sequence)
    {
        return EngineDriver.TIME_ORIGIN + sequence * 1_000L;
    }

    // ================================================================== engine harness

    /** Encodes commands with {@link CommandEncoder} and keeps raw access to the event bytes. */
    private static final class EngineHarness
    {
        private final MatchingEngine engine;
        private final CommandEncoder encoder = new CommandEncoder();
        private final ExpandableDirectByteBuffer buffer =
            new ExpandableDirectByteBuffer(CommandEncoder.MAX_COMMAND_LENGTH);
        private final EventRecorder recorder = new EventRecorder();

        EngineHarness(final List<InstrumentConfig> instruments)
        {
            // Few pre-allocated orders, so that pools grow while the streams run.
            engine = new MatchingEngine(instruments, 16);
        }

        MatchingEngine engine()
        {
            return engine;
        }

        List<EngineEvent> run(final long sequence, final Command command)
        {
            final int length = encode(sequence, command);
            final int count = engine.onCommand(buffer, 0, length);
            if (count < 0)
            {
                throw new IllegalStateException("engine did not recognise " + command);
            }
            final List<EngineEvent> events = recorder.decode(engine.events());
            if (events.size() != count)
            {
                throw new AssertionError("onCommand returned " + count + " but wrote " + events.size() + " events");
            }
            return events;
        }

        byte[] eventBytes()
        {
            final byte[] bytes = new byte[engine.events().length()];
            engine.events().buffer().getBytes(0, bytes);
            return bytes;
        }

        List<RestingOrder> restingOrders(final int instrumentId)
        {
            final List<RestingOrder> orders = new ArrayList<>();
            engine.book(instrumentId).forEachOrder((side, price, orderId, owner, clientOrderId, quantity, leaves) ->
                orders.add(new RestingOrder(side, price, orderId, owner, clientOrderId, quantity, leaves)));
            return orders;
        }

        private int encode(final long sequence, final Command command)
        {
            final long timestamp = timestamp(sequence);
            if (command instanceof NewOrder order)
            {
                final int length = encoder.newOrder(buffer, 0, sequence, timestamp, order.owner(), order.instrumentId(),
                    order.clientOrderId(), order.side(), order.orderType(), order.timeInForce(),
                    order.postOnlyRaw() == 1, order.price(), order.quantity());
                if (order.postOnlyRaw() != 0 && order.postOnlyRaw() != 1)
                {
                    // The encoder only writes valid booleans; a broken producer may send anything.
                    buffer.putByte(MessageHeaderEncoder.ENCODED_LENGTH + NewOrderEncoder.postOnlyEncodingOffset(),
                        (byte)order.postOnlyRaw());
                }
                return length;
            }
            if (command instanceof Cancel cancel)
            {
                return encoder.cancelOrder(buffer, 0, sequence, timestamp, cancel.owner(), cancel.orderId(),
                    cancel.origClientOrderId(), cancel.clientOrderId());
            }
            if (command instanceof Replace replace)
            {
                return encoder.replaceOrder(buffer, 0, sequence, timestamp, replace.owner(), replace.orderId(),
                    replace.origClientOrderId(), replace.clientOrderId(), replace.price(), replace.quantity());
            }
            if (command instanceof EndOfDay endOfDay)
            {
                return encoder.endOfDay(buffer, 0, sequence, timestamp, endOfDay.instrumentId());
            }
            final MassCancel massCancel = (MassCancel)command;
            return encoder.massCancel(buffer, 0, sequence, timestamp, massCancel.owner(), massCancel.clientOrderId(),
                massCancel.instrumentId());
        }
    }

    // ================================================================== generators

    /** A generated stream: the instruments (1 or 2, each with its own self-trade prevention) and the commands. */
    record Scenario(List<InstrumentConfig> instruments, List<Command> commands)
    {
        @Override
        public String toString()
        {
            final StringBuilder text = new StringBuilder("Scenario[");
            for (final InstrumentConfig instrument : instruments)
            {
                text.append(" instrument ").append(instrument.id()).append(' ')
                    .append(instrument.selfTradePrevention());
            }
            for (int i = 0; i < commands.size(); i++)
            {
                text.append("\n  #").append(i + 1).append(' ').append(commands.get(i));
            }
            return text.append("\n]").toString();
        }
    }

    /** Tick 5, lot 10, quantity 20..500, band 1% around 100.00 (9900..10100). */
    static InstrumentConfig instrumentA(final SelfTradePrevention mode)
    {
        return new InstrumentConfig("PROPA", INSTRUMENT_A, 2, 5, 10, 20, 500, REFERENCE_PRICE, 100, mode);
    }

    /** Tick 1, lot 1, quantity 1..300, no band. */
    static InstrumentConfig instrumentB(final SelfTradePrevention mode)
    {
        return new InstrumentConfig("PROPB", INSTRUMENT_B, 2, 1, 1, 1, 300, REFERENCE_PRICE, 0, mode);
    }

    @Provide
    Arbitrary<Scenario> scenarios()
    {
        final Arbitrary<SelfTradePrevention> modes = Arbitraries.of(SelfTradePrevention.class);
        // Edge-case injection would skew the weights below (every frequency's rare values would become common).
        final Arbitrary<List<Draft>> drafts = drafts().withoutEdgeCases().list()
            .ofMinSize(1)
            .ofMaxSize(MAX_COMMANDS)
            .withSizeDistribution(RandomDistribution.uniform());
        return Combinators.combine(Arbitraries.integers().between(1, 2), modes, modes, drafts)
            .as((count, modeA, modeB, list) -> resolve(
                count == 1 ? List.of(instrumentA(modeA)) : List.of(instrumentA(modeA), instrumentB(modeB)), list));
    }

    /*
     * Commands are generated as drafts whose targets and prices are choices ("a live order", "two
     * ticks below the target's price"), then made concrete by running the drafts through a fresh
     * model: that is how most cancels and replaces hit live orders. The mapping is deterministic,
     * so jqwik shrinks the drafts and still reports concrete commands.
     */

    private sealed interface Draft permits NewDraft, CancelDraft, ReplaceDraft, MassCancelDraft, EndOfDayDraft
    {
    }

    private record NewDraft(
        long owner, int instrumentId, long clientOrderId, Attributes attributes, PriceChoice price,
        QuantityChoice quantity) implements Draft
    {
    }

    private record Attributes(Side side, OrderType orderType, TimeInForce timeInForce, int postOnlyRaw)
    {
    }

    private record CancelDraft(long owner, Target target, long clientOrderId) implements Draft
    {
    }

    /** Null price or quantity: leave it unchanged; null clientOrderId: keep the target's. */
    private record ReplaceDraft(
        long owner, Target target, Long clientOrderId, PriceChoice price, QuantityChoice quantity) implements Draft
    {
    }

    private record MassCancelDraft(long owner, long clientOrderId, int instrumentId) implements Draft
    {
    }

    private record EndOfDayDraft(int instrumentId) implements Draft
    {
    }

    private enum TargetKind
    {
        LIVE_BY_ORDER_ID, LIVE_BY_CLIENT_ORDER_ID, OWN_CLIENT_ORDER_ID, RECENT_ORDER_ID, UNKNOWN_ORDER_ID
    }

    /** {@code asOtherOwner}: send the request as the draft's owner, whoever owns the target. */
    private record Target(TargetKind kind, int pick, boolean asOtherOwner)
    {
    }

    private enum PriceKind
    {
        NEAR_REFERENCE, RELATIVE_TO_TARGET, OFF_TICK, BAND_EDGE, OUTSIDE_BAND, NOT_POSITIVE
    }

    private record PriceChoice(PriceKind kind, int ticks)
    {
    }

    private enum QuantityKind
    {
        VALID, RELATIVE_TO_TARGET, MAXIMUM, OFF_LOT, BELOW_MINIMUM, ABOVE_MAXIMUM, NOT_POSITIVE
    }

    private record QuantityChoice(QuantityKind kind, int lots)
    {
    }

    private static Arbitrary<Draft> drafts()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(60, newDrafts()),
            Tuple.of(14, cancelDrafts()),
            Tuple.of(22, replaceDrafts()),
            Tuple.of(3, massCancelDrafts()),
            Tuple.of(2, endOfDayDrafts()));
    }

    private static Arbitrary<Long> owners()
    {
        return Arbitraries.longs().between(1, 4);
    }

    /** Few client order ids per owner, so that duplicates among live orders are common. */
    private static Arbitrary<Long> clientOrderIds()
    {
        return Arbitraries.longs().between(1, CLIENT_ORDER_IDS);
    }

    private static Arbitrary<Draft> newDrafts()
    {
        final Arbitrary<Integer> instruments = Arbitraries.frequency(
            Tuple.of(55, INSTRUMENT_A), Tuple.of(40, INSTRUMENT_B), Tuple.of(3, NOT_CONFIGURED), Tuple.of(2, 0));
        final Arbitrary<Attributes> attributes = Arbitraries.frequencyOf(
            Tuple.of(92, validAttributes()),
            Tuple.of(8, anyAttributes()));
        final Arbitrary<PriceChoice> prices = Combinators.combine(
            Arbitraries.frequency(Tuple.of(88, PriceKind.NEAR_REFERENCE), Tuple.of(3, PriceKind.OFF_TICK),
                Tuple.of(3, PriceKind.BAND_EDGE), Tuple.of(3, PriceKind.OUTSIDE_BAND),
                Tuple.of(3, PriceKind.NOT_POSITIVE)),
            Arbitraries.integers().between(-4, 4))
            .as(PriceChoice::new);
        final Arbitrary<QuantityChoice> quantities = Combinators.combine(
            Arbitraries.frequency(Tuple.of(88, QuantityKind.VALID), Tuple.of(2, QuantityKind.MAXIMUM),
                Tuple.of(3, QuantityKind.OFF_LOT), Tuple.of(2, QuantityKind.BELOW_MINIMUM),
                Tuple.of(2, QuantityKind.ABOVE_MAXIMUM), Tuple.of(3, QuantityKind.NOT_POSITIVE)),
            Arbitraries.integers().between(1, 8))
            .as(QuantityChoice::new);
        return Combinators.combine(owners(), instruments, clientOrderIds(), attributes, prices, quantities)
            .as(NewDraft::new);
    }

    /** Known values; post-only only where it is allowed (GTC/DAY limit orders). */
    private static Arbitrary<Attributes> validAttributes()
    {
        return Combinators.combine(
            Arbitraries.of(Side.BUY, Side.SELL),
            Arbitraries.frequency(Tuple.of(85, OrderType.LIMIT), Tuple.of(15, OrderType.MARKET)),
            Arbitraries.frequency(Tuple.of(40, TimeInForce.GTC), Tuple.of(15, TimeInForce.DAY),
                Tuple.of(20, TimeInForce.IOC), Tuple.of(25, TimeInForce.FOK)),
            Arbitraries.frequency(Tuple.of(80, false), Tuple.of(20, true)))
            .as((side, orderType, timeInForce, postOnly) ->
            {
                final boolean allowed = orderType == OrderType.LIMIT &&
                    (timeInForce == TimeInForce.GTC || timeInForce == TimeInForce.DAY);
                return new Attributes(side, orderType, timeInForce, postOnly && allowed ? 1 : 0);
            });
    }

    /** Anything a broken producer might send: unknown values, post-only where it is not allowed, postOnly = 2. */
    private static Arbitrary<Attributes> anyAttributes()
    {
        return Combinators.combine(
            Arbitraries.of(Side.BUY, Side.SELL, Side.NULL_VAL),
            Arbitraries.of(OrderType.LIMIT, OrderType.MARKET, OrderType.NULL_VAL),
            Arbitraries.of(TimeInForce.class),
            Arbitraries.of(0, 1, 2))
            .as(Attributes::new);
    }

    private static Arbitrary<Target> targets()
    {
        return Combinators.combine(
            Arbitraries.frequency(
                Tuple.of(55, TargetKind.LIVE_BY_ORDER_ID), Tuple.of(22, TargetKind.LIVE_BY_CLIENT_ORDER_ID),
                Tuple.of(10, TargetKind.OWN_CLIENT_ORDER_ID), Tuple.of(7, TargetKind.RECENT_ORDER_ID),
                Tuple.of(6, TargetKind.UNKNOWN_ORDER_ID)),
            Arbitraries.integers().between(0, 1000),
            Arbitraries.frequency(Tuple.of(88, false), Tuple.of(12, true)))
            .as(Target::new);
    }

    private static Arbitrary<Draft> cancelDrafts()
    {
        return Combinators.combine(owners(), targets(), Arbitraries.longs().between(100, 120)).as(CancelDraft::new);
    }

    private static Arbitrary<Draft> replaceDrafts()
    {
        final Arbitrary<PriceChoice> prices = Combinators.combine(
            Arbitraries.frequency(Tuple.of(60, PriceKind.RELATIVE_TO_TARGET), Tuple.of(28, PriceKind.NEAR_REFERENCE),
                Tuple.of(3, PriceKind.OFF_TICK), Tuple.of(3, PriceKind.BAND_EDGE), Tuple.of(3, PriceKind.OUTSIDE_BAND),
                Tuple.of(3, PriceKind.NOT_POSITIVE)),
            Arbitraries.integers().between(-4, 4))
            .as(PriceChoice::new)
            .injectNull(0.35);
        final Arbitrary<QuantityChoice> quantities = Combinators.combine(
            Arbitraries.frequency(Tuple.of(60, QuantityKind.RELATIVE_TO_TARGET), Tuple.of(28, QuantityKind.VALID),
                Tuple.of(3, QuantityKind.OFF_LOT), Tuple.of(3, QuantityKind.BELOW_MINIMUM),
                Tuple.of(3, QuantityKind.ABOVE_MAXIMUM), Tuple.of(3, QuantityKind.NOT_POSITIVE)),
            Arbitraries.integers().between(1, 8))
            .as(QuantityChoice::new)
            .injectNull(0.35);
        return Combinators.combine(owners(), targets(), clientOrderIds().injectNull(0.4), prices, quantities)
            .as(ReplaceDraft::new);
    }

    private static Arbitrary<Draft> massCancelDrafts()
    {
        final Arbitrary<Integer> instruments = Arbitraries.frequency(
            Tuple.of(50, 0), Tuple.of(25, INSTRUMENT_A), Tuple.of(20, INSTRUMENT_B), Tuple.of(5, NOT_CONFIGURED));
        return Combinators.combine(owners(), Arbitraries.longs().between(200, 210), instruments)
            .as(MassCancelDraft::new);
    }

    private static Arbitrary<Draft> endOfDayDrafts()
    {
        return Arbitraries.frequency(
            Tuple.of(60, 0), Tuple.of(18, INSTRUMENT_A), Tuple.of(18, INSTRUMENT_B), Tuple.of(4, NOT_CONFIGURED))
            .map(EndOfDayDraft::new);
    }

    private static Scenario resolve(final List<InstrumentConfig> instruments, final List<Draft> drafts)
    {
        final ReferenceExchange model = new ReferenceExchange(instruments);
        final List<Command> commands = new ArrayList<>();
        for (final Draft draft : drafts)
        {
            final Command command = concrete(draft, model, instruments);
            commands.add(command);
            model.apply(timestamp(commands.size()), command);
        }
        return new Scenario(instruments, List.copyOf(commands));
    }

    private static Command concrete(
        final Draft draft, final ReferenceExchange model, final List<InstrumentConfig> instruments)
    {
        if (draft instanceof NewDraft order)
        {
            // With one instrument configured, orders drafted for B go to A: unknown instruments stay rare.
            final int instrumentId =
                order.instrumentId() == INSTRUMENT_B && instruments.size() == 1 ? INSTRUMENT_A : order.instrumentId();
            final InstrumentConfig config = configOf(instruments, instrumentId);
            final Attributes attributes = order.attributes();
            return new NewOrder(order.owner(), instrumentId, order.clientOrderId(), attributes.side(),
                attributes.orderType(), attributes.timeInForce(), attributes.postOnlyRaw(),
                price(order.price(), config, null), quantity(order.quantity(), config, null));
        }
        if (draft instanceof MassCancelDraft massCancel)
        {
            final int instrumentId = massCancel.instrumentId() == INSTRUMENT_B && instruments.size() == 1 ?
                INSTRUMENT_A : massCancel.instrumentId();
            return new MassCancel(massCancel.owner(), massCancel.clientOrderId(), instrumentId);
        }
        if (draft instanceof EndOfDayDraft endOfDay)
        {
            // As for mass cancels: B with one instrument configured goes to A.
            return new EndOfDay(endOfDay.instrumentId() == INSTRUMENT_B && instruments.size() == 1 ?
                INSTRUMENT_A : endOfDay.instrumentId());
        }

        final long owner = draft instanceof CancelDraft cancel ? cancel.owner() : ((ReplaceDraft)draft).owner();
        final Target target = draft instanceof CancelDraft cancel ? cancel.target() : ((ReplaceDraft)draft).target();
        final List<LiveOrder> live = model.liveOrders();
        final LiveOrder picked = live.isEmpty() ? null : live.get(target.pick() % live.size());
        long requestOwner = owner;
        long orderId = 0;
        long origClientOrderId = 0;
        LiveOrder aimedAt = null;
        switch (target.kind())
        {
            case LIVE_BY_ORDER_ID:
            case LIVE_BY_CLIENT_ORDER_ID:
                if (picked == null)
                {
                    orderId = model.lastOrderId() + 1;
                    break;
                }
                aimedAt = picked;
                requestOwner = target.asOtherOwner() ? owner : picked.owner();
                if (target.kind() == TargetKind.LIVE_BY_ORDER_ID)
                {
                    orderId = picked.orderId();
                }
                else
                {
                    origClientOrderId = picked.clientOrderId();
                }
                break;
            case OWN_CLIENT_ORDER_ID:
                origClientOrderId = 1 + target.pick() % CLIENT_ORDER_IDS;
                break;
            case RECENT_ORDER_ID:
                orderId = Math.max(1, model.lastOrderId() - target.pick() % 4);
                break;
            default:
                orderId = model.lastOrderId() + 1 + target.pick() % 3;
                break;
        }

        if (draft instanceof CancelDraft cancel)
        {
            return new Cancel(requestOwner, orderId, origClientOrderId, cancel.clientOrderId());
        }
        final ReplaceDraft replace = (ReplaceDraft)draft;
        final InstrumentConfig config = configOf(instruments, aimedAt == null ? INSTRUMENT_A : aimedAt.instrumentId());
        final long clientOrderId = replace.clientOrderId() != null ? replace.clientOrderId() :
            aimedAt != null ? aimedAt.clientOrderId() : origClientOrderId;
        final long price =
            replace.price() == null ? ReferenceExchange.UNCHANGED : price(replace.price(), config, aimedAt);
        final long quantity =
            replace.quantity() == null ? ReferenceExchange.UNCHANGED : quantity(replace.quantity(), config, aimedAt);
        return new Replace(requestOwner, orderId, origClientOrderId, clientOrderId, price, quantity);
    }

    /** The configured instrument, or the first one for ids that are not configured (prices hardly matter then). */
    private static InstrumentConfig configOf(final List<InstrumentConfig> instruments, final int instrumentId)
    {
        for (final InstrumentConfig instrument : instruments)
        {
            if (instrument.id() == instrumentId)
            {
                return instrument;
            }
        }
        return instruments.get(0);
    }

    private static long price(final PriceChoice choice, final InstrumentConfig config, final LiveOrder target)
    {
        final long tick = config.tickSize();
        final long reference = config.referencePrice();
        final long bandWidth = config.priceBandBps() == 0 ? 50 * tick : reference * config.priceBandBps() / 10_000;
        final int ticks = choice.ticks();
        switch (choice.kind())
        {
            case RELATIVE_TO_TARGET:
                return (target == null ? reference : target.price()) + ticks * tick;
            case OFF_TICK:
                return reference + ticks * tick + (tick > 1 ? 1 + Math.abs(ticks) % (tick - 1) : 0);
            case BAND_EDGE:
                return ticks >= 0 ? reference + bandWidth : reference - bandWidth;
            case OUTSIDE_BAND:
                final long beyond = bandWidth + tick * (1 + Math.abs(ticks) % 3);
                return ticks >= 0 ? reference + beyond : reference - beyond;
            case NOT_POSITIVE:
                return ticks % 2 == 0 ? 0 : -tick;
            default:
                return reference + ticks * tick;
        }
    }

    private static long quantity(final QuantityChoice choice, final InstrumentConfig config, final LiveOrder target)
    {
        final long lot = config.lotSize();
        final long valid = config.minQuantity() + lot * (choice.lots() - 1);
        switch (choice.kind())
        {
            case RELATIVE_TO_TARGET:
                // -4..+3 lots around the current total: shrinks keep priority, some drop below the filled part.
                return target == null ? valid : target.quantity() + lot * (choice.lots() - 5);
            case MAXIMUM:
                return config.maxQuantity();
            case OFF_LOT:
                return valid + (lot > 1 ? 1 + choice.lots() % (lot - 1) : 0);
            case BELOW_MINIMUM:
                return config.minQuantity() - lot;
            case ABOVE_MAXIMUM:
                return config.maxQuantity() + lot * choice.lots();
            case NOT_POSITIVE:
                return choice.lots() % 2 == 0 ? 0 : -lot;
            default:
                return valid;
        }
    }
}

package dev.tessera.engine;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * Random command streams for the recovery properties, built to collide: four owners, few client
 * order ids, prices a few ticks around the reference so that orders cross, cancels and replaces aimed
 * mostly at live orders (by order id and by client order id), mass cancels, every time in force,
 * post-only, and two instruments with their own self-trade prevention. Cancel and replace targets
 * are picked at run time among the live engine's resting orders, so they hit whatever is there.
 */
final class CommandStreams
{
    static final int INSTRUMENT_A = 1;
    static final int INSTRUMENT_B = 2;
    static final int NOT_CONFIGURED = 3;
    static final int OWNERS = 4;
    static final long REFERENCE_PRICE = 10_000;

    private static final int PRICE_TICKS = 6;
    private static final int CROSSING_TICKS = 2;
    private static final int CLIENT_ORDER_IDS = 15;

    private CommandStreams()
    {
    }

    sealed interface Step permits NewOrderStep, CancelStep, ReplaceStep, MassCancelStep, EndOfDayStep
    {
    }

    /** What a cancel or replace aims at. */
    enum Target
    {
        /** One of the owner's live orders, by order id. */
        ORDER_ID,
        /** One of the owner's live orders, by client order id. */
        CLIENT_ORDER_ID,
        /** Another owner's live order, by order id: NOT_ORDER_OWNER. */
        OTHER_OWNERS_ORDER,
        /** Nothing live: UNKNOWN_ORDER. */
        NOTHING
    }

    record NewOrderStep(
        long owner, int instrumentId, long clientOrderId, Side side, OrderType orderType, TimeInForce timeInForce,
        boolean postOnly, long price, long quantity) implements Step
    {
    }

    record CancelStep(long owner, Target target, int pick, long clientOrderId) implements Step
    {
    }

    /** {@code newClientOrderId} 0 keeps the order's client id; price/quantity {@link CommandEncoder#UNCHANGED} keep theirs. */
    record ReplaceStep(long owner, Target target, int pick, long newClientOrderId, long price, long quantity)
        implements Step
    {
    }

    record MassCancelStep(long owner, long clientOrderId, int instrumentId) implements Step
    {
    }

    record EndOfDayStep(int instrumentId) implements Step
    {
    }

    record Scenario(
        SelfTradePrevention preventionA, SelfTradePrevention preventionB, List<Step> steps, List<Step> continuation)
    {
        List<InstrumentConfig> instruments()
        {
            return List.of(
                TestInstruments.instrument(INSTRUMENT_A, preventionA),
                TestInstruments.instrument(INSTRUMENT_B, preventionB));
        }

        @Override
        public String toString()
        {
            return "Scenario{A " + preventionA + ", B " + preventionB + ", " + steps.size() + " steps, " +
                continuation.size() + " continuation steps}\n  " + steps + "\n  continuation " + continuation;
        }
    }

    // ================================================================== generators

    static Arbitrary<Scenario> scenarios(final int maxSteps, final int maxContinuation)
    {
        return Combinators.combine(
            Arbitraries.of(SelfTradePrevention.class),
            Arbitraries.of(SelfTradePrevention.class),
            steps().list().ofMinSize(1).ofMaxSize(maxSteps).withSizeDistribution(RandomDistribution.uniform()),
            steps().list().ofMaxSize(maxContinuation).withSizeDistribution(RandomDistribution.uniform()))
            .as(Scenario::new);
    }

    /** Edge cases off: jqwik would otherwise favour the rare values (unknown instrument, quantity 0) in every list. */
    static Arbitrary<Step> steps()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(56, newOrders()),
            Tuple.of(15, cancels()),
            Tuple.of(26, replaces()),
            Tuple.of(3, massCancels()),
            Tuple.of(2, endOfDays()))
            .withoutEdgeCases();
    }

    private static Arbitrary<Long> owners()
    {
        return Arbitraries.longs().between(1, OWNERS);
    }

    private static Arbitrary<Long> clientOrderIds()
    {
        return Arbitraries.longs().between(1, CLIENT_ORDER_IDS);
    }

    private static Arbitrary<Long> prices()
    {
        return Arbitraries.longs().between(-PRICE_TICKS, PRICE_TICKS).map(ticks -> REFERENCE_PRICE + ticks);
    }

    /**
     * Ticks away from the reference on the passive side (below for a buy), negative ticks cross: most
     * orders rest a few levels deep, so owners build lists worth mass-cancelling, and some still trade.
     */
    private static long priceOf(final Side side, final long passiveTicks)
    {
        return side == Side.BUY ? REFERENCE_PRICE - passiveTicks : REFERENCE_PRICE + passiveTicks;
    }

    private record Kind(OrderType orderType, TimeInForce timeInForce)
    {
    }

    private static Arbitrary<Step> newOrders()
    {
        final Arbitrary<Integer> instruments = Arbitraries.frequency(
            Tuple.of(60, INSTRUMENT_A), Tuple.of(38, INSTRUMENT_B), Tuple.of(2, NOT_CONFIGURED));
        final Arbitrary<Kind> kinds = Arbitraries.frequency(
            Tuple.of(40, new Kind(OrderType.LIMIT, TimeInForce.GTC)),
            Tuple.of(15, new Kind(OrderType.LIMIT, TimeInForce.DAY)),
            Tuple.of(15, new Kind(OrderType.LIMIT, TimeInForce.IOC)),
            Tuple.of(12, new Kind(OrderType.LIMIT, TimeInForce.FOK)),
            Tuple.of(8, new Kind(OrderType.MARKET, TimeInForce.IOC)),
            Tuple.of(5, new Kind(OrderType.MARKET, TimeInForce.GTC)),
            Tuple.of(5, new Kind(OrderType.MARKET, TimeInForce.FOK)));
        final Arbitrary<Long> quantities = Arbitraries.frequencyOf(
            Tuple.of(97, Arbitraries.longs().between(1, 20)),
            Tuple.of(3, Arbitraries.just(0L)));
        return Combinators.combine(
            owners(),
            instruments,
            clientOrderIds(),
            Arbitraries.of(Side.BUY, Side.SELL),
            kinds,
            Arbitraries.integers().between(0, 99).map(percent -> percent < 12),
            Arbitraries.longs().between(-CROSSING_TICKS, PRICE_TICKS),
            quantities)
            .as((owner, instrumentId, clientOrderId, side, kind, postOnly, passiveTicks, quantity) -> new NewOrderStep(
                owner, instrumentId, clientOrderId, side, kind.orderType(), kind.timeInForce(), postOnly,
                kind.orderType() == OrderType.MARKET ? 0 : priceOf(side, passiveTicks), quantity));
    }

    private static Arbitrary<Target> targets()
    {
        return Arbitraries.frequency(
            Tuple.of(55, Target.ORDER_ID),
            Tuple.of(35, Target.CLIENT_ORDER_ID),
            Tuple.of(5, Target.OTHER_OWNERS_ORDER),
            Tuple.of(5, Target.NOTHING));
    }

    private static Arbitrary<Step> cancels()
    {
        return Combinators.combine(owners(), targets(), Arbitraries.integers().between(0, 1000), clientOrderIds())
            .as(CancelStep::new);
    }

    private static Arbitrary<Step> replaces()
    {
        final Arbitrary<Long> newClientOrderIds = Arbitraries.frequencyOf(
            Tuple.of(50, Arbitraries.just(0L)),
            Tuple.of(50, clientOrderIds()));
        final Arbitrary<Long> newPrices = Arbitraries.frequencyOf(
            Tuple.of(50, Arbitraries.just(CommandEncoder.UNCHANGED)),
            Tuple.of(50, prices()));
        final Arbitrary<Long> newQuantities = Arbitraries.frequencyOf(
            Tuple.of(30, Arbitraries.just(CommandEncoder.UNCHANGED)),
            Tuple.of(68, Arbitraries.longs().between(1, 30)),
            Tuple.of(2, Arbitraries.just(0L)));
        return Combinators.combine(
            owners(), targets(), Arbitraries.integers().between(0, 1000), newClientOrderIds, newPrices, newQuantities)
            .as(ReplaceStep::new);
    }

    private static Arbitrary<Step> massCancels()
    {
        final Arbitrary<Integer> instruments = Arbitraries.frequency(
            Tuple.of(60, 0), Tuple.of(18, INSTRUMENT_A), Tuple.of(18, INSTRUMENT_B), Tuple.of(4, NOT_CONFIGURED));
        return Combinators.combine(owners(), clientOrderIds(), instruments).as(MassCancelStep::new);
    }

    private static Arbitrary<Step> endOfDays()
    {
        return Arbitraries.frequency(
            Tuple.of(60, 0), Tuple.of(18, INSTRUMENT_A), Tuple.of(18, INSTRUMENT_B), Tuple.of(4, NOT_CONFIGURED))
            .map(EndOfDayStep::new);
    }

    // ================================================================== running

    private record LiveOrder(long orderId, long owner, long clientOrderId)
    {
    }

    /** Runs one step through the harness, resolving its target among the live engine's resting orders. */
    static List<EngineEvent> run(final ReplicaHarness harness, final Step step)
    {
        if (step instanceof NewOrderStep s)
        {
            return harness.newOrder(s.owner(), s.instrumentId(), s.clientOrderId(), s.side(), s.orderType(),
                s.timeInForce(), s.postOnly(), s.price(), s.quantity());
        }
        if (step instanceof CancelStep s)
        {
            final LiveOrder target = resolve(harness.live(), s.owner(), s.target(), s.pick());
            if (target == null)
            {
                return harness.cancel(s.owner(), harness.live().lastOrderId() + 1 + s.pick(), 0, s.clientOrderId());
            }
            return s.target() == Target.CLIENT_ORDER_ID ?
                harness.cancel(s.owner(), 0, target.clientOrderId(), s.clientOrderId()) :
                harness.cancel(s.owner(), target.orderId(), 0, s.clientOrderId());
        }
        if (step instanceof ReplaceStep s)
        {
            final LiveOrder target = resolve(harness.live(), s.owner(), s.target(), s.pick());
            if (target == null)
            {
                return harness.replace(s.owner(), 0, 1_000 + s.pick(), 1, s.price(), s.quantity());
            }
            final long clientOrderId = s.newClientOrderId() == 0 ? target.clientOrderId() : s.newClientOrderId();
            return s.target() == Target.CLIENT_ORDER_ID ?
                harness.replace(s.owner(), 0, target.clientOrderId(), clientOrderId, s.price(), s.quantity()) :
                harness.replace(s.owner(), target.orderId(), 0, clientOrderId, s.price(), s.quantity());
        }
        if (step instanceof EndOfDayStep s)
        {
            return harness.endOfDay(s.instrumentId());
        }
        final MassCancelStep s = (MassCancelStep)step;
        return harness.massCancel(s.owner(), s.clientOrderId(), s.instrumentId());
    }

    private static LiveOrder resolve(final MatchingEngine engine, final long owner, final Target target, final int pick)
    {
        if (target == Target.NOTHING)
        {
            return null;
        }
        final List<LiveOrder> candidates = new ArrayList<>();
        for (final OrderBook book : engine.books())
        {
            book.forEachOrder((side, price, orderId, orderOwner, clientOrderId, quantity, leaves) ->
            {
                if ((orderOwner == owner) == (target != Target.OTHER_OWNERS_ORDER))
                {
                    candidates.add(new LiveOrder(orderId, orderOwner, clientOrderId));
                }
            });
        }
        return candidates.isEmpty() ? null : candidates.get(pick % candidates.size());
    }

    /** Ends a stream so that owner-list order shows: every owner mass-cancels, then each sends a fresh order. */
    static void finish(final ReplicaHarness harness)
    {
        for (long owner = 1; owner <= OWNERS; owner++)
        {
            harness.massCancel(owner, 900 + owner, 0);
        }
        for (long owner = 1; owner <= OWNERS; owner++)
        {
            harness.limit(owner, INSTRUMENT_A, 950 + owner, owner % 2 == 0 ? Side.BUY : Side.SELL, REFERENCE_PRICE, 5);
        }
    }
}

package dev.tessera.perf;

import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.OrderVisitor;
import dev.tessera.engine.codec.Side;

/**
 * Set-up only: a 64-bit fold of the L3 book that ignores engine order ids (a replay assigns new ones),
 * so that "the ring ends where it started" can be checked. {@link #ordered} folds in priority order
 * (equal means: identical book, same time priority); {@link #unordered} is a sum over orders
 * (equal means: the same orders, prices and quantities, in any priority order).
 */
final class Fingerprint
{
    private Fingerprint()
    {
    }

    static long ordered(final MatchingEngine engine)
    {
        return ordered(engine, BenchInstrument.ID);
    }

    static long ordered(final MatchingEngine engine, final int instrumentId)
    {
        final long[] hash = {0x7E55E2A0C0FFEE11L};
        engine.book(instrumentId).forEachOrder(
            (side, price, orderId, owner, clientOrderId, quantity, leaves) ->
                hash[0] = mix(hash[0], order(side, price, owner, clientOrderId, quantity, leaves)));
        return hash[0];
    }

    static long unordered(final MatchingEngine engine)
    {
        final long[] sum = new long[1];
        final OrderVisitor visitor = (side, price, orderId, owner, clientOrderId, quantity, leaves) ->
            sum[0] += order(side, price, owner, clientOrderId, quantity, leaves);
        engine.book(BenchInstrument.ID).forEachOrder(visitor);
        return sum[0];
    }

    private static long order(
        final Side side, final long price, final long owner, final long clientOrderId, final long quantity, final long leaves)
    {
        long hash = mix(side.value(), price);
        hash = mix(hash, owner);
        hash = mix(hash, clientOrderId);
        hash = mix(hash, quantity);
        return mix(hash, leaves);
    }

    private static long mix(final long hash, final long value)
    {
        long h = hash ^ (value * 0xC2B2AE3D27D4EB4FL);
        h = Long.rotateLeft(h, 31) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }
}

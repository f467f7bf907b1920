package dev.tessera.perf;

import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.Side;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

/**
 * A benchmark's pre-encoded commands: a prologue that builds the start state, and a cyclic body that
 * the measured code replays over and over. The body is cyclic by construction (the generator checked
 * that it ends in the state it started from), so wrapping around stays valid for as long as a run lasts.
 * It also holds the trajectory the setup-only simulation saw (live orders, levels, accepted orders and
 * events before each body position), so a replay can prove it followed the same path.
 */
final class Ring
{
    final String name;
    final UnsafeBuffer prologue;
    final int[] prologueOffsets;
    final UnsafeBuffer body;
    /** offsets[i] .. offsets[i + 1] is command i of the body. */
    final int[] offsets;
    final int count;
    /** Episode boundaries (body positions), for benchmarks whose measured unit is several commands; null otherwise. */
    final int[] episodes;

    /** What the set-up simulation saw before each body position (and after the last: one whole pass). */
    final Trajectory path;
    final long startFingerprint;
    /** Body positions 0..steadyEnd are the steady-state mix; the rest (if any) restores the start state. */
    final int steadyEnd;
    final String composition;

    Ring(
        final String name,
        final UnsafeBuffer prologue,
        final int[] prologueOffsets,
        final UnsafeBuffer body,
        final int[] offsets,
        final int[] episodes,
        final Trajectory path,
        final long startFingerprint,
        final int steadyEnd,
        final String composition)
    {
        this.name = name;
        this.prologue = prologue;
        this.prologueOffsets = prologueOffsets;
        this.body = body;
        this.offsets = offsets;
        this.count = offsets.length - 1;
        this.episodes = episodes;
        this.path = path;
        this.startFingerprint = startFingerprint;
        this.steadyEnd = steadyEnd;
        this.composition = composition;
    }

    /** A fresh engine brought to the ring's start state by the prologue (checked). */
    MatchingEngine startEngine()
    {
        final MatchingEngine engine = new MatchingEngine(List.of(BenchInstrument.config()));
        for (int i = 0; i < prologueOffsets.length - 1; i++)
        {
            final int offset = prologueOffsets[i];
            if (engine.onCommand(prologue, offset, prologueOffsets[i + 1] - offset) < 0)
            {
                throw new IllegalStateException(name + ": prologue command " + i + " not recognised");
            }
        }
        final long fingerprint = Fingerprint.ordered(engine);
        if (fingerprint != startFingerprint)
        {
            throw new IllegalStateException(name + ": the prologue did not rebuild the start state");
        }
        return engine;
    }

    /** Fewest orders and levels a side the steady part of every ring must keep (the benchmarks' precondition). */
    static final int MIN_LIVE_ORDERS = 9_000;
    static final int MIN_LEVELS_PER_SIDE = 450;

    /** Fails unless the simulated book kept a realistic depth (hundreds of levels, thousands of orders) throughout. */
    void requireRealisticDepth()
    {
        if (min(path.live) < MIN_LIVE_ORDERS || min(path.bidLevels) < MIN_LEVELS_PER_SIDE ||
            min(path.askLevels) < MIN_LEVELS_PER_SIDE)
        {
            throw new IllegalStateException(name + ": the book is not deep enough over the ring: " + depthSummary());
        }
    }

    /** Summary of the depth over the whole ring, as the simulation saw it. */
    String depthSummary()
    {
        return String.format(
            "live orders %,d..%,d, bid levels %d..%d, ask levels %d..%d",
            min(path.live), max(path.live), min(path.bidLevels), max(path.bidLevels), min(path.askLevels), max(path.askLevels)) +
            (steadyEnd < count ? String.format(" (positions 0..%,d; the last %,d commands restore the start book)",
            steadyEnd, count - steadyEnd) : "");
    }

    static String depth(final MatchingEngine engine)
    {
        return String.format(
            "live orders %,d, bid levels %d, ask levels %d",
            engine.liveOrderCount(),
            engine.book(BenchInstrument.ID).levelCount(Side.BUY),
            engine.book(BenchInstrument.ID).levelCount(Side.SELL));
    }

    private int min(final int[] values)
    {
        int min = Integer.MAX_VALUE;
        for (int i = 0; i <= steadyEnd; i++)
        {
            min = Math.min(min, values[i]);
        }
        return min;
    }

    private int max(final int[] values)
    {
        int max = Integer.MIN_VALUE;
        for (int i = 0; i <= steadyEnd; i++)
        {
            max = Math.max(max, values[i]);
        }
        return max;
    }
}

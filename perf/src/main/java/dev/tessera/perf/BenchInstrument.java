package dev.tessera.perf;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.codec.Side;

/** The one instrument of the benchmarks: prices at scale 2 around 100.00, tick 0.01, lot 1, band ±10%. */
final class BenchInstrument
{
    static final int ID = 1;
    /** 100.00: bids rest at MID - k and asks at MID + k ticks, k in 1..LEVELS, so they never cross. */
    static final long MID = 10_000;
    static final int LEVELS = 500;
    static final long TICK = 1;

    /** Owners 1..MAKERS rest orders; owners TAKER_BASE+1..TAKER_BASE+TAKERS only send IOC/market/FOK orders. */
    static final int MAKERS = 8;
    static final int TAKER_BASE = 100;
    static final int TAKERS = 4;

    private BenchInstrument()
    {
    }

    static InstrumentConfig config()
    {
        return new InstrumentConfig("BENCH", ID, 2, TICK, 1, 1, 1_000_000, MID, 1_000, SelfTradePrevention.NONE);
    }

    /** Price of the level {@code ticks} away from the mid on the passive side of {@code side}. */
    static long passivePrice(final Side side, final int ticks)
    {
        return side == Side.BUY ? MID - ticks * TICK : MID + ticks * TICK;
    }

    static Side opposite(final Side side)
    {
        return side == Side.BUY ? Side.SELL : Side.BUY;
    }
}

package dev.tessera.engine;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SelfTradePrevention;

/** Instruments for tests: prices at scale 2 (10000 = 100.00), tick 1 (0.01) unless said otherwise. */
public final class TestInstruments
{
    public static final int AAPL = 1;
    public static final int MSFT = 2;

    private TestInstruments()
    {
    }

    public static InstrumentConfig instrument(final int id, final SelfTradePrevention selfTradePrevention)
    {
        return new InstrumentConfig(
            "SYM" + id, id, 2, 1, 1, 1, 1_000_000, 10_000, 0, selfTradePrevention);
    }

    public static InstrumentConfig aapl()
    {
        return instrument(AAPL, SelfTradePrevention.NONE);
    }

    public static InstrumentConfig msft()
    {
        return instrument(MSFT, SelfTradePrevention.NONE);
    }

    /** Tick 5, lot 10, quantity 10..1000, band 10% around 100.00 (9000..11000). */
    public static InstrumentConfig strict(final int id)
    {
        return new InstrumentConfig("STRICT" + id, id, 2, 5, 10, 10, 1000, 10_000, 1000, SelfTradePrevention.NONE);
    }
}

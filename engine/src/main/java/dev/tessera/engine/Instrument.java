package dev.tessera.engine;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.codec.RejectReason;

/**
 * The trading rules of one instrument in the form matching needs them: every limit precomputed so
 * that a check is a few integer comparisons. {@link RejectReason#NULL_VAL} means "passes".
 */
public final class Instrument
{
    private final int id;
    private final String symbol;
    private final int priceScale;
    private final long tickSize;
    private final long lotSize;
    private final Divisor tick;
    private final Divisor lot;
    private final long minQuantity;
    private final long maxQuantity;
    private final long lowestPrice;
    private final long highestPrice;
    private final SelfTradePrevention selfTradePrevention;

    private final boolean configured;

    private Instrument(final InstrumentConfig config)
    {
        // The band, and the notional limit that keeps an order's AvgPx sum within a long: the config computes both,
        // as its validation does.
        this(config.id(), config.symbol(), config.priceScale(), config.tickSize(), config.lotSize(),
            config.minQuantity(), config.maxQuantity(), config.lowestPrice(), config.highestPrice(),
            config.selfTradePrevention(), true);
    }

    private Instrument(
        final int id,
        final String symbol,
        final int priceScale,
        final long tickSize,
        final long lotSize,
        final long minQuantity,
        final long maxQuantity,
        final long lowestPrice,
        final long highestPrice,
        final SelfTradePrevention selfTradePrevention,
        final boolean configured)
    {
        this.id = id;
        this.symbol = symbol;
        this.priceScale = priceScale;
        this.tickSize = tickSize;
        this.lotSize = lotSize;
        this.tick = new Divisor(tickSize);
        this.lot = new Divisor(lotSize);
        this.minQuantity = minQuantity;
        this.maxQuantity = maxQuantity;
        this.lowestPrice = lowestPrice;
        this.highestPrice = highestPrice;
        this.selfTradePrevention = selfTradePrevention;
        this.configured = configured;
    }

    public static Instrument from(final InstrumentConfig config)
    {
        return new Instrument(config);
    }

    /**
     * An instrument the journal (or a snapshot) has orders of but the configuration leaves out: known by its id
     * alone, so that its history can be applied as it was. Nothing trades on it ({@link MatchingEngine}); its rules
     * are only placeholders, and its symbol is {@code #id}.
     */
    static Instrument leftOut(final int id)
    {
        return new Instrument(id, "#" + id, 0, 1, 1, 1, Long.MAX_VALUE, 1, Long.MAX_VALUE, SelfTradePrevention.NONE,
            false);
    }

    /** False for an instrument the configuration leaves out ({@link #leftOut}). */
    public boolean configured()
    {
        return configured;
    }

    public int id()
    {
        return id;
    }

    public String symbol()
    {
        return symbol;
    }

    public int priceScale()
    {
        return priceScale;
    }

    public long tickSize()
    {
        return tickSize;
    }

    public long lotSize()
    {
        return lotSize;
    }

    public long minQuantity()
    {
        return minQuantity;
    }

    public long maxQuantity()
    {
        return maxQuantity;
    }

    /** Lowest limit price the band admits (inclusive). */
    public long lowestPrice()
    {
        return lowestPrice;
    }

    /**
     * Highest limit price the band admits (inclusive); without a band, the highest whose notional at maxQuantity
     * fits a long.
     */
    public long highestPrice()
    {
        return highestPrice;
    }

    public SelfTradePrevention selfTradePrevention()
    {
        return selfTradePrevention;
    }

    RejectReason checkQuantity(final long quantity)
    {
        if (quantity <= 0)
        {
            return RejectReason.INVALID_QUANTITY;
        }
        if (!lot.divides(quantity))
        {
            return RejectReason.QUANTITY_NOT_MULTIPLE_OF_LOT;
        }
        if (quantity < minQuantity)
        {
            return RejectReason.QUANTITY_BELOW_MINIMUM;
        }
        if (quantity > maxQuantity)
        {
            return RejectReason.QUANTITY_ABOVE_MAXIMUM;
        }
        return RejectReason.NULL_VAL;
    }

    RejectReason checkLimitPrice(final long price)
    {
        if (price <= 0)
        {
            return RejectReason.INVALID_PRICE;
        }
        if (!tick.divides(price))
        {
            return RejectReason.PRICE_NOT_ON_TICK;
        }
        if (price < lowestPrice || price > highestPrice)
        {
            return RejectReason.PRICE_OUTSIDE_BAND;
        }
        return RejectReason.NULL_VAL;
    }

    @Override
    public String toString()
    {
        return symbol + "(" + id + ")";
    }
}

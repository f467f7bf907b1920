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

    private Instrument(final InstrumentConfig config)
    {
        this.id = config.id();
        this.symbol = config.symbol();
        this.priceScale = config.priceScale();
        this.tickSize = config.tickSize();
        this.lotSize = config.lotSize();
        this.tick = new Divisor(tickSize);
        this.lot = new Divisor(lotSize);
        this.minQuantity = config.minQuantity();
        this.maxQuantity = config.maxQuantity();
        this.selfTradePrevention = config.selfTradePrevention();
        // The band, and the notional limit that keeps an order's AvgPx sum within a long: the config computes both,
        // as its validation does.
        this.lowestPrice = config.lowestPrice();
        this.highestPrice = config.highestPrice();
    }

    public static Instrument from(final InstrumentConfig config)
    {
        return new Instrument(config);
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

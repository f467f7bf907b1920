package dev.tessera.config;

import java.util.Objects;

/**
 * One tradable instrument. Prices ({@code tickSize}, {@code referencePrice}) are fixed-point:
 * the decimal price times 10^{@code priceScale}, so the engine never touches floating point or
 * BigDecimal. Quantities are whole numbers of units.
 *
 * @param symbol human-readable name, unique, e.g. {@code AAPL}
 * @param id numeric id used on the hot path, unique, > 0
 * @param priceScale decimals of a price, 0 to 9
 * @param tickSize smallest price step, fixed-point, > 0
 * @param lotSize quantities must be multiples of this, > 0
 * @param minQuantity smallest order quantity, a multiple of lotSize
 * @param maxQuantity largest order quantity, a multiple of lotSize, >= minQuantity
 * @param referencePrice price the band is measured from, fixed-point, a multiple of tickSize
 * @param priceBandBps allowed deviation from referencePrice in basis points, 0 = no band
 * @param selfTradePrevention what to do when an owner's orders would trade with each other
 * @throws ConfigValidationException listing every rule the arguments break
 */
public record InstrumentConfig(
    String symbol,
    int id,
    int priceScale,
    long tickSize,
    long lotSize,
    long minQuantity,
    long maxQuantity,
    long referencePrice,
    int priceBandBps,
    SelfTradePrevention selfTradePrevention)
{
    public InstrumentConfig
    {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(selfTradePrevention, "selfTradePrevention");
        final Problems problems = new Problems();
        Rules.instrument(problems, "", symbol, id, priceScale, tickSize, lotSize, minQuantity, maxQuantity,
            referencePrice, priceBandBps);
        problems.throwIfAny();
    }

    /** Lowest limit price admitted (inclusive): the band's bottom, or 1 without a band. */
    public long lowestPrice()
    {
        // The band's width, subtracted: twice the reference price may not fit a long.
        return priceBandBps == 0 ? 1 :
            Math.max(1, referencePrice - (Rules.bandTop(referencePrice, priceBandBps) - referencePrice));
    }

    /**
     * Highest limit price admitted (inclusive): the band's top, and never one whose notional at maxQuantity would
     * overflow a long (an order's filled notional, price x quantity over its fills, is what AvgPx divides); without
     * a band, that limit alone. Validation refuses a band whose top is beyond it.
     */
    public long highestPrice()
    {
        final long highestNotionalSafe = Long.MAX_VALUE / maxQuantity;
        return priceBandBps == 0 ? highestNotionalSafe :
            Math.min(Rules.bandTop(referencePrice, priceBandBps), highestNotionalSafe);
    }

    /** Renders a fixed-point price of this instrument with exactly {@code priceScale} decimals. */
    public String formatPrice(final long price)
    {
        return FixedPoint.format(price, priceScale);
    }

    /**
     * Exact inverse of {@link #formatPrice}: {@code "190.25"} at priceScale 4 is 1902500.
     *
     * @throws IllegalArgumentException if the text is not a decimal, has more decimals than
     *     priceScale allows (never rounded), or does not fit a long
     */
    public long parsePrice(final String decimal)
    {
        Objects.requireNonNull(decimal, "decimal");
        return FixedPoint.parse(decimal, priceScale);
    }
}

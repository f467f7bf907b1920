package dev.tessera.simulation;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.MarketDepth;
import dev.tessera.engine.OrderBook;
import dev.tessera.engine.codec.Side;

/**
 * What one instrument did in a run: order flow (orders, cancels, replaces, rejects), trades,
 * volume, VWAP, high and low, fill ratio, and the spread and depth of its book sampled after every
 * command that touched it, plus a {@link TimeSeries} for charts. Prices are kept as the engine's
 * fixed-point longs; averages are doubles (reporting only).
 */
public final class InstrumentStatistics
{
    /** Levels per side counted in {@link #meanDepth()}. */
    public static final int DEPTH_LEVELS = 5;

    private final InstrumentConfig instrument;
    private final TimeSeries series = new TimeSeries();
    private final MarketDepth depth = new MarketDepth(DEPTH_LEVELS);
    private final double priceUnit;
    long orders;
    long acceptedQuantity;
    long cancels;
    long replaces;
    long rejects;
    long trades;
    long volume;
    double notional;
    long highPrice = Long.MIN_VALUE;
    long lowPrice = Long.MAX_VALUE;
    private long quoteSamples;
    private long twoSidedSamples;
    private double spreadSum;
    private long minSpread = Long.MAX_VALUE;
    private long maxSpread = Long.MIN_VALUE;
    private double topDepthSum;
    private double depthSum;

    InstrumentStatistics(final InstrumentConfig instrument)
    {
        this.instrument = instrument;
        this.priceUnit = Math.pow(10, instrument.priceScale());
    }

    void onTrade(final long timestamp, final long price, final long quantity)
    {
        trades++;
        volume += quantity;
        notional += (double)price * quantity;
        highPrice = Math.max(highPrice, price);
        lowPrice = Math.min(lowPrice, price);
        series.onTrade(timestamp, quantity);
    }

    /** Samples the book after a command that changed it. */
    void sample(final long timestamp, final OrderBook book)
    {
        quoteSamples++;
        book.copyDepth(depth);
        long top = 0;
        long all = 0;
        for (final Side side : new Side[] {Side.BUY, Side.SELL})
        {
            for (int level = 0; level < depth.levels(side); level++)
            {
                all += depth.quantity(side, level);
            }
            top += depth.levels(side) > 0 ? depth.quantity(side, 0) : 0;
        }
        topDepthSum += top;
        depthSum += all;
        final long bid = book.bestPrice(Side.BUY);
        final long ask = book.bestPrice(Side.SELL);
        if (bid == OrderBook.NO_PRICE || ask == OrderBook.NO_PRICE)
        {
            series.onQuote(timestamp, Double.NaN, Double.NaN);
            return;
        }
        final long spread = ask - bid;
        twoSidedSamples++;
        spreadSum += spread;
        minSpread = Math.min(minSpread, spread);
        maxSpread = Math.max(maxSpread, spread);
        series.onQuote(timestamp, (bid + ask) / 2.0 / priceUnit, spread / priceUnit);
    }

    public InstrumentConfig instrument()
    {
        return instrument;
    }

    public TimeSeries series()
    {
        return series;
    }

    /** Orders accepted by the engine. */
    public long orders()
    {
        return orders;
    }

    /** Orders cancelled, for any reason (user, IOC remainder, self-trade prevention, mass cancel, ...). */
    public long cancels()
    {
        return cancels;
    }

    public long replaces()
    {
        return replaces;
    }

    /** New orders rejected. */
    public long rejects()
    {
        return rejects;
    }

    public long trades()
    {
        return trades;
    }

    public long volume()
    {
        return volume;
    }

    /** Volume-weighted average trade price in the instrument's decimals; NaN without trades. */
    public double vwap()
    {
        return volume == 0 ? Double.NaN : notional / volume / priceUnit;
    }

    /** Highest trade price (fixed point), or {@link OrderBook#NO_PRICE} without trades. */
    public long highPrice()
    {
        return trades == 0 ? OrderBook.NO_PRICE : highPrice;
    }

    public long lowPrice()
    {
        return trades == 0 ? OrderBook.NO_PRICE : lowPrice;
    }

    /** Quantity filled (both sides of every trade) over quantity accepted; NaN when nothing was accepted. */
    public double fillRatio()
    {
        return acceptedQuantity == 0 ? Double.NaN : 2.0 * volume / acceptedQuantity;
    }

    /** Mean spread over the samples with both sides quoted, in the instrument's decimals; NaN if none. */
    public double meanSpread()
    {
        return twoSidedSamples == 0 ? Double.NaN : spreadSum / twoSidedSamples / priceUnit;
    }

    public double minSpread()
    {
        return twoSidedSamples == 0 ? Double.NaN : minSpread / priceUnit;
    }

    public double maxSpread()
    {
        return twoSidedSamples == 0 ? Double.NaN : maxSpread / priceUnit;
    }

    /** Mean quantity at the best bid plus the best ask. */
    public double meanTopDepth()
    {
        return quoteSamples == 0 ? Double.NaN : topDepthSum / quoteSamples;
    }

    /** Mean quantity in the best {@value #DEPTH_LEVELS} levels of both sides. */
    public double meanDepth()
    {
        return quoteSamples == 0 ? Double.NaN : depthSum / quoteSamples;
    }

    /** Book samples taken (commands that touched the instrument). */
    public long samples()
    {
        return quoteSamples;
    }
}

package dev.tessera.projection;

import dev.tessera.journal.tools.Turnover;

import java.math.BigInteger;

/**
 * One OHLC candle of one instrument: the trades stamped in [{@code startNanos}, {@code startNanos}
 * + interval). Prices are fixed point. Intervals without trades have no candle.
 *
 * @param notional the sum of price (fixed point) x quantity over the trades, exact ({@link Turnover})
 */
public record Candle(
    int instrumentId, long startNanos, long open, long high, long low, long close, long volume, long trades,
    BigInteger notional)
{
    Candle with(final long price, final long quantity)
    {
        return new Candle(instrumentId, startNanos, open, Math.max(high, price), Math.min(low, price), price,
            volume + quantity, trades + 1, Turnover.add(notional, price, quantity));
    }

    static Candle first(final int instrumentId, final long startNanos, final long price, final long quantity)
    {
        return new Candle(instrumentId, startNanos, price, price, price, price, quantity, 1,
            Turnover.add(BigInteger.ZERO, price, quantity));
    }
}

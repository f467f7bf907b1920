package dev.tessera.journal.tools;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Turnover of trades for the tools that show it ({@code project candles}, {@code journal stats}): the notional, the sum
 * of price x quantity, and the VWAP, exactly. Exact arithmetic because a day's notional overflows a long: one trade's
 * fits (an instrument's highest price keeps price x maxQuantity within one), their sum need not. The engine and the
 * gateway stay in fixed-point longs; this is offline reporting.
 */
public final class Turnover
{
    /** Decimals of a VWAP beyond the price's: the gateway's AvgPx(6) carries as many. */
    public static final int VWAP_EXTRA_DECIMALS = 4;

    private Turnover()
    {
    }

    /** {@code notional} plus one trade's price (fixed point) x quantity. */
    public static BigInteger add(final BigInteger notional, final long price, final long quantity)
    {
        return notional.add(BigInteger.valueOf(price).multiply(BigInteger.valueOf(quantity)));
    }

    /** In the price's decimals, as the tools show prices: 40 @ 190.0100 is {@code 7600.4000}. */
    public static String notional(final BigInteger notional, final int priceScale)
    {
        return new BigDecimal(notional, priceScale).toPlainString();
    }

    /**
     * Notional over volume to {@link #VWAP_EXTRA_DECIMALS} more decimals than the price's, rounded half up as AvgPx(6)
     * is (1 @ 420.01 and 2 @ 420.02: {@code 420.01666667}), trailing zeros kept as in every price the tools show;
     * empty for no volume.
     */
    public static String vwap(final BigInteger notional, final long volume, final int priceScale)
    {
        if (volume == 0)
        {
            return "";
        }
        return new BigDecimal(notional, priceScale).divide(BigDecimal.valueOf(volume), priceScale + VWAP_EXTRA_DECIMALS,
            RoundingMode.HALF_UP).toPlainString();
    }
}

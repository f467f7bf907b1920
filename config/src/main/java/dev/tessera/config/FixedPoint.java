package dev.tessera.config;

import java.math.BigDecimal;

/**
 * The one place that converts between decimal text and fixed-point longs (value * 10^scale).
 * Conversion is exact or fails: a price that silently moved by rounding would be a different
 * order.
 */
final class FixedPoint
{
    static final int MAX_SCALE = 9;

    private static final long[] POWERS_OF_TEN =
    {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L
    };

    private FixedPoint()
    {
    }

    /**
     * Exact inverse of {@link #format}.
     *
     * @throws NumberFormatException when the text is not a decimal number at all
     * @throws IllegalArgumentException when it has more decimals than the scale allows or does
     *     not fit a long at that scale
     */
    static long parse(final String text, final int scale)
    {
        return toFixed(decimal(text), text, scale);
    }

    /** Checks only that the text is a plain decimal, for when the scale is not known yet. */
    static BigDecimal decimal(final String text)
    {
        // BigDecimal also takes non-ASCII digits; a price on the wire must not.
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            final boolean allowed = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
            if (!allowed)
            {
                throw notADecimal(text);
            }
        }
        try
        {
            return new BigDecimal(text);
        }
        catch (final NumberFormatException e)
        {
            throw notADecimal(text);
        }
    }

    static long toFixed(final BigDecimal value, final String text, final int scale)
    {
        checkScale(scale);
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > scale)
        {
            throw new IllegalArgumentException(text + " has more decimals than priceScale " + scale + " allows");
        }
        try
        {
            return value.movePointRight(scale).longValueExact();
        }
        catch (final ArithmeticException e)
        {
            throw new IllegalArgumentException(text + " is out of range for priceScale " + scale, e);
        }
    }

    /** Renders with exactly {@code scale} decimals, so columns of prices line up. */
    static String format(final long value, final int scale)
    {
        checkScale(scale);
        if (scale == 0)
        {
            return Long.toString(value);
        }
        final long power = POWERS_OF_TEN[scale];
        final long whole = value / power;
        // abs of a remainder cannot overflow: |value % power| < power.
        final long fraction = Math.abs(value % power);
        final StringBuilder text = new StringBuilder(24);
        if (value < 0 && whole == 0)
        {
            text.append('-');
        }
        text.append(whole).append('.');
        final String digits = Long.toString(fraction);
        for (int i = digits.length(); i < scale; i++)
        {
            text.append('0');
        }
        return text.append(digits).toString();
    }

    /**
     * Renders the way a person would write it in a config file (no trailing zeros), so that an
     * error message shows {@code got -1} rather than {@code got -1.0000}. Any scale is accepted
     * because messages may be about a record whose scale is itself the problem.
     */
    static String plain(final long value, final int scale)
    {
        return BigDecimal.valueOf(value, scale).stripTrailingZeros().toPlainString();
    }

    static boolean isValidScale(final int scale)
    {
        return scale >= 0 && scale <= MAX_SCALE;
    }

    private static void checkScale(final int scale)
    {
        if (!isValidScale(scale))
        {
            throw new IllegalArgumentException("priceScale must be between 0 and " + MAX_SCALE + ", got " + scale);
        }
    }

    private static NumberFormatException notADecimal(final String text)
    {
        return new NumberFormatException(Rules.quote(text) + " is not a decimal number");
    }
}

package dev.tessera.fix;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * FIX decimal values (float, Price, Qty, ...) to and from fixed-point longs, exactly and without
 * allocation: {@code "190.25"} at scale 4 is {@code 1902500}.
 * <p>
 * Parsing never rounds. It answers {@link #MALFORMED} for text that is not a FIX decimal (optional
 * {@code '-'}, then digits with at most one {@code '.'} and at least one digit: {@code "5"},
 * {@code "5."}, {@code ".5"}, {@code "-0.50"}; no {@code '+'}, exponent or blanks), and
 * {@link #NOT_EXACT} for a value the scale cannot hold: more significant decimals than the scale
 * ({@code "190.255"} at scale 2; trailing zeros are not significant, so {@code "190.2500"} at scale 2
 * is {@code 19025}) or outside {@code [MIN_VALUE, Long.MAX_VALUE]}. The two lowest longs are those
 * sentinels, so {@link #isValue} tells a result from a sentinel. A session maps {@code MALFORMED} to
 * SessionRejectReason 6 (incorrect data format) and {@code NOT_EXACT} to 5 (value is incorrect).
 * <p>
 * Formatting writes the shortest exact text: trailing fractional zeros are trimmed and a whole
 * number has no decimal point ({@code 1902500} at scale 4 is {@code "190.25"}, {@code 1900000} is
 * {@code "190"}, {@code -5} at scale 1 is {@code "-0.5"}); FIX accepts both forms, and the shortest
 * one is the same whatever scale the instrument uses.
 */
public final class FixDecimal
{
    /** Not a FIX decimal (or the field is absent, for the accessors of {@link FixMessage}). */
    public static final long MALFORMED = Long.MIN_VALUE;
    /** A FIX decimal that the scale cannot hold exactly: too many significant decimals, or out of range. */
    public static final long NOT_EXACT = Long.MIN_VALUE + 1;
    /** The lowest value a parse can answer; lower longs are the sentinels. */
    public static final long MIN_VALUE = Long.MIN_VALUE + 2;
    /** The largest scale: 10^18 is the largest power of ten a long holds. */
    public static final int MAX_SCALE = 18;
    /** The longest text {@link #put} writes: sign, 19 digits and a decimal point. */
    public static final int MAX_LENGTH = 21;

    private static final long[] POWERS_OF_TEN = new long[MAX_SCALE + 1];
    private static final int RADIX = 10;

    static
    {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i <= MAX_SCALE; i++)
        {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * RADIX;
        }
    }

    private FixDecimal()
    {
    }

    /** Whether a parse result is a value rather than {@link #MALFORMED} or {@link #NOT_EXACT}. */
    public static boolean isValue(final long parsed)
    {
        return parsed >= MIN_VALUE;
    }

    /**
     * Whether decimal text has a non-zero digit past {@code scale} decimals. Tells the two causes of
     * {@link #NOT_EXACT} apart, for a reject's text: too many decimals, or else a value out of range.
     */
    public static boolean hasDecimalsBeyond(final DirectBuffer buffer, final int offset, final int length, final int scale)
    {
        int decimals = -1; // -1 until the point
        for (int position = offset; position < offset + length; position++)
        {
            final byte b = buffer.getByte(position);
            if (b == '.')
            {
                decimals = 0;
            }
            else if (decimals >= 0 && ++decimals > scale && b != '0')
            {
                return true;
            }
        }
        return false;
    }

    /** 10 to the power {@code scale}, for 0 to {@link #MAX_SCALE}. */
    public static long powerOfTen(final int scale)
    {
        return POWERS_OF_TEN[scale];
    }

    /**
     * Parses a FIX decimal into a fixed-point long with {@code scale} decimals.
     *
     * @param scale 0 to {@link #MAX_SCALE}
     * @return the value times 10^scale, or {@link #MALFORMED}, or {@link #NOT_EXACT}.
     */
    public static long parse(final DirectBuffer buffer, final int offset, final int length, final int scale)
    {
        checkScale(scale);
        final int end = offset + length;
        int position = offset;
        final boolean negative = position < end && buffer.getByte(position) == '-';
        if (negative)
        {
            position++;
        }

        // Accumulate the magnitude; keep scanning after an overflow so that malformed text is still
        // reported as malformed, whatever its length.
        long magnitude = 0;
        boolean outOfRange = false;
        int digits = 0;
        for (; position < end; position++)
        {
            final byte b = buffer.getByte(position);
            if (b == '.')
            {
                break;
            }
            final int digit = b - '0';
            if (digit < 0 || digit > 9)
            {
                return MALFORMED;
            }
            digits++;
            if (!outOfRange)
            {
                if (magnitude > (Long.MAX_VALUE - digit) / RADIX)
                {
                    outOfRange = true;
                }
                else
                {
                    magnitude = magnitude * RADIX + digit;
                }
            }
        }

        if (!outOfRange)
        {
            if (magnitude > Long.MAX_VALUE / POWERS_OF_TEN[scale])
            {
                outOfRange = true;
            }
            else
            {
                magnitude *= POWERS_OF_TEN[scale];
            }
        }

        boolean inexact = false;
        if (position < end)
        {
            position++; // the '.'
            for (int decimals = 1; position < end; position++, decimals++)
            {
                final int digit = buffer.getByte(position) - '0';
                if (digit < 0 || digit > 9)
                {
                    return MALFORMED;
                }
                digits++;
                if (decimals > scale)
                {
                    inexact |= digit != 0;
                }
                else if (!outOfRange)
                {
                    final long add = digit * POWERS_OF_TEN[scale - decimals];
                    if (magnitude > Long.MAX_VALUE - add)
                    {
                        outOfRange = true;
                    }
                    else
                    {
                        magnitude += add;
                    }
                }
            }
        }

        if (digits == 0)
        {
            return MALFORMED;
        }
        if (outOfRange || inexact)
        {
            return NOT_EXACT;
        }
        if (negative)
        {
            return magnitude > -MIN_VALUE ? NOT_EXACT : -magnitude;
        }
        return magnitude;
    }

    /** Whether the text is a FIX decimal at all, whatever its precision or size. */
    public static boolean isWellFormed(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        int position = offset;
        if (position < end && buffer.getByte(position) == '-')
        {
            position++;
        }
        int digits = 0;
        boolean point = false;
        for (; position < end; position++)
        {
            final byte b = buffer.getByte(position);
            if (b == '.' && !point)
            {
                point = true;
            }
            else if (b >= '0' && b <= '9')
            {
                digits++;
            }
            else
            {
                return false;
            }
        }
        return digits > 0;
    }

    /** The shortest exact text of a fixed-point value, for messages and logs (allocates). */
    public static String toString(final long value, final int scale)
    {
        final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(new byte[MAX_LENGTH]);
        final int length = put(buffer, 0, value, scale);
        return buffer.getStringWithoutLengthAscii(0, length);
    }

    /**
     * Writes a fixed-point value as its shortest exact FIX decimal.
     *
     * @param scale 0 to {@link #MAX_SCALE}
     * @return the number of bytes written, at most {@link #MAX_LENGTH}.
     */
    public static int put(final MutableDirectBuffer buffer, final int offset, final long value, final int scale)
    {
        checkScale(scale);
        if (scale == 0)
        {
            return buffer.putLongAscii(offset, value);
        }
        final long unit = POWERS_OF_TEN[scale];
        // Java division truncates towards zero, so both parts carry the value's sign and negating them
        // cannot overflow (scale >= 1 keeps the integral part above Long.MIN_VALUE).
        long integral = value / unit;
        long fraction = value % unit;
        int position = offset;
        if (value < 0)
        {
            buffer.putByte(position++, (byte)'-');
            integral = -integral;
            fraction = -fraction;
        }
        position += buffer.putNaturalLongAscii(position, integral);
        if (fraction != 0)
        {
            int decimals = scale;
            while (fraction % RADIX == 0)
            {
                fraction /= RADIX;
                decimals--;
            }
            buffer.putByte(position++, (byte)'.');
            for (int i = position + decimals - 1; i >= position; i--)
            {
                buffer.putByte(i, (byte)('0' + fraction % RADIX));
                fraction /= RADIX;
            }
            position += decimals;
        }
        return position - offset;
    }

    private static void checkScale(final int scale)
    {
        if (scale < 0 || scale > MAX_SCALE)
        {
            throw new IllegalArgumentException("scale must be 0 to " + MAX_SCALE + ": " + scale);
        }
    }
}

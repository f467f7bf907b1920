package dev.tessera.engine;

/**
 * "Is x a multiple of d?" for a fixed positive d without a division: every command checks its price
 * against the tick and its quantity against the lot, and a 64-bit division costs tens of cycles where
 * this costs a multiply, a rotate and a compare (Hacker's Delight, 10-17; Granlund and Montgomery).
 *
 * <p>Write d = m * 2^k with m odd. x is a multiple of d exactly when {@code rotateRight(x * inverse(m), k)}
 * is at most {@code (2^64 - 1) / d}, unsigned: multiplying by m's inverse modulo 2^64 maps each
 * multiple q * m back to q, and the rotation divides an even q by 2^k, or moves its set low bits (q
 * not a multiple of 2^k) to the top, past that bound.
 */
final class Divisor
{
    private final long inverse;
    private final long limit;
    private final int shift;

    Divisor(final long divisor)
    {
        if (divisor <= 0)
        {
            throw new IllegalArgumentException("divisor must be > 0, got " + divisor);
        }
        shift = Long.numberOfTrailingZeros(divisor);
        final long odd = divisor >>> shift;
        inverse = inverseOf(odd);
        limit = Long.divideUnsigned(-1L, divisor);
    }

    boolean divides(final long value)
    {
        return Long.compareUnsigned(Long.rotateRight(value * inverse, shift), limit) <= 0;
    }

    /** The inverse of an odd number modulo 2^64, by Newton's iteration (each step doubles the correct bits). */
    private static long inverseOf(final long odd)
    {
        long inverse = odd; // correct to 3 bits: odd * odd == 1 (mod 8)
        for (int i = 0; i < 5; i++)
        {
            inverse *= 2 - odd * inverse;
        }
        return inverse;
    }
}

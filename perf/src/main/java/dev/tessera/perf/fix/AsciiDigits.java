package dev.tessera.perf.fix;

/** Non-negative integers as ASCII decimal digits, into a byte array, without garbage. */
final class AsciiDigits
{
    private AsciiDigits()
    {
    }

    /** Writes {@code value} (>= 0) at {@code offset}; returns the number of digits written. */
    static int write(final long value, final byte[] into, final int offset)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException("negative: " + value);
        }
        final int length = length(value);
        long rest = value;
        for (int i = offset + length - 1; i >= offset; i--)
        {
            into[i] = (byte)('0' + rest % 10);
            rest /= 10;
        }
        return length;
    }

    static int length(final long value)
    {
        int length = 1;
        long rest = value;
        while (rest >= 10)
        {
            rest /= 10;
            length++;
        }
        return length;
    }
}

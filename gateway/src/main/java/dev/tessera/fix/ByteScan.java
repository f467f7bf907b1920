package dev.tessera.fix;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Finds a byte in a buffer eight bytes at a time. The parser looks for the SOH that ends every field
 * value, and a byte-by-byte loop pays a bounds check per byte.
 *
 * <p>XOR with the byte repeated turns matches into zero bytes; {@code (x - 0x01..01) & ~x & 0x80..80}
 * sets the top bit of the lowest zero byte (a borrow can only mark bytes above the first zero, so the
 * lowest mark is exact), and, read little-endian, its trailing zeros give the byte's position.
 */
final class ByteScan
{
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private ByteScan()
    {
    }

    /** The first index in {@code [from, end)} holding {@code value}, or {@code end} when none does. */
    static int indexOf(final DirectBuffer buffer, final int from, final int end, final byte value)
    {
        final long pattern = (value & 0xFFL) * ONES;
        int i = from;
        for (; i + Long.BYTES <= end; i += Long.BYTES)
        {
            final long x = buffer.getLong(i, ByteOrder.LITTLE_ENDIAN) ^ pattern;
            final long found = (x - ONES) & ~x & HIGH_BITS;
            if (found != 0)
            {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < end; i++)
        {
            if (buffer.getByte(i) == value)
            {
                return i;
            }
        }
        return end;
    }
}

package dev.tessera.fix;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The FIX CheckSum (tag 10): the sum of every byte of the message up to and including the SOH
 * before {@code 10=}, modulo 256, written as exactly three digits.
 */
public final class FixChecksum
{
    /** Digits of the CheckSum value: always three, zero-padded ("007"). */
    public static final int DIGITS = 3;

    private static final int BYTE_MASK = 0xFF;
    private static final long EVEN_BYTES = 0x00FF00FF00FF00FFL;
    private static final long LANE_MASK = 0xFFFFL;
    private static final int WORDS_PER_FOLD = 128;

    private FixChecksum()
    {
    }

    /**
     * The CheckSum of {@code length} bytes from {@code offset}: their sum modulo 256.
     *
     * <p>Eight bytes at a time: every message is summed once on the way in and once on the way out, and
     * a byte-by-byte loop pays a bounds check per byte. The mask splits a word into the four bytes at
     * even positions and the four at odd positions, each widened to a 16-bit lane, so a word adds at most
     * 510 to a lane; lanes cannot overflow within {@link #WORDS_PER_FOLD} words (510 * 128 < 65,536),
     * after which they are folded.
     */
    public static int compute(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        int i = offset;
        long sum = 0;
        long lanes = 0;
        int words = 0;
        for (; i + Long.BYTES <= end; i += Long.BYTES)
        {
            final long word = buffer.getLong(i);
            lanes += (word & EVEN_BYTES) + ((word >>> Byte.SIZE) & EVEN_BYTES);
            if (++words == WORDS_PER_FOLD)
            {
                sum += fold(lanes);
                lanes = 0;
                words = 0;
            }
        }
        sum += fold(lanes);
        for (; i < end; i++)
        {
            sum += buffer.getByte(i) & BYTE_MASK;
        }
        return (int)(sum & BYTE_MASK);
    }

    /** The sum of a word's four 16-bit lanes. */
    private static long fold(final long lanes)
    {
        return (lanes & LANE_MASK) + ((lanes >>> 16) & LANE_MASK) + ((lanes >>> 32) & LANE_MASK) + (lanes >>> 48);
    }

    /** Writes a CheckSum value as its three digits. */
    public static void put(final MutableDirectBuffer buffer, final int offset, final int checkSum)
    {
        buffer.putNaturalPaddedIntAscii(offset, DIGITS, checkSum);
    }
}

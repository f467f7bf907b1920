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

    private FixChecksum()
    {
    }

    /** The CheckSum of {@code length} bytes from {@code offset}: their sum modulo 256. */
    public static int compute(final DirectBuffer buffer, final int offset, final int length)
    {
        int sum = 0;
        for (int i = offset, end = offset + length; i < end; i++)
        {
            sum += buffer.getByte(i) & BYTE_MASK;
        }
        return sum & BYTE_MASK;
    }

    /** Writes a CheckSum value as its three digits. */
    public static void put(final MutableDirectBuffer buffer, final int offset, final int checkSum)
    {
        buffer.putNaturalPaddedIntAscii(offset, DIGITS, checkSum);
    }
}

package dev.tessera.engine;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Turns a client's order id text (FIX ClOrdID, 11) into the engine's 64-bit client order id and back, without
 * a table: the mapping is reversible, so an ExecutionReport regenerated from the journal years later carries
 * the exact ClOrdID the client sent, the gateway keeps no second store that a crash could tear, and the
 * journal tools show the text a client used. Here, beside the engine, so every reader of the journal shares it.
 *
 * <p>The venue rule this implies (documented in the README, like any venue's ClOrdID limits):
 * <ul>
 *   <li>up to 18 decimal digits without a leading zero, kept as their value (below 2^62); or</li>
 *   <li>up to 10 characters from {@link #ALPHABET}, packed base-73 with bit 62 set.</li>
 * </ul>
 * Anything else is rejected with a reason, never truncated or hashed.
 */
public final class ClientOrderIds
{
    /** Not a ClOrdID this venue accepts. */
    public static final long INVALID = -1;
    /** The longest packed ClOrdID. 73^10 < 2^62, so ten symbols (0 = padding) fit below the tag bit. */
    public static final int MAX_PACKED_LENGTH = 10;
    /** The longest numeric ClOrdID: 18 digits stay below 2^62. */
    public static final int MAX_NUMERIC_LENGTH = 18;
    /** The characters a packed ClOrdID may use. */
    public static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_.:/+#@*!";

    private static final long PACKED_TAG = 1L << 62;
    private static final int RADIX = ALPHABET.length() + 1;
    private static final byte[] SYMBOL_OF = new byte[128];

    static
    {
        for (int i = 0; i < ALPHABET.length(); i++)
        {
            SYMBOL_OF[ALPHABET.charAt(i)] = (byte)(i + 1);
        }
    }

    private ClientOrderIds()
    {
    }

    /** @return the engine's id for the ClOrdID in these bytes, or {@link #INVALID}. */
    public static long encode(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0)
        {
            return INVALID;
        }
        final long numeric = numeric(buffer, offset, length);
        if (numeric != INVALID)
        {
            return numeric;
        }
        if (length > MAX_PACKED_LENGTH)
        {
            return INVALID;
        }
        long packed = 0;
        for (int i = length - 1; i >= 0; i--)
        {
            final byte b = buffer.getByte(offset + i);
            final int symbol = b > 0 ? SYMBOL_OF[b] : 0;
            if (symbol == 0)
            {
                return INVALID;
            }
            packed = packed * RADIX + symbol;
        }
        return PACKED_TAG | packed;
    }

    /** As {@link #encode(DirectBuffer, int, int)}, for tests and tools. */
    public static long encode(final CharSequence clOrdId)
    {
        final byte[] bytes = new byte[clOrdId.length()];
        for (int i = 0; i < bytes.length; i++)
        {
            final char c = clOrdId.charAt(i);
            bytes[i] = c < 128 ? (byte)c : 0;
        }
        return encode(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    /**
     * Writes the ClOrdID an engine id stands for.
     *
     * @return the number of bytes written (at most 19), 0 if the id was not made by {@link #encode}.
     */
    public static int decode(final long id, final MutableDirectBuffer buffer, final int offset)
    {
        if (id <= 0)
        {
            return 0;
        }
        if ((id & PACKED_TAG) == 0)
        {
            return buffer.putLongAscii(offset, id);
        }
        long packed = id & ~PACKED_TAG;
        int length = 0;
        while (packed != 0)
        {
            final int symbol = (int)(packed % RADIX);
            if (symbol == 0)
            {
                return 0;
            }
            buffer.putByte(offset + length++, (byte)ALPHABET.charAt(symbol - 1));
            packed /= RADIX;
        }
        return length;
    }

    /** For logs and tests: the text, or {@code ?} and the number when no text makes it. */
    public static String toString(final long id)
    {
        final String text = decoded(id);
        return text == null ? "?" + id : text;
    }

    /**
     * For the journal tools: the text the id stands for, or the plain number when no text makes it (ids entered
     * by other means than a gateway, such as 0); numeric ids read the same either way.
     */
    public static String text(final long id)
    {
        final String text = decoded(id);
        return text == null ? Long.toString(id) : text;
    }

    private static String decoded(final long id)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[24]);
        final int length = decode(id, buffer, 0);
        return length == 0 ? null : buffer.getStringWithoutLengthAscii(0, length);
    }

    private static long numeric(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > MAX_NUMERIC_LENGTH || buffer.getByte(offset) == '0')
        {
            return INVALID;
        }
        long value = 0;
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if (b < '0' || b > '9')
            {
                return INVALID;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }
}

package dev.tessera.perf.fix;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The load generator's own FIX 4.4 parser, independent of the gateway's codec (see {@link FixWriter}).
 * {@link #frame} finds where a message ends in bytes read from a stream; {@link #wrap} indexes the
 * fields of one complete message in place (tag, value offset, value length), re-used for every
 * message, so reading allocates nothing. Accessors look a tag up by a linear scan: an
 * ExecutionReport has about twenty fields, and the tags a client reads sit near the front.
 */
public final class FixView
{
    /** {@link #frame}: more bytes are needed. */
    public static final int INCOMPLETE = 0;
    /** {@link #frame}: the bytes are not a FIX 4.4 message. */
    public static final int MALFORMED = -1;
    /** Accessors: the tag is not in the message (or not a number, for {@link #longValue}). */
    public static final long MISSING = Long.MIN_VALUE;

    private static final byte[] BEGIN = "8=FIX.4.4\u00019=".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_FIELDS = 256;
    private static final int CHECK_SUM_FIELD_BYTES = 7;
    private static final int MAX_BODY_LENGTH_DIGITS = 7;

    private final int[] tags = new int[MAX_FIELDS];
    private final int[] valueOffsets = new int[MAX_FIELDS];
    private final int[] valueLengths = new int[MAX_FIELDS];
    private ByteBuffer buffer;
    private int offset;
    private int length;
    private int fieldCount;

    /**
     * The length of the complete message starting at {@code offset} (BeginString to the SOH after
     * CheckSum), {@link #INCOMPLETE} if the bytes up to {@code limit} do not hold all of it yet, or
     * {@link #MALFORMED}. Absolute reads: the buffer's position and limit are not used or changed.
     */
    public static int frame(final ByteBuffer buffer, final int offset, final int limit)
    {
        int i = offset;
        for (final byte expected : BEGIN)
        {
            if (i >= limit)
            {
                return INCOMPLETE;
            }
            if (buffer.get(i++) != expected)
            {
                return MALFORMED;
            }
        }
        int bodyLength = 0;
        int lengthDigits = 0;
        while (true)
        {
            if (i >= limit)
            {
                return INCOMPLETE;
            }
            final byte b = buffer.get(i++);
            if (b == FixWriter.SOH)
            {
                break;
            }
            if (b < '0' || b > '9' || ++lengthDigits > MAX_BODY_LENGTH_DIGITS)
            {
                return MALFORMED;
            }
            bodyLength = bodyLength * 10 + (b - '0');
        }
        if (lengthDigits == 0)
        {
            return MALFORMED;
        }
        final int trailer = i + bodyLength;
        final int end = trailer + CHECK_SUM_FIELD_BYTES;
        if (end > limit)
        {
            return INCOMPLETE;
        }
        if (buffer.get(trailer) != '1' || buffer.get(trailer + 1) != '0' || buffer.get(trailer + 2) != '=' ||
            buffer.get(end - 1) != FixWriter.SOH)
        {
            return MALFORMED;
        }
        return end - offset;
    }

    /**
     * Indexes the fields of the complete message at {@code offset} ({@code length} from {@link #frame}).
     *
     * @return false if its CheckSum is wrong or a field is not {@code tag=value<SOH>}
     */
    public boolean wrap(final ByteBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        fieldCount = 0;
        final int end = offset + length;
        int sum = 0;
        int i = offset;
        while (i < end)
        {
            final int fieldStart = i;
            int tag = 0;
            byte b;
            while (i < end && (b = buffer.get(i)) != '=')
            {
                if (b < '0' || b > '9')
                {
                    return false;
                }
                tag = tag * 10 + (b - '0');
                i++;
            }
            if (i == fieldStart || i >= end || fieldCount == MAX_FIELDS)
            {
                return false;
            }
            final int valueStart = ++i;
            while (i < end && buffer.get(i) != FixWriter.SOH)
            {
                i++;
            }
            if (i >= end)
            {
                return false;
            }
            tags[fieldCount] = tag;
            valueOffsets[fieldCount] = valueStart;
            valueLengths[fieldCount] = i - valueStart;
            fieldCount++;
            i++;
            if (tag != 10)
            {
                for (int k = fieldStart; k < i; k++)
                {
                    sum += buffer.get(k);
                }
            }
        }
        return fieldCount >= 3 && tags[fieldCount - 1] == 10 && longValue(10) == (sum & 0xFF);
    }

    public int fieldCount()
    {
        return fieldCount;
    }

    public int tagAt(final int index)
    {
        return tags[index];
    }

    /** MsgType (35): one character as its code, two as {@code first << 8 | second}; 0 if absent. */
    public int msgType()
    {
        final int index = indexOf(35);
        if (index < 0)
        {
            return 0;
        }
        final int valueOffset = valueOffsets[index];
        return valueLengths[index] == 1 ? buffer.get(valueOffset) : buffer.get(valueOffset) << 8 | buffer.get(valueOffset + 1);
    }

    public boolean has(final int tag)
    {
        return indexOf(tag) >= 0;
    }

    /** The first character of the tag's value, or 0 if absent. */
    public char charValue(final int tag)
    {
        final int index = indexOf(tag);
        return index < 0 || valueLengths[index] == 0 ? 0 : (char)buffer.get(valueOffsets[index]);
    }

    /** The tag's value as a non-negative decimal integer, or {@link #MISSING}. */
    public long longValue(final int tag)
    {
        final int index = indexOf(tag);
        if (index < 0 || valueLengths[index] == 0 || valueLengths[index] > 18)
        {
            return MISSING;
        }
        long value = 0;
        for (int i = valueOffsets[index], end = i + valueLengths[index]; i < end; i++)
        {
            final byte b = buffer.get(i);
            if (b < '0' || b > '9')
            {
                return MISSING;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    /** The tag's value as text, or null if absent. Allocates: for diagnostics and tests. */
    public String string(final int tag)
    {
        final int index = indexOf(tag);
        if (index < 0)
        {
            return null;
        }
        final byte[] bytes = new byte[valueLengths[index]];
        buffer.get(valueOffsets[index], bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** The whole message with SOH shown as '|'. Allocates: for diagnostics and tests. */
    @Override
    public String toString()
    {
        final byte[] bytes = new byte[length];
        buffer.get(offset, bytes);
        return new String(bytes, StandardCharsets.US_ASCII).replace('\u0001', '|');
    }

    private int indexOf(final int tag)
    {
        for (int i = 0; i < fieldCount; i++)
        {
            if (tags[i] == tag)
            {
                return i;
            }
        }
        return -1;
    }
}

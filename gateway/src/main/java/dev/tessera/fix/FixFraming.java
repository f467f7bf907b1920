package dev.tessera.fix;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Finds where a FIX 4.4 message ends in bytes read from a TCP stream, and checks its framing:
 * BeginString, BodyLength and CheckSum.
 * <p>
 * {@link #frame} looks at the bytes from an offset and answers the length of the complete message
 * that starts there, {@link #INCOMPLETE} when more bytes must arrive first, or {@link #MALFORMED},
 * with the reason in {@link #error()}. A problem is reported as soon as the bytes show it, so a
 * garbled header is not buffered up to the maximum length. It keeps no state between calls: a
 * caller that got {@code INCOMPLETE} calls again with the same start and more bytes.
 * <p>
 * Semantics as in the FIX specification: BodyLength counts the bytes from the one after the SOH that
 * ends the BodyLength field up to and including the SOH before {@code 10=}; CheckSum is the sum of
 * every byte before {@code 10=}, modulo 256, as three digits. BodyLength may carry leading zeros (as
 * QuickFIX/J accepts); {@link FixEncoder} never writes them.
 */
public final class FixFraming
{
    /** {@link #frame}: the message is not complete yet; call again when more bytes have arrived. */
    public static final int INCOMPLETE = 0;
    /** {@link #frame}: these bytes are not a FIX 4.4 message; {@link #error()} says why. */
    public static final int MALFORMED = -1;
    /** The lowest maximum allowed: a Heartbeat with one-character CompIDs is longer. */
    public static final int MIN_MAX_MESSAGE_LENGTH = 64;

    static final byte SOH = 0x01;
    /** {@code 8=FIX.4.4<SOH>}: every FIX 4.4 message starts with these bytes. */
    static final byte[] BEGIN_STRING_FIELD = "8=FIX.4.4\u0001".getBytes(StandardCharsets.US_ASCII);
    static final byte[] BODY_LENGTH_TAG = "9=".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CHECK_SUM_TAG = "10=".getBytes(StandardCharsets.US_ASCII);
    /** {@code 10=NNN<SOH>}. */
    static final int CHECK_SUM_FIELD_LENGTH = CHECK_SUM_TAG.length + FixChecksum.DIGITS + 1;
    /** More BodyLength digits than an int can hold cannot be a length any maximum allows. */
    private static final int MAX_BODY_LENGTH_DIGITS = 9;

    private final int maxMessageLength;
    private FramingError error = FramingError.NONE;

    /**
     * @param maxMessageLength the longest message accepted, whole (header and trailer included); a
     *     longer one is {@link FramingError#MESSAGE_TOO_LONG} as soon as its BodyLength is read
     */
    public FixFraming(final int maxMessageLength)
    {
        if (maxMessageLength < MIN_MAX_MESSAGE_LENGTH)
        {
            throw new IllegalArgumentException("maxMessageLength must be at least " + MIN_MAX_MESSAGE_LENGTH +
                ": " + maxMessageLength);
        }
        this.maxMessageLength = maxMessageLength;
    }

    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    /** Why the last {@link #frame} answered {@link #MALFORMED}; {@link FramingError#NONE} otherwise. */
    public FramingError error()
    {
        return error;
    }

    /**
     * Looks for one message at the start of {@code length} bytes from {@code offset}.
     *
     * @return the length of the complete message there, {@link #INCOMPLETE} or {@link #MALFORMED}.
     */
    public int frame(final DirectBuffer buffer, final int offset, final int length)
    {
        error = FramingError.NONE;
        final int end = offset + length;
        int position = offset;

        for (final byte expected : BEGIN_STRING_FIELD)
        {
            if (position == end)
            {
                return INCOMPLETE;
            }
            if (buffer.getByte(position++) != expected)
            {
                return malformed(FramingError.INVALID_BEGIN_STRING);
            }
        }
        for (final byte expected : BODY_LENGTH_TAG)
        {
            if (position == end)
            {
                return INCOMPLETE;
            }
            if (buffer.getByte(position++) != expected)
            {
                return malformed(FramingError.BODY_LENGTH_NOT_SECOND);
            }
        }

        long bodyLength = 0;
        int digits = 0;
        while (true)
        {
            if (position == end)
            {
                return INCOMPLETE;
            }
            final byte b = buffer.getByte(position++);
            if (b == SOH)
            {
                break;
            }
            if (b < '0' || b > '9' || digits == MAX_BODY_LENGTH_DIGITS)
            {
                return malformed(FramingError.INVALID_BODY_LENGTH);
            }
            bodyLength = bodyLength * 10 + (b - '0');
            digits++;
            if (bodyLength > maxMessageLength)
            {
                return malformed(FramingError.MESSAGE_TOO_LONG);
            }
        }
        if (digits == 0)
        {
            return malformed(FramingError.INVALID_BODY_LENGTH);
        }

        final long messageLength = position - offset + bodyLength + CHECK_SUM_FIELD_LENGTH;
        if (messageLength > maxMessageLength)
        {
            return malformed(FramingError.MESSAGE_TOO_LONG);
        }
        final int checkSumOffset = position + (int)bodyLength;

        // The body must end with SOH; with an empty body that SOH is BodyLength's own.
        if (checkSumOffset - 1 < end && buffer.getByte(checkSumOffset - 1) != SOH)
        {
            return malformed(FramingError.CHECKSUM_MISSING);
        }
        // From here the position may lie beyond the bytes available: compare with >=.
        position = checkSumOffset;
        for (final byte expected : CHECK_SUM_TAG)
        {
            if (position >= end)
            {
                return INCOMPLETE;
            }
            if (buffer.getByte(position++) != expected)
            {
                return malformed(FramingError.CHECKSUM_MISSING);
            }
        }
        int checkSum = 0;
        for (int i = 0; i < FixChecksum.DIGITS; i++)
        {
            if (position >= end)
            {
                return INCOMPLETE;
            }
            final byte b = buffer.getByte(position++);
            if (b < '0' || b > '9')
            {
                return malformed(FramingError.INVALID_CHECKSUM);
            }
            checkSum = checkSum * 10 + (b - '0');
        }
        if (position >= end)
        {
            return INCOMPLETE;
        }
        if (buffer.getByte(position) != SOH)
        {
            return malformed(FramingError.INVALID_CHECKSUM);
        }
        if (checkSum != FixChecksum.compute(buffer, offset, checkSumOffset - offset))
        {
            return malformed(FramingError.CHECKSUM_MISMATCH);
        }
        return (int)messageLength;
    }

    /**
     * How many bytes to drop to resynchronise after {@link #MALFORMED}: up to the next place after
     * {@code offset} where {@code 8=FIX.4.4<SOH>} starts, or where the bytes end in a beginning of it
     * that more bytes may complete. The byte at {@code offset} is always dropped, so a caller that
     * drops this many bytes and frames again makes progress.
     *
     * @return the number of bytes to drop, 1 to {@code length} ({@code 0} only when {@code length} is 0).
     */
    public static int skipToNextBeginString(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        for (int start = offset + 1; start < end; start++)
        {
            if (startsBeginString(buffer, start, end))
            {
                return start - offset;
            }
        }
        return length;
    }

    private static boolean startsBeginString(final DirectBuffer buffer, final int start, final int end)
    {
        for (int i = 0, position = start; i < BEGIN_STRING_FIELD.length && position < end; i++, position++)
        {
            if (buffer.getByte(position) != BEGIN_STRING_FIELD[i])
            {
                return false;
            }
        }
        return true;
    }

    private int malformed(final FramingError error)
    {
        this.error = error;
        return MALFORMED;
    }
}

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
 * A message of another FIX version ({@code 8=FIX.4.2}, {@code 8=FIXT.1.1}, ...) is framed like any other,
 * and only once it has proved whole (BodyLength and CheckSum right) is it answered {@link #MALFORMED} with
 * {@link FramingError#OTHER_FIX_VERSION}: FIX tells a session to log out a counterparty that sends one, while
 * a garbled message is ignored, so the two must not be confused.
 * <p>
 * A BodyLength longer than the message is seen without waiting for bytes that may never come: when the message is
 * not yet whole by its BodyLength but its fields already show its CheckSum, or the BeginString of the next message,
 * it is {@link FramingError#BODY_LENGTH_TOO_LONG} (see {@link #endsBeforeBodyLength}); the caller skips to the next
 * BeginString as for any garbled message. A whole message is still framed by its BodyLength alone.
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
    /** The BeginString(8) value of FIX 4.4, the only version framed as a message. */
    public static final String BEGIN_STRING = "FIX.4.4";
    /** {@code 8=FIX.4.4<SOH>}: every FIX 4.4 message starts with these bytes. */
    static final byte[] BEGIN_STRING_FIELD = ("8=" + BEGIN_STRING + "\u0001").getBytes(StandardCharsets.US_ASCII);
    /** {@code 8=FIX}: every FIX message starts with these bytes, whatever its version (FIXT.1.1 too). */
    private static final byte[] ANY_BEGIN_STRING_START = "8=FIX".getBytes(StandardCharsets.US_ASCII);
    /** The longest BeginString value of another version framed as a message ({@code FIXT.1.1} has 8). */
    private static final int MAX_BEGIN_STRING_LENGTH = 16;
    /** Where the BeginString value starts: after {@code 8=}. */
    private static final int BEGIN_STRING_VALUE_OFFSET = 2;
    static final byte[] BODY_LENGTH_TAG = "9=".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CHECK_SUM_TAG = "10=".getBytes(StandardCharsets.US_ASCII);
    /** {@code 10=NNN<SOH>}. */
    static final int CHECK_SUM_FIELD_LENGTH = CHECK_SUM_TAG.length + FixChecksum.DIGITS + 1;
    /** More BodyLength digits than an int can hold cannot be a length any maximum allows. */
    private static final int MAX_BODY_LENGTH_DIGITS = 9;
    /** As {@link FixMessage#wrap}: a longer tag number is no tag number. */
    private static final int MAX_TAG_DIGITS = 9;

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

        // The usual case, byte for byte; anything else is looked at again as another version's BeginString.
        boolean fix44 = true;
        for (final byte expected : BEGIN_STRING_FIELD)
        {
            if (position == end)
            {
                return INCOMPLETE;
            }
            if (buffer.getByte(position) != expected)
            {
                fix44 = false;
                break;
            }
            position++;
        }
        if (!fix44)
        {
            position = otherBeginStringEnd(buffer, offset, end);
            if (position == INCOMPLETE || position == MALFORMED)
            {
                return position;
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
        final int bodyOffset = position;
        final int checkSumOffset = position + (int)bodyLength;

        // The body must end with SOH; with an empty body that SOH is BodyLength's own.
        if (checkSumOffset - 1 < end && buffer.getByte(checkSumOffset - 1) != SOH)
        {
            return checkSumMissing(buffer, bodyOffset, checkSumOffset, end);
        }
        // From here the position may lie beyond the bytes available: compare with >=.
        position = checkSumOffset;
        for (final byte expected : CHECK_SUM_TAG)
        {
            if (position >= end)
            {
                return incomplete(buffer, bodyOffset, checkSumOffset, end);
            }
            if (buffer.getByte(position++) != expected)
            {
                return checkSumMissing(buffer, bodyOffset, checkSumOffset, end);
            }
        }
        int checkSum = 0;
        for (int i = 0; i < FixChecksum.DIGITS; i++)
        {
            if (position >= end)
            {
                return incomplete(buffer, bodyOffset, checkSumOffset, end);
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
            return incomplete(buffer, bodyOffset, checkSumOffset, end);
        }
        if (buffer.getByte(position) != SOH)
        {
            return malformed(FramingError.INVALID_CHECKSUM);
        }
        if (checkSum != FixChecksum.compute(buffer, offset, checkSumOffset - offset))
        {
            return malformed(FramingError.CHECKSUM_MISMATCH);
        }
        return fix44 ? (int)messageLength : malformed(FramingError.OTHER_FIX_VERSION);
    }

    /**
     * The bytes so far end before where BodyLength says the message ends: {@link #INCOMPLETE}, unless they already
     * show that it ended earlier ({@link #endsBeforeBodyLength}). Then no byte still to come can make it whole, and
     * a client that sent it and waits for the answer to its next message would otherwise wait for ever.
     */
    private int incomplete(final DirectBuffer buffer, final int bodyOffset, final int checkSumOffset, final int end)
    {
        return endsBeforeBodyLength(buffer, bodyOffset, checkSumOffset, end) ?
            malformed(FramingError.BODY_LENGTH_TOO_LONG) : INCOMPLETE;
    }

    /**
     * No CheckSum field where BodyLength says the body ends: BodyLength is too short, or too long when the message
     * visibly ended before (told apart so the log says which, however the bytes were split into reads).
     */
    private int checkSumMissing(final DirectBuffer buffer, final int bodyOffset, final int checkSumOffset, final int end)
    {
        return malformed(endsBeforeBodyLength(buffer, bodyOffset, checkSumOffset, end) ?
            FramingError.BODY_LENGTH_TOO_LONG : FramingError.CHECKSUM_MISSING);
    }

    /**
     * Whether the message whose body starts at {@code bodyOffset} shows, before {@code checkSumOffset} where its
     * BodyLength puts the CheckSum, a field that only its end or the next message can hold: a CheckSum field
     * ({@code 10=}, three digits, SOH) or a BeginString ({@code 8=FIX}). Either makes the message garbled in FIX's
     * own terms (CheckSum not its last field, BodyLength not its byte count, BeginString not first), whatever
     * follows, so this decides nothing that more bytes could undo. Only a message that is not yet whole is looked
     * at this way (a whole one is framed by its BodyLength as before), so the usual path reads no byte twice.
     * <p>
     * The fields are read as {@link FixMessage#wrap} reads them, data fields included: the gateway accepts the
     * FIX 4.4 Length/data pairs (RawData(96) after RawDataLength(95), EncodedText, XmlData, ...) on any message,
     * and their value, read by its length, may hold any bytes, {@code <SOH>10=123<SOH>} or a whole FIX message
     * included; so those bytes are never taken for a CheckSum or a BeginString. Fields that stop making sense
     * (a tag that is no number, a data length that does not end on SOH) end the look with {@code false}: only the
     * bytes at the declared end can tell then, as before.
     *
     * @return true when the message ended before its BodyLength says; false when the bytes up to
     *     {@code checkSumOffset} (or up to {@code end}, if fewer have arrived) do not show it.
     */
    private static boolean endsBeforeBodyLength(final DirectBuffer buffer, final int bodyOffset,
        final int checkSumOffset, final int end)
    {
        final int limit = Math.min(checkSumOffset, end);
        int position = bodyOffset;
        int previousTag = 0;
        int previousValueOffset = 0;
        int previousValueLength = 0;
        while (position < limit)
        {
            final int fieldOffset = position;
            int tag = 0;
            int digits = 0;
            while (true)
            {
                if (position == end)
                {
                    return false;
                }
                final byte b = buffer.getByte(position++);
                if (b == '=')
                {
                    break;
                }
                if (b < '0' || b > '9' || digits == MAX_TAG_DIGITS || (digits == 0 && b == '0'))
                {
                    return false;
                }
                tag = tag * 10 + (b - '0');
                digits++;
            }
            if (digits == 0)
            {
                return false;
            }
            if (tag == Tags.CHECK_SUM)
            {
                return isCheckSumValue(buffer, position, end);
            }
            if (tag == Tags.BEGIN_STRING)
            {
                if (fieldOffset + ANY_BEGIN_STRING_START.length > end)
                {
                    return false;
                }
                if (startsBeginString(buffer, fieldOffset, end))
                {
                    return true;
                }
            }
            final int valueEnd;
            final int lengthTag = FixMessage.lengthTagOf(tag);
            if (lengthTag != 0 && lengthTag == previousTag)
            {
                final int dataLength = digitsValue(buffer, previousValueOffset, previousValueLength);
                if (dataLength < 0 || dataLength >= end - position)
                {
                    return false;
                }
                valueEnd = position + dataLength;
                if (buffer.getByte(valueEnd) != SOH)
                {
                    return false;
                }
            }
            else
            {
                valueEnd = ByteScan.indexOf(buffer, position, end, SOH);
                if (valueEnd == end)
                {
                    return false;
                }
            }
            previousTag = tag;
            previousValueOffset = position;
            previousValueLength = valueEnd - position;
            position = valueEnd + 1;
        }
        return false;
    }

    /** Three digits and SOH from {@code position}, all before {@code end}. */
    private static boolean isCheckSumValue(final DirectBuffer buffer, final int position, final int end)
    {
        if (end - position < FixChecksum.DIGITS + 1)
        {
            return false;
        }
        for (int i = 0; i < FixChecksum.DIGITS; i++)
        {
            final byte b = buffer.getByte(position + i);
            if (b < '0' || b > '9')
            {
                return false;
            }
        }
        return buffer.getByte(position + FixChecksum.DIGITS) == SOH;
    }

    /** A Length field's value: 1 to 9 digits; -1 for anything else. */
    private static int digitsValue(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length == 0 || length > MAX_BODY_LENGTH_DIGITS)
        {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if (b < '0' || b > '9')
            {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    /**
     * After {@link FramingError#MESSAGE_TOO_LONG}: the whole length (BeginString to CheckSum field) that the BodyLength
     * of the message at {@code offset} announces, so that a caller can skip exactly that message without holding it.
     * {@link #frame} tells "too long" as soon as the digits pass the maximum; this reads them all (at most nine).
     *
     * @return the length, {@link #INCOMPLETE} while BodyLength's SOH has not arrived, or {@link #MALFORMED} when
     *     BodyLength is no number (then the message's end, and so the stream's next message, is unknown).
     */
    public static long announcedLength(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        final int beginStringEnd = ByteScan.indexOf(buffer, offset, end, SOH);
        int position = beginStringEnd + 1 + BODY_LENGTH_TAG.length; // frame() checked that 9= follows
        long bodyLength = 0;
        int digits = 0;
        while (true)
        {
            if (position >= end)
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
                return MALFORMED;
            }
            bodyLength = bodyLength * 10 + (b - '0');
            digits++;
        }
        return digits == 0 ? MALFORMED : position - offset + bodyLength + CHECK_SUM_FIELD_LENGTH;
    }

    /**
     * Where the value of the first {@code tag} field starts among the whole fields from {@code from} to {@code end}
     * (a message's first bytes: a header field of one too long to be framed), or -1 when none is there or a field
     * before it is not {@code tag=value<SOH>}. Data fields are not told apart: for the standard header, read before
     * any body field, that is enough.
     */
    public static int fieldValueOffset(final DirectBuffer buffer, final int from, final int end, final int tag)
    {
        int position = from;
        while (position < end)
        {
            int fieldTag = 0;
            int digits = 0;
            byte b;
            while (position < end && (b = buffer.getByte(position)) != '=')
            {
                if (b < '0' || b > '9' || digits == MAX_TAG_DIGITS)
                {
                    return -1;
                }
                fieldTag = fieldTag * 10 + (b - '0');
                digits++;
                position++;
            }
            if (position == end || digits == 0)
            {
                return -1;
            }
            final int valueOffset = position + 1;
            final int valueEnd = ByteScan.indexOf(buffer, valueOffset, end, SOH);
            if (valueEnd == end)
            {
                return -1;
            }
            if (fieldTag == tag)
            {
                return valueOffset;
            }
            position = valueEnd + 1;
        }
        return -1;
    }

    /**
     * The value of the first {@code tag} field ({@link #fieldValueOffset}) as a number of 1 to 9 digits, or -1 when
     * there is no such field or its value is no such number.
     */
    public static int fieldIntValue(final DirectBuffer buffer, final int from, final int end, final int tag)
    {
        final int valueOffset = fieldValueOffset(buffer, from, end, tag);
        return valueOffset < 0 ? -1 :
            digitsValue(buffer, valueOffset, fieldValueLength(buffer, valueOffset, end));
    }

    /** The length of the value at {@code valueOffset} (one {@link #fieldValueOffset} found): up to its SOH. */
    public static int fieldValueLength(final DirectBuffer buffer, final int valueOffset, final int end)
    {
        return ByteScan.indexOf(buffer, valueOffset, end, SOH) - valueOffset;
    }

    /**
     * The BeginString value of the message at {@code offset}, for telling the counterparty what was wrong after
     * {@link FramingError#OTHER_FIX_VERSION} (allocates: an error path, once per connection).
     */
    public static String beginStringOf(final DirectBuffer buffer, final int offset)
    {
        final int valueOffset = offset + BEGIN_STRING_VALUE_OFFSET;
        int valueEnd = valueOffset;
        while (buffer.getByte(valueEnd) != SOH)
        {
            valueEnd++;
        }
        return PeerText.of(buffer, valueOffset, valueEnd - valueOffset);
    }

    /**
     * Where a BeginString other than {@code FIX.4.4} ends: {@code 8=FIX}, at most {@link #MAX_BEGIN_STRING_LENGTH}
     * characters of value, SOH.
     *
     * @return the position after its SOH (more than {@code offset}, so never one of the codes), or
     *     {@link #INCOMPLETE}, or {@link #MALFORMED} with {@link FramingError#INVALID_BEGIN_STRING}.
     */
    private int otherBeginStringEnd(final DirectBuffer buffer, final int offset, final int end)
    {
        int position = offset;
        for (final byte expected : ANY_BEGIN_STRING_START)
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
        final int valueOffset = offset + BEGIN_STRING_VALUE_OFFSET;
        while (true)
        {
            if (position == end)
            {
                return INCOMPLETE;
            }
            if (buffer.getByte(position) == SOH)
            {
                return position + 1;
            }
            if (position - valueOffset == MAX_BEGIN_STRING_LENGTH)
            {
                return malformed(FramingError.INVALID_BEGIN_STRING);
            }
            position++;
        }
    }

    /**
     * How many bytes to drop to resynchronise after {@link #MALFORMED}: up to the next place after
     * {@code offset} where {@code 8=FIX} starts (a message of any version: one of another version must be
     * seen to be answered), or where the bytes end in a beginning of it that more bytes may complete. The
     * byte at {@code offset} is always dropped, so a caller that drops this many bytes and frames again makes
     * progress.
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
        for (int i = 0, position = start; i < ANY_BEGIN_STRING_START.length && position < end; i++, position++)
        {
            if (buffer.getByte(position) != ANY_BEGIN_STRING_START[i])
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

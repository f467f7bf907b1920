package dev.tessera.fix;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * An encoder flyweight that writes one FIX 4.4 message into a {@link MutableDirectBuffer}, without
 * allocation:
 * <pre>
 * final int length = encoder.wrap(buffer, offset)
 *     .begin(MsgTypes.NEW_ORDER_SINGLE, "CLIENT", "TESSERA", msgSeqNum, nowNanos)
 *     .putString(Tags.CL_ORD_ID, clOrdId)
 *     .putDecimal(Tags.PRICE, price, priceScale)
 *     ...
 *     .finish();   // the message is the length bytes at offset
 * </pre>
 * <p>
 * <b>BodyLength.</b> It is written with its real value and no padding (zero-padded BodyLength is
 * accepted by some engines but not promised by the standard). As it is only known at the end, the
 * body is written first, after room for the longest header prefix ({@code 8=FIX.4.4<SOH>9=} and
 * {@link #MAX_BODY_LENGTH_DIGITS} digits); {@link #finish()} moves the body left by the digits not
 * needed (0 to 5 bytes, one short copy) and writes the header in front, so the message starts exactly
 * at the wrapped offset and consecutive messages are contiguous, ready for one socket write.
 * <p>
 * After {@link #begin} (and {@link #beginPossDup}) come the body fields in the order given; the
 * header fields it writes are 35, 49, 56, 34, 52 (and 43, 122). Timestamps are written with
 * millisecond precision, the FIX 4.4 UTCTimestamp. Decimals are written as {@link FixDecimal#put}
 * does: shortest exact form, trailing zeros trimmed. Values must not contain SOH; characters beyond
 * ASCII are written as {@code '?'}.
 * <p>
 * The buffer must have room for the whole message (the header room never reaches further than the
 * finished message does): a buffer too small is a bug, and its bounds check throws (an expandable
 * buffer grows instead).
 */
public final class FixEncoder
{
    /** BodyLength has at most this many digits: bodies up to 999,999 bytes. */
    public static final int MAX_BODY_LENGTH_DIGITS = 6;
    /** The longest body: {@link #finish()} refuses a longer one as a bug. */
    public static final int MAX_BODY_LENGTH = 999_999;

    private static final byte SOH = FixFraming.SOH;
    private static final byte EQUALS = '=';
    private static final int BEGIN_STRING_AND_BODY_LENGTH_TAG =
        FixFraming.BEGIN_STRING_FIELD.length + FixFraming.BODY_LENGTH_TAG.length;
    /** Room before the body for {@code 8=FIX.4.4<SOH>9=NNNNNN<SOH>}. */
    private static final int HEADER_PREFIX_ROOM = BEGIN_STRING_AND_BODY_LENGTH_TAG + MAX_BODY_LENGTH_DIGITS + 1;
    private static final int RADIX = 10;
    /** Tags below this are written from {@link #SHORT_TAG_BYTES}: three digits and '=' fill an int. */
    private static final int SHORT_TAG_LIMIT = 1000;
    private static final int[] SHORT_TAG_BYTES = shortTagBytes();
    private static final byte[] SHORT_TAG_LENGTHS = shortTagLengths();

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** The "yyyyMMdd-HH:mm:ss" text of {@link #cachedEpochSecond}. */
    private final byte[] cachedSecond = new byte[UtcTimestamp.SECONDS_LENGTH];
    private long cachedEpochSecond = Long.MIN_VALUE;
    /** A UTCTimestamp made whole before its date and its time go into two fields ({@link #putUtcDateAndTimeOnly}). */
    private final UnsafeBuffer timestampText = new UnsafeBuffer(new byte[UtcTimestamp.MILLIS_LENGTH]);
    private MutableDirectBuffer buffer;
    private int offset;
    private int bodyOffset;
    private int position;

    /** Points the encoder at where the next message goes; call {@link #begin} next. */
    public FixEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        bodyOffset = offset + HEADER_PREFIX_ROOM;
        position = bodyOffset;
        return this;
    }

    /**
     * Starts a message at the wrapped offset: the standard header after BodyLength, that is
     * MsgType, SenderCompID, TargetCompID, MsgSeqNum and SendingTime.
     *
     * @param msgType a {@link MsgTypes} code
     */
    public FixEncoder begin(final int msgType, final CharSequence senderCompId, final CharSequence targetCompId,
        final int msgSeqNum, final long sendingTimeEpochNanos)
    {
        bodyOffset = offset + HEADER_PREFIX_ROOM;
        position = bodyOffset;
        putTag(Tags.MSG_TYPE);
        position += MsgTypes.put(buffer, position, msgType);
        buffer.putByte(position++, SOH);
        putString(Tags.SENDER_COMP_ID, senderCompId);
        putString(Tags.TARGET_COMP_ID, targetCompId);
        putInt(Tags.MSG_SEQ_NUM, msgSeqNum);
        return putUtcTimestamp(Tags.SENDING_TIME, sendingTimeEpochNanos);
    }

    /**
     * Starts a message sent again in answer to a ResendRequest: as {@link #begin}, with the new
     * SendingTime, then PossDupFlag(43)=Y and OrigSendingTime(122), the SendingTime it first went out with. Never
     * later than the new SendingTime: an original time from before a clock stepped back would be, and standard FIX
     * engines (QuickFIX/J) reject such a message (373=10, SendingTime accuracy problem) rather than read it.
     */
    public FixEncoder beginPossDup(final int msgType, final CharSequence senderCompId,
        final CharSequence targetCompId, final int msgSeqNum, final long sendingTimeEpochNanos,
        final long origSendingTimeEpochNanos)
    {
        begin(msgType, senderCompId, targetCompId, msgSeqNum, sendingTimeEpochNanos);
        putBoolean(Tags.POSS_DUP_FLAG, true);
        return putUtcTimestamp(Tags.ORIG_SENDING_TIME, Math.min(origSendingTimeEpochNanos, sendingTimeEpochNanos));
    }

    /**
     * Fields already encoded (each {@code tag=value<SOH>}), written as they are: a stored message body sent again
     * under a new header.
     */
    public FixEncoder putFields(final DirectBuffer fields, final int fieldsOffset, final int fieldsLength)
    {
        buffer.putBytes(position, fields, fieldsOffset, fieldsLength);
        position += fieldsLength;
        return this;
    }

    /**
     * The buffer wrapped: with {@link #position}, where the fields written since a point are, before {@link #finish}.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /** Where the next field goes in {@link #buffer}; after {@link #begin}, the start of the body's fields. */
    public int position()
    {
        return position;
    }

    public FixEncoder putInt(final int tag, final int value)
    {
        putTag(tag);
        position += buffer.putIntAscii(position, value);
        buffer.putByte(position++, SOH);
        return this;
    }

    public FixEncoder putLong(final int tag, final long value)
    {
        putTag(tag);
        position += buffer.putLongAscii(position, value);
        buffer.putByte(position++, SOH);
        return this;
    }

    /**
     * A letter and a number as one value, e.g. an ExecID {@code 17=S42}: the digits go straight into the
     * message, with no text made first.
     */
    public FixEncoder putPrefixedLong(final int tag, final char prefix, final long value)
    {
        putTag(tag);
        buffer.putByte(position++, (byte)prefix);
        position += buffer.putLongAscii(position, value);
        buffer.putByte(position++, SOH);
        return this;
    }

    /**
     * Two numbers and a separator as one value, e.g. an ExecID {@code 17=2-4097} (journal generation 2, number 4097),
     * written straight into the message as {@link #putPrefixedLong} does.
     */
    public FixEncoder putLongPair(final int tag, final long first, final char separator, final long second)
    {
        putTag(tag);
        position += buffer.putLongAscii(position, first);
        buffer.putByte(position++, (byte)separator);
        position += buffer.putLongAscii(position, second);
        buffer.putByte(position++, SOH);
        return this;
    }

    public FixEncoder putChar(final int tag, final char value)
    {
        putTag(tag);
        buffer.putByte(position++, (byte)value);
        buffer.putByte(position++, SOH);
        return this;
    }

    /** A FIX Boolean: {@code Y} or {@code N}. */
    public FixEncoder putBoolean(final int tag, final boolean value)
    {
        return putChar(tag, value ? 'Y' : 'N');
    }

    public FixEncoder putString(final int tag, final CharSequence value)
    {
        putTag(tag);
        position += buffer.putStringWithoutLengthAscii(position, value);
        buffer.putByte(position++, SOH);
        return this;
    }

    /** A value copied from bytes, e.g. a ClOrdID echoed from the order it answers. */
    public FixEncoder putString(final int tag, final DirectBuffer value, final int valueOffset, final int valueLength)
    {
        putTag(tag);
        buffer.putBytes(position, value, valueOffset, valueLength);
        position += valueLength;
        buffer.putByte(position++, SOH);
        return this;
    }

    /** A data field preceded by its Length field (RawDataLength 95 then RawData 96, ...); it may contain SOH. */
    public FixEncoder putData(final int lengthTag, final int dataTag, final DirectBuffer value, final int valueOffset,
        final int valueLength)
    {
        putInt(lengthTag, valueLength);
        return putString(dataTag, value, valueOffset, valueLength);
    }

    /**
     * A decimal from a fixed-point long: {@code putDecimal(Tags.PRICE, 1902500, 4)} writes {@code 44=190.25}.
     *
     * @param scale the number of decimals in {@code value}, 0 to {@link FixDecimal#MAX_SCALE}
     */
    public FixEncoder putDecimal(final int tag, final long value, final int scale)
    {
        putTag(tag);
        position += FixDecimal.put(buffer, position, value, scale);
        buffer.putByte(position++, SOH);
        return this;
    }

    /** A UTCTimestamp with milliseconds, the FIX 4.4 precision. */
    public FixEncoder putUtcTimestamp(final int tag, final long epochNanos)
    {
        return putUtcTimestamp(tag, epochNanos, UtcTimestamp.MILLIS);
    }

    /**
     * A UTCTimestamp with 0, 3, 6 or 9 fraction digits (beyond 3 is not FIX 4.4; agree it with the
     * counterparty). A busy session stamps many messages within one second, so the date-and-time part
     * is kept and copied while the second lasts; only the fraction is written each time.
     */
    public FixEncoder putUtcTimestamp(final int tag, final long epochNanos, final int fractionDigits)
    {
        putTag(tag);
        final long epochSecond = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        final int length = UtcTimestamp.put(buffer, position, epochNanos, fractionDigits, epochSecond == cachedEpochSecond ?
            cachedSecond : null);
        if (epochSecond != cachedEpochSecond)
        {
            buffer.getBytes(position, cachedSecond, 0, UtcTimestamp.SECONDS_LENGTH);
            cachedEpochSecond = epochSecond;
        }
        position += length;
        buffer.putByte(position++, SOH);
        return this;
    }

    /**
     * An instant as a UTCDateOnly ({@code YYYYMMDD}) and a UTCTimeOnly with milliseconds ({@code HH:MM:SS.sss}) in
     * two fields, e.g. MDEntryDate(272) and MDEntryTime(273), which FIX 4.4 has where it splits a time.
     */
    public FixEncoder putUtcDateAndTimeOnly(final int dateTag, final int timeTag, final long epochNanos)
    {
        UtcTimestamp.put(timestampText, 0, epochNanos, UtcTimestamp.MILLIS);
        putTag(dateTag);
        buffer.putBytes(position, timestampText, 0, UtcTimestamp.DATE_LENGTH);
        position += UtcTimestamp.DATE_LENGTH;
        buffer.putByte(position++, SOH);
        putTag(timeTag);
        final int timeLength = UtcTimestamp.MILLIS_LENGTH - UtcTimestamp.TIME_OFFSET;
        buffer.putBytes(position, timestampText, UtcTimestamp.TIME_OFFSET, timeLength);
        position += timeLength;
        buffer.putByte(position++, SOH);
        return this;
    }

    /**
     * Completes the message: BeginString and BodyLength in front of the body, CheckSum after it.
     *
     * @return the length of the message, which starts at the offset given to {@link #wrap}.
     */
    public int finish()
    {
        final int bodyLength = position - bodyOffset;
        if (bodyLength > MAX_BODY_LENGTH)
        {
            throw new IllegalStateException("body of " + bodyLength + " bytes is longer than " + MAX_BODY_LENGTH);
        }
        final int headerLength = BEGIN_STRING_AND_BODY_LENGTH_TAG + digits(bodyLength) + 1;
        moveLeft(bodyOffset, offset + headerLength, bodyLength);
        bodyOffset = offset + headerLength;
        position = bodyOffset + bodyLength;

        buffer.putBytes(offset, FixFraming.BEGIN_STRING_FIELD);
        int headerPosition = offset + FixFraming.BEGIN_STRING_FIELD.length;
        buffer.putBytes(headerPosition, FixFraming.BODY_LENGTH_TAG);
        headerPosition += FixFraming.BODY_LENGTH_TAG.length;
        headerPosition += buffer.putNaturalIntAscii(headerPosition, bodyLength);
        buffer.putByte(headerPosition, SOH);

        final int checkSum = FixChecksum.compute(buffer, offset, position - offset);
        buffer.putBytes(position, FixFraming.CHECK_SUM_TAG);
        FixChecksum.put(buffer, position + FixFraming.CHECK_SUM_TAG.length, checkSum);
        buffer.putByte(position + FixFraming.CHECK_SUM_FIELD_LENGTH - 1, SOH);
        return position + FixFraming.CHECK_SUM_FIELD_LENGTH - offset;
    }

    /** The bytes of body written so far (from MsgType on): lets a caller check room before a long field. */
    public int bodyLength()
    {
        return position - bodyOffset;
    }

    /**
     * Copies {@code length} bytes to a lower offset in the same buffer. Front to back, eight bytes at
     * a time, is safe for overlapping ranges moving left: each read happens before any write reaches
     * it. (Buffer-to-buffer copies promise nothing about overlap.)
     */
    private void moveLeft(final int from, final int to, final int length)
    {
        if (from == to)
        {
            return;
        }
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            buffer.putLong(to + i, buffer.getLong(from + i));
        }
        for (; i < length; i++)
        {
            buffer.putByte(to + i, buffer.getByte(from + i));
        }
    }

    /**
     * Writes {@code tag=}. A tag below 1000 is at most four bytes with its '=', so it goes out as one
     * precomputed int; its unused fourth byte (two- and one-digit tags) is overwritten by the value that
     * always follows.
     */
    private void putTag(final int tag)
    {
        if (tag < SHORT_TAG_LIMIT)
        {
            buffer.putInt(position, SHORT_TAG_BYTES[tag], ByteOrder.LITTLE_ENDIAN);
            position += SHORT_TAG_LENGTHS[tag];
            return;
        }
        position += buffer.putNaturalIntAscii(position, tag);
        buffer.putByte(position++, EQUALS);
    }

    private static int[] shortTagBytes()
    {
        final int[] bytes = new int[SHORT_TAG_LIMIT];
        for (int tag = 0; tag < SHORT_TAG_LIMIT; tag++)
        {
            final String text = tag + "=";
            int packed = 0;
            for (int i = text.length() - 1; i >= 0; i--)
            {
                packed = (packed << Byte.SIZE) | text.charAt(i);
            }
            bytes[tag] = packed;
        }
        return bytes;
    }

    private static byte[] shortTagLengths()
    {
        final byte[] lengths = new byte[SHORT_TAG_LIMIT];
        for (int tag = 0; tag < SHORT_TAG_LIMIT; tag++)
        {
            lengths[tag] = (byte)(digits(tag) + 1);
        }
        return lengths;
    }

    private static int digits(final int value)
    {
        int digits = 1;
        for (int rest = value / RADIX; rest != 0; rest /= RADIX)
        {
            digits++;
        }
        return digits;
    }
}

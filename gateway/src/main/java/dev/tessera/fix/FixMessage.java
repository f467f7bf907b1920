package dev.tessera.fix;

import org.agrona.AsciiSequenceView;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;

/**
 * A decoder flyweight over one framed FIX message (see {@link FixFraming}): {@link #wrap} indexes its
 * fields once, in order, into preallocated arrays, and every accessor then reads the bytes in place,
 * without allocation.
 * <p>
 * Fields are kept in message order with every occurrence, so a repeating group is read by walking
 * from its NumInGroup field ({@link #indexOf(int, int)}, then the {@code ...At(index)} accessors).
 * The accessors by tag read the first occurrence. Values that are absent or malformed come back as
 * sentinels: {@link #NULL_INT}, {@link #NULL_LONG}, {@link #NULL_CHAR}, {@link FixDecimal#MALFORMED} or
 * {@link FixDecimal#NOT_EXACT}, {@link UtcTimestamp#INVALID}.
 * <p>
 * Problems a session must answer with a Reject are values too: {@code wrap} and the {@code check...}
 * methods answer {@code false} and leave the FIX SessionRejectReason in {@link #rejectReason()} and
 * the tag in {@link #refTagId()}. {@code wrap} finds those of the field syntax (invalid tag number,
 * tag without value, a field beyond {@link #maxFields()}) and of the standard header order (8, 9, 35
 * first, 10 last, a MsgType of one or two characters); a message it refuses keeps the fields before
 * the problem indexed, so MsgSeqNum and MsgType can still be read for the Reject. Framing (BodyLength,
 * CheckSum) is {@link FixFraming}'s job and is not checked again.
 * <p>
 * Data fields whose length field immediately precedes them (RawDataLength 95 then RawData 96, and the
 * other FIX 4.4 Length/data pairs) are read by that length, so they may contain SOH.
 */
public final class FixMessage
{
    public static final int DEFAULT_MAX_FIELDS = 256;
    /** An int field absent or not a 32-bit integer (so {@code Integer.MIN_VALUE} cannot be told apart). */
    public static final int NULL_INT = Integer.MIN_VALUE;
    /** A long field absent or not a 64-bit integer (so {@code Long.MIN_VALUE} cannot be told apart). */
    public static final long NULL_LONG = Long.MIN_VALUE;
    /** A char field absent or not exactly one character. */
    public static final char NULL_CHAR = 0;

    /** Tags below this are found through a direct-mapped table; FIX 4.4 defines none above 956. */
    private static final int INDEXED_TAGS = 1024;
    private static final int MAX_TAG_DIGITS = 9;
    private static final int MAX_MSG_TYPE_LENGTH = 2;
    private static final int RADIX = 10;
    private static final int HEADER_BEGIN_STRING_INDEX = 0;
    private static final int HEADER_BODY_LENGTH_INDEX = 1;
    private static final int HEADER_MSG_TYPE_INDEX = 2;
    /** The FIX 4.4 data fields, each with the Length field that must precede it: {data tag, length tag}. */
    private static final int[][] DATA_FIELDS = {
        {Tags.SIGNATURE, Tags.SIGNATURE_LENGTH},
        {Tags.SECURE_DATA, Tags.SECURE_DATA_LEN},
        {Tags.RAW_DATA, Tags.RAW_DATA_LENGTH},
        {Tags.XML_DATA, Tags.XML_DATA_LEN},
        {Tags.ENCODED_TEXT, Tags.ENCODED_TEXT_LEN},
        {349, 348}, // EncodedIssuer
        {351, 350}, // EncodedSecurityDesc
        {353, 352}, // EncodedListExecInst
        {357, 356}, // EncodedSubject
        {359, 358}, // EncodedHeadline
        {361, 360}, // EncodedAllocText
        {363, 362}, // EncodedUnderlyingIssuer
        {365, 364}, // EncodedUnderlyingSecurityDesc
        {446, 445}, // EncodedListStatusText
        {619, 618}, // EncodedLegIssuer
        {622, 621}, // EncodedLegSecurityDesc
    };
    private static final int[] LENGTH_TAG_BY_DATA_TAG = new int[INDEXED_TAGS];

    static
    {
        for (final int[] pair : DATA_FIELDS)
        {
            LENGTH_TAG_BY_DATA_TAG[pair[0]] = pair[1];
        }
    }

    private final int[] tags;
    private final int[] valueOffsets;
    private final int[] valueLengths;
    // firstIndexByTag[tag] is valid only where generationByTag[tag] == generation: no clearing per message.
    private final int[] firstIndexByTag = new int[INDEXED_TAGS];
    private final int[] generationByTag = new int[INDEXED_TAGS];
    private int generation;
    /** Whether some tag below {@link #INDEXED_TAGS} appears more than once: most messages repeat none. */
    private boolean indexedTagRepeated;

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private int fieldCount;
    private int msgType = MsgTypes.UNKNOWN;
    private SessionRejectReason rejectReason = SessionRejectReason.NONE;
    private int refTagId;

    public FixMessage()
    {
        this(DEFAULT_MAX_FIELDS);
    }

    /** @param maxFields the most fields a message may have, every group occurrence counted. */
    public FixMessage(final int maxFields)
    {
        tags = new int[maxFields];
        valueOffsets = new int[maxFields];
        valueLengths = new int[maxFields];
    }

    /**
     * Indexes the fields of one message, typically just framed by {@link FixFraming#frame}.
     *
     * @return true if the fields are well formed and the standard header and trailer are in place;
     * false with {@link #rejectReason()} and {@link #refTagId()} set otherwise.
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        fieldCount = 0;
        indexedTagRepeated = false;
        msgType = MsgTypes.UNKNOWN;
        rejectReason = SessionRejectReason.NONE;
        refTagId = 0;
        if (++generation == 0)
        {
            Arrays.fill(generationByTag, 0);
            generation = 1;
        }

        final int end = offset + length;
        int position = offset;
        while (position < end)
        {
            int tag = 0;
            int tagDigits = 0;
            while (true)
            {
                if (position == end)
                {
                    return reject(SessionRejectReason.INVALID_TAG_NUMBER, 0);
                }
                final byte b = buffer.getByte(position++);
                if (b == '=')
                {
                    break;
                }
                if (b < '0' || b > '9' || tagDigits == MAX_TAG_DIGITS || (tagDigits == 0 && b == '0'))
                {
                    return reject(SessionRejectReason.INVALID_TAG_NUMBER, 0);
                }
                tag = tag * RADIX + (b - '0');
                tagDigits++;
            }
            if (tagDigits == 0)
            {
                return reject(SessionRejectReason.INVALID_TAG_NUMBER, 0);
            }

            final int valueOffset = position;
            final int valueLength;
            final int lengthTag = tag < INDEXED_TAGS ? LENGTH_TAG_BY_DATA_TAG[tag] : 0;
            if (lengthTag != 0 && fieldCount > 0 && tags[fieldCount - 1] == lengthTag)
            {
                valueLength = intValueAt(fieldCount - 1);
                if (valueLength < 0)
                {
                    return reject(SessionRejectReason.INCORRECT_DATA_FORMAT, lengthTag);
                }
                if (valueLength >= end - valueOffset || buffer.getByte(valueOffset + valueLength) != FixFraming.SOH)
                {
                    return reject(SessionRejectReason.INCORRECT_DATA_FORMAT, tag);
                }
            }
            else
            {
                final int soh = ByteScan.indexOf(buffer, valueOffset, end, FixFraming.SOH);
                if (soh == end)
                {
                    return reject(SessionRejectReason.INCORRECT_DATA_FORMAT, tag);
                }
                valueLength = soh - valueOffset;
            }
            if (valueLength == 0)
            {
                return reject(SessionRejectReason.TAG_SPECIFIED_WITHOUT_A_VALUE, tag);
            }
            if (fieldCount == tags.length)
            {
                return reject(SessionRejectReason.OTHER, tag);
            }

            tags[fieldCount] = tag;
            valueOffsets[fieldCount] = valueOffset;
            valueLengths[fieldCount] = valueLength;
            if (tag < INDEXED_TAGS)
            {
                if (generationByTag[tag] != generation)
                {
                    generationByTag[tag] = generation;
                    firstIndexByTag[tag] = fieldCount;
                }
                else
                {
                    indexedTagRepeated = true;
                }
            }
            fieldCount++;
            position = valueOffset + valueLength + 1;
        }

        return checkStandardHeaderAndTrailer();
    }

    private boolean checkStandardHeaderAndTrailer()
    {
        if (!checkAt(Tags.BEGIN_STRING, HEADER_BEGIN_STRING_INDEX) ||
            !checkAt(Tags.BODY_LENGTH, HEADER_BODY_LENGTH_INDEX) ||
            !checkAt(Tags.MSG_TYPE, HEADER_MSG_TYPE_INDEX))
        {
            return false;
        }
        final int msgTypeLength = valueLengths[HEADER_MSG_TYPE_INDEX];
        if (msgTypeLength > MAX_MSG_TYPE_LENGTH)
        {
            return reject(SessionRejectReason.INVALID_MSG_TYPE, Tags.MSG_TYPE);
        }
        msgType = MsgTypes.code(buffer, valueOffsets[HEADER_MSG_TYPE_INDEX], msgTypeLength);
        return checkAt(Tags.CHECK_SUM, fieldCount - 1);
    }

    private boolean checkAt(final int tag, final int index)
    {
        if (index >= 0 && index < fieldCount && tags[index] == tag)
        {
            return true;
        }
        return reject(hasField(tag) ?
            SessionRejectReason.TAG_SPECIFIED_OUT_OF_REQUIRED_ORDER : SessionRejectReason.REQUIRED_TAG_MISSING, tag);
    }

    // ------------------------------------------------------------------ the message

    public DirectBuffer buffer()
    {
        return buffer;
    }

    public int offset()
    {
        return offset;
    }

    public int length()
    {
        return length;
    }

    public int maxFields()
    {
        return tags.length;
    }

    /**
     * The index of the header's MsgType(35) field when the last {@link #wrap} read one, also a wrap that failed on a
     * field after it (a Reject names the type it refers to in RefMsgType(372)); -1 otherwise.
     */
    public int headerMsgTypeIndex()
    {
        return fieldCount > HEADER_MSG_TYPE_INDEX && tags[HEADER_MSG_TYPE_INDEX] == Tags.MSG_TYPE &&
            valueLengths[HEADER_MSG_TYPE_INDEX] <= MAX_MSG_TYPE_LENGTH ? HEADER_MSG_TYPE_INDEX : -1;
    }

    /** The MsgType as a {@link MsgTypes} code; {@link MsgTypes#UNKNOWN} until a {@link #wrap} has read it. */
    public int msgType()
    {
        return msgType;
    }

    /** Number of fields indexed, every group occurrence counted, 8, 9 and 10 included. */
    public int fieldCount()
    {
        return fieldCount;
    }

    public int tagAt(final int index)
    {
        return tags[index];
    }

    /** Offset in {@link #buffer()} of the value of the field at {@code index}. */
    public int valueOffsetAt(final int index)
    {
        return valueOffsets[index];
    }

    public int valueLengthAt(final int index)
    {
        return valueLengths[index];
    }

    /** Index of the first field with this tag, or -1. */
    public int indexOf(final int tag)
    {
        if (tag > 0 && tag < INDEXED_TAGS)
        {
            return generationByTag[tag] == generation ? firstIndexByTag[tag] : -1;
        }
        return indexOf(tag, 0);
    }

    /** Index of the first field with this tag at or after {@code fromIndex}, or -1: walks a repeating group. */
    public int indexOf(final int tag, final int fromIndex)
    {
        for (int i = Math.max(fromIndex, 0); i < fieldCount; i++)
        {
            if (tags[i] == tag)
            {
                return i;
            }
        }
        return -1;
    }

    public boolean hasField(final int tag)
    {
        return indexOf(tag) >= 0;
    }

    // ------------------------------------------------------------------ values by tag (first occurrence)

    /** @return the value, or {@link #NULL_INT} when absent or not a 32-bit integer. */
    public int intValue(final int tag)
    {
        final int index = indexOf(tag);
        return index < 0 ? NULL_INT : intValueAt(index);
    }

    /** @return the value, or {@link #NULL_LONG} when absent or not a 64-bit integer. */
    public long longValue(final int tag)
    {
        final int index = indexOf(tag);
        return index < 0 ? NULL_LONG : longValueAt(index);
    }

    /** @return the value, or {@link #NULL_CHAR} when absent or not one character. */
    public char charValue(final int tag)
    {
        final int index = indexOf(tag);
        return index < 0 ? NULL_CHAR : charValueAt(index);
    }

    /** @return true only for a present {@code Y}; {@link #checkFormat} tells {@code N} from garbage. */
    public boolean booleanValue(final int tag)
    {
        final int index = indexOf(tag);
        return index >= 0 && booleanValueAt(index);
    }

    /**
     * @return the value times 10^scale, exactly; {@link FixDecimal#NOT_EXACT} when the scale cannot hold
     * it; {@link FixDecimal#MALFORMED} when absent or not a decimal.
     */
    public long decimalValue(final int tag, final int scale)
    {
        final int index = indexOf(tag);
        return index < 0 ? FixDecimal.MALFORMED : decimalValueAt(index, scale);
    }

    /** @return epoch nanoseconds, or {@link UtcTimestamp#INVALID} when absent or not a UTCTimestamp. */
    public long utcTimestampValue(final int tag)
    {
        final int index = indexOf(tag);
        return index < 0 ? UtcTimestamp.INVALID : utcTimestampValueAt(index);
    }

    /**
     * Points {@code view} at the value in place (no copy); an absent field leaves it empty.
     *
     * @return {@code view}
     */
    public AsciiSequenceView stringValue(final int tag, final AsciiSequenceView view)
    {
        final int index = indexOf(tag);
        if (index < 0)
        {
            view.reset();
            return view;
        }
        return stringValueAt(index, view);
    }

    /**
     * Copies the value's bytes into {@code destination}.
     *
     * @return the number of bytes copied, or -1 when the field is absent.
     */
    public int copyValue(final int tag, final MutableDirectBuffer destination, final int destinationOffset)
    {
        final int index = indexOf(tag);
        if (index < 0)
        {
            return -1;
        }
        destination.putBytes(destinationOffset, buffer, valueOffsets[index], valueLengths[index]);
        return valueLengths[index];
    }

    /** Whether the field is present with exactly these characters (CompID checks, for one). */
    public boolean valueEquals(final int tag, final CharSequence expected)
    {
        final int index = indexOf(tag);
        if (index < 0 || valueLengths[index] != expected.length())
        {
            return false;
        }
        final int valueOffset = valueOffsets[index];
        for (int i = 0, n = expected.length(); i < n; i++)
        {
            if ((buffer.getByte(valueOffset + i) & 0xFF) != expected.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ values by index (any occurrence)

    public int intValueAt(final int index)
    {
        final long value = parseInteger(valueOffsets[index], valueLengths[index], Integer.MAX_VALUE);
        return value == NULL_LONG ? NULL_INT : (int)value;
    }

    public long longValueAt(final int index)
    {
        return parseInteger(valueOffsets[index], valueLengths[index], Long.MAX_VALUE);
    }

    public char charValueAt(final int index)
    {
        return valueLengths[index] == 1 ? (char)(buffer.getByte(valueOffsets[index]) & 0xFF) : NULL_CHAR;
    }

    public boolean booleanValueAt(final int index)
    {
        return valueLengths[index] == 1 && buffer.getByte(valueOffsets[index]) == 'Y';
    }

    public long decimalValueAt(final int index, final int scale)
    {
        return FixDecimal.parse(buffer, valueOffsets[index], valueLengths[index], scale);
    }

    public long utcTimestampValueAt(final int index)
    {
        return UtcTimestamp.parse(buffer, valueOffsets[index], valueLengths[index]);
    }

    public AsciiSequenceView stringValueAt(final int index, final AsciiSequenceView view)
    {
        return view.wrap(buffer, valueOffsets[index], valueLengths[index]);
    }

    // ------------------------------------------------------------------ validation

    /** Why the last {@link #wrap} or {@code check...} answered false; {@link SessionRejectReason#NONE} after a clean wrap. */
    public SessionRejectReason rejectReason()
    {
        return rejectReason;
    }

    /** The tag the last problem is about (RefTagID, 371); 0 when there is none, as for an unreadable tag. */
    public int refTagId()
    {
        return refTagId;
    }

    /** Every tag in {@code requiredTags} is present; otherwise REQUIRED_TAG_MISSING (1) for the first missing one. */
    public boolean checkRequired(final int[] requiredTags)
    {
        for (final int tag : requiredTags)
        {
            if (!hasField(tag))
            {
                return reject(SessionRejectReason.REQUIRED_TAG_MISSING, tag);
            }
        }
        return true;
    }

    /**
     * No tag appears twice, except those in {@code repeatableTags} (the fields of the message's repeating
     * groups, which repeat once per entry); otherwise TAG_APPEARS_MORE_THAN_ONCE (13) for the first repeat.
     */
    public boolean checkNoDuplicates(final int[] repeatableTags)
    {
        for (int i = 0; i < fieldCount; i++)
        {
            final int tag = tags[i];
            if (tag < INDEXED_TAGS && !indexedTagRepeated)
            {
                continue; // the parse saw no repeat: nothing to look up on the usual path
            }
            final boolean first = tag < INDEXED_TAGS ? firstIndexByTag[tag] == i : indexOf(tag, 0) == i;
            if (!first && !contains(repeatableTags, tag))
            {
                return reject(SessionRejectReason.TAG_APPEARS_MORE_THAN_ONCE, tag);
            }
        }
        return true;
    }

    /**
     * None of {@code singleTags} appears twice; otherwise TAG_APPEARS_MORE_THAN_ONCE (13) for the first that does.
     * The check for a handler that knows which fields it reads but not every repeating group a client may add
     * (Parties, allocations, ...): two OrderQty(38) in one order are ambiguous, two PartyIDs are not.
     */
    public boolean checkSingle(final int[] singleTags)
    {
        for (final int tag : singleTags)
        {
            if (tag < INDEXED_TAGS && !indexedTagRepeated)
            {
                continue; // the parse saw no repeat: no scan needed on the usual path
            }
            final int first = indexOf(tag);
            if (first >= 0 && indexOf(tag, first + 1) >= 0)
            {
                return reject(SessionRejectReason.TAG_APPEARS_MORE_THAN_ONCE, tag);
            }
        }
        return true;
    }

    /**
     * Every occurrence of {@code tag} has the format of {@code type}; otherwise INCORRECT_DATA_FORMAT (6).
     * An absent field passes: {@link #checkRequired} is the check for presence.
     */
    public boolean checkFormat(final int tag, final FieldType type)
    {
        for (int i = indexOf(tag); i >= 0; i = indexOf(tag, i + 1))
        {
            if (!hasFormat(i, type))
            {
                return reject(SessionRejectReason.INCORRECT_DATA_FORMAT, tag);
            }
        }
        return true;
    }

    /**
     * The NumInGroup field {@code numInGroupTag}, if present, counts the entries that follow it, each
     * starting with {@code delimiterTag} (up to the next occurrence of {@code numInGroupTag}); otherwise
     * INCORRECT_NUM_IN_GROUP_COUNT_FOR_REPEATING_GROUP (16).
     */
    public boolean checkGroupCount(final int numInGroupTag, final int delimiterTag)
    {
        final int numInGroupIndex = indexOf(numInGroupTag);
        if (numInGroupIndex < 0)
        {
            return true;
        }
        final int declared = intValueAt(numInGroupIndex);
        int entries = 0;
        for (int i = numInGroupIndex + 1; i < fieldCount && tags[i] != numInGroupTag; i++)
        {
            if (tags[i] == delimiterTag)
            {
                entries++;
            }
        }
        return entries == declared || reject(SessionRejectReason.INCORRECT_NUM_IN_GROUP_COUNT_FOR_REPEATING_GROUP,
            numInGroupTag);
    }

    /**
     * SenderCompID and TargetCompID are the ones this session expects (the counterparty's and ours);
     * otherwise COMP_ID_PROBLEM (9) naming the first that is not.
     */
    public boolean checkCompIds(final CharSequence senderCompId, final CharSequence targetCompId)
    {
        if (!valueEquals(Tags.SENDER_COMP_ID, senderCompId))
        {
            return reject(SessionRejectReason.COMP_ID_PROBLEM, Tags.SENDER_COMP_ID);
        }
        if (!valueEquals(Tags.TARGET_COMP_ID, targetCompId))
        {
            return reject(SessionRejectReason.COMP_ID_PROBLEM, Tags.TARGET_COMP_ID);
        }
        return true;
    }

    /**
     * SendingTime is within {@code toleranceNanos} of {@code nowNanos}, earlier or later; otherwise
     * SENDING_TIME_ACCURACY_PROBLEM (10). Absent it is REQUIRED_TAG_MISSING (1), not a UTCTimestamp
     * INCORRECT_DATA_FORMAT (6).
     */
    public boolean checkSendingTime(final long nowNanos, final long toleranceNanos)
    {
        final int index = indexOf(Tags.SENDING_TIME);
        if (index < 0)
        {
            return reject(SessionRejectReason.REQUIRED_TAG_MISSING, Tags.SENDING_TIME);
        }
        final long sendingTime = utcTimestampValueAt(index);
        if (sendingTime == UtcTimestamp.INVALID)
        {
            return reject(SessionRejectReason.INCORRECT_DATA_FORMAT, Tags.SENDING_TIME);
        }
        final long difference = nowNanos - sendingTime;
        // The subtraction overflowed when the operands have different signs and the result's sign is not
        // the minuend's; the true difference is then beyond any tolerance a long can hold.
        final boolean overflowed = ((nowNanos ^ sendingTime) & (nowNanos ^ difference)) < 0;
        if (overflowed || difference > toleranceNanos || difference < -toleranceNanos)
        {
            return reject(SessionRejectReason.SENDING_TIME_ACCURACY_PROBLEM, Tags.SENDING_TIME);
        }
        return true;
    }

    private boolean hasFormat(final int index, final FieldType type)
    {
        switch (type)
        {
            case INT:
                return intValueAt(index) != NULL_INT;
            case LONG:
                return longValueAt(index) != NULL_LONG;
            case DECIMAL:
                return FixDecimal.isWellFormed(buffer, valueOffsets[index], valueLengths[index]);
            case CHAR:
                return valueLengths[index] == 1;
            case BOOLEAN:
                final byte b = buffer.getByte(valueOffsets[index]);
                return valueLengths[index] == 1 && (b == 'Y' || b == 'N');
            case MULTIPLE_CHAR_VALUE:
                return isMultipleCharValue(valueOffsets[index], valueLengths[index]);
            case UTC_TIMESTAMP:
                return utcTimestampValueAt(index) != UtcTimestamp.INVALID;
            default:
                throw new IllegalArgumentException(type.name());
        }
    }

    /** Values at even positions, a space at each odd one: {@code 6}, {@code 6 G}; not {@code 6G}, {@code 6  G}, {@code  6}. */
    private boolean isMultipleCharValue(final int offset, final int length)
    {
        if ((length & 1) == 0)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if ((buffer.getByte(offset + i) == ' ') != ((i & 1) == 1))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(final int[] values, final int value)
    {
        for (final int v : values)
        {
            if (v == value)
            {
                return true;
            }
        }
        return false;
    }

    private boolean reject(final SessionRejectReason reason, final int tag)
    {
        rejectReason = reason;
        refTagId = tag;
        return false;
    }

    /** Optional '-' then 1 to 19 digits, magnitude at most {@code max}; {@link #NULL_LONG} otherwise. */
    private long parseInteger(final int valueOffset, final int valueLength, final long max)
    {
        final int end = valueOffset + valueLength;
        int position = valueOffset;
        final boolean negative = buffer.getByte(position) == '-';
        if (negative)
        {
            position++;
        }
        if (position == end)
        {
            return NULL_LONG;
        }
        long magnitude = 0;
        for (; position < end; position++)
        {
            final int digit = buffer.getByte(position) - '0';
            if (digit < 0 || digit > 9 || magnitude > (max - digit) / RADIX)
            {
                return NULL_LONG;
            }
            magnitude = magnitude * RADIX + digit;
        }
        return negative ? -magnitude : magnitude;
    }

    /**
     * The Length field that must precede a data field, or 0 when {@code tag} is not a data field (for tests, and
     * for {@link FixFraming}, which reads a message that is not yet whole the same way).
     */
    static int lengthTagOf(final int dataTag)
    {
        return dataTag > 0 && dataTag < INDEXED_TAGS ? LENGTH_TAG_BY_DATA_TAG[dataTag] : 0;
    }
}

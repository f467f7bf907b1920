package dev.tessera.fix;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * FIX 4.4 message types as small int codes, so that a decoder can {@code switch} on them without a
 * String: a one-character MsgType is its character ({@code 'D'}), a two-character one is the first
 * character shifted left by 8 plus the second ({@code "AE"} is {@code ('A' << 8) | 'E'}). FIX 4.4 has
 * no longer MsgType. {@code MsgTypesTest} checks the values against the QuickFIX/J FIX 4.4 messages.
 */
public final class MsgTypes
{
    /** Not a message type: what {@link #code} answers for a value that is empty or longer than two characters. */
    public static final int UNKNOWN = 0;

    // ------------------------------------------------------------------ session
    public static final int HEARTBEAT = '0';
    public static final int TEST_REQUEST = '1';
    public static final int RESEND_REQUEST = '2';
    public static final int REJECT = '3';
    public static final int SEQUENCE_RESET = '4';
    public static final int LOGOUT = '5';
    public static final int LOGON = 'A';

    // ------------------------------------------------------------------ order entry
    public static final int EXECUTION_REPORT = '8';
    public static final int ORDER_CANCEL_REJECT = '9';
    public static final int NEW_ORDER_SINGLE = 'D';
    public static final int ORDER_CANCEL_REQUEST = 'F';
    public static final int ORDER_CANCEL_REPLACE_REQUEST = 'G';
    public static final int ORDER_STATUS_REQUEST = 'H';
    public static final int ORDER_MASS_CANCEL_REQUEST = 'q';
    public static final int ORDER_MASS_CANCEL_REPORT = 'r';
    public static final int BUSINESS_MESSAGE_REJECT = 'j';

    // ------------------------------------------------------------------ market data
    public static final int MARKET_DATA_REQUEST = 'V';
    public static final int MARKET_DATA_SNAPSHOT_FULL_REFRESH = 'W';
    public static final int MARKET_DATA_INCREMENTAL_REFRESH = 'X';
    public static final int MARKET_DATA_REQUEST_REJECT = 'Y';

    /** Every MsgType FIX 4.4 defines: anything else is an invalid MsgType (Reject, 373=11). */
    private static final String FIX44_MSG_TYPES = "0 A 1 2 3 4 5 j BE BF 7 6 B C R AJ AG AH S Z a AI i b V W X Y c d v w " +
        "x y z AA e f g h D 8 Q G F 9 H q r AF s t u AB AC k l E m N L K M J P AS AT AK AU BH T AV AD AQ AE AR o p AL " +
        "AM AN AO AP AW AX AY AZ BA BB BC BD BG";
    private static final int MAX_LENGTH = 2;
    private static final int CHAR_BITS = 8;
    private static final int CHAR_MASK = 0xFF;

    private MsgTypes()
    {
    }

    /**
     * The code of a MsgType value.
     *
     * @return the code, or {@link #UNKNOWN} when the value is empty or longer than two characters.
     */
    public static int code(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length == 1)
        {
            return buffer.getByte(offset) & CHAR_MASK;
        }
        if (length == MAX_LENGTH)
        {
            return ((buffer.getByte(offset) & CHAR_MASK) << CHAR_BITS) | (buffer.getByte(offset + 1) & CHAR_MASK);
        }
        return UNKNOWN;
    }

    /** The code of a MsgType given as text, for constants and tests ({@code code("AE")}). */
    public static int code(final CharSequence msgType)
    {
        if (msgType.length() == 1)
        {
            return msgType.charAt(0) & CHAR_MASK;
        }
        if (msgType.length() == MAX_LENGTH)
        {
            return ((msgType.charAt(0) & CHAR_MASK) << CHAR_BITS) | (msgType.charAt(1) & CHAR_MASK);
        }
        return UNKNOWN;
    }

    /** Whether FIX 4.4 defines this MsgType (whether or not this gateway supports it). */
    public static boolean isDefined(final int code)
    {
        return DEFINED.contains(code);
    }

    private static final org.agrona.collections.IntHashSet DEFINED = defined();

    private static org.agrona.collections.IntHashSet defined()
    {
        final org.agrona.collections.IntHashSet codes = new org.agrona.collections.IntHashSet();
        for (final String msgType : FIX44_MSG_TYPES.split(" "))
        {
            codes.add(code(msgType));
        }
        return codes;
    }

    /** Number of characters of the MsgType a code stands for: 1 or 2. */
    public static int length(final int code)
    {
        return code > CHAR_MASK ? MAX_LENGTH : 1;
    }

    /**
     * Writes the MsgType a code stands for.
     *
     * @return the number of bytes written, 1 or 2.
     */
    public static int put(final MutableDirectBuffer buffer, final int offset, final int code)
    {
        if (code > CHAR_MASK)
        {
            buffer.putByte(offset, (byte)(code >>> CHAR_BITS));
            buffer.putByte(offset + 1, (byte)(code & CHAR_MASK));
            return MAX_LENGTH;
        }
        buffer.putByte(offset, (byte)code);
        return 1;
    }
}

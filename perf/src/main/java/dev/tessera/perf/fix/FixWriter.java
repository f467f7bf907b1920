package dev.tessera.perf.fix;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The load generator's own FIX 4.4 encoder: the few messages a client sends (Logon, Heartbeat,
 * NewOrderSingle, OrderCancelRequest, Logout), written straight into a {@link ByteBuffer} without
 * garbage. It shares no code with the gateway's codec on purpose: a measurement of the gateway
 * must not lean on the code it measures, and a bug in one codec then shows up as a reject from
 * the other instead of cancelling out.
 *
 * <p>A message is built in two halves: the body (from MsgType on) into a scratch array, then
 * {@code 8=FIX.4.4|9=<length>|} and the body into the output, and the CheckSum over both. The
 * body length is known only once the body is written, and copying ~150 bytes is cheaper than
 * reserving a fixed-width length field and moving the message afterwards.
 */
public final class FixWriter
{
    static final byte SOH = 0x01;
    private static final byte[] BEGIN_STRING_AND_BODY_LENGTH_TAG = "8=FIX.4.4\u00019=".getBytes(StandardCharsets.US_ASCII);
    private static final int BEGIN_STRING_SUM = sum(BEGIN_STRING_AND_BODY_LENGTH_TAG, 0, BEGIN_STRING_AND_BODY_LENGTH_TAG.length);
    private static final int MAX_BODY_BYTES = 1024;
    /** {@code 10=NNN|}. */
    private static final int CHECK_SUM_FIELD_BYTES = 7;
    /** {@code 8=FIX.4.4|9=NNNN|}: the longest header before the body. */
    private static final int MAX_HEADER_BYTES = BEGIN_STRING_AND_BODY_LENGTH_TAG.length + 5;

    private final byte[] senderCompId;
    private final byte[] targetCompId;
    private final UtcTimestampFormatter timestamps = new UtcTimestampFormatter();
    private final byte[] body = new byte[MAX_BODY_BYTES];
    private final byte[] digits = new byte[20];
    private int bodyLength;

    public FixWriter(final String senderCompId, final String targetCompId)
    {
        this.senderCompId = senderCompId.getBytes(StandardCharsets.US_ASCII);
        this.targetCompId = targetCompId.getBytes(StandardCharsets.US_ASCII);
    }

    /** The longest message this writer produces: what an output buffer must have room for before each call. */
    public static int maxMessageBytes()
    {
        return MAX_HEADER_BYTES + MAX_BODY_BYTES + CHECK_SUM_FIELD_BYTES;
    }

    /** Logon (A) with ResetSeqNumFlag=Y: both sides start again at MsgSeqNum 1. */
    public void logon(final ByteBuffer out, final int msgSeqNum, final long epochMillis, final int heartBtIntSeconds, final String password)
    {
        header('A', msgSeqNum, epochMillis);
        field(98, 0);
        field(108, heartBtIntSeconds);
        field(141, 'Y');
        if (!password.isEmpty())
        {
            field(554, password);
        }
        finish(out);
    }

    /** Heartbeat (0), answering a TestRequest when {@code testReqId} is not null. */
    public void heartbeat(final ByteBuffer out, final int msgSeqNum, final long epochMillis, final String testReqId)
    {
        header('0', msgSeqNum, epochMillis);
        if (testReqId != null)
        {
            field(112, testReqId);
        }
        finish(out);
    }

    public void logout(final ByteBuffer out, final int msgSeqNum, final long epochMillis)
    {
        header('5', msgSeqNum, epochMillis);
        finish(out);
    }

    /**
     * NewOrderSingle (D), a limit order.
     *
     * @param side       '1' buy, '2' sell
     * @param priceTicks the price in units of {@code 10^-priceDecimals}, e.g. 18995 with 2 decimals is 189.95
     * @param timeInForce '0' day, '1' GTC, '3' IOC, '4' FOK
     */
    public void newOrderSingle(
        final ByteBuffer out, final int msgSeqNum, final long epochMillis, final long clOrdId, final String symbol,
        final char side, final long orderQty, final long priceTicks, final int priceDecimals, final char timeInForce)
    {
        header('D', msgSeqNum, epochMillis);
        field(11, clOrdId);
        field(55, symbol);
        field(54, side);
        field(38, orderQty);
        field(40, '2');
        tag(44);
        decimal(priceTicks, priceDecimals);
        body[bodyLength++] = SOH;
        field(59, timeInForce);
        transactTime(epochMillis);
        finish(out);
    }

    /** OrderCancelRequest (F) for the order the client knows as {@code origClOrdId}. */
    public void orderCancelRequest(
        final ByteBuffer out, final int msgSeqNum, final long epochMillis, final long clOrdId, final long origClOrdId,
        final String symbol, final char side, final long orderQty)
    {
        header('F', msgSeqNum, epochMillis);
        field(41, origClOrdId);
        field(11, clOrdId);
        field(55, symbol);
        field(54, side);
        field(38, orderQty);
        transactTime(epochMillis);
        finish(out);
    }

    private void header(final char msgType, final int msgSeqNum, final long epochMillis)
    {
        bodyLength = 0;
        field(35, msgType);
        field(49, senderCompId);
        field(56, targetCompId);
        field(34, msgSeqNum);
        tag(52);
        bodyLength = timestamps.format(epochMillis, body, bodyLength);
        body[bodyLength++] = SOH;
    }

    private void transactTime(final long epochMillis)
    {
        tag(60);
        bodyLength = timestamps.format(epochMillis, body, bodyLength);
        body[bodyLength++] = SOH;
    }

    /** Header, body and trailer into {@code out} at its position, which moves past the message. */
    private void finish(final ByteBuffer out)
    {
        int sum = BEGIN_STRING_SUM;
        out.put(BEGIN_STRING_AND_BODY_LENGTH_TAG);
        final int lengthDigits = AsciiDigits.write(bodyLength, digits, 0);
        out.put(digits, 0, lengthDigits);
        out.put(SOH);
        sum += sum(digits, 0, lengthDigits) + SOH;
        out.put(body, 0, bodyLength);
        sum += sum(body, 0, bodyLength);
        final int checkSum = sum & 0xFF;
        out.put((byte)'1').put((byte)'0').put((byte)'=')
            .put((byte)('0' + checkSum / 100)).put((byte)('0' + checkSum / 10 % 10)).put((byte)('0' + checkSum % 10))
            .put(SOH);
    }

    private void tag(final int tag)
    {
        bodyLength += AsciiDigits.write(tag, body, bodyLength);
        body[bodyLength++] = '=';
    }

    private void field(final int tag, final long value)
    {
        tag(tag);
        bodyLength += AsciiDigits.write(value, body, bodyLength);
        body[bodyLength++] = SOH;
    }

    private void field(final int tag, final char value)
    {
        tag(tag);
        body[bodyLength++] = (byte)value;
        body[bodyLength++] = SOH;
    }

    private void field(final int tag, final byte[] value)
    {
        tag(tag);
        System.arraycopy(value, 0, body, bodyLength, value.length);
        bodyLength += value.length;
        body[bodyLength++] = SOH;
    }

    private void field(final int tag, final String value)
    {
        tag(tag);
        for (int i = 0; i < value.length(); i++)
        {
            body[bodyLength++] = (byte)value.charAt(i);
        }
        body[bodyLength++] = SOH;
    }

    /** {@code ticks / 10^decimals} as a plain decimal, e.g. 18995, 2 -> "189.95"; 5, 2 -> "0.05". */
    private void decimal(final long ticks, final int decimals)
    {
        if (decimals == 0)
        {
            bodyLength += AsciiDigits.write(ticks, body, bodyLength);
            return;
        }
        long scale = 1;
        for (int i = 0; i < decimals; i++)
        {
            scale *= 10;
        }
        bodyLength += AsciiDigits.write(ticks / scale, body, bodyLength);
        body[bodyLength++] = '.';
        long fraction = ticks % scale;
        for (int i = decimals - 1; i >= 0; i--)
        {
            body[bodyLength + i] = (byte)('0' + fraction % 10);
            fraction /= 10;
        }
        bodyLength += decimals;
    }

    static int sum(final byte[] bytes, final int offset, final int length)
    {
        int sum = 0;
        for (int i = offset; i < offset + length; i++)
        {
            sum += bytes[i];
        }
        return sum;
    }
}

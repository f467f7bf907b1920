package dev.tessera.engine;

import dev.tessera.engine.codec.BooleanType;
import dev.tessera.engine.codec.CancelOrderEncoder;
import dev.tessera.engine.codec.EndOfDayEncoder;
import dev.tessera.engine.codec.MassCancelEncoder;
import dev.tessera.engine.codec.MessageHeaderEncoder;
import dev.tessera.engine.codec.NewOrderEncoder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.ReplaceOrderEncoder;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.agrona.MutableDirectBuffer;

/**
 * Writes engine commands (SBE) into a caller's buffer, e.g. a ring-buffer slot. One instance per
 * producing thread; it reuses its encoders and allocates nothing.
 */
public final class CommandEncoder
{
    /** Pass as price or quantity of {@link #replaceOrder} to keep the order's current value. */
    public static final long UNCHANGED = ReplaceOrderEncoder.priceNullValue();
    /** Upper bound of any encoded command, for sizing slots. */
    public static final int MAX_COMMAND_LENGTH = 128;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final CancelOrderEncoder cancelOrder = new CancelOrderEncoder();
    private final ReplaceOrderEncoder replaceOrder = new ReplaceOrderEncoder();
    private final MassCancelEncoder massCancel = new MassCancelEncoder();
    private final EndOfDayEncoder endOfDay = new EndOfDayEncoder();

    /** @return the encoded length. */
    public int newOrder(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sequence,
        final long timestamp,
        final long owner,
        final int instrumentId,
        final long clientOrderId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final boolean postOnly,
        final long price,
        final long quantity)
    {
        newOrder.wrapAndApplyHeader(buffer, offset, header)
            .sequence(sequence)
            .timestamp(timestamp)
            .owner(owner)
            .clientOrderId(clientOrderId)
            .price(price)
            .quantity(quantity)
            .instrumentId(instrumentId)
            .side(side)
            .orderType(orderType)
            .timeInForce(timeInForce)
            .postOnly(postOnly ? BooleanType.TRUE : BooleanType.FALSE);
        return MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength();
    }

    /**
     * Cancels by {@code orderId}, or when it is 0 by the owner's {@code origClientOrderId}.
     *
     * @return the encoded length.
     */
    public int cancelOrder(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sequence,
        final long timestamp,
        final long owner,
        final long orderId,
        final long origClientOrderId,
        final long clientOrderId)
    {
        cancelOrder.wrapAndApplyHeader(buffer, offset, header)
            .sequence(sequence)
            .timestamp(timestamp)
            .owner(owner)
            .orderId(orderId)
            .origClientOrderId(origClientOrderId)
            .clientOrderId(clientOrderId);
        return MessageHeaderEncoder.ENCODED_LENGTH + cancelOrder.encodedLength();
    }

    /**
     * Replaces price and/or total quantity ({@link #UNCHANGED} keeps one); the target is found as for cancel.
     *
     * @return the encoded length.
     */
    public int replaceOrder(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sequence,
        final long timestamp,
        final long owner,
        final long orderId,
        final long origClientOrderId,
        final long clientOrderId,
        final long price,
        final long quantity)
    {
        replaceOrder.wrapAndApplyHeader(buffer, offset, header)
            .sequence(sequence)
            .timestamp(timestamp)
            .owner(owner)
            .orderId(orderId)
            .origClientOrderId(origClientOrderId)
            .clientOrderId(clientOrderId)
            .price(price)
            .quantity(quantity);
        return MessageHeaderEncoder.ENCODED_LENGTH + replaceOrder.encodedLength();
    }

    /**
     * Cancels every live order of the owner, or only those of {@code instrumentId} when it is not 0.
     *
     * @return the encoded length.
     */
    public int massCancel(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sequence,
        final long timestamp,
        final long owner,
        final long clientOrderId,
        final int instrumentId)
    {
        massCancel.wrapAndApplyHeader(buffer, offset, header)
            .sequence(sequence)
            .timestamp(timestamp)
            .owner(owner)
            .clientOrderId(clientOrderId)
            .instrumentId(instrumentId);
        return MessageHeaderEncoder.ENCODED_LENGTH + massCancel.encodedLength();
    }

    /**
     * Ends the trading day: every resting DAY order expires, or only those of {@code instrumentId}
     * when it is not 0.
     *
     * @return the encoded length.
     */
    public int endOfDay(final MutableDirectBuffer buffer, final int offset, final long sequence, final long timestamp,
        final int instrumentId)
    {
        endOfDay.wrapAndApplyHeader(buffer, offset, header)
            .sequence(sequence)
            .timestamp(timestamp)
            .instrumentId(instrumentId);
        return MessageHeaderEncoder.ENCODED_LENGTH + endOfDay.encodedLength();
    }
}

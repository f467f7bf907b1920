package dev.tessera.engine;

import dev.tessera.engine.codec.BooleanType;
import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.CancelRejectedEncoder;
import dev.tessera.engine.codec.EndOfDayCompletedEncoder;
import dev.tessera.engine.codec.MassCancelCompletedEncoder;
import dev.tessera.engine.codec.MessageHeaderEncoder;
import dev.tessera.engine.codec.OrderAcceptedEncoder;
import dev.tessera.engine.codec.OrderCancelledEncoder;
import dev.tessera.engine.codec.OrderRejectedEncoder;
import dev.tessera.engine.codec.OrderReplacedEncoder;
import dev.tessera.engine.codec.RejectReason;
import dev.tessera.engine.codec.ReplaceRejectedEncoder;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TradeEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The events one command produced, SBE-encoded back to back: exactly the bytes the journal stores.
 * The engine owns the event sequence here, so every event is numbered where it is written and
 * consumers can detect gaps. The buffer grows to fit the largest command seen (a sweep of many
 * levels), then stays that size: steady state allocates nothing.
 */
public final class EventBuffer
{
    private static final int INITIAL_CAPACITY = 64 * 1024;
    /** The longest event: {@link #claim} makes room for it, so no field put has to check again. */
    private static final int MAX_EVENT_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + max(
        OrderAcceptedEncoder.BLOCK_LENGTH, OrderRejectedEncoder.BLOCK_LENGTH, TradeEncoder.BLOCK_LENGTH,
        OrderCancelledEncoder.BLOCK_LENGTH, OrderReplacedEncoder.BLOCK_LENGTH, CancelRejectedEncoder.BLOCK_LENGTH,
        ReplaceRejectedEncoder.BLOCK_LENGTH, MassCancelCompletedEncoder.BLOCK_LENGTH,
        EndOfDayCompletedEncoder.BLOCK_LENGTH);

    /**
     * The encoders write here without a check per field (room for a whole event is made in
     * {@link #claim}). Grown only there: an expandable buffer would check its capacity in every put.
     */
    private final PrecheckedBuffer buffer = new PrecheckedBuffer(new byte[INITIAL_CAPACITY]);
    /** What consumers read: the same bytes, through a buffer that checks every access. */
    private final UnsafeBuffer readView = new UnsafeBuffer(buffer.byteArray());
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final OrderAcceptedEncoder orderAccepted = new OrderAcceptedEncoder();
    private final OrderRejectedEncoder orderRejected = new OrderRejectedEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final OrderCancelledEncoder orderCancelled = new OrderCancelledEncoder();
    private final OrderReplacedEncoder orderReplaced = new OrderReplacedEncoder();
    private final CancelRejectedEncoder cancelRejected = new CancelRejectedEncoder();
    private final ReplaceRejectedEncoder replaceRejected = new ReplaceRejectedEncoder();
    private final MassCancelCompletedEncoder massCancelCompleted = new MassCancelCompletedEncoder();
    private final EndOfDayCompletedEncoder endOfDayCompleted = new EndOfDayCompletedEncoder();

    private long lastSequence;
    private long timestamp;
    private int length;
    private int eventCount;

    public DirectBuffer buffer()
    {
        return readView;
    }

    /** Bytes written for the current command. */
    public int length()
    {
        return length;
    }

    /** Events written for the current command. */
    public int eventCount()
    {
        return eventCount;
    }

    /** Sequence of the last event written, 0 before the first. */
    public long lastSequence()
    {
        return lastSequence;
    }

    /** Recovery moves the sequence on without writing events: applied events, or a restored snapshot. */
    void lastSequence(final long lastSequence)
    {
        this.lastSequence = lastSequence;
    }

    /** Entry time of the current command, which every one of its events carries. */
    long timestamp()
    {
        return timestamp;
    }

    void begin(final long timestamp)
    {
        this.timestamp = timestamp;
        this.length = 0;
        this.eventCount = 0;
    }

    private int claim()
    {
        if (length + MAX_EVENT_LENGTH > buffer.capacity())
        {
            grow();
        }
        eventCount++;
        return length;
    }

    /** Only when one command's events outgrow every earlier one's (a sweep of many levels): allocates. */
    private void grow()
    {
        final byte[] larger = new byte[buffer.capacity() * 2];
        buffer.getBytes(0, larger, 0, length);
        buffer.wrap(larger);
        readView.wrap(larger);
    }

    private static int max(final int... lengths)
    {
        int max = 0;
        for (final int length : lengths)
        {
            max = Math.max(max, length);
        }
        return max;
    }

    void orderAccepted(final Order order)
    {
        orderAccepted.wrapAndApplyHeader(buffer, claim(), header)
            .sequence(++lastSequence)
            .timestamp(timestamp)
            .orderId(order.orderId)
            .owner(order.owner)
            .clientOrderId(order.clientOrderId)
            .price(order.price)
            .quantity(order.quantity)
            .instrumentId(order.instrumentId())
            .side(order.side())
            .orderType(order.orderType())
            .timeInForce(order.timeInForce())
            .postOnly(order.postOnly ? BooleanType.TRUE : BooleanType.FALSE);
        length += MessageHeaderEncoder.ENCODED_LENGTH + orderAccepted.encodedLength();
    }

    void orderRejected(
        final long owner,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity,
        final RejectReason reason)
    {
        orderRejected.wrapAndApplyHeader(buffer, claim(), header)
            .sequence(++lastSequence)
            .timestamp(timestamp)
            .owner(owner)
            .clientOrderId(clientOrderId)
            .price(price)
            .quantity(quantity)
            .instrumentId(instrumentId)
            .side(side)
            .reason(reason);
        length += MessageHeaderEncoder.ENCODED_LENGTH + orderRejected.encodedLength();
    }

    void trade(final Order maker, final Order taker, final long price, final long quantity)
    {
        trade.wrapAndApplyHeader(buffer, claim(), header)
            .sequence(++lastSequence)
            .timestamp(timestamp)
            .makerOrderId(maker.orderId)
            .makerOwner(maker.owner)
            .makerClientOrderId(maker.clientOrderId)
            .takerOrderId(taker.orderId)
            .takerOwner(taker.owner)
            .takerClientOrderId(taker.clientOrderId)
            .price(price)
            .quantity(quantity)
            .makerLeavesQuantity(maker.leaves())
            .takerLeavesQuantity(taker.leaves())
            .instrumentId(taker.instrumentId())
            .aggressorSide(taker.side());
        length += MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength();
    }

    void orderCancelled(final Order order, final long requestClientOrderId, final CancelReason reason)
    {
        orderCancelled.wrapAndApplyHeader(buffer, claim(), header)
            .sequence(++lastSequence)
            .timestamp(timestamp)
            .orderId(order.orderId)
            .owner(order.owner)
            .clientOrderId(order.clientOrderId)
            .requestClientOrderId(requestClientOrderId)
            .cancelledQuantity(order.leaves())
            .instrumentId(order.instrumentId())
            .side(order.side())
            .reason(reason);
        length += MessageHeaderEncoder.ENCODED_LENGTH + orderCancelled.encodedLength();
    }

    void orderReplaced(final Order order, final long origClientOrderId, final boolean priorityKept)
    {
        orderReplaced.wrapAndApplyHeader(buffer, claim(), header)
            .sequence(++lastSequence)
            .timestamp(timestamp)
            .orderId(order.orderId)
            .owner(order.owner)
            .clientOrderId(order.clientOrderId)
            .origClientOrderId(origClientOrderId)
            .price(order.price)
            .quantity(order.quantity)
            .leavesQuantity(order.leaves())
            .instrumentId(order.instrumentId())
            .side(order.side())
            .priorityKept(priorityKept ? BooleanType.TRUE : BooleanType.FALSE);
        length += MessageHeaderEncoder.ENCODED_LENGTH + orderReplaced.encodedLength();
    }

    void cancelRejected(
        final long owner,
        final long orderId,
        final long origClientOrderId,
        final long clientOrderId,
        final RejectReason reason)
    {
        cancelRejected.wrapAndApplyHeader(buffer, claim(), header)
            .sequence(++lastSequence)
            .timestamp(timestamp)
            .owner(owner)
            .orderId(orderId)
            .origClientOrderId(origClientOrderId)
            .clientOrderId(clientOrderId)
            .reason(reason);
        length += MessageHeaderEncoder.ENCODED_LENGTH + cancelRejected.encodedLength();
    }

    void replaceRejected(
        final long owner,
        final long orderId,
        final long origClientOrderId,
        final long clientOrderId,
        final RejectReason reason)
    {
        replaceRejected.wrapAndApplyHeader(buffer, claim(), header)
            .sequence(++lastSequence)
            .timestamp(timestamp)
            .owner(owner)
            .orderId(orderId)
            .origClientOrderId(origClientOrderId)
            .clientOrderId(clientOrderId)
            .reason(reason);
        length += MessageHeaderEncoder.ENCODED_LENGTH + replaceRejected.encodedLength();
    }

    void massCancelCompleted(final long owner, final long clientOrderId, final int instrumentId, final int cancelledCount)
    {
        massCancelCompleted.wrapAndApplyHeader(buffer, claim(), header)
            .sequence(++lastSequence)
            .timestamp(timestamp)
            .owner(owner)
            .clientOrderId(clientOrderId)
            .cancelledCount(cancelledCount)
            .instrumentId(instrumentId);
        length += MessageHeaderEncoder.ENCODED_LENGTH + massCancelCompleted.encodedLength();
    }

    void endOfDayCompleted(final int instrumentId, final int expiredCount)
    {
        endOfDayCompleted.wrapAndApplyHeader(buffer, claim(), header)
            .sequence(++lastSequence)
            .timestamp(timestamp)
            .expiredCount(expiredCount)
            .instrumentId(instrumentId);
        length += MessageHeaderEncoder.ENCODED_LENGTH + endOfDayCompleted.encodedLength();
    }
}

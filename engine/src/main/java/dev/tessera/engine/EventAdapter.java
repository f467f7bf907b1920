package dev.tessera.engine;

import dev.tessera.engine.codec.CancelRejectedDecoder;
import dev.tessera.engine.codec.EndOfDayCompletedDecoder;
import dev.tessera.engine.codec.MassCancelCompletedDecoder;
import dev.tessera.engine.codec.MessageHeaderDecoder;
import dev.tessera.engine.codec.OrderAcceptedDecoder;
import dev.tessera.engine.codec.OrderCancelledDecoder;
import dev.tessera.engine.codec.OrderRejectedDecoder;
import dev.tessera.engine.codec.OrderReplacedDecoder;
import dev.tessera.engine.codec.ReplaceRejectedDecoder;
import dev.tessera.engine.codec.TradeDecoder;
import org.agrona.DirectBuffer;

/**
 * Decodes a run of SBE-encoded events (such as {@link EventBuffer} holds, or a journal record) and
 * dispatches each to an {@link EventListener}. Reuses its flyweights: nothing is allocated.
 * Older event versions decode through SBE's acting version, so history stays readable.
 */
public final class EventAdapter
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final OrderAcceptedDecoder orderAccepted = new OrderAcceptedDecoder();
    private final OrderRejectedDecoder orderRejected = new OrderRejectedDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final OrderCancelledDecoder orderCancelled = new OrderCancelledDecoder();
    private final OrderReplacedDecoder orderReplaced = new OrderReplacedDecoder();
    private final CancelRejectedDecoder cancelRejected = new CancelRejectedDecoder();
    private final ReplaceRejectedDecoder replaceRejected = new ReplaceRejectedDecoder();
    private final MassCancelCompletedDecoder massCancelCompleted = new MassCancelCompletedDecoder();
    private final EndOfDayCompletedDecoder endOfDayCompleted = new EndOfDayCompletedDecoder();

    /**
     * @return the number of events dispatched.
     * @throws IllegalArgumentException when the bytes are not events of this schema: a caller bug
     *                                  or corruption, which the journal's checksums catch first.
     */
    public int read(final DirectBuffer buffer, final int offset, final int length, final EventListener listener)
    {
        final int end = offset + length;
        int position = offset;
        int count = 0;
        while (position < end)
        {
            if (end - position < MessageHeaderDecoder.ENCODED_LENGTH)
            {
                throw new IllegalArgumentException("truncated event header at offset " + position);
            }
            header.wrap(buffer, position);
            final int blockLength = header.blockLength();
            final int version = header.version();
            final int body = position + MessageHeaderDecoder.ENCODED_LENGTH;
            if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || body + blockLength > end)
            {
                throw new IllegalArgumentException("not an engine event at offset " + position +
                    " (schema " + header.schemaId() + ", block " + blockLength + ")");
            }
            dispatch(header.templateId(), buffer, body, blockLength, version, listener, position);
            position = body + blockLength;
            count++;
        }
        return count;
    }

    private void dispatch(
        final int templateId,
        final DirectBuffer buffer,
        final int body,
        final int blockLength,
        final int version,
        final EventListener listener,
        final int position)
    {
        switch (templateId)
        {
            case OrderAcceptedDecoder.TEMPLATE_ID:
                listener.onOrderAccepted(orderAccepted.wrap(buffer, body, blockLength, version));
                break;
            case OrderRejectedDecoder.TEMPLATE_ID:
                listener.onOrderRejected(orderRejected.wrap(buffer, body, blockLength, version));
                break;
            case TradeDecoder.TEMPLATE_ID:
                listener.onTrade(trade.wrap(buffer, body, blockLength, version));
                break;
            case OrderCancelledDecoder.TEMPLATE_ID:
                listener.onOrderCancelled(orderCancelled.wrap(buffer, body, blockLength, version));
                break;
            case OrderReplacedDecoder.TEMPLATE_ID:
                listener.onOrderReplaced(orderReplaced.wrap(buffer, body, blockLength, version));
                break;
            case CancelRejectedDecoder.TEMPLATE_ID:
                listener.onCancelRejected(cancelRejected.wrap(buffer, body, blockLength, version));
                break;
            case ReplaceRejectedDecoder.TEMPLATE_ID:
                listener.onReplaceRejected(replaceRejected.wrap(buffer, body, blockLength, version));
                break;
            case MassCancelCompletedDecoder.TEMPLATE_ID:
                listener.onMassCancelCompleted(massCancelCompleted.wrap(buffer, body, blockLength, version));
                break;
            case EndOfDayCompletedDecoder.TEMPLATE_ID:
                listener.onEndOfDayCompleted(endOfDayCompleted.wrap(buffer, body, blockLength, version));
                break;
            default:
                throw new IllegalArgumentException("unknown event template " + templateId + " at offset " + position);
        }
    }
}

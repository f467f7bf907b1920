package dev.tessera.journal.tools;

import dev.tessera.engine.codec.CancelOrderDecoder;
import dev.tessera.engine.codec.EndOfDayDecoder;
import dev.tessera.engine.codec.MassCancelDecoder;
import dev.tessera.engine.codec.MessageHeaderDecoder;
import dev.tessera.engine.codec.NewOrderDecoder;
import dev.tessera.engine.codec.ReplaceOrderDecoder;
import org.agrona.DirectBuffer;

/**
 * Decodes the command of a journal record in place with the engine's SBE flyweights, checking
 * its framing first so that tools can say "not a command" instead of throwing. Reused per record.
 */
public final class CommandReader
{
    /** {@link #wrap} result for bytes that are not an engine command. */
    public static final int NOT_A_COMMAND = -1;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replaceOrder = new ReplaceOrderDecoder();
    private final MassCancelDecoder massCancel = new MassCancelDecoder();
    private final EndOfDayDecoder endOfDay = new EndOfDayDecoder();
    private int templateId = NOT_A_COMMAND;

    /**
     * Wraps the decoder of the command's template.
     *
     * @return the template id ({@link NewOrderDecoder#TEMPLATE_ID} etc.) or {@link #NOT_A_COMMAND}.
     */
    public int wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        templateId = NOT_A_COMMAND;
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return templateId;
        }
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || length < MessageHeaderDecoder.ENCODED_LENGTH + blockLength)
        {
            return templateId;
        }
        // Older versions decode through SBE's acting version, as in the engine.
        switch (header.templateId())
        {
            case NewOrderDecoder.TEMPLATE_ID:
                newOrder.wrap(buffer, body, blockLength, version);
                templateId = NewOrderDecoder.TEMPLATE_ID;
                break;
            case CancelOrderDecoder.TEMPLATE_ID:
                cancelOrder.wrap(buffer, body, blockLength, version);
                templateId = CancelOrderDecoder.TEMPLATE_ID;
                break;
            case ReplaceOrderDecoder.TEMPLATE_ID:
                replaceOrder.wrap(buffer, body, blockLength, version);
                templateId = ReplaceOrderDecoder.TEMPLATE_ID;
                break;
            case MassCancelDecoder.TEMPLATE_ID:
                massCancel.wrap(buffer, body, blockLength, version);
                templateId = MassCancelDecoder.TEMPLATE_ID;
                break;
            case EndOfDayDecoder.TEMPLATE_ID:
                endOfDay.wrap(buffer, body, blockLength, version);
                templateId = EndOfDayDecoder.TEMPLATE_ID;
                break;
            default:
                break;
        }
        return templateId;
    }

    /** The header of the last wrapped bytes (schema, template, version), for messages about them. */
    public MessageHeaderDecoder header()
    {
        return header;
    }

    public NewOrderDecoder newOrder()
    {
        return newOrder;
    }

    public CancelOrderDecoder cancelOrder()
    {
        return cancelOrder;
    }

    public ReplaceOrderDecoder replaceOrder()
    {
        return replaceOrder;
    }

    public MassCancelDecoder massCancel()
    {
        return massCancel;
    }

    public EndOfDayDecoder endOfDay()
    {
        return endOfDay;
    }

    /** The owner of the last wrapped command; 0 for an end of day (the exchange sends it) and when it was not a command. */
    public long owner()
    {
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                return newOrder.owner();
            case CancelOrderDecoder.TEMPLATE_ID:
                return cancelOrder.owner();
            case ReplaceOrderDecoder.TEMPLATE_ID:
                return replaceOrder.owner();
            case MassCancelDecoder.TEMPLATE_ID:
                return massCancel.owner();
            default:
                return 0;
        }
    }

    /** The client order id a cancel or replace names its order by (when it gives no order id); 0 for other commands. */
    public long origClientOrderId()
    {
        switch (templateId)
        {
            case CancelOrderDecoder.TEMPLATE_ID:
                return cancelOrder.origClientOrderId();
            case ReplaceOrderDecoder.TEMPLATE_ID:
                return replaceOrder.origClientOrderId();
            default:
                return 0;
        }
    }

    /** Whether the last wrapped command is a cancel or a replace, which names one order. */
    public boolean namesAnOrder()
    {
        return templateId == CancelOrderDecoder.TEMPLATE_ID || templateId == ReplaceOrderDecoder.TEMPLATE_ID;
    }

    /** The instrument the command names: 0 for cancel/replace (they name an order) and for mass cancel or end of day of all. */
    public int instrumentId()
    {
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                return newOrder.instrumentId();
            case MassCancelDecoder.TEMPLATE_ID:
                return massCancel.instrumentId();
            case EndOfDayDecoder.TEMPLATE_ID:
                return endOfDay.instrumentId();
            default:
                return 0;
        }
    }

    /** The engine order id the command targets: 0 for new orders, mass cancels and targets by client id. */
    public long orderId()
    {
        switch (templateId)
        {
            case CancelOrderDecoder.TEMPLATE_ID:
                return cancelOrder.orderId();
            case ReplaceOrderDecoder.TEMPLATE_ID:
                return replaceOrder.orderId();
            default:
                return 0;
        }
    }
}

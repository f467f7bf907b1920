package dev.tessera.journal.tools;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.ClientOrderIds;
import dev.tessera.engine.EventFormatter;
import dev.tessera.engine.codec.CancelOrderDecoder;
import dev.tessera.engine.codec.EndOfDayDecoder;
import dev.tessera.engine.codec.MassCancelDecoder;
import dev.tessera.engine.codec.MessageHeaderDecoder;
import dev.tessera.engine.codec.NewOrderDecoder;
import dev.tessera.engine.codec.ReplaceOrderDecoder;
import org.agrona.DirectBuffer;

import java.util.Collection;

/**
 * Renders an engine command as one readable line, in the style of {@link EventFormatter}'s event
 * lines, with prices in the instrument's decimals. Values the engine would reject (an unknown side,
 * say) are shown raw rather than failing: a dump must show whatever was journaled.
 */
public final class CommandFormatter
{
    /** A replace names an order, not an instrument: its price is shown raw when no instrument is known. */
    public static final int UNKNOWN_INSTRUMENT = 0;

    private final CommandReader reader = new CommandReader();
    private final EventFormatter instruments;
    private final StringBuilder text = new StringBuilder();

    public CommandFormatter(final Collection<InstrumentConfig> instruments)
    {
        this.instruments = new EventFormatter(instruments);
    }

    /** The command as one line, without a newline. */
    public String format(final DirectBuffer buffer, final int offset, final int length)
    {
        return format(buffer, offset, length, UNKNOWN_INSTRUMENT);
    }

    /**
     * @param replaceInstrumentId the instrument of the order a replace targets (known from its events),
     *                            or {@link #UNKNOWN_INSTRUMENT}; it gives the replace's price its decimals.
     */
    public String format(final DirectBuffer buffer, final int offset, final int length, final int replaceInstrumentId)
    {
        text.setLength(0);
        switch (reader.wrap(buffer, offset, length))
        {
            case NewOrderDecoder.TEMPLATE_ID:
                newOrder(reader.newOrder());
                break;
            case CancelOrderDecoder.TEMPLATE_ID:
                cancel(reader.cancelOrder());
                break;
            case ReplaceOrderDecoder.TEMPLATE_ID:
                replace(reader.replaceOrder(), replaceInstrumentId);
                break;
            case MassCancelDecoder.TEMPLATE_ID:
                massCancel(reader.massCancel());
                break;
            case EndOfDayDecoder.TEMPLATE_ID:
                text.append("END-OF-DAY ").append(instrumentsOf(reader.endOfDay().instrumentId()));
                break;
            default:
                notACommand(length);
                break;
        }
        return text.toString();
    }

    private void newOrder(final NewOrderDecoder c)
    {
        final int instrumentId = c.instrumentId();
        text.append("NEW-ORDER  ").append(instruments.symbol(instrumentId)).append(' ').append(side(c.sideRaw()))
            .append(' ').append(c.quantity());
        switch (c.orderTypeRaw())
        {
            case 1:
                text.append(" MARKET");
                break;
            case 2:
                text.append(" @ ").append(instruments.price(instrumentId, c.price()));
                break;
            default:
                text.append(" @ ").append(instruments.price(instrumentId, c.price()))
                    .append(" orderType=").append(c.orderTypeRaw());
                break;
        }
        text.append(' ').append(timeInForce(c.timeInForceRaw()));
        if (c.postOnlyRaw() == 1)
        {
            text.append(" POST-ONLY");
        }
        else if (c.postOnlyRaw() != 0)
        {
            text.append(" postOnly=").append(c.postOnlyRaw());
        }
        text.append("  owner ").append(c.owner()).append(" clOrd ").append(ClientOrderIds.text(c.clientOrderId()));
    }

    private void cancel(final CancelOrderDecoder c)
    {
        text.append("CANCEL     ");
        target(c.orderId(), c.origClientOrderId());
        text.append("  owner ").append(c.owner()).append(" clOrd ").append(ClientOrderIds.text(c.clientOrderId()));
    }

    private void replace(final ReplaceOrderDecoder c, final int instrumentId)
    {
        text.append("REPLACE    ");
        target(c.orderId(), c.origClientOrderId());
        text.append("  price ");
        if (c.price() == ReplaceOrderDecoder.priceNullValue())
        {
            text.append("unchanged");
        }
        else if (instrumentId == UNKNOWN_INSTRUMENT)
        {
            text.append(c.price()).append(" (fixed point)");
        }
        else
        {
            text.append(instruments.price(instrumentId, c.price()));
        }
        text.append(" qty ");
        if (c.quantity() == ReplaceOrderDecoder.quantityNullValue())
        {
            text.append("unchanged");
        }
        else
        {
            text.append(c.quantity());
        }
        text.append("  owner ").append(c.owner()).append(" clOrd ").append(ClientOrderIds.text(c.clientOrderId()));
    }

    private void massCancel(final MassCancelDecoder c)
    {
        text.append("MASS-CANCEL ")
            .append(instrumentsOf(c.instrumentId()))
            .append("  owner ").append(c.owner()).append(" clOrd ").append(ClientOrderIds.text(c.clientOrderId()));
        if (c.clientOrderId() == 0)
        {
            // The gateway's cancel-on-disconnect (at a logout, a drop, the shutdown or the start after a crash): no
            // client's ClOrdID maps to 0, and its reports say so, as this line now does.
            text.append(" (cancel on disconnect)");
        }
    }

    /** A command's instrument filter: 0 means every instrument. */
    private String instrumentsOf(final int instrumentId)
    {
        return instrumentId == 0 ? "all instruments" : instruments.symbol(instrumentId);
    }

    private void target(final long orderId, final long origClientOrderId)
    {
        if (orderId != 0)
        {
            text.append("order ").append(orderId);
        }
        else
        {
            text.append("origClOrd ").append(ClientOrderIds.text(origClientOrderId));
        }
    }

    private void notACommand(final int length)
    {
        text.append("UNKNOWN    ").append(length).append(" bytes that are not an engine command");
        if (length >= MessageHeaderDecoder.ENCODED_LENGTH)
        {
            text.append(" (schema ").append(reader.header().schemaId()).append(", template ")
                .append(reader.header().templateId()).append(')');
        }
    }

    private static String side(final short raw)
    {
        return raw == 1 ? "BUY" : raw == 2 ? "SELL" : "side=" + raw;
    }

    private static String timeInForce(final short raw)
    {
        switch (raw)
        {
            case 0:
                return "DAY";
            case 1:
                return "GTC";
            case 3:
                return "IOC";
            case 4:
                return "FOK";
            default:
                return "timeInForce=" + raw;
        }
    }
}

package dev.tessera.engine;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.codec.BooleanType;
import dev.tessera.engine.codec.CancelRejectedDecoder;
import dev.tessera.engine.codec.EndOfDayCompletedDecoder;
import dev.tessera.engine.codec.MassCancelCompletedDecoder;
import dev.tessera.engine.codec.OrderAcceptedDecoder;
import dev.tessera.engine.codec.OrderCancelledDecoder;
import dev.tessera.engine.codec.OrderRejectedDecoder;
import dev.tessera.engine.codec.OrderReplacedDecoder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.RejectReason;
import dev.tessera.engine.codec.ReplaceRejectedDecoder;
import dev.tessera.engine.codec.TradeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.Collection;

/**
 * Renders engine events as one readable line each, with prices in the instrument's decimals.
 * For tools and logs (demo, journal dump), not the hot path: it builds strings.
 */
public final class EventFormatter implements EventListener
{
    private final EventAdapter adapter = new EventAdapter();
    private final Int2ObjectHashMap<InstrumentConfig> instruments = new Int2ObjectHashMap<>();
    private final StringBuilder text = new StringBuilder();

    public EventFormatter(final Collection<InstrumentConfig> instruments)
    {
        instruments.forEach(instrument -> this.instruments.put(instrument.id(), instrument));
    }

    /** One line per event, each ending with a newline. */
    public String format(final DirectBuffer buffer, final int offset, final int length)
    {
        text.setLength(0);
        adapter.read(buffer, offset, length, this);
        return text.toString();
    }

    public String format(final EventBuffer events)
    {
        return format(events.buffer(), 0, events.length());
    }

    /** The symbol of an instrument, or "#id" when it is not configured. */
    public String symbol(final int instrumentId)
    {
        final InstrumentConfig instrument = instruments.get(instrumentId);
        return instrument == null ? "#" + instrumentId : instrument.symbol();
    }

    /** A fixed-point price in the instrument's decimals, or the raw value when it is not configured. */
    public String price(final int instrumentId, final long price)
    {
        final InstrumentConfig instrument = instruments.get(instrumentId);
        return instrument == null ? Long.toString(price) : instrument.formatPrice(price);
    }

    private StringBuilder line(final long sequence, final String type)
    {
        return text.append('#').append(sequence).append(' ').append(type);
    }

    @Override
    public void onOrderAccepted(final OrderAcceptedDecoder e)
    {
        line(e.sequence(), "ACCEPTED   ").append(symbol(e.instrumentId())).append(' ').append(e.side()).append(' ')
            .append(e.quantity());
        if (e.orderType() == OrderType.LIMIT)
        {
            text.append(" @ ").append(price(e.instrumentId(), e.price()));
        }
        else
        {
            text.append(" MARKET");
        }
        text.append(' ').append(e.timeInForce()).append(e.postOnly() == BooleanType.TRUE ? " POST-ONLY" : "")
            .append("  order ").append(e.orderId()).append(" owner ").append(e.owner())
            .append(" clOrd ").append(ClientOrderIds.text(e.clientOrderId())).append('\n');
    }

    @Override
    public void onOrderRejected(final OrderRejectedDecoder e)
    {
        line(e.sequence(), "REJECTED   ").append(symbol(e.instrumentId())).append(' ').append(e.side()).append(' ')
            .append(e.quantity()).append(" @ ").append(price(e.instrumentId(), e.price()))
            .append("  ").append(e.reason()).append("  owner ").append(e.owner())
            .append(" clOrd ").append(ClientOrderIds.text(e.clientOrderId())).append('\n');
    }

    @Override
    public void onTrade(final TradeDecoder e)
    {
        line(e.sequence(), "TRADE      ").append(symbol(e.instrumentId())).append(' ').append(e.quantity())
            .append(" @ ").append(price(e.instrumentId(), e.price())).append("  aggressor ").append(e.aggressorSide())
            .append("  maker ").append(e.makerOrderId()).append(" (owner ").append(e.makerOwner())
            .append(", leaves ").append(e.makerLeavesQuantity()).append(")  taker ").append(e.takerOrderId())
            .append(" (owner ").append(e.takerOwner()).append(", leaves ").append(e.takerLeavesQuantity()).append(")\n");
    }

    @Override
    public void onOrderCancelled(final OrderCancelledDecoder e)
    {
        line(e.sequence(), "CANCELLED  ").append(symbol(e.instrumentId())).append(' ').append(e.side()).append(' ')
            .append(e.cancelledQuantity()).append("  ").append(e.reason()).append("  order ").append(e.orderId())
            .append(" owner ").append(e.owner()).append(" clOrd ").append(ClientOrderIds.text(e.clientOrderId()))
            .append('\n');
    }

    @Override
    public void onOrderReplaced(final OrderReplacedDecoder e)
    {
        line(e.sequence(), "REPLACED   ").append(symbol(e.instrumentId())).append(' ').append(e.side()).append(' ')
            .append(e.quantity()).append(" @ ").append(price(e.instrumentId(), e.price()))
            .append(" leaves ").append(e.leavesQuantity())
            .append(e.priorityKept() == BooleanType.TRUE ? "  priority kept" : "  priority lost")
            .append("  order ").append(e.orderId()).append(" owner ").append(e.owner())
            .append(" clOrd ").append(ClientOrderIds.text(e.origClientOrderId()))
            .append(" -> ").append(ClientOrderIds.text(e.clientOrderId())).append('\n');
    }

    @Override
    public void onCancelRejected(final CancelRejectedDecoder e)
    {
        if (e.reason() == RejectReason.UNKNOWN_INSTRUMENT)
        {
            // Refuses a mass cancel (from its owner) or an end of day (from the exchange, owner 0) of an instrument the
            // engine lacks: it names no order, so "order 0 origClOrd 0" would read as a cancel of an order 0.
            final StringBuilder line = line(e.sequence(), "CXL-REJECT ").append(e.reason());
            if (e.owner() == 0)
            {
                line.append("  end of day\n");
            }
            else
            {
                line.append("  mass cancel  owner ").append(e.owner()).append(" clOrd ")
                    .append(ClientOrderIds.text(e.clientOrderId())).append('\n');
            }
            return;
        }
        request(line(e.sequence(), "CXL-REJECT ").append(e.reason()), e.orderId(), e.origClientOrderId(), e.owner());
    }

    @Override
    public void onReplaceRejected(final ReplaceRejectedDecoder e)
    {
        request(line(e.sequence(), "RPL-REJECT ").append(e.reason()), e.orderId(), e.origClientOrderId(), e.owner());
    }

    /**
     * The order a refused cancel or replace named, as it named it: by order id, by the ClOrdID it replaces, or both.
     * A 0 is a field the request left out (or that a check before the order's lookup left unfilled), not an order 0
     * (QA 134 F2: "order 0" read as naming no order at all).
     */
    private void request(final StringBuilder line, final long orderId, final long origClientOrderId, final long owner)
    {
        line.append(' ');
        if (orderId != 0)
        {
            line.append(" order ").append(orderId);
        }
        if (origClientOrderId != 0)
        {
            line.append(" origClOrd ").append(ClientOrderIds.text(origClientOrderId));
        }
        line.append(" owner ").append(owner).append('\n');
    }

    @Override
    public void onMassCancelCompleted(final MassCancelCompletedDecoder e)
    {
        line(e.sequence(), "MASS-CXL   ").append(e.cancelledCount()).append(" cancelled  owner ").append(e.owner())
            .append(instruments(e.instrumentId())).append('\n');
    }

    @Override
    public void onEndOfDayCompleted(final EndOfDayCompletedDecoder e)
    {
        line(e.sequence(), "END-OF-DAY ").append(e.expiredCount()).append(" DAY orders expired")
            .append(instruments(e.instrumentId())).append('\n');
    }

    /** A command's instrument filter: 0 means every instrument. */
    private String instruments(final int instrumentId)
    {
        return instrumentId == 0 ? "  all instruments" : "  " + symbol(instrumentId);
    }
}

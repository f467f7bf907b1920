package dev.tessera.journal.tools;

import dev.tessera.engine.EventAdapter;
import dev.tessera.engine.EventListener;
import dev.tessera.engine.codec.CancelRejectedDecoder;
import dev.tessera.engine.codec.EndOfDayCompletedDecoder;
import dev.tessera.engine.codec.MassCancelCompletedDecoder;
import dev.tessera.engine.codec.OrderAcceptedDecoder;
import dev.tessera.engine.codec.OrderCancelledDecoder;
import dev.tessera.engine.codec.OrderRejectedDecoder;
import dev.tessera.engine.codec.OrderReplacedDecoder;
import dev.tessera.engine.codec.ReplaceRejectedDecoder;
import dev.tessera.engine.codec.TradeDecoder;
import dev.tessera.journal.JournalCorruptionException;
import dev.tessera.journal.JournalRecord;

/**
 * Selects journal records by instrument, engine order id and owner. A record matches a criterion
 * when its command or any of its events does (a cancel names no instrument, its OrderCancelled
 * does; a new order has no order id yet, its OrderAccepted has; a trade matches both its maker's
 * and its taker's order and owner). Given criteria must all match. A mass cancel of all
 * instruments matches an instrument only through the cancellations it caused there. A cancel or replace matches
 * the order it names (by order id or by its owner's client order id) and that order's instrument, also when it
 * was refused (its order done a moment before, too): it follows the orders of every record it is shown
 * ({@link KnownOrders}), so show it every record from the start.
 */
public final class RecordFilter implements EventListener
{
    private final CommandReader command = new CommandReader();
    private final EventAdapter events = new EventAdapter();
    private final KnownOrders knownOrders = new KnownOrders();
    private final boolean anyInstrument;
    private final boolean anyOrder;
    private final boolean anyOwner;
    private final int instrumentId;
    private final long orderId;
    private final long owner;
    private boolean instrumentMatched;
    private boolean orderMatched;
    private boolean ownerMatched;
    private boolean instrumentSeen;
    private int eventInstrumentId;

    /** Each criterion may be null: any value matches. */
    public RecordFilter(final Integer instrumentId, final Long orderId, final Long owner)
    {
        this.anyInstrument = instrumentId == null;
        this.anyOrder = orderId == null;
        this.anyOwner = owner == null;
        this.instrumentId = anyInstrument ? 0 : instrumentId;
        this.orderId = anyOrder ? 0 : orderId;
        this.owner = anyOwner ? 0 : owner;
    }

    /** Matches every record (still reports {@link #eventInstrumentId()}). */
    public static RecordFilter all()
    {
        return new RecordFilter(null, null, null);
    }

    /**
     * Every record, in journal order, whether it may be shown or not: it follows the live orders.
     *
     * @throws JournalCorruptionException when the record's events do not decode (the checksum
     *                                    passed, so the writer wrote them so).
     */
    public boolean matches(final JournalRecord record)
    {
        instrumentMatched = anyInstrument;
        orderMatched = anyOrder;
        ownerMatched = anyOwner;
        eventInstrumentId = CommandFormatter.UNKNOWN_INSTRUMENT;
        int targetInstrumentId = CommandFormatter.UNKNOWN_INSTRUMENT;
        if (command.wrap(record.buffer(), record.commandOffset(), record.commandLength()) != CommandReader.NOT_A_COMMAND)
        {
            instrument(command.instrumentId());
            order(command.orderId());
            owner(command.owner());
            if (command.namesAnOrder())
            {
                // before the events: a replace's own event renames the order, a cancel's ends it
                final long target = knownOrders.orderId(command.owner(), command.orderId(), command.origClientOrderId());
                order(target);
                targetInstrumentId = knownOrders.instrumentId(target);
            }
        }
        try
        {
            events.read(record.buffer(), record.eventsOffset(), record.eventsLength(), this);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new JournalCorruptionException(record.index(), record.recordSequence(),
                "events do not decode: " + ex.getMessage());
        }
        if (targetInstrumentId != KnownOrders.UNKNOWN)
        {
            // a refused cancel or replace: its rejection names no instrument, the order it named does
            eventInstrument(targetInstrumentId);
        }
        instrumentSeen |= !anyInstrument && instrumentMatched;
        return instrumentMatched && orderMatched && ownerMatched;
    }

    /**
     * Whether any record tested so far concerned the instrument asked for, whatever the other
     * criteria said: none at all suggests a mistyped instrument rather than an empty selection.
     */
    public boolean instrumentSeen()
    {
        return instrumentSeen;
    }

    /**
     * The instrument of the last record's first event that names one, else of the live order its cancel or replace
     * named, or {@link CommandFormatter#UNKNOWN_INSTRUMENT}.
     */
    public int eventInstrumentId()
    {
        return eventInstrumentId;
    }

    private void instrument(final int id)
    {
        if (id != 0 && id == instrumentId)
        {
            instrumentMatched = true;
        }
    }

    private void eventInstrument(final int id)
    {
        if (eventInstrumentId == CommandFormatter.UNKNOWN_INSTRUMENT)
        {
            eventInstrumentId = id;
        }
        instrument(id);
    }

    private void order(final long id)
    {
        if (id != 0 && id == orderId)
        {
            orderMatched = true;
        }
    }

    private void owner(final long id)
    {
        if (!anyOwner && id == owner)
        {
            ownerMatched = true;
        }
    }

    @Override
    public void onOrderAccepted(final OrderAcceptedDecoder e)
    {
        knownOrders.accepted(e.orderId(), e.owner(), e.clientOrderId(), e.instrumentId());
        eventInstrument(e.instrumentId());
        order(e.orderId());
        owner(e.owner());
    }

    @Override
    public void onOrderRejected(final OrderRejectedDecoder e)
    {
        eventInstrument(e.instrumentId());
        owner(e.owner());
    }

    @Override
    public void onTrade(final TradeDecoder e)
    {
        eventInstrument(e.instrumentId());
        order(e.makerOrderId());
        order(e.takerOrderId());
        owner(e.makerOwner());
        owner(e.takerOwner());
        if (e.makerLeavesQuantity() == 0)
        {
            knownOrders.done(e.makerOrderId(), e.makerOwner(), e.makerClientOrderId());
        }
        if (e.takerLeavesQuantity() == 0)
        {
            knownOrders.done(e.takerOrderId(), e.takerOwner(), e.takerClientOrderId());
        }
    }

    @Override
    public void onOrderCancelled(final OrderCancelledDecoder e)
    {
        knownOrders.done(e.orderId(), e.owner(), e.clientOrderId());
        eventInstrument(e.instrumentId());
        order(e.orderId());
        owner(e.owner());
    }

    @Override
    public void onOrderReplaced(final OrderReplacedDecoder e)
    {
        knownOrders.replaced(e.orderId(), e.owner(), e.origClientOrderId(), e.clientOrderId());
        if (e.leavesQuantity() == 0)
        {
            knownOrders.done(e.orderId(), e.owner(), e.clientOrderId());
        }
        eventInstrument(e.instrumentId());
        order(e.orderId());
        owner(e.owner());
    }

    @Override
    public void onCancelRejected(final CancelRejectedDecoder e)
    {
        order(e.orderId());
        owner(e.owner());
    }

    @Override
    public void onReplaceRejected(final ReplaceRejectedDecoder e)
    {
        order(e.orderId());
        owner(e.owner());
    }

    @Override
    public void onMassCancelCompleted(final MassCancelCompletedDecoder e)
    {
        instrument(e.instrumentId());
        owner(e.owner());
    }

    @Override
    public void onEndOfDayCompleted(final EndOfDayCompletedDecoder e)
    {
        instrument(e.instrumentId());
    }
}

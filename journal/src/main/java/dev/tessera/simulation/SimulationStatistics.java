package dev.tessera.simulation;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.EventAdapter;
import dev.tessera.engine.EventBuffer;
import dev.tessera.engine.EventListener;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.CancelRejectedDecoder;
import dev.tessera.engine.codec.OrderAcceptedDecoder;
import dev.tessera.engine.codec.OrderCancelledDecoder;
import dev.tessera.engine.codec.OrderRejectedDecoder;
import dev.tessera.engine.codec.OrderReplacedDecoder;
import dev.tessera.engine.codec.RejectReason;
import dev.tessera.engine.codec.ReplaceRejectedDecoder;
import dev.tessera.engine.codec.TradeDecoder;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-instrument statistics of a run, fed with each command's events and then the book it touched.
 * Commands for instruments that are not configured, which the engine rejects as {@code UNKNOWN_INSTRUMENT}, are
 * counted apart: new orders under {@link #unconfiguredOrders()}, mass cancels and end-of-day commands under
 * {@link #unconfiguredRequests()}.
 */
public final class SimulationStatistics implements EventListener
{
    private final EventAdapter adapter = new EventAdapter();
    private final Int2ObjectHashMap<InstrumentStatistics> byId = new Int2ObjectHashMap<>();
    private final List<InstrumentStatistics> inOrder = new ArrayList<>();
    private InstrumentStatistics touched;
    private final long[] rejectsByReason = new long[RejectReason.values().length];
    private final long[] requestRejectsByReason = new long[RejectReason.values().length];
    private long requestRejects;
    private long unconfiguredOrders;
    private long unconfiguredRequests;

    public SimulationStatistics(final List<InstrumentConfig> instruments)
    {
        for (final InstrumentConfig instrument : instruments)
        {
            final InstrumentStatistics statistics = new InstrumentStatistics(instrument);
            byId.put(instrument.id(), statistics);
            inOrder.add(statistics);
        }
    }

    /** After the engine ran a command: reads its events, then samples the book they touched. */
    public void onCommand(final MatchingEngine engine, final long timestamp)
    {
        final EventBuffer events = engine.events();
        touched = null;
        if (events.length() > 0)
        {
            adapter.read(events.buffer(), 0, events.length(), this);
        }
        if (touched != null)
        {
            touched.sample(timestamp, engine.book(touched.instrument().id()));
        }
    }

    private InstrumentStatistics of(final int instrumentId)
    {
        // null only when the engine has instruments these statistics lack: those events are not this run's to show
        final InstrumentStatistics statistics = byId.get(instrumentId);
        if (statistics != null)
        {
            touched = statistics;
        }
        return statistics;
    }

    @Override
    public void onOrderAccepted(final OrderAcceptedDecoder event)
    {
        final InstrumentStatistics statistics = of(event.instrumentId());
        if (statistics != null)
        {
            statistics.orders++;
            statistics.acceptedQuantity += event.quantity();
        }
    }

    @Override
    public void onOrderRejected(final OrderRejectedDecoder event)
    {
        rejectsByReason[event.reason().ordinal()]++;
        final InstrumentStatistics statistics = byId.get(event.instrumentId());
        if (statistics != null)
        {
            statistics.rejects++;
        }
        else
        {
            unconfiguredOrders++;
        }
    }

    @Override
    public void onTrade(final TradeDecoder event)
    {
        final InstrumentStatistics statistics = of(event.instrumentId());
        if (statistics != null)
        {
            statistics.onTrade(event.timestamp(), event.price(), event.quantity());
        }
    }

    @Override
    public void onOrderCancelled(final OrderCancelledDecoder event)
    {
        final InstrumentStatistics statistics = of(event.instrumentId());
        if (statistics != null)
        {
            statistics.cancels++;
        }
    }

    @Override
    public void onOrderReplaced(final OrderReplacedDecoder event)
    {
        final InstrumentStatistics statistics = of(event.instrumentId());
        if (statistics != null)
        {
            statistics.replaces++;
        }
    }

    @Override
    public void onCancelRejected(final CancelRejectedDecoder event)
    {
        if (event.reason() == RejectReason.UNKNOWN_INSTRUMENT)
        {
            // only a mass cancel or an end of day names an instrument; a cancel names an order
            unconfiguredRequests++;
            return;
        }
        requestRejects++;
        requestRejectsByReason[event.reason().ordinal()]++;
    }

    @Override
    public void onReplaceRejected(final ReplaceRejectedDecoder event)
    {
        requestRejects++;
        requestRejectsByReason[event.reason().ordinal()]++;
    }

    public List<InstrumentStatistics> instruments()
    {
        return inOrder;
    }

    /**
     * Cancel and replace requests rejected (unknown order, not the owner, ...): they name no instrument. Not the mass
     * cancels rejected for an instrument the configuration lacks ({@link #unconfiguredRequests()}).
     */
    public long requestRejects()
    {
        return requestRejects;
    }

    /** Cancel and replace requests rejected for {@code reason}. */
    public long requestRejects(final RejectReason reason)
    {
        return requestRejectsByReason[reason.ordinal()];
    }

    /** New orders for instruments the configuration lacks: rejected, and in no instrument's row. */
    public long unconfiguredOrders()
    {
        return unconfiguredOrders;
    }

    /** Mass cancels and end-of-day commands for an instrument the configuration lacks: rejected. */
    public long unconfiguredRequests()
    {
        return unconfiguredRequests;
    }

    /** Orders rejected for {@code reason}, on any instrument, configured or not. */
    public long rejects(final RejectReason reason)
    {
        return rejectsByReason[reason.ordinal()];
    }
}

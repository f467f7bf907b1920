package dev.tessera.engine;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.agrona.ExpandableDirectByteBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Drives a {@link MatchingEngine} the way the pipeline will: encodes each command into a buffer,
 * stamps sequence and a deterministic timestamp, and decodes what came out.
 */
public final class EngineDriver
{
    public static final long TIME_ORIGIN = 1_700_000_000_000_000_000L;

    private final MatchingEngine engine;
    private final CommandEncoder encoder = new CommandEncoder();
    private final EventRecorder recorder = new EventRecorder();
    private final ExpandableDirectByteBuffer command = new ExpandableDirectByteBuffer(256);
    private final List<EngineEvent> history = new ArrayList<>();
    private long sequence;

    public EngineDriver(final InstrumentConfig... instruments)
    {
        this(new MatchingEngine(List.of(instruments), 1024));
    }

    public EngineDriver(final MatchingEngine engine)
    {
        this.engine = engine;
    }

    public MatchingEngine engine()
    {
        return engine;
    }

    /** Every event produced so far, in order. */
    public List<EngineEvent> history()
    {
        return List.copyOf(history);
    }

    public long lastSequence()
    {
        return sequence;
    }

    public long timestampOf(final long commandSequence)
    {
        return TIME_ORIGIN + commandSequence * 1_000L;
    }

    public List<EngineEvent> limit(
        final long owner, final int instrumentId, final long clientOrderId, final Side side, final long price,
        final long quantity)
    {
        return newOrder(owner, instrumentId, clientOrderId, side, OrderType.LIMIT, TimeInForce.GTC, false, price, quantity);
    }

    public List<EngineEvent> market(
        final long owner, final int instrumentId, final long clientOrderId, final Side side, final long quantity)
    {
        return newOrder(owner, instrumentId, clientOrderId, side, OrderType.MARKET, TimeInForce.IOC, false, 0, quantity);
    }

    public List<EngineEvent> newOrder(
        final long owner, final int instrumentId, final long clientOrderId, final Side side, final OrderType orderType,
        final TimeInForce timeInForce, final boolean postOnly, final long price, final long quantity)
    {
        final long seq = ++sequence;
        final int length = encoder.newOrder(command, 0, seq, timestampOf(seq), owner, instrumentId, clientOrderId, side,
            orderType, timeInForce, postOnly, price, quantity);
        return run(length);
    }

    public List<EngineEvent> cancel(final long owner, final long orderId, final long clientOrderId)
    {
        final long seq = ++sequence;
        return run(encoder.cancelOrder(command, 0, seq, timestampOf(seq), owner, orderId, 0, clientOrderId));
    }

    public List<EngineEvent> cancelByClientOrderId(final long owner, final long origClientOrderId, final long clientOrderId)
    {
        final long seq = ++sequence;
        return run(encoder.cancelOrder(command, 0, seq, timestampOf(seq), owner, 0, origClientOrderId, clientOrderId));
    }

    public List<EngineEvent> replace(
        final long owner, final long orderId, final long clientOrderId, final long price, final long quantity)
    {
        final long seq = ++sequence;
        return run(encoder.replaceOrder(
            command, 0, seq, timestampOf(seq), owner, orderId, 0, clientOrderId, price, quantity));
    }

    public List<EngineEvent> replaceByClientOrderId(
        final long owner, final long origClientOrderId, final long clientOrderId, final long price, final long quantity)
    {
        final long seq = ++sequence;
        return run(encoder.replaceOrder(
            command, 0, seq, timestampOf(seq), owner, 0, origClientOrderId, clientOrderId, price, quantity));
    }

    public List<EngineEvent> massCancel(final long owner, final long clientOrderId, final int instrumentId)
    {
        final long seq = ++sequence;
        return run(encoder.massCancel(command, 0, seq, timestampOf(seq), owner, clientOrderId, instrumentId));
    }

    public List<EngineEvent> endOfDay(final int instrumentId)
    {
        final long seq = ++sequence;
        return run(encoder.endOfDay(command, 0, seq, timestampOf(seq), instrumentId));
    }

    /** Runs raw command bytes (already in the driver's buffer). */
    private List<EngineEvent> run(final int length)
    {
        final int count = engine.onCommand(command, 0, length);
        if (count < 0)
        {
            throw new IllegalStateException("engine did not recognise the command: " + count);
        }
        final List<EngineEvent> events = recorder.decode(engine.events());
        history.addAll(events);
        return events;
    }

    /** L3 of one book: every resting order in priority order. */
    public List<RestingOrder> restingOrders(final int instrumentId)
    {
        final List<RestingOrder> orders = new ArrayList<>();
        engine.book(instrumentId).forEachOrder((side, price, orderId, owner, clientOrderId, quantity, leaves) ->
            orders.add(new RestingOrder(side, price, orderId, owner, clientOrderId, quantity, leaves)));
        return orders;
    }

    public record RestingOrder(
        Side side, long price, long orderId, long owner, long clientOrderId, long quantity, long leavesQuantity)
    {
    }
}

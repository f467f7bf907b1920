package dev.tessera.perf;

import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.perf.workload.Workload;
import org.agrona.MutableDirectBuffer;

/**
 * A {@link Workload} command as Tessera's SBE command: a place is a limit order, a cancel and a move or
 * reduce (a replace) name their order by the owner's client order id. One encoding for the ring slots the
 * benchmarks fill and for the reference engine that computes a workload's trades while it is built, so
 * both run exactly the same bytes.
 */
final class WorkloadEncoding
{
    private WorkloadEncoding()
    {
    }

    /**
     * Encodes one workload command (its fields as {@link Workload} stores them) for {@code instrumentId}; returns its
     * length. Plain values rather than the workload itself: a benchmark's producer calls this for every command,
     * and the set-up reads a {@link Workload.Builder}, so a shared view would leave the measured call sites bimorphic.
     */
    static int encode(
        final CommandEncoder encoder, final MutableDirectBuffer buffer, final int offset, final long sequence,
        final long timestamp, final int instrumentId, final byte kind, final byte side, final byte timeInForce,
        final long owner, final long clientOrderId, final long origClientOrderId, final long price, final long quantity)
    {
        switch (kind)
        {
            case Workload.PLACE:
                return encoder.newOrder(buffer, offset, sequence, timestamp, owner, instrumentId, clientOrderId, side(side),
                    OrderType.LIMIT, timeInForce(timeInForce), false, price, quantity);
            case Workload.CANCEL:
                return encoder.cancelOrder(buffer, offset, sequence, timestamp, owner, 0, origClientOrderId, clientOrderId);
            case Workload.MOVE:
                return encoder.replaceOrder(buffer, offset, sequence, timestamp, owner, 0, origClientOrderId, clientOrderId,
                    price, CommandEncoder.UNCHANGED);
            default:
                return encoder.replaceOrder(buffer, offset, sequence, timestamp, owner, 0, origClientOrderId, clientOrderId,
                    CommandEncoder.UNCHANGED, quantity);
        }
    }

    static Side side(final byte side)
    {
        return side == Workload.BUY ? Side.BUY : Side.SELL;
    }

    static TimeInForce timeInForce(final byte timeInForce)
    {
        return timeInForce == Workload.IOC ? TimeInForce.IOC : TimeInForce.GTC;
    }
}

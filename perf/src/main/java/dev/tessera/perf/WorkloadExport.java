package dev.tessera.perf;

import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.codec.BooleanType;
import dev.tessera.engine.codec.CancelOrderDecoder;
import dev.tessera.engine.codec.NewOrderDecoder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.ReplaceOrderDecoder;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.journal.tools.CommandReader;
import dev.tessera.perf.workload.Workload;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A generated {@link Ring} as a {@link Workload}: the engine-neutral form both sides of the comparison
 * read. Each order gets an {@code orderKey} for its whole life: a new key per new (owner, clientOrderId),
 * the same key when a command enters an order under a pair that was entered before (the restoring tail
 * re-enters the start book under its first ids, so the body stays cyclic for every engine), and a
 * replace carries its target's key to the new client id. A replace becomes a move (new price) or a
 * reduce (smaller total at the same price; the amount taken off is the old total less the new one,
 * whatever was filled meanwhile, as both engines count it). Anything else (market, FOK, post-only,
 * mass cancel, addressing by orderId, a replace of both price and quantity) has no exchange-core
 * equivalent, and the export refuses it.
 */
final class WorkloadExport
{
    private final CommandReader reader = new CommandReader();
    private final Long2LongHashMap keyOf = new Long2LongHashMap(-1);
    private final Long2LongHashMap totalOf = new Long2LongHashMap(-1);
    private final Workload.Builder builder;
    private long nextKey;

    private WorkloadExport(final int expectedCommands)
    {
        builder = new Workload.Builder(expectedCommands);
    }

    static Workload of(final Ring ring)
    {
        final int prologue = ring.prologueOffsets.length - 1;
        final WorkloadExport export = new WorkloadExport(prologue + ring.count);
        for (int i = 0; i < prologue; i++)
        {
            export.add(ring, ring.prologue, ring.prologueOffsets[i], ring.prologueOffsets[i + 1]);
        }
        for (int i = 0; i < ring.count; i++)
        {
            export.add(ring, ring.body, ring.offsets[i], ring.offsets[i + 1]);
        }
        return export.builder.build("Tessera perf ring '" + ring.name + "' (seed " + Long.toHexString(Rings.SEED) + "): " +
            ring.composition, BenchInstrument.ID, prologue, ring.trades);
    }

    private void add(final Ring ring, final UnsafeBuffer buffer, final int from, final int to)
    {
        final int at = builder.size();
        switch (reader.wrap(buffer, from, to - from))
        {
            case NewOrderDecoder.TEMPLATE_ID:
            {
                final NewOrderDecoder command = reader.newOrder();
                final TimeInForce timeInForce = command.timeInForce();
                require(ring, at, command.orderType() == OrderType.LIMIT && command.postOnly() != BooleanType.TRUE &&
                    (timeInForce == TimeInForce.GTC || timeInForce == TimeInForce.IOC), "only GTC and IOC limit orders");
                final long pair = BookModel.key(command.owner(), command.clientOrderId());
                long key = keyOf.get(pair);
                if (key < 0)
                {
                    key = ++nextKey;
                    keyOf.put(pair, key);
                }
                totalOf.put(key, command.quantity());
                builder.place(owner(command.owner()), key, command.clientOrderId(),
                    command.side() == Side.BUY ? Workload.BUY : Workload.SELL,
                    timeInForce == TimeInForce.IOC ? Workload.IOC : Workload.GTC, command.price(), command.quantity());
                break;
            }
            case CancelOrderDecoder.TEMPLATE_ID:
            {
                final CancelOrderDecoder command = reader.cancelOrder();
                require(ring, at, command.orderId() == 0, "orders addressed by client order id");
                builder.cancel(owner(command.owner()), target(ring, at, command.owner(), command.origClientOrderId()),
                    command.origClientOrderId(), command.clientOrderId());
                break;
            }
            case ReplaceOrderDecoder.TEMPLATE_ID:
            {
                final ReplaceOrderDecoder command = reader.replaceOrder();
                require(ring, at, command.orderId() == 0, "orders addressed by client order id");
                final long key = target(ring, at, command.owner(), command.origClientOrderId());
                keyOf.put(BookModel.key(command.owner(), command.clientOrderId()), key);
                final boolean newPrice = command.price() != CommandEncoder.UNCHANGED;
                final boolean newQuantity = command.quantity() != ReplaceOrderDecoder.quantityNullValue();
                if (newPrice && !newQuantity)
                {
                    builder.move(owner(command.owner()), key, command.origClientOrderId(), command.clientOrderId(), command.price());
                }
                else
                {
                    final long total = totalOf.get(key);
                    require(ring, at, !newPrice && newQuantity && command.quantity() < total,
                        "replaces that change the price or lower the quantity, not both");
                    totalOf.put(key, command.quantity());
                    builder.reduce(owner(command.owner()), key, command.origClientOrderId(), command.clientOrderId(),
                        command.quantity(), total - command.quantity());
                }
                break;
            }
            default:
                require(ring, at, false, "new orders, cancels and replaces");
        }
    }

    private long target(final Ring ring, final int at, final long owner, final long clientOrderId)
    {
        final long key = keyOf.get(BookModel.key(owner, clientOrderId));
        require(ring, at, key > 0, "commands that name an order entered before them");
        return key;
    }

    private static int owner(final long owner)
    {
        return Math.toIntExact(owner);
    }

    private static void require(final Ring ring, final int at, final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(ring.name + ": command " + at + " cannot be a workload command: a workload holds " +
                what);
        }
    }
}

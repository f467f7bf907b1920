package dev.tessera.engine;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.agrona.MutableDirectBuffer;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic random order flow for journals in tests: limit orders within ten ticks of each
 * instrument's reference price that often cross (60%; some IOC, 2% a price unit off the tick),
 * cancels (20%) and quantity replaces (18%) of earlier order ids, the odd mass cancel (1%) and end
 * of day (1%); four owners. Resting orders are GTC, one in ten DAY, so that an end of day expires some. The same seed always gives the same commands against the same engine.
 */
public final class RandomOrderFlow
{
    private final CommandEncoder encoder = new CommandEncoder();
    private final InstrumentConfig[] instruments;
    private final SplittableRandom random;

    public RandomOrderFlow(final long seed, final List<InstrumentConfig> instruments)
    {
        this.instruments = instruments.toArray(new InstrumentConfig[0]);
        this.random = new SplittableRandom(seed);
    }

    /**
     * Encodes the next command at offset 0.
     *
     * @param lastOrderId the engine's last order id, which cancels and replaces aim below
     * @return the command's length
     */
    public int next(final MutableDirectBuffer buffer, final long sequence, final long timestamp, final long lastOrderId)
    {
        final long owner = 1 + random.nextInt(4);
        final int dice = random.nextInt(100);
        final long someOrder = 1 + random.nextLong(Math.max(1, lastOrderId));
        if (dice < 60)
        {
            final InstrumentConfig instrument = instruments[random.nextInt(instruments.length)];
            final long offTick = dice < 2 ? 1 : 0;
            final long price = instrument.referencePrice() + (random.nextInt(21) - 10) * instrument.tickSize() + offTick;
            return encoder.newOrder(buffer, 0, sequence, timestamp, owner, instrument.id(), sequence,
                random.nextBoolean() ? Side.BUY : Side.SELL, OrderType.LIMIT,
                dice < 45 ? TimeInForce.GTC : dice < 50 ? TimeInForce.DAY : TimeInForce.IOC, false, price, 1 + random.nextInt(100));
        }
        if (dice < 80)
        {
            return encoder.cancelOrder(buffer, 0, sequence, timestamp, owner, someOrder, 0, sequence);
        }
        if (dice < 98)
        {
            return encoder.replaceOrder(buffer, 0, sequence, timestamp, owner, someOrder, 0, sequence,
                CommandEncoder.UNCHANGED, 1 + random.nextInt(100));
        }
        if (dice < 99)
        {
            return encoder.massCancel(buffer, 0, sequence, timestamp, owner, sequence, 0);
        }
        return encoder.endOfDay(buffer, 0, sequence, timestamp, 0);
    }
}

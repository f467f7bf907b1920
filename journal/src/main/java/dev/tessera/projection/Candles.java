package dev.tessera.projection;

import dev.tessera.engine.codec.TradeDecoder;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OHLC candles per instrument at one interval, from the trade events: open is the first trade of
 * the interval in journal order, close the last; volume and trade count add up. A trade stamped
 * earlier than the current candle (clocks are the commands', which a simulation may not order)
 * still lands in its own interval's candle.
 */
public final class Candles extends EventProjection
{
    private final CandleInterval interval;
    private final Int2ObjectHashMap<TreeMap<Long, Candle>> byInstrument = new Int2ObjectHashMap<>();

    public Candles(final CandleInterval interval)
    {
        this.interval = interval;
    }

    @Override
    public void onTrade(final TradeDecoder event)
    {
        final int instrumentId = event.instrumentId();
        final long start = interval.startOf(event.timestamp());
        final TreeMap<Long, Candle> candles = byInstrument.computeIfAbsent(instrumentId, id -> new TreeMap<>());
        final Candle candle = candles.get(start);
        candles.put(start, candle == null ? Candle.first(instrumentId, start, event.price(), event.quantity()) :
            candle.with(event.price(), event.quantity()));
    }

    public CandleInterval interval()
    {
        return interval;
    }

    /** One instrument's candles, oldest first. */
    public synchronized List<Candle> candles(final int instrumentId)
    {
        final TreeMap<Long, Candle> candles = byInstrument.get(instrumentId);
        return candles == null ? List.of() : List.copyOf(candles.values());
    }

    /** Every instrument's candles, by instrument id, then oldest first. */
    public synchronized List<Candle> candles()
    {
        final List<Candle> all = new ArrayList<>();
        final TreeMap<Integer, TreeMap<Long, Candle>> sorted = new TreeMap<>(byInstrument);
        for (final Map.Entry<Integer, TreeMap<Long, Candle>> instrument : sorted.entrySet())
        {
            all.addAll(instrument.getValue().values());
        }
        return all;
    }

    @Override
    public String name()
    {
        return "candles " + interval;
    }
}

package dev.tessera.gateway;

import dev.tessera.config.InstrumentConfig;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.List;

/**
 * Instrument ids to FIX Symbol(55) and back, built once from the configuration. Ids also name the instruments the
 * configuration has left out of the journal's, so that reports about their orders made from history (a catch-up,
 * a resend) carry the symbol and prices they were first sent with; symbols name configured instruments only.
 */
final class Symbols
{
    private final Int2ObjectHashMap<InstrumentConfig> byId = new Int2ObjectHashMap<>();
    private final List<InstrumentConfig> instruments;
    private final Int2ObjectHashMap<String> aboveNotionalLimit = new Int2ObjectHashMap<>();

    Symbols(final List<InstrumentConfig> instruments)
    {
        this(instruments, List.of());
    }

    /** @param leftOut the journal's instruments that {@code instruments} leaves out (id, symbol, priceScale). */
    Symbols(final List<InstrumentConfig> instruments, final List<InstrumentConfig> leftOut)
    {
        this.instruments = List.copyOf(instruments);
        for (final InstrumentConfig instrument : leftOut)
        {
            byId.put(instrument.id(), instrument);
        }
        for (final InstrumentConfig instrument : instruments)
        {
            byId.put(instrument.id(), instrument);
            if (instrument.priceBandBps() == 0)
            {
                aboveNotionalLimit.put(instrument.id(), "price above " +
                    instrument.formatPrice(instrument.highestPrice()) + ", the most whose notional at maxQuantity (" +
                    instrument.maxQuantity() + ") fits 64 bits");
            }
        }
    }

    InstrumentConfig byId(final int instrumentId)
    {
        return byId.get(instrumentId);
    }

    /**
     * Text(58) of a limit price refused on a configured instrument without a price band: above the highest price
     * whose notional at maxQuantity fits a long, the only limit it has ({@link InstrumentConfig#highestPrice}); made
     * once, so a reject allocates nothing. {@code null} for an instrument with a band, or not configured.
     */
    String aboveNotionalLimit(final int instrumentId)
    {
        return aboveNotionalLimit.get(instrumentId);
    }

    /** @return the instrument whose symbol these ASCII bytes spell, or {@code null}. Allocation-free. */
    InstrumentConfig bySymbol(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < instruments.size(); i++)
        {
            final InstrumentConfig instrument = instruments.get(i);
            final String symbol = instrument.symbol();
            if (symbol.length() == length && matches(symbol, buffer, offset))
            {
                return instrument;
            }
        }
        return null;
    }

    /** The configured instruments. */
    List<InstrumentConfig> all()
    {
        return instruments;
    }

    private static boolean matches(final String symbol, final DirectBuffer buffer, final int offset)
    {
        for (int i = 0; i < symbol.length(); i++)
        {
            if (buffer.getByte(offset + i) != symbol.charAt(i))
            {
                return false;
            }
        }
        return true;
    }
}

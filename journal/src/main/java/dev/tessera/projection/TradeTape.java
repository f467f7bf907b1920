package dev.tessera.projection;

import dev.tessera.engine.codec.TradeDecoder;

import java.util.ArrayList;
import java.util.List;

/** The trade tape: every trade of every instrument (or of one), in the order the engine made them. */
public final class TradeTape extends EventProjection
{
    /** Keep every instrument. */
    public static final int ALL_INSTRUMENTS = 0;

    private final int instrumentId;
    private final String symbol;
    private final List<TradePrint> prints = new ArrayList<>();

    public TradeTape()
    {
        this(ALL_INSTRUMENTS);
    }

    /** @param instrumentId keep only this instrument's trades, or {@link #ALL_INSTRUMENTS}. */
    public TradeTape(final int instrumentId)
    {
        this(instrumentId, null);
    }

    /**
     * @param instrumentId keep only this instrument's trades, or {@link #ALL_INSTRUMENTS}.
     * @param symbol       the instrument's symbol, for {@link #name()}; null to name it by its id.
     */
    public TradeTape(final int instrumentId, final String symbol)
    {
        this.instrumentId = instrumentId;
        this.symbol = symbol;
    }

    @Override
    public void onTrade(final TradeDecoder event)
    {
        if (instrumentId == ALL_INSTRUMENTS || event.instrumentId() == instrumentId)
        {
            prints.add(new TradePrint(applyingRecordSequence(), event.sequence(), event.timestamp(), event.instrumentId(),
                event.price(), event.quantity(), event.aggressorSide(), event.makerOrderId(), event.makerOwner(),
                event.takerOrderId(), event.takerOwner(), event.makerClientOrderId(), event.takerClientOrderId()));
        }
    }

    /** A copy of the tape. */
    public synchronized List<TradePrint> prints()
    {
        return List.copyOf(prints);
    }

    /** The last {@code count} prints (the newest at the end). */
    public synchronized List<TradePrint> latest(final int count)
    {
        return List.copyOf(prints.subList(Math.max(0, prints.size() - count), prints.size()));
    }

    public synchronized int size()
    {
        return prints.size();
    }

    @Override
    public String name()
    {
        return instrumentId == ALL_INSTRUMENTS ? "trade tape" : symbol != null ? "trade tape of " + symbol :
            "trade tape of instrument " + instrumentId;
    }
}

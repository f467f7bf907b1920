package dev.tessera.journal;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.OrderBook;

import java.util.ArrayList;
import java.util.List;

/**
 * Which resting orders the configured trading rules would not take now: a tick, lot, quantity limit or band changed
 * between runs (which the configuration may do) leaves them resting and trading as entered, and a replace of one
 * must meet the new rules. Said once at the start, per instrument, so that the operator who changed a rule learns
 * what it left behind rather than its owners learning it from refused replaces (QA 116 F3).
 */
public final class RestingOrderRules
{
    private RestingOrderRules()
    {
    }

    /** One line per configured instrument with resting orders its rules would not take; none when all fit. */
    public static List<String> misfits(final MatchingEngine engine, final List<InstrumentConfig> instruments)
    {
        final List<String> lines = new ArrayList<>();
        for (final InstrumentConfig instrument : instruments)
        {
            final OrderBook book = engine.book(instrument.id());
            if (book == null)
            {
                continue;
            }
            final long[] counts = new long[4]; // orders, off tick, outside band, quantity out of the rules
            book.forEachOrder((side, price, orderId, owner, clientOrderId, quantity, leavesQuantity) ->
            {
                final boolean offTick = price % instrument.tickSize() != 0;
                final boolean outsideBand = price < instrument.lowestPrice() || price > instrument.highestPrice();
                final boolean quantityOut = quantity % instrument.lotSize() != 0 || quantity < instrument.minQuantity() ||
                    quantity > instrument.maxQuantity();
                counts[0] += offTick || outsideBand || quantityOut ? 1 : 0;
                counts[1] += offTick ? 1 : 0;
                counts[2] += outsideBand ? 1 : 0;
                counts[3] += quantityOut ? 1 : 0;
            });
            if (counts[0] > 0)
            {
                lines.add("recovery: WARNING " + counts[0] + " resting order(s) of " + instrument.symbol() +
                    " do not meet its configured rules (" + counts[1] + " off the tick " +
                    instrument.formatPrice(instrument.tickSize()) + ", " + counts[2] + " outside the prices " +
                    instrument.formatPrice(instrument.lowestPrice()) + " to " +
                    instrument.formatPrice(instrument.highestPrice()) + ", " + counts[3] + " of a quantity off lot " +
                    instrument.lotSize() + " or outside " + instrument.minQuantity() + " to " +
                    instrument.maxQuantity() + "): entered under earlier rules, they rest and trade as entered; a " +
                    "replace of one must meet these rules, a cancel always can (`bin/tessera book --orders` lists them)");
            }
        }
        return lines;
    }
}

package dev.tessera.journal;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** QA 116 F3: orders entered under earlier rules rest on under new ones without a word; the start now says so. */
class RestingOrderRulesTest
{
    private static final InstrumentConfig ENTERED =
        new InstrumentConfig("TEST", 1, 2, 1, 1, 1, 1_000, 10_000, 1_000, SelfTradePrevention.NONE);

    private final CommandEncoder encoder = new CommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
    private final MatchingEngine engine = new MatchingEngine(List.of(ENTERED));
    private long sequence;

    private void rest(final Side side, final long price, final long quantity)
    {
        final long seq = ++sequence;
        final int length = encoder.newOrder(buffer, 0, seq, seq, 7, ENTERED.id(), seq, side, OrderType.LIMIT,
            TimeInForce.GTC, false, price, quantity);
        engine.onCommand(buffer, 0, length);
    }

    @Test
    void shouldNameEachInstrumentWhoseRestingOrdersItsRulesWouldNotTakeNow()
    {
        rest(Side.BUY, 9_990, 100);   // fits both
        rest(Side.BUY, 9_993, 100);   // off a tick of 0.05
        rest(Side.SELL, 10_900, 100); // outside a 5% band, on the tick
        rest(Side.SELL, 10_010, 550); // above a maximum of 500
        assertThat(RestingOrderRules.misfits(engine, List.of(ENTERED))).as("as entered").isEmpty();

        final InstrumentConfig changed =
            new InstrumentConfig("TEST", 1, 2, 5, 1, 1, 500, 10_000, 500, SelfTradePrevention.NONE);
        assertThat(RestingOrderRules.misfits(engine, List.of(changed))).singleElement().asString()
            .startsWith("recovery: WARNING 3 resting order(s) of TEST do not meet its configured rules (1 off the tick " +
                "0.05, 1 outside the prices 95.00 to 105.00, 1 of a quantity off lot 1 or outside 1 to 500)")
            .contains("a replace of one must meet these rules, a cancel always can");
    }
}

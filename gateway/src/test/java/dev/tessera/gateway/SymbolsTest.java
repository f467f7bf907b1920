package dev.tessera.gateway;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SelfTradePrevention;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SymbolsTest
{
    private static final InstrumentConfig AAPL =
        new InstrumentConfig("AAPL", 1, 2, 1, 1, 1, 1_000_000, 19_000, 0, SelfTradePrevention.NONE);
    private static final InstrumentConfig LEFT_OUT =
        new InstrumentConfig("BTC-USD", 3, 2, 1, 1, 1, 1, 1, 0, SelfTradePrevention.NONE);

    private final Symbols symbols = new Symbols(List.of(AAPL), List.of(LEFT_OUT));

    @Test
    void shouldNameALeftOutInstrumentsOrdersButTakeNoOrderForIt()
    {
        // Reports about its orders made from history (a catch-up, a resend) carry its symbol and prices.
        assertThat(symbols.byId(3)).isSameAs(LEFT_OUT);
        assertThat(symbols.byId(1)).isSameAs(AAPL);
        // An order or a market data request naming it finds nothing, as for a symbol never configured.
        assertThat(symbols.bySymbol(ascii("BTC-USD"), 0, 7)).isNull();
        assertThat(symbols.bySymbol(ascii("AAPL"), 0, 4)).isSameAs(AAPL);
        assertThat(symbols.all()).containsExactly(AAPL);
    }

    private static UnsafeBuffer ascii(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }
}

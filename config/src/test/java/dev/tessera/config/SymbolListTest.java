package dev.tessera.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SymbolListTest
{
    @Test
    void shouldListFewInstrumentsWhole()
    {
        assertThat(SymbolList.describe(List.of("AAPL", "MSFT"), Function.identity(), symbol -> symbol + "!", "GOOG"))
            .isEqualTo("AAPL!, MSFT!");
    }

    /** QA 135 D3: 2,000 symbols made a 14 KB line; the count and the nearest say what matters. */
    @Test
    void shouldNameTheNearestOfMany()
    {
        final List<String> symbols = IntStream.rangeClosed(1, 2_000).mapToObj(i -> String.format("S%04d", i)).toList();

        assertThat(SymbolList.describe(symbols, Function.identity(), Function.identity(), "S1O37"))
            .startsWith("2,000 instruments, the nearest to S1O37: S1037, ")
            .hasSizeLessThan(100);
    }

    @Test
    void shouldCountEditsOfOneCharacterEach()
    {
        assertThat(SymbolList.editDistance("S1O37", "S1037")).isEqualTo(1);
        assertThat(SymbolList.editDistance("AAPL", "APL")).isEqualTo(1);
        assertThat(SymbolList.editDistance("", "MSFT")).isEqualTo(4);
        assertThat(SymbolList.editDistance("BTC-USD", "BTC-USD")).isZero();
    }
}

package dev.tessera.report;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextTableTest
{
    @Test
    void shouldAlignNumbersRightAndTextLeft()
    {
        final StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text))
        {
            TextTable.print(out, List.of("instrument", "trades", "vwap"),
                List.of(List.of("AAPL", "1,204", "190.0100"), List.of("BTC-USD", "7", "")));
        }

        assertThat(text.toString()).isEqualTo(
            "instrument  trades      vwap\n" +
            "AAPL         1,204  190.0100\n" +
            "BTC-USD          7\n");
    }

    @Test
    void shouldTellNumbersFromText()
    {
        assertThat(TextTable.numeric("-0.25")).isTrue();
        assertThat(TextTable.numeric("95.20%")).isTrue();
        assertThat(TextTable.numeric("BTC-USD")).isFalse();
        assertThat(TextTable.numeric("-")).isFalse();
        assertThat(TextTable.numeric("")).isFalse();
    }
}

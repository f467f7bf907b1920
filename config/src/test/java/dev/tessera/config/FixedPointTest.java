package dev.tessera.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FixedPointTest
{
    @ParameterizedTest(name = "{0} at scale {1} = {2}")
    @CsvSource({
        "190.25, 4, 1902500",
        "190.2500, 4, 1902500",
        "0.01, 2, 1",
        "0.0001, 4, 1",
        "60000.00, 2, 6000000",
        "-1.5, 4, -15000",
        "-0.0001, 4, -1",
        "0, 9, 0",
        "-0, 3, 0",
        "+7, 0, 7",
        "1e2, 2, 10000",
        "1.5E-1, 2, 15",
        "922337203685477.5807, 4, 9223372036854775807",
        "-922337203685477.5808, 4, -9223372036854775808",
    })
    void shouldParseDecimalsExactly(final String text, final int scale, final long expected)
    {
        assertThat(FixedPoint.parse(text, scale)).isEqualTo(expected);
    }

    @Test
    void shouldRejectMoreDecimalsThanTheScaleInsteadOfRounding()
    {
        assertThatThrownBy(() -> FixedPoint.parse("190.005", 2))
            .isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessage("190.005 has more decimals than priceScale 2 allows");
        assertThatThrownBy(() -> FixedPoint.parse("-0.00001", 4))
            .hasMessage("-0.00001 has more decimals than priceScale 4 allows");
        assertThatThrownBy(() -> FixedPoint.parse("0.5", 0))
            .hasMessage("0.5 has more decimals than priceScale 0 allows");
    }

    @Test
    void shouldRejectWhatIsNotADecimal()
    {
        for (final String text : new String[] {"", "abc", "1,5", " 1", "1.2.3", "NaN", "Infinity", "0x10", "\u0661"})
        {
            assertThatThrownBy(() -> FixedPoint.parse(text, 4))
                .as(text)
                .isInstanceOf(NumberFormatException.class)
                .hasMessage(Rules.quote(text) + " is not a decimal number");
        }
    }

    @Test
    void shouldRejectWhatDoesNotFitALong()
    {
        assertThatThrownBy(() -> FixedPoint.parse("922337203685477.5808", 4))
            .hasMessage("922337203685477.5808 is out of range for priceScale 4");
        assertThatThrownBy(() -> FixedPoint.parse("1e999999", 2))
            .hasMessage("1e999999 is out of range for priceScale 2");
    }

    @Test
    void shouldRejectScalesOutsideZeroToNine()
    {
        assertThatThrownBy(() -> FixedPoint.parse("1", 10)).hasMessage("priceScale must be between 0 and 9, got 10");
        assertThatThrownBy(() -> FixedPoint.format(1, -1)).hasMessage("priceScale must be between 0 and 9, got -1");
    }

    @ParameterizedTest(name = "{0} at scale {1} = {2}")
    @CsvSource({
        "1902500, 4, 190.2500",
        "1, 2, 0.01",
        "0, 4, 0.0000",
        "-1, 4, -0.0001",
        "-15000, 4, -1.5000",
        "42, 0, 42",
        "9223372036854775807, 9, 9223372036.854775807",
        "-9223372036854775808, 9, -9223372036.854775808",
        "-9223372036854775808, 1, -922337203685477580.8",
    })
    void shouldFormatWithExactlyScaleDecimals(final long value, final int scale, final String expected)
    {
        assertThat(FixedPoint.format(value, scale)).isEqualTo(expected);
        assertThat(FixedPoint.parse(expected, scale)).isEqualTo(value);
    }

    @Test
    void shouldShowPricesPlainlyInMessages()
    {
        assertThat(FixedPoint.plain(-10_000, 4)).isEqualTo("-1");
        assertThat(FixedPoint.plain(1_900_000, 4)).isEqualTo("190");
        assertThat(FixedPoint.plain(500, 4)).isEqualTo("0.05");
        assertThat(FixedPoint.plain(0, 4)).isEqualTo("0");
    }
}

package dev.tessera.fix;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class FixDecimalTest
{
    private static final BigInteger LOWEST = BigInteger.valueOf(FixDecimal.MIN_VALUE);
    private static final BigInteger HIGHEST = BigInteger.valueOf(Long.MAX_VALUE);

    @ParameterizedTest(name = "\"{0}\" at scale {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
        "190.25;               2;  19025",
        "190.2500;             2;  19025",
        "190.25;               4;  1902500",
        "190;                  4;  1900000",
        "0190.250;             3;  190250",
        "5.;                   0;  5",
        ".5;                   1;  5",
        "-0.5;                 1;  -5",
        "-0;                   2;  0",
        "0.000;                0;  0",
        "0.000000000000000001; 18; 1",
        "9.223372036854775807; 18; 9223372036854775807",
        "9223372036854775807;  0;  9223372036854775807",
        "92233720368547758.07; 2;  9223372036854775807",
        "-9223372036854775806; 0;  -9223372036854775806",
        "-92233720368547758.06;2;  -9223372036854775806",
    })
    void shouldParseExactly(final String text, final int scale, final long expected)
    {
        assertThat(parse(text, scale)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" at scale {1} is not exact")
    @CsvSource(delimiter = ';', value = {
        "190.255;                 2",
        "190.2501;                2",
        "0.5;                     0",
        "1.0000000000000000001;   18",
        "-0.001;                  2",
        "9223372036854775808;     0",
        "92233720368547758.08;    2",
        "10;                      18",
        "99999999999999999999999; 0",
        // The lowest longs are the sentinels: a value there does not fit.
        "-9223372036854775807;    0",
        "-9223372036854775808;    0",
    })
    void shouldReportValuesTheScaleCannotHold(final String text, final int scale)
    {
        assertThat(parse(text, scale)).isEqualTo(FixDecimal.NOT_EXACT);
    }

    @ParameterizedTest(name = "\"{0}\" is malformed")
    @CsvSource(delimiter = ';', value = {
        "''", "-", ".", "-.", "1.2.3", "+1", "1e5", "' 1'", "'1 '", "1,5", "--1", "0x10", "1-",
        // Malformed wins over too large and too precise.
        "99999999999999999999999.5x", "1.2345x",
    })
    void shouldReportMalformedText(final String text)
    {
        assertThat(parse(text, 2)).isEqualTo(FixDecimal.MALFORMED);
        assertThat(FixDecimal.isWellFormed(buffer(text), 0, text.length())).isFalse();
    }

    @ParameterizedTest(name = "{0} at scale {1} -> \"{2}\"")
    @CsvSource(delimiter = ';', value = {
        "1902500;              4;  190.25",
        "1900000;              4;  190",
        "19025;                2;  190.25",
        "-5;                   1;  -0.5",
        "-10;                  1;  -1",
        "0;                    3;  0",
        "1;                    18; 0.000000000000000001",
        "-1;                   18; -0.000000000000000001",
        "9223372036854775807;  18; 9.223372036854775807",
        "-9223372036854775808; 0;  -9223372036854775808",
        "-9223372036854775808; 2;  -92233720368547758.08",
        "123;                  0;  123",
    })
    void shouldWriteTheShortestExactText(final long value, final int scale, final String expected)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[FixDecimal.MAX_LENGTH + 2]);
        final int length = FixDecimal.put(buffer, 1, value, scale);
        assertThat(FixText.ascii(buffer, 1, length)).isEqualTo(expected);
        assertThat(length).isLessThanOrEqualTo(FixDecimal.MAX_LENGTH);
    }

    @Property(tries = 2000)
    void shouldRoundTripEveryValueAtEveryScale(
        @ForAll @LongRange(min = Long.MIN_VALUE + 2) final long value,
        @ForAll @IntRange(min = 0, max = FixDecimal.MAX_SCALE) final int scale)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[FixDecimal.MAX_LENGTH]);
        final int length = FixDecimal.put(buffer, 0, value, scale);
        final String text = FixText.ascii(buffer, 0, length);
        assertThat(text).isEqualTo(BigDecimal.valueOf(value, scale).stripTrailingZeros().toPlainString());
        assertThat(FixDecimal.parse(buffer, 0, length, scale)).isEqualTo(value);
    }

    @Property(tries = 1000)
    void shouldDetectDigitsBeyondTheScale(
        @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) final long value,
        @ForAll @IntRange(min = 0, max = 6) final int scale,
        @ForAll @IntRange(min = 0, max = 5) final int zeros,
        @ForAll @IntRange(min = 1, max = 9) final int digit)
    {
        final String exact = BigDecimal.valueOf(value, scale).toPlainString() + (scale == 0 ? "." : "");
        final String padded = exact + "0".repeat(zeros);
        assertThat(parse(padded, scale)).as(padded).isEqualTo(value);
        assertThat(parse(padded + digit, scale)).as(padded + digit).isEqualTo(FixDecimal.NOT_EXACT);
    }

    /** Any text of digits, '-', '.' and an odd character, against BigDecimal as the reference. */
    @Property(tries = 3000)
    void shouldAgreeWithBigDecimal(@ForAll("decimalText") final String text,
        @ForAll @IntRange(min = 0, max = FixDecimal.MAX_SCALE) final int scale)
    {
        final long parsed = parse(text, scale);
        final BigDecimal reference = reference(text);
        if (reference == null)
        {
            assertThat(parsed).as(text).isEqualTo(FixDecimal.MALFORMED);
            return;
        }
        final BigDecimal scaled = reference.movePointRight(scale);
        final boolean exact = scaled.stripTrailingZeros().scale() <= 0;
        final boolean inRange = exact && scaled.toBigInteger().compareTo(LOWEST) >= 0 &&
            scaled.toBigInteger().compareTo(HIGHEST) <= 0;
        if (exact && inRange)
        {
            assertThat(parsed).as(text).isEqualTo(scaled.longValueExact());
        }
        else
        {
            assertThat(parsed).as(text).isEqualTo(FixDecimal.NOT_EXACT);
        }
    }

    @Provide
    Arbitrary<String> decimalText()
    {
        final Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(0).ofMaxLength(22);
        final Arbitrary<String> sign = Arbitraries.of("", "", "-", "+", "--");
        final Arbitrary<String> point = Arbitraries.of(".", ".", "", "..", "x");
        return Combinators.combine(sign, digits, point, digits).as((s, i, p, f) -> s + i + p + f);
    }

    /** The FIX reading of a decimal, via BigDecimal: null when FIX would not accept the text. */
    private static BigDecimal reference(final String text)
    {
        if (!text.matches("-?([0-9]+\\.?[0-9]*|\\.[0-9]+)"))
        {
            return null;
        }
        final String normalised = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        return new BigDecimal(normalised.startsWith("-.") ? "-0" + normalised.substring(1) :
            normalised.startsWith(".") ? "0" + normalised : normalised);
    }

    private static long parse(final String text, final int scale)
    {
        return FixDecimal.parse(buffer(text), 0, text.length(), scale);
    }

    private static UnsafeBuffer buffer(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void shouldTellTooManyDecimalsFromAValueOutOfRange()
    {
        assertThat(beyond("189.001", 2)).isTrue();
        assertThat(beyond("189.0010", 3)).isFalse();
        assertThat(beyond("189.000", 2)).as("trailing zeros are exact").isFalse();
        assertThat(beyond("99999999999999999999", 0)).as("out of range, no decimals").isFalse();
        assertThat(beyond("-0.05", 1)).isTrue();
    }

    private static boolean beyond(final String text, final int scale)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
        return FixDecimal.hasDecimalsBeyond(buffer, 0, text.length(), scale);
    }
}

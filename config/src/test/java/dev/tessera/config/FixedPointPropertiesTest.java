package dev.tessera.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class FixedPointPropertiesTest
{
    @Property
    void shouldParseWhatItFormats(@ForAll final long value, @ForAll @IntRange(min = 0, max = 9) final int scale)
    {
        final String text = FixedPoint.format(value, scale);

        assertThat(FixedPoint.parse(text, scale)).isEqualTo(value);
        assertThat(new BigDecimal(text)).isEqualTo(BigDecimal.valueOf(value, scale));
    }

    @Property
    void shouldAgreeWithBigDecimalOnEveryPlainDecimal(
        @ForAll final long unscaled,
        @ForAll @IntRange(min = 0, max = 9) final int decimals,
        @ForAll @IntRange(min = 0, max = 9) final int scale)
    {
        final BigDecimal decimal = BigDecimal.valueOf(unscaled, decimals);
        final String text = decimal.toPlainString();

        if (decimal.stripTrailingZeros().scale() > scale)
        {
            assertThatThrownBy(() -> FixedPoint.parse(text, scale)).hasMessageContaining("has more decimals than priceScale");
        }
        else
        {
            final BigDecimal fixed = decimal.movePointRight(scale);
            if (fixed.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 || fixed.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0)
            {
                assertThatThrownBy(() -> FixedPoint.parse(text, scale)).hasMessageContaining("is out of range");
            }
            else
            {
                assertThat(FixedPoint.parse(text, scale)).isEqualTo(fixed.longValueExact());
            }
        }
    }

    @Property
    void shouldRoundTripThroughAnInstrument(
        @ForAll final long price, @ForAll @IntRange(min = 0, max = 9) final int scale)
    {
        final InstrumentConfig instrument = new InstrumentConfig("X", 1, scale, 1, 1, 1, 1, 1, 0, SelfTradePrevention.NONE);

        assertThat(instrument.parsePrice(instrument.formatPrice(price))).isEqualTo(price);
    }
}

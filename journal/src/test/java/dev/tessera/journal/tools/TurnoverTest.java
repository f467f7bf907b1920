package dev.tessera.journal.tools;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

class TurnoverTest
{
    /** README "AvgPx": 1 @ 420.01 and 2 @ 420.02 at 4 price decimals; an exact average keeps the tools' full scale. */
    @Test
    void shouldRoundTheVwapHalfUpToFourDecimalsBeyondThePricesAsAvgPx()
    {
        final BigInteger notional = Turnover.add(Turnover.add(BigInteger.ZERO, 4_200_100, 1), 4_200_200, 2);

        assertThat(Turnover.notional(notional, 4)).isEqualTo("1260.0500");
        assertThat(Turnover.vwap(notional, 3, 4)).isEqualTo("420.01666667");
        assertThat(Turnover.vwap(Turnover.add(BigInteger.ZERO, 8_400_300, 1), 2, 4)).isEqualTo("420.01500000");
        assertThat(Turnover.vwap(BigInteger.ZERO, 0, 4)).as("no trade, no VWAP").isEmpty();
        assertThat(Turnover.notional(Turnover.add(BigInteger.ZERO, Long.MAX_VALUE, Long.MAX_VALUE), 0))
            .isEqualTo("85070591730234615847396907784232501249");
    }
}

package dev.tessera.engine;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DivisorTest
{
    @Property(tries = 5_000)
    void shouldAgreeWithTheRemainder(
        @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) final long divisor,
        @ForAll @LongRange(min = 0) final long value)
    {
        assertThat(new Divisor(divisor).divides(value)).isEqualTo(value % divisor == 0);
    }

    @Property(tries = 5_000)
    void shouldAcceptEveryMultipleAndRejectItsNeighbours(
        @ForAll @LongRange(min = 1, max = 1_000_000) final long divisor,
        @ForAll @LongRange(min = 1, max = 1_000_000_000L) final long times)
    {
        final Divisor tested = new Divisor(divisor);
        final long multiple = divisor * times;

        assertThat(tested.divides(multiple)).isTrue();
        assertThat(tested.divides(multiple + 1)).isEqualTo(divisor == 1);
        assertThat(tested.divides(multiple - 1)).isEqualTo(divisor == 1);
    }

    @Test
    void shouldHandleTicksAndLotsOfEveryShape()
    {
        for (final long divisor : new long[] {1, 2, 5, 8, 10, 25, 100, 1 << 20, 3 * (1L << 40), Long.MAX_VALUE})
        {
            final Divisor tested = new Divisor(divisor);
            for (long value = 0; value < 1_000; value++)
            {
                assertThat(tested.divides(value)).as("%d | %d", divisor, value).isEqualTo(value % divisor == 0);
            }
            assertThat(tested.divides(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE % divisor == 0);
        }
    }

    @Test
    void shouldRefuseANonPositiveDivisor()
    {
        assertThatThrownBy(() -> new Divisor(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Divisor(-5)).isInstanceOf(IllegalArgumentException.class);
    }
}

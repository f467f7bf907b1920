package dev.tessera.perf;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HostJitterTest
{
    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldCountOnlyTheRestOfAGapBeyondTheBoundAsWaitingLongerThanIt()
    {
        final Histogram gaps = gaps(100_000);

        // A command arriving in the first 90 µs of a 100 µs gap waits more than 10 µs: 90 µs of 1 s.
        assertThat(HostJitter.probabilityOfWaitAbove(gaps, SECOND, 10_000)).isCloseTo(90e-6, within(0.2e-6));
        assertThat(HostJitter.probabilityOfWaitAbove(gaps, SECOND, 101_000)).isZero();
    }

    @Test
    void shouldPutTheQuantileWhereTheRemainingGapMassEqualsItsShareOfTheRun()
    {
        final Histogram gaps = gaps(100_000);

        // 1e-5 of a second is 10 µs of the gap: the wait exceeded by one arrival in 100,000 is 90 µs.
        assertThat(HostJitter.waitAtQuantile(gaps, SECOND, 0.99999)).isBetween(89_900L, 90_100L);
        // One 100 µs gap in a second cannot reach the p99.
        assertThat(HostJitter.waitAtQuantile(gaps, SECOND, 0.99)).isZero();
    }

    @Test
    void shouldSolveAcrossGapsOfDifferentLengths()
    {
        // 1,000 gaps of 20 µs and 10 of 1 ms in a second: 2% + 1% of the run is off CPU.
        final Histogram gaps = new Histogram(3_600_000_000_000L, 3);
        gaps.recordValueWithCount(20_000, 1_000);
        gaps.recordValueWithCount(1_000_000, 10);

        // P(wait > x) = 1% where 10 * (1 ms - x) + 1,000 * max(0, 20 µs - x) = 10 ms. At x = 20 µs the long
        // gaps alone give 9.8 ms, so x sits just below 20 µs: 19.8 µs.
        final long p99 = HostJitter.waitAtQuantile(gaps, SECOND, 0.99);
        assertThat(p99).isBetween(19_700L, 20_000L);
        assertThat(HostJitter.probabilityOfWaitAbove(gaps, SECOND, p99)).isCloseTo(0.01, within(0.0002));
        // p99.9: only the 1 ms gaps matter: 10 * (1 ms - x) = 1 ms, x = 900 µs.
        assertThat(HostJitter.waitAtQuantile(gaps, SECOND, 0.999)).isBetween(899_000L, 901_000L);
    }

    private static Histogram gaps(final long... lengths)
    {
        final Histogram gaps = new Histogram(3_600_000_000_000L, 3);
        for (final long length : lengths)
        {
            gaps.recordValue(length);
        }
        return gaps;
    }
}

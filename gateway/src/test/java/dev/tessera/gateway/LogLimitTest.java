package dev.tessera.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogLimitTest
{
    private static final long INTERVAL = 1_000;
    /** Any start: System.nanoTime() may be negative. */
    private static final long T0 = -5_000_000L;

    private final LogLimit limit = new LogLimit(3, INTERVAL);

    @Test
    void shouldLogTheFirstLinesThenCountTheRestAndSayHowManyOnceAnIntervalPassed()
    {
        for (int i = 0; i < 3; i++)
        {
            assertThat(limit.tryLine(T0 + i)).as("line %d", i).isTrue();
        }
        for (int i = 0; i < 1_000; i++)
        {
            assertThat(limit.tryLine(T0 + 3 + i % 500)).isFalse();
        }
        assertThat(limit.takeSuppressed(T0 + 2 + INTERVAL - 1)).as("not before an interval after the last line").isZero();
        assertThat(limit.takeSuppressed(T0 + 2 + INTERVAL)).isEqualTo(1_000);
        assertThat(limit.takeSuppressed(T0 + 2 + INTERVAL)).as("counted once").isZero();
    }

    @Test
    void shouldSayHowManyAtMostOnceAnIntervalWhileTheFloodGoesOn()
    {
        long now = T0;
        int lines = 0;
        long counted = 0;
        // One a time unit for 10 intervals: 3 lines, then one line an interval.
        for (int i = 0; i < 10 * (int)INTERVAL; i++)
        {
            now = T0 + i;
            final long suppressed = limit.takeSuppressed(now);
            if (suppressed > 0)
            {
                lines++;
                counted += suppressed;
            }
            if (limit.tryLine(now))
            {
                lines++;
                counted++;
            }
        }
        assertThat(lines).isEqualTo(3 + 9);
        final long rest = limit.takeSuppressed(now + INTERVAL);
        assertThat(counted + rest).as("every line logged or counted").isEqualTo(10 * INTERVAL);
    }

    @Test
    void shouldLogFullLinesAgainAfterAQuietInterval()
    {
        for (int i = 0; i < 4; i++)
        {
            limit.tryLine(T0);
        }
        assertThat(limit.takeSuppressed(T0 + INTERVAL)).isEqualTo(1);
        assertThat(limit.tryLine(T0 + INTERVAL + 1)).as("within the interval of the count's line").isFalse();
        assertThat(limit.takeSuppressed(T0 + 2 * INTERVAL)).isEqualTo(1);
        assertThat(limit.tryLine(T0 + 3 * INTERVAL)).as("a whole interval quiet").isTrue();
        assertThat(limit.tryLine(T0 + 3 * INTERVAL)).isTrue();
        assertThat(limit.tryLine(T0 + 3 * INTERVAL)).isTrue();
        assertThat(limit.tryLine(T0 + 3 * INTERVAL)).isFalse();
    }

    @Test
    void shouldRefillNotCountLinesSpreadOverTime()
    {
        for (int i = 0; i < 20; i++)
        {
            assertThat(limit.tryLine(T0 + i * INTERVAL)).as("one an interval is never held back").isTrue();
        }
    }
}

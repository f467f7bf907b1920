package dev.tessera.perf.fix;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateScheduleTest
{
    @Test
    void shouldSpaceRequestsWithoutDriftEvenWhenThePeriodIsNotWhole()
    {
        final RateSchedule schedule = new RateSchedule(1_000, 3);

        assertThat(schedule.intendedNanos(0)).isEqualTo(1_000);
        assertThat(schedule.intendedNanos(1)).isEqualTo(1_000 + 333_333_333);
        assertThat(schedule.intendedNanos(2)).isEqualTo(1_000 + 666_666_666);
        // A rounded period added up would be 999,999,999 here: the k-th time is computed, not accumulated.
        assertThat(schedule.intendedNanos(3)).isEqualTo(1_000 + 1_000_000_000);
        assertThat(schedule.intendedNanos(3_000)).isEqualTo(1_000 + 1_000_000_000_000L);
    }

    @Test
    void shouldCountExactlyTheRequestsWhoseIntendedTimeHasCome()
    {
        final SplittableRandom random = new SplittableRandom(7);
        for (final long rate : new long[]{1, 3, 7, 20_000, 33_333, 200_000, 1_000_000})
        {
            final long start = random.nextLong(1_000_000_000L);
            final RateSchedule schedule = new RateSchedule(start, rate);
            for (int i = 0; i < 2_000; i++)
            {
                final long now = start + random.nextLong(5_000_000_000L);
                final long due = schedule.dueCount(now);
                assertThat(schedule.intendedNanos(due - 1)).as("rate %d now %d", rate, now).isLessThanOrEqualTo(now);
                assertThat(schedule.intendedNanos(due)).as("rate %d now %d", rate, now).isGreaterThan(now);
            }
            assertThat(schedule.dueCount(start - 1)).isZero();
            assertThat(schedule.dueCount(start)).isEqualTo(1);
            assertThat(schedule.dueCount(schedule.intendedNanos(10))).isEqualTo(11);
            assertThat(schedule.dueCount(schedule.intendedNanos(10) - 1)).isEqualTo(10);
        }
    }

    @Test
    void shouldBoundAWindowAtTheFirstRequestDueInIt()
    {
        final RateSchedule schedule = new RateSchedule(0, 20_000);

        assertThat(schedule.firstAtOrAfter(0)).isZero();
        assertThat(schedule.firstAtOrAfter(1)).isEqualTo(1);
        assertThat(schedule.firstAtOrAfter(50_000)).isEqualTo(1);
        assertThat(schedule.firstAtOrAfter(50_001)).isEqualTo(2);
        // A 2 s lead-in and a 10 s window at 20k/s: 240,000 requests, 200,000 of them in the window.
        assertThat(schedule.firstAtOrAfter(12_000_000_000L) - schedule.firstAtOrAfter(2_000_000_000L)).isEqualTo(200_000);
    }

    @Test
    void shouldRefuseANonPositiveRate()
    {
        assertThatThrownBy(() -> new RateSchedule(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

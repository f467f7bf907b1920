package dev.tessera.gateway;

import dev.tessera.pipeline.OrderEntry;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DayEndAgentTest
{
    private static final LocalTime DAY_END = LocalTime.of(21, 0);
    private static final long MONDAY_NOON = Instant.parse("2026-11-23T12:00:00Z").toEpochMilli();
    private static final long MONDAY_DAY_END = Instant.parse("2026-11-23T21:00:00Z").toEpochMilli();
    private static final long TUESDAY_DAY_END = Instant.parse("2026-11-24T21:00:00Z").toEpochMilli();

    private final CachedEpochClock clock = new CachedEpochClock();
    private final List<Integer> entered = new ArrayList<>();
    private final Deque<Long> answers = new ArrayDeque<>();
    private final List<String> log = new ArrayList<>();
    private long nextSequence = 100;

    /** @param firstEntryMs the first command since the last EndOfDay, 0 for none */
    private DayEndAgent agent(final long firstEntryMs)
    {
        return new DayEndAgent(instrumentId ->
        {
            entered.add(instrumentId);
            return answers.isEmpty() ? ++nextSequence : answers.poll();
        }, clock, DAY_END, firstEntryMs, log::add);
    }

    @Test
    void shouldEnterOneEndOfDayForAllInstrumentsWhenTheClockReachesTheDayEnd()
    {
        clock.update(MONDAY_NOON);
        final DayEndAgent agent = agent(MONDAY_NOON - 1_000);

        clock.update(MONDAY_DAY_END - 1);
        assertThat(agent.doWork()).isZero();
        clock.update(MONDAY_DAY_END);
        assertThat(agent.doWork()).isEqualTo(1);
        assertThat(agent.doWork()).isZero();

        assertThat(entered).containsExactly(0);
        assertThat(agent.nextDayEndMs()).isEqualTo(TUESDAY_DAY_END);
        assertThat(log).singleElement().asString().contains("command 101").contains("2026-11-24T21:00:00Z");
    }

    @Test
    void shouldRetryWhileTheRingIsBusy()
    {
        clock.update(MONDAY_NOON);
        final DayEndAgent agent = agent(0);
        answers.add(OrderEntry.BUSY);
        answers.add(OrderEntry.BUSY);
        clock.update(MONDAY_DAY_END + 5);

        assertThat(agent.doWork()).isZero();
        assertThat(agent.doWork()).isZero();
        assertThat(agent.doWork()).isEqualTo(1);

        assertThat(entered).containsExactly(0, 0, 0);
        assertThat(agent.nextDayEndMs()).isEqualTo(TUESDAY_DAY_END);
    }

    @Test
    void shouldExpireAtOnceWhenADayEndPassedSinceTheFirstCommandAfterTheLastEndOfDay()
    {
        final long saturday = Instant.parse("2026-11-21T20:59:59Z").toEpochMilli();
        clock.update(MONDAY_NOON);
        final DayEndAgent agent = agent(saturday);

        assertThat(agent.doWork()).as("one expiry for the missed day ends").isEqualTo(1);
        assertThat(agent.doWork()).isZero();
        assertThat(entered).hasSize(1);
        assertThat(agent.nextDayEndMs()).isEqualTo(MONDAY_DAY_END);
    }

    /** Commands entered after the day end, before its EndOfDay, do not postpone it (they are not the first). */
    @Test
    void shouldExpireAtOnceWhenTheTradingDayBeganBeforeTheDayEndThatPassed()
    {
        clock.update(MONDAY_DAY_END + 60_000);
        final DayEndAgent agent = agent(MONDAY_NOON);

        assertThat(agent.doWork()).isEqualTo(1);
        assertThat(entered).containsExactly(0);
        assertThat(agent.nextDayEndMs()).isEqualTo(TUESDAY_DAY_END);
    }

    /** The first command after an EndOfDay entered just after the day end belongs to the next trading day. */
    @Test
    void shouldNotRepeatTheExpiryJournaledJustAfterTheDayEnd()
    {
        clock.update(MONDAY_DAY_END + 60_000);
        final DayEndAgent agent = agent(MONDAY_DAY_END + 3);

        assertThat(agent.doWork()).isZero();
        assertThat(agent.nextDayEndMs()).isEqualTo(TUESDAY_DAY_END);
    }

    @Test
    void shouldWaitForTheNextDayEndWhenNoCommandCameSinceTheLastEndOfDay()
    {
        clock.update(MONDAY_DAY_END + 1);
        final DayEndAgent agent = agent(0);

        assertThat(agent.doWork()).isZero();
        assertThat(agent.nextDayEndMs()).isEqualTo(TUESDAY_DAY_END);
        assertThat(agent.nextDayEndAfter(MONDAY_DAY_END)).as("strictly after").isEqualTo(TUESDAY_DAY_END);
        assertThat(agent.nextDayEndAfter(MONDAY_DAY_END - 1)).isEqualTo(MONDAY_DAY_END);
    }
}

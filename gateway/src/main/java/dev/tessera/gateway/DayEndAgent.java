package dev.tessera.gateway;

import dev.tessera.pipeline.OrderEntry;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;

import java.time.Instant;
import java.time.LocalTime;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntToLongFunction;

/**
 * Ends the trading day: when the wall clock passes the configured day end (a UTC time of day) it
 * enters one EndOfDay command for every instrument, so that resting DAY orders expire. The engine
 * never reads a clock; the command is stamped at entry like every other. A full ring
 * ({@link OrderEntry#BUSY}) is retried on the next duty cycle, never dropped.
 *
 * <p>The day end due at start-up is the first one strictly after the entry time of the first command
 * journaled since the last all-instrument EndOfDay ({@code Recovery.Result.firstEntrySinceEndOfDay}):
 * the trading day that began then has not ended yet. So a server that was down over a day end expires
 * at once on start-up, also when commands came in between that day end and the moment it died, before
 * it could enter the EndOfDay; and a journaled EndOfDay is not repeated by a restart, since only the
 * commands after it count. With no command since the last EndOfDay (or none at all) nothing is pending,
 * and it waits for the first day end after start-up.
 */
final class DayEndAgent implements Agent
{
    static final String ROLE_NAME = "tessera-day-end";
    /** How often the clock is looked at, and so how soon a BUSY ring is retried. */
    static final long CHECK_INTERVAL_MS = 20;
    private static final int ALL_INSTRUMENTS = 0;
    private static final long DAY_MS = TimeUnit.DAYS.toMillis(1);

    private final IntToLongFunction endOfDay;
    private final EpochClock clock;
    private final long dayEndOffsetMs;
    private final Consumer<String> log;
    private long nextDayEndMs;

    /**
     * @param endOfDay        enters an EndOfDay for an instrument id (0: all), answering a command
     *                        sequence, {@link OrderEntry#BUSY} or {@link OrderEntry#CLOSED}
     * @param clock           wall clock, epoch milliseconds; ideally the clock commands are stamped with,
     *                        so that no command entered after the EndOfDay is stamped before the day end
     * @param dayEnd          the UTC time of day the trading day ends
     * @param firstEntryMs    entry time, in epoch milliseconds, of the first command journaled since the
     *                        last all-instrument EndOfDay, or 0 when there is none
     */
    DayEndAgent(
        final IntToLongFunction endOfDay,
        final EpochClock clock,
        final LocalTime dayEnd,
        final long firstEntryMs,
        final Consumer<String> log)
    {
        this.endOfDay = endOfDay;
        this.clock = clock;
        this.dayEndOffsetMs = TimeUnit.NANOSECONDS.toMillis(dayEnd.toNanoOfDay());
        this.log = log;
        this.nextDayEndMs = nextDayEndAfter(firstEntryMs > 0 ? firstEntryMs : clock.time());
    }

    /** The first day end strictly after {@code timeMs}. */
    long nextDayEndAfter(final long timeMs)
    {
        final long sameDay = Math.floorDiv(timeMs, DAY_MS) * DAY_MS + dayEndOffsetMs;
        return sameDay > timeMs ? sameDay : sameDay + DAY_MS;
    }

    /** Epoch milliseconds of the day end the agent waits for. */
    long nextDayEndMs()
    {
        return nextDayEndMs;
    }

    @Override
    public int doWork()
    {
        final long nowMs = clock.time();
        if (nowMs < nextDayEndMs)
        {
            return 0;
        }
        final long sequence = endOfDay.applyAsLong(ALL_INSTRUMENTS);
        if (sequence < 0)
        {
            // BUSY: the ring is full, try again on the next cycle. CLOSED: the server is shutting
            // down; a restart expires the orders if this day end is still pending then.
            return 0;
        }
        nextDayEndMs = nextDayEndAfter(nowMs);
        log.accept("day end: DAY orders expire (command " + sequence + "); next day end " +
            Instant.ofEpochMilli(nextDayEndMs));
        return 1;
    }

    @Override
    public String roleName()
    {
        return ROLE_NAME;
    }
}

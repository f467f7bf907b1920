package dev.tessera.simulation;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Paces a replay against recorded time: as fast as possible, or at {@code speed} times the
 * recorded pace (2 = twice as fast, 0.5 = half), measured from the first command. Only the wall
 * clock of the simulation is read here, never inside the engine.
 */
public final class Pacer
{
    /** No waiting at all. */
    public static final Pacer AS_FAST_AS_POSSIBLE = new Pacer(0, System::nanoTime, LockSupport::parkNanos);

    /** How the pacer waits (parks); replaceable in tests. */
    @FunctionalInterface
    public interface Sleeper
    {
        void sleepNanos(long nanos);
    }

    private static final long MAX_PARK_NANOS = 1_000_000;

    private final double speed;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private boolean started;
    private long firstTimestamp;
    private long startNanos;

    Pacer(final double speed, final LongSupplier nanoClock, final Sleeper sleeper)
    {
        this.speed = speed;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /** @param speed times the recorded pace, > 0. */
    public static Pacer atSpeed(final double speed)
    {
        return atSpeed(speed, System::nanoTime, LockSupport::parkNanos);
    }

    public static Pacer atSpeed(final double speed, final LongSupplier nanoClock, final Sleeper sleeper)
    {
        if (!(speed > 0) || Double.isInfinite(speed))
        {
            throw new IllegalArgumentException("speed must be a positive number, got " + speed);
        }
        return new Pacer(speed, nanoClock, sleeper);
    }

    public boolean paced()
    {
        return speed > 0;
    }

    public double speed()
    {
        return speed;
    }

    /** Waits until the command stamped {@code timestamp} is due. */
    public void await(final long timestamp)
    {
        await(timestamp, () -> false);
    }

    /** Waits until the command stamped {@code timestamp} is due, or {@code stop} says to stop waiting. */
    public void await(final long timestamp, final BooleanSupplier stop)
    {
        if (speed == 0)
        {
            return;
        }
        if (!started)
        {
            started = true;
            firstTimestamp = timestamp;
            startNanos = nanoClock.getAsLong();
            return;
        }
        // Elapsed time against the delay, not the clock against a due time: at a tiny speed the delay saturates at
        // Long.MAX_VALUE (the cast does), and start + delay would overflow to a time long past, so the command would
        // go at once instead of (almost) never.
        final long delay = (long)((timestamp - firstTimestamp) / speed);
        for (long elapsed = nanoClock.getAsLong() - startNanos; elapsed < delay && !stop.getAsBoolean();
            elapsed = nanoClock.getAsLong() - startNanos)
        {
            sleeper.sleepNanos(Math.min(delay - elapsed, MAX_PARK_NANOS));
        }
    }
}

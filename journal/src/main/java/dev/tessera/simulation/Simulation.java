package dev.tessera.simulation;

import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.journal.JournalWriter;
import dev.tessera.journal.tools.ProgressBar;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Runs order flow through a fresh in-process engine, one command after the other on the calling
 * thread: paced or as fast as possible, each command's events optionally journaled into a new
 * journal (a what-if run never writes to its input) and fed to the statistics.
 */
public final class Simulation
{
    /** Commands start with their 8-byte SBE header, then sequence, then timestamp. */
    private static final int COMMAND_TIMESTAMP_OFFSET = 16;

    private final MatchingEngine engine;
    private final Pacer pacer;
    private final JournalWriter output;
    private final SimulationStatistics statistics;
    private final ProgressBar progress;
    private final BooleanSupplier stopRequested;

    /**
     * @param output     where the run's own journal goes; null for none.
     * @param statistics null to collect none (the fastest replay).
     */
    public Simulation(
        final MatchingEngine engine, final Pacer pacer, final JournalWriter output, final SimulationStatistics statistics,
        final ProgressBar progress)
    {
        this(engine, pacer, output, statistics, progress, () -> false);
    }

    /**
     * @param stopRequested polled before every command and while pacing (from another thread: a shutdown hook, say);
     *                      true ends the run early, {@link Result#stopped()}.
     */
    public Simulation(
        final MatchingEngine engine, final Pacer pacer, final JournalWriter output, final SimulationStatistics statistics,
        final ProgressBar progress, final BooleanSupplier stopRequested)
    {
        this.stopRequested = stopRequested;
        this.engine = engine;
        this.pacer = pacer;
        this.output = output;
        this.statistics = statistics;
        this.progress = progress;
    }

    /**
     * What a run did and how fast.
     *
     * @param source       what was replayed
     * @param commands     commands run
     * @param events       events the engine produced
     * @param elapsedNanos wall time of the run, pacing included
     * @param stopped      the run was asked to stop before the source ended
     */
    public record Result(String source, long commands, long events, long elapsedNanos, boolean stopped)
    {
        public double commandsPerSecond()
        {
            return elapsedNanos == 0 ? 0 : commands * 1e9 / elapsedNanos;
        }

        public double eventsPerSecond()
        {
            return elapsedNanos == 0 ? 0 : events * 1e9 / elapsedNanos;
        }

        /** The line every run ends with. */
        public String throughput()
        {
            return String.format(Locale.ROOT, "%,d commands, %,d events in %.3f s: %,.0f commands/s, %,.0f events/s",
                commands, events, elapsedNanos / 1e9, commandsPerSecond(), eventsPerSecond());
        }
    }

    public Result run(final CommandSource source)
    {
        final UnsafeBuffer command = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH * 4]);
        long commands = 0;
        long events = 0;
        boolean stopped = false;
        final long start = System.nanoTime();
        try
        {
            for (int length = source.next(command); length != CommandSource.END; length = source.next(command))
            {
                final long timestamp = length >= COMMAND_TIMESTAMP_OFFSET + Long.BYTES ?
                    command.getLong(COMMAND_TIMESTAMP_OFFSET) : 0;
                pacer.await(timestamp, stopRequested);
                if (stopRequested.getAsBoolean())
                {
                    stopped = true;
                    break;
                }
                final int produced = engine.onCommand(command, 0, length);
                source.onEvents(engine.events());
                if (output != null)
                {
                    output.append(command, 0, length, engine.events());
                }
                if (statistics != null)
                {
                    statistics.onCommand(engine, timestamp);
                }
                commands++;
                events += Math.max(produced, 0);
                progress.update(source.position());
            }
            if (output != null)
            {
                output.endOfBatch();
            }
        }
        finally
        {
            progress.finish(source.position());
        }
        return new Result(source.description(), commands, events, System.nanoTime() - start, stopped);
    }

    public MatchingEngine engine()
    {
        return engine;
    }
}

package dev.tessera.simulation;

import dev.tessera.engine.EventBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Order flow for a simulation, one engine command at a time: a recorded journal's commands or an
 * imported order-flow file. The runner executes each command before it asks for the next, so a
 * source may look at the engine between two calls (the LOBSTER comparison does).
 */
public interface CommandSource extends AutoCloseable
{
    /** {@link #next} result when the flow has ended. */
    int END = -1;

    /** Copies the next command into {@code buffer} at offset 0; returns its length, or {@link #END}. */
    int next(MutableDirectBuffer buffer);

    /**
     * The events the engine produced for the command {@link #next} gave last, before the next call: a source
     * that decides its commands by the engine's answers reads them (the LOBSTER import follows its seed orders).
     */
    default void onEvents(final EventBuffer events)
    {
    }

    /** Units of input read so far (records, messages), for the progress bar. */
    long position();

    /** Units of input in all, 0 when unknown. */
    long length();

    /** What is being replayed, for reports: "journal data/journal", "LOBSTER AAPL 2012-06-21". */
    String description();

    @Override
    void close();
}

package dev.tessera.perf;

import dev.tessera.engine.MatchingEngine;
import dev.tessera.journal.JournalWriter;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The measured part: a real {@link MatchingEngine} brought to the ring's start state, then fed the
 * pre-encoded body command after command, wrapping around at the end (the body is cyclic). Nothing
 * here allocates. {@link #verify()} compares the engine with the trajectory the set-up simulation
 * recorded, so a run that drifted from the intended path (a reject, a missed fill) fails loudly.
 * {@link #command(JournalWriter)} also journals each command, for the journal-append benchmarks.
 */
final class Replay
{
    private final Ring ring;
    private final MatchingEngine engine;
    private final UnsafeBuffer buffer;
    private final int[] offsets;
    private final int count;
    private final int[] episodes;
    private int index;
    private int episode;
    private long passes;

    Replay(final Ring ring)
    {
        this.ring = ring;
        this.engine = ring.startEngine();
        this.buffer = ring.body;
        this.offsets = ring.offsets;
        this.count = ring.count;
        this.episodes = ring.episodes;
    }

    /** Runs the next command of the ring; returns its event count. */
    int command()
    {
        final int i = index;
        final int offset = offsets[i];
        final int events = engine.onCommand(buffer, offset, offsets[i + 1] - offset);
        advance(i);
        return events;
    }

    /**
     * Runs the next command of the ring and journals it with its events, as the pipeline's engine
     * thread does ({@code MatchingHandler}); returns its event count.
     */
    int command(final JournalWriter writer)
    {
        final int i = index;
        final int offset = offsets[i];
        final int length = offsets[i + 1] - offset;
        final int events = engine.onCommand(buffer, offset, length);
        writer.append(buffer, offset, length, engine.events());
        advance(i);
        return events;
    }

    private void advance(final int i)
    {
        if (i + 1 == count)
        {
            index = 0;
            passes++;
        }
        else
        {
            index = i + 1;
        }
    }

    /** Runs the next episode of the ring; returns the number of commands it had. */
    int episode()
    {
        final int e = episode;
        final int start = episodes[e];
        final int end = episodes[e + 1];
        for (int i = start; i < end; i++)
        {
            final int offset = offsets[i];
            engine.onCommand(buffer, offset, offsets[i + 1] - offset);
        }
        if (e + 2 == episodes.length)
        {
            episode = 0;
            index = 0;
            passes++;
        }
        else
        {
            episode = e + 1;
            index = end;
        }
        return end - start;
    }

    long commandsRun()
    {
        return passes * count + index;
    }

    MatchingEngine engine()
    {
        return engine;
    }

    /** Checks the engine against the simulated trajectory at the current position (the prologue ran in set-up). */
    void verify()
    {
        ring.path.verify(engine, BenchInstrument.ID, 0, commandsRun(), ring.name);
    }

    String report()
    {
        return String.format("%s: %,d commands replayed (%.1f passes of the ring), now %s; verified against the simulation",
            ring.name, commandsRun(), (double)commandsRun() / count, Ring.depth(engine));
    }
}

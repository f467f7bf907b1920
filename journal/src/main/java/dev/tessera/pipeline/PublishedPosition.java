package dev.tessera.pipeline;

import com.lmax.disruptor.Sequence;

/**
 * How far the journal may be read by consumers: advanced by the engine thread once per batch,
 * after the batch is journaled (and msynced in SYNC mode). Consumers never read past it, so no
 * one sees an event that is not in the journal.
 */
public final class PublishedPosition
{
    private final Sequence journalIndex = new Sequence(-1);
    private final Sequence eventSequence = new Sequence(0);

    /** Chronicle index of the last published record, -1 before the first. */
    public long journalIndex()
    {
        return journalIndex.get();
    }

    /** Engine event sequence of the last published event. */
    public long eventSequence()
    {
        return eventSequence.get();
    }

    void publish(final long index, final long lastEventSequence)
    {
        eventSequence.set(lastEventSequence);
        journalIndex.set(index);
    }
}

package dev.tessera.projection;

import dev.tessera.engine.EventAdapter;
import dev.tessera.engine.EventListener;
import dev.tessera.journal.JournalRecord;

/**
 * A projection of the events alone (the commands that caused them are not needed): each record's
 * events are decoded in order and handed to this listener's {@code on*} methods, under the
 * projection's lock.
 */
public abstract class EventProjection implements Projection, EventListener
{
    private final EventAdapter adapter = new EventAdapter();
    private long recordSequence;
    private long applyingRecordSequence;

    @Override
    public final synchronized void onRecord(final JournalRecord record)
    {
        applyingRecordSequence = record.recordSequence();
        if (record.eventsLength() > 0)
        {
            adapter.read(record.buffer(), record.eventsOffset(), record.eventsLength(), this);
        }
        recordSequence = record.recordSequence();
    }

    @Override
    public final synchronized long recordSequence()
    {
        return recordSequence;
    }

    /**
     * For the {@code on*} methods: the sequence of the record whose events they are handed, which
     * {@link #recordSequence()} becomes only once all of them are applied.
     */
    protected final long applyingRecordSequence()
    {
        return applyingRecordSequence;
    }
}

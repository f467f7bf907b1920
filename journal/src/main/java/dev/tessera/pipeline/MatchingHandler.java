package dev.tessera.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalPosition;
import dev.tessera.journal.JournalReader;
import dev.tessera.journal.JournalRecord;
import dev.tessera.journal.JournalWriter;

/**
 * The engine thread's work for each command: match, journal, and once per batch make the batch
 * visible. Batching (endOfBatch) amortises the msync of SYNC durability and the publication.
 * The journal writer lives and dies on this thread (Chronicle appenders are single-threaded).
 */
final class MatchingHandler implements EventHandler<CommandSlot>
{
    private final MatchingEngine engine;
    private final Journal journal;
    private final JournalPosition tail;
    private final PublishedPosition published;
    private final Runnable onPublish;
    private JournalWriter writer;
    /** The time of the last command journaled: no later one is stamped earlier (see {@link #onEvent}). */
    private long lastTimestamp;
    private long processed;
    private volatile long processedVisible;

    MatchingHandler(
        final MatchingEngine engine,
        final Journal journal,
        final JournalPosition tail,
        final PublishedPosition published,
        final Runnable onPublish)
    {
        this.engine = engine;
        this.journal = journal;
        this.tail = tail;
        this.published = published;
        this.onPublish = onPublish;
    }

    @Override
    public void onStart()
    {
        writer = journal.writer(tail);
        lastTimestamp = timestampOf(tail);
    }

    /** The time of the record at {@code tail}, 0 for none (a new journal). */
    private long timestampOf(final JournalPosition tail)
    {
        if (tail.recordSequence() == 0)
        {
            return 0;
        }
        try (JournalReader reader = journal.reader())
        {
            reader.startAfter(tail);
            return reader.lastTimestamp();
        }
    }

    @Override
    public void onEvent(final CommandSlot slot, final long sequence, final boolean endOfBatch)
    {
        if (slot.length > 0)
        {
            // The journal's time never goes back: producers on two threads (order entry, day end) can stamp in
            // another order than their sequences, and a wall clock can step back across a restart. A command
            // stamped before the last one takes its time, before the engine reads it, so the journal, its replay
            // and every tool that looks history up by time (book --at, candles) see time only go forward.
            lastTimestamp = JournalRecord.stampNotBefore(slot.buffer, 0, slot.length, lastTimestamp);
            engine.onCommand(slot.buffer, 0, slot.length);
            writer.append(slot.buffer, 0, slot.length, engine.events());
            processed++;
        }
        if (endOfBatch)
        {
            writer.endOfBatch();
            published.publish(writer.lastIndex(), engine.lastEventSequence());
            processedVisible = processed;
            onPublish.run();
        }
    }

    @Override
    public void onShutdown()
    {
        if (writer != null)
        {
            writer.endOfBatch();
            writer.close();
        }
    }

    /** Commands processed, as of the last published batch. */
    long commandsProcessed()
    {
        return processedVisible;
    }
}

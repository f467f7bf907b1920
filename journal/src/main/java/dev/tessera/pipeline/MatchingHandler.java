package dev.tessera.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalPosition;
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
    }

    @Override
    public void onEvent(final CommandSlot slot, final long sequence, final boolean endOfBatch)
    {
        if (slot.length > 0)
        {
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

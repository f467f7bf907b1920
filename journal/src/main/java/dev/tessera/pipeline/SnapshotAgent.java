package dev.tessera.pipeline;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalPosition;
import dev.tessera.journal.JournalReader;
import dev.tessera.journal.JournalRecord;
import dev.tessera.journal.JournalRecordHandler;
import dev.tessera.journal.Recovery;
import dev.tessera.journal.SnapshotDirectory;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The snapshotter's duty cycle, on its own thread: read published journal records into its own
 * engine and write a snapshot at every interval boundary, or when asked. Its engine and reader live
 * and die on that thread (Chronicle tailers are single-threaded); other threads see only the
 * volatile results.
 */
final class SnapshotAgent implements Agent, JournalRecordHandler
{
    private static final int BATCH = 1024;

    private final SnapshotDirectory snapshots;
    private final long intervalRecords;
    private final int snapshotsToKeep;
    /** Events before the newest snapshot that one kept should lie ({@link SnapshotDirectory#retainUsable}). */
    private final long reachEvents;
    private final List<InstrumentConfig> instruments;
    private final int expectedOrders;
    private final Journal journal;
    private final PublishedPosition published;
    private final Consumer<String> log;
    private final AtomicLong requests = new AtomicLong();

    private MatchingEngine engine;
    private JournalReader reader;
    private long appliedSequence;
    private long lastSnapshotSequence;
    private volatile JournalPosition lastSnapshotPosition = JournalPosition.EMPTY;
    private volatile long served;
    private volatile long snapshotsWritten;
    private volatile Throwable failure;

    SnapshotAgent(
        final SnapshotDirectory snapshots,
        final long intervalRecords,
        final int snapshotsToKeep,
        final long reachEvents,
        final List<InstrumentConfig> instruments,
        final int expectedOrders,
        final Journal journal,
        final PublishedPosition published,
        final Consumer<String> log)
    {
        this.snapshots = snapshots;
        this.intervalRecords = intervalRecords;
        this.snapshotsToKeep = snapshotsToKeep;
        this.reachEvents = reachEvents;
        this.instruments = instruments;
        this.expectedOrders = expectedOrders;
        this.journal = journal;
        this.published = published;
        this.log = log;
    }

    @Override
    public void onStart()
    {
        // The snapshots it skips are the ones the recovery before it (Snapshotter.start) has just skipped over the same
        // journal, saying why: said again here, each warning came twice (QA 98 N6).
        final Recovery.Start start = Recovery.start(journal, instruments, expectedOrders, snapshots, "snapshotter", log,
            skipped -> { });
        engine = start.engine();
        reader = start.reader();
        appliedSequence = start.from().recordSequence();
        lastSnapshotSequence = appliedSequence;
        lastSnapshotPosition = start.from();
        snapshots.deleteLeftoverTempFiles(log);
        log.accept("snapshotter: started after record " + appliedSequence + ", a snapshot every " + intervalRecords +
            " records into " + snapshots.directory() + ", keeping " + snapshotsToKeep);
    }

    @Override
    public int doWork()
    {
        if (failure != null)
        {
            throw new AgentTerminationException("snapshotter failed earlier");
        }
        try
        {
            final long wanted = requests.get();
            if (wanted > served)
            {
                final long limit = published.journalIndex();
                while (step(limit) > 0)
                {
                    // catch up with everything published when asked
                }
                if (appliedSequence > lastSnapshotSequence)
                {
                    snapshot();
                }
                served = wanted;
                return 1;
            }
            return step(published.journalIndex());
        }
        catch (final RuntimeException ex)
        {
            // Stop rather than snapshot a copy of the books that may have missed a record.
            throw new AgentTerminationException(ex);
        }
    }

    /** Applies records up to the next interval boundary at most, and snapshots on reaching it. */
    private int step(final long limit)
    {
        final long untilBoundary = intervalRecords - (appliedSequence - lastSnapshotSequence);
        final int read = reader.poll(this, (int)Math.max(1, Math.min(BATCH, untilBoundary)), limit);
        if (appliedSequence - lastSnapshotSequence >= intervalRecords)
        {
            snapshot();
        }
        return read;
    }

    @Override
    public void onRecord(final JournalRecord record)
    {
        engine.apply(record.buffer(), record.eventsOffset(), record.eventsLength());
        appliedSequence = record.recordSequence();
    }

    private void snapshot()
    {
        final JournalPosition position = reader.position();
        final Path file = snapshots.write(engine, position);
        lastSnapshotSequence = position.recordSequence();
        lastSnapshotPosition = position;
        snapshotsWritten++;
        log.accept("snapshotter: wrote " + file.getFileName() + " (record " + position.recordSequence() + ", event " +
            position.lastEventSequence() + ", " + engine.liveOrderCount() + " live orders)");
        snapshots.retainUsable(snapshotsToKeep, reachEvents, file, journal, log);
    }

    @Override
    public void onClose()
    {
        if (reader != null)
        {
            reader.close();
        }
    }

    @Override
    public String roleName()
    {
        return "tessera-snapshotter";
    }

    void onError(final Throwable error)
    {
        final Throwable cause = error instanceof AgentTerminationException && error.getCause() != null ?
            error.getCause() : error;
        if (failure == null)
        {
            failure = cause;
            // Said in full once: nothing else shows that snapshots have stopped until the next restart takes longer.
            log.accept("snapshotter: stopped, no more snapshots until a restart (matching goes on; a restart replays " +
                "the journal from the newest snapshot): " +
                (cause instanceof UncheckedIOException ? cause.getMessage() : cause.toString()));
        }
    }

    void log(final String line)
    {
        log.accept(line);
    }

    /** @return the ticket {@link #served()} reaches once the snapshot is written. */
    long request()
    {
        return requests.incrementAndGet();
    }

    long served()
    {
        return served;
    }

    JournalPosition lastSnapshotPosition()
    {
        return lastSnapshotPosition;
    }

    long snapshotsWritten()
    {
        return snapshotsWritten;
    }

    Throwable failure()
    {
        return failure;
    }
}

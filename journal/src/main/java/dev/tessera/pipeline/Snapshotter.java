package dev.tessera.pipeline;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.JournalConfig;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalPosition;
import dev.tessera.journal.SnapshotDirectory;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Takes snapshots without pausing matching: its own thread tails the journal up to the published
 * position, applies each record's events to its own copy of the books, and every
 * {@code snapshotIntervalRecords} records writes a snapshot of that copy with the position it
 * covers, then keeps the newest {@code snapshotsToKeep} usable ones (an unusable one is moved aside into
 * {@code unusable/}, see {@link SnapshotDirectory}). The engine thread never waits for
 * it; when the snapshotter falls behind it only catches up later.
 *
 * <pre>
 *   engine thread --append--> journal --published--> snapshotter thread: apply events to its engine
 *                                                         | every N records
 *                                                         v
 *                                                  snapshot-&lt;record&gt;.tsnap (temp, fsync, rename)
 * </pre>
 *
 * It starts like recovery (newest usable snapshot, else the journal start) and catches up on its own
 * thread. A failure (a journal record that does not verify, a disk error) stops the snapshotter, not
 * the exchange: it is logged and kept in {@link #failure()}.
 */
public final class Snapshotter implements AutoCloseable
{
    private static final long REQUEST_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long REQUEST_POLL_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * The snapshotter is never latency-critical, so when idle it sleeps a whole millisecond and then
     * applies everything published meanwhile in one go. A back-off that spun, yielded and parked from
     * 50 µs woke once per record at 20 k commands/s and took 15% of a core doing it, on a box whose two
     * cores the engine, the gateway and the clients need.
     */
    private static final long IDLE_SLEEP_MS = 1;

    private final SnapshotAgent agent;
    private final AgentRunner runner;

    private Snapshotter(final SnapshotAgent agent)
    {
        this.agent = agent;
        this.runner = new AgentRunner(
            new SleepingMillisIdleStrategy(IDLE_SLEEP_MS), agent::onError, null, agent);
    }

    /**
     * Starts a snapshotter with the engine's default pre-allocation for its copy of the books.
     *
     * @param reachEvents events before the newest snapshot that one kept snapshot should lie (the FIX gateway's
     *                    {@code gateway.doneOrders}, {@link SnapshotDirectory#retainUsable}); 0 for none.
     */
    public static Snapshotter start(
        final JournalConfig config,
        final long reachEvents,
        final List<InstrumentConfig> instruments,
        final Journal journal,
        final PublishedPosition published,
        final Consumer<String> log)
    {
        return start(config, reachEvents, instruments, MatchingEngine.DEFAULT_EXPECTED_ORDERS, journal, published, log);
    }

    /**
     * Starts the snapshotter's thread over {@code journal}, writing to {@code config.snapshotDirectory()}. Called
     * after a recovery of {@code journal} from that directory ({@code Recovery.recover}), which has said which
     * snapshots it skipped and why: the snapshotter's own start, over the same snapshots, does not say it again.
     *
     * @param reachEvents    as for {@link #start(JournalConfig, long, List, Journal, PublishedPosition, Consumer)}.
     * @param expectedOrders resting orders its copy of the books pre-allocates for.
     * @param published      how far the journal may be read (the pipeline's).
     * @param log            one line per snapshot written, skipped or deleted, and on failure.
     */
    public static Snapshotter start(
        final JournalConfig config,
        final long reachEvents,
        final List<InstrumentConfig> instruments,
        final int expectedOrders,
        final Journal journal,
        final PublishedPosition published,
        final Consumer<String> log)
    {
        final SnapshotAgent agent = new SnapshotAgent(new SnapshotDirectory(config.snapshotDirectory()),
            config.snapshotIntervalRecords(), config.snapshotsToKeep(), reachEvents, instruments, expectedOrders,
            journal, published, log);
        final Snapshotter snapshotter = new Snapshotter(agent);
        AgentRunner.startOnThread(snapshotter.runner);
        return snapshotter;
    }

    /**
     * Catches up with everything published at the time of the call, writes a snapshot of it (unless
     * the newest snapshot already covers it) and returns the position of the newest snapshot.
     *
     * @throws IllegalStateException when the snapshotter has stopped or does not answer in time.
     */
    public JournalPosition snapshotNow()
    {
        final long ticket = agent.request();
        final long deadline = System.nanoTime() + REQUEST_TIMEOUT_NS;
        while (agent.served() < ticket)
        {
            final Throwable failure = agent.failure();
            if (failure != null)
            {
                throw new IllegalStateException("snapshotter stopped: " + failure, failure);
            }
            if (runner.isClosed() || System.nanoTime() > deadline)
            {
                throw new IllegalStateException("snapshotter did not take the snapshot (closed or timed out)");
            }
            LockSupport.parkNanos(REQUEST_POLL_NS);
        }
        return agent.lastSnapshotPosition();
    }

    /** The position of the newest snapshot written or started from ({@link JournalPosition#EMPTY} for none). */
    public JournalPosition lastSnapshotPosition()
    {
        return agent.lastSnapshotPosition();
    }

    /** Snapshots written since start. */
    public long snapshotsWritten()
    {
        return agent.snapshotsWritten();
    }

    /** Why the snapshotter stopped, or null while it runs. */
    public Throwable failure()
    {
        return agent.failure();
    }

    /**
     * Writes a final snapshot of everything published (so the next start replays nothing) and stops
     * the thread. Close it before the journal; the pipeline may be closed before or after.
     */
    @Override
    public void close()
    {
        if (!runner.isClosed() && agent.failure() == null)
        {
            try
            {
                snapshotNow();
            }
            catch (final IllegalStateException ex)
            {
                agent.log("snapshotter: no final snapshot: " + ex.getMessage());
            }
        }
        runner.close();
    }
}

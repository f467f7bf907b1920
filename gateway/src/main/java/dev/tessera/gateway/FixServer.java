package dev.tessera.gateway;

import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.UnusableDirectoryException;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.journal.DirectoryLock;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalInstruments;
import dev.tessera.journal.Recovery;
import dev.tessera.journal.SnapshotDirectory;
import dev.tessera.pipeline.ExchangePipeline;
import dev.tessera.pipeline.FatalStop;
import dev.tessera.pipeline.Snapshotter;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;

/**
 * The whole exchange in one process: journal recovery, the pipeline (ring, engine thread,
 * journal), the snapshotter, the FIX gateway thread, and the day-end thread that expires DAY
 * orders when {@code trading.dayEnd} is set. {@link #close} shuts down in the order
 * that loses nothing: stop reading from clients, enter the cancel-on-disconnect of every session
 * still logged on, drain the ring into the journal, send the reports for everything journaled, log
 * every session out and wait (bounded) for each client's answering Logout.
 */
public final class FixServer implements AutoCloseable
{
    private static final long START_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    /** Beyond the gateway's own Logout timeout: its timer tick and the last disconnects. */
    private static final long LOGOUT_SLACK_NS = TimeUnit.MILLISECONDS.toNanos(500);

    /** {@code gateway.stateDirectory}'s lock, held from before the journal is opened until everything is closed. */
    private final DirectoryLock sessionStateLock;
    private final Journal journal;
    private final ExchangePipeline pipeline;
    private final Snapshotter snapshotter;
    private final GatewayAgent agent;
    private final AgentRunner runner;
    /** Null when the trading day never ends ({@code trading.dayEnd = none}). */
    private final AgentRunner dayEndRunner;
    private final Consumer<String> log;
    private final Path stateDirectory;
    /** The engine, gateway and day-end threads' first failure: the launcher stops the process for it. */
    private final FatalStop fatal;
    private final int port;
    private boolean closed;

    private FixServer(final ExchangeConfig config, final Consumer<String> log, final OffsetEpochNanoClock clock,
        final EpochClock dayEndClock, final TimeProvider journalTime)
    {
        this.log = log;
        this.stateDirectory = config.gateway().stateDirectory();
        this.fatal = new FatalStop(log, List.of(config.journal().directory(), config.gateway().stateDirectory()));
        // First: a port another process holds is refused before any directory is made.
        CannotListenException.checkCanListen(config.gateway().host(), config.gateway().port());
        // So is a directory it cannot make or write: the journal's was found only after the other two were made, and
        // a session state lock taken (QA 115 F3). Made and deleted again: a check file, in the nearest existing one.
        UnusableDirectoryException.checkUsable("journal directory", config.journal().directory());
        UnusableDirectoryException.checkUsable("snapshot directory", config.journal().snapshotDirectory());
        UnusableDirectoryException.checkUsable("session state directory", config.gateway().stateDirectory());
        // A refused start takes away the directories it made (QA 115 F3: a second exchange on a journal in use).
        final MadeDirectories made = MadeDirectories.before(config.journal().snapshotDirectory(),
            config.gateway().stateDirectory());
        // Before the journal is opened: an unusable snapshot directory is refused before any file is touched.
        final SnapshotDirectory snapshots = SnapshotDirectory.forWriting(config.journal().snapshotDirectory());
        // So is the session state directory, and one another exchange uses or that is another journal's: before
        // the journal is opened (or created, when mistyped), and long before the gateway thread maps a session file.
        try
        {
            this.sessionStateLock = SessionStateDirectory.lock(config.gateway().stateDirectory());
        }
        catch (final RuntimeException | Error ex)
        {
            made.removeEmpty(); // QA 124 N3: refused by another exchange's lock, it left the snapshot directory
            throw ex;
        }
        final Journal openedJournal;
        try
        {
            checkSessionStateBeforeStart(config);
            final String keptRollCycle = Journal.rollCycleKeptOver(config.journal().directory(),
                config.journal().rollCycle()).orElse(null);
            openedJournal = Journal.open(config.journal(), config.instruments(), journalTime);
            if (keptRollCycle != null)
            {
                log.accept("journal: " + config.journal().directory() + " keeps its roll cycle " + keptRollCycle +
                    " (journal.rollCycle " + config.journal().rollCycle() + " applies to a new journal only)");
            }
        }
        catch (final RuntimeException | Error ex)
        {
            undoRefusedStart(made, sessionStateLock, stateDirectory);
            throw ex;
        }
        this.journal = openedJournal;
        ExchangePipeline startedPipeline = null;
        Snapshotter startedSnapshotter = null;
        AgentRunner startedDayEnd = null;
        try
        {
            SessionStateDirectory.checkJournal(config.gateway(), journal);
            // Before recovery: this exchange, holding the journal's writer lock, is the snapshots' only writer, so a
            // temp file is a write a crash cut off. Deleted here, it is said once, not skipped with a warning by
            // recovery and again by the snapshotter's own load (QA 93 N6).
            snapshots.deleteLeftoverTempFiles(log);
            final Recovery.Result recovered = Recovery.recover(journal, config.instruments(),
                MatchingEngine.DEFAULT_EXPECTED_ORDERS, snapshots, log);
            OrdersWithoutSessionException.refuseOrdersWithoutSession(recovered.engine(), config.gateway().sessions(),
                journal.directory());
            JournalIdentity.record(config.gateway().stateDirectory(), journal); // accepted: from here on it is this journal's
            final String unrecorded = JournalInstruments.unrecorded(journal.directory(), config.instruments(),
                "this start");
            if (unrecorded != null)
            {
                // Said as the pipeline's writer records them (QA 123 F1), the one start that cannot check them.
                log.accept("journal: WARNING " + unrecorded);
            }
            final AtomicReference<GatewayAgent> wake = new AtomicReference<>();
            startedPipeline = ExchangePipeline.start(config.pipeline(), journal, recovered.engine(),
                recovered.position(), new ExchangePipeline.Options().clock(clock).onPublish(() ->
                {
                    final GatewayAgent gateway = wake.get();
                    if (gateway != null)
                    {
                        gateway.wakeUp();
                    }
                }).fatal(fatal));
            final GatewayAgent startingAgent = new GatewayAgent(config.gateway(), new Symbols(config.instruments(),
                JournalInstruments.leftOut(journal.directory(), config.instruments())), journal,
                new SnapshotDirectory(config.journal().snapshotDirectory()), startedPipeline.published(),
                startedPipeline.orderEntry(), clock, log);
            this.agent = startingAgent;
            wake.set(agent);
            this.runner = new AgentRunner(new GatewayIdleStrategy(agent), error ->
            {
                // What stopped the start is thrown from start, to say so once and plainly.
                if (error != startingAgent.startFailure())
                {
                    // Nothing the gateway does is meant to throw: what does has left a session, a mapped
                    // session file or the reports behind in a state no one can tell (the thread itself dies on
                    // an Error), so the whole exchange stops rather than keep a port open that answers nothing.
                    fatal.stop("gateway", error);
                }
            }, null, agent);
            AgentRunner.startOnThread(runner, this::quietThread);
            this.port = awaitBound(agent);
            // Once the gateway has read the journal and the start stands: a start its read refused (a corrupt record
            // behind the snapshot recovery started from) had written a snapshot and deleted the oldest kept one
            // before it said "nothing was started" (QA 119 F2). The snapshotter catches up from the published position.
            try
            {
                startedSnapshotter = Snapshotter.start(config.journal(), config.gateway().doneOrders(),
                    config.instruments(), journal, startedPipeline.published(), log);
                if (config.trading().dayEnd().isPresent())
                {
                    // Last, once everything else runs: its first command is due at once when the server
                    // was down over a day end.
                    final DayEndAgent dayEnd = new DayEndAgent(startedPipeline.orderEntry()::endOfDay, dayEndClock,
                        config.trading().dayEnd().get(),
                        TimeUnit.NANOSECONDS.toMillis(recovered.firstEntrySinceEndOfDay()), log);
                    startedDayEnd = new AgentRunner(new SleepingMillisIdleStrategy(DayEndAgent.CHECK_INTERVAL_MS),
                        error -> fatal.stop("day end", error), null, dayEnd);
                    AgentRunner.startOnThread(startedDayEnd, this::quietThread);
                }
            }
            catch (final RuntimeException | Error ex)
            {
                CloseHelper.quietClose(runner); // bound and running by now: its port closes with the rest
                throw ex;
            }
        }
        catch (final RuntimeException | Error ex)
        {
            CloseHelper.quietCloseAll(startedDayEnd, startedSnapshotter, startedPipeline, journal);
            undoRefusedStart(made, sessionStateLock, stateDirectory);
            throw ex;
        }
        this.dayEndRunner = startedDayEnd;
        this.pipeline = startedPipeline;
        this.snapshotter = startedSnapshotter;
    }

    /**
     * Lets go of the session state lock and removes what the start made of its directories, while empty. The lock
     * file of a session state directory the start made is deleted while still held, so no other process takes a lock
     * on a file that is then gone.
     */
    private static void undoRefusedStart(
        final MadeDirectories made, final DirectoryLock sessionStateLock, final Path stateDirectory)
    {
        if (made.made(stateDirectory))
        {
            try
            {
                Files.deleteIfExists(stateDirectory.resolve(SessionStateDirectory.LOCK_FILE));
            }
            catch (final IOException ignored)
            {
                // The directory then stays, with its lock file, as before.
            }
        }
        CloseHelper.quietClose(sessionStateLock);
        made.removeEmpty();
    }

    /**
     * Before a repair changes the journal in {@code journalDirectory}: the checks a start makes of it against the
     * session state, read-only. A cycle file the sessions saw records in, emptied or gone, is theirs to put back, not
     * a kill's leftover for the repair to settle (QA 98: the repair moved it aside, said it had settled it as a start
     * would, and the start then refused).
     *
     * @throws MissingJournalRecordsException naming the file and the record the sessions saw.
     * @throws SessionStateOfAnotherJournalException when the session state is another journal's.
     */
    public static void checkJournalBeforeRepair(final ExchangeConfig config, final Path journalDirectory)
    {
        SessionStateDirectory.refuseAnotherJournal(config.gateway(), journalDirectory);
    }

    /**
     * What a start refuses of the session state before it opens the journal, read-only: a session file that cannot be
     * what this build wrote, session state with reports beside an empty (mistyped) journal, or beside another journal.
     * {@code config} runs them too (QA 115 F2: it said "configuration OK" to each).
     *
     * @throws UnreadableSessionStateException naming the file.
     * @throws SessionStateOfAnotherJournalException naming both directories.
     * @throws MissingJournalRecordsException naming the cycle file the sessions saw records in.
     */
    public static void checkSessionStateBeforeStart(final ExchangeConfig config)
    {
        SessionStateDirectory.refuseUnreadableHeaders(config.gateway());
        SessionStateDirectory.refuseReportsBeyondAnEmptyJournal(config.gateway(), config.journal().directory());
        SessionStateDirectory.refuseAnotherJournal(config.gateway(), config.journal().directory());
    }

    /**
     * Who holds the session state directory's lock ("pid N"), or null: a running exchange's session files change as it
     * trades, between a header and its index, so the checks of {@link #checkSessionStateBeforeStart} hold for them only
     * at a start, under that lock (QA 117 R1: config, reading them meanwhile, refused healthy sessions).
     */
    public static String sessionStateHolder(final ExchangeConfig config)
    {
        return DirectoryLock.holder(config.gateway().stateDirectory(), SessionStateDirectory.LOCK_FILE);
    }

    /**
     * Recovers and starts everything; returns once the gateway listens.
     *
     * @param log operational lines (recovery, logons, disconnects), one per call
     */
    public static FixServer start(final ExchangeConfig config, final Consumer<String> log)
    {
        final OffsetEpochNanoClock clock = entryClock();
        // The day end is decided on the clock commands are stamped with: the EndOfDay is claimed after the
        // look that saw the day end, and every command claimed after it reads that clock later still, so none
        // is stamped before the day end. (The system wall clock can differ from it by a millisecond or so, and
        // a command stamped just before the day end but journaled after the EndOfDay would date the next
        // trading day before that day end: a restart would then expire that day's orders at once.)
        return new FixServer(config, log, clock, () -> TimeUnit.NANOSECONDS.toMillis(clock.nanoTime()),
            SystemTimeProvider.INSTANCE);
    }

    /** As {@link #start(ExchangeConfig, Consumer)}, with the clock that decides when the trading day ends (tests). */
    public static FixServer start(final ExchangeConfig config, final Consumer<String> log, final EpochClock dayEndClock)
    {
        return new FixServer(config, log, entryClock(), dayEndClock, SystemTimeProvider.INSTANCE);
    }

    /** As {@link #start(ExchangeConfig, Consumer, EpochClock)}, with the clock that decides the journal's roll cycle (tests). */
    static FixServer start(final ExchangeConfig config, final Consumer<String> log, final EpochClock dayEndClock,
        final TimeProvider journalTime)
    {
        return new FixServer(config, log, entryClock(), dayEndClock, journalTime);
    }

    /** The clock commands are stamped with at entry. */
    private static OffsetEpochNanoClock entryClock()
    {
        // Offset from System.nanoTime: reading it allocates nothing, unlike Instant-based clocks.
        return new OffsetEpochNanoClock();
    }

    /** The port the gateway listens on (the configured one, or the one the OS chose for port 0). */
    public int port()
    {
        return port;
    }

    /**
     * The line said when a thread the exchange cannot run without (engine, gateway, day end) stopped, or null while
     * they run: the launcher then closes the server and exits with its own status.
     */
    public String failure()
    {
        return fatal.reason();
    }

    public long commandsProcessed()
    {
        return pipeline.commandsProcessed();
    }

    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        agent.closeIntake();
        CloseHelper.quietClose(dayEndRunner);
        // The sessions are about to drop: their cancel-on-disconnect goes onto the ring while it still takes
        // commands, after every command their clients sent, and is journaled by the drain below.
        final long cancelDeadline = System.nanoTime() + DRAIN_TIMEOUT_NS;
        while (!agent.shutdownCancelsEntered() && System.nanoTime() < cancelDeadline && runner.thread() != null &&
            runner.thread().isAlive())
        {
            agent.wakeUp();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        if (!agent.shutdownCancelsEntered())
        {
            log.accept("gateway: WARNING: shutting down without the cancel-on-disconnect of every logged-on " +
                "session; the next start enters what is owed");
        }
        pipeline.close();
        final long target = pipeline.published().journalIndex();
        final long deadline = System.nanoTime() + DRAIN_TIMEOUT_NS;
        while (!agent.caughtUpWith(target) && System.nanoTime() < deadline && runner.thread() != null &&
            runner.thread().isAlive())
        {
            agent.wakeUp();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        if (agent.caughtUpWith(target))
        {
            // Every report is out: now the Logouts, each after its session's last report. The gateway thread
            // times out each client that does not answer; this bound only guards against that thread stalling.
            agent.logOutSessions();
            final long logoutDeadline = System.nanoTime() + GatewayAgent.LOGOUT_TIMEOUT_NS + LOGOUT_SLACK_NS;
            while (!agent.sessionsLoggedOut() && System.nanoTime() < logoutDeadline && runner.thread() != null &&
                runner.thread().isAlive())
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
        CloseHelper.quietClose(runner);
        if (fatal.reason() == null)
        {
            // A clean stop's. After a failure the one the start recorded stays: the journal may be what failed (a
            // full disk faults its mapped pages, and reading its end again here failed the stop: QA 125 F2).
            recordJournalIdentity();
        }
        // The lock last: the gateway thread, which writes the session files, has stopped.
        CloseHelper.quietCloseAll(snapshotter, journal, sessionStateLock);
        log.accept(fatal.reason() == null ? "tessera: shut down cleanly" :
            "tessera: stopped after the failure above; a restart recovers from the journal");
    }

    /**
     * The journal's last record, written, as the session state's newest record of which journal it belongs to: the
     * identity a first run on a new journal (empty at its start) would otherwise not have until the next start.
     */
    private void recordJournalIdentity()
    {
        try
        {
            JournalIdentity.record(stateDirectory, journal);
        }
        catch (final RuntimeException ex)
        {
            // The one from the start stays, or none: the next start writes it.
            log.accept("gateway: WARNING: cannot record which journal the session state belongs to: " + ex.getMessage());
        }
    }

    /**
     * A thread for an agent whose every failure goes to {@link #fatal}: an Error that ends it was said there in one
     * line, so the JVM's default stack trace on stderr would only say it again.
     */
    private Thread quietThread(final Runnable task)
    {
        final Thread thread = new Thread(task);
        thread.setUncaughtExceptionHandler((failed, error) ->
        {
            if (fatal.reason() == null)
            {
                fatal.stop(failed.getName(), error);
            }
        });
        return thread;
    }

    private int awaitBound(final GatewayAgent gateway)
    {
        final long deadline = System.nanoTime() + START_TIMEOUT_NS;
        while (gateway.boundPort() < 0)
        {
            if (fatal.reason() != null)
            {
                // Said already, in its one line.
                CloseHelper.quietClose(runner);
                throw new ExchangeStoppedException(fatal.reason());
            }
            if (System.nanoTime() > deadline || runner.isClosed())
            {
                throw new IllegalStateException("the gateway did not start");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        if (gateway.boundPort() == 0)
        {
            CloseHelper.quietClose(runner);
            throw gateway.startFailure();
        }
        return gateway.boundPort();
    }
}

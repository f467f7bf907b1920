package dev.tessera.gateway;

import dev.tessera.config.Durability;
import dev.tessera.config.GatewayConfig;
import dev.tessera.config.SessionConfig;
import dev.tessera.fix.FixEncoder;
import dev.tessera.fix.FixFraming;
import dev.tessera.fix.FixMessage;
import dev.tessera.fix.FramingError;
import dev.tessera.fix.MsgTypes;
import dev.tessera.fix.PeerText;
import dev.tessera.fix.SessionRejectReason;
import dev.tessera.fix.Tags;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalGenerations;
import dev.tessera.journal.JournalReader;
import dev.tessera.journal.JournalRecord;
import dev.tessera.journal.JournalRecordHandler;
import dev.tessera.journal.SnapshotStore;
import dev.tessera.pipeline.OrderEntry;
import dev.tessera.pipeline.PublishedPosition;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The gateway's one I/O thread: a non-blocking acceptor and every client socket on one selector,
 * framing and session handling straight from the socket buffers, orders onto the ring, and the
 * journal tail (up to the published position only) turned into execution reports and market
 * data. One thread beside the engine thread suits a 2-core machine; sessions share nothing with
 * the engine but the ring and the journal.
 *
 * <pre>
 *   sockets --read/frame--> FixSession --OrderEntryAdapter--> ring --> engine --> journal
 *   sockets <--write------- FixSession <--reports, market data-- journal (published records only)
 * </pre>
 */
final class GatewayAgent implements Agent
{
    private static final int JOURNAL_BATCH = 256;
    /** Helpers for the sessions' msyncs in sync durability: waiting on the device, not on a CPU, so more than cores. */
    private static final int MAX_SESSION_SYNC_THREADS = 15;
    private static final long TIMER_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);
    /** A connection that has not logged on by then is dropped. */
    private static final long LOGON_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    /**
     * How long a Logout may wait for the client (QuickFIX/J's LogoutTimeout default): to read it, since a client
     * that hangs with its socket buffers full would otherwise keep the connection, and its session logged on, for
     * ever; and, for the shutdown's Logout, to answer it.
     */
    static final long LOGOUT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(2);
    private static final long SELECT_TIMEOUT_MS = 10;
    private static final String SHUTDOWN_LOGOUT_TEXT = "server shutting down";
    /**
     * What a client is told of a Logon refused for its CompID, username or password: the same for each, so that no one
     * can list the venue's CompIDs by trying them (QA 129 F5). The log says which.
     */
    private static final String INVALID_CREDENTIALS = "invalid SenderCompID, username or password";
    /** What the log says of a Logon refused for its username or password. */
    private static final String WRONG_CREDENTIALS = "invalid username or password";
    private static final int MAX_SOCKET_SEND_BUFFER = 1024 * 1024;
    private static final Consumer<SelectionKey> IGNORE_READY = key -> { };

    private final GatewayConfig config;
    private final Journal journal;
    /** {@code journal.durability = sync}: session state is msynced before it is sent, the checkpoint after it. */
    private final boolean syncDurability;
    private final SnapshotStore snapshots;
    private final PublishedPosition published;
    private final OrderEntry orderEntry;
    private final EpochNanoClock clock;
    private final Consumer<String> log;
    /** Connections closed before a logon: one line each, bounded, as a client may reconnect in a loop. */
    private final LogLimit refusedConnectionLines = new LogLimit(LogLimit.BURST_LINES, LogLimit.INTERVAL_NS);
    /** Failed accepts (descriptors used up): the server's key backs off, the lines bounded (QA 125 F5). */
    private final AcceptFailures acceptFailures;
    /** Descriptors kept for the journal, snapshots and session files: connections past it are closed (QA 125 F5b). */
    private final DescriptorReserve descriptors = DescriptorReserve.ofThisProcess();
    private final LogLimit shortOfDescriptorsLines = new LogLimit(LogLimit.BURST_LINES, LogLimit.INTERVAL_NS);
    private final Symbols symbols;
    private final FixFraming framing;
    private final FixMessage message = new FixMessage();
    private final FixEncoder logonRejectEncoder = new FixEncoder();
    private final List<Connection> connections = new ArrayList<>();
    private final List<FixSession> sessions = new ArrayList<>();
    /** {@code sync} durability with more than one session: their msyncs done together (null otherwise). */
    private SessionSync sessionSync;
    private final Long2ObjectHashMap<FixSession> sessionsByOwner = new Long2ObjectHashMap<>();
    private final ExecutionReportPublisher reports;
    private final MarketDataPublisher marketData;
    private final OrderEntryAdapter application;
    private final Resender resender;
    private final LiveReports liveReports = new LiveReports();
    private final JournalRecordHandler onRecord = this::onRecord;
    private final Consumer<SelectionKey> onReady = this::onReady;
    private long selectNowNs;
    private int selectedWork;
    /** Connections not read while their sessions hold as many throttled messages as they can ({@link HeldRejects}). */
    private int pausedReads;
    /** Connections paused at a request waiting for its order's acknowledgement ({@link Connection#awaitingAck}). */
    private int awaitingAcks;

    private Selector selector;
    private ServerSocketChannel server;
    private JournalReader reader;
    private ReportCheckpoint checkpoint;
    private GatewayIds gatewayIds;
    /** The journal held no record at the start: its identity is written at the first record read (once). */
    private boolean identityAtFirstRecord;
    /**
     * The cycle (file) of the newest record {@code journal.identity} names as of this run; a record of a newer one
     * writes the identity again ({@link #recordJournalIdentity}), so that a cycle file begun after the start and
     * then removed (deleted or emptied after a crash) is found missing at the next start, not taken for a power cut.
     */
    private int identityCycle = Integer.MIN_VALUE;
    private long readIndex = -1;
    private long readRecordSequence;
    private long readLastEventSequence;
    private long nextConnectionId;
    private long lastTimerNs;
    private volatile int boundPort = -1;
    /**
     * Set, before {@link #boundPort} becomes 0, when the gateway could not start: the listening socket could not be
     * opened, or the state to start from could not be read (a session state directory, a corrupt journal record).
     */
    private volatile RuntimeException startFailure;
    private volatile boolean intakeOpen = true;
    /** Shutdown: the sessions logged on when intake closed are marked for cancel-on-disconnect (gateway thread). */
    private boolean shutdownCancelsMarked;
    /** Shutdown: every cancel-on-disconnect owed is on the ring; the pipeline may be drained and closed. */
    private volatile boolean shutdownCancelsEntered;
    /** Shutdown: every report is sent; the sessions are to be logged out ({@link #logOutSessions}). */
    private volatile boolean shutdownLogoutRequested;
    /** Shutdown: the logged-on sessions have been sent their Logout and are read again for the answers. */
    private boolean shutdownLogoutStarted;
    /** Shutdown: every connection of the logout is closed (answered, or timed out); the gateway may be closed. */
    private volatile boolean sessionsLoggedOut;
    private volatile boolean sleeping;
    /** The ClOrdIDs the engine decided (accepted or rejected) before a snapshot the projection started from. */
    private DecidedClOrdIdScan decidedScan = DecidedClOrdIdScan.NONE;

    GatewayAgent(
        final GatewayConfig config,
        final Symbols symbols,
        final Journal journal,
        final SnapshotStore snapshots,
        final PublishedPosition published,
        final OrderEntry orderEntry,
        final EpochNanoClock clock,
        final Consumer<String> log)
    {
        this.config = config;
        this.symbols = symbols;
        this.journal = journal;
        this.syncDurability = journal.durability() == Durability.SYNC;
        this.snapshots = snapshots;
        this.published = published;
        this.orderEntry = orderEntry;
        this.clock = clock;
        this.log = log;
        this.acceptFailures = new AcceptFailures(log);
        this.framing = new FixFraming(config.maxMessageBytes());
        this.reports = new ExecutionReportPublisher(symbols, config.doneOrders(),
            new DecidedClOrdIds(DecidedClOrdIds.DEFAULT_BITS_LOG2, false), JournalGenerations.read(journal.directory()));
        this.marketData = new MarketDataPublisher(symbols.all(), symbols, config.maxMarketDataSubscriptions());
        this.application = new OrderEntryAdapter(orderEntry, symbols, reports, marketData, clock,
            config.maxMessageBytes());
        this.resender = new Resender(journal, symbols, snapshots, config.doneOrders(), log);
        this.shutdownCancelsEntered = !config.cancelOnDisconnect(); // none will be owed
    }

    @Override
    public String roleName()
    {
        return "tessera-gateway";
    }

    @Override
    public void onStart()
    {
        try
        {
            start();
        }
        catch (final RuntimeException ex)
        {
            // Handed to the starting thread (FixServer), which says it once and plainly: it is the operator's to
            // put right (a port, a directory, a journal to verify or repair), not a fault of the running gateway.
            startFailure = ex;
            boundPort = 0;
            throw ex;
        }
    }

    private void start()
    {
        // Before any command of this run: the published position is still the recovered journal's end.
        final long lastJournaledEvent = published.eventSequence();
        boolean reportsBeyondJournal = false;
        for (final SessionConfig sessionConfig : config.sessions())
        {
            final FixSession session = new FixSession(sessionConfig,
                SessionStore.open(config.stateDirectory(), sessionConfig.compId(), syncDurability), config.compId(),
                config.maxHeartbeatIntervalSeconds(), clock, LOGOUT_TIMEOUT_NS, log);
            sessions.add(session);
            sessionsByOwner.put(session.owner, session);
            if (session.store.created())
            {
                startNewSessionAtJournalEnd(session, lastJournaledEvent);
            }
            else
            {
                warnOfMissingIndexEntries(session);
                final int lastReportSent = session.store.settleReportCursor();
                if (lastReportSent > 0)
                {
                    log.accept("session " + session.compId() + ": the report sent as MsgSeqNum " + lastReportSent +
                        " just before the stop is not sent again as a new message (a ResendRequest regenerates it)");
                }
                reportsBeyondJournal |= forgetReportsBeyondJournal(session, lastJournaledEvent);
                askAgainForLost(session);
            }
            session.store.ringCapacity(orderEntry.capacity());
            loadHeldRejects(session);
        }
        if (reportsBeyondJournal)
        {
            startGenerationAfterLostTail();
        }
        if (syncDurability && sessions.size() > 1)
        {
            sessionSync = new SessionSync(sessions.size(), Math.min(sessions.size() - 1, MAX_SESSION_SYNC_THREADS));
        }
        // The report projection and the market data books are rebuilt before anyone logs on: from the newest
        // usable snapshot and the journal after it (ProjectionStart has the rule), else from the journal's start.
        final long start = System.nanoTime();
        checkpoint = ReportCheckpoint.open(config.stateDirectory());
        gatewayIds = GatewayIds.open(config.stateDirectory(), clock.nanoTime());
        final long lastIndexAtStart = journal.lastIndex();
        identityAtFirstRecord = lastIndexAtStart < 0;
        identityCycle = identityAtFirstRecord ? Integer.MIN_VALUE : journal.cycleOf(lastIndexAtStart);
        application.gatewayIds(gatewayIds);
        final boolean everySessionNew = sessions.stream().allMatch(session -> session.store.created());
        if (checkpoint.recordSequence() > journal.lastRecordSequence() ||
            (checkpoint.recordSequence() == 0 && everySessionNew))
        {
            // Every session's cursors are now within the journal (above), so its end is a true checkpoint; so it
            // is when every session starts there, and then no start reads the whole journal for reports no one gets.
            checkpoint.recordSequence(journal.lastRecordSequence(), lastJournaledEvent);
        }
        final ProjectionStart from = ProjectionStart.open(journal, symbols.all(), snapshots, checkpoint.recordSequence(),
            checkpoint.lastEventSequence(), reports.doneEventWindow(), log);
        if (from.books != null)
        {
            reports.startFrom(from.books);
            marketData.startFrom(from.books);
            decidedScan = new DecidedClOrdIdScan(reports, marketData, journal.reader().fromFirstAvailable(),
                from.position.index(), from.from, log);
        }
        else
        {
            reports.decidedClOrdIds().markComplete(); // every order decided is read below
        }
        reader = from.reader;
        // What the snapshot covers counts as read: catch-ups run up to here, shutdown and idling compare with it.
        readIndex = from.position.index();
        readRecordSequence = from.position.recordSequence();
        readLastEventSequence = from.position.lastEventSequence();
        long records = 0;
        int read;
        while ((read = pollJournal()) > 0)
        {
            records += read;
        }
        log.accept(String.format("gateway: %,d journal records read in %d ms to rebuild order state and books " +
            "(%,d live orders, from %s)", records, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
            reports.liveOrders(), from.from));
        // Only now, with the journal read to its end (where damage stops the start): a port that took connections
        // and then reset them looked up to a health check (QA 109 F3). Before the start-up cancels: a port taken
        // since FixServer's check stops the start before any command.
        try
        {
            selector = Selector.open();
            server = ServerSocketChannel.open();
            CannotListenException.bind(server, config.host(), config.port());
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        }
        catch (final IOException ex)
        {
            throw new CannotListenException(config.host(), config.port(), ex);
        }
        cancelOnDisconnectAtStart();
        boundPort = server.socket().getLocalPort();
    }

    /**
     * A session whose {@code .session} header survived while its sent or received index (or its {@code .made} file)
     * was removed or cut short:
     * the lost entries read as "not resent" and "entered nothing", which would silently turn a ResendRequest for
     * reports into a gap fill, and hide a command a crash lost. Neither can be rebuilt (the journal does not say
     * which MsgSeqNum a report went out under, nor which message entered a command), so the operator is told
     * which numbers are affected.
     */
    private void warnOfMissingIndexEntries(final FixSession session)
    {
        final int sentMissingFrom = session.store.sentEntriesMissingFrom();
        if (sentMissingFrom > 0)
        {
            log.accept("session " + session.compId() + ": WARNING " +
                config.stateDirectory().resolve(session.compId() + ".sent") + " is missing or cut short: outbound " +
                "MsgSeqNum " + sentMissingFrom + " to " + (session.store.nextSenderMsgSeqNum() - 1) + " (" +
                session.compId() + ".session says " + (session.store.nextSenderMsgSeqNum() - 1) + " were sent) can " +
                "no longer be resent, as that file is the only record of which report went out under which number; a " +
                "ResendRequest for them is answered with a gap fill, so a report among them the client did not get " +
                "is lost to it (OrderStatusRequest still tells an order's state)");
        }
        final int madeLost = session.store.madeEntriesLost();
        if (madeLost > 0)
        {
            log.accept("session " + session.compId() + ": WARNING " +
                config.stateDirectory().resolve(session.compId() + ".made") + " is missing or cut short: " + madeLost +
                " message(s) the gateway made itself (rejects, status replies) can no longer be resent; a " +
                "ResendRequest for them is answered with a gap fill");
        }
        final int receivedMissingFrom = session.store.receivedEntriesMissingFrom();
        if (receivedMissingFrom > 0)
        {
            // A file not there at all is most likely session state of a build before it was kept, not damage
            // (QA 123 F3: an upgrade was told "that file is the damaged one").
            log.accept("session " + session.compId() + ": WARNING " +
                config.stateDirectory().resolve(session.compId() + ".received") + (session.store.receivedFileAbsent() ?
                " is not there (session state of a build before 2026-11-23 has none; else it was removed): inbound " :
                " is missing or cut short: inbound ") +
                "MsgSeqNum " + receivedMissingFrom + " to " + (session.store.nextTargetMsgSeqNum() - 1) + " (" +
                session.compId() + ".session says " + (session.store.nextTargetMsgSeqNum() - 1) + " were received" +
                (session.store.receivedFileAbsent() ? "" :
                ": if the client never sent that many, that file is the damaged one") + ") have no record of the " +
                "command each entered; if the server crashed before this start, a message among them " +
                "whose command the journal lacks is not asked for again");
        }
    }

    /** {@link SessionStore#startAfter}: a session with new state gets no report of the journal's past. */
    private void startNewSessionAtJournalEnd(final FixSession session, final long lastJournaledEvent)
    {
        session.store.startAfter(lastJournaledEvent);
        if (lastJournaledEvent > 0)
        {
            // Neutral words: the first start after --demo meets the demo's events, no session state's (QA 102).
            log.accept("session " + session.compId() + ": new session state over a journal that holds events 1 to " +
                lastJournaledEvent + ": it starts after them, so no report of theirs is sent to it; any order of its " +
                "own still live is reported from now on, and OrderStatusRequest tells its state");
        }
    }

    /**
     * A journal that ends before events a session had reports of ({@code journal repair} cut it at a corruption,
     * or a power cut in {@code process} durability took its tail): without this, the session would take the new
     * events that reuse those sequences for reports it already has, and get none of them, and a ResendRequest
     * would regenerate reports of the new events under the old MsgSeqNums. {@link SessionStore#forgetReportsBeyond}
     * has the rule; the operator is told, as the client's view of those orders is no longer the exchange's.
     */
    /** @return whether the session had reports of events beyond the journal. */
    private boolean forgetReportsBeyondJournal(final FixSession session, final long lastJournaledEvent)
    {
        final long lastEventReported = SessionStore.eventSequenceOf(
            Math.max(session.store.lastReportEntryMade(), session.store.lastReportEntry()));
        final int voided = session.store.forgetReportsBeyond(lastJournaledEvent);
        if (voided >= 0)
        {
            log.accept("session " + session.compId() + ": WARNING reports were made of events " +
                (lastJournaledEvent + 1) + " to " + lastEventReported + ", which the journal (ending at event " +
                lastJournaledEvent + ") no longer holds: it was repaired, or lost its tail in a power cut; " +
                voided + " sent message(s) carried them and are gap-filled if asked for again, and reports go on " +
                "from event " + (lastJournaledEvent + 1) + "; the client's view of the orders in them is not the " +
                "exchange's");
        }
        return voided >= 0;
    }

    /**
     * Reports were made of events the journal no longer holds, and the events of this run take their sequences: a
     * journal generation from the next record on keeps their ExecIDs apart ({@link JournalGenerations}). A repair that
     * cut the journal began it already; a power cut in {@code process} durability that took the tail did not. Before
     * any command of this run, so the next record is the journal's last plus one.
     */
    private void startGenerationAfterLostTail()
    {
        final long firstRecord = journal.lastRecordSequence() + 1;
        if (JournalGenerations.read(journal.directory()).latestFirstRecord() == firstRecord)
        {
            return;
        }
        final int generation = JournalGenerations.beginAfterLostTail(journal.directory(), firstRecord);
        final JournalGenerations generations = JournalGenerations.read(journal.directory());
        reports.generations(generations);
        resender.generations(generations);
        log.accept("gateway: the records from record " + firstRecord + " on are of journal generation " + generation +
            " (" + JournalGenerations.FILE + "): the ExecIDs of their reports carry it, so they repeat none a client " +
            "had for an event the journal lost");
    }

    /**
     * FIX guaranteed delivery across a crash: a message read moves the session's expected MsgSeqNum on at once,
     * but the command it entered is only safe once journaled, and a {@code kill -9} loses the ring. Before any
     * logon (and before any command of this run is entered), each session's expected MsgSeqNum goes back to
     * the first message whose command the recovered journal lacks ({@link SessionStore#rewindToFirstLost}); the
     * client's Logon then shows a gap, gets a ResendRequest, and resends those messages with PossDupFlag=Y.
     */
    private void askAgainForLost(final FixSession session)
    {
        final int expected = session.store.nextTargetMsgSeqNum();
        // The ring the commands were lost with, which a changed pipeline.ringSize no longer is; one more than it:
        // the message being entered at the crash may hold no slot yet.
        final int lostWithRing = Math.max(session.store.ringCapacity(), orderEntry.capacity());
        final int rewoundTo = session.store.rewindToFirstLost(orderEntry.lastJournaledAtStart(), lostWithRing + 1);
        if (rewoundTo > 0)
        {
            log.accept("session " + session.compId() + ": inbound MsgSeqNum " + rewoundTo + " to " + (expected - 1) +
                " read but not journaled before the server stopped; expecting " + rewoundTo +
                " again, so the next logon asks for them");
        }
        else if (rewoundTo < 0)
        {
            log.accept("session " + session.compId() + ": WARNING: more inbound messages than the ring holds carry " +
                "commands beyond the journal's last (" + orderEntry.lastJournaledAtStart() + "): the session state " +
                "is not this journal's; expecting " + expected + " as recorded");
        }
    }

    /**
     * Cancel-on-disconnect that a stopped server still owes: after a crash (or a shutdown that could not enter
     * it) the book holds resting orders of sessions that are not connected, and none is yet. Entered as each
     * connection's drop would have (the same owner-wide cancel, through the ring), after recovery and before any
     * logon is taken, so they precede every command of a new connection; their reports reach each client at its
     * next logon by catch-up. An owner without live orders gets nothing: an idle restart journals nothing.
     */
    private void cancelOnDisconnectAtStart()
    {
        if (!config.cancelOnDisconnect())
        {
            return;
        }
        final StringBuilder compIds = new StringBuilder();
        int owners = 0;
        long orders = 0;
        final Long2LongHashMap liveByOwner = reports.liveOrdersByOwner();
        for (final FixSession session : sessions)
        {
            final long live = liveByOwner.get(session.owner);
            if (live > 0)
            {
                session.massCancelPending = true;
                compIds.append(owners++ == 0 ? "" : ", ").append(session.compId());
                orders += live;
            }
        }
        if (owners == 0)
        {
            return;
        }
        // Nothing else enters commands yet, so the ring is busy only while the engine takes the first ones.
        enterPendingCancels();
        while (cancelsOwed())
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            enterPendingCancels();
        }
        // Entered, not yet journaled: a crash now leaves them owed, and the next start enters them again.
        // Neutral words: a crash left them, or as well a run with the key off, on purpose (QA 99: "left live by a
        // server that stopped without cancelling them" read as a fault after such a run).
        log.accept(String.format("gateway: cancel-on-disconnect at start-up: cancels of %,d resting orders of %d " +
            "session(s) entered (%s), resting since an earlier run (a crash, or one with " +
            "gateway.cancelOnDisconnect=false)", orders, owners, compIds));
    }

    /**
     * Shutdown, once intake is closed and before the ring is drained: every session still logged on is about
     * to be dropped, so its cancel-on-disconnect is entered now, while the pipeline takes commands; its reports
     * are journaled and go out live before the Logout. A busy ring is retried on the next duty cycle.
     *
     * @return the cancels entered.
     */
    private int cancelOnShutdown()
    {
        if (!shutdownCancelsMarked)
        {
            shutdownCancelsMarked = true;
            if (config.cancelOnDisconnect())
            {
                final StringBuilder compIds = new StringBuilder();
                int loggedOn = 0;
                for (final FixSession session : sessions)
                {
                    if (session.isLoggedOn() && session.mayHaveRestingOrders)
                    {
                        session.massCancelPending = true;
                        compIds.append(loggedOn++ == 0 ? "" : ", ").append(session.compId());
                    }
                }
                if (loggedOn > 0)
                {
                    log.accept("gateway: shutting down: cancel-on-disconnect of " + loggedOn +
                        " logged-on session(s) that entered orders: " + compIds);
                }
            }
        }
        final int entered = enterPendingCancels();
        if (!cancelsOwed())
        {
            shutdownCancelsEntered = true;
        }
        return entered;
    }

    /** Whether every cancel-on-disconnect owed at shutdown is on the ring ({@link FixServer#close} waits for it). */
    boolean shutdownCancelsEntered()
    {
        return shutdownCancelsEntered;
    }

    /** Enters each cancel-on-disconnect owed that the ring takes. @return how many it took. */
    private int enterPendingCancels()
    {
        int entered = 0;
        for (int i = 0; i < sessions.size(); i++)
        {
            if (enterPendingCancel(sessions.get(i)))
            {
                entered++;
            }
        }
        return entered;
    }

    /** Whether a cancel-on-disconnect is still owed (the ring was busy when it was entered). */
    private boolean cancelsOwed()
    {
        for (int i = 0; i < sessions.size(); i++)
        {
            if (sessions.get(i).massCancelPending)
            {
                return true;
            }
        }
        return false;
    }

    /** A cancel-on-disconnect the ring was too busy to take before. @return whether it was entered now. */
    private boolean enterPendingCancel(final FixSession session)
    {
        if (session.massCancelPending && application.cancelAll(session))
        {
            session.massCancelPending = false;
            return true;
        }
        return false;
    }

    /** The port listened on, once started; 0 if binding failed, -1 before. */
    int boundPort()
    {
        return boundPort;
    }

    /** Why the gateway could not start, once {@link #boundPort()} is 0; null otherwise. */
    RuntimeException startFailure()
    {
        return startFailure;
    }

    /** Stops accepting connections and reading client messages (shutdown, step one). */
    void closeIntake()
    {
        intakeOpen = false;
        wakeUp();
    }

    /**
     * Shutdown, once every report is sent (the ring is closed): sends each logged-on session its Logout and reads
     * its connection again until the client answers, so that the answering Logout's MsgSeqNum is used up here and
     * the next Logon carries on without a gap. {@link #sessionsLoggedOut} tells when all are done.
     */
    void logOutSessions()
    {
        shutdownLogoutRequested = true;
        wakeUp();
    }

    /** Whether the shutdown's logout is over: every connection closed, answered or after {@link #LOGOUT_TIMEOUT_NS}. */
    boolean sessionsLoggedOut()
    {
        return sessionsLoggedOut;
    }

    /** Whether every published record has been turned into reports. */
    boolean caughtUpWith(final long journalIndex)
    {
        return readIndex >= journalIndex;
    }

    /** Called by the engine thread after a publish: ends an idle wait at once. */
    void wakeUp()
    {
        if (sleeping)
        {
            final Selector s = selector;
            if (s != null)
            {
                s.wakeup();
            }
        }
    }

    /** Waits for a socket, a publish or the timer tick; called by the idle strategy when there is no work. */
    void awaitWork()
    {
        sleeping = true;
        try
        {
            if (published.journalIndex() == readIndex)
            {
                // Only a wake-up: readiness is level-triggered, so the next doWork's selectNow sees the keys again.
                selector.select(IGNORE_READY, SELECT_TIMEOUT_MS);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        finally
        {
            sleeping = false;
        }
    }

    @Override
    public int doWork() throws IOException
    {
        int work = 0;
        final long nowNs = System.nanoTime();
        if (intakeOpen || shutdownLogoutStarted)
        {
            selectNowNs = nowNs;
            selectedWork = 0;
            work += acceptFailures.resume(nowNs);
            // selectNow(Consumer) hands each ready key over directly: no selected-key set, no iterator garbage.
            selector.selectNow(onReady);
            work += selectedWork;
        }
        else if (!shutdownCancelsEntered)
        {
            // After the last read: every command a client got onto the ring precedes its session's cancel.
            work += cancelOnShutdown();
        }
        else if (shutdownLogoutRequested && !shutdownLogoutStarted)
        {
            work += startShutdownLogout(nowNs);
        }
        work += pollJournal();
        work += decidedScan.doWork();
        if (resender.takeTurnPending())
        {
            work += continueRuns();
        }
        if (nowNs - lastTimerNs >= TIMER_INTERVAL_NS)
        {
            lastTimerNs = nowNs;
            work += onTimer(nowNs);
        }
        work += flushAndReap(nowNs);
        if (shutdownLogoutStarted && !sessionsLoggedOut && connections.isEmpty())
        {
            sessionsLoggedOut = true;
        }
        return work;
    }

    /**
     * Shutdown, after the last report: Logout to every logged-on session, each then read again (the ring is
     * closed: an order that comes meanwhile is answered as refused, "exchange is shutting down") until its
     * client's Logout answers, or {@link #LOGOUT_TIMEOUT_NS} passes. No new connection is taken, and one not
     * logged on is closed: it must not log on now.
     */
    private int startShutdownLogout(final long nowNs)
    {
        shutdownLogoutStarted = true;
        CloseHelper.quietClose(server);
        for (int i = 0; i < sessions.size(); i++)
        {
            sessions.get(i).logout(SHUTDOWN_LOGOUT_TEXT, nowNs);
        }
        for (int i = 0; i < connections.size(); i++)
        {
            final Connection connection = connections.get(i);
            if (connection.session == null)
            {
                connection.close("server shutting down before a logon");
            }
        }
        return 1;
    }

    @Override
    public void onClose()
    {
        for (final FixSession session : sessions)
        {
            if (!session.isLoggingOut())
            {
                // The shutdown's logout did not run (FixServer.close could not drain): Logout without waiting.
                session.logoutAndClose(SHUTDOWN_LOGOUT_TEXT);
            }
        }
        for (final Connection connection : connections)
        {
            try
            {
                connection.flush();
            }
            catch (final IOException ignored)
            {
                // the client is gone already
            }
            CloseHelper.quietClose(connection.channel);
        }
        connections.clear();
        for (final FixSession session : sessions)
        {
            session.onDisconnect("server shut down");
            logHeldRejectsKept(session);
            session.store.close();
        }
        CloseHelper.quietCloseAll(reader, decidedScan, checkpoint, gatewayIds, server, selector, sessionSync);
    }

    /**
     * Held rejects are kept in the session's {@code .held} file: said, so an operator knows a stop left answers
     * owed to a client, which it gets at its next logon after the restart ({@link #loadHeldRejects}).
     */
    private void logHeldRejectsKept(final FixSession session)
    {
        final HeldRejects held = session.heldRejects;
        if (held == null || held.isEmpty())
        {
            return;
        }
        log.accept("session " + session.compId() + ": " + held.count() + " held reject(s) kept in " +
            session.compId() + ".held for the session's next logon after the restart");
    }

    /**
     * The rejects a session held when the previous run stopped or crashed ({@link HeldRejects}): their messages'
     * MsgSeqNums are used up, so they go out at the session's next logon, after its catch-up, as a session's held
     * rejects do after a disconnect. Not counted while the session is away ({@link OrderEntryAdapter#onLogon}).
     */
    private void loadHeldRejects(final FixSession session)
    {
        final HeldRejects held = session.store.heldRejectsAtStart(config.maxMessageBytes());
        if (held == null)
        {
            return;
        }
        held.counted = false;
        session.heldRejects = held;
        if (held.isEmpty())
        {
            return;
        }
        if (session.store.created())
        {
            // The session's numbering starts again at 1: the held messages' MsgSeqNums are of the old one.
            held.forgetMsgSeqNums();
        }
        log.accept("session " + session.compId() + ": " + held.count() + " held reject(s) from before the restart " +
            "go out at its next logon");
    }

    private void onReady(final SelectionKey key)
    {
        if (!key.isValid())
        {
            return;
        }
        if (key.isAcceptable())
        {
            try
            {
                selectedWork += accept(selectNowNs);
            }
            catch (final IOException ex)
            {
                acceptFailures.failed(key, ex, selectNowNs);
            }
        }
        else if (key.isReadable() && key.attachment() instanceof Connection)
        {
            selectedWork += read((Connection)key.attachment(), selectNowNs);
        }
    }

    private int accept(final long nowNs) throws IOException
    {
        int accepted = 0;
        SocketChannel channel;
        while ((channel = server.accept()) != null)
        {
            final long open = descriptors.openWhenShort();
            if (open >= 0)
            {
                if (shortOfDescriptorsLines.tryLine(nowNs))
                {
                    log.accept("gateway: connection from " + Connection.remoteOf(channel) + " closed at once: " + open + " of " +
                        descriptors.maxDescriptors() + " file descriptors are open, and " + descriptors.reserve() +
                        " are kept for the journal, snapshots and session files (raise the open-files limit, ulimit -n)");
                }
                channel.close();
                continue;
            }
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            // What a client that stops reading can have queued is the kernel's send buffer plus our own
            // bound: keep the kernel's share of the same order, or a stalled client goes unnoticed for
            // megabytes (Linux grows loopback send buffers to several MiB by itself).
            channel.setOption(StandardSocketOptions.SO_SNDBUF, Math.min(config.maxOutboundBytes(), MAX_SOCKET_SEND_BUFFER));
            final SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            final Connection connection = new Connection(++nextConnectionId, channel, key, config.maxMessageBytes(),
                config.maxOutboundBytes(), nowNs);
            key.attach(connection);
            connections.add(connection);
            accepted++;
        }
        return accepted;
    }

    private int read(final Connection connection, final long nowNs)
    {
        if (connection.closeReason != null || connection.readPaused)
        {
            return 0;
        }
        try
        {
            final boolean skipping = connection.isSkipping();
            final int read = connection.read();
            if (read < 0)
            {
                connection.close("client closed the connection");
                return 1;
            }
            if (skipping && read > 0 && connection.session != null)
            {
                // The rest of a message too long to read is the client sending: a large message that comes slowly
                // must not look like silence, nor get a TestRequest the client cannot answer before it ends.
                connection.session.heardFrom(nowNs);
            }
            onBytes(connection, nowNs);
            return read > 0 ? 1 : 0;
        }
        catch (final IOException ex)
        {
            connection.close("read failed: " + ex.getMessage());
            return 1;
        }
        catch (final RuntimeException ex)
        {
            // A bug must cost one connection, never the gateway and the other sessions.
            log.accept("gateway: error on connection " + connection.remote + ": " + ex);
            connection.close("internal error: " + ex.getMessage());
            return 1;
        }
    }

    private void onBytes(final Connection connection, final long nowNs)
    {
        int offset = 0;
        while (connection.closeReason == null && offset < connection.inboundLength)
        {
            if (connection.session != null && !connection.session.canHoldReject())
            {
                // A flood over the throttle while earlier commands are in flight: the rest waits in the socket
                // until their acks, and the rejects held behind them, are out (resumeReading).
                connection.pauseReading();
                pausedReads++;
                break;
            }
            final int available = connection.inboundLength - offset;
            final int length = framing.frame(connection.inboundBuffer, offset, available);
            if (length == FixFraming.INCOMPLETE)
            {
                break;
            }
            if (length == FixFraming.MALFORMED)
            {
                final int dropped = onGarbled(connection, offset, available, nowNs);
                if (dropped == 0)
                {
                    break; // the header of a message too long to frame has yet to arrive
                }
                offset += dropped;
                continue;
            }
            if (!onFramed(connection, offset, length, nowNs))
            {
                // It and the rest wait in the buffer until the journal record that settles it (onRecord).
                connection.pauseReading();
                pausedReads++;
                connection.awaitingAck = true;
                awaitingAcks++;
                break;
            }
            offset += length;
        }
        connection.consume(offset);
    }

    /** @return the bytes to drop; 0 while more must arrive first. */
    private int onGarbled(final Connection connection, final int offset, final int available, final long nowNs)
    {
        final FramingError error = framing.error();
        final FixSession session = connection.session;
        if (session == null)
        {
            // In words, and the version a Logon of another one named (QA 97: enum names, OTHER_FIX_VERSION).
            connection.close("not a FIX 4.4 logon: " + (error == FramingError.OTHER_FIX_VERSION ? "a message of " +
                FixFraming.beginStringOf(connection.inboundBuffer, offset) : error.text()));
            return available;
        }
        if (error == FramingError.MESSAGE_TOO_LONG)
        {
            return onTooLong(connection, session, offset, available, nowNs);
        }
        if (error == FramingError.OTHER_FIX_VERSION)
        {
            // Not garbled: a whole message for a session of another version, which this one cannot become. FIX
            // (and QuickFIX/J, in these words) answers a Logout naming the BeginString, then disconnects.
            session.logoutAndClose("Incorrect BeginString: message version '" +
                FixFraming.beginStringOf(connection.inboundBuffer, offset) + "' does not match the session version '" +
                FixFraming.BEGIN_STRING + "'");
            return available;
        }
        // FIX: a garbled message is ignored (its MsgSeqNum is not consumed); the gap it leaves is recovered.
        session.onGarbled(error, nowNs);
        return FixFraming.skipToNextBeginString(connection.inboundBuffer, offset, available);
    }

    /**
     * A message whose BodyLength(9) is beyond {@code gateway.maxMessageBytes}: not garbled (its length is announced),
     * so, as any message the session cannot act on, it is answered with a Reject and its MsgSeqNum used up; a
     * Logout would leave that number unread and the client, asked for it again at its next Logon, would resend it
     * for ever. Its header (the first {@code maxMessageBytes} at most) is read for the MsgSeqNum, and the rest is
     * skipped as it arrives, never held. Without a BodyLength that is a number, or a MsgSeqNum in that header, the
     * message cannot be accounted for, nor the stream resynchronised: Logout then, saying why.
     *
     * @return the bytes to drop now; 0 while its header has not all arrived.
     */
    private int onTooLong(final Connection connection, final FixSession session, final int offset, final int available,
        final long nowNs)
    {
        final UnsafeBuffer buffer = connection.inboundBuffer;
        final long messageLength = FixFraming.announcedLength(buffer, offset, available);
        if (messageLength == FixFraming.INCOMPLETE)
        {
            return 0;
        }
        final String limit = "message longer than " + config.maxMessageBytes() + " bytes (gateway.maxMessageBytes)";
        if (messageLength == FixFraming.MALFORMED)
        {
            session.logoutAndClose(limit + " whose BodyLength(9) is no number of at most 9 digits: where it ends is " +
                "unknown");
            return available;
        }
        final int headerEnd = offset + (int)Math.min(messageLength, config.maxMessageBytes());
        if (offset + available < headerEnd)
        {
            return 0;
        }
        final int msgSeqNum = FixFraming.fieldIntValue(buffer, offset, headerEnd, Tags.MSG_SEQ_NUM);
        if (msgSeqNum <= 0)
        {
            session.logoutAndClose(limit + " without a readable MsgSeqNum(34) in its first " +
                (headerEnd - offset) + " bytes: it cannot be accounted for");
            return available;
        }
        final int msgTypeOffset = FixFraming.fieldValueOffset(buffer, offset, headerEnd, Tags.MSG_TYPE);
        session.onUnparsed(msgSeqNum, isPossDup(buffer, offset, headerEnd), buffer,
            msgTypeOffset, msgTypeOffset < 0 ? 0 : FixFraming.fieldValueLength(buffer, msgTypeOffset, headerEnd),
            SessionRejectReason.OTHER, Tags.BODY_LENGTH, "message of " + messageLength + " bytes is longer than the " +
            "maximum of " + config.maxMessageBytes() + " bytes: not processed", nowNs);
        final int dropped = (int)Math.min(available, messageLength);
        connection.skip(messageLength - dropped);
        return dropped;
    }

    /**
     * @return false, having done nothing, for a cancel or replace that must wait for its order's acknowledgement
     *     ({@link OrderEntryAdapter#waitsForAcknowledgement}).
     */
    private boolean onFramed(final Connection connection, final int offset, final int length, final long nowNs)
    {
        final FixSession session = connection.session;
        if (!message.wrap(connection.inboundBuffer, offset, length))
        {
            if (session == null)
            {
                connection.close("malformed logon: " + whatIsMalformed());
                return true;
            }
            int msgSeqNum = message.intValue(Tags.MSG_SEQ_NUM);
            if (msgSeqNum <= 0)
            {
                // The parse stops at the first malformed field, and 35, 49 and 56 come before 34 in the usual header
                // order: read from the bytes, as a message too long to parse is (QA 96: RefSeqNum 0, the number not
                // used up, and the client asked to resend what was rejected).
                msgSeqNum = FixFraming.fieldIntValue(connection.inboundBuffer, offset, offset + length, Tags.MSG_SEQ_NUM);
            }
            // Sequenced as any message (a gap asked for first when beyond the expected number, QA 97; a PossDup
            // duplicate below it dropped, QA 96); the Text says what is wrong where, as 373 and 371 do, for a reader
            // of logs without a FIX table at hand.
            final int msgTypeIndex = message.headerMsgTypeIndex();
            session.onUnparsed(msgSeqNum, isPossDup(connection.inboundBuffer, offset, offset + length),
                connection.inboundBuffer, msgTypeIndex < 0 ? -1 : message.valueOffsetAt(msgTypeIndex),
                msgTypeIndex < 0 ? 0 : message.valueLengthAt(msgTypeIndex), message.rejectReason(),
                message.refTagId(), "malformed message: " + whatIsMalformed(), nowNs);
            return true;
        }
        if (session == null)
        {
            onLogon(connection, nowNs);
            return true;
        }
        if (application.waitsForAcknowledgement(session, message))
        {
            return false;
        }
        session.onMessage(message, nowNs, application, resender);
        return true;
    }

    /**
     * The record just read may be the acknowledgement (or the refusal of the replace ahead) a paused request waits for:
     * each that no longer waits is handled now, against the projection as of this record, before a later record
     * (that replace's outcome) moves the order on; the rest of its connection's input after the batch
     * ({@link #resumeReading}).
     */
    private void letAcknowledgedRequestsThrough()
    {
        final long nowNs = System.nanoTime();
        for (int i = 0; i < connections.size() && awaitingAcks > 0; i++)
        {
            final Connection connection = connections.get(i);
            if (connection.awaitingAck && connection.closeReason == null)
            {
                final int length = framing.frame(connection.inboundBuffer, 0, connection.inboundLength);
                if (length > 0 && onFramed(connection, 0, length, nowNs))
                {
                    connection.awaitingAck = false;
                    awaitingAcks--;
                    connection.consume(length);
                }
            }
        }
    }

    /** What the last {@link FixMessage#wrap} that failed found wrong, and where (allocates: an error path). */
    private String whatIsMalformed()
    {
        // The parse's one Other: the field limit, named (QA 129: "other (tag 55)" said nothing of it).
        final String what = message.rejectReason() == SessionRejectReason.OTHER ?
            "more than " + message.maxFields() + " fields" : message.rejectReason().text();
        return what + (message.refTagId() > 0 ? " (tag " + message.refTagId() + ")" : "");
    }

    /** PossDupFlag(43)=Y among the bytes of a message that was not parsed (malformed, or too long). */
    private static boolean isPossDup(final DirectBuffer buffer, final int from, final int end)
    {
        final int possDupOffset = FixFraming.fieldValueOffset(buffer, from, end, Tags.POSS_DUP_FLAG);
        return possDupOffset >= 0 && buffer.getByte(possDupOffset) == 'Y';
    }

    private void onLogon(final Connection connection, final long nowNs)
    {
        if (message.msgType() != MsgTypes.LOGON)
        {
            connection.close("first message was not a Logon");
            return;
        }
        FixSession session = null;
        for (final FixSession candidate : sessions)
        {
            if (message.valueEquals(Tags.SENDER_COMP_ID, candidate.compId()))
            {
                session = candidate;
            }
        }
        // Before the SenderCompID: checked after it, a wrong one told a known CompID from an unknown one (QA 129 F5).
        if (!message.valueEquals(Tags.TARGET_COMP_ID, config.compId()))
        {
            final String wrongTarget = "wrong TargetCompID: this gateway is " + config.compId();
            refuseLogon(connection, wrongTarget, wrongTarget);
            return;
        }
        if (session == null)
        {
            refuseLogon(connection, INVALID_CREDENTIALS, "unknown SenderCompID");
            return;
        }
        final SessionConfig sessionConfig = session.config;
        if ((!sessionConfig.username().isEmpty() && !message.valueEquals(Tags.USERNAME, sessionConfig.username())) ||
            (!sessionConfig.password().isEmpty() && !message.valueEquals(Tags.PASSWORD, sessionConfig.password())))
        {
            connection.refusedCredentialsOf = session;
            if (session.refusesUnderItsFirstNumber())
            {
                session.refuseCredentials(connection, INVALID_CREDENTIALS, WRONG_CREDENTIALS, nowNs);
            }
            else
            {
                // Under 1, taking nothing: a live session's MsgSeqNums are its own client's (QA 129 F3).
                refuseLogon(connection, INVALID_CREDENTIALS, WRONG_CREDENTIALS);
            }
            return;
        }
        if (session.isLoggedOn())
        {
            final String live = "session " + session.compId() + " is already logged on";
            refuseLogon(connection, live, live);
            return;
        }
        if (!session.onLogon(connection, message, nowNs))
        {
            return;
        }
        application.onLogon(session);
        resumeLive(session);
    }

    /**
     * Live reports resume once the session has every report before them: at once, or after a catch-up. Then the
     * rejects it held when its last connection closed, whose acks the catch-up brought ({@link HeldRejects}).
     */
    private void resumeLive(final FixSession session)
    {
        if (session.store.lastReportEntry() < session.store.lastReportEntryMade())
        {
            catchUp(session);
            return;
        }
        // A catch-up under way has sent every report made for the session: it ends here, though its pass has not
        // reached the journal's end (the records after its last report, or those coming meanwhile, hold none of the
        // session's). Left open, it kept its reader and projection, and its line never came (QA 133 N1).
        resender.endCatchUp(session);
        caughtUp(session);
    }

    /** Live reports from now on, then the held rejects; the catch-up's line, when one ran. */
    private void caughtUp(final FixSession session)
    {
        if (session.catchUpParts > 0)
        {
            log.accept("session " + session.compId() + ": caught up from the journal in " +
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - session.catchUpStartNs) + " ms, in " +
                session.catchUpParts + (session.catchUpParts == 1 ? " part" : " parts"));
            session.catchUpParts = 0;
        }
        session.caughtUp();
        application.releaseHeldRejects(session);
    }

    /**
     * Sends a logged-on session the reports it missed while away, as many as its outbound buffer takes and a turn's
     * records ({@link Resender#RECORDS_PER_TURN}) give; the next part follows at the next duty cycle once the client
     * has read these ({@link #continueRun}). Live reports start when it has them all. One line, at the end: its parts
     * are many (QA 131: unsliced, every reconnect held every other session for the whole pass).
     */
    private void catchUp(final FixSession session)
    {
        if (session.catchUpParts++ == 0)
        {
            session.catchUpStartNs = System.nanoTime();
        }
        if (resender.catchUp(session, readIndex))
        {
            caughtUp(session);
        }
    }

    /** "; among them logons refused for a wrong username or password: CLIENT1 1990, ..." (the counts then reset). */
    private String failedLogonsNotLogged()
    {
        final StringBuilder counts = new StringBuilder();
        for (final FixSession session : sessions)
        {
            if (session.failedLogonsNotLogged > 0)
            {
                counts.append(counts.length() == 0 ? "; among them logons refused for a wrong username or password: " :
                    ", ").append(session.compId()).append(' ').append(session.failedLogonsNotLogged);
                session.failedLogonsNotLogged = 0;
            }
        }
        return counts.toString();
    }

    /**
     * Logout with a reason to a connection that is not (and will not be) a session, then disconnect. Under MsgSeqNum 1,
     * taking no session's: an unknown CompID has none, and a session logged on elsewhere has its client's.
     *
     * @param text   what the client is told.
     * @param reason what the log says (for a refused CompID, username or password, which of them).
     */
    private void refuseLogon(final Connection connection, final String text, final String reason)
    {
        // Echo the client's SenderCompID as our TargetCompID: FIX engines match a Logout on it.
        final int senderIndex = message.indexOf(Tags.SENDER_COMP_ID);
        final String sender = senderIndex < 0 ? "?" : message.buffer().getStringWithoutLengthAscii(
            message.valueOffsetAt(senderIndex), Math.min(64, message.valueLengthAt(senderIndex)));
        logonRejectEncoder.wrap(connection.outboundBuffer, connection.outboundLength)
            .begin(MsgTypes.LOGOUT, config.compId(), sender, 1, clock.nanoTime())
            .putString(Tags.TEXT, text);
        connection.outboundLength += logonRejectEncoder.finish();
        // Escaped in the log line (the Logout echoes it as sent): an unauthenticated peer's SenderCompID could
        // otherwise forge lines of the operator's log (QA 129 F1).
        connection.closeAfterFlush("logon refused for " + PeerText.of(sender) + ": " + reason);
    }

    private int pollJournal()
    {
        // Whole documents only: readIndex then means "everything up to this index is read", which the idle
        // check, the shutdown drain and the catch-up bound (Resender) rely on.
        final int read = reader.pollDocuments(onRecord, JOURNAL_BATCH, published.journalIndex());
        if (read > 0)
        {
            marketData.onBatchEnd();
            if (syncDurability)
            {
                checkpoint.stage(readRecordSequence, readLastEventSequence); // written once the sessions are msynced
            }
            else
            {
                checkpoint.recordSequence(readRecordSequence, readLastEventSequence);
            }
            if (pausedReads > 0)
            {
                // After the batch is done with (its market data sent): a snapshot asked for now must not precede it.
                resumeReading(System.nanoTime());
            }
        }
        return read;
    }

    private void onRecord(final JournalRecord record)
    {
        // One decode of the record's events: the market data books apply each and hand it on to the reports.
        reports.beginRecord(record, liveReports);
        marketData.onRecord(record, reports);
        reports.endRecord(record);
        final int dayEndExpired = reports.takeDayEndExpired();
        if (dayEndExpired != ExecutionReportPublisher.NO_DAY_END && boundPort > 0)
        {
            // Once started: a day end read back at start-up was logged by the run that entered it.
            log.accept(String.format("gateway: the day end expired %,d resting DAY order(s) (command %d)",
                dayEndExpired, record.commandSequence()));
        }
        application.onJournaled(record.commandSequence());
        if (application.holdsRejects())
        {
            // Right after the record's own reports: a reject held behind its command goes out after its ack, and
            // before the reports of any command entered after the rejected message.
            releaseHeldRejects();
        }
        readIndex = record.index();
        readRecordSequence = record.recordSequence();
        readLastEventSequence = record.lastEventSequence();
        if (awaitingAcks > 0)
        {
            letAcknowledgedRequestsThrough();
        }
        if (identityAtFirstRecord || journal.cycleOf(record.index()) > identityCycle)
        {
            recordJournalIdentity(journal.cycleOf(record.index()));
        }
    }

    /**
     * A journal empty at the start had no identity to write then (JournalIdentity): written once it holds a record,
     * not at the clean stop alone, so that after a kill -9 the session state still refuses another journal. Written
     * again at the first record of each newer cycle file, so that one removed after a crash is missed at the next
     * start ({@link JournalIdentity#missingRecord}). Once per cycle, a small file forced to disk (a few ms of this
     * thread a day, at the default daily roll); a failure costs that check only, so it is said and trading goes on.
     */
    private void recordJournalIdentity(final int cycle)
    {
        identityAtFirstRecord = false;
        identityCycle = cycle;
        try
        {
            JournalIdentity.record(config.stateDirectory(), journal);
        }
        catch (final RuntimeException ex)
        {
            log.accept("gateway: WARNING cannot write " + config.stateDirectory().resolve(JournalIdentity.FILE_NAME) +
                " (" + ex.getMessage() + "); the next start or clean stop writes it");
        }
    }

    /** Sends the held rejects whose commands have been read back ({@link OrderEntryAdapter#releaseHeldRejects}). */
    private void releaseHeldRejects()
    {
        for (int i = 0; i < sessions.size(); i++)
        {
            application.releaseHeldRejects(sessions.get(i));
        }
    }

    /** Reads again the connections whose sessions can hold throttled messages again, and what they had sent. */
    private void resumeReading(final long nowNs)
    {
        for (int i = 0; i < connections.size() && pausedReads > 0; i++)
        {
            final Connection connection = connections.get(i);
            if (connection.readPaused && connection.session != null && connection.session.canHoldReject())
            {
                connection.resumeReading();
                pausedReads--;
                if (connection.awaitingAck)
                {
                    connection.awaitingAck = false; // onBytes asks again
                    awaitingAcks--;
                }
                onBytes(connection, nowNs);
            }
        }
    }

    /** The next turn of each resend or catch-up its client has read: a pass over the journal in slices, between the others. */
    private int continueRuns()
    {
        int work = 0;
        for (int i = 0; i < sessions.size(); i++) // indexed: no iterator garbage in the duty cycle
        {
            work += continueRun(sessions.get(i));
        }
        return work;
    }

    /** The session's resend, else its catch-up, once its client has read what the last part sent. @return 1 if any. */
    private int continueRun(final FixSession session)
    {
        if (session.isResending() && session.connection().outboundLength == 0)
        {
            resender.continueResend(session);
            return 1;
        }
        if (session.isCatchingUp() && !session.isResending() && session.connection().outboundLength == 0)
        {
            resumeLive(session);
            return 1;
        }
        return 0;
    }

    private int onTimer(final long nowNs)
    {
        int work = 0;
        acceptFailures.onTimer(nowNs);
        final long shortUnlogged = shortOfDescriptorsLines.takeSuppressed(nowNs);
        if (shortUnlogged > 0)
        {
            log.accept("gateway: " + shortUnlogged + " more connection(s) closed at once for want of file descriptors, " +
                "not logged one by one (at most " + LogLimit.BURST_LINES + " lines, then one a second)");
        }
        final long refusedUnlogged = refusedConnectionLines.takeSuppressed(nowNs);
        if (refusedUnlogged > 0)
        {
            log.accept("gateway: " + refusedUnlogged + " more connection(s) closed before a logon, not logged one by " +
                "one (at most " + LogLimit.BURST_LINES + " lines, then one a second)" + failedLogonsNotLogged());
        }
        if (application.holdsRejects())
        {
            releaseHeldRejects(); // also those of a session that was catching up when its commands were read back
        }
        if (pausedReads > 0)
        {
            resumeReading(nowNs);
        }
        for (int i = 0; i < sessions.size(); i++) // indexed: no iterator garbage in the duty cycle
        {
            final FixSession session = sessions.get(i);
            session.onTimer(nowNs);
            work += continueRun(session);
            if (enterPendingCancel(session))
            {
                work++;
            }
        }
        for (int i = 0; i < connections.size(); i++)
        {
            final Connection connection = connections.get(i);
            if (connection.session == null && connection.closeReason == null &&
                nowNs - connection.connectedNs > LOGON_TIMEOUT_NS)
            {
                connection.close("no logon within " + TimeUnit.NANOSECONDS.toSeconds(LOGON_TIMEOUT_NS) + " s");
            }
        }
        return work;
    }

    private int flushAndReap(final long nowNs)
    {
        if (sessionSync != null)
        {
            // sync durability: every session's changes msynced together, before any of them is written out.
            sessionSync.syncAll(sessions);
        }
        int work = 0;
        for (int i = connections.size() - 1; i >= 0; i--)
        {
            final Connection connection = connections.get(i);
            boolean flushed;
            try
            {
                flushed = connection.flush();
            }
            catch (final IOException ex)
            {
                connection.close("write failed: " + ex.getMessage());
                connection.closeAfterFlush = false;
                flushed = false;
            }
            if (connection.closeReason != null && (flushed || !connection.closeAfterFlush ||
                connection.closingForNs(nowNs) > LOGOUT_TIMEOUT_NS))
            {
                if (!flushed && connection.closeAfterFlush)
                {
                    connection.closeReason += "; the client did not read its Logout within " +
                        TimeUnit.NANOSECONDS.toSeconds(LOGOUT_TIMEOUT_NS) + " s";
                }
                connections.remove(i);
                disconnect(connection);
                work++;
            }
        }
        commitCheckpoint();
        return work;
    }

    /**
     * {@code sync} durability: the checkpoint staged by the last journal polls is written once every session's
     * store is msynced, those of sessions not connected too (a report made for one changes its store). A failed
     * msync keeps it staged: the next start then reads further back, which loses nothing.
     */
    private void commitCheckpoint()
    {
        if (!checkpoint.hasStaged())
        {
            return;
        }
        for (int i = 0, size = sessions.size(); i < size; i++)
        {
            final SessionStore store = sessions.get(i).store;
            if (store.unsynced())
            {
                try
                {
                    store.syncBeforeSend();
                }
                catch (final UncheckedIOException ex)
                {
                    return;
                }
            }
        }
        checkpoint.commitStaged();
    }

    private void disconnect(final Connection connection)
    {
        CloseHelper.quietClose(connection.channel);
        if (connection.readPaused)
        {
            connection.readPaused = false;
            pausedReads--;
        }
        if (connection.awaitingAck)
        {
            connection.awaitingAck = false;
            awaitingAcks--;
        }
        final FixSession session = connection.session;
        if (session == null || session.connection() != connection)
        {
            // An unknown CompID, another FIX version, a second logon of a live session, no logon at all: what an
            // on-boarding desk asks about, and what a hijack attempt looks like (QA 96: only a bad password was logged).
            if (refusedConnectionLines.tryLine(System.nanoTime()))
            {
                log.accept("gateway: connection from " + connection.remote + " closed before a logon: " +
                    connection.closeReason);
            }
            else if (connection.refusedCredentialsOf != null)
            {
                connection.refusedCredentialsOf.failedLogonsNotLogged++;
            }
            return;
        }
        session.onDisconnect(connection.closeReason);
        application.onDisconnect(session);
        resender.cancel(session);
        marketData.onDisconnect(session);
        // Once shutdown has marked the logged-on sessions, theirs is entered (or owed) already.
        if (config.cancelOnDisconnect() && !shutdownCancelsMarked && session.mayHaveRestingOrders &&
            !application.cancelAll(session))
        {
            session.massCancelPending = true;
        }
    }

    /** Reports for logged-on, caught-up sessions, straight into their connections' buffers. */
    private final class LiveReports implements ReportSink
    {
        private FixSession current;

        @Override
        public FixEncoder begin(final long owner, final int msgType, final long eventSequence, final int role,
            final long transactTime)
        {
            final FixSession session = sessionsByOwner.get(owner);
            if (session == null)
            {
                return null;
            }
            final long entry = SessionStore.entry(eventSequence, role);
            session.store.reportMade(entry);
            if (!session.isLive())
            {
                return null;
            }
            current = session;
            return session.beginReport(msgType, entry);
        }

        @Override
        public void commit()
        {
            current.commitReport();
        }
    }
}

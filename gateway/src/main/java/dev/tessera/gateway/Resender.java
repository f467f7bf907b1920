package dev.tessera.gateway;

import dev.tessera.fix.FixEncoder;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalGenerations;
import dev.tessera.journal.JournalReader;
import dev.tessera.journal.JournalRecordHandler;
import dev.tessera.journal.SnapshotStore;
import org.agrona.collections.Long2LongHashMap;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Regenerates a session's reports from the journal, the only record of what happened: after a
 * logon, the reports it has not been sent yet (catch-up), and for a ResendRequest, the reports sent
 * under the requested MsgSeqNums (PossDupFlag=Y), with the application messages the gateway made itself
 * (gateway-level rejects, status replies) sent again from their stored bodies ({@link MadeMessages}) in MsgSeqNum
 * order between them, and SequenceReset-GapFill over the messages that are not resent (session messages, market
 * data).
 *
 * <p>Each run rebuilds a fresh {@link ExecutionReportPublisher} from the newest snapshot that covers only
 * events before the first report wanted (and before the done orders it must remember, {@link DoneOrders}), and
 * the journal after it ({@link ProjectionStart#forReportsFrom} has the rule; without such a snapshot, from the
 * journal's first record), so the CumQty and AvgPx of a regenerated report, and whether an OrderCancelReject
 * says too late or unknown, are the ones the original had, a run does not read the whole history, and orders
 * entered in archived journal cycles are known. It goes in parts: between records it stops when the
 * connection's outbound buffer is half full and carries on from the same record (its reader and projection
 * are kept) once the client has read, so a long backlog costs one pass over the journal, never makes a
 * reading client look like a slow consumer, and never holds the gateway thread for long. One run per session at a time; all on the gateway thread.
 */
final class Resender
{
    private static final long NO_SEQ = -1;
    /**
     * Journal records a resend or a catch-up reads per turn of the gateway's duty cycle, some milliseconds: its pass
     * shares the thread with every other session. Unsliced, a ResendRequest held it for the whole pass (130 ms on a
     * 34,000-record journal), and a client asking in a loop stalled every session (QA 118 F1); a logon's catch-up
     * did the same at every reconnect, 75-120 ms with the default snapshots and seconds late in a day whose kept
     * snapshots are too recent for the done-order window (QA 131 F1).
     */
    static final int RECORDS_PER_TURN = 2_048;

    private final Journal journal;
    private final Symbols symbols;
    private final SnapshotStore snapshots;
    private final int doneOrders;
    /** The journal's generations, read once: regenerated reports carry their record's in the ExecID, as sent. */
    private JournalGenerations generations;
    private final Consumer<String> log;
    private final Map<FixSession, Run> catchUps = new IdentityHashMap<>();
    private final Map<FixSession, ResendRun> resends = new IdentityHashMap<>();
    /**
     * The range of ResendRequests read while a session's resend was under way, {begin, end}: answered once that one
     * is, as one range covering them all (a second request had thrown the first's unsent rest away, which was then
     * neither resent nor gap-filled: QA 118 F2). One range, so that a client asking in a loop holds no queue.
     */
    private final Map<FixSession, int[]> queuedResends = new IdentityHashMap<>();
    /** A resend stopped at the end of its turn, with room to go on: {@link #takeTurnPending}. */
    private boolean turnPending;

    /** @param doneOrders as the live projection's ({@link DoneOrders}), or a regenerated reject could differ. */
    Resender(final Journal journal, final Symbols symbols, final SnapshotStore snapshots, final int doneOrders,
        final Consumer<String> log)
    {
        this.journal = journal;
        this.symbols = symbols;
        this.snapshots = snapshots;
        this.doneOrders = doneOrders;
        this.generations = JournalGenerations.read(journal.directory());
        this.log = log;
    }

    /**
     * Sends {@code session} the reports after its cursor made from records up to {@code throughIndex}
     * (the live stream's position, which may move on between parts), {@link #RECORDS_PER_TURN} records at a time.
     *
     * @return true when it has them all; false when the rest waits for the client to read, or for the next turn
     *     ({@link #takeTurnPending}): call again then.
     */
    boolean catchUp(final FixSession session, final long throughIndex)
    {
        // Not computeIfAbsent: its lambda, capturing this, was made anew at every turn of a catch-up.
        Run run = catchUps.get(session);
        if (run == null)
        {
            run = new Run(new CatchUp(session), SessionStore.firstEventAfter(session.store.lastReportEntry()),
                "session " + session.compId() + ": catch-up");
            catchUps.put(session, run);
        }
        if (!run.advance(session, throughIndex, RECORDS_PER_TURN))
        {
            turnPending |= run.turnEnded;
            return false;
        }
        catchUps.remove(session).close();
        return true;
    }

    /**
     * Answers ResendRequest(BeginSeqNo, EndSeqNo); EndSeqNo 0 means "through the last sent". Live
     * reports wait meanwhile (the session is not caught up) and follow by catch-up once it is done.
     *
     * @return true when the whole range is answered; false when the rest waits for the client to read:
     *     call {@link #continueResend} then.
     */
    boolean resend(final FixSession session, final int beginSeqNo, final int endSeqNo)
    {
        final int lastSent = session.store.nextSenderMsgSeqNum() - 1;
        final int end = endSeqNo <= 0 || endSeqNo > lastSent ? lastSent : endSeqNo;
        final int begin = Math.max(1, beginSeqNo);
        if (begin > end)
        {
            return !resends.containsKey(session);
        }
        if (resends.containsKey(session))
        {
            // FIX has every message of a requested range resent or gap-filled: the one under way goes on, this follows.
            final int[] queued = queuedResends.get(session);
            if (queued == null)
            {
                queuedResends.put(session, new int[] {begin, end});
            }
            else
            {
                queued[0] = Math.min(queued[0], begin);
                queued[1] = Math.max(queued[1], end);
            }
            return false;
        }
        return start(session, begin, end);
    }

    private boolean start(final FixSession session, final int begin, final int end)
    {
        final ResendRun run = new ResendRun(session, begin, end);
        resends.put(session, run);
        session.resendRange(begin, end);
        return continueResend(session);
    }

    /** The next part of a resend begun by {@link #resend}. @return true when it is complete. */
    boolean continueResend(final FixSession session)
    {
        final ResendRun run = resends.get(session);
        if (run == null)
        {
            session.resendRange(0, 0);
            return true;
        }
        if (!run.sink.wanted.isEmpty() && !run.advance(session, Long.MAX_VALUE, RECORDS_PER_TURN))
        {
            turnPending |= run.turnEnded;
            return false;
        }
        if (!run.sink.fillUpTo(run.end + 1, true))
        {
            return false;
        }
        resends.remove(session).close();
        final int[] queued = queuedResends.remove(session);
        if (queued != null)
        {
            return start(session, queued[0], queued[1]);
        }
        session.resendRange(0, 0);
        return true;
    }

    /**
     * Whether a resend or a catch-up stopped at the end of its turn since the last call, with room to go on: the
     * gateway continues it ({@link #continueResend}, {@link #catchUp}) at its next duty cycle rather than at its
     * timer's, after serving the others.
     */
    boolean takeTurnPending()
    {
        final boolean pending = turnPending;
        turnPending = false;
        return pending;
    }

    /** The journal's generations after the start began one ({@link JournalGenerations#beginAfterLostTail}). */
    void generations(final JournalGenerations generations)
    {
        this.generations = generations;
    }

    /** The session's sequence numbers were reset: a resend under way is for numbers that no longer exist. */
    void cancelResend(final FixSession session)
    {
        cancel(session, resends);
        queuedResends.remove(session);
        session.resendRange(0, 0);
    }

    /** The session has every report its catch-up would send: the catch-up's run, if any, ends. */
    void endCatchUp(final FixSession session)
    {
        cancel(session, catchUps);
    }

    /** The session's connection is gone: its runs end (the next logon starts afresh). */
    void cancel(final FixSession session)
    {
        cancel(session, catchUps);
        cancel(session, resends);
        queuedResends.remove(session);
    }

    private static void cancel(final FixSession session, final Map<FixSession, ? extends Run> runs)
    {
        final Run run = runs.remove(session);
        if (run != null)
        {
            run.close();
        }
    }

    /** One pass over the journal into a fresh projection, resumable between records. */
    private class Run implements AutoCloseable
    {
        private final ReportSink sink;
        private final ExecutionReportPublisher reports = new ExecutionReportPublisher(symbols, doneOrders, null, generations);
        private final JournalRecordHandler onRecord;
        private final long firstEventWanted;
        private final String role;
        /** Opened by the first {@link #advance}: a run with nothing to do loads no snapshot. */
        private JournalReader reader;
        /** Whether the last {@link #advance} stopped at its record budget rather than for room. */
        boolean turnEnded;

        Run(final ReportSink sink, final long firstEventWanted, final String role)
        {
            this.sink = sink;
            this.firstEventWanted = firstEventWanted;
            this.role = role;
            this.onRecord = record -> reports.onRecord(record, sink);
        }

        /**
         * @return true at the end of the journal (up to {@code throughIndex}); false when paused for room, or after
         *     {@code maxRecords} ({@link #turnEnded}).
         */
        boolean advance(final FixSession session, final long throughIndex, final int maxRecords)
        {
            turnEnded = false;
            if (reader == null)
            {
                final ProjectionStart start = ProjectionStart.forReportsFrom(journal, symbols.all(), snapshots,
                    firstEventWanted, reports.doneEventWindow(), role, log);
                if (start.books != null)
                {
                    reports.startFrom(start.books);
                }
                reader = start.reader;
            }
            for (int records = 0; ; records++)
            {
                final Connection connection = session.connection();
                if (connection == null || !connection.hasRoomForBulk())
                {
                    return false;
                }
                if (records == maxRecords)
                {
                    turnEnded = true;
                    return false;
                }
                if (reader.poll(onRecord, 1, throughIndex) == 0)
                {
                    return true;
                }
            }
        }

        @Override
        public void close()
        {
            if (reader != null)
            {
                reader.close();
            }
        }
    }

    private final class ResendRun extends Run
    {
        final Resend sink;
        final int end;

        ResendRun(final FixSession session, final int begin, final int end)
        {
            this(new Resend(session, begin, end), end, "session " + session.compId() + ": resend");
        }

        private ResendRun(final Resend sink, final int end, final String role)
        {
            super(sink, sink.firstEventWanted, role);
            this.sink = sink;
            this.end = end;
        }
    }

    private static final class CatchUp implements ReportSink
    {
        private final FixSession session;

        CatchUp(final FixSession session)
        {
            this.session = session;
        }

        @Override
        public FixEncoder begin(final long owner, final int msgType, final long eventSequence, final int role,
            final long transactTime)
        {
            return owner == session.owner ? session.beginReport(msgType, SessionStore.entry(eventSequence, role)) : null;
        }

        @Override
        public void commit()
        {
            session.commitReport();
        }
    }

    private static final class Resend implements ReportSink
    {
        private final FixSession session;
        /** Journaled report (sent-index entry) to the MsgSeqNum it went out under, for the requested range. */
        final Long2LongHashMap wanted = new Long2LongHashMap(NO_SEQ);
        /** The next MsgSeqNum the resend must account for. */
        int next;
        /** The lowest event sequence among {@link #wanted}; a run must start before it. */
        long firstEventWanted = Long.MAX_VALUE;

        Resend(final FixSession session, final int begin, final int end)
        {
            this.session = session;
            this.next = begin;
            for (int msgSeqNum = begin; msgSeqNum <= end; msgSeqNum++)
            {
                final long entry = session.store.sentEntry(msgSeqNum);
                if (entry > SessionStore.NOT_RESENT) // a report's; a made message's is sent by fillUpTo
                {
                    wanted.put(entry, msgSeqNum);
                    firstEventWanted = Math.min(firstEventWanted, SessionStore.eventSequenceOf(entry));
                }
            }
        }

        @Override
        public FixEncoder begin(final long owner, final int msgType, final long eventSequence, final int role,
            final long transactTime)
        {
            if (owner != session.owner)
            {
                return null;
            }
            final long msgSeqNum = wanted.get(SessionStore.entry(eventSequence, role));
            if (msgSeqNum == NO_SEQ || msgSeqNum < next)
            {
                return null;
            }
            // Not paused: the report must follow under its MsgSeqNum; only the made messages since the last report are
            // written before it.
            fillUpTo((int)msgSeqNum, false);
            next = (int)msgSeqNum + 1;
            // OrigSendingTime: the event's time; the first send followed it within the publish latency.
            return session.beginResent(msgType, (int)msgSeqNum, transactTime);
        }

        @Override
        public void commit()
        {
            session.commit();
        }

        /**
         * Accounts for the MsgSeqNums from {@link #next} up to {@code upTo} (not included), which hold no report to
         * regenerate: a message the gateway made itself is sent again from its stored body, and each run of the others
         * gets one gap fill.
         *
         * @param pausable stop before a made message when the outbound buffer is half full, as a journal run does
         *     between records (a client that polled its orders' status all day has thousands of replies to get back).
         * @return true when all are accounted for; false when paused ({@link #next} is where it goes on).
         */
        boolean fillUpTo(final int upTo, final boolean pausable)
        {
            int gapFrom = next;
            for (int msgSeqNum = next; msgSeqNum < upTo; msgSeqNum++)
            {
                final long entry = session.store.sentEntry(msgSeqNum);
                if (SessionStore.isMade(entry) && session.store.holdsMade(msgSeqNum, entry))
                {
                    if (gapFrom < msgSeqNum)
                    {
                        session.gapFill(gapFrom, msgSeqNum);
                    }
                    final Connection connection = session.connection();
                    if (pausable && (connection == null || !connection.hasRoomForBulk()))
                    {
                        next = msgSeqNum;
                        return false;
                    }
                    session.resendMade(msgSeqNum, entry);
                    gapFrom = msgSeqNum + 1;
                }
            }
            if (gapFrom < upTo)
            {
                session.gapFill(gapFrom, upTo);
            }
            next = Math.max(next, upTo);
            return true;
        }
    }
}

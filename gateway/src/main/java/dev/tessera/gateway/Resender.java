package dev.tessera.gateway;

import dev.tessera.fix.FixEncoder;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalReader;
import org.agrona.collections.Long2LongHashMap;

/**
 * Regenerates a session's reports from the journal, the only record of what happened: after a
 * logon, the reports it has not been sent yet (catch-up), and for a ResendRequest, the reports sent
 * under the requested MsgSeqNums (PossDupFlag=Y), with SequenceReset-GapFill over the messages that
 * are not resent (session messages, market data, gateway-level rejects).
 *
 * <p>Each run reads the journal from its first record into a fresh {@link ExecutionReportPublisher},
 * so the CumQty and AvgPx of a regenerated report are the ones the original carried. That costs a
 * scan of the journal per logon-with-a-backlog or resend; it runs on the gateway thread.
 */
final class Resender
{
    private static final int BATCH = 4096;
    private static final long NO_SEQ = -1;

    private final Journal journal;
    private final Symbols symbols;
    private final Long2LongHashMap wanted = new Long2LongHashMap(NO_SEQ);

    Resender(final Journal journal, final Symbols symbols)
    {
        this.journal = journal;
        this.symbols = symbols;
    }

    /**
     * Sends {@code session} the reports after its cursor made from records up to {@code throughIndex},
     * as many as {@link Connection#hasRoomForBulk} allows.
     *
     * @return true when it has them all; false when the rest waits for the client to read: call again then.
     */
    boolean catchUp(final FixSession session, final long throughIndex)
    {
        final CatchUp sink = new CatchUp(session);
        replay(sink, throughIndex);
        return !sink.paused;
    }

    /**
     * Answers ResendRequest(BeginSeqNo, EndSeqNo); EndSeqNo 0 means "through the last sent".
     */
    void resend(final FixSession session, final int beginSeqNo, final int endSeqNo)
    {
        final int lastSent = session.store.nextSenderMsgSeqNum() - 1;
        final int end = endSeqNo <= 0 || endSeqNo > lastSent ? lastSent : endSeqNo;
        final int begin = Math.max(1, beginSeqNo);
        if (begin > end)
        {
            return;
        }
        wanted.clear();
        for (int msgSeqNum = begin; msgSeqNum <= end; msgSeqNum++)
        {
            final long entry = session.store.sentEntry(msgSeqNum);
            if (entry != SessionStore.NOT_RESENT)
            {
                wanted.put(entry, msgSeqNum);
            }
        }
        final Resend sink = new Resend(session, begin);
        if (!wanted.isEmpty())
        {
            replay(sink, Long.MAX_VALUE);
        }
        if (sink.next <= end)
        {
            session.gapFill(sink.next, end + 1);
        }
    }

    private void replay(final ReportSink sink, final long throughIndex)
    {
        final ExecutionReportPublisher reports = new ExecutionReportPublisher(symbols);
        try (JournalReader reader = journal.reader().fromFirstAvailable())
        {
            while (reader.poll(record -> reports.onRecord(record, sink), BATCH, throughIndex) > 0)
            {
                // keep reading
            }
        }
    }

    private static final class CatchUp implements ReportSink
    {
        private final FixSession session;
        /** The outbound buffer filled up: nothing more this run, or the cursor would skip a report. */
        boolean paused;

        CatchUp(final FixSession session)
        {
            this.session = session;
        }

        @Override
        public FixEncoder begin(final long owner, final int msgType, final long eventSequence, final int role,
            final long transactTime)
        {
            if (owner != session.owner || paused)
            {
                return null;
            }
            if (!session.connection().hasRoomForBulk())
            {
                paused = true;
                return null;
            }
            return session.beginReport(msgType, SessionStore.entry(eventSequence, role));
        }

        @Override
        public void commit()
        {
            session.commitReport();
        }
    }

    private final class Resend implements ReportSink
    {
        private final FixSession session;
        /** The next MsgSeqNum the resend must account for. */
        int next;

        Resend(final FixSession session, final int begin)
        {
            this.session = session;
            this.next = begin;
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
            if (msgSeqNum > next)
            {
                session.gapFill(next, (int)msgSeqNum);
            }
            next = (int)msgSeqNum + 1;
            // OrigSendingTime: the event's time; the first send followed it within the publish latency.
            return session.beginResent(msgType, (int)msgSeqNum, transactTime);
        }

        @Override
        public void commit()
        {
            session.commit();
        }
    }
}

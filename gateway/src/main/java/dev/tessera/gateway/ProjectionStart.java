package dev.tessera.gateway;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalPosition;
import dev.tessera.journal.JournalReader;
import dev.tessera.journal.Recovery;
import dev.tessera.journal.SnapshotStore;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Where the gateway's report projection and replica books start, so that start-up reads only the
 * journal tail after a snapshot and an archived journal start loses nothing the reports need.
 *
 * <p>The rule, in order:
 * <ol>
 *     <li>the newest snapshot that recovery could use (it verifies, the journal holds its record) that
 *     carries every live order's filled notional (AvgPx) and covers a record at or before the
 *     {@link ReportCheckpoint} (so every session's last report made is known up to it), and ends at least the
 *     done-order window's events before the checkpoint's last event (so the reports after it remember the same
 *     done orders as they would have without the restart, {@link DoneOrders});</li>
 *     <li>else the journal from record 1, read whole, when it still starts there;</li>
 *     <li>else (its start was archived) the oldest snapshot carrying every filled notional at or before the
 *     checkpoint, with a line (no warning: it is what an archive leaves, start after start, and no report is
 *     missed) that orders done before it are not remembered as done; else the newest such snapshot whatever the
 *     checkpoint, with a warning that reports made before it are not known for a catch-up; failing that the
 *     first available record, with a warning that the orders before it are missing.</li>
 * </ol>
 */
final class ProjectionStart
{
    /** The snapshot's engine, or {@code null} for a start at the journal's first available record. */
    final MatchingEngine books;
    /** Positioned just after the snapshot's record, or at the first available record; the caller owns it. */
    final JournalReader reader;
    /** The snapshot's record, already in {@link #books}; {@link JournalPosition#EMPTY} for none. */
    final JournalPosition position;
    /** For the start-up line: "snapshot ..." or "the journal's first record". */
    final String from;

    private ProjectionStart(
        final MatchingEngine books, final JournalReader reader, final JournalPosition position, final String from)
    {
        this.books = books;
        this.reader = reader;
        this.position = position;
        this.from = from;
    }

    /**
     * @param reportedThrough      the {@link ReportCheckpoint}'s record sequence, 0 when unknown.
     * @param reportedThroughEvent the checkpoint's last event sequence, 0 when unknown (then the done-order
     *                             window is not checked).
     * @param doneEventWindow      {@link DoneOrders#eventWindow()} of the projection to start.
     */
    static ProjectionStart open(
        final Journal journal,
        final List<InstrumentConfig> instruments,
        final SnapshotStore snapshots,
        final long reportedThrough,
        final long reportedThroughEvent,
        final long doneEventWindow,
        final Consumer<String> log)
    {
        final Predicate<SnapshotStore.Snapshot> carriesNotional = snapshot ->
        {
            if (!snapshot.knowsEveryFilledNotional())
            {
                log.accept("gateway: WARNING snapshot " + snapshot.name() + " does not carry the filled notional of " +
                    snapshot.ordersWithoutFilledNotional() + " partly filled order(s) (written before snapshot format 2, " +
                    "or since by an engine restored from such a snapshot), which AvgPx needs; trying an older one");
            }
            return snapshot.knowsEveryFilledNotional();
        };
        final Predicate<SnapshotStore.Snapshot> beforeDoneWindow = snapshot -> reportedThroughEvent == 0 ||
            snapshot.position().lastEventSequence() + doneEventWindow <= reportedThroughEvent;
        // Archived, and no snapshot met every condition: the line names the one the snapshot taken does not meet.
        final ArchivedStartLine archivedStart = (firstRecordSequence, taken) ->
        {
            final String archived = "the journal starts at record " + firstRecordSequence + " (archived)";
            if (taken.position.recordSequence() > reportedThrough)
            {
                return "gateway: WARNING " + archived + " and no usable snapshot covers a record " +
                    "up to " + reportedThrough + ", the last one turned into reports (gateway.checkpoint): starting " +
                    "from " + taken.from + "; a report made before it that a session was not sent is not caught up " +
                    "at its logon";
            }
            // The checkpoint and the filled notional are met, so only the done-order window is not: an expected
            // effect of the archive, on every start after it until a kept snapshot lies the window back, and no
            // session misses a report for it. Said once per start, without the WARNING.
            return "gateway: " + archived + ": starting from " + taken.from + ", the oldest kept at or before record " +
                reportedThrough + " (the last one turned into reports); it does not lie " + doneEventWindow +
                " events (gateway.doneOrders) before event " + reportedThroughEvent + ", the last reported, so an " +
                "order done before its event " + taken.position.lastEventSequence() + " is not remembered as done " +
                "(a cancel or replace of it gets CxlRejReason 1, unknown order, not 0, too late)";
        };
        return start(journal, instruments, snapshots, reportedThrough > 0, reportedThrough,
            carriesNotional.and(beforeDoneWindow), carriesNotional, "gateway",
            "gateway: " + (reportedThrough > 0 ?
                (reportedThroughEvent > 0 && reportedThroughEvent <= doneEventWindow ?
                    // Expected, not a problem: no snapshot can lie the window back in a journal this short.
                    String.format("the journal's %,d events reported so far fit in the done-order window " +
                        "(gateway.doneOrders = %,d)", reportedThroughEvent, doneEventWindow) :
                    "no snapshot up to record " + reportedThrough + " (the last one turned into reports)" +
                        (reportedThroughEvent == 0 || doneEventWindow == 0 ? "" : " and " + doneEventWindow +
                            " events before its last (gateway.doneOrders)") + " is usable") :
                "no report checkpoint yet (a new state directory, or one from an older build)") +
                ": reading the whole journal",
            archivedStart,
            "orders entered before record %d are unknown to the reports (their fills and cancels are not reported)",
            log);
    }

    /** The line logged when an archived journal's start is taken from a snapshot the rule did not prefer. */
    @FunctionalInterface
    private interface ArchivedStartLine
    {
        String line(long firstRecordSequence, ProjectionStart taken);
    }

    /**
     * Where a catch-up or a resend ({@link Resender}) starts: it regenerates reports of events from
     * {@code firstEventWanted} on, each with the CumQty and AvgPx it first had, so its projection must
     * start at a record before that event. The rule, in order:
     * <ol>
     *     <li>the newest snapshot recovery could use that carries every filled notional and covers only
     *     events before {@code firstEventWanted} less the done-order window (so a regenerated OrderCancelReject
     *     remembers the done orders the original did, {@link DoneOrders});</li>
     *     <li>else the journal from record 1, read whole, when it still starts there;</li>
     *     <li>else (its start was archived) the oldest snapshot that carries every filled notional (it leaves out
     *     the fewest reports): when it covers only events before the wanted one, with a line that a regenerated
     *     OrderCancelReject about an order done before it may say unknown order; else with a warning that reports
     *     of the events between the wanted one and the snapshot are not regenerated;
     *     failing that the first available record, with a warning that orders entered before it are not
     *     known to the reports.</li>
     * </ol>
     * Loading a snapshot costs one read and restore of it per run, where reading the journal from its start
     * costs a pass over the whole history; after an archive it is also the only way to know the orders
     * entered in the archived records.
     *
     * @param firstEventWanted the event sequence of the first report wanted (1 or less: from the start).
     * @param doneEventWindow  {@link DoneOrders#eventWindow()} of the projection to start.
     * @param role             what the log lines start with, e.g. "session CLIENT1: catch-up".
     */
    static ProjectionStart forReportsFrom(
        final Journal journal,
        final List<InstrumentConfig> instruments,
        final SnapshotStore snapshots,
        final long firstEventWanted,
        final long doneEventWindow,
        final String role,
        final Consumer<String> log)
    {
        final Predicate<SnapshotStore.Snapshot> carriesNotional = SnapshotStore.Snapshot::knowsEveryFilledNotional;
        final ArchivedStartLine archivedStart = (firstRecordSequence, taken) ->
        {
            final String archived = "the journal starts at record " + firstRecordSequence + " (archived)";
            if (taken.position.lastEventSequence() >= firstEventWanted)
            {
                return role + ": WARNING " + archived + " and no usable snapshot covers only " +
                    "events before " + firstEventWanted + ", the first wanted: starting from " + taken.from +
                    "; reports of the events before it, if any were made for this session, are not sent again";
            }
            // Every report wanted is regenerated; only the done-order window reaches before the snapshot.
            return role + ": " + archived + ": starting from " + taken.from + ", which covers only events before " +
                firstEventWanted + ", the first wanted, but not " + doneEventWindow + " (gateway.doneOrders) before " +
                "it: an OrderCancelReject about an order done before its event " +
                taken.position.lastEventSequence() + " is regenerated as for an unknown order";
        };
        return start(journal, instruments, snapshots, firstEventWanted > 1, Long.MAX_VALUE,
            carriesNotional.and(snapshot -> snapshot.position().lastEventSequence() + doneEventWindow < firstEventWanted),
            carriesNotional, role, null, archivedStart,
            "reports about orders entered before record %d are not sent again",
            log);
    }

    /**
     * The rule both starts share, in order: a snapshot that is {@code preferred} (when {@code prefer}); else
     * the whole journal when it still starts at record 1; else (archived) the oldest {@code usable} snapshot at or
     * before {@code atMostRecordSequence} (else the newest usable one), with a warning that what {@code preferred}
     * asked for is lost; else the first available record, with a
     * warning that orders entered before it are unknown.
     *
     * @param preferred          only ever true of a {@code usable} snapshot.
     * @param fullReadLine       logged before a read of the whole journal, or null.
     * @param archivedStart      the line logged for a start from a snapshot that is not {@code preferred}: which
     *                           condition it misses and what that loses.
     * @param lostFromFirstRecord what a start from the first available record loses; {@code %d} is that record.
     */
    private static ProjectionStart start(
        final Journal journal,
        final List<InstrumentConfig> instruments,
        final SnapshotStore snapshots,
        final boolean prefer,
        final long atMostRecordSequence,
        final Predicate<SnapshotStore.Snapshot> preferred,
        final Predicate<SnapshotStore.Snapshot> usable,
        final String role,
        final String fullReadLine,
        final ArchivedStartLine archivedStart,
        final String lostFromFirstRecord,
        final Consumer<String> log)
    {
        final long firstRecordSequence = journal.firstRecordSequence();
        if (firstRecordSequence > 1)
        {
            // Archived: one walk over the snapshots, newest first, chooses, so each is restored once. (A walk for the
            // preferred one, another for the oldest usable one and a load of that one restored them two or three
            // times.) The price: a snapshot newer than what was asked is restored too, to be at hand when none
            // older is usable; usually one, the snapshot taken at the last stop.
            final ArchivedChoice choice = new ArchivedChoice(prefer, atMostRecordSequence, preferred, usable);
            Recovery.visitSnapshotStarts(journal, instruments, MatchingEngine.DEFAULT_EXPECTED_ORDERS, snapshots,
                Long.MAX_VALUE, choice::acceptable, choice::visit, role, log);
            final Recovery.Start taken = choice.taken();
            if (taken != null)
            {
                Recovery.logStart(taken, role, log);
                final ProjectionStart start = new ProjectionStart(taken.engine(), taken.reader(), taken.from(),
                    "snapshot " + taken.snapshot());
                if (!choice.tookPreferred())
                {
                    log.accept(archivedStart.line(firstRecordSequence, start));
                }
                return start;
            }
            log.accept(role + ": WARNING the journal starts at record " + firstRecordSequence + " (archived) and " +
                "no usable snapshot carries every filled notional: " +
                String.format(lostFromFirstRecord, firstRecordSequence) +
                "; `tessera journal restore` moves the archived journal files back");
            return new ProjectionStart(null, journal.reader().fromFirstAvailable(), JournalPosition.EMPTY,
                "the journal's first available record");
        }
        if (prefer)
        {
            final Optional<ProjectionStart> start = snapshotWhere(journal, instruments, snapshots, atMostRecordSequence,
                preferred, role, log);
            if (start.isPresent())
            {
                return start.get();
            }
        }
        if (fullReadLine != null)
        {
            log.accept(fullReadLine);
        }
        return new ProjectionStart(null, journal.reader().fromFirstAvailable(), JournalPosition.EMPTY,
            "the journal's first record");
    }

    /**
     * The archived start's choice, made in one walk over the snapshots, newest first: the first {@code preferred}
     * one at or before {@code atMostRecordSequence} (when {@code prefer}) ends it; else the oldest {@code usable} one
     * at or before it covers the most of what was asked (the done orders the reports remember, the reports a
     * catch-up regenerates); else the newest usable one. It keeps the start it would take so far and closes the rest.
     */
    private static final class ArchivedChoice
    {
        private final boolean prefer;
        private final long atMostRecordSequence;
        private final Predicate<SnapshotStore.Snapshot> preferred;
        private final Predicate<SnapshotStore.Snapshot> usable;
        private boolean candidatePreferred;
        private boolean tookPreferred;
        private Recovery.Start taken;

        ArchivedChoice(
            final boolean prefer,
            final long atMostRecordSequence,
            final Predicate<SnapshotStore.Snapshot> preferred,
            final Predicate<SnapshotStore.Snapshot> usable)
        {
            this.prefer = prefer;
            this.atMostRecordSequence = atMostRecordSequence;
            this.preferred = preferred;
            this.usable = usable;
        }

        boolean acceptable(final SnapshotStore.Snapshot snapshot)
        {
            // usable first: it logs why a snapshot is not, and preferred (which implies it) would say so again.
            if (!usable.test(snapshot))
            {
                return false;
            }
            candidatePreferred = prefer && snapshot.position().recordSequence() <= atMostRecordSequence &&
                preferred.test(snapshot);
            return true;
        }

        /** Whether to walk on to older snapshots. */
        boolean visit(final Recovery.Start start)
        {
            final boolean within = start.from().recordSequence() <= atMostRecordSequence;
            if (candidatePreferred || within || taken == null)
            {
                if (taken != null)
                {
                    taken.close();
                }
                taken = start;
                tookPreferred = candidatePreferred;
                return !candidatePreferred;
            }
            start.close(); // newer than asked, and a newer one is already kept
            return true;
        }

        Recovery.Start taken()
        {
            return taken;
        }

        boolean tookPreferred()
        {
            return tookPreferred;
        }
    }

    private static Optional<ProjectionStart> snapshotWhere(
        final Journal journal,
        final List<InstrumentConfig> instruments,
        final SnapshotStore snapshots,
        final long atMostRecordSequence,
        final Predicate<SnapshotStore.Snapshot> acceptable,
        final String role,
        final Consumer<String> log)
    {
        return Recovery.startFromSnapshot(journal, instruments, MatchingEngine.DEFAULT_EXPECTED_ORDERS, snapshots,
                atMostRecordSequence, acceptable, role, log)
            .map(start -> new ProjectionStart(start.engine(), start.reader(), start.from(), "snapshot " + start.snapshot()));
    }

}

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
 *     {@link ReportCheckpoint} (so every session's last report made is known up to it);</li>
 *     <li>else the journal from record 1, read whole, when it still starts there;</li>
 *     <li>else (its start was archived) the newest such snapshot whatever the checkpoint, with a warning
 *     that reports made before it are not known for a catch-up; failing that the first available
 *     record, with a warning that the orders before it are missing.</li>
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
     * @param reportedThrough the {@link ReportCheckpoint}'s record sequence, 0 when unknown.
     */
    static ProjectionStart open(
        final Journal journal,
        final List<InstrumentConfig> instruments,
        final SnapshotStore snapshots,
        final long reportedThrough,
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
        if (reportedThrough > 0)
        {
            final Optional<ProjectionStart> start = snapshotWhere(journal, instruments, snapshots, reportedThrough,
                carriesNotional, "gateway", log);
            if (start.isPresent())
            {
                return start.get();
            }
        }
        final long firstRecordSequence = journal.firstRecordSequence();
        if (firstRecordSequence <= 1)
        {
            log.accept("gateway: " + (reportedThrough > 0 ?
                "no snapshot up to record " + reportedThrough + " (the last one turned into reports) is usable" :
                "no report checkpoint yet (a new state directory, or one from an older build)") +
                ": reading the whole journal");
            return new ProjectionStart(null, journal.reader().fromFirstAvailable(), JournalPosition.EMPTY,
                "the journal's first record");
        }
        final Optional<ProjectionStart> start = snapshotWhere(journal, instruments, snapshots, Long.MAX_VALUE,
            carriesNotional, "gateway", log);
        if (start.isPresent())
        {
            log.accept("gateway: WARNING the journal starts at record " + firstRecordSequence + " (archived) and no " +
                "usable snapshot covers a record up to " + reportedThrough + ", the last one turned into reports: " +
                "starting from " + start.get().from + "; a report made before it that a session was not sent is " +
                "not caught up at its logon");
            return start.get();
        }
        log.accept("gateway: WARNING the journal starts at record " + firstRecordSequence + " (archived) and no " +
            "usable snapshot carries every filled notional: orders entered before record " + firstRecordSequence +
            " are unknown to the reports (their fills and cancels are not reported); move the archived journal " +
            "files back to have them");
        return new ProjectionStart(null, journal.reader().fromFirstAvailable(), JournalPosition.EMPTY,
            "the journal's first available record");
    }

    /**
     * Where a catch-up or a resend ({@link Resender}) starts: it regenerates reports of events from
     * {@code firstEventWanted} on, each with the CumQty and AvgPx it first had, so its projection must
     * start at a record before that event. The rule, in order:
     * <ol>
     *     <li>the newest snapshot recovery could use that carries every filled notional and covers only
     *     events before {@code firstEventWanted};</li>
     *     <li>else the journal from record 1, read whole, when it still starts there;</li>
     *     <li>else (its start was archived) the newest snapshot that carries every filled notional, with a
     *     warning that reports of the events between the wanted one and the snapshot are not regenerated;
     *     failing that the first available record, with a warning that orders entered before it are not
     *     known to the reports.</li>
     * </ol>
     * Loading a snapshot costs one read and restore of it per run, where reading the journal from its start
     * costs a pass over the whole history; after an archive it is also the only way to know the orders
     * entered in the archived records.
     *
     * @param firstEventWanted the event sequence of the first report wanted (1 or less: from the start).
     * @param role             what the log lines start with, e.g. "session CLIENT1: catch-up".
     */
    static ProjectionStart forReportsFrom(
        final Journal journal,
        final List<InstrumentConfig> instruments,
        final SnapshotStore snapshots,
        final long firstEventWanted,
        final String role,
        final Consumer<String> log)
    {
        if (firstEventWanted > 1)
        {
            final Optional<ProjectionStart> start = snapshotWhere(journal, instruments, snapshots, Long.MAX_VALUE,
                snapshot -> snapshot.knowsEveryFilledNotional() &&
                    snapshot.position().lastEventSequence() < firstEventWanted, role, log);
            if (start.isPresent())
            {
                return start.get();
            }
        }
        final long firstRecordSequence = journal.firstRecordSequence();
        if (firstRecordSequence <= 1)
        {
            return new ProjectionStart(null, journal.reader().fromFirstAvailable(), JournalPosition.EMPTY,
                "the journal's first record");
        }
        final Optional<ProjectionStart> start = snapshotWhere(journal, instruments, snapshots, Long.MAX_VALUE,
            SnapshotStore.Snapshot::knowsEveryFilledNotional, role, log);
        if (start.isPresent())
        {
            log.accept(role + ": WARNING the journal starts at record " + firstRecordSequence + " (archived) and no " +
                "usable snapshot covers only events before " + firstEventWanted + ", the first wanted: starting from " +
                start.get().from + "; reports of the events before it, if any were made for this session, are not sent again");
            return start.get();
        }
        log.accept(role + ": WARNING the journal starts at record " + firstRecordSequence + " (archived) and no " +
            "usable snapshot carries every filled notional: reports about orders entered before record " +
            firstRecordSequence + " are not sent again; move the archived journal files back to have them");
        return new ProjectionStart(null, journal.reader().fromFirstAvailable(), JournalPosition.EMPTY,
            "the journal's first available record");
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

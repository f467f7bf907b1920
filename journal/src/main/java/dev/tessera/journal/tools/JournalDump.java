package dev.tessera.journal.tools;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.EventFormatter;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalCorruptionException;
import dev.tessera.journal.JournalIndex;
import dev.tessera.journal.JournalRecord;

import java.io.PrintWriter;
import java.util.Collection;

/**
 * Prints journal records readably, one block each: the record's numbers and time, its command,
 * then its events, for records between two points that pass a {@link RecordFilter}:
 *
 * <pre>
 * record 7  index 0x512b00000006  command 7  2026-11-22T06:00:00.000000700Z
 *   NEW-ORDER  AAPL BUY 100 @ 190.0100 GTC  owner 1 clOrd 7
 *   #12 ACCEPTED   AAPL BUY 100 @ 190.0100 GTC  order 5 owner 1 clOrd 7
 *   #13 TRADE      AAPL 40 @ 190.0000  aggressor BUY  maker 2 (owner 2, leaves 0)  taker 5 (owner 1, leaves 60)
 * </pre>
 */
public final class JournalDump
{
    private final PrintWriter out;
    private final CommandFormatter commands;
    private final EventFormatter events;
    private final RecordFilter filter;
    private final RecordPoint from;
    private final RecordPoint to;
    private final long limit;
    private boolean started;
    private long shown;
    private long scanned;
    private boolean stoppedAtTo;
    private boolean fromReachedAtTo;
    private long lastRecordSequence;
    private long lastIndex;
    private long lastTimestamp;

    /**
     * @param from  first point shown (inclusive), or null for the start.
     * @param to    last point shown (inclusive), or null for the end.
     * @param limit most records shown; the scan stops there.
     */
    public JournalDump(
        final PrintWriter out,
        final Collection<InstrumentConfig> instruments,
        final RecordFilter filter,
        final RecordPoint from,
        final RecordPoint to,
        final long limit)
    {
        this.out = out;
        this.commands = new CommandFormatter(instruments);
        this.events = new EventFormatter(instruments);
        this.filter = filter;
        this.from = from;
        this.to = to;
        this.limit = limit;
    }

    /**
     * Prints the selected records as they are read; what was printed before a corruption stays printed.
     *
     * @throws JournalCorruptionException at the first record that does not verify.
     */
    public void dump(final Journal journal, final ProgressBar progress)
    {
        try
        {
            JournalScan.scanAvailable(journal, progress, this::onRecord);
        }
        finally
        {
            out.flush();
        }
    }

    private boolean onRecord(final JournalRecord record)
    {
        lastRecordSequence = record.recordSequence();
        lastIndex = record.index();
        lastTimestamp = record.timestamp();
        if (to != null && to.isBefore(record))
        {
            stoppedAtTo = true;
            // Nothing shown yet, and this first record past --to reaches --from: only two times in the gap before it,
            // --from not after --to, make an empty range inside the journal. A record or an index names a record (a
            // document) itself, so a --to of that kind is at the record before, and a --from of it is this one or
            // later: --to is before --from (QA 95: --from 5 --to 4 dumped nothing and exited 0).
            fromReachedAtTo = from == null || (from.reachedBy(record) && from.kind() == RecordPoint.Kind.TIME &&
                to.kind() == RecordPoint.Kind.TIME && !from.isLaterThan(to));
            return false;
        }
        scanned++;
        // Once reached, the start stays reached: a later record stamped a little earlier (two
        // producers interleaving) is still after it in the journal.
        started = started || from == null || from.reachedBy(record);
        final boolean matches = filter.matches(record); // every record: the filter follows the live orders
        if (started && matches)
        {
            print(record);
            shown++;
        }
        return shown < limit;
    }

    private void print(final JournalRecord record)
    {
        out.append("record ").append(Long.toString(record.recordSequence()))
            .append("  index ").append(JournalIndex.format(record.index()))
            .append("  command ").append(Long.toString(record.commandSequence()))
            .append("  ").append(JournalTime.format(record.timestamp())).append('\n');
        out.append("  ").append(commands.format(record.buffer(), record.commandOffset(), record.commandLength(),
            filter.eventInstrumentId())).append('\n');
        final String lines = events.format(record.buffer(), record.eventsOffset(), record.eventsLength());
        int start = 0;
        for (int end = lines.indexOf('\n'); end >= 0; end = lines.indexOf('\n', start))
        {
            out.append("  ").append(lines, start, end + 1);
            start = end + 1;
        }
    }

    /** Records printed. */
    public long shown()
    {
        return shown;
    }

    /** Records read within the range, printed or not. */
    public long scanned()
    {
        return scanned;
    }

    /**
     * Why the range asked for lies outside the journal: {@code --from} past its end, {@code --to}
     * before its first record, or {@code --to} before {@code --from}; null when the range lies within
     * the journal, where selecting nothing is an answer (a time between two records, say), not a mistake.
     */
    public String rangeProblem()
    {
        if (started)
        {
            return null;
        }
        if (stoppedAtTo && scanned == 0)
        {
            return to.beforeFirstRecord("--to", lastRecordSequence, lastIndex, lastTimestamp);
        }
        if (stoppedAtTo)
        {
            return fromReachedAtTo ? null : "--to " + to + " is before --from " + from + ": no record can lie between them";
        }
        if (from == null)
        {
            return null; // an empty journal
        }
        return lastRecordSequence == 0 ? "--from " + from + ": the journal holds no record" :
            "--from " + from + " is past the end of the journal (the last record is " + lastRecord() + ")";
    }

    private String lastRecord()
    {
        return RecordPoint.describe(lastRecordSequence, lastIndex, lastTimestamp);
    }

    /** Whether the dump stopped at its limit rather than at the end of its range. */
    public boolean limitReached()
    {
        return shown >= limit;
    }
}

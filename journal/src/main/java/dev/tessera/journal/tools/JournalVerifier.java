package dev.tessera.journal.tools;

import dev.tessera.engine.EventAdapter;
import dev.tessera.engine.EventListener;
import dev.tessera.engine.codec.CancelRejectedDecoder;
import dev.tessera.engine.codec.EndOfDayCompletedDecoder;
import dev.tessera.engine.codec.MassCancelCompletedDecoder;
import dev.tessera.engine.codec.OrderAcceptedDecoder;
import dev.tessera.engine.codec.OrderCancelledDecoder;
import dev.tessera.engine.codec.OrderRejectedDecoder;
import dev.tessera.engine.codec.OrderReplacedDecoder;
import dev.tessera.engine.codec.ReplaceRejectedDecoder;
import dev.tessera.engine.codec.TradeDecoder;
import dev.tessera.journal.CycleIndexCheck;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalCorruptionException;
import dev.tessera.journal.JournalRecord;

/**
 * Checks a whole journal, read only. {@link dev.tessera.journal.JournalReader} already verifies
 * framing, CRC32C, record sequence, the hash chain and the event count; on top of that every
 * record must hold an engine command whose sequence is the previous record's plus one (producers
 * stamp them gap-free), and events that decode, one by one, numbered on from the previous record's.
 * The first failure stops the check with a {@link JournalCorruptionException} naming its index. Last, the
 * final record of each cycle file must be found through that file's Chronicle index, which reading in order
 * never uses but a start from a snapshot does ({@link CycleIndexCheck}).
 */
public final class JournalVerifier implements EventListener
{
    private final CommandReader command = new CommandReader();
    private final EventAdapter adapter = new EventAdapter();
    private final CycleIndexCheck cycleIndexes = new CycleIndexCheck();
    private Journal journal;
    private JournalRecord record;
    private long expectedEventSequence;
    private long records;
    private long events;
    private long firstIndex;
    private long lastIndex;
    private long firstRecordSequence;
    private long lastRecordSequence;
    private long firstCommandSequence;
    private long lastCommandSequence;
    private long lastEventSequence;
    private long firstTimestamp;
    private long lastTimestamp;
    private long chainHash;

    /**
     * What a good journal holds. Fields of the first/last record are 0 for an empty journal.
     *
     * @param chainHash the hash chain after the last record: equal chains mean equal journals.
     */
    public record Summary(
        long records,
        long events,
        long firstIndex,
        long lastIndex,
        long firstRecordSequence,
        long lastRecordSequence,
        long firstCommandSequence,
        long lastCommandSequence,
        long lastEventSequence,
        long firstTimestamp,
        long lastTimestamp,
        long chainHash)
    {
    }

    /**
     * Verifies the journal from its first record to its last; one call per verifier.
     *
     * @throws JournalCorruptionException at the first record that fails a check.
     */
    public Summary verify(final Journal journal, final ProgressBar progress)
    {
        this.journal = journal;
        JournalScan.scanAvailable(journal, progress, this::onRecord);
        cycleIndexes.check(journal);
        return new Summary(records, events, firstIndex, lastIndex, firstRecordSequence, lastRecordSequence,
            firstCommandSequence, lastCommandSequence, lastEventSequence, firstTimestamp, lastTimestamp, chainHash);
    }

    private boolean onRecord(final JournalRecord r)
    {
        record = r;
        cycleIndexes.onRecord(journal, r.index(), r.recordSequence());
        if (command.wrap(r.buffer(), r.commandOffset(), r.commandLength()) == CommandReader.NOT_A_COMMAND)
        {
            throw corrupt("the command is not an engine command (" + r.commandLength() + " bytes)");
        }
        if (records > 0 && r.commandSequence() != lastCommandSequence + 1)
        {
            throw corrupt("command sequence " + r.commandSequence() + " follows " + lastCommandSequence +
                " (commands are numbered gap-free)");
        }
        expectedEventSequence = r.lastEventSequence() - r.eventCount() + 1;
        final int decoded;
        try
        {
            decoded = adapter.read(r.buffer(), r.eventsOffset(), r.eventsLength(), this);
        }
        catch (final IllegalArgumentException ex)
        {
            throw corrupt("events do not decode: " + ex.getMessage());
        }
        if (decoded != r.eventCount())
        {
            throw corrupt(decoded + " events decode where the record says " + r.eventCount());
        }

        if (records == 0)
        {
            firstIndex = r.index();
            firstRecordSequence = r.recordSequence();
            firstCommandSequence = r.commandSequence();
            firstTimestamp = r.timestamp();
        }
        records++;
        events += r.eventCount();
        lastIndex = r.index();
        lastRecordSequence = r.recordSequence();
        lastCommandSequence = r.commandSequence();
        lastEventSequence = r.lastEventSequence();
        lastTimestamp = r.timestamp();
        chainHash = r.chainHash();
        return true;
    }

    private JournalCorruptionException corrupt(final String detail)
    {
        return new JournalCorruptionException(record.index(), record.recordSequence(), detail);
    }

    private void event(final long sequence)
    {
        if (sequence != expectedEventSequence)
        {
            throw corrupt("event " + sequence + " where event " + expectedEventSequence + " was expected");
        }
        expectedEventSequence++;
    }

    @Override
    public void onOrderAccepted(final OrderAcceptedDecoder e)
    {
        event(e.sequence());
    }

    @Override
    public void onOrderRejected(final OrderRejectedDecoder e)
    {
        event(e.sequence());
    }

    @Override
    public void onTrade(final TradeDecoder e)
    {
        event(e.sequence());
    }

    @Override
    public void onOrderCancelled(final OrderCancelledDecoder e)
    {
        event(e.sequence());
    }

    @Override
    public void onOrderReplaced(final OrderReplacedDecoder e)
    {
        event(e.sequence());
    }

    @Override
    public void onCancelRejected(final CancelRejectedDecoder e)
    {
        event(e.sequence());
    }

    @Override
    public void onReplaceRejected(final ReplaceRejectedDecoder e)
    {
        event(e.sequence());
    }

    @Override
    public void onMassCancelCompleted(final MassCancelCompletedDecoder e)
    {
        event(e.sequence());
    }

    @Override
    public void onEndOfDayCompleted(final EndOfDayCompletedDecoder e)
    {
        event(e.sequence());
    }
}

package dev.tessera.simulation;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.EventBuffer;
import dev.tessera.engine.EventFormatter;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.MessageHeaderDecoder;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalIndex;
import dev.tessera.journal.JournalRecord;
import dev.tessera.journal.Recovery;
import dev.tessera.journal.tools.CommandFormatter;
import dev.tessera.journal.tools.CommandReader;
import dev.tessera.journal.tools.JournalScan;
import dev.tessera.journal.tools.ProgressBar;
import org.agrona.DirectBuffer;

import java.util.List;
import java.util.Locale;

/**
 * The determinism check: re-executes every journaled command with this build's engine (matching
 * again, not applying the events) and compares the events it produces, byte for byte, with the
 * journaled ones. The first difference ends the check. This is how a new engine version is proven
 * to behave exactly like the one that wrote production history, under the same configuration.
 */
public final class ReplayVerifier
{
    private ReplayVerifier()
    {
    }

    /**
     * Where replay first differed from the journal.
     *
     * @param recordSequence the record (1-based)
     * @param index          its Chronicle index
     * @param eventIndex     the event within the record (0-based)
     * @param eventSequence  the journaled event's sequence (or, if the journal has fewer events, the replayed one's)
     * @param instrumentId   the instrument the record's command names (0 for a cancel or replace, which names an
     *                       order, and for a command of every instrument)
     * @param command        the record's command, readable
     * @param expected       the journaled event, readable ("(none)" when replay produced more)
     * @param actual         the replayed event, readable ("(none)" when replay produced fewer)
     */
    public record Divergence(
        long recordSequence, long index, int eventIndex, long eventSequence, int instrumentId, String command,
        String expected, String actual)
    {
        @Override
        public String toString()
        {
            return "first divergence at record " + recordSequence + " (index " + JournalIndex.format(index) + "), event " +
                eventIndex + " of the record (event sequence " + eventSequence + ")\n  command:  " + command +
                "\n  expected: " + expected + "\n  actual:   " + actual;
        }
    }

    /**
     * @param divergence null when every event matched.
     */
    public record Result(long records, long events, long elapsedNanos, Divergence divergence)
    {
        public boolean identical()
        {
            return divergence == null;
        }

        public String throughput()
        {
            final double seconds = elapsedNanos / 1e9;
            return String.format(Locale.ROOT, "%,d records, %,d events re-executed in %.3f s: %,.0f events/s",
                records, events, seconds, seconds == 0 ? 0 : events / seconds);
        }
    }

    /** Checks the whole journal from record 1 against a fresh engine with {@code instruments}. */
    public static Result verify(final Journal journal, final List<InstrumentConfig> instruments, final ProgressBar progress)
    {
        return verify(journal, instruments, instruments, progress);
    }

    /**
     * Checks the whole journal from record 1 against a fresh engine with {@code instruments}; a divergence shows symbols
     * and prices by {@code readable}, which may add instruments the configuration leaves out (the journal's record of
     * them), so that a command the replay rejects as of an unknown instrument still reads as the journal's.
     */
    public static Result verify(final Journal journal, final List<InstrumentConfig> instruments,
        final List<InstrumentConfig> readable, final ProgressBar progress)
    {
        final Check check = new Check(new MatchingEngine(instruments), readable);
        final long start = System.nanoTime();
        final long records = JournalScan.scan(journal, progress, check::onRecord);
        return new Result(records, check.events, System.nanoTime() - start, check.divergence);
    }

    /**
     * Checks the journal after a snapshot against the snapshot's engine: for a journal whose start was archived, whose
     * records before the snapshot's cannot be re-executed. A divergence shows symbols and prices by {@code readable}
     * (the instruments the engine was restored with, and perhaps the journal's record of others). The caller closes
     * {@code from}.
     */
    public static Result verify(
        final Recovery.Start from, final List<InstrumentConfig> readable, final ProgressBar progress)
    {
        final Check check = new Check(from.engine(), readable);
        final long start = System.nanoTime();
        final long records = JournalScan.scan(from.reader(), progress, check::onRecord);
        return new Result(records, check.events, System.nanoTime() - start, check.divergence);
    }

    private static final class Check
    {
        private final MatchingEngine engine;
        /** Formats a divergence: the engine's instruments, and perhaps the journal's record of others. */
        private final List<InstrumentConfig> readable;
        private long events;
        private Divergence divergence;

        Check(final MatchingEngine engine, final List<InstrumentConfig> readable)
        {
            this.engine = engine;
            this.readable = readable;
        }

        boolean onRecord(final JournalRecord record)
        {
            engine.onCommand(record.buffer(), record.commandOffset(), record.commandLength());
            final EventBuffer replayed = engine.events();
            final DirectBuffer journaled = record.buffer();
            final int offset = record.eventsOffset();
            final int length = record.eventsLength();
            if (replayed.length() == length && sameBytes(replayed.buffer(), 0, journaled, offset, length))
            {
                events += record.eventCount();
                return true;
            }
            divergence = locate(record, replayed);
            return false;
        }

        /** Walks both event runs to the first event that differs. */
        private Divergence locate(final JournalRecord record, final EventBuffer replayed)
        {
            final DirectBuffer expected = record.buffer();
            final int expectedEnd = record.eventsOffset() + record.eventsLength();
            final DirectBuffer actual = replayed.buffer();
            int e = record.eventsOffset();
            int a = 0;
            int eventIndex = 0;
            while (true)
            {
                final int expectedLength = e < expectedEnd ? eventLength(expected, e) : 0;
                final int actualLength = a < replayed.length() ? eventLength(actual, a) : 0;
                if (expectedLength != actualLength ||
                    expectedLength > 0 && !sameBytes(actual, a, expected, e, expectedLength) || expectedLength == 0)
                {
                    final EventFormatter formatter = new EventFormatter(readable);
                    final String command = new CommandFormatter(readable)
                        .format(record.buffer(), record.commandOffset(), record.commandLength());
                    final CommandReader reader = new CommandReader();
                    reader.wrap(record.buffer(), record.commandOffset(), record.commandLength());
                    final long sequence = expectedLength > 0 ? sequenceOf(expected, e) : sequenceOf(actual, a);
                    return new Divergence(record.recordSequence(), record.index(), eventIndex, sequence,
                        reader.instrumentId(), command,
                        expectedLength > 0 ? formatter.format(expected, e, expectedLength).strip() : "(none)",
                        actualLength > 0 ? formatter.format(actual, a, actualLength).strip() : "(none)");
                }
                events++;
                eventIndex++;
                e += expectedLength;
                a += actualLength;
            }
        }

        private static boolean sameBytes(
            final DirectBuffer a, final int aOffset, final DirectBuffer b, final int bOffset, final int length)
        {
            int i = 0;
            for (; i + Long.BYTES <= length; i += Long.BYTES)
            {
                if (a.getLong(aOffset + i) != b.getLong(bOffset + i))
                {
                    return false;
                }
            }
            for (; i < length; i++)
            {
                if (a.getByte(aOffset + i) != b.getByte(bOffset + i))
                {
                    return false;
                }
            }
            return true;
        }

        private static int eventLength(final DirectBuffer buffer, final int offset)
        {
            return MessageHeaderDecoder.ENCODED_LENGTH + (buffer.getShort(offset) & 0xFFFF);
        }

        /** Every event starts with its sequence, right after the header. */
        private static long sequenceOf(final DirectBuffer buffer, final int offset)
        {
            return buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH);
        }
    }
}

package dev.tessera.journal.tools;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.EventAdapter;
import dev.tessera.engine.EventFormatter;
import dev.tessera.engine.EventListener;
import dev.tessera.engine.codec.CancelOrderDecoder;
import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.CancelRejectedDecoder;
import dev.tessera.engine.codec.EndOfDayCompletedDecoder;
import dev.tessera.engine.codec.EndOfDayDecoder;
import dev.tessera.engine.codec.MassCancelCompletedDecoder;
import dev.tessera.engine.codec.MassCancelDecoder;
import dev.tessera.engine.codec.NewOrderDecoder;
import dev.tessera.engine.codec.OrderAcceptedDecoder;
import dev.tessera.engine.codec.OrderCancelledDecoder;
import dev.tessera.engine.codec.OrderRejectedDecoder;
import dev.tessera.engine.codec.OrderReplacedDecoder;
import dev.tessera.engine.codec.RejectReason;
import dev.tessera.engine.codec.ReplaceOrderDecoder;
import dev.tessera.engine.codec.ReplaceRejectedDecoder;
import dev.tessera.engine.codec.TradeDecoder;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalCorruptionException;
import dev.tessera.journal.JournalIndex;
import dev.tessera.journal.JournalRecord;
import org.agrona.collections.Int2ObjectHashMap;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Counts what a journal holds: records and their bytes, commands by type, events by type and
 * reason, and per instrument orders, rejects, trades, volume, notional and VWAP; plus the time range. Reads the
 * whole journal through the verifying reader, so corruption stops it like any other tool.
 */
public final class JournalStats implements EventListener
{
    /** Chronicle frames every record with a 4-byte header (length and flags). */
    private static final int CHRONICLE_HEADER_BYTES = 4;
    private static final int ENUM_VALUES = 256;

    private final CommandReader command = new CommandReader();
    private final EventAdapter adapter = new EventAdapter();
    private final Int2ObjectHashMap<InstrumentCounts> byInstrument = new Int2ObjectHashMap<>();
    private final long[] commandsByTemplate = new long[ENUM_VALUES];
    private final long[] rejectedByReason = new long[ENUM_VALUES];
    private final long[] cancelledByReason = new long[ENUM_VALUES];
    private final long[] cancelRejectedByReason = new long[ENUM_VALUES];
    private final long[] replaceRejectedByReason = new long[ENUM_VALUES];
    private long records;
    private long recordBytes;
    private long unknownCommands;
    private long events;
    private long accepted;
    private long rejected;
    private long trades;
    private long cancelled;
    private long replaced;
    private long cancelRejected;
    private long replaceRejected;
    private long massCancelsCompleted;
    private long endsOfDayCompleted;
    private long firstIndex;
    private long lastIndex;
    private long firstTimestamp;
    private long lastTimestamp;

    /** Per instrument: accepted orders, rejected orders, trades, traded quantity and its notional. */
    private static final class InstrumentCounts
    {
        final int id;
        long orders;
        long rejected;
        long trades;
        long volume;
        BigInteger notional = BigInteger.ZERO;

        InstrumentCounts(final int id)
        {
            this.id = id;
        }
    }

    /**
     * Counts the whole journal; one call per instance.
     *
     * @throws JournalCorruptionException at the first record that does not verify or decode.
     */
    public JournalStats count(final Journal journal, final ProgressBar progress)
    {
        JournalScan.scanAvailable(journal, progress, this::onRecord);
        return this;
    }

    private boolean onRecord(final JournalRecord r)
    {
        if (records == 0)
        {
            firstIndex = r.index();
            firstTimestamp = r.timestamp();
        }
        records++;
        recordBytes += r.eventsOffset() + r.eventsLength() + CHRONICLE_HEADER_BYTES;
        lastIndex = r.index();
        lastTimestamp = r.timestamp();
        final int template = command.wrap(r.buffer(), r.commandOffset(), r.commandLength());
        if (template == CommandReader.NOT_A_COMMAND)
        {
            unknownCommands++;
        }
        else
        {
            commandsByTemplate[template]++;
        }
        try
        {
            events += adapter.read(r.buffer(), r.eventsOffset(), r.eventsLength(), this);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new JournalCorruptionException(r.index(), r.recordSequence(), "events do not decode: " + ex.getMessage());
        }
        return true;
    }

    /**
     * The report: one section each for records, commands, events, instruments, time and size.
     *
     * @param instruments for symbols (ids the configuration lacks show as {@code #id}).
     * @param files       the journal's files, for its size on disk.
     */
    public void print(final PrintWriter out, final Collection<InstrumentConfig> instruments, final JournalFiles files)
    {
        final EventFormatter names = new EventFormatter(instruments);
        line(out, "records", "%,d", records);
        if (records > 0)
        {
            line(out, "indexes", "%s .. %s", JournalIndex.format(firstIndex), JournalIndex.format(lastIndex));
            line(out, "time", "%s .. %s (%s)", JournalTime.format(firstTimestamp), JournalTime.format(lastTimestamp),
                JournalTime.formatDuration(lastTimestamp - firstTimestamp));
        }
        line(out, "size", "%,d bytes in %d queue file(s) (preallocated, sparse); records use %,d bytes",
            files.apparentBytes(), files.files().size(), recordBytes);

        out.println("commands");
        count(out, "NewOrder", commandsByTemplate[NewOrderDecoder.TEMPLATE_ID]);
        count(out, "CancelOrder", commandsByTemplate[CancelOrderDecoder.TEMPLATE_ID]);
        count(out, "ReplaceOrder", commandsByTemplate[ReplaceOrderDecoder.TEMPLATE_ID]);
        count(out, "MassCancel", commandsByTemplate[MassCancelDecoder.TEMPLATE_ID]);
        count(out, "EndOfDay", commandsByTemplate[EndOfDayDecoder.TEMPLATE_ID]);
        if (unknownCommands > 0)
        {
            count(out, "not a command", unknownCommands);
        }

        out.printf(Locale.ROOT, "events %,d%n", events);
        count(out, "OrderAccepted", accepted);
        count(out, "OrderRejected", rejected);
        reasons(out, rejectedByReason, JournalStats::rejectReason);
        count(out, "Trade", trades);
        count(out, "OrderCancelled", cancelled);
        reasons(out, cancelledByReason, JournalStats::cancelReason);
        count(out, "OrderReplaced", replaced);
        count(out, "CancelRejected", cancelRejected);
        reasons(out, cancelRejectedByReason, JournalStats::rejectReason);
        count(out, "ReplaceRejected", replaceRejected);
        reasons(out, replaceRejectedByReason, JournalStats::rejectReason);
        count(out, "MassCancelCompleted", massCancelsCompleted);
        count(out, "EndOfDayCompleted", endsOfDayCompleted);

        out.printf(Locale.ROOT, "instruments%n  %-10s %12s %12s %12s %16s %24s %20s%n", "", "accepted", "rejected",
            "trades", "volume", "notional", "vwap");
        final List<InstrumentCounts> sorted = new ArrayList<>(byInstrument.values());
        sorted.sort(Comparator.comparingInt(counts -> counts.id));
        for (final InstrumentCounts counts : sorted)
        {
            // As the prices of dump: the raw fixed point for an instrument the configuration lacks.
            final int priceScale = instruments.stream().filter(instrument -> instrument.id() == counts.id)
                .mapToInt(InstrumentConfig::priceScale).findFirst().orElse(0);
            // Stripped: an instrument without trades has no VWAP, and its line no trailing blanks.
            out.println(String.format(Locale.ROOT, "  %-10s %,12d %,12d %,12d %,16d %24s %20s",
                names.symbol(counts.id), counts.orders, counts.rejected, counts.trades, counts.volume,
                Turnover.notional(counts.notional, priceScale), Turnover.vwap(counts.notional, counts.volume, priceScale))
                .stripTrailing());
        }
        out.flush();
    }

    private static void line(final PrintWriter out, final String label, final String format, final Object... args)
    {
        out.printf(Locale.ROOT, "%-9s%s%n", label, String.format(Locale.ROOT, format, args));
    }

    private static void count(final PrintWriter out, final String label, final long count)
    {
        out.printf(Locale.ROOT, "  %-28s %,12d%n", label, count);
    }

    private static void reasons(final PrintWriter out, final long[] counts, final IntFunction<String> name)
    {
        for (int reason = 0; reason < counts.length; reason++)
        {
            if (counts[reason] > 0)
            {
                out.printf(Locale.ROOT, "    %-26s %,12d%n", name.apply(reason), counts[reason]);
            }
        }
    }

    private static String rejectReason(final int raw)
    {
        for (final RejectReason reason : RejectReason.values())
        {
            if (reason.value() == raw)
            {
                return reason.name();
            }
        }
        return "reason " + raw;
    }

    private static String cancelReason(final int raw)
    {
        for (final CancelReason reason : CancelReason.values())
        {
            if (reason.value() == raw)
            {
                return reason.name();
            }
        }
        return "reason " + raw;
    }

    private InstrumentCounts instrument(final int id)
    {
        InstrumentCounts counts = byInstrument.get(id);
        if (counts == null)
        {
            counts = new InstrumentCounts(id);
            byInstrument.put(id, counts);
        }
        return counts;
    }

    @Override
    public void onOrderAccepted(final OrderAcceptedDecoder e)
    {
        accepted++;
        instrument(e.instrumentId()).orders++;
    }

    @Override
    public void onOrderRejected(final OrderRejectedDecoder e)
    {
        rejected++;
        rejectedByReason[e.reasonRaw()]++;
        instrument(e.instrumentId()).rejected++;
    }

    @Override
    public void onTrade(final TradeDecoder e)
    {
        trades++;
        final InstrumentCounts counts = instrument(e.instrumentId());
        counts.trades++;
        counts.volume += e.quantity();
        counts.notional = Turnover.add(counts.notional, e.price(), e.quantity());
    }

    @Override
    public void onOrderCancelled(final OrderCancelledDecoder e)
    {
        cancelled++;
        cancelledByReason[e.reasonRaw()]++;
    }

    @Override
    public void onOrderReplaced(final OrderReplacedDecoder e)
    {
        replaced++;
    }

    @Override
    public void onCancelRejected(final CancelRejectedDecoder e)
    {
        cancelRejected++;
        cancelRejectedByReason[e.reasonRaw()]++;
    }

    @Override
    public void onReplaceRejected(final ReplaceRejectedDecoder e)
    {
        replaceRejected++;
        replaceRejectedByReason[e.reasonRaw()]++;
    }

    @Override
    public void onMassCancelCompleted(final MassCancelCompletedDecoder e)
    {
        massCancelsCompleted++;
    }

    @Override
    public void onEndOfDayCompleted(final EndOfDayCompletedDecoder e)
    {
        endsOfDayCompleted++;
    }
}

package dev.tessera.perf;

import dev.tessera.config.ExchangeConfigLoader;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.EventAdapter;
import dev.tessera.engine.EventListener;
import dev.tessera.engine.codec.CancelOrderDecoder;
import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.CancelRejectedDecoder;
import dev.tessera.engine.codec.EndOfDayDecoder;
import dev.tessera.engine.codec.MassCancelDecoder;
import dev.tessera.engine.codec.NewOrderDecoder;
import dev.tessera.engine.codec.OrderAcceptedDecoder;
import dev.tessera.engine.codec.OrderCancelledDecoder;
import dev.tessera.engine.codec.OrderRejectedDecoder;
import dev.tessera.engine.codec.OrderReplacedDecoder;
import dev.tessera.engine.codec.ReplaceOrderDecoder;
import dev.tessera.engine.codec.ReplaceRejectedDecoder;
import dev.tessera.engine.codec.TradeDecoder;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalInstruments;
import dev.tessera.journal.JournalReader;
import dev.tessera.journal.JournalRecord;
import dev.tessera.journal.JournalRecordHandler;
import dev.tessera.journal.tools.CommandReader;
import dev.tessera.perf.ExportCounts.Skip;
import dev.tessera.perf.workload.Workload;
import org.agrona.collections.Long2LongHashMap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The commands a recorded Tessera journal holds for one instrument, as the {@link Workload} the latency ladders
 * run (Tessera's systems and exchange-core alike) instead of the generated mix:
 * <ul>
 *   <li>every record is read from the first available one, verified as recovery verifies it. Those about the
 *       instrument are kept: new orders and mass cancels that name it, cancels and replaces whose events name
 *       it (a rejected one, which has no such event, by the order it names);</li>
 *   <li>what the recording rejected is left out (it changed no book, and the benchmark instrument below might
 *       accept it); the rest goes through {@link WorkloadExport}, which maps what has an exchange-core
 *       equivalent and counts what it drops or rewrites;</li>
 *   <li>a recording is not cyclic, and a workload's body must be: a restoring tail cancels every order still
 *       live at its end. A journal starts from an empty book, so the book is empty again, and the next pass
 *       enters the same orders under the same client order ids and keys: Tessera's duplicate-ClOrdID rule only
 *       concerns live orders, and exchange-core's only live order ids;</li>
 *   <li>the trades are checked: when nothing that could change the path was dropped (and the recording had no
 *       self-trade prevention, which the benchmark instrument lacks), one pass must make exactly the trades the
 *       journal recorded for the instrument; otherwise the difference is reported.</li>
 * </ul>
 * The workload runs on a permissive instrument of the same id (every positive price and quantity, no band, no
 * self-trade prevention), as exchange-core's symbol checks none of these either.
 */
final class JournalWorkload
{
    /**
     * The permissive instrument's largest order. The engine admits no price whose notional at it would overflow a
     * long, so prices go up to 2^32 - 1 in fixed point (429,496.7295 at four decimals); a recording beyond that is
     * refused by the reference engine, by name.
     */
    static final long PERMISSIVE_MAX_QUANTITY = 1L << 31;

    /** {@code --instrument} value that picks the instrument with the most commands. */
    static final String BUSIEST = "";

    private static final int POLL_LIMIT = 4_096;

    private final Path directory;
    private final int instrumentId;
    private final String instrumentName;
    private final CommandReader reader = new CommandReader();
    private final RecordSummary events;
    private final RecordedOrders recorded = new RecordedOrders();
    /** The recording's engine order id of each live order of the instrument, to its client order id then. */
    private final Long2LongHashMap clientOrderIdOf = new Long2LongHashMap(WorkloadExport.UNKNOWN);
    private final WorkloadExport export;
    private long records;
    private long commands;
    private long firstRecordSequence;
    private long recordedTrades;
    private long selfTradePreventions;

    private JournalWorkload(final Path directory, final int instrumentId, final String instrumentName)
    {
        this.directory = directory;
        this.instrumentId = instrumentId;
        this.instrumentName = instrumentName;
        this.export = new WorkloadExport(instrument(instrumentId), 1 << 16, clientOrderIdOf::get);
        this.events = new RecordSummary(instrumentId);
    }

    /**
     * The instrument every Tessera engine runs a journal's workload on: it accepts what the recording accepted.
     */
    static InstrumentConfig instrument(final int instrumentId)
    {
        return new InstrumentConfig("JOURNAL-" + instrumentId, instrumentId, 0, 1, 1, 1, PERMISSIVE_MAX_QUANTITY, 1, 0,
            SelfTradePrevention.NONE);
    }

    /**
     * Converts the journal's commands for {@code instrument}: a symbol or id the journal recorded (or, for a journal
     * from before it recorded its instruments, a symbol of the embedded configuration or any id), or {@link #BUSIEST}.
     */
    static Conversion convert(final Path directory, final String instrument)
    {
        try (Journal journal = Journal.openReadOnly(directory))
        {
            final int id = workloadInstrument(journal, directory, instrument);
            final String name = instrument.isEmpty() || instrument.equals(Integer.toString(id)) ? "id " + id :
                instrument + " (id " + id + ")";
            return new JournalWorkload(directory, id, name).convert(journal);
        }
    }

    /** The converted journal as a feed for Tessera's ladder; its composition on stdout (the caller prints the description). */
    static MixFeed feed(final Path directory, final String instrument)
    {
        final long start = System.nanoTime();
        final Conversion conversion = convert(directory, instrument);
        System.out.printf("[tessera-perf] journal %s converted: %s; depth over the body: %s; set-up %.1f s%n", directory,
            conversion.workload().composition(), conversion.depthSummary(), (System.nanoTime() - start) / 1e9);
        return conversion.feed();
    }

    private Conversion convert(final Journal journal)
    {
        export.beginBody();
        read(journal, this::onRecord);
        export.cancelEveryLiveOrder();
        final ExportCounts counts = export.counts();
        final long trades = export.bodyTrades();
        final boolean pathKept = counts.pathKept() && selfTradePreventions == 0 && firstRecordSequence <= 1;
        if (pathKept && trades != recordedTrades)
        {
            throw new IllegalStateException(String.format("%s, instrument %s: nothing that changes the path was dropped, " +
                "yet the workload makes %,d trades a pass where the journal recorded %,d", directory, instrumentName, trades,
                recordedTrades));
        }
        final String description = String.format(Locale.ROOT, "journal %s, instrument %s: %,d of %,d records; %s; " +
            "%,d workload commands + %,d restoring cancels; %,d trades per pass, %s",
            directory.toAbsolutePath().normalize(), instrumentName, commands, records, counts.summary(),
            export.size() - export.restoringCancels(), export.restoringCancels(), trades, tradeNote(trades, pathKept));
        return new Conversion(export.build(description), instrument(instrumentId), counts, export.restoringCancels(),
            recordedTrades, pathKept);
    }

    private String tradeNote(final long trades, final boolean pathKept)
    {
        if (pathKept)
        {
            return "as recorded";
        }
        final StringBuilder note = new StringBuilder(String.format(Locale.ROOT, "recorded %,d (%+,d)", recordedTrades,
            trades - recordedTrades));
        if (selfTradePreventions > 0)
        {
            note.append(String.format(Locale.ROOT, "; the recording prevented %,d self-trades, the benchmark engines prevent none",
                selfTradePreventions));
        }
        if (firstRecordSequence > 1)
        {
            note.append("; the journal starts at record ").append(firstRecordSequence)
                .append(" (earlier ones archived): orders entered before are unknown here");
        }
        return note.toString();
    }

    private void onRecord(final JournalRecord record)
    {
        if (records++ == 0)
        {
            firstRecordSequence = record.recordSequence();
        }
        final int template = reader.wrap(record.buffer(), record.commandOffset(), record.commandLength());
        events.read(record);
        if (concernsInstrument(template))
        {
            commands++;
            if (events.rejected)
            {
                export.skip(Skip.REJECTED_WHEN_RECORDED);
            }
            else
            {
                export.add(record.buffer(), record.commandOffset(), record.commandLength());
            }
        }
        // After the command was mapped: it may name an order by the id these events retire.
        recorded.read(record);
    }

    private boolean concernsInstrument(final int template)
    {
        switch (template)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                return reader.newOrder().instrumentId() == instrumentId;
            case MassCancelDecoder.TEMPLATE_ID:
            case EndOfDayDecoder.TEMPLATE_ID:
                final int named = reader.instrumentId();
                return named == instrumentId || named == 0 && events.cancelledHere > 0;
            case CancelOrderDecoder.TEMPLATE_ID:
            case ReplaceOrderDecoder.TEMPLATE_ID:
                if (events.instrumentId() != 0)
                {
                    return events.instrumentId() == instrumentId;
                }
                // Rejected: no event names the instrument, the order named may be one of ours.
                final long orderId = reader.orderId();
                final long origClientOrderId = template == CancelOrderDecoder.TEMPLATE_ID ?
                    reader.cancelOrder().origClientOrderId() : reader.replaceOrder().origClientOrderId();
                return orderId != 0 ? clientOrderIdOf.containsKey(orderId) : export.knows(reader.owner(), origClientOrderId);
            default:
                return false;
        }
    }

    /** Commands per instrument id (what the record's command or, for a cancel or replace, its first event names). */
    private static Map<Integer, Long> commandsByInstrument(final Journal journal)
    {
        final CommandReader reader = new CommandReader();
        final RecordSummary events = new RecordSummary(0);
        final Map<Integer, Long> counts = new TreeMap<>();
        read(journal, record ->
        {
            final int template = reader.wrap(record.buffer(), record.commandOffset(), record.commandLength());
            events.read(record);
            final int named = template == CommandReader.NOT_A_COMMAND ? 0 : reader.instrumentId();
            final int id = named != 0 ? named : events.instrumentId();
            if (id != 0)
            {
                counts.merge(id, 1L, Long::sum);
            }
        });
        return counts;
    }

    private static void read(final Journal journal, final JournalRecordHandler handler)
    {
        try (JournalReader records = journal.reader().fromFirstAvailable())
        {
            while (records.poll(handler, POLL_LIMIT) > 0)
            {
                // until the end of the journal
            }
        }
    }

    private static int busiest(final Map<Integer, Long> byInstrument, final Path directory)
    {
        return byInstrument.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
            .orElseThrow(() -> new IllegalArgumentException("the journal " + directory + " holds no command of any instrument"));
    }

    /**
     * Why {@code directory} and {@code instrument} can make no workload, or null: checked with the options, before a
     * results directory is made (the scripts' option check runs with Chronicle's flags, as every JVM that loads it).
     * Reads the journal's commands once, as {@link #convert} does again.
     */
    static String problem(final Path directory, final String instrument)
    {
        if (!Files.isDirectory(directory))
        {
            return "--journal takes a journal directory, got " + directory;
        }
        if (Journal.holdsNoRecord(directory))
        {
            return "--journal " + directory + " holds no journal (no Chronicle Queue cycle file)";
        }
        try
        {
            if (!instrument.isEmpty())
            {
                instrumentId(directory, instrument);
            }
            try (Journal journal = Journal.openReadOnly(directory))
            {
                workloadInstrument(journal, directory, instrument);
            }
            return null;
        }
        catch (final IllegalArgumentException | IllegalStateException ex)
        {
            return ex.getMessage();
        }
    }

    /**
     * The id of {@code instrument} (or the busiest), which must have commands in the journal (QA 117 R3: AAPL of a
     * simulation's instruments.txt, with no command in its AMZN journal, was a stack trace after the results directory
     * was made).
     */
    private static int workloadInstrument(final Journal journal, final Path directory, final String instrument)
    {
        final Map<Integer, Long> byInstrument = commandsByInstrument(journal);
        final int id = instrument.isEmpty() ? busiest(byInstrument, directory) : instrumentId(directory, instrument);
        if (!byInstrument.containsKey(id))
        {
            throw new IllegalArgumentException("the journal " + directory + " holds no command of instrument " + instrument +
                " (id " + id + "); commands by instrument id: " + byInstrument);
        }
        return id;
    }

    /**
     * The id of a symbol or id the journal recorded ({@code instruments.txt}: its symbols are the ones its recording
     * was configured with, a LOBSTER simulation's AMZN too); a journal from before that file names its instruments by
     * id alone, so there a symbol is the embedded configuration's and any id is taken.
     */
    static int instrumentId(final Path directory, final String symbolOrId)
    {
        final List<InstrumentConfig> recorded = JournalInstruments.leftOut(directory, List.of());
        final List<InstrumentConfig> known = recorded.isEmpty() ? ExchangeConfigLoader.defaults().instruments() : recorded;
        final String whose = recorded.isEmpty() ? "the embedded configuration's (the journal records no instruments.txt)" :
            "the journal's";
        for (final InstrumentConfig instrument : known)
        {
            if (instrument.symbol().equals(symbolOrId) || Integer.toString(instrument.id()).equals(symbolOrId))
            {
                return instrument.id();
            }
        }
        if (recorded.isEmpty() && symbolOrId.matches("[0-9]{1,9}"))
        {
            return Integer.parseInt(symbolOrId);
        }
        throw new IllegalArgumentException("--instrument " + symbolOrId + " is not among " + whose + " instruments: " +
            known.stream().map(i -> i.symbol() + " (id " + i.id() + ")").collect(Collectors.joining(", ")));
    }

    /** A converted journal: the workload and its path, and how faithful the conversion was. */
    record Conversion(WorkloadExport.Exported exported, InstrumentConfig instrument, ExportCounts counts, long restoringCancels,
        long recordedTrades, boolean pathKept)
    {
        Workload workload()
        {
            return exported.workload();
        }

        Trajectory trajectory()
        {
            return exported.trajectory();
        }

        long tradesPerPass()
        {
            return trajectory().trades[trajectory().bodyCount()];
        }

        /** The deepest the book gets over a pass (it starts and ends empty). */
        String depthSummary()
        {
            final Trajectory path = trajectory();
            return String.format(Locale.ROOT, "up to %,d live orders, %,d bid and %,d ask levels (empty at the start and end " +
                "of each pass)", max(path.live), max(path.bidLevels), max(path.askLevels));
        }

        MixFeed feed()
        {
            return new MixFeed("journal workload", exported, instrument, workload().composition(), depthSummary());
        }

        private static int max(final int[] values)
        {
            int max = 0;
            for (final int value : values)
            {
                max = Math.max(max, value);
            }
            return max;
        }
    }

    /**
     * What one record's events say: whether the recording rejected its command, the instrument the first event
     * naming one names, and how many orders of the instrument converted they cancel.
     */
    private static final class RecordSummary implements EventListener
    {
        private final EventAdapter adapter = new EventAdapter();
        private final int converted;
        boolean rejected;
        int cancelledHere;
        private int firstNamed;

        RecordSummary(final int converted)
        {
            this.converted = converted;
        }

        void read(final JournalRecord record)
        {
            rejected = false;
            cancelledHere = 0;
            firstNamed = 0;
            adapter.read(record.buffer(), record.eventsOffset(), record.eventsLength(), this);
        }

        int instrumentId()
        {
            return firstNamed;
        }

        @Override
        public void onOrderAccepted(final OrderAcceptedDecoder event)
        {
            named(event.instrumentId());
        }

        @Override
        public void onOrderRejected(final OrderRejectedDecoder event)
        {
            rejected = true;
            named(event.instrumentId());
        }

        @Override
        public void onTrade(final TradeDecoder event)
        {
            named(event.instrumentId());
        }

        @Override
        public void onOrderCancelled(final OrderCancelledDecoder event)
        {
            if (named(event.instrumentId()))
            {
                cancelledHere++;
            }
        }

        @Override
        public void onOrderReplaced(final OrderReplacedDecoder event)
        {
            named(event.instrumentId());
        }

        @Override
        public void onCancelRejected(final CancelRejectedDecoder event)
        {
            rejected = true;
        }

        @Override
        public void onReplaceRejected(final ReplaceRejectedDecoder event)
        {
            rejected = true;
        }

        private boolean named(final int id)
        {
            if (firstNamed == 0)
            {
                firstNamed = id;
            }
            return id == converted;
        }
    }

    /** What the conversion learns from a record's events about the instrument: its live orders, trades and self-trade preventions. */
    private final class RecordedOrders implements EventListener
    {
        private final EventAdapter adapter = new EventAdapter();

        void read(final JournalRecord record)
        {
            adapter.read(record.buffer(), record.eventsOffset(), record.eventsLength(), this);
        }

        @Override
        public void onOrderAccepted(final OrderAcceptedDecoder event)
        {
            if (event.instrumentId() == instrumentId)
            {
                clientOrderIdOf.put(event.orderId(), event.clientOrderId());
            }
        }

        @Override
        public void onTrade(final TradeDecoder event)
        {
            if (event.instrumentId() == instrumentId)
            {
                recordedTrades++;
                if (event.makerLeavesQuantity() == 0)
                {
                    clientOrderIdOf.remove(event.makerOrderId());
                }
                if (event.takerLeavesQuantity() == 0)
                {
                    clientOrderIdOf.remove(event.takerOrderId());
                }
            }
        }

        @Override
        public void onOrderCancelled(final OrderCancelledDecoder event)
        {
            if (event.instrumentId() == instrumentId)
            {
                clientOrderIdOf.remove(event.orderId());
                selfTradePreventions += event.reason() == CancelReason.SELF_TRADE_PREVENTION ? 1 : 0;
            }
        }

        @Override
        public void onOrderReplaced(final OrderReplacedDecoder event)
        {
            if (event.instrumentId() == instrumentId)
            {
                clientOrderIdOf.put(event.orderId(), event.clientOrderId());
            }
        }
    }
}

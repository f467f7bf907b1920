package dev.tessera.gateway;

import dev.tessera.engine.EventAdapter;
import dev.tessera.engine.EventListener;
import dev.tessera.engine.codec.MessageHeaderDecoder;
import dev.tessera.engine.codec.OrderAcceptedDecoder;
import dev.tessera.engine.codec.OrderReplacedDecoder;
import dev.tessera.engine.codec.ReplaceOrderDecoder;
import dev.tessera.engine.codec.OrderRejectedDecoder;
import dev.tessera.engine.codec.TradeDecoder;
import dev.tessera.journal.JournalCorruptionException;
import dev.tessera.journal.JournalReader;
import dev.tessera.journal.JournalRecord;
import dev.tessera.journal.JournalRecordHandler;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads the ClOrdIDs of the new orders the engine accepted or rejected in the journal before the projection's start
 * (a snapshot, which holds only the orders live then) into {@link DecidedClOrdIds}, in parts of the gateway's duty cycle, so that a restart
 * from a snapshot stays fast and sessions trade meanwhile; only a possible resend waits for it. Reads events, does not
 * apply them: a pass is a decode of each record.
 * <p>
 * On the way it tells the projection the replaces of the orders still live in it
 * ({@link ExecutionReportPublisher#onEarlierReplaced}): a snapshot holds each order's ClOrdID alone, and a request
 * that names an order by the ClOrdID its last replace replaced (one sent before the client read that replace's
 * report, or resent after a crash) would otherwise be an unknown order after a restart; and every ClOrdID such an
 * order went by ({@link EarlierClOrdIds}), which a request may not take while the order lives; and market data the
 * trades, of which a snapshot of the book holds none, for each instrument's last trade
 * ({@link MarketDataPublisher#onEarlierTrade}).
 */
final class DecidedClOrdIdScan implements JournalRecordHandler, EventListener, AutoCloseable
{
    /** Records per duty cycle: a part takes tens of microseconds, so it never holds the sessions up for long. */
    private static final int RECORDS_PER_PART = 256;

    /** Nothing to read: the projection started at the journal's first record. */
    static final DecidedClOrdIdScan NONE = new DecidedClOrdIdScan(null, null, null, 0, "", line -> { });

    private final ExecutionReportPublisher reports;
    private final MarketDataPublisher marketData;
    private final DecidedClOrdIds decided;
    private final MessageHeaderDecoder commandHeader = new MessageHeaderDecoder();
    private final ReplaceOrderDecoder replaceCommand = new ReplaceOrderDecoder();
    /** The record being read (during {@link #onRecord}): a replace's request is decoded from its command. */
    private JournalRecord record;
    private final long throughIndex;
    private final String before;
    private final Consumer<String> log;
    private final EventAdapter events = new EventAdapter();
    private final long startNs = System.nanoTime();
    private JournalReader reader;
    private long records;
    private long orders;

    /**
     * @param reader       at the journal's first available record; the scan owns it.
     * @param throughIndex the index of the projection's start record: the scan reads up to it.
     * @param before       what the projection started from, for the log line.
     */
    DecidedClOrdIdScan(
        final ExecutionReportPublisher reports,
        final MarketDataPublisher marketData,
        final JournalReader reader,
        final long throughIndex,
        final String before,
        final Consumer<String> log)
    {
        this.reports = reports;
        this.marketData = marketData;
        this.decided = reports == null ? null : reports.decidedClOrdIds();
        this.reader = reader;
        this.throughIndex = throughIndex;
        this.before = before;
        this.log = log;
    }

    /** Reads the next part. @return the number of records read, 0 once done. */
    int doWork()
    {
        if (reader == null)
        {
            return 0;
        }
        final int read;
        try
        {
            read = reader.poll(this, RECORDS_PER_PART, throughIndex);
        }
        catch (final JournalCorruptionException ex)
        {
            // Recovery verified this journal at start; still, a resend cannot be checked without it. Said once.
            log.accept("gateway: WARNING the order history before " + before + " could not be read (" +
                ex.getMessage() + "): every possible resend of a NewOrderSingle not known otherwise is refused");
            close();
            return 0;
        }
        if (read == 0)
        {
            decided.markComplete();
            marketData.onEarlierTradesRead();
            log.accept(String.format("gateway: ClOrdIDs of %,d orders accepted or rejected before %s read from %,d " +
                "journal records in %d ms: possible resends of them are checked from now on", orders, before, records,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs)));
            close();
            return 0;
        }
        records += read;
        return read;
    }

    @Override
    public void onRecord(final JournalRecord record)
    {
        this.record = record;
        events.read(record.buffer(), record.eventsOffset(), record.eventsLength(), this);
        this.record = null;
    }

    @Override
    public void onOrderAccepted(final OrderAcceptedDecoder event)
    {
        decided.add(event.owner(), event.clientOrderId());
        reports.onEarlierAccepted(event.orderId(), event.clientOrderId());
        orders++;
    }

    @Override
    public void onOrderRejected(final OrderRejectedDecoder event)
    {
        decided.add(event.owner(), event.clientOrderId());
        orders++;
    }

    @Override
    public void onTrade(final TradeDecoder event)
    {
        marketData.onEarlierTrade(event);
    }

    @Override
    public void onOrderReplaced(final OrderReplacedDecoder event)
    {
        reports.onEarlierReplaced(event.orderId(),
            ExecutionReportPublisher.replaceRequestOrigClOrdId(record, commandHeader, replaceCommand),
            event.clientOrderId());
    }

    @Override
    public void close()
    {
        if (reader != null)
        {
            reader.close();
            reader = null;
        }
    }
}

package dev.tessera.server;

import dev.tessera.config.Durability;
import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.ExchangeConfigLoader;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.JournalConfig;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.EventAdapter;
import dev.tessera.engine.EventListener;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.RandomOrderFlow;
import dev.tessera.engine.codec.OrderAcceptedDecoder;
import dev.tessera.engine.codec.OrderCancelledDecoder;
import dev.tessera.engine.codec.OrderRejectedDecoder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.engine.codec.TradeDecoder;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalPosition;
import dev.tessera.journal.JournalReader;
import dev.tessera.journal.JournalWriter;
import dev.tessera.journal.SnapshotDirectory;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;

/**
 * Journals for the tools' tests, written the way the exchange writes them: a real engine runs each
 * command and the command is journaled with its events. Instruments are the embedded defaults
 * (AAPL, MSFT, BTC-USD), so the tools read them with no configuration at all. Command n is stamped
 * {@link #START} + n seconds.
 */
public final class JournalFixture
{
    static final ExchangeConfig CONFIG = ExchangeConfigLoader.defaults();
    static final List<InstrumentConfig> INSTRUMENTS = CONFIG.instruments();
    static final InstrumentConfig AAPL = CONFIG.instrument("AAPL").orElseThrow();
    static final InstrumentConfig MSFT = CONFIG.instrument("MSFT").orElseThrow();
    static final Instant START = Instant.parse("2026-11-22T05:30:00Z");

    private final CommandEncoder encoder = new CommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
    private final MatchingEngine engine = newEngine();
    private final Journal journal;
    private final JournalWriter writer;
    private final Tally tally = new Tally();
    private final EventAdapter adapter = new EventAdapter();
    private long sequence;

    /** The clock the journal rolls on, or null for the system clock. */
    private final SetTimeProvider time;

    /**
     * @param directory where to journal, or null to only run the engine (a reference for rebuilt books).
     * @param time      the clock the journal rolls on, set to each command's time; null for the system clock.
     */
    private JournalFixture(final Path directory, final String rollCycle, final SetTimeProvider time)
    {
        this.time = time;
        journal = directory == null ? null : time == null ?
            Journal.open(new JournalConfig(directory, rollCycle, Durability.PROCESS), INSTRUMENTS) :
            Journal.open(new JournalConfig(directory, rollCycle, Durability.PROCESS), INSTRUMENTS, time);
        writer = journal == null ? null : journal.writer(JournalPosition.EMPTY);
    }

    static JournalFixture create(final Path directory)
    {
        return new JournalFixture(directory, "FAST_DAILY", null);
    }

    /**
     * A journal of several cycles: FIVE_MINUTELY, each command in the cycle of its own time ({@link #START} + n
     * seconds), so 300 commands a cycle: commands 1 to 299 in the first, 300 to 599 in the second, and so on.
     */
    static JournalFixture createRolling(final Path directory)
    {
        return new JournalFixture(directory, "FIVE_MINUTELY", new SetTimeProvider(START.toEpochMilli()));
    }

    /** Ends the batch and writes a snapshot of the books after the last command into {@code snapshotDirectory}. */
    JournalFixture snapshot(final Path snapshotDirectory)
    {
        writer.endOfBatch();
        new SnapshotDirectory(snapshotDirectory).write(engine, writer.position());
        return this;
    }

    /**
     * Six commands, one of each kind: order 1 (owner 1, AAPL) rests, order 2 (owner 2) trades 40
     * against it, order 3 (owner 3, MSFT) rests, order 1 is cancelled, order 3 replaced, then
     * owner 3 mass-cancels (which cancels order 3). Closed.
     */
    static JournalFixture scripted(final Path directory)
    {
        return create(directory)
            .newOrder(1, AAPL, 11, Side.SELL, "190.01", 100)
            .newOrder(2, AAPL, 21, Side.BUY, "190.02", 40)
            .newOrder(3, MSFT, 31, Side.BUY, "420.00", 10)
            .cancel(1, 1, 12)
            .replace(3, 3, 32, MSFT, "419.99", 20)
            .massCancel(3, 33, 0)
            .close();
    }

    static MatchingEngine newEngine()
    {
        return new MatchingEngine(INSTRUMENTS, 4096);
    }

    static long timestampOf(final long commandSequence)
    {
        return (START.getEpochSecond() + commandSequence) * 1_000_000_000L;
    }

    /** Runs the encoded command through the engine and journals it with its events. */
    private void journal(final int length)
    {
        engine.onCommand(buffer, 0, length);
        if (writer != null)
        {
            if (time != null)
            {
                // A document is written in the cycle of the clock when it opens: one per command here.
                writer.endOfBatch();
                time.currentTimeMillis(TimeUnit.NANOSECONDS.toMillis(timestampOf(sequence)));
            }
            writer.append(buffer, 0, length, engine.events());
        }
        tally.events += adapter.read(engine.events().buffer(), 0, engine.events().length(), tally);
    }

    JournalFixture newOrder(
        final long owner, final InstrumentConfig instrument, final long clientOrderId, final Side side, final String price,
        final long quantity)
    {
        final long seq = ++sequence;
        journal(encoder.newOrder(buffer, 0, seq, timestampOf(seq), owner, instrument.id(), clientOrderId, side,
            OrderType.LIMIT, TimeInForce.GTC, false, instrument.parsePrice(price), quantity));
        return this;
    }

    JournalFixture cancel(final long owner, final long orderId, final long clientOrderId)
    {
        final long seq = ++sequence;
        journal(encoder.cancelOrder(buffer, 0, seq, timestampOf(seq), owner, orderId, 0, clientOrderId));
        return this;
    }

    JournalFixture replace(
        final long owner, final long orderId, final long clientOrderId, final InstrumentConfig instrument,
        final String price, final long quantity)
    {
        final long seq = ++sequence;
        journal(encoder.replaceOrder(buffer, 0, seq, timestampOf(seq), owner, orderId, 0, clientOrderId,
            instrument.parsePrice(price), quantity));
        return this;
    }

    /** A replace that names its order by the owner's ClOrdID, as the FIX gateway sends one, at a raw fixed-point price. */
    JournalFixture replaceByClientOrderId(
        final long owner, final long origClientOrderId, final long clientOrderId, final long price, final long quantity)
    {
        final long seq = ++sequence;
        journal(encoder.replaceOrder(buffer, 0, seq, timestampOf(seq), owner, 0, origClientOrderId, clientOrderId,
            price, quantity));
        return this;
    }

    JournalFixture massCancel(final long owner, final long clientOrderId, final int instrumentId)
    {
        final long seq = ++sequence;
        journal(encoder.massCancel(buffer, 0, seq, timestampOf(seq), owner, clientOrderId, instrumentId));
        return this;
    }

    /** An EndOfDay of every instrument, as the exchange enters one at {@code trading.dayEnd}. */
    JournalFixture endOfDay()
    {
        final long seq = ++sequence;
        journal(encoder.endOfDay(buffer, 0, seq, timestampOf(seq), 0));
        return this;
    }

    /** Numbers the next command one higher than it should be, as a producer that lost a command would. */
    JournalFixture skipACommandSequence()
    {
        sequence++;
        return this;
    }

    /** Appends a deterministic random flow ({@link RandomOrderFlow}) over the default instruments. */
    JournalFixture random(final long seed, final int commands)
    {
        final RandomOrderFlow flow = new RandomOrderFlow(seed, INSTRUMENTS);
        for (int i = 0; i < commands; i++)
        {
            final long seq = ++sequence;
            journal(flow.next(buffer, seq, timestampOf(seq), engine.lastOrderId()));
        }
        return this;
    }

    MatchingEngine engine()
    {
        return engine;
    }

    Tally tally()
    {
        return tally;
    }

    JournalPosition position()
    {
        return writer.position();
    }

    /** Ends the journal; the tools then open it read-only. */
    JournalFixture close()
    {
        writer.endOfBatch();
        writer.close();
        journal.close();
        return this;
    }

    /** An engine that ran the same random flow's first {@code commands} commands (and nothing else). */
    static MatchingEngine engineAfter(final long seed, final int commands)
    {
        return new JournalFixture(null, null, null).random(seed, commands).engine;
    }

    /** Chronicle indexes of the journal's records, in order (record n at n - 1). */
    static List<Long> indexes(final Path directory)
    {
        final List<Long> indexes = new ArrayList<>();
        try (Journal journal = Journal.openReadOnly(directory); JournalReader reader = journal.reader())
        {
            while (reader.poll(record -> indexes.add(record.index()), 1000) > 0)
            {
                // to the end
            }
        }
        return indexes;
    }

    /** Flips one byte in the events of record {@code recordSequence} ({@link #atRecord}). */
    public static void flipAByteInRecord(final Path directory, final long recordSequence) throws IOException
    {
        atRecord(directory, recordSequence, (raf, sequenceAt) ->
        {
            final long eventsByte = sequenceAt + 40;
            raf.seek(eventsByte);
            final int value = raf.read();
            raf.seek(eventsByte);
            raf.write(value ^ 0x40);
        });
    }

    /**
     * Zeroes the SBE header and the first fields of record {@code recordSequence}, as a page a full disk never backed
     * leaves them: its document no longer frames as records.
     */
    public static void zeroRecordHeader(final Path directory, final long recordSequence) throws IOException
    {
        atRecord(directory, recordSequence, (raf, sequenceAt) ->
        {
            raf.seek(sequenceAt - 20);
            raf.write(new byte[28]);
        });
    }

    /** What a test does to the queue file at a record, given the offset of its record sequence. */
    private interface RecordDamage
    {
        void apply(RandomAccessFile file, long sequenceAt) throws IOException;
    }

    /**
     * Finds record {@code recordSequence} in the queue file by its framing, the SBE header (template 1, schema 7412)
     * 20 bytes before the little-endian record sequence (as JournalTest does), and applies {@code damage} there.
     */
    private static void atRecord(final Path directory, final long recordSequence, final RecordDamage damage)
        throws IOException
    {
        final Path file;
        try (Stream<Path> files = Files.list(directory))
        {
            file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            // Records follow the queue header and its first index blocks: the first few MB hold them.
            final byte[] content = new byte[(int)Math.min(raf.length(), 8L * 1024 * 1024)];
            raf.readFully(content, 0, content.length);
            for (int p = 20; p + 48 < content.length; p++)
            {
                if (isLong(content, p, recordSequence) && isRecordHeader(content, p - 20))
                {
                    damage.apply(raf, p);
                    return;
                }
            }
        }
        throw new AssertionError("record " + recordSequence + " not found in " + file);
    }

    private static boolean isLong(final byte[] content, final int at, final long value)
    {
        for (int i = 0; i < 8; i++)
        {
            if (content[at + i] != (byte)(value >>> (8 * i)))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isRecordHeader(final byte[] content, final int at)
    {
        final IntUnaryOperator u8 = i -> content[at + i] & 0xFF;
        return u8.applyAsInt(2) == 1 && u8.applyAsInt(3) == 0 && (u8.applyAsInt(4) | u8.applyAsInt(5) << 8) == 7412;
    }

    /** What the engine produced while the fixture wrote, counted independently of the tools. */
    static final class Tally implements EventListener
    {
        long accepted;
        long rejected;
        long trades;
        long cancelled;
        long events;
        final long[] ordersByInstrument = new long[4];
        final long[] rejectedByInstrument = new long[4];
        final long[] tradesByInstrument = new long[4];
        final long[] volumeByInstrument = new long[4];

        @Override
        public void onOrderAccepted(final OrderAcceptedDecoder event)
        {
            accepted++;
            ordersByInstrument[event.instrumentId()]++;
        }

        @Override
        public void onOrderRejected(final OrderRejectedDecoder event)
        {
            rejected++;
            rejectedByInstrument[event.instrumentId()]++;
        }

        @Override
        public void onTrade(final TradeDecoder event)
        {
            trades++;
            tradesByInstrument[event.instrumentId()]++;
            volumeByInstrument[event.instrumentId()] += event.quantity();
        }

        @Override
        public void onOrderCancelled(final OrderCancelledDecoder event)
        {
            cancelled++;
        }
    }

    /** Flips a bit in the first value of the cycle file's first Chronicle index block: the records stay intact. */
    static void damageIndex(final Path file) throws IOException
    {
        final byte[] content = Files.readAllBytes(file);
        // A metadata document "index", its array's padding (0x8f) before the values.
        final byte[] block = {(byte)0xb9, 0x05, 'i', 'n', 'd', 'e', 'x', (byte)0x8f, (byte)0x8f};
        int at = -1;
        for (int p = 0; p + block.length < content.length && at < 0; p++)
        {
            if (Arrays.equals(content, p, p + block.length, block, 0, block.length))
            {
                at = p + 8;
            }
        }
        if (at < 0)
        {
            throw new AssertionError("no Chronicle index block in " + file);
        }
        content[at] ^= 0x10;
        Files.write(file, content);
    }
}

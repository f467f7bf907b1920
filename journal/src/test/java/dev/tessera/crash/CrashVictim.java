package dev.tessera.crash;

import dev.tessera.config.Durability;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.JournalConfig;
import dev.tessera.config.PipelineConfig;
import dev.tessera.config.SelfTradePrevention;
import dev.tessera.config.WaitStrategy;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalReader;
import dev.tessera.journal.JournalRecord;
import dev.tessera.journal.Recovery;
import dev.tessera.journal.SnapshotStore;
import dev.tessera.journal.codec.JournalRecordEncoder;
import dev.tessera.journal.codec.MessageHeaderEncoder;
import dev.tessera.pipeline.ExchangePipeline;
import dev.tessera.pipeline.OrderEntry;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The process {@link CrashRecoveryIT} kills with SIGKILL: a whole exchange (recovery, pipeline,
 * producers, a consumer) on a real journal directory, under sustained load until it is killed.
 *
 * <p>Arguments: {@code <journal dir> <seed> <PROCESS|SYNC> <commands/s per producer, 0 = flat out> <LOAD|TORN>}.
 *
 * <p>Protocol on stdout, one line each, flushed at once (so a line the test reads was written before
 * the kill):
 * <ul>
 *   <li>{@code READY <recordSequence> <lastEventSequence> <stateHash> <commandSequence> <chainHash>}
 *       (hashes in hex) after recovery, before any load;</li>
 *   <li>{@code PUBLISHED <lastEventSequence> <recordSequence> <chainHash>}: the consumer, a client
 *       reading the journal only up to the published position, has seen everything up to that record;</li>
 *   <li>{@code TORN <recordSequence>} (TORN mode): a record with that sequence is half written and the
 *       process now waits, holding Chronicle's write lock, to be killed mid-append.</li>
 * </ul>
 * It never exits by itself before its hard timeout, and it halts when its stdin closes, so a child
 * the test lost (test JVM killed) cannot outlive it for long.
 */
public final class CrashVictim
{
    static final List<InstrumentConfig> INSTRUMENTS = List.of(
        new InstrumentConfig("CRASH", 1, 2, 1, 1, 1, 1_000_000, 10_000, 0, SelfTradePrevention.CANCEL_RESTING));
    static final int EXPECTED_ORDERS = 16_384;
    static final String ROLL_CYCLE = "FAST_DAILY";

    static final int EXIT_HARD_TIMEOUT = 3;
    static final int EXIT_PARENT_GONE = 4;
    static final int EXIT_FAILED = 5;

    private static final long HARD_TIMEOUT_MS = Long.getLong("tessera.crash.victimTimeoutMs", 60_000);
    private static final int RING_SIZE = 4096;
    private static final int PRODUCERS = 2;
    private static final int REPORT_EVERY_RECORDS = 256;
    private static final int TORN_MODE_COMMANDS = 5_000;

    private static final PrintStream OUT = System.out;

    private CrashVictim()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Path directory = Path.of(args[0]);
        final long seed = Long.parseLong(args[1]);
        final Durability durability = Durability.valueOf(args[2]);
        final int ratePerProducer = Integer.parseInt(args[3]);
        final boolean torn = "TORN".equals(args[4]);
        startWatchdogs();

        try (Journal journal = Journal.open(new JournalConfig(directory, ROLL_CYCLE, durability)))
        {
            final Recovery.Result recovered = Recovery.recover(
                journal, INSTRUMENTS, EXPECTED_ORDERS, SnapshotStore.NONE, System.err::println);
            final long hash = recovered.engine().stateHash();
            line("READY " + recovered.position().recordSequence() + " " +
                recovered.position().lastEventSequence() + " " + Long.toHexString(hash) + " " +
                recovered.position().commandSequence() + " " + Long.toHexString(recovered.position().chainHash()));

            final Consumer consumer = new Consumer(journal.reader().startAfter(recovered.position()));
            final ExchangePipeline pipeline = ExchangePipeline.start(
                new PipelineConfig(RING_SIZE, WaitStrategy.BLOCKING), journal, recovered.engine(),
                recovered.position(), new ExchangePipeline.Options());

            if (torn)
            {
                // Known load, drained and closed, then one append that never completes.
                new Producer(pipeline.orderEntry(), seed, 0, 0, TORN_MODE_COMMANDS).run();
                pipeline.close();
                failIfStopped(pipeline);
                consumer.drain(pipeline.published().journalIndex());
                tearAnAppend(directory, consumer.recordSequence + 1);
                while (true)
                {
                    LockSupport.park();
                }
            }
            else
            {
                for (int p = 0; p < PRODUCERS; p++)
                {
                    final Thread thread = new Thread(
                        new Producer(pipeline.orderEntry(), seed, p, ratePerProducer, Long.MAX_VALUE), "producer-" + p);
                    thread.setDaemon(true);
                    thread.start();
                }
                consumer.run(pipeline);
            }
        }
        catch (final Throwable ex)
        {
            ex.printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_FAILED);
        }
    }

    private static void line(final String text)
    {
        OUT.println(text);
        OUT.flush();
    }

    private static void failIfStopped(final ExchangePipeline pipeline)
    {
        if (pipeline.failure() != null)
        {
            throw new IllegalStateException("engine thread stopped", pipeline.failure());
        }
    }

    /**
     * A killed test JVM must not leave children running: halt when stdin closes (the parent's end of
     * the pipe dies with it) and, whatever happens, after the hard timeout.
     */
    private static void startWatchdogs()
    {
        final Thread parent = new Thread(() ->
        {
            try
            {
                while (System.in.read() >= 0)
                {
                    // the test never writes; only the end of the stream matters
                }
            }
            catch (final IOException ignore)
            {
                // treated as the end of the stream
            }
            Runtime.getRuntime().halt(EXIT_PARENT_GONE);
        }, "parent-watchdog");
        parent.setDaemon(true);
        parent.start();

        final Thread timeout = new Thread(() ->
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(HARD_TIMEOUT_MS));
            System.err.println("crash victim: hard timeout of " + HARD_TIMEOUT_MS + " ms, halting");
            Runtime.getRuntime().halt(EXIT_HARD_TIMEOUT);
        }, "hard-timeout");
        timeout.setDaemon(true);
        timeout.start();
    }

    /**
     * Starts one more journal record and stops half-way: Chronicle's header says "not complete" and
     * this process holds the queue's write lock, exactly as when a kill lands inside an append.
     * The bytes are the genuine start of record {@code recordSequence} (its SBE header and first
     * framing fields); the rest of it is never written.
     */
    private static void tearAnAppend(final Path directory, final long recordSequence)
    {
        final UnsafeBuffer prefix = new UnsafeBuffer(new byte[MessageHeaderEncoder.ENCODED_LENGTH + 28]);
        new JournalRecordEncoder().wrapAndApplyHeader(prefix, 0, new MessageHeaderEncoder())
            .checksum(0x7042_7042)
            .chainHash(0x7042_7042_7042_7042L)
            .recordSequence(recordSequence)
            .lastEventSequence(Long.MAX_VALUE);
        final SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(RollCycles.valueOf(ROLL_CYCLE)).build();
        final ExcerptAppender appender = queue.createAppender();
        final DocumentContext document = appender.writingDocument();
        final Bytes<?> bytes = document.wire().bytes();
        bytes.write(prefix.byteArray(), 0, prefix.capacity());
        line("TORN " + recordSequence);
        // Never closed: killed while "inside" the append.
    }

    /**
     * A client that saw the events: reads the journal strictly up to the published position and
     * reports how far it got.
     */
    private static final class Consumer
    {
        private final JournalReader reader;
        private long eventSequence;
        private long recordSequence;
        private long chainHash;
        private long reported;

        Consumer(final JournalReader reader)
        {
            this.reader = reader;
            this.recordSequence = reader.position().recordSequence();
            this.eventSequence = reader.position().lastEventSequence();
            this.chainHash = reader.position().chainHash();
            // Only what this process published counts: the recovered tail was published by an earlier one.
            this.reported = recordSequence;
        }

        private void onRecord(final JournalRecord record)
        {
            eventSequence = record.lastEventSequence();
            recordSequence = record.recordSequence();
            chainHash = record.chainHash();
        }

        void run(final ExchangePipeline pipeline)
        {
            int sinceReport = 0;
            while (true)
            {
                failIfStopped(pipeline);
                final int read = reader.poll(this::onRecord, REPORT_EVERY_RECORDS, pipeline.published().journalIndex());
                sinceReport += read;
                if (sinceReport >= REPORT_EVERY_RECORDS || (read == 0 && recordSequence != reported))
                {
                    report();
                    sinceReport = 0;
                }
                if (read == 0)
                {
                    LockSupport.parkNanos(50_000);
                }
            }
        }

        void drain(final long publishedIndex)
        {
            while (reader.poll(this::onRecord, REPORT_EVERY_RECORDS, publishedIndex) > 0)
            {
                report();
            }
            report();
        }

        private void report()
        {
            if (recordSequence != reported)
            {
                line("PUBLISHED " + eventSequence + " " + recordSequence + " " + Long.toHexString(chainHash));
                reported = recordSequence;
            }
        }
    }

    /**
     * A deterministic (per seed and producer) stream of realistic orders: limit orders around a
     * drifting mid that cross often, cancels and replaces of its own earlier orders by client order
     * id, the odd market order and mass cancel. Retries a full ring after a tiny pause.
     */
    private static final class Producer implements Runnable
    {
        private static final int RECENT = 512;

        private final OrderEntry entry;
        private final SplittableRandom random;
        private final long ratePerSecond;
        private final long commands;
        private final long[] owners;
        private final long[][] recent = new long[2][RECENT];
        private final long clientOrderIdBase;
        private long nextClientOrderId;
        private long mid = 10_000;
        private int which;
        private int kind;
        private long price;
        private long quantity;
        private Side side;
        private boolean keepPrice;
        private int massCancelInstrument;
        private long target;
        private long clientOrderId;
        private int newClientOrderIdSlot;

        Producer(
            final OrderEntry entry, final long seed, final int index, final long ratePerSecond, final long commands)
        {
            this.entry = entry;
            this.random = new SplittableRandom(seed * 31 + index);
            this.ratePerSecond = ratePerSecond;
            this.commands = commands;
            this.owners = new long[] {2L * index + 1, 2L * index + 2};
            // Distinct per run (seed) so a restart does not trip over ids still live from the last one.
            this.clientOrderIdBase = (seed & 0xFF_FFFFL) << 32;
        }

        @Override
        public void run()
        {
            final long start = System.nanoTime();
            for (long i = 0; i < commands; i++)
            {
                if (ratePerSecond > 0)
                {
                    while ((System.nanoTime() - start) * ratePerSecond < i * 1_000_000_000L)
                    {
                        LockSupport.parkNanos(20_000);
                    }
                }
                next();
                long result;
                while ((result = enter()) == OrderEntry.BUSY)
                {
                    LockSupport.parkNanos(1_000);
                }
                if (result == OrderEntry.CLOSED)
                {
                    return;
                }
                if (newClientOrderIdSlot >= 0)
                {
                    recent[which][newClientOrderIdSlot] = clientOrderId;
                }
            }
        }

        /** Draws the next command; all randomness is drawn here, so retries do not change the stream. */
        private void next()
        {
            which = random.nextInt(2);
            kind = random.nextInt(100);
            if (random.nextInt(8) == 0)
            {
                mid = Math.max(9_900, Math.min(10_100, mid + random.nextInt(3) - 1));
            }
            price = mid + random.nextInt(11) - 5;
            quantity = 1 + random.nextInt(100);
            side = random.nextBoolean() ? Side.BUY : Side.SELL;
            keepPrice = random.nextInt(4) == 0;
            massCancelInstrument = random.nextInt(2);
            final int slot = random.nextInt(RECENT);
            target = recent[which][slot];
            clientOrderId = clientOrderIdBase + ++nextClientOrderId;
            // New limit orders and replaces leave a live client order id for later cancels/replaces.
            newClientOrderIdSlot = kind < 52 || (kind >= 76 && kind < 98) ? slot : -1;
        }

        private long enter()
        {
            final long owner = owners[which];
            if (kind < 52)
            {
                final TimeInForce tif = kind < 46 ? TimeInForce.GTC : kind < 50 ? TimeInForce.IOC : TimeInForce.FOK;
                return entry.newOrder(owner, 1, clientOrderId, side, OrderType.LIMIT, tif, false, price, quantity);
            }
            if (kind < 55)
            {
                return entry.newOrder(
                    owner, 1, clientOrderId, side, OrderType.MARKET, TimeInForce.IOC, false, 0, quantity);
            }
            if (kind < 76)
            {
                return entry.cancelOrder(owner, 0, target, clientOrderId);
            }
            if (kind < 98)
            {
                return entry.replaceOrder(owner, 0, target, clientOrderId,
                    keepPrice ? CommandEncoder.UNCHANGED : price, quantity);
            }
            return entry.massCancel(owner, clientOrderId, massCancelInstrument);
        }
    }
}

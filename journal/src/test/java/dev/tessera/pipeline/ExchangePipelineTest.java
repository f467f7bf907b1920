package dev.tessera.pipeline;

import dev.tessera.config.Durability;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.JournalConfig;
import dev.tessera.config.PipelineConfig;
import dev.tessera.config.SelfTradePrevention;
import dev.tessera.config.WaitStrategy;
import dev.tessera.engine.EventAdapter;
import dev.tessera.engine.EventListener;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.MassCancelCompletedDecoder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalReader;
import dev.tessera.journal.Recovery;
import dev.tessera.journal.SnapshotStore;
import org.agrona.concurrent.EpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExchangePipelineTest
{
    private static final List<InstrumentConfig> INSTRUMENTS = List.of(
        new InstrumentConfig("TEST", 1, 2, 1, 1, 1, 1_000_000, 10_000, 0, SelfTradePrevention.CANCEL_RESTING));

    @TempDir
    Path directory;

    private JournalConfig journalConfig(final Durability durability)
    {
        return new JournalConfig(directory, "FAST_DAILY", durability);
    }

    private static PipelineConfig pipelineConfig(final int ringSize)
    {
        return new PipelineConfig(ringSize, WaitStrategy.BLOCKING);
    }

    private static Recovery.Result recover(final Journal journal)
    {
        return Recovery.recover(journal, INSTRUMENTS, 1024, SnapshotStore.NONE, line -> { });
    }

    /** Several producer threads, each entering a deterministic mix; returns after all are entered. */
    private static void produce(final ExchangePipeline pipeline, final int producers, final int commandsEach)
        throws InterruptedException
    {
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++)
        {
            final int owner = p + 1;
            final Thread thread = new Thread(() ->
            {
                final OrderEntry entry = pipeline.orderEntry();
                for (int i = 0; i < commandsEach; i++)
                {
                    final Side side = (i + owner) % 2 == 0 ? Side.BUY : Side.SELL;
                    long result;
                    do
                    {
                        result = i % 5 == 4 ?
                            entry.cancelOrder(owner, 0, owner * 1_000_000L + i - 2, owner * 1_000_000L + i) :
                            entry.newOrder(owner, 1, owner * 1_000_000L + i, side, OrderType.LIMIT, TimeInForce.GTC,
                                false, 9_995 + (i * 7 + owner) % 11, 1 + i % 13);
                    }
                    while (result == OrderEntry.BUSY);
                    assertThat(result).isPositive();
                }
            }, "producer-" + owner);
            threads.add(thread);
            thread.start();
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
    }

    @Test
    void shouldJournalEveryCommandFromSeveralProducersAndRecoverTheSameState() throws Exception
    {
        final long liveHash;
        final long liveEvents;
        try (Journal journal = Journal.open(journalConfig(Durability.PROCESS)))
        {
            final Recovery.Result start = recover(journal);
            final MatchingEngine engine = start.engine();
            try (ExchangePipeline pipeline = ExchangePipeline.start(pipelineConfig(1024), journal, engine,
                start.position(), new ExchangePipeline.Options()))
            {
                produce(pipeline, 3, 2_000);
            }
            liveHash = engine.stateHash();
            liveEvents = engine.lastEventSequence();
        }

        try (Journal journal = Journal.open(journalConfig(Durability.PROCESS)))
        {
            final Recovery.Result recovered = recover(journal);

            assertThat(recovered.position().recordSequence()).isEqualTo(6_000);
            assertThat(recovered.position().commandSequence()).as("gap-free command sequences").isEqualTo(6_000);
            assertThat(recovered.engine().lastEventSequence()).isEqualTo(liveEvents);
            assertThat(recovered.engine().stateHash()).isEqualTo(liveHash);
        }
    }

    @Test
    void shouldContinueSequencesWithoutGapOrDuplicateAfterARestart() throws Exception
    {
        for (int run = 0; run < 3; run++)
        {
            try (Journal journal = Journal.open(journalConfig(Durability.SYNC)))
            {
                final Recovery.Result start = recover(journal);
                try (ExchangePipeline pipeline = ExchangePipeline.start(pipelineConfig(256), journal, start.engine(),
                    start.position(), new ExchangePipeline.Options()))
                {
                    final OrderEntry entry = pipeline.orderEntry();
                    final long first = entry.newOrder(1, 1, 10_000 + run, Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
                        false, 9_000 + run, 10);
                    assertThat(first).isEqualTo(run * 100L + 1);
                    for (int i = 1; i < 100; i++)
                    {
                        entry.massCancel(2, 20_000 + i, 0);
                    }
                }
            }
        }

        try (Journal journal = Journal.open(journalConfig(Durability.PROCESS)); JournalReader reader = journal.reader())
        {
            final List<Long> commandSequences = new ArrayList<>();
            while (reader.poll(record -> commandSequences.add(record.commandSequence()), 1000) > 0)
            {
                // every record verifies, across three restarts
            }
            assertThat(commandSequences).hasSize(300);
            for (int i = 0; i < 300; i++)
            {
                assertThat(commandSequences.get(i)).isEqualTo(i + 1);
            }
        }
    }

    /**
     * A clock that steps back (two producers stamping out of sequence order, a wall clock set back across a
     * restart): a command stamped before the last journaled one takes that one's time, in the journal and in its
     * events, so the journal's time never goes back; one stamped later keeps its own.
     */
    @Test
    void shouldNeverLetTheJournalsTimeGoBack() throws Exception
    {
        final long[][] stampsOfRuns = {{5_000, 4_000, 6_000}, {5_500, 7_000}};
        for (final long[] stamps : stampsOfRuns)
        {
            final int[] next = {0};
            final EpochNanoClock clock = () -> stamps[Math.min(next[0]++, stamps.length - 1)];
            try (Journal journal = Journal.open(journalConfig(Durability.PROCESS)))
            {
                final Recovery.Result start = recover(journal);
                try (ExchangePipeline pipeline = ExchangePipeline.start(pipelineConfig(256), journal, start.engine(),
                    start.position(), new ExchangePipeline.Options().clock(clock)))
                {
                    final OrderEntry entry = pipeline.orderEntry();
                    for (int i = 0; i < stamps.length; i++)
                    {
                        assertThat(entry.massCancel(2, 30_000 + i, 0)).isPositive();
                    }
                }
            }
        }

        try (Journal journal = Journal.open(journalConfig(Durability.PROCESS)); JournalReader reader = journal.reader())
        {
            final List<Long> timestamps = new ArrayList<>();
            final List<Long> eventTimestamps = new ArrayList<>();
            final EventAdapter events = new EventAdapter();
            while (reader.poll(record ->
            {
                timestamps.add(record.timestamp());
                events.read(record.buffer(), record.eventsOffset(), record.eventsLength(), new EventListener()
                {
                    @Override
                    public void onMassCancelCompleted(final MassCancelCompletedDecoder event)
                    {
                        eventTimestamps.add(event.timestamp());
                    }
                });
            }, 1000) > 0)
            {
                // every record
            }
            assertThat(timestamps).containsExactly(5_000L, 5_000L, 6_000L, 6_000L, 7_000L);
            assertThat(eventTimestamps).as("the engine saw the raised time").isEqualTo(timestamps);
        }
    }

    @Test
    void shouldTellEachCommandsSequenceBeforeItIsPublished() throws Exception
    {
        try (Journal journal = Journal.open(journalConfig(Durability.PROCESS)))
        {
            final Recovery.Result start = recover(journal);
            try (ExchangePipeline pipeline = ExchangePipeline.start(pipelineConfig(8), journal, start.engine(),
                start.position(), new ExchangePipeline.Options()))
            {
                final OrderEntry entry = pipeline.orderEntry();
                entry.massCancel(1, 1, 0);
                // The first command may take a busy box longer than any fixed wait (the journal's first cycle file
                // is made then); waiting for it keeps the check below about command 2 alone.
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (pipeline.commandsProcessed() < 1 && System.nanoTime() < deadline)
                {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
                assertThat(pipeline.commandsProcessed()).isEqualTo(1);
                final long[] told = new long[1];
                final long[] processedWhenTold = new long[1];
                entry.onClaimed(commandSequence ->
                {
                    told[0] = commandSequence;
                    // Long enough for the engine to have taken command 2 had it been published already.
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                    processedWhenTold[0] = pipeline.commandsProcessed();
                });
                assertThat(entry.massCancel(1, 2, 0)).isEqualTo(2);
                assertThat(told[0]).isEqualTo(2);
                assertThat(processedWhenTold[0]).as("not yet published: only command 1 processed").isEqualTo(1);
                assertThat(entry.lastJournaledAtStart()).isZero();
                assertThat(entry.capacity()).isEqualTo(8);
            }
            assertThat(pipelineStartingAfter(journal)).isEqualTo(2);
        }
    }

    private static long pipelineStartingAfter(final Journal journal)
    {
        final Recovery.Result start = recover(journal);
        try (ExchangePipeline pipeline = ExchangePipeline.start(pipelineConfig(8), journal, start.engine(),
            start.position(), new ExchangePipeline.Options()))
        {
            return pipeline.orderEntry().lastJournaledAtStart();
        }
    }

    @Test
    void shouldAnswerBusyAtOnceWhenTheRingIsFull() throws Exception
    {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch stalled = new CountDownLatch(1);
        final Runnable stallOnFirstPublish = () ->
        {
            stalled.countDown();
            try
            {
                release.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        };
        try (Journal journal = Journal.open(journalConfig(Durability.PROCESS)))
        {
            final Recovery.Result start = recover(journal);
            try (ExchangePipeline pipeline = ExchangePipeline.start(pipelineConfig(4), journal, start.engine(),
                start.position(), new ExchangePipeline.Options().onPublish(stallOnFirstPublish)))
            {
                try
                {
                    final OrderEntry entry = pipeline.orderEntry();
                    assertThat(entry.massCancel(1, 1, 0)).isEqualTo(1);
                    assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();

                    // Command 1's slot stays claimed until its batch completes: three of four remain.
                    for (int i = 2; i <= 4; i++)
                    {
                        assertThat(entry.massCancel(1, i, 0)).isEqualTo(i);
                    }
                    final long started = System.nanoTime();
                    assertThat(entry.massCancel(1, 5, 0)).isEqualTo(OrderEntry.BUSY);
                    assertThat(System.nanoTime() - started).as("no blocking")
                        .isLessThan(TimeUnit.MILLISECONDS.toNanos(100));
                }
                finally
                {
                    release.countDown();
                }
            }
            assertThat(recover(journal).position().recordSequence()).as("the busy one was not entered").isEqualTo(4);
        }
    }

    @Test
    void shouldNeverLetAConsumerReadPastThePublishedPosition() throws Exception
    {
        try (Journal journal = Journal.open(journalConfig(Durability.PROCESS)))
        {
            final Recovery.Result start = recover(journal);
            final List<String> violations = new ArrayList<>();
            final long[] seenEvents = {0};
            try (JournalReader consumer = journal.reader())
            {
                final ExchangePipeline[] holder = new ExchangePipeline[1];
                try (ExchangePipeline pipeline = ExchangePipeline.start(pipelineConfig(1024), journal, start.engine(),
                    start.position(), new ExchangePipeline.Options()))
                {
                    holder[0] = pipeline;
                    final Thread producer = new Thread(() ->
                    {
                        try
                        {
                            produce(pipeline, 2, 3_000);
                        }
                        catch (final InterruptedException ex)
                        {
                            Thread.currentThread().interrupt();
                        }
                    });
                    producer.start();
                    while (producer.isAlive() || seenEvents[0] < pipeline.published().eventSequence())
                    {
                        final long limit = pipeline.published().journalIndex();
                        consumer.poll(record ->
                        {
                            if (record.index() > holder[0].published().journalIndex())
                            {
                                violations.add("read " + record.index() + " beyond published");
                            }
                            seenEvents[0] = record.lastEventSequence();
                        }, 256, limit);
                    }
                    producer.join();
                }
                // Closed: everything entered is journaled and published; read the rest.
                while (consumer.poll(record -> seenEvents[0] = record.lastEventSequence(), 256,
                    holder[0].published().journalIndex()) > 0)
                {
                    // drain
                }
                assertThat(violations).isEmpty();
                assertThat(seenEvents[0]).isEqualTo(start.engine().lastEventSequence());
            }
        }
    }

    @Test
    void shouldRefuseCommandsAfterClose() throws Exception
    {
        try (Journal journal = Journal.open(journalConfig(Durability.PROCESS)))
        {
            final Recovery.Result start = recover(journal);
            final ExchangePipeline pipeline = ExchangePipeline.start(pipelineConfig(16), journal, start.engine(),
                start.position(), new ExchangePipeline.Options());
            final OrderEntry entry = pipeline.orderEntry();
            pipeline.close();

            assertThat(entry.massCancel(1, 1, 0)).isEqualTo(OrderEntry.CLOSED);
        }
    }

    @Test
    void shouldRefuseNewOrdersAndReplacesWhileTheJournalsFileSystemIsNearlyFullAndTakeThemAgainOnceThereIsRoom()
        throws Exception
    {
        final AtomicLong usable = new AtomicLong(10L << 30);
        final List<String> lines = new CopyOnWriteArrayList<>();
        try (Journal journal = Journal.open(journalConfig(Durability.PROCESS)))
        {
            final Recovery.Result start = recover(journal);
            // A long interval: the test looks itself (check), so nothing races it.
            final JournalSpace space = new JournalSpace(directory, usable::get, 100L << 20, 60_000, lines::add);
            try (ExchangePipeline pipeline = ExchangePipeline.start(pipelineConfig(16), journal, start.engine(),
                start.position(), new ExchangePipeline.Options().fatal(new FatalStop(lines::add, List.of(directory)))
                    .space(space)))
            {
                final OrderEntry entry = pipeline.orderEntry();
                assertThat(entry.newOrder(1, 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 9_990, 5))
                    .isPositive();

                usable.set(99L << 20);
                space.check();
                space.check();

                assertThat(entry.newOrder(1, 1, 2, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 9_990, 5))
                    .isEqualTo(OrderEntry.JOURNAL_FULL);
                assertThat(entry.replaceOrder(1, 0, 1, 3, 9_991, 5)).isEqualTo(OrderEntry.JOURNAL_FULL);
                assertThat(entry.cancelOrder(1, 0, 1, 4)).as("a cancel lowers what is at stake").isPositive();
                assertThat(lines).singleElement().asString()
                    .contains("journal's file system is nearly full", "99 MiB left", "new orders and replaces are refused");

                // QA 125 F1: a flood of cancels (of orders that do not exist, say) filled the rest until the mapped
                // journal faulted. Below the floor, 68 MiB for this margin, nothing goes in.
                assertThat(JournalSpace.floorBytes(100L << 20)).isEqualTo(68L << 20);
                usable.set(60L << 20);
                space.check();
                assertThat(entry.cancelOrder(1, 0, 1, 7)).isEqualTo(OrderEntry.JOURNAL_FULL);
                assertThat(entry.massCancel(1, 8, 0)).isEqualTo(OrderEntry.JOURNAL_FULL);
                assertThat(entry.endOfDay(0)).as("retried by the day end until there is room")
                    .isEqualTo(OrderEntry.JOURNAL_FULL);
                assertThat(lines).hasSize(2);
                assertThat(lines.get(1)).contains("full to its floor", "60 MiB left, below 68 MiB",
                    "every command is refused, cancels too");
                usable.set(80L << 20);
                space.check();
                assertThat(entry.cancelOrder(1, 0, 1, 9)).as("not yet a quarter above the floor")
                    .isEqualTo(OrderEntry.JOURNAL_FULL);
                usable.set(99L << 20);
                space.check();
                assertThat(entry.cancelOrder(1, 0, 1, 10)).isPositive();
                assertThat(lines).hasSize(3);
                assertThat(lines.get(2)).contains("above its floor again", "cancels are taken again");

                usable.set(110L << 20);
                space.check();
                assertThat(entry.newOrder(1, 1, 5, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 9_990, 5))
                    .as("not yet clear of the margin by a quarter: no flapping at the line")
                    .isEqualTo(OrderEntry.JOURNAL_FULL);

                usable.set(200L << 20);
                space.check();
                space.check();
                assertThat(entry.newOrder(1, 1, 6, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 9_990, 5))
                    .isPositive();
                assertThat(lines).hasSize(4);
                assertThat(lines.get(3)).contains("has room again", "orders are taken again");
            }
        }
    }

    @Test
    void shouldTakeNoOrderWhenStartedOnANearlyFullFileSystem() throws Exception
    {
        try (Journal journal = Journal.open(journalConfig(Durability.PROCESS)))
        {
            final Recovery.Result start = recover(journal);
            final JournalSpace space = new JournalSpace(directory, () -> 1L << 20, 100L << 20, 60_000, line -> { });
            try (ExchangePipeline pipeline = ExchangePipeline.start(pipelineConfig(16), journal, start.engine(),
                start.position(), new ExchangePipeline.Options().fatal(new FatalStop(line -> { }, List.of(directory)))
                    .space(space)))
            {
                assertThat(pipeline.orderEntry().newOrder(1, 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                    9_990, 5)).isEqualTo(OrderEntry.JOURNAL_FULL);
            }
        }
    }

    @Test
    void shouldSayTheEngineThreadsFailureOnceThroughTheFatalStop() throws Exception
    {
        final List<String> lines = new CopyOnWriteArrayList<>();
        try (Journal journal = Journal.open(journalConfig(Durability.PROCESS)))
        {
            final Recovery.Result start = recover(journal);
            final FatalStop fatal = new FatalStop(lines::add, List.of(directory));
            final ExchangePipeline pipeline = ExchangePipeline.start(pipelineConfig(16), journal, start.engine(),
                start.position(), new ExchangePipeline.Options().onPublish(() ->
                {
                    throw new InternalError("a fault occurred in a recent unsafe memory access operation");
                }).fatal(fatal));
            try
            {
                final OrderEntry entry = pipeline.orderEntry();
                assertThat(entry.newOrder(1, 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 9_990, 5))
                    .isPositive();
                // the line, not the reason: the stop records its reason before it says the line (a clean clone's
                // run caught the test between the two)
                while (lines.isEmpty())
                {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
                assertThat(fatal.reason()).isEqualTo(lines.get(0));

                assertThat(lines).singleElement().asString()
                    .startsWith("tessera: the engine thread stopped: java.lang.InternalError: a fault occurred")
                    .endsWith("the exchange stops (it cannot run without it)");
                assertThat(pipeline.failure()).isInstanceOf(InternalError.class);
                assertThat(entry.massCancel(1, 2, 0)).isEqualTo(OrderEntry.CLOSED);
            }
            finally
            {
                pipeline.close();
            }
        }
    }
}

package dev.tessera.pipeline;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import dev.tessera.config.PipelineConfig;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalPosition;
import org.agrona.BitUtil;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The spine: producers -> Disruptor ring (multi-producer, pre-allocated slots) -> one engine
 * thread that matches and journals -> {@link PublishedPosition} for consumers, who read the events
 * from the journal itself. Nothing is visible before it is journaled.
 *
 * <pre>
 *   OrderEntry (any thread) --claim/stamp/publish--> [ ring ] --> engine thread
 *                                                                 | MatchingEngine.onCommand
 *                                                                 | JournalWriter.append
 *                                                                 | end of batch: sync (SYNC), publish
 *   consumers <-- journal records up to PublishedPosition <------+
 * </pre>
 */
public final class ExchangePipeline implements AutoCloseable
{
    private static final int SLOT_BYTES = BitUtil.findNextPositivePowerOfTwo(CommandEncoder.MAX_COMMAND_LENGTH);
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private final RingBuffer<CommandSlot> ring;
    private final BatchEventProcessor<CommandSlot> processor;
    private final MatchingHandler handler;
    private final PublishedPosition published = new PublishedPosition();
    private final Thread engineThread;
    private final long sequenceBase;
    private final EpochNanoClock clock;
    private final FatalStop fatal;
    private final JournalSpace space;
    private volatile boolean accepting = true;
    private volatile Throwable failure;

    private ExchangePipeline(
        final PipelineConfig config,
        final Journal journal,
        final MatchingEngine engine,
        final JournalPosition tail,
        final EpochNanoClock clock,
        final Runnable onPublish,
        final FatalStop fatal,
        final JournalSpace space)
    {
        this.clock = clock;
        this.fatal = fatal;
        this.space = space;
        this.sequenceBase = tail.commandSequence();
        final ByteBuffer slots = ByteBuffer.allocateDirect(config.ringSize() * SLOT_BYTES);
        final int[] next = {0};
        this.ring = RingBuffer.createMultiProducer(
            () -> new CommandSlot(new UnsafeBuffer(slots, SLOT_BYTES * next[0]++, SLOT_BYTES)),
            config.ringSize(),
            WaitStrategies.of(config.waitStrategy()));
        this.published.publish(tail.index(), tail.lastEventSequence());
        journal.recordInstruments(); // here, not on the engine thread, which makes the writer
        this.handler = new MatchingHandler(engine, journal, tail, published, onPublish);
        this.processor = new BatchEventProcessorBuilder().build(ring, ring.newBarrier(), handler);
        this.processor.setExceptionHandler(new FailStop());
        ring.addGatingSequences(processor.getSequence());
        this.engineThread = new Thread(processor, "tessera-engine");
    }

    /**
     * Starts the engine thread over a recovered engine.
     *
     * @param tail    the last journal record the engine's state includes (from recovery).
     * @param options what differs from the production defaults ({@code new Options()}: none); read once, here.
     */
    public static ExchangePipeline start(
        final PipelineConfig config,
        final Journal journal,
        final MatchingEngine engine,
        final JournalPosition tail,
        final Options options)
    {
        final FatalStop fatal = options.fatal != null ? options.fatal :
            new FatalStop(System.err::println, List.of(journal.directory()));
        final JournalSpace space = options.space != null ? options.space :
            JournalSpace.watch(journal.directory(), (long)config.ringSize() * SLOT_BYTES);
        final ExchangePipeline pipeline = new ExchangePipeline(config, journal, engine, tail, options.clock,
            options.onPublish, fatal, space);
        space.start();
        pipeline.engineThread.start();
        return pipeline;
    }

    /** A new entry point for one producing thread. */
    public OrderEntry orderEntry()
    {
        return new OrderEntry(ring, sequenceBase, clock, this);
    }

    public PublishedPosition published()
    {
        return published;
    }

    boolean isAccepting()
    {
        return accepting && failure == null;
    }

    /** Whether new orders are refused because the journal's file system is nearly full ({@link JournalSpace}). */
    boolean journalNearlyFull()
    {
        return space.nearlyFull();
    }

    /** Whether every command is refused because the journal's file system is full to its floor ({@link JournalSpace}). */
    boolean journalFull()
    {
        return space.full();
    }

    /** Why the engine thread stopped, or null while it runs. */
    public Throwable failure()
    {
        return failure;
    }

    /** Commands processed since start. */
    public long commandsProcessed()
    {
        return handler.commandsProcessed();
    }

    /**
     * Stops intake, lets the engine thread finish every command already in the ring (journaled and
     * published), then stops it; the engine thread flushes and closes the journal writer.
     */
    @Override
    public void close()
    {
        accepting = false;
        final long deadline = System.nanoTime() + DRAIN_TIMEOUT_NS;
        while (failure == null && processor.getSequence().get() < ring.getCursor() && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        processor.halt();
        try
        {
            engineThread.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        space.close();
    }

    /**
     * How a pipeline starts where it differs from production: each setter returns this, and what is not set keeps
     * its default ({@link #start(PipelineConfig, Journal, MatchingEngine, JournalPosition, Options)} fills them).
     */
    public static final class Options
    {
        private EpochNanoClock clock = new SystemEpochNanoClock();
        private Runnable onPublish = () -> { };
        private FatalStop fatal;
        private JournalSpace space;

        /** Stamps each command's entry time (default: the system clock). */
        public Options clock(final EpochNanoClock clock)
        {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Runs on the engine thread after each published batch (e.g. to wake consumers); must be quick and must not
         * block (default: nothing).
         */
        public Options onPublish(final Runnable onPublish)
        {
            this.onPublish = Objects.requireNonNull(onPublish, "onPublish");
            return this;
        }

        /**
         * Where the engine thread's failure goes: the whole exchange's, which stops the process for it (default: one
         * of its own, saying so on stderr and naming the journal directory).
         */
        public Options fatal(final FatalStop fatal)
        {
            this.fatal = Objects.requireNonNull(fatal, "fatal");
            return this;
        }

        /** The watch of the journal's free space (tests: a probe of their own; default: the journal's file system). */
        Options space(final JournalSpace space)
        {
            this.space = Objects.requireNonNull(space, "space");
            return this;
        }
    }

    /**
     * A command that fails to journal leaves the engine ahead of its journal: continuing would
     * publish events that recovery cannot rebuild. So the pipeline stops (fail-stop) and refuses
     * new commands; a restart recovers from the journal.
     */
    private final class FailStop implements ExceptionHandler<CommandSlot>
    {
        @Override
        public void handleEventException(final Throwable ex, final long sequence, final CommandSlot event)
        {
            failure = ex;
            accepting = false;
            // Says it once, naming a full journal file system if that is why (a fault on a mapped page cannot).
            fatal.stop("engine", ex);
            processor.halt();
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            failure = ex;
            fatal.stop("engine", ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            if (failure == null)
            {
                failure = ex;
            }
        }
    }
}

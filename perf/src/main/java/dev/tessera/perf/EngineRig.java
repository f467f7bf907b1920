package dev.tessera.perf;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.tessera.config.WaitStrategy;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.perf.workload.LatencyTracker;
import dev.tessera.perf.workload.RateLadder;
import dev.tessera.pipeline.WaitStrategies;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine without the journal, laid out as exchange-core's pipeline is: a multi-producer Disruptor
 * ring of pre-allocated slots (the same wait strategy as the journaled pipeline), the matching thread
 * ("tessera-engine": {@code MatchingEngine.onCommand}), then a results thread ("results") that sees
 * each command after the engine, as exchange-core's results consumer does. What this leaves out of
 * the journaled pipeline is exactly the journal: the append, the publication and the consumer reading
 * the file. The producer encodes the workload's commands into the slots ({@link MixFeed#encode}).
 *
 * <pre>
 *   producer --(tryNext, encode, publish)--> [ ring ] --> tessera-engine: onCommand --> results: tracker
 * </pre>
 */
final class EngineRig implements RateLadder.Target, AutoCloseable
{
    private static final long SHUTDOWN_TIMEOUT_S = 10;

    /** One pre-allocated ring entry: room for one encoded command. */
    private static final class Slot
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
        int length;
    }

    final MatchingEngine engine;
    private final MixFeed feed;
    private final Disruptor<Slot> disruptor;
    private final RingBuffer<Slot> ring;
    private final CommandEncoder encoder = new CommandEncoder();
    private final long clockOffset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
    private volatile Throwable failure;

    EngineRig(final MixFeed feed, final WaitStrategy waitStrategy, final int ringSize, final LatencyTracker tracker)
    {
        this.feed = feed;
        this.engine = new MatchingEngine(List.of(feed.instrument()), MatchingEngine.DEFAULT_EXPECTED_ORDERS);
        this.disruptor = new Disruptor<>(Slot::new, ringSize, runnable ->
        {
            final Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            return thread;
        }, ProducerType.MULTI, WaitStrategies.of(waitStrategy));
        final EventHandler<Slot> matching = new EventHandler<>()
        {
            @Override
            public void onStart()
            {
                Thread.currentThread().setName("tessera-engine");
            }

            @Override
            public void onEvent(final Slot slot, final long sequence, final boolean endOfBatch)
            {
                if (engine.onCommand(slot.buffer, 0, slot.length) < 0)
                {
                    failure = new IllegalStateException("the engine did not recognise command " + sequence);
                }
            }
        };
        final EventHandler<Slot> results = new EventHandler<>()
        {
            @Override
            public void onStart()
            {
                Thread.currentThread().setName("results");
            }

            @Override
            public void onEvent(final Slot slot, final long sequence, final boolean endOfBatch)
            {
                tracker.onCompleted(System.nanoTime());
            }
        };
        disruptor.handleEventsWith(matching).then(results);
        disruptor.setDefaultExceptionHandler(new com.lmax.disruptor.ExceptionHandler<>()
        {
            @Override
            public void handleEventException(final Throwable ex, final long sequence, final Slot event)
            {
                failure = ex;
            }

            @Override
            public void handleOnStartException(final Throwable ex)
            {
                failure = ex;
            }

            @Override
            public void handleOnShutdownException(final Throwable ex)
            {
                failure = ex;
            }
        });
        this.ring = disruptor.start();
    }

    @Override
    public boolean offer(final long n)
    {
        final long sequence;
        try
        {
            sequence = ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return false;
        }
        final Slot slot = ring.get(sequence);
        try
        {
            slot.length = feed.encode(encoder, slot.buffer, 0, n, n + 1, System.nanoTime() + clockOffset);
        }
        finally
        {
            ring.publish(sequence);
        }
        return true;
    }

    @Override
    public void checkRunning()
    {
        if (failure != null)
        {
            throw new IllegalStateException("the engine-only rig failed", failure);
        }
    }

    @Override
    public void close()
    {
        try
        {
            disruptor.shutdown(SHUTDOWN_TIMEOUT_S, TimeUnit.SECONDS);
        }
        catch (final com.lmax.disruptor.TimeoutException ex)
        {
            disruptor.halt();
        }
    }
}

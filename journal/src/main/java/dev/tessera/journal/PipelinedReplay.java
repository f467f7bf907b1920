package dev.tessera.journal;

import dev.tessera.engine.MatchingEngine;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Rebuilds books from the journal on two threads: the calling thread reads and verifies records
 * (Chronicle, CRC32C, hash chain: about a third of the work) and copies each record's events into
 * a single-producer ring; an applier thread applies them to the engine (the other two thirds). The
 * engine is only ever touched by the applier, and handed back to the caller after a join, so it
 * stays single-threaded; the reader stays on the thread that created it, as Chronicle wants.
 *
 * <p>An inconsistency found by {@link MatchingEngine#apply} stops the reading and is rethrown to the
 * caller, as with a plain replay; a corrupt record stops it as {@link JournalCorruptionException}.
 */
final class PipelinedReplay
{
    private static final int RING_BYTES = 4 * 1024 * 1024;
    private static final int EVENTS_MSG_TYPE = 1;
    /** The events are in {@link Applier#large}: a record bigger than the ring takes (a mass cancel of thousands). */
    private static final int LARGE_EVENTS_MSG_TYPE = 2;
    private static final int BATCH = 1024;
    private static final int SPINS_BEFORE_YIELD = 64;

    private PipelinedReplay()
    {
    }

    /**
     * Applies every record the reader has left to the engine.
     *
     * @return the number of events applied.
     */
    static long run(final JournalReader reader, final MatchingEngine engine)
    {
        return run(reader, engine, RING_BYTES);
    }

    /** As {@link #run(JournalReader, MatchingEngine)} with a ring of {@code ringBytes} (a power of two; tests wrap it). */
    static long run(final JournalReader reader, final MatchingEngine engine, final int ringBytes)
    {
        final OneToOneRingBuffer ring = new OneToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(ringBytes + RingBufferDescriptor.TRAILER_LENGTH)));
        final Applier applier = new Applier(ring, engine);
        final Thread thread = new Thread(applier, "tessera-replay-apply");
        thread.setDaemon(true);
        thread.start();
        final long[] events = new long[1];
        try
        {
            int read;
            do
            {
                read = reader.poll(record ->
                {
                    int idle = 0;
                    final boolean large = record.eventsLength() > ring.maxMsgLength();
                    if (large)
                    {
                        // Rare (a record of thousands of events): its bytes travel beside the ring, in order.
                        final byte[] bytes = new byte[record.eventsLength()];
                        record.buffer().getBytes(record.eventsOffset(), bytes);
                        applier.large.add(bytes);
                    }
                    while (large ? !ring.write(LARGE_EVENTS_MSG_TYPE, record.buffer(), record.eventsOffset(), 0) :
                        !ring.write(EVENTS_MSG_TYPE, record.buffer(), record.eventsOffset(), record.eventsLength()))
                    {
                        if (applier.failure != null)
                        {
                            return; // reported below, once the applier has stopped
                        }
                        idle = idle(idle);
                    }
                    events[0] += record.eventCount();
                }, BATCH);
            }
            while (read > 0 && applier.failure == null);
        }
        finally
        {
            applier.done = true;
            join(thread);
        }
        if (applier.failure != null)
        {
            if (applier.failure instanceof RuntimeException)
            {
                throw (RuntimeException)applier.failure;
            }
            if (applier.failure instanceof Error)
            {
                throw (Error)applier.failure;
            }
            throw new IllegalStateException(applier.failure);
        }
        return events[0];
    }

    private static int idle(final int idle)
    {
        if (idle < SPINS_BEFORE_YIELD)
        {
            Thread.onSpinWait();
        }
        else
        {
            Thread.yield();
        }
        return idle + 1;
    }

    private static void join(final Thread thread)
    {
        boolean interrupted = false;
        while (true)
        {
            try
            {
                thread.join();
                break;
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Applier implements Runnable
    {
        private final OneToOneRingBuffer ring;
        private final MessageHandler apply;
        final Queue<byte[]> large = new ConcurrentLinkedQueue<>();
        volatile boolean done;
        volatile Throwable failure;

        Applier(final OneToOneRingBuffer ring, final MatchingEngine engine)
        {
            this.ring = ring;
            this.apply = (msgTypeId, buffer, index, length) ->
            {
                if (msgTypeId == LARGE_EVENTS_MSG_TYPE)
                {
                    final byte[] events = large.remove();
                    engine.apply(new UnsafeBuffer(events), 0, events.length);
                }
                else
                {
                    engine.apply(buffer, index, length);
                }
            };
        }

        @Override
        public void run()
        {
            try
            {
                int idle = 0;
                while (true)
                {
                    // Read the flag before polling: every write happened before it was set.
                    final boolean finished = done;
                    final int applied = ring.read(apply);
                    if (applied > 0)
                    {
                        idle = 0;
                    }
                    else if (finished && ring.consumerPosition() == ring.producerPosition())
                    {
                        // Only an empty ring ends it: a read that consumed just the padding before the
                        // ring wraps also answers 0, with messages still waiting after the wrap.
                        return;
                    }
                    else
                    {
                        idle = idle(idle);
                    }
                }
            }
            catch (final Throwable ex)
            {
                failure = ex;
            }
        }
    }
}

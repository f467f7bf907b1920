package dev.tessera.perf;

import dev.tessera.config.WaitStrategy;
import dev.tessera.journal.JournalReader;
import dev.tessera.journal.JournalRecord;
import dev.tessera.journal.JournalRecordHandler;
import dev.tessera.pipeline.PublishedPosition;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A consumer as the architecture prescribes one: it reads the events from the journal itself, never
 * past {@link PublishedPosition#journalIndex()}, each record verified by the {@link JournalReader}
 * (CRC32C, sequences, hash chain). It waits for new records the way the pipeline's engine thread
 * waits for commands, so a configuration is one waiting style throughout:
 * <ul>
 *   <li>BLOCKING: parks; the engine thread unparks it after each published batch ({@link #wake()},
 *       the pipeline's {@code onPublish});</li>
 *   <li>YIELDING: spins briefly, then yields the core on every empty poll;</li>
 *   <li>SLEEPING: spins, yields, then parks for the shortest time the OS gives (about 50-60 us on Linux);</li>
 *   <li>BUSY_SPIN: spins (only sensible on a dedicated core).</li>
 * </ul>
 */
final class JournalConsumer implements Runnable
{
    /** Sees every record the consumer reads, on the consumer thread, with the time it was seen. */
    interface Listener
    {
        void onRecord(JournalRecord record, long seenNanos);
    }

    private static final int POLL_LIMIT = 1024;
    private static final int SPINS = 100;
    private static final int YIELDS = 100;
    /** A safety net only: a blocking consumer is woken by the engine thread, not by this timeout. */
    private static final long MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final JournalReader reader;
    private final PublishedPosition published;
    private final WaitStrategy waitStrategy;
    private final Listener listener;
    /** Held, not written as {@code this::onRecord} in the loop: that would allocate on every poll. */
    private final JournalRecordHandler onRecord = this::onRecord;
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile long stopAtIndex = Long.MAX_VALUE;
    private volatile Thread thread;
    private volatile Throwable failure;
    private long lastIndex = -1;
    private long recordCount;
    private long eventCount;
    private long byteCount;

    JournalConsumer(
        final JournalReader reader, final PublishedPosition published, final WaitStrategy waitStrategy, final Listener listener)
    {
        this.reader = reader;
        this.published = published;
        this.waitStrategy = waitStrategy;
        this.listener = listener;
    }

    /** Starts the consumer's thread. */
    Thread start(final String name)
    {
        final Thread started = new Thread(this, name);
        started.setDaemon(true);
        thread = started;
        started.start();
        return started;
    }

    /** For the pipeline's onPublish (engine thread): wakes a blocking consumer; cheap when it is not parked. */
    void wake()
    {
        if (waitStrategy == WaitStrategy.BLOCKING)
        {
            final Thread target = thread;
            if (target != null)
            {
                LockSupport.unpark(target);
            }
        }
    }

    @Override
    public void run()
    {
        int idle = 0;
        try
        {
            while (true)
            {
                final int read = reader.pollDocuments(onRecord, POLL_LIMIT, published.journalIndex());
                if (read > 0)
                {
                    records.lazySet(recordCount);
                    events.lazySet(eventCount);
                    bytes.lazySet(byteCount);
                    idle = 0;
                }
                else if (lastIndex >= stopAtIndex)
                {
                    return;
                }
                else
                {
                    idle(idle++);
                }
            }
        }
        catch (final Throwable ex)
        {
            failure = ex;
        }
        finally
        {
            reader.close();
        }
    }

    private void onRecord(final JournalRecord record)
    {
        if (listener != null)
        {
            listener.onRecord(record, System.nanoTime());
        }
        lastIndex = record.index();
        recordCount++;
        eventCount += record.eventCount();
        // Chronicle's 4-byte document header, then the record (SBE header, block, command, events).
        byteCount += 4 + record.eventsOffset() + record.eventsLength();
    }

    private void idle(final int count)
    {
        switch (waitStrategy)
        {
            case BLOCKING:
                LockSupport.parkNanos(MAX_PARK_NS);
                break;
            case YIELDING:
                if (count < SPINS)
                {
                    Thread.onSpinWait();
                }
                else
                {
                    Thread.yield();
                }
                break;
            case SLEEPING:
                if (count < SPINS)
                {
                    Thread.onSpinWait();
                }
                else if (count < SPINS + YIELDS)
                {
                    Thread.yield();
                }
                else
                {
                    LockSupport.parkNanos(100);
                }
                break;
            default:
                Thread.onSpinWait();
                break;
        }
    }

    /**
     * Lets the consumer finish: it stops once it has read the record at {@code finalIndex} (the last
     * published one after the pipeline closed) and nothing more is there; waits for that.
     */
    void drainAndStop(final long finalIndex, final long timeoutNanos) throws InterruptedException
    {
        stopAtIndex = finalIndex;
        wake();
        final Thread target = thread;
        target.join(TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        if (target.isAlive())
        {
            throw new IllegalStateException("consumer did not reach journal index " + Long.toHexString(finalIndex) +
                " in time; it is at " + Long.toHexString(lastIndex));
        }
        if (failure != null)
        {
            throw new IllegalStateException("consumer failed", failure);
        }
    }

    long records()
    {
        return records.get();
    }

    long events()
    {
        return events.get();
    }

    long bytes()
    {
        return bytes.get();
    }

    Throwable failure()
    {
        return failure;
    }

    Thread thread()
    {
        return thread;
    }
}

package dev.tessera.gateway;

import org.agrona.CloseHelper;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code sync} durability: msyncs the session files every session changed in a duty cycle together, on a few threads of
 * its own, before the gateway writes to any socket.
 *
 * <p>Why together: each msync waits for the device, and ext4 commits (and flushes) once for every msync that is
 * waiting when it commits. One after another on the gateway thread, ten sessions cost thirty device flushes per duty
 * cycle. Concurrent, they share a few. Measured through the FIX gateway with ten sessions (perf/results/
 * 2026-11-23-session-sync): 70-73 k orders/s one after another, 125-142 k together (296 k without these msyncs).
 *
 * <p>Each store is one task (its indexes, then its header, in that order: a header on disk never names entries that are
 * not). The gateway thread takes tasks too, then waits until all are done. Nothing is allocated per cycle. A failed msync
 * leaves the store's ranges marked, so the connection's own {@code flush} tries again and closes it with the reason.
 */
final class SessionSync implements AutoCloseable
{
    private final SessionStore[] stores;
    private final Thread[] workers;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger remaining = new AtomicInteger();
    /** Threads inside a round's tasks. */
    private final AtomicInteger busy = new AtomicInteger();
    private volatile int count;
    /** Stores added for the next round (the calling thread's own). */
    private int added;
    private volatile long generation;
    private volatile boolean closed;
    private volatile Thread waiting;

    /** @param capacity how many stores at most; {@code threads} helpers besides the calling thread. */
    SessionSync(final int capacity, final int threads)
    {
        this.stores = new SessionStore[capacity];
        this.workers = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            workers[i] = new Thread(this::work, "tessera-session-sync-" + i);
            workers[i].setDaemon(true);
            workers[i].start();
        }
    }

    /** msyncs what each session's store changed; returns once all of it is on disk (or has failed). Gateway thread. */
    void syncAll(final List<FixSession> sessions)
    {
        for (int i = 0, size = sessions.size(); i < size; i++)
        {
            add(sessions.get(i).store);
        }
        syncAdded();
    }

    /** Takes {@code store} into the next {@link #syncAdded} if it has changes to msync. */
    void add(final SessionStore store)
    {
        if (store.unsynced())
        {
            stores[added++] = store;
        }
    }

    /** msyncs the stores added since the last call, together; returns once all of it is on disk (or has failed). */
    void syncAdded()
    {
        final int n = added;
        added = 0;
        if (n == 0)
        {
            return;
        }
        if (n == 1)
        {
            syncQuietly(stores[0]);
            stores[0] = null;
            return;
        }
        // In this order, so that a helper still leaving the last round can only take a task of this one, and count it.
        waiting = Thread.currentThread();
        remaining.set(n);
        next.set(0);
        count = n;
        generation++;
        for (final Thread worker : workers)
        {
            LockSupport.unpark(worker);
        }
        busy.incrementAndGet();
        takeTasks();
        busy.decrementAndGet();
        // Every task done, and no helper still inside a round: only then may the stores be let go of.
        while (remaining.get() > 0 || busy.get() > 0)
        {
            LockSupport.parkNanos(this, 20_000);
        }
        for (int i = 0; i < n; i++)
        {
            stores[i] = null;
        }
    }

    private void work()
    {
        long seen = 0;
        while (!closed)
        {
            if (generation == seen)
            {
                LockSupport.park(this);
                continue;
            }
            seen = generation;
            busy.incrementAndGet();
            takeTasks();
            busy.decrementAndGet();
        }
    }

    private void takeTasks()
    {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement())
        {
            final SessionStore store = stores[i];
            if (store == null)
            {
                continue; // a round that is over
            }
            syncQuietly(store);
            if (remaining.decrementAndGet() == 0)
            {
                LockSupport.unpark(waiting);
            }
        }
    }

    private static void syncQuietly(final SessionStore store)
    {
        try
        {
            store.syncBeforeSend();
        }
        catch (final RuntimeException | Error ex)
        {
            // Left marked as unsynced: Connection.flush tries again and closes the connection with the reason (an
            // Error there stops the exchange). A helper that died of it instead would leave the gateway thread
            // waiting for its task for ever: a process alive and answering no one.
        }
    }

    @Override
    public void close()
    {
        closed = true;
        for (final Thread worker : workers)
        {
            LockSupport.unpark(worker);
        }
        for (final Thread worker : workers)
        {
            CloseHelper.quietClose(() -> worker.join(1_000));
        }
    }
}

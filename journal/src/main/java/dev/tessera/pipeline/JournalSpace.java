package dev.tessera.pipeline;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Watches the usable space of the journal's file system from a small thread of its own, a few times a second, and
 * says whether intake must stop. The journal writes through a mapping: a page the file system cannot back is a
 * SIGBUS that kills the JVM in the middle of a record (in the checksum's intrinsic, say), with no message and no
 * orderly stop. So orders are refused while less than a margin is left, long before that, and taken again once
 * there is room: the engine thread only reads a volatile flag ({@link #nearlyFull}), per command, allocation-free.
 *
 * <p>The margin: what the ring can hold in flight ({@code ringSize} commands, each journaled with its events;
 * four slots' bytes a command is generous) plus {@link #CHUNK_BYTES}, what Chronicle maps and touches ahead of the
 * writer (its block, the next cycle file's header and index). Taken again above a quarter more than the margin,
 * so that intake does not flap at the line.
 *
 * <p>Below the margin cancels still go in: they lower what is at stake. But nothing else bounds them (a cancel of an
 * order that does not exist is journaled with its reject too, and only each session's throttle paces them), so a few
 * sessions flooding them filled the rest of the file system until the mapped journal faulted (QA 125 F1). So below
 * a floor, half a chunk under the margin (at least half the margin), every command is refused ({@link #full}),
 * cancels and day ends too, until there is a quarter more than the floor again.
 */
public final class JournalSpace implements AutoCloseable
{
    /** Chronicle's mapped block on 64-bit JVMs: what one new chunk or cycle file can touch at once. */
    public static final long CHUNK_BYTES = 64L << 20;
    public static final long DEFAULT_CHECK_INTERVAL_MS = 250;

    private final Path directory;
    private final LongSupplier usableBytes;
    private final long minUsableBytes;
    private final long resumeBytes;
    private final long floorBytes;
    private final long floorResumeBytes;
    private final long checkIntervalNs;
    private final Consumer<String> log;
    private final Thread thread;
    private volatile boolean nearlyFull;
    private volatile boolean full;
    private volatile boolean closed;

    JournalSpace(final Path directory, final LongSupplier usableBytes, final long minUsableBytes,
        final long checkIntervalMs, final Consumer<String> log)
    {
        this.directory = directory;
        this.usableBytes = usableBytes;
        this.minUsableBytes = minUsableBytes;
        this.resumeBytes = minUsableBytes + minUsableBytes / 4;
        this.floorBytes = floorBytes(minUsableBytes);
        this.floorResumeBytes = floorBytes + floorBytes / 4;
        this.checkIntervalNs = TimeUnit.MILLISECONDS.toNanos(checkIntervalMs);
        this.log = log;
        // Looked at once before the first command: a start on a nearly full disk takes no order.
        check();
        this.thread = new Thread(this::run, "tessera-journal-space");
        thread.setDaemon(true);
    }

    /** The watch of {@code directory}'s file system for a ring of {@code ringBytes}, lines to stderr. */
    static JournalSpace watch(final Path directory, final long ringBytes)
    {
        return new JournalSpace(directory, () -> FatalStop.usableSpace(directory), minUsableBytes(ringBytes),
            DEFAULT_CHECK_INTERVAL_MS, System.err::println);
    }

    /** The margin below which orders are refused, for a ring of {@code ringBytes}. */
    public static long minUsableBytes(final long ringBytes)
    {
        return CHUNK_BYTES + 4 * ringBytes;
    }

    /** The floor below which every command is refused, for a margin of {@code minUsableBytes}. */
    public static long floorBytes(final long minUsableBytes)
    {
        return Math.max(minUsableBytes / 2, minUsableBytes - CHUNK_BYTES / 2);
    }

    void start()
    {
        thread.start();
    }

    /** Whether orders are refused for want of space; a volatile read, nothing else. */
    boolean nearlyFull()
    {
        return nearlyFull;
    }

    /** Whether every command, cancels too, is refused for want of space; a volatile read, nothing else. */
    boolean full()
    {
        return full;
    }

    long minUsableBytes()
    {
        return minUsableBytes;
    }

    private void run()
    {
        while (!closed)
        {
            LockSupport.parkNanos(this, checkIntervalNs);
            check();
        }
    }

    /** One look: trips below the margin, clears above the resume line, one line each time. */
    void check()
    {
        final long usable = usableBytes.getAsLong();
        if (usable < 0)
        {
            return; // cannot be told (the directory went away, say): the writer finds out itself
        }
        if (!nearlyFull && usable < minUsableBytes)
        {
            nearlyFull = true;
            log.accept("journal: WARNING the journal's file system is nearly full (" + directory.toAbsolutePath() +
                ": " + mib(usable) + " MiB left, below the " + mib(minUsableBytes) + " MiB it needs): new orders and " +
                "replaces are refused until there is room again");
        }
        else if (nearlyFull && usable >= resumeBytes)
        {
            nearlyFull = false;
            log.accept("journal: the journal's file system has room again (" + directory.toAbsolutePath() + ": " +
                mib(usable) + " MiB left): orders are taken again");
        }
        if (!full && usable < floorBytes)
        {
            full = true;
            log.accept("journal: WARNING the journal's file system is full to its floor (" + directory.toAbsolutePath() +
                ": " + mib(usable) + " MiB left, below " + mib(floorBytes) + " MiB): every command is refused, " +
                "cancels too, until there is room again");
        }
        else if (full && usable >= floorResumeBytes)
        {
            full = false;
            log.accept("journal: the journal's file system is above its floor again (" + directory.toAbsolutePath() +
                ": " + mib(usable) + " MiB left): cancels are taken again");
        }
    }

    private static long mib(final long bytes)
    {
        return bytes >> 20;
    }

    @Override
    public void close()
    {
        closed = true;
        LockSupport.unpark(thread);
    }
}

package dev.tessera.journal;

import net.openhft.posix.PosixAPI;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Faults the journal's pages in ahead of the writer, on a thread of its own
 * ({@code tessera-journal-prefault}), so that the engine thread's stores never fault.
 *
 * <p>Why: the writer stores into a sparse memory-mapped file. On ext4 the first store into a page that
 * is not cached faults, and the fault reads ahead: up to the device's {@code read_ahead_kb} (8 MiB on
 * the virtio disk measured), every page a hole that the faulting thread zeroes before it goes on. On a
 * VM whose fresh memory is slow to touch, that stalled the engine thread for milliseconds every few MiB
 * of journal: the p99 at 100 k commands/s was about 20 ms on ext4 against 1.4 ms on tmpfs
 * (perf/results/2026-11-22-pipeline-readahead). Even with the pages cached, each first store into a
 * 4 KiB page of the mapping is a fault of its own.
 *
 * <p>How ({@code journal.prefault = populate}, where the kernel has it: Linux 5.14+): first it brings the
 * {@link #AHEAD_BYTES} after the writer's published position into the page cache, one {@link #STRIDE_BYTES}
 * {@code readahead(2)} call at a time ({@link PageCacheFill}; the zeroing of holes happens there, holding no lock
 * of the process, in pieces of 16 pages between which the scheduler can switch). Where libc cannot be reached it
 * reads one byte every stride through a file channel instead, and the kernel's own read-ahead fills the gaps in
 * windows of up to {@code read_ahead_kb}. Then {@code madvise(MADV_POPULATE_WRITE)},
 * through the writer's own mapping (page tables belong to the process, not the thread), maps the pages
 * read so far writable, from {@link #LEAD_BYTES} after the writer, and short of the last read-ahead
 * window ({@link #READ_AHEAD_SLACK_BYTES}). The order matters: a fault inside madvise that had to read
 * ahead itself zeroed 8 MiB holding the process's mm lock for ~19 ms, and every other thread that
 * faulted or mapped waited, the whole exchange stalled (a p99 of 5-12 ms at 100 k/s instead of ~1.3 ms;
 * perf/results/2026-11-22-journal-populate). madvise never writes data, and it reports a range it cannot
 * populate with an error rather than a signal, so an address that is no longer mapped (Chronicle
 * released the chunk after the writer left it) or lies past the end of a shrunk file costs a failed
 * call, never a crash; should the address have been mapped again to something else, the call populates
 * that mapping without changing a byte of it. The chunk is re-read between calls of at most
 * {@link #POPULATE_STEP_BYTES}, so it moves to a new chunk promptly.
 *
 * <p>With {@code journal.prefault = read}, or where populating is not possible (an older kernel answers
 * {@code EINVAL}, or no native POSIX access), it only reads ahead: that takes the read-ahead and zeroing
 * off the engine thread, but the writer still faults once per page to map it. A failure stops the thread with one line on standard error; the journal stays
 * correct without it.
 */
final class JournalPrefault implements Agent
{
    static final long AHEAD_BYTES = 32L << 20;
    static final long STRIDE_BYTES = 64L << 10;
    /**
     * How far ahead of the writer populating starts, so that it does not work on the folio the writer is
     * storing into. Pages closer than this were populated when they were further ahead; only after the
     * writer enters a new chunk does it map the first of them itself, minor faults on pages already read.
     */
    static final long LEAD_BYTES = 4L << 20;
    static final long POPULATE_STEP_BYTES = 64L << 10;
    /** At least the largest read-ahead window (read_ahead_kb; 8 MiB on the disk measured) and then some. */
    static final long READ_AHEAD_SLACK_BYTES = 12L << 20;
    /** madvise advice: populate (prefault) page tables writable. Linux 5.14+. */
    private static final int MADV_POPULATE_WRITE = 23;
    private static final int EINVAL = 22;
    /** madvise needs a page-aligned address: offsets into a chunk are rounded down to this (any page size up to it). */
    private static final long ALIGNMENT = 64L << 10;

    private final WriterFrontier frontier;
    private final ByteBuffer oneByte = ByteBuffer.allocateDirect(1);
    /** Null when the pages are brought in by reading a byte per stride. */
    private PageCacheFill fill;
    private int fd = -1;
    /** Null when reading ahead is all this thread can do. */
    private PosixAPI posix;
    private long populatedVersion;
    private long populatedTo;
    private File file;
    private FileChannel channel;
    private long readTo;

    /**
     * @param posix native access for {@code madvise}, or null to read ahead only.
     * @param fill  {@code readahead(2)}, or null to read a byte per stride through a file channel.
     */
    JournalPrefault(final WriterFrontier frontier, final PosixAPI posix, final PageCacheFill fill)
    {
        this.frontier = frontier;
        this.posix = posix;
        this.fill = fill;
    }

    /**
     * Starts the thread; closing the runner stops it.
     *
     * @param populate populate the writer's mapping where the kernel can ({@code journal.prefault = populate}),
     *                 else read ahead through a file channel ({@code read}).
     */
    static AgentRunner start(final WriterFrontier frontier, final boolean populate)
    {
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(1),
            error -> System.err.println("journal: WARNING the journal pre-fault thread stopped (" + error +
                "); the journal stays correct, but the engine thread may stall on page faults"),
            null, new JournalPrefault(frontier, populate ? populateCapable() : null, PageCacheFill.load()));
        AgentRunner.startOnThread(runner, task ->
        {
            // A daemon: a writer left open never keeps a JVM (a tool, a test) from exiting.
            final Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        });
        return runner;
    }

    /** Linux with native POSIX access, or null: whether the kernel knows the advice shows on the first call. */
    static PosixAPI populateCapable()
    {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux"))
        {
            return null;
        }
        try
        {
            final PosixAPI posix = PosixAPI.posix();
            // The no-op implementation (no native library) answers 0 to everything: it would only pretend.
            return posix.getClass().getSimpleName().startsWith("NoOp") ? null : posix;
        }
        catch (final RuntimeException | LinkageError ex)
        {
            return null;
        }
    }

    /** Whether this thread populates the writer's mapping (else it reads ahead through a channel). */
    boolean populates()
    {
        return posix != null;
    }

    /** Whether pages are brought into the page cache with {@code readahead(2)} (else by reading a byte per stride). */
    boolean fillsExactly()
    {
        return fill != null;
    }

    /** The file offset up to which the current chunk's mapping is populated. */
    long populatedTo()
    {
        return populatedTo;
    }

    @Override
    public int doWork()
    {
        try
        {
            return posix != null ? populateAhead() : readAhead(AHEAD_BYTES);
        }
        catch (final IOException | RuntimeException ex)
        {
            // Once: the runner reports it and stops, rather than failing again every millisecond.
            throw new AgentTerminationException(ex);
        }
    }

    private int populateAhead() throws IOException
    {
        final long version = frontier.chunkVersion();
        final long address = frontier.chunkAddress();
        final long start = frontier.chunkStart();
        final long end = frontier.chunkEnd();
        if (version == 0 || (version & 1) != 0 || frontier.chunkVersion() != version)
        {
            return 0;
        }
        if (version != populatedVersion)
        {
            populatedVersion = version;
            populatedTo = start;
        }
        final long position = Math.max(frontier.position(), start);
        // The page cache first, outside the process's mm lock: the zeroing of holes happens there. A fault
        // inside madvise that had to read ahead itself zeroed up to read_ahead_kb holding that lock (~19 ms
        // for 8 MiB on the VM measured), and every thread of the process that faulted or mapped meanwhile
        // waited: 20 ms stalls of the whole exchange.
        int calls = readAhead(AHEAD_BYTES);
        // Only pages brought in above, and not the last read-ahead window: after one-byte reads (no
        // readahead(2)) its marker page would start the next read-ahead inside the fault.
        final long cached = readTo - READ_AHEAD_SLACK_BYTES;
        // Both ends on the alignment grid of the chunk: every call's address is page-aligned.
        final long to = alignDown(start, Math.min(Math.min(position + AHEAD_BYTES, cached), end));
        long from = Math.max(populatedTo, alignDown(start, position + LEAD_BYTES + ALIGNMENT - 1));
        while (from < to && frontier.chunkVersion() == version)
        {
            final long length = Math.min(POPULATE_STEP_BYTES, to - from);
            if (posix.madvise(address + (from - start), length, MADV_POPULATE_WRITE) != 0)
            {
                final int errno = posix.lastError();
                if (errno == EINVAL)
                {
                    System.err.println("journal: the kernel has no MADV_POPULATE_WRITE (Linux 5.14+); the " +
                        "pre-fault thread reads ahead instead, and the engine thread faults once per page");
                    posix = null;
                    return calls;
                }
                // The chunk is gone (released after the writer left it) or the file ends before the
                // mapping does: nothing more to do in this chunk.
                populatedTo = end;
                return calls;
            }
            from += length;
            populatedTo = from;
            calls++;
        }
        return calls;
    }

    private static long alignDown(final long start, final long offset)
    {
        return start + (offset - start) / ALIGNMENT * ALIGNMENT;
    }

    private int readAhead(final long window) throws IOException
    {
        final File current = frontier.file();
        if (current == null)
        {
            return 0;
        }
        if (!current.equals(file))
        {
            closeFile();
            channel = FileChannel.open(current.toPath(), StandardOpenOption.READ);
            file = current;
            readTo = 0;
            if (fill != null)
            {
                fd = fill.open(current);
                if (fd < 0)
                {
                    giveUpFill("open " + current + " failed, errno " + fill.lastError());
                }
            }
        }
        final long position = frontier.position();
        final long to = Math.min(position + window, channel.size());
        int reads = 0;
        for (long offset = Math.max(readTo, position); offset < to; offset += STRIDE_BYTES)
        {
            if (fill == null || !fill.fill(fd, offset, Math.min(STRIDE_BYTES, to - offset)))
            {
                if (fill != null)
                {
                    giveUpFill("readahead(2) failed, errno " + fill.lastError());
                }
                oneByte.clear();
                channel.read(oneByte, offset);
            }
            reads++;
        }
        readTo = Math.max(readTo, to);
        return reads;
    }

    /** For good: a file system that refuses once refuses every time. */
    private void giveUpFill(final String reason)
    {
        System.err.println("journal: " + reason + "; the pre-fault thread reads a byte per " + (STRIDE_BYTES >> 10) +
            " KiB instead, and the kernel's read-ahead fills the rest in larger pieces");
        fill.close(fd);
        fd = -1;
        fill = null;
    }

    private void closeFile()
    {
        CloseHelper.close(channel);
        if (fill != null)
        {
            fill.close(fd);
        }
        fd = -1;
    }

    @Override
    public void onClose()
    {
        closeFile();
    }

    @Override
    public String roleName()
    {
        return "tessera-journal-prefault";
    }
}

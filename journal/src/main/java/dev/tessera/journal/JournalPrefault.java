package dev.tessera.journal;

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

/**
 * Brings the journal file's pages ahead of the writer into the page cache, on a thread of its own
 * ({@code tessera-journal-prefault}), so that the engine thread's stores find them there.
 *
 * <p>Why: the writer stores into a sparse memory-mapped file. On ext4 the first store into a page that
 * is not cached faults, and the fault reads ahead: up to the device's {@code read_ahead_kb} (8 MiB on
 * the virtio disk measured), every page a hole that the faulting thread zeroes before it goes on. On a
 * VM whose fresh memory is slow to touch, that stalled the engine thread for milliseconds every few MiB
 * of journal: the p99 at 100 k commands/s was about 20 ms on ext4 against 1.4 ms on tmpfs, and 1.4 ms
 * on ext4 with {@code read_ahead_kb} cut to 128 (perf/results/2026-11-22-pipeline-readahead). Turning
 * read-ahead off for the mapping ({@code MADV_RANDOM}) fixed the tail but cost 30% of the throughput
 * (a fault per 4 KiB page). So this thread takes the read-ahead instead: it reads one byte every
 * {@link #STRIDE_BYTES} of the {@link #AHEAD_BYTES} after the writer's position, through a file
 * channel ({@code pread}), which triggers the same read-ahead and zeroing here, not on the engine
 * thread, and leaves the large folios the writer's faults then only map.
 *
 * <p>Reading through a channel, never through the mapping, means it cannot fault on a truncated file
 * (Chronicle shrinks a finished cycle file): a read past the end only returns nothing. It never
 * writes, so it cannot change the journal. A failure stops it with one line on standard error; the
 * journal stays correct without it.
 */
final class JournalPrefault implements Agent
{
    static final long AHEAD_BYTES = 32L << 20;
    static final long STRIDE_BYTES = 64L << 10;

    private final WriterFrontier frontier;
    private final ByteBuffer oneByte = ByteBuffer.allocateDirect(1);
    private File file;
    private FileChannel channel;
    private long readTo;

    JournalPrefault(final WriterFrontier frontier)
    {
        this.frontier = frontier;
    }

    /** Starts the thread; closing the runner stops it. */
    static AgentRunner start(final WriterFrontier frontier)
    {
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(1),
            error -> System.err.println("journal: WARNING the journal pre-fault thread stopped (" + error +
                "); the journal stays correct, but the engine thread may stall on page faults"),
            null, new JournalPrefault(frontier));
        AgentRunner.startOnThread(runner, task ->
        {
            // A daemon: a writer left open never keeps a JVM (a tool, a test) from exiting.
            final Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        });
        return runner;
    }

    @Override
    public int doWork()
    {
        try
        {
            return readAhead();
        }
        catch (final IOException | RuntimeException ex)
        {
            // Once: the runner reports it and stops, rather than failing again every millisecond.
            throw new AgentTerminationException(ex);
        }
    }

    private int readAhead() throws IOException
    {
        final File current = frontier.file();
        if (current == null)
        {
            return 0;
        }
        if (!current.equals(file))
        {
            CloseHelper.close(channel);
            channel = FileChannel.open(current.toPath(), StandardOpenOption.READ);
            file = current;
            readTo = 0;
        }
        final long position = frontier.position();
        final long to = Math.min(position + AHEAD_BYTES, channel.size());
        int reads = 0;
        for (long offset = Math.max(readTo, position); offset < to; offset += STRIDE_BYTES)
        {
            oneByte.clear();
            channel.read(oneByte, offset);
            reads++;
        }
        readTo = Math.max(readTo, to);
        return reads;
    }

    @Override
    public void onClose()
    {
        CloseHelper.close(channel);
    }

    @Override
    public String roleName()
    {
        return "tessera-journal-prefault";
    }
}

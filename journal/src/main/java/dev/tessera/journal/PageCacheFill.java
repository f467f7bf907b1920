package dev.tessera.journal;

import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

import java.io.File;
import java.util.Locale;

/**
 * Brings an exact range of a file into the page cache with Linux's {@code readahead(2)}, through libc (jnr-ffi,
 * which Chronicle's own POSIX access already uses).
 *
 * <p>Why not a read: a one-byte {@code pread} behind which the page cache already holds the file (the writer's
 * pages) looks like a sequential stream to the kernel, which then reads ahead a whole window of up to the
 * device's {@code read_ahead_kb} (8 MiB on the virtio disk measured) in that one call. For a sparse journal every
 * page of it is a hole the kernel zeroes, and this kernel ({@code preempt=none}) does not preempt that: the
 * pre-fault thread held a vCPU for 10-24 ms at a time, and everything else of the exchange queued on the other
 * (perf/results/2026-11-23-prefault-readahead). {@code readahead(2)} reads exactly the range asked for and sets
 * no read-ahead marker, so each call zeroes at most one stride and returns, where the scheduler can switch.
 */
final class PageCacheFill
{
    /** libc, as jnr-ffi binds it; public because jnr-ffi generates an implementation of it. */
    public interface LibC
    {
        int open(CharSequence path, int flags);

        int close(int fd);

        long readahead(int fd, long offset, long count);
    }

    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;

    private final LibC libc;
    private final Runtime runtime;

    private PageCacheFill(final LibC libc)
    {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
    }

    /**
     * On Linux with libc reachable; else null, and the caller reads a byte per stride instead. Bound once per JVM
     * (jnr-ffi generates a class for each binding) and shared: it holds no state of its own.
     */
    static PageCacheFill load()
    {
        return Shared.INSTANCE;
    }

    private static final class Shared
    {
        static final PageCacheFill INSTANCE = bind();
    }

    private static PageCacheFill bind()
    {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux"))
        {
            return null;
        }
        try
        {
            return new PageCacheFill(LibraryLoader.create(LibC.class).load("c"));
        }
        catch (final RuntimeException | LinkageError ex)
        {
            return null;
        }
    }

    /** A read-only descriptor of {@code file} for {@link #fill}, or -1 with the reason in {@link #lastError()}. */
    int open(final File file)
    {
        return libc.open(file.getPath(), O_RDONLY | O_CLOEXEC);
    }

    void close(final int fd)
    {
        if (fd >= 0)
        {
            libc.close(fd);
        }
    }

    /**
     * Reads {@code [offset, offset + length)} of the file into the page cache and returns when it is there (a hole
     * is zeroed at once; data is read from the device). False when the kernel refused, with the reason in
     * {@link #lastError()} ({@code EINVAL}: a file it cannot read ahead).
     */
    boolean fill(final int fd, final long offset, final long length)
    {
        return libc.readahead(fd, offset, length) == 0;
    }

    /** errno of the last call on this thread that failed. */
    int lastError()
    {
        return LastError.getLastError(runtime);
    }
}

package dev.tessera.config;

/**
 * How the journal's pages are brought in ahead of the writer, so that the engine thread does not stall
 * on page faults in the new, sparse journal file. Written in config as {@code read}, {@code populate} or
 * {@code off} (case-insensitive). Measured on a 2-core VM, ext4
 * (perf/results/2026-11-22-pipeline-readahead, perf/results/2026-11-22-journal-populate).
 */
public enum Prefault
{
    /**
     * A thread reads ahead of the writer through a file channel, taking the kernel's read-ahead (the
     * zeroing of up to {@code read_ahead_kb} of holes at once) off the engine thread, which still maps each
     * page with a fault of its own. The lowest tail latency at moderate rates (p99 ~1-2 ms at 100 k/s).
     */
    READ,
    /**
     * A thread populates the writer's own mapping ahead of it ({@code madvise(MADV_POPULATE_WRITE)},
     * Linux 5.14+; elsewhere as {@link #READ}): the engine thread takes no page faults, ~1.7 times the
     * journaled commands per second of {@link #READ}, but a p99 of 5-12 ms (median ~7 ms) at 100 k/s on a 2-core machine.
     */
    POPULATE,
    /** No thread: the engine thread faults and zeroes pages itself (p99 ~20 ms at 100 k/s on ext4). */
    OFF
}

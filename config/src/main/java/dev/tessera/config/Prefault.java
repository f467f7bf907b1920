package dev.tessera.config;

/**
 * How the journal's pages are brought in ahead of the writer, so that the engine thread does not stall
 * on page faults in the new, sparse journal file. Written in config as {@code populate}, {@code read} or
 * {@code off} (case-insensitive). Measured on a 2-core VM, ext4
 * (perf/results/2026-11-22-pipeline-readahead, perf/results/2026-11-22-journal-populate).
 */
public enum Prefault
{
    /**
     * The default. A thread reads ahead of the writer through a file channel (as {@link #READ}), then
     * populates the writer's own mapping over the pages read ({@code madvise(MADV_POPULATE_WRITE)},
     * Linux 5.14+; elsewhere it is {@link #READ}): the engine thread takes almost no page faults. ~1.35x
     * the peak journaled commands/s of {@link #READ} at the same p99 (~1.3 ms at 100 k/s on two cores).
     */
    POPULATE,
    /**
     * A thread reads ahead of the writer through a file channel, taking the kernel's read-ahead (the
     * zeroing of up to {@code read_ahead_kb} of holes at once) off the engine thread, which still maps each
     * page with a fault of its own.
     */
    READ,
    /** No thread: the engine thread faults and zeroes pages itself (p99 ~20 ms at 100 k/s on ext4). */
    OFF
}

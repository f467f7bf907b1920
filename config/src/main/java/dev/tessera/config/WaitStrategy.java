package dev.tessera.config;

/**
 * How pipeline consumers wait for the next event: a trade of latency against CPU. Written in
 * config as {@code blocking}, {@code sleeping}, {@code yielding} or {@code busy-spin}
 * (case-insensitive, dashes or underscores).
 */
public enum WaitStrategy
{
    /** Parks on a lock: cheapest on CPU, slowest to wake; right for laptops and CI. */
    BLOCKING,
    /** Spins, then yields, then sleeps briefly. */
    SLEEPING,
    /** Spins, then yields the core: low latency while other threads can still run. */
    YIELDING,
    /** Burns a whole core per consumer for the lowest latency; needs dedicated cores. */
    BUSY_SPIN
}

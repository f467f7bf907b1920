package dev.tessera.config;

/**
 * How far a journalled event must have travelled before the engine publishes its outcome.
 * Written in config as {@code process} or {@code sync} (case-insensitive).
 */
public enum Durability
{
    /** Written to the memory-mapped journal: survives kill -9 of the process, not a power cut. */
    PROCESS,
    /** msync'd to the device before publishing: survives a power cut, costs latency. */
    SYNC
}

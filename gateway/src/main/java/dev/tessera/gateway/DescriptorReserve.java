package dev.tessera.gateway;

import com.sun.management.UnixOperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.function.LongSupplier;

/**
 * File descriptors kept for the exchange's own files: a new journal cycle file, a snapshot, a session's state files.
 * A connection takes one before anyone knows who it is, so connections that never log on could take the last ones,
 * and the engine then failed to create its next cycle file and stopped the exchange (QA 125 F5b: 30 bare connects
 * under {@code ulimit -n 64}, no credentials needed). A connection accepted while fewer than {@link #reserve()} are
 * left is closed at once: new connections are what a full descriptor table costs, never the journal.
 *
 * <p>The count is the process's own ({@code /proc/self/fd} on Linux), read at each accept only: not on any per-message
 * path. Where the JVM cannot tell (not a Unix platform), nothing is refused.
 */
final class DescriptorReserve
{
    /** Kept at least, whatever the limit. */
    static final long MIN_RESERVE = 8;
    /** Kept at most: the exchange's own files need a few dozen at once, not more. */
    static final long MAX_RESERVE = 64;

    private final LongSupplier openDescriptors;
    private final long maxDescriptors;
    private final long reserve;

    DescriptorReserve(final LongSupplier openDescriptors, final long maxDescriptors)
    {
        this.openDescriptors = openDescriptors;
        this.maxDescriptors = maxDescriptors;
        this.reserve = reserveFor(maxDescriptors);
    }

    /** The reserve of this process, or one that refuses nothing where its descriptors cannot be counted. */
    static DescriptorReserve ofThisProcess()
    {
        final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix)
        {
            return new DescriptorReserve(unix::getOpenFileDescriptorCount, unix.getMaxFileDescriptorCount());
        }
        return new DescriptorReserve(() -> -1, -1);
    }

    /** An eighth of the limit, between {@link #MIN_RESERVE} and {@link #MAX_RESERVE}. */
    static long reserveFor(final long maxDescriptors)
    {
        return Math.min(MAX_RESERVE, Math.max(MIN_RESERVE, maxDescriptors / 8));
    }

    long reserve()
    {
        return reserve;
    }

    long maxDescriptors()
    {
        return maxDescriptors;
    }

    /**
     * The descriptors open, when fewer than the reserve are left (a connection just accepted counted among them), else
     * -1: the connection may stay.
     */
    long openWhenShort()
    {
        if (maxDescriptors <= 0)
        {
            return -1;
        }
        final long open = openDescriptors.getAsLong();
        return open >= 0 && maxDescriptors - open < reserve ? open : -1;
    }
}

package dev.tessera.perf;

import dev.tessera.perf.workload.HarnessArgs;
import dev.tessera.perf.workload.RateLadder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the harnesses report about the machine while they run: this is a shared 2-core box, so every
 * result carries the load average and the CPU time its own threads actually got.
 */
final class Machine
{
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
        (com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean();

    private Machine()
    {
    }

    /** The first three fields of /proc/loadavg ("1-min 5-min 15-min"), or "n/a". */
    static String loadAverage()
    {
        try
        {
            final String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (final IOException | RuntimeException ex)
        {
            return "n/a";
        }
    }

    /** The 1-minute load average, or -1. */
    static double load1()
    {
        try
        {
            return Double.parseDouble(loadAverage().split(" ")[0]);
        }
        catch (final RuntimeException ex)
        {
            return -1;
        }
    }

    /** CPU time of the whole process (all threads, JIT and GC included), ns. */
    static long processCpuNanos()
    {
        return OS.getProcessCpuTime();
    }

    /** CPU time of a thread, ns; -1 when it is gone or unsupported. */
    static long threadCpuNanos(final Thread thread)
    {
        return thread == null ? -1 : THREADS.getThreadCpuTime(thread.getId());
    }

    /** Collections so far, all collectors. */
    static long gcCount()
    {
        return RateLadder.gcCount();
    }

    /** Milliseconds spent collecting so far, all collectors. */
    static long gcMillis()
    {
        return RateLadder.gcMillis();
    }

    static int processors()
    {
        return Runtime.getRuntime().availableProcessors();
    }

    /** A live thread by name (e.g. "tessera-engine"), or null. */
    static Thread thread(final String name)
    {
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (name.equals(thread.getName()))
            {
                return thread;
            }
        }
        return null;
    }

    /** The header every harness prints first. */
    static String header(final String harness, final HarnessArgs args)
    {
        return String.format("[tessera-perf] %s %s%n[tessera-perf] %d CPUs, load average %s, %s %s, max heap %d MiB",
            harness, args.describe(), processors(), loadAverage(), System.getProperty("java.vm.name"),
            System.getProperty("java.vm.version"), Runtime.getRuntime().maxMemory() >> 20);
    }
}

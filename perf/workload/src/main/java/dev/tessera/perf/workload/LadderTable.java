package dev.tessera.perf.workload;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The console tables of a ladder run (Markdown, so a results README can quote them as they are): one
 * row per system and rate, and the comparison of each system against a baseline at the same rate
 * (the baseline's value divided by the system's: above 1 means the system is faster), plus each
 * system's throughput (its highest achieved rate) against the baseline's.
 */
public final class LadderTable
{
    private static final String[] PERCENTILES = {"p50", "p90", "p99", "p99.9", "p99.99", "max"};

    private LadderTable()
    {
    }

    public static String steps(final List<StepResult> results)
    {
        return steps(results, StepResult::system);
    }

    /**
     * As {@link #steps(List)}, each step's system as {@code system} names it (with the run of a repeated ladder, say). A
     * closed-loop step (rate 0: as many requests as the system answers, a fixed number in flight) says so for its rate.
     */
    public static String steps(final List<StepResult> results, final Function<StepResult, String> system)
    {
        final StringBuilder text = new StringBuilder();
        text.append("| system | rate/s | achieved/s | p50 us | p90 us | p99 us | p99.9 us | p99.99 us | max us | GCs (ms) |\n");
        text.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (final StepResult r : results)
        {
            text.append(String.format(Locale.ROOT, "| %s | %s | %,.0f%s | %s | %s | %s | %s | %s | %s | %d (%d) |%n",
                system.apply(r), rate(r), r.achieved(), r.saturated() ? " (saturated)" : "", StepResult.micros(r.p50()),
                StepResult.micros(r.p90()), StepResult.micros(r.p99()), StepResult.micros(r.p999()), StepResult.micros(r.p9999()),
                StepResult.micros(r.max()), r.gcCount(), r.gcMillis()));
        }
        return text.toString();
    }

    /** A step's offered rate, "closed loop" for a step that offers none (rate 0). */
    public static String rate(final StepResult r)
    {
        return r.rate() == 0 ? "closed loop" : String.format(Locale.ROOT, "%,d", r.rate());
    }

    /** Highest achieved rate of a system over its ladder: its sustained throughput. */
    public static double throughput(final List<StepResult> results, final String system)
    {
        return results.stream().filter(r -> r.system().equals(system)).mapToDouble(StepResult::achieved).max().orElse(Double.NaN);
    }

    private static boolean saturated(final List<StepResult> results, final String system)
    {
        return results.stream().anyMatch(r -> r.system().equals(system) && r.saturated());
    }

    public static String comparison(final List<StepResult> results, final String baseline)
    {
        return comparison(results, results, baseline);
    }

    /**
     * As {@link #comparison(List, String)}, the throughput ratios from {@code results} (the baseline's best of several
     * runs), the latency ratios from {@code latencyResults} (one run of the baseline: a table from several runs would
     * pair each rate with whichever run reached it). Rates where either side saturated get no latency ratio: the
     * latency of a saturated step is the length of its queue, and a ratio of two queues compares no latencies.
     */
    public static String comparison(final List<StepResult> results, final List<StepResult> latencyResults,
        final String baseline)
    {
        final Set<String> systems = new LinkedHashSet<>();
        results.forEach(r -> systems.add(r.system()));
        systems.remove(baseline);
        final StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "| system vs %s | throughput ratio |%n|---|---|%n", baseline));
        final double base = throughput(results, baseline);
        for (final String system : systems)
        {
            final double mine = throughput(results, system);
            // A system that never saturated was only offered so much: its throughput is at least that.
            final String atLeast = saturated(results, system) ? "" : ">= ";
            text.append(String.format(Locale.ROOT, "| %s | %s%.2fx (%s%,.0f/s vs %s%,.0f/s) |%n", system, atLeast, mine / base, atLeast,
                mine, saturated(results, baseline) ? "" : ">= ", base));
        }
        text.append(String.format(Locale.ROOT, "%n| system | rate/s | latency ratio %s / system: ", baseline));
        text.append(String.join(" | ", PERCENTILES)).append(" |\n|---|---|---|---|---|---|---|---|\n");
        for (final String system : systems)
        {
            for (final StepResult mine : latencyResults)
            {
                if (!mine.system().equals(system))
                {
                    continue;
                }
                final Optional<StepResult> theirs = find(latencyResults, baseline, mine.rate());
                if (theirs.isEmpty() || mine.saturated() || theirs.get().saturated())
                {
                    continue;
                }
                final long[] a = values(theirs.get());
                final long[] b = values(mine);
                final List<String> ratios = new ArrayList<>();
                for (int i = 0; i < a.length; i++)
                {
                    ratios.add(b[i] == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (double)a[i] / b[i]));
                }
                text.append(String.format(Locale.ROOT, "| %s | %,d | %s |%n", system, mine.rate(),
                    String.join(" | ", ratios)));
            }
        }
        text.append(String.format(Locale.ROOT, "%nRates where either side saturated have no latency ratio (a " +
            "saturated step's latency is its queue's length).%n"));
        return text.toString();
    }

    private static Optional<StepResult> find(final List<StepResult> results, final String system, final long rate)
    {
        return results.stream().filter(r -> r.system().equals(system) && r.rate() == rate).findFirst();
    }

    private static long[] values(final StepResult r)
    {
        return new long[] {r.p50(), r.p90(), r.p99(), r.p999(), r.p9999(), r.max()};
    }
}

package dev.tessera.perf;

import dev.tessera.perf.workload.HarnessArgs;
import dev.tessera.perf.workload.LadderTable;
import dev.tessera.perf.workload.RateLadder;
import dev.tessera.perf.workload.StepResult;
import dev.tessera.report.AxisScale;
import dev.tessera.report.HtmlReport;
import dev.tessera.report.LineChart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The report of one {@code perf/bin/suite} run, from what its stages left in the run's directory: the
 * ladder results of every system ({@code RESULT} lines in {@code *.txt}, whichever JVM printed them),
 * their {@code .hgrm} files and {@code machine.txt}. Writes {@code summary.md} (which workload ran, then the
 * console tables: every step, then each Tessera system against exchange-core at the same rate) and {@code report.html},
 * a self-contained page with the latency-by-percentile charts (log scale, as HdrHistogram's plotter
 * draws them): one line per system and rate, and one chart per rate with the systems side by side.
 *
 * <pre>
 * java -cp perf/target/benchmarks.jar dev.tessera.perf.SuiteReport --dir perf/results/DATE-NAME [--baseline exchange-core]
 * </pre>
 */
public final class SuiteReport
{
    private static final Pattern LATER_RUN = Pattern.compile("ladder-.+-run([2-9]|[1-9][0-9]+)\\.txt");
    private static final Pattern RUN = Pattern.compile("ladder-.+-run([0-9]+)\\.txt");
    private static final Pattern WINDOW = Pattern.compile(" window=([0-9]+)");
    /** How Tessera's ladder says which workload it ran (the generated mix, or a journal's commands and what was dropped). */
    static final String WORKLOAD = "[tessera-perf] workload: ";

    private SuiteReport()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final HarnessArgs options = new HarnessArgs(args);
        final Path dir = Path.of(options.string("dir", ".",
            "the suite run's directory: reads its results, writes summary.md and report.html there"));
        final String baseline = options.string("baseline", "exchange-core",
            "the system every other is compared with: latency against its first run, throughput against its best");
        options.requireAllUsed();

        // Each step as the tables name its system: with its run of a repeated ladder, a closed loop with its window.
        final Map<StepResult, String> systems = new IdentityHashMap<>();
        final List<StepResult> results = results(dir, file -> true, systems);
        final String engine = section(dir.resolve("engine-jmh.txt"), "Benchmark");
        final String restart = section(dir.resolve("restart.txt"), "| journal") + section(dir.resolve("restart-10m.txt"), "| journal");
        if (results.isEmpty() && engine.isEmpty() && restart.isEmpty())
        {
            // A directory without a run in it (a wrong --dir, a run whose stages all failed) is a usage mistake:
            // one line and exit status 2, as the harnesses' option mistakes, not a stack trace.
            System.err.println("SuiteReport: no results (ladder RESULT lines, engine-jmh.txt or restart*.txt) in " + dir);
            System.exit(2);
            return;
        }
        // --only restart (or engine) runs no ladder: the report then holds just those sections.
        final String steps = results.isEmpty() ? "" : LadderTable.steps(results, systems::get);
        final boolean compared = results.stream().anyMatch(r -> r.system().equals(baseline));
        // The FIX round trip crosses TCP, two FIX codecs and a second JVM; exchange-core's ladder has none of
        // them, so a ratio against it would compare transports, not engines: it is shown, not compared.
        final List<StepResult> comparable = results.stream().filter(r -> !r.system().endsWith("-tcp")).toList();
        // Latency against the baseline's first run only, which the charts show too; throughput against its best.
        final List<StepResult> latencyComparable = results(dir, file -> !isLaterRun(file)).stream()
            .filter(r -> !r.system().endsWith("-tcp")).toList();
        final String comparison = compared ? LadderTable.comparison(comparable, latencyComparable, baseline) : "";
        final String workload = workload(dir);
        final String summary = header(dir) + (workload.isEmpty() ? "" : "Workload: " + workload + "\n\n") + steps +
            (compared ? "\n" + comparison : "") +
            (engine.isEmpty() ? "" : "\nEngine, one thread, JMH with -prof gc (engine-jmh.txt):\n" + engine) +
            (restart.isEmpty() ? "" : "\nRestart (restart*.txt):\n" + restart);
        System.out.println(summary);
        Files.writeString(dir.resolve("summary.md"), summary);

        final HtmlReport report = new HtmlReport("Tessera latency ladder: " + dir.getFileName());
        final Path machine = dir.resolve("machine.txt");
        if (Files.exists(machine))
        {
            report.heading("Machine and command").preformatted(Files.readString(machine));
        }
        if (!workload.isEmpty())
        {
            report.heading("Workload").paragraph(workload);
        }
        if (!results.isEmpty())
        {
            report.heading("Every step").paragraph("Latency is measured from each command's intended send time (fixed-rate " +
                "schedule, no coordinated omission), in microseconds; achieved is the window's commands over the time from " +
                "its first intended send to its last completion. The ladder of a system stops after its first saturated rate.");
            report.table(List.of("system", "rate/s", "achieved/s", "p50 us", "p90 us", "p99 us", "p99.9 us", "p99.99 us",
                "max us", "GCs (ms)"), results.stream().map(r -> row(r, systems.get(r))).toList());
        }
        if (compared)
        {
            report.heading("Against " + baseline).preformatted(comparison);
        }
        if (!engine.isEmpty())
        {
            report.heading("Engine, one thread (JMH, -prof gc)").preformatted(engine);
        }
        if (!restart.isEmpty())
        {
            report.heading("Restart").preformatted(restart);
        }
        if (!results.isEmpty())
        {
            report.heading("Latency by percentile");
            report.lineChart(chart("Every system and rate", results, dir, null));
            for (final long rate : new TreeSet<>(results.stream().map(StepResult::rate).toList()))
            {
                report.lineChart(chart(String.format(Locale.ROOT, "%,d commands/s", rate), results, dir, rate));
            }
        }
        final Path html = report.writeTo(dir.resolve("report.html"));
        System.out.println("[tessera-perf] wrote " + dir.resolve("summary.md") + " and " + html);
    }

    /** The lines of {@code machine.txt} a copied {@code summary.md} must keep to be read right (QA 94 F11). */
    private static final List<String> HEADER_FIELDS = List.of("date -u:", "command:", "commit:", "cores:", "cpu:", "jdk:");

    /**
     * When, at which commit, with which command and on what machine the run was made: the first of each of
     * {@link #HEADER_FIELDS} in {@code machine.txt}, which holds the whole record; empty without one.
     */
    static String header(final Path dir) throws IOException
    {
        final Path machine = dir.resolve("machine.txt");
        if (!Files.exists(machine))
        {
            return "";
        }
        final List<String> lines = Files.readAllLines(machine);
        final StringBuilder header = new StringBuilder("# perf/bin/suite: ").append(dir.getFileName()).append("\n\n");
        for (final String field : HEADER_FIELDS)
        {
            lines.stream().filter(line -> line.startsWith(field)).findFirst()
                .ifPresent(line -> header.append("    ").append(line.strip()).append('\n'));
        }
        return header.append("\nThe whole machine record is in machine.txt.\n\n").toString();
    }

    /** Every RESULT line of the ladder stages' files ({@code ladder*.txt}), in file-name order. */
    static List<StepResult> results(final Path dir) throws IOException
    {
        return results(dir, file -> true);
    }

    /**
     * A repeated ladder's run after its first: {@code ladder-<name>-run<N>.txt} with N above 1 (the suite repeats only
     * the baseline's, under a file name that stays {@code ladder-exchange-core-run<N>.txt} whatever its wait mode).
     */
    static boolean isLaterRun(final Path file)
    {
        return LATER_RUN.matcher(file.getFileName().toString()).matches();
    }

    private static List<StepResult> results(final Path dir, final Predicate<Path> wanted) throws IOException
    {
        return results(dir, wanted, new IdentityHashMap<>());
    }

    /** As {@link #results(Path, Predicate)}, and what the tables call each step's system, into {@code systems}. */
    private static List<StepResult> results(final Path dir, final Predicate<Path> wanted, final Map<StepResult, String> systems)
        throws IOException
    {
        final List<StepResult> results = new ArrayList<>();
        final List<Path> files;
        try (Stream<Path> list = Files.list(dir))
        {
            files = list.filter(f -> f.getFileName().toString().startsWith("ladder") && wanted.test(f)).sorted().toList();
        }
        // exchange-core's ladder runs --peer-runs times: its rows are told apart by run (QA 113 F7: three blocks of
        // identical "exchange-core" rows). A single run is not numbered.
        final boolean repeated = files.stream().filter(file -> RUN.matcher(file.getFileName().toString()).matches()).count() > 1;
        for (final Path file : files)
        {
            final Matcher run = RUN.matcher(file.getFileName().toString());
            final String ofRun = repeated && run.matches() ? " (run " + run.group(1) + ")" : "";
            for (final String line : Files.readAllLines(file))
            {
                if (line.startsWith(StepResult.PREFIX))
                {
                    final StepResult result = StepResult.parse(line);
                    results.add(result);
                    systems.put(result, result.system() + ofRun + inFlight(result, line));
                }
            }
        }
        return results;
    }

    /**
     * A closed-loop step's window, as its RESULT line gives it (FixGatewayBenchmark's window and sessions fields):
     * " (64 in flight per session)"; "" for a fixed-rate step.
     */
    private static String inFlight(final StepResult result, final String line)
    {
        final Matcher window = WINDOW.matcher(line);
        return result.rate() == 0 && window.find() ? " (" + window.group(1) + " in flight per session)" : "";
    }

    /** What the first {@link #WORKLOAD} line of the ladder stages' files says ("" when none does). */
    static String workload(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path file : files.filter(f -> f.getFileName().toString().startsWith("ladder")).sorted().toList())
            {
                for (final String line : Files.readAllLines(file))
                {
                    if (line.startsWith(WORKLOAD))
                    {
                        return line.substring(WORKLOAD.length());
                    }
                }
            }
        }
        return "";
    }

    /** The lines of a stage's output from the first one starting with {@code from} ("" when there is none). */
    private static String section(final Path file, final String from) throws IOException
    {
        if (!Files.exists(file))
        {
            return "";
        }
        final StringBuilder text = new StringBuilder();
        boolean inside = false;
        for (final String line : Files.readAllLines(file))
        {
            inside |= line.startsWith(from);
            if (inside && !line.isBlank())
            {
                text.append(line).append('\n');
            }
        }
        return text.toString();
    }

    private static List<String> row(final StepResult r, final String system)
    {
        return List.of(system, LadderTable.rate(r),
            String.format(Locale.ROOT, "%,.0f%s", r.achieved(), r.saturated() ? " (saturated)" : ""), StepResult.micros(r.p50()),
            StepResult.micros(r.p90()), StepResult.micros(r.p99()), StepResult.micros(r.p999()), StepResult.micros(r.p9999()),
            StepResult.micros(r.max()), r.gcCount() + " (" + r.gcMillis() + ")");
    }

    /** One line per step (of one rate, or all when {@code rate} is null), from its .hgrm file. */
    private static LineChart chart(final String title, final List<StepResult> results, final Path dir, final Long rate)
    {
        final LineChart chart = new LineChart(title).xAxis("percentile", AxisScale.LOG).percentileTicks()
            .yAxis("latency from intended send (us)", AxisScale.LOG);
        for (final StepResult result : results)
        {
            if (rate != null && result.rate() != rate)
            {
                continue;
            }
            final Path file = dir.resolve(RateLadder.hgrmName(result.system(), result.rate()));
            if (Files.exists(file))
            {
                final double[][] points = percentiles(file);
                chart.series(String.format(Locale.ROOT, "%s %,d/s", result.system(), result.rate()), points[0], points[1]);
            }
        }
        return chart;
    }

    /** The (1/(1-percentile), value) points of an {@code outputPercentileDistribution} file; the 100% row is left out. */
    static double[][] percentiles(final Path hgrm)
    {
        final List<double[]> points = new ArrayList<>();
        try
        {
            for (final String line : Files.readAllLines(hgrm))
            {
                final String[] fields = line.trim().split("\\s+");
                if (fields.length != 4 || line.startsWith("#"))
                {
                    continue;
                }
                try
                {
                    final double value = Double.parseDouble(fields[0]);
                    final double percentile = Double.parseDouble(fields[1]);
                    if (percentile < 1.0)
                    {
                        points.add(new double[] {LineChart.percentileX(percentile), value});
                    }
                }
                catch (final NumberFormatException ex)
                {
                    // the header line
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + hgrm, ex);
        }
        final double[][] xy = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++)
        {
            xy[0][i] = points.get(i)[0];
            xy[1][i] = points.get(i)[1];
        }
        return xy;
    }
}

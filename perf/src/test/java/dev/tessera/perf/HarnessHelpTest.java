package dev.tessera.perf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * QA 94 F11: every harness's {@code --help} says what each of its options means. Each harness runs its real {@code main}
 * with {@code --help} in a JVM of its own (the help exits the JVM), so the options checked are exactly those it reads.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HarnessHelpTest
{
    /** Every class of this module that reads its options through HarnessArgs; the test below keeps the list complete. */
    private static final List<Class<?>> HARNESSES = List.of(
        PipelineLatencyHarness.class, PipelineThroughputBenchmark.class, JournalAppendBenchmark.class, ReplayBenchmark.class,
        RestartHarness.class, SimulationBenchmark.class, HostJitter.class, FixGatewayBenchmark.class, SuiteReport.class);
    /** "  --name VALUE", then at least two spaces and the description. */
    private static final Pattern DESCRIBED = Pattern.compile("  --[a-z0-9-]+ .*\\S {2,}\\S.*");

    @Test
    void shouldDescribeEveryOptionOfEveryHarness() throws Exception
    {
        for (final Class<?> harness : HARNESSES)
        {
            final String help = help(harness);
            final List<String> options = help.lines().filter(line -> line.startsWith("  --")).collect(Collectors.toList());

            assertThat(options).as(harness.getSimpleName() + " --help:%n%s", help).isNotEmpty();
            assertThat(options).as(harness.getSimpleName() + " options without a description").allMatch(
                line -> DESCRIBED.matcher(line).matches());
        }
    }

    @Test
    void shouldSayWhatTheReviewersOptionsMean() throws Exception
    {
        final String latency = help(PipelineLatencyHarness.class);

        assertThat(latency).containsPattern("--complete-at READ +where a journaled command's latency ends: READ when")
            .containsPattern("--consumer-wait \\(not set\\) +how the journal's consumer thread waits for records; not set: " +
                "as --wait \\(blocking, sleeping, yielding, busy-spin\\)")
            .containsPattern("--ring-ops 524288 +random operations in one cycle of the generated mix")
            .containsPattern("--fork true +each configuration in a fresh JVM of its own");
    }

    @Test
    void shouldListEveryHarnessThatReadsHarnessArgs() throws IOException
    {
        final Path sources = Path.of("src/main/java/dev/tessera/perf");
        final Set<String> readers = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources))
        {
            for (final Path file : (Iterable<Path>)files.filter(path -> path.toString().endsWith(".java"))::iterator)
            {
                if (Files.readString(file).contains("new HarnessArgs("))
                {
                    readers.add(file.getFileName().toString().replace(".java", ""));
                }
            }
        }
        final Set<String> listed = HARNESSES.stream().map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));

        assertThat(readers).as("harnesses in " + sources.toAbsolutePath()).isEqualTo(listed);
    }

    /** What {@code harness --help} prints, after checking that it exits 0. */
    private static String help(final Class<?> harness) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
            harness.getName(), "--help"));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(harness.getSimpleName() + " --help ended").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}

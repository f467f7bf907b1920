package dev.tessera.perf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The perf scripts as a person runs them, against the packaged benchmarks.jar: a bad option value is named in one line,
 * exit status 2, before anything runs and before a results directory is made (no stack trace, no half-filled results).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HarnessOptionsIT
{
    private static final Path ROOT = Path.of(System.getProperty("tessera.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path directory;

    private record Result(int exitCode, String output)
    {
    }

    private static Result run(final String script, final String... args) throws IOException, InterruptedException
    {
        return run(Map.of(), script, args);
    }

    private static Result run(final Map<String, String> environment, final String script, final String... args)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of(ROOT.resolve(script).toString(), "--no-build"));
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private void assertRefused(final Result result, final Path results, final String message)
    {
        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains(message).doesNotContain("Exception", "\tat ", "[tessera-perf]", "gateway pid");
        assertThat(results).as("no results directory").doesNotExist();
    }

    @Test
    void shouldRefuseABadFixBenchValueBeforeMakingItsResultsDirectory() throws Exception
    {
        final Path results = directory.resolve("fix-gateway");

        assertRefused(run("perf/bin/fix-bench", "--out", results.toString(), "--rates", "abc"), results,
            "FixGatewayBenchmark: --rates takes a comma-separated list of whole numbers >= 1, got abc");
        assertRefused(run("perf/bin/fix-bench", "--out", results.toString(), "--sessions", "0"), results,
            "FixGatewayBenchmark: --sessions takes a whole number >= 1, got 0");
        assertRefused(run("perf/bin/fix-bench", "--out", results.toString(), "--measure", "-5"), results,
            "FixGatewayBenchmark: --measure takes a number > 0, got -5");
        assertRefused(run("perf/bin/fix-bench", "--out", results.toString(), "--throughput", "maybe"), results,
            "FixGatewayBenchmark: --throughput takes true or false, got maybe");
        assertRefused(run("perf/bin/fix-bench", "--out", results.toString(), "--wait", "fast"), results,
            "FixGatewayBenchmark: --wait takes one of blocking, ");
    }

    @Test
    void shouldRefuseABadPipelineBenchValueBeforeMakingItsOutDirectory() throws Exception
    {
        final Path results = directory.resolve("pipeline");

        assertRefused(run("perf/bin/pipeline-bench", "--out", results.toString(), "latency", "--rates", "abc"), results,
            "PipelineLatencyHarness: --rates takes a comma-separated list of whole numbers >= 1, got abc");
        assertRefused(run("perf/bin/pipeline-bench", "--out", results.toString(), "throughput", "--measure", "-5"), results,
            "PipelineThroughputBenchmark: --measure takes a number > 0, got -5");
        assertRefused(run("perf/bin/pipeline-bench", "--out", results.toString(), "jitter", "--threads", "0"), results,
            "HostJitter: --threads takes a comma-separated list of whole numbers >= 1, got 0");
        assertRefused(run("perf/bin/pipeline-bench", "--out", results.toString(), "append", "--batches", "1,x"), results,
            "JournalAppendBenchmark: --batches takes a comma-separated list of whole numbers >= 1, got 1,x");
        assertRefused(run("perf/bin/pipeline-bench", "--out", results.toString(), "replay", "--events", "-1"), results,
            "ReplayBenchmark: --events takes a whole number >= 1, got -1");
        assertRefused(run("perf/bin/pipeline-bench", "--out", results.toString(), "restart", "--snapshot-at", "2"), results,
            "RestartHarness: --snapshot-at takes a number from 0 to 1, got 2");
        assertRefused(run("perf/bin/pipeline-bench", "--out", results.toString(), "simulate", "--repeat", "0"), results,
            "SimulationBenchmark: --repeat takes a whole number >= 1, got 0");
        assertRefused(run("perf/bin/pipeline-bench", "latency", "--instrument", "AAPL"), results,
            "PipelineLatencyHarness: --instrument chooses an instrument of --journal DIR");
        // QA 113 F3: a stack trace from the forked child, after the results directory was made
        final Path empty = Files.createDirectories(directory.resolve("empty"));
        assertRefused(run("perf/bin/pipeline-bench", "--out", results.toString(), "latency", "--journal", empty.toString()),
            results, "PipelineLatencyHarness: --journal " + empty + " holds no journal (no Chronicle Queue cycle file)");
    }

    @Test
    void shouldRefuseABadSuiteValueBeforeMakingItsResultsDirectory() throws Exception
    {
        final Path results = directory.resolve("suite");

        assertRefused(run("perf/bin/suite", "--out", results.toString(), "--peer-runs", "0"), results,
            "suite: --peer-runs takes a whole number >= 1, got 0");
        assertRefused(run("perf/bin/suite", "--out", results.toString(), "--only", "ladder,lader"), results,
            "suite: --only takes stages among ladder, engine, restart, tcp, report, got ladder,lader");
        assertRefused(run("perf/bin/suite", "--out", results.toString(), "--peer-runs"), results,
            "suite: --peer-runs takes a value");
        final Path empty = Files.createDirectories(directory.resolve("empty-journal"));
        assertRefused(run("perf/bin/suite", "--out", results.toString(), "--only", "ladder", "--journal", empty.toString()),
            results, "suite: --journal " + empty + " holds no journal (no Chronicle Queue cycle file)");
    }

    /** QA 113 F7: the suite refused --wait yielding, which fix-bench and pipeline-bench take. */
    @Test
    void shouldTakeTheSuitesWaitInAnyCase() throws Exception
    {
        // Refused for another reason, after --wait was read: --only report finds no earlier run there.
        final Result result = run("perf/bin/suite", "--wait", "yielding", "--only", "report", "--out",
            directory.resolve("none").toString());

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains("suite: --only report summarises an earlier run").doesNotContain("--wait takes");
    }

    @Test
    void shouldNameAnUnknownPipelineBenchMode() throws Exception
    {
        final Result result = run("perf/bin/pipeline-bench", "bogus");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains("pipeline-bench: unknown mode bogus; modes are jitter, throughput, latency")
            .doesNotContain("need a harness");
    }

    @Test
    void shouldSayInOneLineThatASuiteDirectoryHoldsNoResults() throws Exception
    {
        final Path results = Files.createDirectories(directory.resolve("no-run"));
        Files.writeString(results.resolve("README.md"), "a directory without a run in it");

        final Result result = run("perf/bin/suite", "--only", "report", "--out", results.toString());

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains("SuiteReport: no results").doesNotContain("Exception", "\tat ");
        assertThat(results.resolve("summary.md")).doesNotExist();
    }

    @Test
    void shouldRunTheSuitesRestartStageWithTheLaunchersClassDataArchive() throws Exception
    {
        // As pipeline-bench restart and bin/tessera do, so that the suite's restart times compare with theirs.
        final Path results = directory.resolve("restart");

        final Result result = run("perf/bin/suite", "--smoke", "--only", "restart", "--out", results.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        final String command = Files.readAllLines(results.resolve("restart.txt")).get(0);
        assertThat(command).contains("RestartHarness", "-XX:SharedArchiveFile=" + ROOT.resolve("perf/target/benchmarks."));
        assertThat(Files.readString(results.resolve("machine.txt"))).contains("restart:  the restart stage's JVMs also " +
            "-XX:SharedArchiveFile=");
    }

    @Test
    void shouldRefuseOutWithoutAValueInEveryScript() throws Exception
    {
        for (final String script : List.of("bench", "fix-bench", "pipeline-bench"))
        {
            final Result result = run("perf/bin/" + script, "--out");
            assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
            assertThat(result.output()).contains(script + ": --out takes a directory").doesNotContain("unbound variable");
        }
    }

    /** QA 94 F9: JMH's own options are checked before the results directory is made, as the other scripts' are. */
    @Test
    void shouldRefuseABadJmhOptionOrAnEmptySelectionBeforeMakingTheResultsDirectory() throws Exception
    {
        final Path bad = directory.resolve("bad-option");
        final Result badOption = run("perf/bin/bench", "--no-build", "--out", bad.toString(), "-wi", "abc");

        assertThat(badOption.exitCode()).as(badOption.output()).isEqualTo(2);
        assertThat(badOption.output()).contains("Cannot parse argument 'abc' of option wi", "was not made");
        assertThat(bad).doesNotExist();

        final Path none = directory.resolve("no-match");
        final Result noMatch = run("perf/bin/bench", "--no-build", "--out", none.toString(), "-f", "1", "NoSuchBenchmark");

        assertThat(noMatch.exitCode()).as(noMatch.output()).isEqualTo(2);
        assertThat(noMatch.output()).contains("bench: no benchmark matches", "NoSuchBenchmark");
        assertThat(none).doesNotExist();
    }

    /** QA 94 F11: a harness's --help through its script says what each option means, with its default. */
    @Test
    void shouldDescribeAHarnesssOptionsThroughItsScript() throws Exception
    {
        final Result latency = run("perf/bin/pipeline-bench", "latency", "--help");

        assertThat(latency.exitCode()).as(latency.output()).isZero();
        assertThat(latency.output()).containsPattern("--complete-at READ +where a journaled command's latency ends")
            .doesNotContain("[tessera-perf]");

        final Result fix = run("perf/bin/fix-bench", "--help");

        assertThat(fix.exitCode()).as(fix.output()).isZero();
        assertThat(fix.output()).containsPattern("--live-orders 16 +live orders per session before the next request cancels")
            .contains("perf/bin/fix-bench").doesNotContain("gateway pid");
    }

    @Test
    void shouldPrintTheBenchScriptsOwnUsage() throws Exception
    {
        final Result result = run("perf/bin/bench", "--help");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("perf/bin/bench --out DIR", "-prof gc").doesNotContain("Error parsing command line");
    }

    @Test
    void shouldRefuseASuiteDirectoryHoldingAnEarlierRunUnlessForced() throws Exception
    {
        final Path results = Files.createDirectories(directory.resolve("earlier"));
        final Path stale = Files.writeString(results.resolve("restart.txt"), "an earlier run's restart stage");

        final Result refused = run("perf/bin/suite", "--out", results.toString(), "--only", "restart");

        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
        assertThat(refused.output()).contains(results + " already holds files", "--force");
        assertThat(stale).exists();
    }

    @Test
    void shouldUseTheSuitesNameForItsResultsDirectory() throws Exception
    {
        // A directory of that name holding a file: the suite names it in its refusal, so --name was used (it was
        // overwritten by the --only check and every run went to <date>-report/).
        final String name = "it-name-" + ProcessHandle.current().pid();
        final Path results = ROOT.resolve("perf/results").resolve(LocalDate.now(ZoneOffset.UTC) + "-" + name);
        Files.createDirectories(results);
        try
        {
            Files.writeString(results.resolve("machine.txt"), "an earlier run");

            final Result refused = run("perf/bin/suite", "--name", name, "--only", "restart");

            assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
            assertThat(refused.output()).contains(results + " already holds files");
        }
        finally
        {
            Files.deleteIfExists(results.resolve("machine.txt"));
            Files.deleteIfExists(results);
        }
    }

    /** QA 113 F6: JMH's refusal was a stack trace, and with --out it left a directory that refused the retry. */
    @Test
    void shouldSayInOneLineThatAnotherJmhRunHoldsTheLockAndMakeNothing() throws Exception
    {
        // This JVM holds the lock, as another JMH run would; in a java.io.tmpdir of the test's own, so that no real
        // run on the machine is in the way or kept waiting.
        final Path tmp = Files.createDirectories(directory.resolve("tmp"));
        final Path results = directory.resolve("lock-held");
        final Result result;
        try (FileChannel channel = FileChannel.open(tmp.resolve("jmh.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock())
        {
            result = run(Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp), "perf/bin/bench", "--out", results.toString(),
                "-f", "1", "-wi", "1", "-i", "1", "OrderBookBenchmark.add");
        }

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("bench: another JMH run holds " + tmp.resolve("jmh.lock") +
            " (JMH allows one run per machine): wait for it to end; nothing was run and nothing written to " + results)
            .doesNotContain("RunnerException", "\tat ");
        assertThat(results).doesNotExist();
    }

    /** QA 113 F5: machine.txt's command lost its quotes, so an argument with a space in it no longer ran. */
    @Test
    void shouldRecordACommandThatRunsAgainAsItStands() throws Exception
    {
        final Path results = directory.resolve("with space");

        final Result result = run("perf/bin/pipeline-bench", "--out", results.toString(), "jitter", "--seconds", "1",
            "--threads", "1");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(Files.readAllLines(results.resolve("machine.txt"))).contains("command:  perf/bin/pipeline-bench --no-build " +
            "--out '" + results + "' jitter --seconds 1 --threads 1");
        assertThat(Files.readAllLines(results.resolve("jitter.txt")).get(0)).startsWith("$ java @")
            .endsWith("dev.tessera.perf.HostJitter --seconds 1 --threads 1");
    }

    @Test
    void shouldRefuseAFixBenchDirectoryHoldingAnEarlierRun() throws Exception
    {
        final Path results = Files.createDirectories(directory.resolve("fix"));
        Files.writeString(results.resolve("fix-gateway.txt"), "an earlier run");

        final Result refused = run("perf/bin/fix-bench", "--out", results.toString());

        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
        assertThat(refused.output()).contains("already holds an earlier run's fix-gateway.txt").doesNotContain("gateway pid");
        assertThat(results.resolve("machine.txt")).doesNotExist();
    }
}

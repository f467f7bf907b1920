package dev.tessera.perf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite's comparison against exchange-core: throughput against the peer's best run, latency against its first
 * run only (QA 94: the 200k row paired Tessera with run 3, the only peer run that reached 200k, while the rows
 * below and the charts used run 1), and no latency ratio where either side saturated.
 */
class SuiteReportTest
{
    @TempDir
    Path dir;

    @Test
    void shouldTakeLatencyRatiosFromThePeersFirstRunAndLeaveOutSaturatedSteps() throws Exception
    {
        // Run 1 reaches 100k, saturated; run 3 reaches 200k. Tessera reaches both.
        Files.writeString(dir.resolve("ladder-exchange-core-run1.txt"),
            step("exchange-core", 10_000, 10_000, 1_000_000) + step("exchange-core", 100_000, 60_000, 600_000_000));
        Files.writeString(dir.resolve("ladder-exchange-core-run3.txt"),
            step("exchange-core", 10_000, 10_000, 2_000_000) + step("exchange-core", 100_000, 100_000, 3_000_000) +
            step("exchange-core", 200_000, 200_000, 6_000_000));
        Files.writeString(dir.resolve("ladder-tessera.txt"),
            step("tessera-journal", 10_000, 10_000, 40_000) + step("tessera-journal", 100_000, 100_000, 50_000) +
            step("tessera-journal", 200_000, 200_000, 40_000));

        SuiteReport.main(new String[] {"--dir", dir.toString()});

        final String summary = Files.readString(dir.resolve("summary.md"));
        final String latency = summary.substring(summary.indexOf("latency ratio exchange-core / system"));
        assertThat(latency).as("run 1's 10k step: 1,000,000 / 40,000").contains("| tessera-journal | 10,000 | 25.00 |");
        assertThat(latency).as("run 1 saturated at 100k: no ratio").doesNotContain("| tessera-journal | 100,000 |");
        assertThat(latency).as("only run 3 reached 200k: not paired").doesNotContain("| tessera-journal | 200,000 |");
        assertThat(summary).as("throughput against the peer's best run")
            .contains("| tessera-journal | >= 1.00x (>= 200,000/s vs 200,000/s) |");
        assertThat(summary).contains("Rates where either side saturated have no latency ratio");
    }

    /** QA 94 F11: a summary.md copied away from its machine.txt still says when, where and how it was run. */
    @Test
    void shouldHeadTheSummaryWithTheRunsDateCommitCommandAndMachine() throws Exception
    {
        Files.writeString(dir.resolve("machine.txt"), "date -u:  2026-11-24T07:19:45Z\n" +
            "command:  perf/bin/suite --only ladder --name x\ncommit:   b4fb611\ncores:    2\ncpu:      AMD EPYC\n" +
            "memory:   23.5 GiB\njdk:      openjdk version \"17.0.15\"\n\ndate -u:  2026-11-24T07:30:00Z\n");
        Files.writeString(dir.resolve("ladder-tessera.txt"), step("tessera-journal", 10_000, 10_000, 40_000));

        SuiteReport.main(new String[] {"--dir", dir.toString()});

        assertThat(Files.readString(dir.resolve("summary.md"))).startsWith("# perf/bin/suite: " + dir.getFileName() +
            "\n\n    date -u:  2026-11-24T07:19:45Z\n    command:  perf/bin/suite --only ladder --name x\n" +
            "    commit:   b4fb611\n    cores:    2\n    cpu:      AMD EPYC\n    jdk:      openjdk version \"17.0.15\"\n" +
            "\nThe whole machine record is in machine.txt.\n\n| system |");
    }

    /** QA 113 F7: the FIX closed loop's row said "rate/s 0", and the peer's runs were three blocks of alike rows. */
    @Test
    void shouldLabelAClosedLoopStepAndNumberTheRunsOfARepeatedLadder() throws Exception
    {
        Files.writeString(dir.resolve("ladder-exchange-core-run1.txt"), step("exchange-core", 10_000, 10_000, 1_000_000));
        Files.writeString(dir.resolve("ladder-exchange-core-run2.txt"), step("exchange-core", 10_000, 10_000, 2_000_000));
        Files.writeString(dir.resolve("ladder-tcp.txt"), step("tessera-fix-tcp", 20_000, 20_000, 40_000) +
            step("tessera-fix-tcp", 0, 399_691, 50_000).replace("maxLateNs=0", "maxLateNs=0 step=throughput window=64 sessions=10"));

        SuiteReport.main(new String[] {"--dir", dir.toString()});

        final String summary = Files.readString(dir.resolve("summary.md"));
        assertThat(summary).contains("| exchange-core (run 1) | 10,000 | 10,000 | 1,000 |",
            "| exchange-core (run 2) | 10,000 | 10,000 | 2,000 |", "| tessera-fix-tcp | 20,000 | 20,000 |",
            "| tessera-fix-tcp (64 in flight per session) | closed loop | 399,691 |");
        assertThat(summary).doesNotContain("| 0 |");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("exchange-core (run 2)", "closed loop");
    }

    @Test
    void shouldTellALaterRunOfARepeatedLadderFromItsFirst()
    {
        assertThat(SuiteReport.isLaterRun(Path.of("ladder-exchange-core-run1.txt"))).isFalse();
        assertThat(SuiteReport.isLaterRun(Path.of("ladder-exchange-core-run2.txt"))).isTrue();
        assertThat(SuiteReport.isLaterRun(Path.of("ladder-exchange-core-run12.txt"))).isTrue();
        assertThat(SuiteReport.isLaterRun(Path.of("ladder-exchange-core-run10.txt"))).isTrue();
        assertThat(SuiteReport.isLaterRun(Path.of("ladder-tessera.txt"))).isFalse();
    }

    private static String step(final String system, final long rate, final long achieved, final long p50)
    {
        return String.format("RESULT system=%s rate=%d achieved=%d count=%d unsent=0 p50=%d p90=%d p99=%d p999=%d " +
            "p9999=%d max=%d mean=%d gcs=0 gcMs=0 maxLateNs=0%n", system, rate, achieved, rate, p50, p50, p50, p50, p50,
            p50, p50);
    }
}

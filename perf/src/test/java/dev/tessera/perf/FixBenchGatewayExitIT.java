package dev.tessera.perf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * perf/bin/fix-bench against the packaged jars when its gateway exits. QA 113 F1: killed outright (kill -9) in the
 * middle of a latency step. The run stops at once and says so, with the gateway's exit status; it does not spin on for three times
 * the step's length and then report the dead gateway's step as a saturated one, with percentiles and a negative CPU.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FixBenchGatewayExitIT
{
    private static final Path ROOT = Path.of(System.getProperty("tessera.root", "..")).toAbsolutePath().normalize();
    private static final Pattern GATEWAY_PID = Pattern.compile("gateway pid (\\d+) on port");

    /** QA 113 F7: the gateway's advice for a port in use names bin/tessera's --set, which fix-bench does not take. */
    @Test
    void shouldNameItsOwnWayOfChoosingThePortWhenTheGatewaysPortIsInUse() throws Exception
    {
        try (ServerSocket taken = new ServerSocket())
        {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            final Process bench = new ProcessBuilder(ROOT.resolve("perf/bin/fix-bench").toString(), "--no-build", "--smoke",
                "--server-jvm-args", "-Dtessera.gateway.port=" + taken.getLocalPort()).redirectErrorStream(true).start();
            final String output = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bench.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(bench.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains("the gateway exited with status 3 before it listened",
                "perf/bin/fix-bench --server-jvm-args -Dtessera.gateway.port=N").doesNotContain("\tat ");
        }
    }

    @Test
    void shouldStopAtOnceAndSayTheGatewayExitedWhenItIsKilledMidStep() throws Exception
    {
        final StringBuilder output = new StringBuilder();
        final long afterKillSeconds = runAndStopTheGatewayMidStep(output, true);

        // The step had 14 s to run when the gateway was killed; before, the run went on for its give-up time (60 s).
        assertThat(afterKillSeconds).as(output.toString()).isLessThan(12);
        assertThat(output).contains(
            "exited with status 137 (killed by signal 9) during the latency 5,000/s step: that step and the rest of the run " +
                "were not measured",
            "[tessera-perf] the run stopped: the gateway (pid ");
        for (final String measured : List.of("SATURATED", "RESULT ", "round trip us", "gateway JVM -", "Exception in thread", "\tat "))
        {
            assertThat(output).as(output.toString()).doesNotContain(measured);
        }
    }

    /** QA 117 C4: a SIGTERM from someone else was reported as "ended by SIGTERM, as asked". */
    @Test
    void shouldNotSayItAskedForASigtermItDidNotSend() throws Exception
    {
        final StringBuilder output = new StringBuilder();
        runAndStopTheGatewayMidStep(output, false);

        assertThat(output).contains("exited with status 143 (killed by signal 15) during the latency 5,000/s step",
            "[tessera-perf] the gateway exited with status 143 (ended by a SIGTERM the benchmark did not send)")
            .doesNotContain("as asked");
    }

    /**
     * Runs a latency step of 20 s and stops its gateway about 6 s after it is up (past the logon, the 0.5 s warm-up and
     * the pause, inside the measured window): with SIGKILL ({@code kill -9}) or SIGTERM.
     *
     * @return seconds from the stop to the end of fix-bench, which exits 1.
     */
    private static long runAndStopTheGatewayMidStep(final StringBuilder output, final boolean kill) throws Exception
    {
        // Port 0 (the benchmark's configuration): any free port.
        final Process bench = new ProcessBuilder(ROOT.resolve("perf/bin/fix-bench").toString(), "--no-build", "--smoke",
            "--throughput", "false", "--warmup", "0.5", "--measure", "20").redirectErrorStream(true).start();
        long killedAtNanos = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(bench.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = lines.readLine()) != null)
            {
                output.append(line).append('\n');
                final Matcher pid = GATEWAY_PID.matcher(line);
                if (killedAtNanos == 0 && pid.find())
                {
                    final ProcessHandle gateway = ProcessHandle.of(Long.parseLong(pid.group(1))).orElseThrow();
                    Thread.sleep(6_000);
                    killedAtNanos = System.nanoTime();
                    // SIGKILL, as kill -9: no shutdown hook, no Logout; the kernel resets its connections. Or SIGTERM.
                    assertThat(kill ? gateway.destroyForcibly() : gateway.destroy()).isTrue();
                }
            }
        }
        finally
        {
            bench.destroy();
        }
        assertThat(bench.waitFor(60, TimeUnit.SECONDS)).isTrue();
        final long afterKillSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAtNanos);

        assertThat(killedAtNanos).as(output.toString()).isPositive();
        assertThat(bench.exitValue()).as(output.toString()).isEqualTo(1);
        return afterKillSeconds;
    }
}

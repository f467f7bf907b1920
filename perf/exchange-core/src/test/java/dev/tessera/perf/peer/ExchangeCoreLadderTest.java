package dev.tessera.perf.peer;

import dev.tessera.perf.workload.RateLadder;
import dev.tessera.perf.workload.StepResult;
import dev.tessera.perf.workload.Workload;
import exchange.core2.core.common.CoreWaitStrategy;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExchangeCoreLadderTest
{
    /** QA 94 F11: its --help, from its real main in a JVM of its own, says what every option means. */
    @Test
    void shouldDescribeEveryOptionInItsHelp() throws Exception
    {
        final Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            System.getProperty("java.class.path"), ExchangeCoreLadder.class.getName(), "--help").redirectErrorStream(true).start();
        final String help = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(help).isZero();

        final List<String> options = help.lines().filter(line -> line.startsWith("  --")).collect(Collectors.toList());
        assertThat(options).as(help).hasSize(9).allMatch(line -> line.matches("  --[a-z0-9-]+ .*\\S {2,}\\S.*"));
        assertThat(help).containsPattern("--wait blocking +exchange-core's wait strategy");
    }

    /**
     * A start book of two asks, then a cyclic body: a bid IOC takes the best ask (one trade, the rest of
     * the IOC is dropped), the ask is entered again, the other ask moves away and back, and is reduced.
     */
    private static Workload cyclic(final long[] tradesBefore)
    {
        return new Workload.Builder(8)
            .place(1, 1, 11, Workload.SELL, Workload.GTC, 10_010, 100)
            .place(2, 2, 21, Workload.SELL, Workload.GTC, 10_020, 5_000)
            .place(3, 3, 31, Workload.BUY, Workload.IOC, 10_012, 150)
            .place(1, 1, 11, Workload.SELL, Workload.GTC, 10_010, 100)
            .move(2, 2, 21, 22, 10_030)
            .move(2, 2, 22, 21, 10_020)
            .reduce(2, 2, 21, 21, 4_990, 10)
            .build("test", 1, 2, tradesBefore);
    }

    @Test
    void shouldRunTheWorkloadWithTheTradesItsGeneratorSaw()
    {
        final ExchangeCoreLadder ladder = new ExchangeCoreLadder(cyclic(new long[] {0, 1, 1, 1, 1, 1}));
        ladder.start(CoreWaitStrategy.BLOCKING, 1_024);
        final List<StepResult> results =
            ladder.run(new RateLadder.Settings(new long[] {2_000}, 0.05, 2_000, 0.05, 0.2), null);
        assertThat(results).hasSize(1);
        assertThat(results.get(0).system()).isEqualTo("exchange-core");
        assertThat(results.get(0).count()).isEqualTo(400);
        assertThat(ladder.trades()).isPositive();
    }

    @Test
    void shouldFailWhenItsTradesAreNotTheGenerators()
    {
        final ExchangeCoreLadder ladder = new ExchangeCoreLadder(cyclic(new long[] {0, 2, 2, 2, 2, 2}));
        ladder.start(CoreWaitStrategy.BLOCKING, 1_024);
        assertThatThrownBy(() -> ladder.run(new RateLadder.Settings(new long[] {2_000}, 0.05, 2_000, 0.05, 0.1), null))
            .hasMessageContaining("trades where the workload's generator made");
    }
}

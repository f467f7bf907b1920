package dev.tessera.simulation;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalPosition;
import dev.tessera.journal.JournalWriter;
import dev.tessera.journal.tools.ProgressBar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SimulationTest
{
    @TempDir
    Path dir;

    @Test
    void shouldRunAWhatIfIntoItsOwnJournalAndLeaveTheInputByteIdentical()
    {
        final Path input = dir.resolve("recorded");
        RecordedFlow.record(input, RecordedFlow.recorded(), RecordedFlow.commands());
        final Map<String, String> before = RecordedFlow.fingerprint(input);
        final List<InstrumentConfig> whatIf = List.of(RecordedFlow.instrument(1, SelfTradePrevention.NONE));
        final Path output = dir.resolve("what-if");

        final Simulation.Result result;
        final SimulationStatistics statistics = new SimulationStatistics(whatIf);
        try (Journal recorded = Journal.openReadOnly(input);
            Journal own = Journal.open(RecordedFlow.journalConfig(output));
            JournalWriter writer = own.writer(JournalPosition.EMPTY);
            JournalCommandSource source = new JournalCommandSource(recorded))
        {
            result = new Simulation(new MatchingEngine(whatIf), Pacer.AS_FAST_AS_POSSIBLE, writer, statistics,
                ProgressBar.NONE).run(source);
        }

        assertThat(RecordedFlow.fingerprint(input)).as("input untouched, byte for byte").isEqualTo(before);
        assertThat(result.commands()).isEqualTo(RecordedFlow.commands().size());
        try (Journal own = Journal.openReadOnly(output))
        {
            assertThat(ReplayVerifier.verify(own, whatIf, ProgressBar.NONE).identical())
                .as("the what-if journal holds what the what-if engine made").isTrue();
            assertThat(ReplayVerifier.verify(own, RecordedFlow.recorded(), ProgressBar.NONE).divergence().recordSequence())
                .as("and differs from history where the rule differs").isEqualTo(RecordedFlow.SELF_TRADE_RECORD);
        }
        final InstrumentStatistics sim = statistics.instruments().get(0);
        // without self-trade prevention owner 1's buy of 3 trades with its own offer: 4 and 3 at 100.00, then the
        // IOC sweep takes the last 3 at 100.00 and 2 at 100.01; the mass cancel removes the 3 left at 100.01
        assertThat(sim.trades()).isEqualTo(4);
        assertThat(sim.volume()).isEqualTo(12);
        assertThat(sim.highPrice()).isEqualTo(10_001);
        assertThat(sim.lowPrice()).isEqualTo(10_000);
        assertThat(sim.vwap()).isCloseTo((10 * 100.00 + 2 * 100.01) / 12, within(1e-9));
        assertThat(sim.orders()).isEqualTo(6);
        assertThat(sim.cancels()).isEqualTo(1);
        assertThat(sim.maxSpread()).as("99.90 bid against 100.01 offer").isCloseTo(0.11, within(1e-9));
        assertThat(sim.series().buckets()).isPositive();
    }

    @Test
    void shouldWriteStatisticsSeriesAndAPage() throws Exception
    {
        final Path input = dir.resolve("recorded");
        RecordedFlow.record(input, RecordedFlow.recorded(), RecordedFlow.commands());
        final SimulationStatistics statistics = new SimulationStatistics(RecordedFlow.recorded());
        final Simulation.Result result;
        try (Journal recorded = Journal.openReadOnly(input); JournalCommandSource source = new JournalCommandSource(recorded))
        {
            result = new Simulation(new MatchingEngine(RecordedFlow.recorded()), Pacer.AS_FAST_AS_POSSIBLE, null, statistics,
                ProgressBar.NONE).run(source);
        }
        final SimulationReport report = new SimulationReport(statistics);

        final List<String> csv = Files.readAllLines(report.writeStatisticsCsv(dir.resolve("out/statistics.csv")));
        assertThat(csv.get(0)).startsWith("instrument,orders,cancels,replaces,rejects,trades,volume,vwap,high,low");
        // recorded rules: the self-trade is cancelled (1), the sweep takes 5 at 100.00, the mass cancel takes 2 orders
        assertThat(csv.get(1)).startsWith("SIM,6,3,0,0,2,9,100.00,100.00,100.00,");
        assertThat(Files.readAllLines(report.writeSeriesCsv(dir.resolve("out/series.csv"))).get(0))
            .isEqualTo("instrument,bucket_end,mid,spread,volume");
        final String html = report.html("run", result, "test").html();
        assertThat(html).contains("<table>", "SIM mid", "SIM spread", "SIM traded volume", "<svg");
    }

    @Test
    void shouldPaceAtTheRecordedTimeTimesTheSpeed()
    {
        final long[] now = {0};
        final List<Long> sleeps = new ArrayList<>();
        final Pacer pacer = Pacer.atSpeed(2, () -> now[0], nanos ->
        {
            sleeps.add(nanos);
            now[0] += nanos;
        });

        pacer.await(1_000_000_000L);
        pacer.await(1_000_000_000L + 10_000_000);
        assertThat(now[0]).as("10 ms recorded at twice the speed: 5 ms").isEqualTo(5_000_000);
        assertThat(sleeps).allMatch(nanos -> nanos <= 1_000_000);

        now[0] += 20_000_000;
        sleeps.clear();
        pacer.await(1_000_000_000L + 20_000_000);
        assertThat(sleeps).as("already late: no wait").isEmpty();
        assertThatThrownBy(() -> Pacer.atSpeed(0)).hasMessageContaining("positive");
    }

    @Test
    void shouldWaitAtATinySpeedInsteadOfOverflowingTheDueTime()
    {
        // a clock near where System.nanoTime may be: start + a saturated delay would overflow past Long.MAX_VALUE
        final long[] now = {1_000_000_000_000L};
        final int[] sleeps = {0};
        final Pacer pacer = Pacer.atSpeed(1e-300, () -> now[0], nanos ->
        {
            sleeps[0]++;
            now[0] += nanos;
        });

        pacer.await(1_000_000_000L);
        pacer.await(1_000_000_000L + 1, () -> sleeps[0] == 5);

        assertThat(sleeps[0]).as("1 ns recorded at 1e-300x is due (almost) never: it waits until told to stop")
            .isEqualTo(5);
    }

    @Test
    void shouldKeepATimeSeriesBoundedByWideningItsBuckets()
    {
        final TimeSeries series = new TimeSeries();
        final long hour = 3_600_000_000_000L;
        for (long t = 0; t <= hour; t += 1_000_000_000L)
        {
            series.onQuote(t, t / 1e9, 1);
            series.onTrade(t, 1);
        }

        assertThat(series.buckets()).isLessThanOrEqualTo(TimeSeries.MAX_BUCKETS).isGreaterThan(TimeSeries.MAX_BUCKETS / 2);
        long volume = 0;
        for (int i = 0; i < series.buckets(); i++)
        {
            volume += series.volume(i);
        }
        assertThat(volume).as("merging keeps every trade").isEqualTo(3601);
        assertThat(series.mid(series.buckets() - 1)).isEqualTo(3600.0);
    }
}

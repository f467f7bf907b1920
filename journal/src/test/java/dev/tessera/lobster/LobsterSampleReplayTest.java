package dev.tessera.lobster;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.journal.tools.ProgressBar;
import dev.tessera.simulation.InstrumentStatistics;
import dev.tessera.simulation.Pacer;
import dev.tessera.simulation.Simulation;
import dev.tessera.simulation.SimulationStatistics;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The real NASDAQ samples through the engine; the match-rate bounds are what this build measured, rounded down. */
class LobsterSampleReplayTest
{
    private SimulationStatistics statistics;
    private Simulation.Result result;
    private LobsterImport translator;
    private long adjustments;

    private TopOfBookComparison replay(
        final InstrumentConfig instrument, final String messages, final String book, final int levels, final boolean resync)
    {
        final MatchingEngine engine = new MatchingEngine(List.of(instrument));
        statistics = new SimulationStatistics(List.of(instrument));
        final Path messageFile = LobsterSamples.file(messages);
        try (LobsterReplay replay = LobsterReplay.open(engine, instrument, messageFile, LobsterSamples.file(book), levels, resync))
        {
            result = new Simulation(engine, Pacer.AS_FAST_AS_POSSIBLE, null, statistics, ProgressBar.NONE).run(replay.source());
            translator = replay.source().translator();
            adjustments = replay.source().resyncAdjustments();
            final TopOfBookComparison comparison = replay.comparison();
            System.out.printf(Locale.ROOT, "%s resync=%s: %s%n", messages, resync, result.throughput());
            for (int depth = 1; depth <= levels; depth++)
            {
                System.out.printf(Locale.ROOT, "  depth %d: %d/%d = %.4f%n", depth, comparison.matched(depth),
                    comparison.batches(), comparison.matchRate(depth));
            }
            return comparison;
        }
    }

    @Test
    void shouldReproduceTheAaplTopOfBookAfterAlmostEveryBatch()
    {
        final TopOfBookComparison comparison = replay(LobsterSamples.AAPL, LobsterSamples.AAPL_MESSAGES,
            LobsterSamples.AAPL_BOOK, 10, false);

        assertThat(translator.messages(LobsterMessage.NEW_ORDER)).isEqualTo(471);
        assertThat(translator.messages(LobsterMessage.VISIBLE_EXECUTION)).isEqualTo(98);
        assertThat(translator.seedOrders()).as("levels of row 0 with message 0 taken back").isEqualTo(19);
        assertThat(translator.unseenExecutions()).as("lines 448, 449, 450, 488: below the seeded levels").isEqualTo(4);
        assertThat(translator.unknownOrderMessages()).isZero();
        assertThat(comparison.batches()).isEqualTo(890);
        // measured: 847/890 = 95.2% at level 1, 89.4% at 2, 50.7% at 5; deeper levels drift (level-N truncation)
        assertThat(comparison.matchRate(1)).isGreaterThanOrEqualTo(0.95);
        assertThat(comparison.matchRate(2)).isGreaterThanOrEqualTo(0.89);
        assertThat(comparison.matchRate(5)).isGreaterThanOrEqualTo(0.50);
        assertThat(comparison.firstMismatches()).hasSize(TopOfBookComparison.KEPT_MISMATCHES);
        // Prices as decimals (dollars), as every other report shows them, not LOBSTER's fixed point.
        assertThat(comparison.firstMismatches().get(0).expected()).matches("bids \\[(\\d+@\\d{3}\\.\\d{4} ?)*\\] asks \\[.*\\]");
        assertThat(comparison.firstMismatches().get(0).actual()).containsPattern("@5\\d\\d\\.\\d{4}");
        final InstrumentStatistics aapl = statistics.instruments().get(0);
        // 98 executions; measured 94 trades: a few aggressors find the level already drifted
        assertThat(aapl.trades()).isGreaterThanOrEqualTo(90);
        assertThat(aapl.rejects()).as("every price is on the cent tick, exactly").isZero();
    }

    @Test
    void shouldMatchTheAaplBookStepByStepWhenReAligned()
    {
        final TopOfBookComparison comparison = replay(LobsterSamples.AAPL, LobsterSamples.AAPL_MESSAGES,
            LobsterSamples.AAPL_BOOK, 5, true);

        assertThat(adjustments).isPositive();
        assertThat(translator.seedOrders()).as("the book before the first message, as without re-alignment: its " +
            "orders are counted among the re-alignment commands").isEqualTo(19);
        // measured: 890/890 at level 1, 887/890 (99.7%) at 5 levels
        assertThat(comparison.matchRate(1)).isGreaterThanOrEqualTo(0.99);
        assertThat(comparison.matchRate(5)).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void shouldReplayTheWholeAmznDayQuickly()
    {
        final TopOfBookComparison comparison = replay(LobsterSamples.AMZN, LobsterSamples.AMZN_MESSAGES,
            LobsterSamples.AMZN_BOOK, 1, true);

        assertThat(translator.messages(LobsterMessage.NEW_ORDER)).isEqualTo(27_845);
        assertThat(translator.messages(LobsterMessage.VISIBLE_EXECUTION)).isEqualTo(8_974);
        assertThat(translator.messages(LobsterMessage.HIDDEN_EXECUTION)).isEqualTo(2_445);
        assertThat(comparison.batches()).isEqualTo(53_016);
        // measured: 83.7% with re-alignment; the rest are levels sliding in from level 2, which a level-1 file never reports
        assertThat(comparison.matchRate(1)).isGreaterThanOrEqualTo(0.83);
        assertThat(statistics.requestRejects()).as("the import never names a seed order the engine no longer holds: " +
            "re-alignment cancelled it or an aggressor filled it").isZero();
        assertThat(statistics.instruments().get(0).rejects()).isZero();
        assertThat(result.elapsedNanos()).as("whole day well under the test budget").isLessThan(20_000_000_000L);
        assertThat(statistics.instruments().get(0).trades()).isGreaterThanOrEqualTo(8_974);
    }
}

package dev.tessera.simulation;

import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.EventAdapter;
import dev.tessera.engine.EventListener;
import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.OrderCancelledDecoder;
import dev.tessera.journal.Journal;
import dev.tessera.journal.tools.JournalScan;
import dev.tessera.journal.tools.ProgressBar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayVerifierTest
{
    @TempDir
    Path dir;

    private Path journalDirectory;

    @BeforeEach
    void record()
    {
        journalDirectory = dir.resolve("journal");
        RecordedFlow.record(journalDirectory, RecordedFlow.recorded(), RecordedFlow.commands());
    }

    @Test
    void shouldFindEveryEventIdenticalUnderTheRecordedConfiguration()
    {
        try (Journal journal = Journal.openReadOnly(journalDirectory))
        {
            final ReplayVerifier.Result result = ReplayVerifier.verify(journal, RecordedFlow.recorded(), ProgressBar.NONE);

            assertThat(result.identical()).isTrue();
            assertThat(result.records()).isEqualTo(RecordedFlow.commands().size());
            assertThat(result.events()).isGreaterThan(result.records());
            assertThat(result.throughput()).contains("records").contains("events/s");
        }
    }

    @Test
    void shouldCatchAChangedSelfTradeRuleAtTheFirstRecordItDecides()
    {
        try (Journal journal = Journal.openReadOnly(journalDirectory))
        {
            final long firstSelfTrade = firstRecordCancelledFor(journal, CancelReason.SELF_TRADE_PREVENTION);

            final ReplayVerifier.Result result = ReplayVerifier.verify(journal,
                List.of(RecordedFlow.instrument(1, SelfTradePrevention.NONE)), ProgressBar.NONE);

            assertThat(firstSelfTrade).isEqualTo(RecordedFlow.SELF_TRADE_RECORD);
            assertThat(result.identical()).isFalse();
            final ReplayVerifier.Divergence divergence = result.divergence();
            assertThat(divergence.recordSequence()).isEqualTo(firstSelfTrade);
            assertThat(divergence.eventIndex()).as("the order is accepted alike, then the rule decides").isEqualTo(1);
            assertThat(divergence.expected()).contains("CANCELLED").contains("SELF_TRADE_PREVENTION");
            assertThat(divergence.actual()).contains("TRADE");
            assertThat(result.records()).as("the check stops at the divergence").isEqualTo(firstSelfTrade);
            assertThat(divergence.toString()).contains("record " + firstSelfTrade, "expected:", "actual:");
        }
    }

    @Test
    void shouldCatchAChangedTickSizeAtTheFirstOrderOffTheNewTick()
    {
        try (Journal journal = Journal.openReadOnly(journalDirectory))
        {
            final ReplayVerifier.Result result = ReplayVerifier.verify(journal,
                List.of(RecordedFlow.instrument(5, SelfTradePrevention.CANCEL_INCOMING)), ProgressBar.NONE);

            final ReplayVerifier.Divergence divergence = result.divergence();
            assertThat(divergence.recordSequence()).isEqualTo(RecordedFlow.ODD_PRICE_RECORD);
            assertThat(divergence.eventIndex()).isZero();
            assertThat(divergence.expected()).contains("ACCEPTED").contains("100.01");
            assertThat(divergence.actual()).contains("REJECTED").contains("PRICE_NOT_ON_TICK");
        }
    }

    /** Independently of the verifier: the first record with an OrderCancelled of this reason. */
    private static long firstRecordCancelledFor(final Journal journal, final CancelReason reason)
    {
        final EventAdapter adapter = new EventAdapter();
        final long[] found = {0};
        JournalScan.scan(journal, ProgressBar.NONE, record ->
        {
            adapter.read(record.buffer(), record.eventsOffset(), record.eventsLength(), new EventListener()
            {
                @Override
                public void onOrderCancelled(final OrderCancelledDecoder event)
                {
                    if (event.reason() == reason && found[0] == 0)
                    {
                        found[0] = record.recordSequence();
                    }
                }
            });
            return found[0] == 0;
        });
        return found[0];
    }
}

package dev.tessera.server;

import dev.tessera.config.ExchangeConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotReachTest
{
    /** QA 131 F1: snapshots 20,000 records apart, three kept, never reached 100,000 done-order events back. */
    @Test
    void shouldSayWhenTheKeptSnapshotsDoNotReachTheDoneOrderWindow()
    {
        assertThat(SnapshotReach.shortOfDoneOrders(ExchangeConfigLoader.load(null,
            Map.of("journal.snapshotIntervalRecords", "20000")))).hasValueSatisfying(why -> assertThat(why)
            .startsWith("the oldest kept snapshot is some journal.snapshotIntervalRecords x (snapshotsToKeep - 1) = " +
                "20000 x 2 = 40000 records back, fewer than gateway.doneOrders (100000) events: ")
            .endsWith("(raise snapshotsToKeep or snapshotIntervalRecords, or lower doneOrders)"));
        assertThat(SnapshotReach.shortOfDoneOrders(ExchangeConfigLoader.load(null,
            Map.of("journal.snapshotsToKeep", "1")))).as("one kept reaches no way back").isPresent();
    }

    @Test
    void shouldSayNothingWhenTheyDo()
    {
        assertThat(SnapshotReach.shortOfDoneOrders(ExchangeConfigLoader.defaults())).isEmpty();
        assertThat(SnapshotReach.shortOfDoneOrders(ExchangeConfigLoader.load(null,
            Map.of("journal.snapshotIntervalRecords", "20000", "journal.snapshotsToKeep", "6")))).isEmpty();
        assertThat(SnapshotReach.shortOfDoneOrders(ExchangeConfigLoader.load(null,
            Map.of("journal.snapshotsToKeep", "1", "gateway.doneOrders", "0")))).isEmpty();
    }
}

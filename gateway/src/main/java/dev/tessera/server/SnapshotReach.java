package dev.tessera.server;

import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.JournalConfig;

import java.util.Optional;

/**
 * Whether the kept snapshots reach back as far as the gateway's done-order window: a restart, and a session's
 * catch-up after a logon or its resend, start from a snapshot at least {@code gateway.doneOrders} events before the
 * first report they make, else from the journal's first record. Kept snapshots a few records apart never reach that
 * far, so every one of them reads the whole journal, longer as the day goes on (QA 131 F1: 2 s a reconnect after 40
 * minutes at 1,500 orders/s with 20,000-record snapshots, three kept), and {@code config} took it without a word.
 * Said, not refused: a short journal does not mind.
 */
final class SnapshotReach
{
    private SnapshotReach()
    {
    }

    /**
     * Why the oldest kept snapshot may be too recent, or empty when it reaches far enough: it is some {@code
     * snapshotIntervalRecords × (snapshotsToKeep − 1)} records back, and a record holds one event or more.
     */
    static Optional<String> shortOfDoneOrders(final ExchangeConfig config)
    {
        final JournalConfig journal = config.journal();
        final long reach = journal.snapshotIntervalRecords() * (journal.snapshotsToKeep() - 1);
        final int doneOrders = config.gateway().doneOrders();
        if (reach >= doneOrders)
        {
            return Optional.empty();
        }
        return Optional.of("the oldest kept snapshot is some journal.snapshotIntervalRecords x (snapshotsToKeep - 1) = " +
            journal.snapshotIntervalRecords() + " x " + (journal.snapshotsToKeep() - 1) + " = " + reach +
            " records back, fewer than gateway.doneOrders (" + doneOrders + ") events: a restart, and a session's " +
            "catch-up after each logon or resend, may then find no snapshot that old and read the journal from its " +
            "start, longer as the day goes on (raise snapshotsToKeep or snapshotIntervalRecords, or lower doneOrders)");
    }
}

package dev.tessera.journal;

import dev.tessera.config.JournalConfig;
import dev.tessera.engine.MatchingEngine;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Restart = newest usable snapshot + journal tail, and the fallbacks when a snapshot cannot be used. */
class SnapshotRecoveryTest
{
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path root;

    private final List<String> log = new ArrayList<>();

    /** Journals 3000 commands with snapshots of the live engine after records 1000 and 2000. */
    private SnapshotDirectory journalWithSnapshots(final Path where, final long seed)
    {
        final JournalConfig config = JournalFixture.config(where, "FAST_DAILY");
        final SnapshotDirectory snapshots = new SnapshotDirectory(config.snapshotDirectory());
        final CommandStream stream = new CommandStream(seed);
        final MatchingEngine engine = CommandStream.newEngine();
        try (Journal journal = Journal.open(config, new SetTimeProvider(START)))
        {
            JournalPosition tail = JournalFixture.write(journal, JournalPosition.EMPTY, stream, engine, 1_000);
            snapshots.write(engine, tail);
            tail = JournalFixture.write(journal, tail, stream, engine, 1_000);
            snapshots.write(engine, tail);
            JournalFixture.write(journal, tail, stream, engine, 1_000);
        }
        return snapshots;
    }

    private Journal open(final Path where)
    {
        return Journal.open(JournalFixture.config(where, "FAST_DAILY"), new SetTimeProvider(START));
    }

    @Test
    void shouldRestartFromTheNewestSnapshotPlusTheTailToTheStateOfAFullReplay()
    {
        final SnapshotDirectory snapshots = journalWithSnapshots(root, 21);
        try (Journal journal = open(root))
        {
            final Recovery.Result full = JournalFixture.recover(journal, SnapshotStore.NONE, line -> { });
            final Recovery.Result fromSnapshot = JournalFixture.recover(journal, snapshots, log::add);

            assertThat(fromSnapshot.snapshot()).isEqualTo(SnapshotDirectory.fileName(2_000));
            assertThat(fromSnapshot.position()).isEqualTo(full.position());
            assertThat(fromSnapshot.engine().stateHash()).isEqualTo(full.engine().stateHash());
            assertThat(fromSnapshot.engine().lastOrderId()).isEqualTo(full.engine().lastOrderId());
            assertThat(full.recordsReplayed()).isEqualTo(3_000);
            assertThat(full.lastTimestamp()).as("the last command's entry time")
                .isEqualTo(1_700_000_000_000_000_000L + 3_000 * 1_000L);
            assertThat(fromSnapshot.lastTimestamp()).isEqualTo(full.lastTimestamp());
            assertThat(fromSnapshot.recordsReplayed()).as("only the tail").isEqualTo(1_000);
            assertThat(fromSnapshot.eventsReplayed()).isLessThan(full.eventsReplayed());
            assertThat(log).noneMatch(line -> line.contains("WARNING"));
            assertThat(log).anyMatch(line -> line.contains("snapshot " + SnapshotDirectory.fileName(2_000)));
        }
    }

    @Test
    void shouldKnowTheLastCommandsEntryTimeWhenTheSnapshotCoversTheWholeJournal()
    {
        final SnapshotDirectory snapshots = new SnapshotDirectory(JournalFixture.config(root, "FAST_DAILY").snapshotDirectory());
        try (Journal journal = open(root))
        {
            final MatchingEngine engine = CommandStream.newEngine();
            final JournalPosition tail = JournalFixture.write(journal, JournalPosition.EMPTY, new CommandStream(24), engine,
                1_000);
            snapshots.write(engine, tail);

            final Recovery.Result recovered = JournalFixture.recover(journal, snapshots, log::add);

            assertThat(recovered.recordsReplayed()).isZero();
            assertThat(recovered.lastTimestamp()).isEqualTo(1_700_000_000_000_000_000L + 1_000 * 1_000L);
        }
    }

    @Test
    void shouldContinueTheJournalFromASnapshotRecoveryExactlyAsFromAFullReplay()
    {
        final SnapshotDirectory snapshots = journalWithSnapshots(root, 22);
        final long expectedHash;
        try (Journal journal = open(root))
        {
            final Recovery.Result recovered = JournalFixture.recover(journal, snapshots, log::add);
            final CommandStream more = new CommandStream(5, recovered.position().commandSequence());
            JournalFixture.write(journal, recovered.position(), more, recovered.engine(), 500);
            expectedHash = recovered.engine().stateHash();
        }
        try (Journal journal = open(root))
        {
            final Recovery.Result full = JournalFixture.recover(journal, SnapshotStore.NONE, line -> { });
            assertThat(full.position().recordSequence()).isEqualTo(3_500);
            assertThat(full.engine().stateHash()).isEqualTo(expectedHash);
        }
    }

    @Test
    void shouldFallBackToTheOlderSnapshotWhenTheNewestIsDamaged() throws IOException
    {
        final SnapshotDirectory snapshots = journalWithSnapshots(root, 23);
        final Path newest = snapshots.files().get(1);
        JournalFixture.flipByte(newest, Files.size(newest) / 2);
        // and a write of a later snapshot that never finished
        Files.writeString(snapshots.directory().resolve(SnapshotDirectory.fileName(2_500) + ".tmp"), "half");

        try (Journal journal = open(root))
        {
            final Recovery.Result full = JournalFixture.recover(journal, SnapshotStore.NONE, line -> { });
            final Recovery.Result recovered = JournalFixture.recover(journal, snapshots, log::add);

            assertThat(recovered.snapshot()).isEqualTo(SnapshotDirectory.fileName(1_000));
            assertThat(recovered.recordsReplayed()).isEqualTo(2_000);
            assertThat(recovered.engine().stateHash()).isEqualTo(full.engine().stateHash());
            assertThat(recovered.position()).isEqualTo(full.position());
            assertThat(log).anyMatch(line -> line.contains("WARNING") && line.contains("2500") &&
                line.contains("leftover temp file"));
            assertThat(log).anyMatch(line -> line.contains("WARNING") && line.contains(newest.toString()) &&
                line.contains("checksum mismatch"));
        }
    }

    @Test
    void shouldReplayTheWholeJournalWhenEverySnapshotIsDamaged() throws IOException
    {
        final SnapshotDirectory snapshots = journalWithSnapshots(root, 24);
        JournalFixture.truncate(snapshots.files().get(1), 100);
        JournalFixture.flipByte(snapshots.files().get(0), 0);

        try (Journal journal = open(root))
        {
            final Recovery.Result full = JournalFixture.recover(journal, SnapshotStore.NONE, line -> { });
            final Recovery.Result recovered = JournalFixture.recover(journal, snapshots, log::add);

            assertThat(recovered.snapshot()).isNull();
            assertThat(recovered.recordsReplayed()).isEqualTo(3_000);
            assertThat(recovered.engine().stateHash()).isEqualTo(full.engine().stateHash());
            assertThat(log).filteredOn(line -> line.contains("WARNING")).hasSize(2);
            assertThat(log).anyMatch(line -> line.contains("replaying the whole journal"));
        }
    }

    @Test
    void shouldFallBackToAnOlderSnapshotWhenTheJournalNoLongerHoldsTheNewestOnesRecord()
    {
        // The snapshots cover records 1000 and 2000 of a history of which this journal kept only the
        // first 1500 records (as after losing its tail in a power cut that the snapshot survived).
        final SnapshotDirectory snapshots = journalWithSnapshots(root.resolve("longer"), 25);
        final Path shorter = root.resolve("shorter");
        try (Journal journal = Journal.open(JournalFixture.config(shorter, "FAST_DAILY"), new SetTimeProvider(START)))
        {
            JournalFixture.write(journal, JournalPosition.EMPTY, new CommandStream(25), CommandStream.newEngine(), 1_500);
        }

        try (Journal journal = open(shorter))
        {
            final Recovery.Result full = JournalFixture.recover(journal, SnapshotStore.NONE, line -> { });
            final Recovery.Result recovered = JournalFixture.recover(journal, snapshots, log::add);

            assertThat(recovered.snapshot()).isEqualTo(SnapshotDirectory.fileName(1_000));
            assertThat(recovered.position()).isEqualTo(full.position());
            assertThat(recovered.position().recordSequence()).isEqualTo(1_500);
            assertThat(recovered.engine().stateHash()).isEqualTo(full.engine().stateHash());
            assertThat(log).anyMatch(line -> line.contains("WARNING snapshot " + SnapshotDirectory.fileName(2_000) +
                " not usable") && line.contains("not in the journal"));
        }
    }

    @Test
    void shouldReplayTheWholeJournalWhenTheSnapshotsBelongToAnotherHistory()
    {
        final SnapshotDirectory snapshots = journalWithSnapshots(root.resolve("other"), 26);
        final Path mine = root.resolve("mine");
        try (Journal journal = Journal.open(JournalFixture.config(mine, "FAST_DAILY"), new SetTimeProvider(START)))
        {
            JournalFixture.write(journal, JournalPosition.EMPTY, new CommandStream(27), CommandStream.newEngine(), 2_500);
        }

        try (Journal journal = open(mine))
        {
            final Recovery.Result full = JournalFixture.recover(journal, SnapshotStore.NONE, line -> { });
            final Recovery.Result recovered = JournalFixture.recover(journal, snapshots, log::add);

            assertThat(recovered.snapshot()).isNull();
            assertThat(recovered.engine().stateHash()).isEqualTo(full.engine().stateHash());
            assertThat(log).filteredOn(line -> line.contains("not usable") && line.contains("differs")).hasSize(2);
        }
    }
}

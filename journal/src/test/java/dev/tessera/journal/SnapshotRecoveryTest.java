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

    /** Journals {@code before} commands, an all-instrument EndOfDay, then {@code after} more; the position after them. */
    private static JournalPosition writeAroundAnEndOfDay(
        final Journal journal, final CommandStream stream, final MatchingEngine engine, final int before, final int after)
    {
        final JournalPosition tail = JournalFixture.write(journal, JournalPosition.EMPTY, stream, engine, before);
        return JournalFixture.write(journal, tail, stream.endOfDayNext(), engine, 1 + after);
    }

    private SnapshotDirectory snapshots()
    {
        return new SnapshotDirectory(JournalFixture.config(root, "FAST_DAILY").snapshotDirectory());
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
        final SnapshotDirectory snapshots = snapshots();
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

    /**
     * Records 1-1000, an EndOfDay (1001), then 1002-1500, a snapshot, and 1501-2000: the trading day still
     * to end began with command 1002, whichever way recovery rebuilds.
     */
    @Test
    void shouldKnowTheFirstEntrySinceTheLastEndOfDayFromAFullReplayAndFromASnapshot()
    {
        final SnapshotDirectory snapshots = snapshots();
        try (Journal journal = open(root))
        {
            final MatchingEngine engine = CommandStream.newEngine();
            final CommandStream stream = new CommandStream(25);
            final JournalPosition tail = writeAroundAnEndOfDay(journal, stream, engine, 1_000, 499);
            snapshots.write(engine, tail);
            JournalFixture.write(journal, tail, stream, engine, 500);

            final Recovery.Result full = JournalFixture.recover(journal, SnapshotStore.NONE, line -> { });
            final Recovery.Result fromSnapshot = JournalFixture.recover(journal, snapshots, log::add);

            assertThat(full.firstEntrySinceEndOfDay()).isEqualTo(CommandStream.timestampOf(1_002))
                .isEqualTo(engine.firstEntrySinceEndOfDay());
            assertThat(fromSnapshot.snapshot()).isEqualTo(SnapshotDirectory.fileName(1_500));
            assertThat(fromSnapshot.firstEntrySinceEndOfDay()).isEqualTo(full.firstEntrySinceEndOfDay());
            assertThat(fromSnapshot.engine().stateHash()).isEqualTo(full.engine().stateHash());
            assertThat(full.lastTimestamp()).isEqualTo(CommandStream.timestampOf(2_000));
        }
    }

    @Test
    void shouldHaveNothingPendingWhenTheJournalEndsWithAnEndOfDay()
    {
        final SnapshotDirectory snapshots = snapshots();
        try (Journal journal = open(root))
        {
            final MatchingEngine engine = CommandStream.newEngine();
            final CommandStream stream = new CommandStream(26);
            snapshots.write(engine, writeAroundAnEndOfDay(journal, stream, engine, 300, 0));

            assertThat(JournalFixture.recover(journal, SnapshotStore.NONE, line -> { }).firstEntrySinceEndOfDay())
                .isEqualTo(MatchingEngine.NO_ENTRY_SINCE_END_OF_DAY);
            final Recovery.Result fromSnapshot = JournalFixture.recover(journal, snapshots, log::add);
            assertThat(fromSnapshot.recordsReplayed()).isZero();
            assertThat(fromSnapshot.firstEntrySinceEndOfDay()).isEqualTo(MatchingEngine.NO_ENTRY_SINCE_END_OF_DAY);
        }
    }

    /**
     * A snapshot that does not know the first entry (an engine restored from format 1 or 2 wrote it): the last
     * command's entry time stands in, as before format 3, until an EndOfDay in the tail makes it known.
     */
    @Test
    void shouldFallBackToTheLastCommandsEntryTimeWhileTheFirstEntryIsUnknown()
    {
        final SnapshotDirectory snapshots = snapshots();
        try (Journal journal = open(root))
        {
            final MatchingEngine engine = CommandStream.newEngine();
            final CommandStream stream = new CommandStream(27);
            JournalPosition tail = JournalFixture.write(journal, JournalPosition.EMPTY, stream, engine, 400);
            snapshots.write(JournalFixture.withoutFirstEntrySinceEndOfDay(engine), tail);
            tail = JournalFixture.write(journal, tail, stream, engine, 100);

            final Recovery.Result unknown = JournalFixture.recover(journal, snapshots, log::add);
            assertThat(unknown.snapshot()).isEqualTo(SnapshotDirectory.fileName(400));
            assertThat(unknown.engine().firstEntrySinceEndOfDay()).isEqualTo(MatchingEngine.UNKNOWN_ENTRY_SINCE_END_OF_DAY);
            assertThat(unknown.firstEntrySinceEndOfDay()).isEqualTo(unknown.lastTimestamp())
                .isEqualTo(CommandStream.timestampOf(500));

            JournalFixture.write(journal, tail, stream.endOfDayNext(), engine, 3);
            final Recovery.Result known = JournalFixture.recover(journal, snapshots, log::add);
            assertThat(known.firstEntrySinceEndOfDay()).isEqualTo(CommandStream.timestampOf(502))
                .isEqualTo(engine.firstEntrySinceEndOfDay());
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
                line.contains("temp file of a snapshot write not finished"));
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
                " not usable") && line.contains("covers: record 2000, index ") && line.contains("is not in the journal: archived") &&
                !line.contains("journal corrupt"));
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
            // QA 116: each said "journal corrupt at index ...", of a journal that verifies.
            assertThat(log).filteredOn(line -> line.contains("WARNING snapshot")).hasSize(2).allSatisfy(line ->
                assertThat(line).matches("recovery: WARNING snapshot snapshot-\\d{20}\\.tsnap is not of this journal " +
                    "\\(of another journal, or of a history a repair or a power cut cut off\\): the journal holds " +
                    "another record \\d+ at index 0x[0-9a-f]+ \\(chain [0-9a-f]+, the position's [0-9a-f]+\\); trying " +
                    "another one").doesNotContain("corrupt"));
        }
    }

    /**
     * QA 135 D2: the snapshots of a stop and of a restart, a few records after the last periodic one, pushed the one
     * that lay the gateway's done-order window back out of the kept ones. The newest that does is kept as well, and
     * only while none of the newest does.
     */
    @Test
    void shouldAlsoKeepTheNewestSnapshotThatReachesTheWindowBack() throws IOException
    {
        final SnapshotDirectory snapshots = snapshots();
        try (Journal journal = open(root))
        {
            final MatchingEngine engine = CommandStream.newEngine();
            final CommandStream stream = new CommandStream(23);
            JournalPosition tail = JournalFixture.write(journal, JournalPosition.EMPTY, stream, engine, 500);
            final Path periodic = snapshots.write(engine, tail);                 // record 500
            final long periodicEvent = tail.lastEventSequence();
            tail = JournalFixture.write(journal, tail, stream, engine, 500);
            final Path second = snapshots.write(engine, tail);                   // record 1,000
            tail = JournalFixture.write(journal, tail, stream, engine, 10);
            final Path stop = snapshots.write(engine, tail);                     // record 1,010: a stop
            tail = JournalFixture.write(journal, tail, stream, engine, 10);
            final Path restart = snapshots.write(engine, tail);                  // record 1,020: the next start's
            final long window = tail.lastEventSequence() - periodicEvent;        // the periodic one just reaches it

            assertThat(snapshots.retainUsable(2, window, restart, journal, log::add)).as("%s", log)
                .containsExactly(second);
            assertThat(snapshots.files()).as("the newest two, and the periodic one a window back")
                .containsExactly(periodic, stop, restart);
            assertThat(log).anyMatch(line -> line.equals("snapshot: keeping " + periodic.getFileName() + " too, " +
                "the newest at least " + window + " events (gateway.doneOrders) before " + restart.getFileName() +
                ": the FIX gateway starts from it rather than from the journal's first record"));

            log.clear();
            assertThat(snapshots.retainUsable(2, 0, restart, journal, log::add)).as("no window: the newest two")
                .containsExactly(periodic);
            assertThat(snapshots.files()).containsExactly(stop, restart);
        }
    }

    /**
     * After a repair cut: the snapshots of the cut history (one beyond the journal's end, one whose record the new
     * history holds with another chain hash) and a garbage file named like a high-numbered snapshot are set aside,
     * never counted; the new ones, the one just written first, are what retention keeps.
     */
    @Test
    void shouldKeepOnlyUsableSnapshotsAndSetAsideThoseOfACutHistory() throws IOException
    {
        final SnapshotDirectory cut = journalWithSnapshots(root.resolve("cut"), 21);
        final SnapshotDirectory snapshots = snapshots();
        Files.createDirectories(snapshots.directory());
        for (final Path file : cut.files())
        {
            Files.copy(file, snapshots.directory().resolve(file.getFileName()));
        }
        Files.writeString(snapshots.directory().resolve(SnapshotDirectory.fileName(9_999)), "garbage ".repeat(20));
        try (Journal journal = open(root))
        {
            final MatchingEngine engine = CommandStream.newEngine();
            final CommandStream stream = new CommandStream(22);
            JournalPosition tail = JournalFixture.write(journal, JournalPosition.EMPTY, stream, engine, 300);
            final Path older = snapshots.write(engine, tail);
            tail = JournalFixture.write(journal, tail, stream, engine, 900);
            final Path written = snapshots.write(engine, tail);

            final List<Path> removed = snapshots.retainUsable(2, written, journal, log::add);

            assertThat(removed).extracting(file -> file.getFileName().toString()).containsExactly(
                SnapshotDirectory.fileName(1_000), SnapshotDirectory.fileName(2_000), SnapshotDirectory.fileName(9_999));
            assertThat(snapshots.files()).containsExactly(older, written);
            final Path aside = snapshots.directory().resolve(SnapshotDirectory.UNUSABLE_DIRECTORY);
            assertThat(aside.resolve(SnapshotDirectory.fileName(2_000))).exists();
            assertThat(log).filteredOn(line -> line.startsWith("snapshot: set aside")).hasSize(3);
            assertThat(log).anyMatch(line -> line.contains(SnapshotDirectory.fileName(9_999)) && line.contains("magic"));
            assertThat(log).filteredOn(line -> line.contains(SnapshotDirectory.fileName(1_000))).singleElement()
                .asString().contains("not usable for this journal: it is not of this journal (of another journal, or " +
                    "of a history a repair or a power cut cut off): the journal holds another record 1000 at index ")
                .doesNotContain("corrupt");

            log.clear();
            assertThat(snapshots.retainUsable(1, written, journal, log::add)).containsExactly(older);
            assertThat(snapshots.files()).containsExactly(written);
            assertThat(log).singleElement().asString().contains("deleted " + older.getFileName());
            assertThat(JournalFixture.recover(journal, snapshots, line -> { }).snapshot())
                .isEqualTo(SnapshotDirectory.fileName(1_200));
        }
    }

    /** The one just written is kept even when the retention count is full of other usable snapshots. */
    @Test
    void shouldNeverDeleteTheSnapshotJustWritten()
    {
        final SnapshotDirectory snapshots = snapshots();
        try (Journal journal = open(root))
        {
            final MatchingEngine engine = CommandStream.newEngine();
            final CommandStream stream = new CommandStream(23);
            final JournalPosition early = JournalFixture.write(journal, JournalPosition.EMPTY, stream, engine, 100);
            final Path written = snapshots.write(engine, early);
            JournalPosition tail = early;
            final List<Path> newer = new ArrayList<>();
            for (int i = 0; i < 2; i++)
            {
                tail = JournalFixture.write(journal, tail, stream, engine, 100);
                newer.add(snapshots.write(engine, tail));
            }

            snapshots.retainUsable(1, written, journal, log::add);

            assertThat(snapshots.files()).contains(written).hasSize(2);
        }
    }
}

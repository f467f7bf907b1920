package dev.tessera.journal;

import dev.tessera.config.JournalConfig;
import dev.tessera.config.TradingConfig;
import dev.tessera.engine.MatchingEngine;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Archiving on a journal that spans several cycles: FIVE_MINUTELY on a clock the test moves, 200
 * records per cycle, snapshots inside cycles 2 and 3.
 */
class ArchiveJournalTest
{
    private static final long CYCLE_MILLIS = TimeUnit.MINUTES.toMillis(5);
    private static final int RECORDS_PER_CYCLE = 200;

    @TempDir
    Path root;

    private final List<String> log = new ArrayList<>();
    private final SetTimeProvider time = new SetTimeProvider(Instant.parse("2026-03-02T09:00:00Z"));
    private JournalConfig config;
    private SnapshotDirectory snapshots;
    private Journal journal;
    private final CommandStream stream = new CommandStream(31);
    private final MatchingEngine engine = CommandStream.newEngine();
    private JournalPosition tail = JournalPosition.EMPTY;

    @BeforeEach
    void open()
    {
        config = JournalFixture.config(root, "FIVE_MINUTELY");
        snapshots = new SnapshotDirectory(config.snapshotDirectory());
        journal = Journal.open(config, CommandStream.INSTRUMENTS, time);
    }

    @AfterEach
    void close()
    {
        journal.close();
    }

    private void write(final int records)
    {
        tail = JournalFixture.write(journal, tail, stream, engine, records);
    }

    private void nextCycle()
    {
        time.advanceMillis(CYCLE_MILLIS);
    }

    /** Cycles 0..3 of 200 records each; snapshots after records 500 (cycle 2) and 700 (cycle 3). */
    private void fourCyclesWithSnapshots()
    {
        write(RECORDS_PER_CYCLE);
        nextCycle();
        write(RECORDS_PER_CYCLE);
        nextCycle();
        write(100);
        snapshots.write(engine, tail);
        write(100);
        nextCycle();
        write(100);
        snapshots.write(engine, tail);
        write(100);
    }

    private List<Path> cycleFiles(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(file -> file.toString().endsWith(".cq4")).sorted().toList();
        }
    }

    private int cycleOf(final long index)
    {
        return journal.queue().rollCycle().toCycle(index);
    }

    @Test
    void shouldMoveCyclesOlderThanTheOldestSnapshotAndStillRecover() throws IOException
    {
        fourCyclesWithSnapshots();
        final List<Path> before = cycleFiles(journal.directory());
        assertThat(before).as("precondition: one file per cycle").hasSize(4);
        final Path copies = Files.createDirectory(root.resolve("copies"));
        for (final Path file : before.subList(0, 2))
        {
            Files.copy(file, copies.resolve(file.getFileName()));
        }
        final Recovery.Result full = JournalFixture.recover(journal, SnapshotStore.NONE, line -> { });
        final int firstCycle = cycleOf(journal.firstIndex());

        final List<Path> moved = JournalArchiver.archive(journal, config, CommandStream.INSTRUMENTS, TradingConfig.NO_DAY_END, log::add);

        assertThat(moved).extracting(Path::getFileName)
            .containsExactly(before.get(0).getFileName(), before.get(1).getFileName());
        assertThat(cycleFiles(journal.directory())).containsExactlyElementsOf(before.subList(2, 4));
        assertThat(cycleFiles(config.archiveDirectory())).containsExactlyElementsOf(moved);
        for (final Path file : moved)
        {
            assertThat(Files.mismatch(file, copies.resolve(file.getFileName()))).as("byte-identical " + file)
                .isEqualTo(-1L);
        }
        assertThat(journal.directory().resolve("metadata.cq4t")).exists();
        assertThat(Files.mismatch(journal.directory().resolve(JournalInstruments.FILE),
            config.archiveDirectory().resolve(JournalInstruments.FILE)))
            .as("the journal keeps its instruments, and the archived cycles have them beside them").isEqualTo(-1L);
        assertThat(cycleOf(journal.firstIndex())).as("the queue sees its new start").isEqualTo(firstCycle + 2);

        // Recovery from the newest snapshot, and from the oldest one alone, on the live queue and reopened.
        final Recovery.Result newest = JournalFixture.recover(journal, snapshots, log::add);
        assertThat(newest.snapshot()).isEqualTo(SnapshotDirectory.fileName(700));
        assertThat(newest.engine().stateHash()).isEqualTo(full.engine().stateHash());
        assertThat(newest.position()).isEqualTo(full.position());
        Files.delete(snapshots.files().get(1));
        journal.close();
        journal = Journal.open(config, CommandStream.INSTRUMENTS, time);
        final Recovery.Result oldest = JournalFixture.recover(journal, snapshots, log::add);
        assertThat(oldest.snapshot()).isEqualTo(SnapshotDirectory.fileName(500));
        assertThat(oldest.recordsReplayed()).isEqualTo(300);
        assertThat(oldest.engine().stateHash()).isEqualTo(full.engine().stateHash());
        assertThat(log).noneMatch(line -> line.contains("WARNING"));

        // The journal goes on after the archive: a new cycle, written and recovered.
        nextCycle();
        tail = oldest.position();
        JournalFixture.write(journal, tail, stream, oldest.engine(), 50);
        final Recovery.Result after = JournalFixture.recover(journal, snapshots, log::add);
        assertThat(after.position().recordSequence()).isEqualTo(850);
        assertThat(after.engine().stateHash()).isEqualTo(oldest.engine().stateHash());
    }

    @Test
    void shouldRefuseAFullReplayOnceTheJournalStartIsArchived()
    {
        fourCyclesWithSnapshots();
        JournalArchiver.archive(journal, config, CommandStream.INSTRUMENTS, TradingConfig.NO_DAY_END, log::add);
        snapshots.files().forEach(file -> JournalFixture.flipByte(file, 100));

        // Not damage, so not a repair's to fix (verify passes, repair has nothing to do): the advice must not loop there.
        assertThatThrownBy(() -> JournalFixture.recover(journal, snapshots, log::add))
            .isInstanceOf(JournalCorruptionException.class)
            .hasMessageStartingWith("the history before record 401 (index ")
            .hasMessageContaining("is archived (journal archive) and no usable snapshot covers it")
            .hasMessageNotContaining("corrupt")
            .matches(ex -> ((JournalCorruptionException)ex).archivedStart() && !((JournalCorruptionException)ex).repairable());
    }

    @Test
    void shouldVerifyAnArchivedJournalFromItsFirstAvailableRecord()
    {
        fourCyclesWithSnapshots();
        JournalArchiver.archive(journal, config, CommandStream.INSTRUMENTS, TradingConfig.NO_DAY_END, log::add);
        final List<Long> sequences = new ArrayList<>();

        try (JournalReader reader = journal.reader().fromFirstAvailable())
        {
            while (reader.poll(record -> sequences.add(record.recordSequence()), 1000) > 0)
            {
                // every record after the first available one verifies in full
            }
            assertThat(reader.position().lastEventSequence()).isEqualTo(engine.lastEventSequence());
        }
        assertThat(sequences).first().isEqualTo(401L);
        assertThat(sequences).hasSize(400);
        assertThatThrownBy(() ->
        {
            try (JournalReader reader = journal.reader())
            {
                reader.poll(record -> { }, 1);
            }
        }).as("a reader that expects the whole history still refuses, and says why")
            .isInstanceOf(JournalCorruptionException.class)
            .hasMessageStartingWith("the journal starts at record 401 (index ")
            .hasMessageContaining("not at record 1: its first cycle files were archived")
            .hasMessageNotContaining("corrupt")
            .matches(ex -> ((JournalCorruptionException)ex).archivedStart() &&
                ((JournalCorruptionException)ex).recordSequence() == 1);
    }

    @Test
    void shouldArchiveNothingWithoutAUsableSnapshot() throws IOException
    {
        write(RECORDS_PER_CYCLE);
        nextCycle();
        write(RECORDS_PER_CYCLE);
        nextCycle();
        write(RECORDS_PER_CYCLE);
        final List<Path> before = cycleFiles(journal.directory());

        assertThat(JournalArchiver.archive(journal, config, CommandStream.INSTRUMENTS, TradingConfig.NO_DAY_END, log::add)).isEmpty();
        assertThat(log).anyMatch(line -> line.contains("no usable snapshot"));

        // A snapshot of another history is no anchor either.
        final MatchingEngine other = CommandStream.newEngine();
        JournalFixture.run(new CommandStream(77), other, 300);
        snapshots.write(other, new JournalPosition(tail.index(), 300, 12345, other.lastEventSequence(), 300));

        assertThat(JournalArchiver.archive(journal, config, CommandStream.INSTRUMENTS, TradingConfig.NO_DAY_END, log::add)).isEmpty();
        assertThat(cycleFiles(journal.directory())).containsExactlyElementsOf(before);
        assertThat(config.archiveDirectory()).doesNotExist();
        assertThat(log).filteredOn(line -> line.startsWith("archive: WARNING skipping snapshot")).singleElement()
            .asString().contains(SnapshotDirectory.fileName(300) + ", not of this journal (of another journal, or of a " +
                "history a repair or a power cut cut off): the journal").doesNotContain("corrupt");
    }

    @Test
    void shouldNeverMoveTheCycleBeingWritten() throws IOException
    {
        write(RECORDS_PER_CYCLE);
        snapshots.write(engine, tail);
        final List<Path> before = cycleFiles(journal.directory());

        assertThat(JournalArchiver.archive(journal, config, CommandStream.INSTRUMENTS, TradingConfig.NO_DAY_END, log::add)).isEmpty();
        assertThat(cycleFiles(journal.directory())).containsExactlyElementsOf(before);
    }

    @Test
    void shouldAnchorOnTheOldestSnapshotThatVerifies() throws IOException
    {
        fourCyclesWithSnapshots();
        JournalFixture.flipByte(snapshots.files().get(0), 200);
        final List<Path> before = cycleFiles(journal.directory());

        final List<Path> moved = JournalArchiver.archive(journal, config, CommandStream.INSTRUMENTS, TradingConfig.NO_DAY_END, log::add);

        assertThat(moved).extracting(Path::getFileName).containsExactly(
            before.get(0).getFileName(), before.get(1).getFileName(), before.get(2).getFileName());
        assertThat(log).anyMatch(line -> line.contains("WARNING") && line.contains("checksum mismatch"));
        final Recovery.Result recovered = JournalFixture.recover(journal, snapshots, log::add);
        assertThat(recovered.snapshot()).isEqualTo(SnapshotDirectory.fileName(700));
        assertThat(recovered.engine().stateHash()).isEqualTo(engine.stateHash());
    }

    /** The FIX gateway starts only from a snapshot with every filled notional: until one exists, it needs record 1. */
    @Test
    void shouldArchiveNothingWhileNoUsableSnapshotCarriesEveryFilledNotional() throws IOException
    {
        write(RECORDS_PER_CYCLE);
        nextCycle();
        write(RECORDS_PER_CYCLE);
        nextCycle();
        write(100);
        assertThat(engine.liveOrderCount()).as("precondition: a book").isPositive();
        // as an engine restored from a format-1 snapshot writes
        snapshots.write(JournalFixture.withoutFilledNotional(engine), tail);
        final List<Path> before = cycleFiles(journal.directory());

        assertThat(JournalArchiver.archive(journal, config, CommandStream.INSTRUMENTS, TradingConfig.NO_DAY_END, log::add)).isEmpty();
        assertThat(cycleFiles(journal.directory())).containsExactlyElementsOf(before);
        assertThat(log).anyMatch(line -> line.contains("carries every live order's filled notional") &&
            line.contains("nothing archived"));

        write(100);
        snapshots.write(engine, tail);
        assertThat(JournalArchiver.archive(journal, config, CommandStream.INSTRUMENTS, TradingConfig.NO_DAY_END, log::add))
            .as("a snapshot with every notional lets the cycles before the oldest usable one go").hasSize(2);
    }

    /**
     * A snapshot of an older build (format 1 or 2) does not say when its trading day began: the configured day end
     * stands in, until an EndOfDay in the journal after it says where the day going on began.
     */
    @Test
    void shouldTakeTheConfiguredDayEndOnlyWhereTheOldestSnapshotDoesNotKnowWhenItsDayBegan()
    {
        write(RECORDS_PER_CYCLE);
        nextCycle();
        write(RECORDS_PER_CYCLE);
        nextCycle();
        write(100);
        snapshots.write(JournalFixture.withoutFirstEntrySinceEndOfDay(engine), tail);
        write(100);
        final Optional<LocalTime> dayEnd = Optional.of(LocalTime.of(21, 0));

        assertThat(JournalArchiver.archive(journal, snapshots, CommandStream.INSTRUMENTS, config.archiveDirectory(),
            dayEnd, log::add)).as("every record was entered after 21:00 on 2023-11-14: one trading day").isEmpty();
        assertThat(log).contains("archive: the cycle files holding records of the trading day of the journal's last " +
            "record (since 2023-11-14T21:00:00Z, trading.dayEnd 21:00: the oldest usable snapshot, written by an older " +
            "build, does not say when the day began) are kept, so the FIX gateway still checks that day's ClOrdIDs");

        stream.endOfDayNext();
        write(10);
        log.clear();
        assertThat(JournalArchiver.archive(journal, snapshots, CommandStream.INSTRUMENTS, config.archiveDirectory(),
            dayEnd, log::add)).as("the day going on began after the EndOfDay, in the snapshot's cycle").hasSize(2);
        assertThat(log).noneMatch(line -> line.contains("are kept"));
    }
}

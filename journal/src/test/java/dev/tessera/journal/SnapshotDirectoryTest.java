package dev.tessera.journal;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.StateVisitor;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotDirectoryTest
{
    @TempDir
    Path directory;

    private final List<String> log = new ArrayList<>();

    /** A position as a journal writer would report it; its fields only need to be consistent with the engine. */
    private static JournalPosition positionOf(final MatchingEngine engine, final long recordSequence)
    {
        return new JournalPosition(0x4A_0000_0000L + recordSequence, recordSequence, 0xC0FFEE ^ recordSequence,
            engine.lastEventSequence(), recordSequence);
    }

    private Optional<SnapshotStore.Snapshot> loadNewest(final SnapshotDirectory snapshots)
    {
        return snapshots.loadNewestValid(CommandStream.INSTRUMENTS, 1024, log::add);
    }

    /** Two snapshots, after 1000 and 2000 commands of one stream; returns the files, oldest first. */
    private List<Path> twoSnapshots(final SnapshotDirectory snapshots)
    {
        final CommandStream stream = new CommandStream(11);
        final MatchingEngine engine = CommandStream.newEngine();
        JournalFixture.run(stream, engine, 1_000);
        final Path older = snapshots.write(engine, positionOf(engine, 1_000));
        JournalFixture.run(stream, engine, 1_000);
        final Path newer = snapshots.write(engine, positionOf(engine, 2_000));
        return List.of(older, newer);
    }

    @Test
    void shouldRoundTripTheBooksAndContinueWithIdenticalEvents() throws IOException
    {
        final SnapshotDirectory snapshots = new SnapshotDirectory(directory);
        final CommandStream stream = new CommandStream(7);
        final MatchingEngine original = CommandStream.newEngine();
        JournalFixture.run(stream, original, 3_000);
        assertThat(original.liveOrderCount()).as("precondition: a real book").isGreaterThan(20);
        final JournalPosition position = positionOf(original, 3_000);

        final Path file = snapshots.write(original, position);
        final SnapshotStore.Snapshot loaded = loadNewest(snapshots).orElseThrow();

        assertThat(file.getFileName().toString()).isEqualTo("snapshot-00000000000000003000.tsnap");
        assertThat(loaded.name()).isEqualTo(file.getFileName().toString());
        assertThat(loaded.position()).isEqualTo(position);
        final MatchingEngine restored = loaded.engine();
        assertThat(restored.stateHash()).isEqualTo(original.stateHash());
        assertThat(restored.lastOrderId()).isEqualTo(original.lastOrderId());
        assertThat(restored.liveOrderCount()).isEqualTo(original.liveOrderCount());
        assertThat(Files.size(file)).isEqualTo(SnapshotFile.lengthFor(original.liveOrderCount()));
        assertThat(log).isEmpty();

        // The same continuation on both: byte-identical events, mass cancels (owner order) included.
        final long seed = 99;
        final List<byte[]> expected = JournalFixture.run(new CommandStream(seed, 3_000), original, 2_000);
        final List<byte[]> actual = JournalFixture.run(new CommandStream(seed, 3_000), restored, 2_000);
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(restored.stateHash()).isEqualTo(original.stateHash());
    }

    @Test
    void shouldRoundTripAnEmptyEngineAndEveryInstrument()
    {
        final List<InstrumentConfig> instruments = List.of(CommandStream.INSTRUMENTS.get(0),
            new InstrumentConfig("OTHER", 9, 2, 5, 10, 10, 1_000_000, 10_000, 0, SelfTradePrevention.NONE));
        final SnapshotDirectory snapshots = new SnapshotDirectory(directory.resolve("created/on/write"));
        final MatchingEngine empty = new MatchingEngine(instruments, 16);

        snapshots.write(empty, JournalPosition.EMPTY);
        final SnapshotStore.Snapshot loaded = snapshots.loadNewestValid(instruments, 16, log::add).orElseThrow();

        assertThat(loaded.engine().stateHash()).isEqualTo(empty.stateHash());
        assertThat(loaded.position()).isEqualTo(JournalPosition.EMPTY);
    }

    @Test
    void shouldLeaveOnlyTheFinalFileAfterAWrite() throws IOException
    {
        final SnapshotDirectory snapshots = new SnapshotDirectory(directory);
        twoSnapshots(snapshots);

        try (Stream<Path> files = Files.list(directory))
        {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder(
                "snapshot-00000000000000001000.tsnap", "snapshot-00000000000000002000.tsnap");
        }
        assertThat(snapshots.files()).extracting(file -> file.getFileName().toString()).containsExactly(
            "snapshot-00000000000000001000.tsnap", "snapshot-00000000000000002000.tsnap");
    }

    @Test
    void shouldOrderSnapshotsByRecordNotByHowTheyWereWritten()
    {
        assertThat(SnapshotDirectory.fileName(99)).isLessThan(SnapshotDirectory.fileName(100));
        assertThat(SnapshotDirectory.fileName(Long.MAX_VALUE)).isEqualTo("snapshot-09223372036854775807.tsnap");
    }

    enum Damage
    {
        FLIPPED_ORDER_BYTE("checksum mismatch"),
        FLIPPED_POSITION_BYTE("checksum mismatch"),
        FLIPPED_FIRST_ENTRY_BYTE("checksum mismatch"),
        FLIPPED_CHECKSUM_BYTE("checksum mismatch"),
        TRUNCATED("truncated"),
        TRUNCATED_TO_A_FEW_BYTES("truncated"),
        EMPTY("truncated"),
        WRONG_MAGIC("wrong magic"),
        FUTURE_VERSION("is not readable by this build");

        final String reason;

        Damage(final String reason)
        {
            this.reason = reason;
        }

        void apply(final Path file) throws IOException
        {
            final long size = Files.size(file);
            switch (this)
            {
                case FLIPPED_ORDER_BYTE -> JournalFixture.flipByte(file, SnapshotFile.HEADER_LENGTH + 3L * SnapshotFile.ORDER_LENGTH + 9);
                case FLIPPED_POSITION_BYTE -> JournalFixture.flipByte(file, SnapshotFile.POSITION_CHAIN_HASH_OFFSET);
                case FLIPPED_FIRST_ENTRY_BYTE ->
                    JournalFixture.flipByte(file, SnapshotFile.FIRST_ENTRY_SINCE_END_OF_DAY_OFFSET);
                case FLIPPED_CHECKSUM_BYTE -> JournalFixture.flipByte(file, size - 1);
                case TRUNCATED -> JournalFixture.truncate(file, size - 64);
                case TRUNCATED_TO_A_FEW_BYTES -> JournalFixture.truncate(file, 7);
                case EMPTY -> JournalFixture.truncate(file, 0);
                case WRONG_MAGIC -> JournalFixture.flipByte(file, 0);
                case FUTURE_VERSION -> JournalFixture.flipByte(file, SnapshotFile.VERSION_OFFSET + 0);
                default -> throw new AssertionError(this);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void shouldSkipADamagedNewestSnapshotWithAWarningAndUseTheOlderOne(final Damage damage) throws IOException
    {
        final SnapshotDirectory snapshots = new SnapshotDirectory(directory);
        final List<Path> files = twoSnapshots(snapshots);
        final long olderHash = snapshots.load(files.get(0), CommandStream.INSTRUMENTS, 1024).engine().stateHash();
        damage.apply(files.get(1));

        final SnapshotStore.Snapshot loaded = loadNewest(snapshots).orElseThrow();

        assertThat(loaded.position().recordSequence()).isEqualTo(1_000);
        assertThat(loaded.engine().stateHash()).isEqualTo(olderHash);
        assertThat(log).singleElement().asString()
            .contains("WARNING", files.get(1).toString(), damage.reason);
    }

    @Test
    void shouldSkipALeftoverTempFileOfANewerSnapshot() throws IOException
    {
        final SnapshotDirectory snapshots = new SnapshotDirectory(directory);
        final List<Path> files = twoSnapshots(snapshots);
        // A crash after writing the temp file, before the rename: the final name never appeared.
        final Path temp = directory.resolve(SnapshotDirectory.fileName(3_000) + ".tmp");
        Files.copy(files.get(1), temp);

        final SnapshotStore.Snapshot loaded = loadNewest(snapshots).orElseThrow();

        assertThat(loaded.position().recordSequence()).isEqualTo(2_000);
        assertThat(log).singleElement().asString().contains("WARNING", temp.toString(), "temp file of a snapshot write not finished");
        assertThat(snapshots.deleteLeftoverTempFiles(log::add)).containsExactly(temp);
        assertThat(temp).doesNotExist();
    }

    @Test
    void shouldSkipASnapshotRenamedToAnotherRecord() throws IOException
    {
        final SnapshotDirectory snapshots = new SnapshotDirectory(directory);
        final List<Path> files = twoSnapshots(snapshots);
        Files.move(files.get(0), directory.resolve(SnapshotDirectory.fileName(5_000)));

        final SnapshotStore.Snapshot loaded = loadNewest(snapshots).orElseThrow();

        assertThat(loaded.position().recordSequence()).isEqualTo(2_000);
        assertThat(log).singleElement().asString().contains("named for record 5000 but covers record 1000");
    }

    @Test
    void shouldLoadASnapshotWhoseOrdersAreOfAnInstrumentTheConfigurationLeavesOut()
    {
        final SnapshotDirectory snapshots = new SnapshotDirectory(directory);
        twoSnapshots(snapshots);
        final List<InstrumentConfig> otherInstruments = List.of(
            new InstrumentConfig("ELSE", 2, 2, 1, 1, 1, 1_000_000, 10_000, 0, SelfTradePrevention.NONE));

        final MatchingEngine loaded = snapshots.loadNewestValid(otherInstruments, 1024, log::add).orElseThrow().engine();

        // Its orders are kept as they were; recovery refuses the start while any of them rests (Recovery).
        assertThat(loaded.books()).extracting(book -> book.instrument().symbol()).containsExactly("ELSE");
        assertThat(loaded.booksLeftOut()).extracting(book -> book.instrument().id())
            .containsExactly(CommandStream.INSTRUMENT);
        assertThat(loaded.liveOrderCount()).isPositive();
        assertThat(log).isEmpty();
    }

    @Test
    void shouldFindNothingWhenEverySnapshotIsDamagedOrTheDirectoryIsMissing() throws IOException
    {
        final SnapshotDirectory snapshots = new SnapshotDirectory(directory);
        final List<Path> files = twoSnapshots(snapshots);
        Damage.FLIPPED_ORDER_BYTE.apply(files.get(0));
        Damage.TRUNCATED.apply(files.get(1));

        assertThat(loadNewest(snapshots)).isEmpty();
        assertThat(log).hasSize(2);
        assertThat(new SnapshotDirectory(directory.resolve("missing")).loadNewestValid(CommandStream.INSTRUMENTS, 1024,
            log::add)).isEmpty();
    }

    @Test
    void shouldLoadOnlySnapshotsBeforeARecordWhenAsked()
    {
        final SnapshotDirectory snapshots = new SnapshotDirectory(directory);
        twoSnapshots(snapshots);

        assertThat(snapshots.loadNewestValidBefore(2_000, CommandStream.INSTRUMENTS, 1024, log::add))
            .map(snapshot -> snapshot.position().recordSequence()).contains(1_000L);
        assertThat(snapshots.loadNewestValidBefore(1_000, CommandStream.INSTRUMENTS, 1024, log::add)).isEmpty();
        assertThat(log).isEmpty();
    }

    // ------------------------------------------------------------------ format versions

    /** Every order of an export as its values, the filled notional last, in export order. */
    private static List<List<Long>> orders(final MatchingEngine engine)
    {
        final List<List<Long>> orders = new ArrayList<>();
        engine.exportState(new StateVisitor()
        {
            @Override
            public void onCounters(
                final long lastOrderId, final long lastEventSequence, final int liveOrderCount,
                final long firstEntrySinceEndOfDay)
            {
            }

            @Override
            public void onOrder(
                final long orderId, final long owner, final long clientOrderId, final int instrumentId, final Side side,
                final OrderType orderType, final TimeInForce timeInForce, final boolean postOnly, final long price,
                final long quantity, final long filled, final long filledNotional, final long ownerRank)
            {
                orders.add(List.of(orderId, owner, clientOrderId, (long)instrumentId, (long)side.value(),
                    (long)orderType.value(), (long)timeInForce.value(), postOnly ? 1L : 0L, price, quantity, filled,
                    ownerRank, filledNotional));
            }
        });
        return orders;
    }

    @Test
    void shouldWriteFormat3WithTheFilledNotionalOfEveryOrderAndTheFirstEntrySinceTheEndOfDay() throws IOException
    {
        final SnapshotDirectory snapshots = new SnapshotDirectory(directory);
        final MatchingEngine engine = CommandStream.newEngine();
        final CommandStream stream = new CommandStream(7);
        JournalFixture.run(stream, engine, 3_000);
        JournalFixture.run(stream.endOfDayNext(), engine, 1);             // command 3001
        JournalFixture.run(stream, engine, 200);                          // 3002 dates the new trading day
        assertThat(engine.firstEntrySinceEndOfDay()).isEqualTo(CommandStream.timestampOf(3_002));

        final Path file = snapshots.write(engine, positionOf(engine, 3_201));
        final SnapshotStore.Snapshot loaded = loadNewest(snapshots).orElseThrow();

        assertThat(Files.readAllBytes(file)[SnapshotFile.VERSION_OFFSET]).isEqualTo((byte)3);
        assertThat(Files.size(file)).isEqualTo(96 + 72L * engine.liveOrderCount() + 4);
        assertThat(loaded.knowsEveryFilledNotional()).isTrue();
        assertThat(orders(loaded.engine())).isEqualTo(orders(engine))
            .anySatisfy(order -> assertThat(order.get(12)).isPositive());
        assertThat(loaded.engine().firstEntrySinceEndOfDay()).isEqualTo(CommandStream.timestampOf(3_002));
        assertThat(loaded.engine().stateHash()).isEqualTo(engine.stateHash());
        assertThat(log).isEmpty();
    }

    @Test
    void shouldRoundTripATradingDayWithNoEntryYetAndOneNotKnown()
    {
        final MatchingEngine engine = CommandStream.newEngine();
        final CommandStream stream = new CommandStream(8);
        JournalFixture.run(stream, engine, 500);
        JournalFixture.run(stream.endOfDayNext(), engine, 1);
        final SnapshotDirectory ended = new SnapshotDirectory(directory.resolve("ended"));
        final SnapshotDirectory unknown = new SnapshotDirectory(directory.resolve("unknown"));

        ended.write(engine, positionOf(engine, 501));
        unknown.write(JournalFixture.withoutFirstEntrySinceEndOfDay(engine), positionOf(engine, 501));

        assertThat(loadNewest(ended).orElseThrow().engine().firstEntrySinceEndOfDay())
            .isEqualTo(MatchingEngine.NO_ENTRY_SINCE_END_OF_DAY);
        assertThat(loadNewest(unknown).orElseThrow().engine().firstEntrySinceEndOfDay())
            .as("an engine restored from format 1 or 2 still says it does not know")
            .isEqualTo(MatchingEngine.UNKNOWN_ENTRY_SINCE_END_OF_DAY);
        assertThat(log).isEmpty();
    }

    /**
     * {@code fixtures/snapshot-format-1.tsnap} was written by the build before format 2 (see the fixtures'
     * README) from the engine state after {@code CommandStream(7)}'s first 3,000 commands.
     */
    @Test
    void shouldReadAFormat1SnapshotWrittenByTheOldBuildWithThePartlyFilledOrdersNotionalUnknown() throws IOException
    {
        final MatchingEngine original = fixtureEngine();

        final SnapshotStore.Snapshot loaded = loadFixture("snapshot-format-1.tsnap");

        assertThat(log).isEmpty(); // it verified: checksum, restore and the stored (notional-free) state hash
        assertThat(loaded.position()).isEqualTo(positionOf(original, 3_000));
        final List<List<Long>> expected = orders(original).stream()
            .map(order -> order.get(10) == 0 ? order : withLast(order, MatchingEngine.UNKNOWN_FILLED_NOTIONAL))
            .toList();
        assertThat(orders(loaded.engine())).isEqualTo(expected);
        assertThat(loaded.ordersWithoutFilledNotional()).isEqualTo(4).isEqualTo(
            (int)expected.stream().filter(order -> order.get(12) < 0).count());
        assertThat(loaded.knowsEveryFilledNotional()).isFalse();
        assertThat(loaded.engine().firstEntrySinceEndOfDay()).isEqualTo(MatchingEngine.UNKNOWN_ENTRY_SINCE_END_OF_DAY);

        // It matches exactly as the original does; a snapshot it takes (format 2) still says what it does not know.
        final long seed = 5;
        assertThat(JournalFixture.run(new CommandStream(seed, 3_000), loaded.engine(), 500))
            .containsExactlyElementsOf(JournalFixture.run(new CommandStream(seed, 3_000), original, 500));
        final SnapshotDirectory later = new SnapshotDirectory(directory.resolve("later"));
        later.write(loaded.engine(), positionOf(loaded.engine(), 3_500));
        final SnapshotStore.Snapshot reloaded = loadNewest(later).orElseThrow();
        assertThat(reloaded.ordersWithoutFilledNotional()).isEqualTo(
            (int)orders(loaded.engine()).stream().filter(order -> order.get(12) < 0).count());
        assertThat(reloaded.engine().stateHash()).isEqualTo(loaded.engine().stateHash());
    }

    /**
     * {@code fixtures/snapshot-format-2.tsnap} was written by the build before format 3 (see the fixtures'
     * README) from the engine state after {@code CommandStream(7)}'s first 3,000 commands.
     */
    @Test
    void shouldReadAFormat2SnapshotWrittenByTheOldBuildWithTheFirstEntrySinceTheEndOfDayUnknown() throws IOException
    {
        final MatchingEngine original = fixtureEngine();

        final SnapshotStore.Snapshot loaded = loadFixture("snapshot-format-2.tsnap");

        assertThat(log).isEmpty(); // it verified: checksum, restore and the stored state hash (which has no first entry)
        assertThat(loaded.position()).isEqualTo(positionOf(original, 3_000));
        assertThat(orders(loaded.engine())).isEqualTo(orders(original));
        assertThat(loaded.knowsEveryFilledNotional()).isTrue();
        assertThat(loaded.engine().firstEntrySinceEndOfDay()).isEqualTo(MatchingEngine.UNKNOWN_ENTRY_SINCE_END_OF_DAY);
        assertThat(original.firstEntrySinceEndOfDay()).isEqualTo(CommandStream.timestampOf(1));

        // It matches exactly as the original does; it learns the first entry again at its next EndOfDay, and a
        // snapshot it takes (format 3) carries what it knows.
        final long seed = 5;
        assertThat(JournalFixture.run(new CommandStream(seed, 3_000), loaded.engine(), 500))
            .containsExactlyElementsOf(JournalFixture.run(new CommandStream(seed, 3_000), original, 500));
        assertThat(loaded.engine().firstEntrySinceEndOfDay()).isEqualTo(MatchingEngine.UNKNOWN_ENTRY_SINCE_END_OF_DAY);
        final CommandStream dayTwo = new CommandStream(seed + 1, 3_500).endOfDayNext();
        assertThat(JournalFixture.run(dayTwo, loaded.engine(), 10))
            .containsExactlyElementsOf(JournalFixture.run(new CommandStream(seed + 1, 3_500).endOfDayNext(), original, 10));
        assertThat(loaded.engine().firstEntrySinceEndOfDay()).isEqualTo(CommandStream.timestampOf(3_502))
            .isEqualTo(original.firstEntrySinceEndOfDay());
        assertThat(loaded.engine().stateHash()).isEqualTo(original.stateHash());

        final SnapshotDirectory later = new SnapshotDirectory(directory.resolve("later"));
        later.write(loaded.engine(), positionOf(loaded.engine(), 3_510));
        final SnapshotStore.Snapshot reloaded = loadNewest(later).orElseThrow();
        assertThat(reloaded.engine().firstEntrySinceEndOfDay()).isEqualTo(CommandStream.timestampOf(3_502));
        assertThat(reloaded.engine().stateHash()).isEqualTo(original.stateHash());
    }

    /** The state the fixture snapshots were written from: the first 3,000 commands of {@code CommandStream(7)}. */
    private static MatchingEngine fixtureEngine()
    {
        final MatchingEngine engine = CommandStream.newEngine();
        JournalFixture.run(new CommandStream(7), engine, 3_000);
        return engine;
    }

    /** A snapshot file of {@code src/test/resources/fixtures}, loaded as the snapshot of record 3,000. */
    private SnapshotStore.Snapshot loadFixture(final String name) throws IOException
    {
        try (InputStream in = SnapshotDirectoryTest.class.getResourceAsStream("/fixtures/" + name))
        {
            Files.createDirectories(directory);
            Files.copy(in, directory.resolve(SnapshotDirectory.fileName(3_000)));
        }
        return loadNewest(new SnapshotDirectory(directory)).orElseThrow();
    }

    private static List<Long> withLast(final List<Long> values, final long last)
    {
        final List<Long> changed = new ArrayList<>(values);
        changed.set(changed.size() - 1, last);
        return changed;
    }
}

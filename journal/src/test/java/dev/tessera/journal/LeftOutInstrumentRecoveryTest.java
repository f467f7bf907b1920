package dev.tessera.journal;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.JournalConfig;
import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * "Instruments may be added or left out" between runs: a journal with orders of OTHER recovers under a configuration
 * without it, from the journal alone or from a snapshot, as long as none of them rests; with one resting the start is
 * refused, naming the instrument. Before, the replay threw "OrderAccepted for unknown instrument" at the first one.
 */
class LeftOutInstrumentRecoveryTest
{
    private static final InstrumentConfig TEST = CommandStream.INSTRUMENTS.get(0);
    private static final InstrumentConfig OTHER =
        new InstrumentConfig("OTHER", 2, 4, 100, 1, 1, 1_000_000, 1_000_000, 0, SelfTradePrevention.NONE);
    private static final List<InstrumentConfig> BOTH = List.of(TEST, OTHER);

    @TempDir
    Path root;

    private final CommandEncoder encoder = new CommandEncoder();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
    private final MatchingEngine writer = new MatchingEngine(BOTH, 4096);
    private final List<String> log = new ArrayList<>();
    private long sequence;

    @Test
    void shouldRecoverAJournalWithTheHistoryOfALeftOutInstrumentOnceNoneOfItsOrdersRests()
    {
        writeOtherThenTest(true, false);

        final Recovery.Result recovered = recoverWithTestOnly();

        assertThat(recovered.engine().stateHash()).isEqualTo(writer.stateHash());
        assertThat(recovered.engine().books()).extracting(book -> book.instrument().symbol()).containsExactly("TEST");
        assertThat(recovered.engine().lastOrderId()).isEqualTo(writer.lastOrderId());
        assertThat(JournalInstruments.leftOut(config().directory(), List.of(TEST))).singleElement()
            .satisfies(leftOut ->
            {
                assertThat(leftOut.symbol()).isEqualTo("OTHER");
                assertThat(leftOut.id()).isEqualTo(2);
                assertThat(leftOut.priceScale()).isEqualTo(4);
            });
    }

    @Test
    void shouldRecoverFromASnapshotTakenWhileTheLeftOutInstrumentHadOrders()
    {
        writeOtherThenTest(true, true);

        final Recovery.Result recovered = recoverWithTestOnly();

        assertThat(recovered.snapshot()).isNotNull();
        assertThat(log).noneMatch(line -> line.contains("WARNING"));
        assertThat(recovered.engine().stateHash()).isEqualTo(writer.stateHash());
    }

    @Test
    void shouldRefuseToStartWhileAnOrderRestsOnAnInstrumentTheConfigurationLeavesOut()
    {
        writeOtherThenTest(false, true);

        assertThatThrownBy(this::recoverWithTestOnly)
            .isInstanceOf(JournalInstrumentsException.class)
            .hasMessageContaining("the configuration leaves out OTHER (id 2) with 1 resting order of journal")
            .hasMessageContaining("configure it again");
        // With the instrument configured again it starts.
        try (Journal journal = Journal.open(config(), BOTH))
        {
            assertThat(Recovery.recover(journal, BOTH, 4096, snapshots(), log::add).engine().stateHash())
                .isEqualTo(writer.stateHash());
        }
    }

    /**
     * OTHER: a sell that a buy fills, and a sell that rests (cancelled when {@code cancelRestingOther}); then TEST's
     * random flow, with a snapshot after OTHER's commands when {@code snapshot}.
     */
    private void writeOtherThenTest(final boolean cancelRestingOther, final boolean snapshot)
    {
        try (Journal journal = Journal.open(config(), BOTH); JournalWriter append = journal.writer(JournalPosition.EMPTY))
        {
            journal(append, encoder.newOrder(command, 0, ++sequence, CommandStream.timestampOf(sequence), 7,
                OTHER.id(), 71, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, 1_000_000, 10));
            journal(append, encoder.newOrder(command, 0, ++sequence, CommandStream.timestampOf(sequence), 8,
                OTHER.id(), 81, Side.BUY, OrderType.LIMIT, TimeInForce.DAY, false, 1_000_000, 10));
            journal(append, encoder.newOrder(command, 0, ++sequence, CommandStream.timestampOf(sequence), 7,
                OTHER.id(), 72, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, 1_000_100, 5));
            append.endOfBatch();
            if (snapshot)
            {
                snapshots().write(writer, append.position());
            }
            if (cancelRestingOther)
            {
                journal(append, encoder.cancelOrder(command, 0, ++sequence, CommandStream.timestampOf(sequence), 7,
                    3, 0, 73));
            }
            final CommandStream test = new CommandStream(11, sequence);
            for (int i = 0; i < 200; i++)
            {
                journal(append, test.buffer(), test.next());
            }
            append.endOfBatch();
        }
        assertThat(writer.book(OTHER.id()).levelCount(Side.SELL)).isEqualTo(cancelRestingOther ? 0 : 1);
    }

    private void journal(final JournalWriter append, final int length)
    {
        journal(append, command, length);
    }

    private void journal(final JournalWriter append, final UnsafeBuffer buffer, final int length)
    {
        writer.onCommand(buffer, 0, length);
        append.append(buffer, 0, length, writer.events());
    }

    private Recovery.Result recoverWithTestOnly()
    {
        try (Journal journal = Journal.open(config(), List.of(TEST)))
        {
            return Recovery.recover(journal, List.of(TEST), 4096, snapshots(), log::add);
        }
    }

    private JournalConfig config()
    {
        return JournalFixture.config(root, "FAST_DAILY");
    }

    private SnapshotDirectory snapshots()
    {
        return new SnapshotDirectory(config().snapshotDirectory());
    }
}

package dev.tessera.journal;

import dev.tessera.config.Durability;
import dev.tessera.config.JournalConfig;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.StateVisitor;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Journals, snapshots and damage for the snapshot, recovery and archive tests. */
final class JournalFixture
{
    private JournalFixture()
    {
    }

    static JournalConfig config(final Path root, final String rollCycle)
    {
        return new JournalConfig(root.resolve("journal"), rollCycle, Durability.PROCESS, root.resolve("snapshots"),
            1_000, 3, root.resolve("archive"));
    }

    /** Runs commands through the engine and journals each with its events; returns the position after the last. */
    static JournalPosition write(
        final Journal journal, final JournalPosition tail, final CommandStream stream, final MatchingEngine engine,
        final int commands)
    {
        try (JournalWriter writer = journal.writer(tail))
        {
            for (int i = 0; i < commands; i++)
            {
                final int length = stream.next();
                engine.onCommand(stream.buffer(), 0, length);
                writer.append(stream.buffer(), 0, length, engine.events());
            }
            writer.endOfBatch();
            return writer.position();
        }
    }

    /** Runs commands through the engine and returns each command's event bytes (no journal). */
    static List<byte[]> run(final CommandStream stream, final MatchingEngine engine, final int commands)
    {
        final List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < commands; i++)
        {
            engine.onCommand(stream.buffer(), 0, stream.next());
            final byte[] bytes = new byte[engine.events().length()];
            engine.events().buffer().getBytes(0, bytes);
            events.add(bytes);
        }
        return events;
    }

    /**
     * The same books with every partly filled order's notional unknown: as an engine restored from a format-1
     * snapshot holds them (and its snapshots carry them).
     */
    static MatchingEngine withoutFilledNotional(final MatchingEngine engine)
    {
        return forgetting(engine, true, false);
    }

    /** The same state with the first entry since the last EndOfDay unknown: as restored from format 1 or 2. */
    static MatchingEngine withoutFirstEntrySinceEndOfDay(final MatchingEngine engine)
    {
        return forgetting(engine, false, true);
    }

    private static MatchingEngine forgetting(
        final MatchingEngine engine, final boolean filledNotional, final boolean firstEntrySinceEndOfDay)
    {
        return MatchingEngine.restore(CommandStream.INSTRUMENTS, 4096, visitor -> engine.exportState(new StateVisitor()
        {
            @Override
            public void onCounters(
                final long lastOrderId, final long lastEventSequence, final int liveOrderCount, final long firstEntry)
            {
                visitor.onCounters(lastOrderId, lastEventSequence, liveOrderCount,
                    firstEntrySinceEndOfDay ? MatchingEngine.UNKNOWN_ENTRY_SINCE_END_OF_DAY : firstEntry);
            }

            @Override
            public void onOrder(
                final long orderId, final long owner, final long clientOrderId, final int instrumentId, final Side side,
                final OrderType orderType, final TimeInForce timeInForce, final boolean postOnly, final long price,
                final long quantity, final long filled, final long notional, final long ownerRank)
            {
                visitor.onOrder(orderId, owner, clientOrderId, instrumentId, side, orderType, timeInForce, postOnly, price,
                    quantity, filled, filledNotional && filled != 0 ? MatchingEngine.UNKNOWN_FILLED_NOTIONAL : notional,
                    ownerRank);
            }
        }));
    }

    static Recovery.Result recover(final Journal journal, final SnapshotStore snapshots, final Consumer<String> log)
    {
        return Recovery.recover(journal, CommandStream.INSTRUMENTS, 4096, snapshots, log);
    }

    static void flipByte(final Path file, final long offset)
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(offset);
            final int value = raf.read();
            raf.seek(offset);
            raf.write(value ^ 0x10);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static void truncate(final Path file, final long length)
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(length);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

package dev.tessera.journal;

import dev.tessera.config.Durability;
import dev.tessera.config.JournalConfig;
import dev.tessera.engine.MatchingEngine;

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

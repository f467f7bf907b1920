package dev.tessera.journal;

import dev.tessera.config.Durability;
import dev.tessera.config.JournalConfig;
import dev.tessera.engine.MatchingEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class JournalPrefaultTest
{
    private static final long STRIDE = JournalPrefault.STRIDE_BYTES;

    @TempDir
    Path directory;

    @Test
    void shouldReadEveryStrideOfTheWindowAheadOfTheWriterOnce() throws Exception
    {
        final Path file = sparseFile("cycle-1.cq4", 64L << 20);
        final WriterFrontier frontier = new WriterFrontier();
        final JournalPrefault prefault = new JournalPrefault(frontier);

        assertThat(prefault.doWork()).as("no writer yet").isZero();
        frontier.publish(file.toFile(), 4096);
        assertThat(prefault.doWork()).isEqualTo((int)(JournalPrefault.AHEAD_BYTES / STRIDE));
        assertThat(prefault.doWork()).as("nothing new ahead").isZero();

        frontier.publish(file.toFile(), 4096 + 10 * STRIDE);
        assertThat(prefault.doWork()).as("the window moved by ten strides").isEqualTo(10);
        prefault.onClose();
    }

    @Test
    void shouldStopAtTheEndOfTheFileAndStartAgainOnTheNextFile() throws Exception
    {
        final Path first = sparseFile("cycle-1.cq4", 20 * STRIDE);
        final Path second = sparseFile("cycle-2.cq4", 64L << 20);
        final WriterFrontier frontier = new WriterFrontier();
        final JournalPrefault prefault = new JournalPrefault(frontier);

        frontier.publish(first.toFile(), 0);
        assertThat(prefault.doWork()).isEqualTo(20);
        // Chronicle shrinks a finished cycle file: a read past its new end is no fault, only nothing.
        try (RandomAccessFile shrink = new RandomAccessFile(first.toFile(), "rw"))
        {
            shrink.setLength(STRIDE);
        }
        frontier.publish(first.toFile(), 10 * STRIDE);
        assertThat(prefault.doWork()).isZero();

        frontier.publish(second.toFile(), 0);
        assertThat(prefault.doWork()).isEqualTo((int)(JournalPrefault.AHEAD_BYTES / STRIDE));
        prefault.onClose();
    }

    @Test
    void shouldRunAThreadWhileAWriterIsOpenOnlyWhenConfigured()
    {
        for (final boolean configured : new boolean[] {true, false})
        {
            final JournalConfig config = new JournalConfig(directory.resolve("journal-" + configured), "FAST_DAILY",
                Durability.PROCESS, directory.resolve("snapshots"), 1_000, 3, directory.resolve("archive"), configured);
            try (Journal journal = Journal.open(config))
            {
                final MatchingEngine engine = new MatchingEngine(CommandStream.INSTRUMENTS);
                final CommandStream stream = new CommandStream(7);
                try (JournalWriter writer = journal.writer(JournalPosition.EMPTY))
                {
                    final int length = stream.next();
                    engine.onCommand(stream.buffer(), 0, length);
                    writer.append(stream.buffer(), 0, length, engine.events());
                    writer.endOfBatch();
                    assertThat(prefaultThreadAlive()).as("journal.prefault = %s", configured).isEqualTo(configured);
                }
                assertThat(prefaultThreadAlive()).as("after the writer closed").isFalse();
            }
        }
    }

    private static boolean prefaultThreadAlive()
    {
        final Thread[] threads = new Thread[Thread.activeCount() + 16];
        final int count = Thread.enumerate(threads);
        return Arrays.stream(threads, 0, count)
            .anyMatch(thread -> "tessera-journal-prefault".equals(thread.getName()) && thread.isAlive());
    }

    private Path sparseFile(final String name, final long length) throws Exception
    {
        final Path file = directory.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(length);
        }
        return file;
    }
}

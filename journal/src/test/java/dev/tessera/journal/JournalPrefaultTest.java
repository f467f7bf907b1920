package dev.tessera.journal;

import dev.tessera.config.Durability;
import dev.tessera.config.JournalConfig;
import dev.tessera.config.Prefault;
import dev.tessera.engine.MatchingEngine;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.MappedBytesStore;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.Out;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class JournalPrefaultTest
{
    private static final long STRIDE = JournalPrefault.STRIDE_BYTES;
    private static final long AHEAD = JournalPrefault.AHEAD_BYTES;
    private static final long POPULATED_AHEAD = AHEAD - JournalPrefault.READ_AHEAD_SLACK_BYTES;
    private static final Pattern MAPPING = Pattern.compile("([0-9a-f]+)-([0-9a-f]+) ");

    @TempDir
    Path directory;

    @Test
    void shouldPopulateTheWritersOwnMappingAheadOfItWithoutTouchingAByte() throws Exception
    {
        assumeTrue(JournalPrefault.populateCapable() != null, "Linux with native POSIX access");
        final Path file = sparseFile("cycle-1.cq4", 0);
        try (MappedBytes bytes = MappedBytes.mappedBytes(file.toFile(), 64L << 20))
        {
            bytes.writeLong(0, 42L);
            final MappedBytesStore store = (MappedBytesStore)bytes.bytesStore();
            final long address = store.addressForWrite(store.start());
            final WriterFrontier frontier = new WriterFrontier();
            final JournalPrefault prefault = new JournalPrefault(frontier, JournalPrefault.populateCapable(), PageCacheFill.load());
            assertThat(prefault.doWork()).as("no chunk yet").isZero();

            frontier.chunk(file.toFile(), address, store.start(), store.realCapacity());
            frontier.publish(0);
            final long before = residentKiB(address);
            assertThat(prefault.doWork()).isPositive();
            assertThat(prefault.populatedTo()).as("populated up to the pages read ahead, less the last window")
                .isEqualTo(POPULATED_AHEAD);
            // Resident pages of the mapping are pages this process's page tables map: the writer will
            // not fault on them.
            assertThat(residentKiB(address) - before).as("KiB of the mapping now mapped")
                .isGreaterThanOrEqualTo((POPULATED_AHEAD - JournalPrefault.LEAD_BYTES) >> 10);
            assertThat(prefault.doWork()).as("nothing new ahead").isZero();
            assertThat(bytes.readLong(0)).isEqualTo(42L);
            for (long offset = 8; offset < AHEAD; offset += 4096)
            {
                assertThat(bytes.readByte(offset)).as("offset %d", offset).isZero();
            }

            frontier.publish(4L << 20);
            prefault.doWork();
            assertThat(prefault.populatedTo()).as("the window moved by 4 MiB").isEqualTo(POPULATED_AHEAD + (4L << 20));
            // Records end anywhere: each call must still start on a page boundary.
            frontier.publish((5L << 20) + 219);
            prefault.doWork();
            frontier.publish((6L << 20) + 438);
            prefault.doWork();
            assertThat(prefault.populates()).as("no EINVAL").isTrue();
            assertThat(prefault.populatedTo()).isEqualTo(POPULATED_AHEAD + (6L << 20));
        }
    }

    @Test
    void shouldGiveUpAChunkThatIsNoLongerMappedAndGoOnWithTheNext() throws Exception
    {
        assumeTrue(JournalPrefault.populateCapable() != null, "Linux with native POSIX access");
        final Path file = sparseFile("cycle-1.cq4", 64L << 20);
        final WriterFrontier frontier = new WriterFrontier();
        final JournalPrefault prefault = new JournalPrefault(frontier, JournalPrefault.populateCapable(), PageCacheFill.load());
        // Below the lowest address a process may map (vm.mmap_min_addr): never mapped.
        frontier.chunk(file.toFile(), 16L << 10, 0, 64L << 20);
        frontier.publish(0);
        prefault.doWork();
        assertThat(prefault.populatedTo()).as("the call fails with ENOMEM: the chunk is given up").isEqualTo(64L << 20);
        assertThat(prefault.populates()).as("a stale chunk is no reason to stop populating").isTrue();

        try (MappedBytes bytes = MappedBytes.mappedBytes(file.toFile(), 64L << 20))
        {
            bytes.writeLong(0, 1L);
            final MappedBytesStore store = (MappedBytesStore)bytes.bytesStore();
            frontier.chunk(file.toFile(), store.addressForWrite(store.start()), store.start(), store.realCapacity());
            prefault.doWork();
            assertThat(prefault.populatedTo()).isEqualTo(POPULATED_AHEAD);
        }
    }

    @Test
    void shouldReadEveryStrideOfTheWindowAheadOfTheWriterOnce() throws Exception
    {
        final Path file = sparseFile("cycle-1.cq4", 64L << 20);
        final WriterFrontier frontier = new WriterFrontier();
        final JournalPrefault prefault = new JournalPrefault(frontier, null, null);

        assertThat(prefault.doWork()).as("no writer yet").isZero();
        readerAt(frontier, file, 4096);
        assertThat(prefault.doWork()).isEqualTo((int)(JournalPrefault.AHEAD_BYTES / STRIDE));
        assertThat(prefault.doWork()).as("nothing new ahead").isZero();

        readerAt(frontier, file, 4096 + 10 * STRIDE);
        assertThat(prefault.doWork()).as("the window moved by ten strides").isEqualTo(10);
        prefault.onClose();
    }

    @Test
    void shouldBringEveryPageOfTheWindowAheadOfTheWriterIntoThePageCacheAndNoMore() throws Exception
    {
        final PageCacheFill fill = PageCacheFill.load();
        assumeTrue(fill != null, "Linux with libc");
        final Path file = sparseFile("cycle-1.cq4", 64L << 20);
        final WriterFrontier frontier = new WriterFrontier();
        final JournalPrefault prefault = new JournalPrefault(frontier, null, fill);
        final long position = (1L << 20) + 219;
        // What the writer leaves behind it is cached: the stream a one-byte read would make the kernel read
        // ahead from in windows of read_ahead_kb. Written, not read, so that nothing is read ahead yet.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            final ByteBuffer records = ByteBuffer.allocate((int)position);
            Arrays.fill(records.array(), (byte)7);
            channel.write(records, 0);
        }
        try (MappedBytes bytes = MappedBytes.mappedBytes(file.toFile(), 64L << 20))
        {
            bytes.readByte(0);
            final MappedBytesStore store = (MappedBytesStore)bytes.bytesStore();
            final long address = store.addressForRead(store.start());
            final int firstPage = (int)((position + 4095) >> 12);
            final int endPage = (int)((position + AHEAD + 4095) >> 12);
            assertThat(cachedPages(address, firstPage, endPage)).as("ahead of the writer, before").isZero();

            readerAt(frontier, file, position);
            assertThat(prefault.doWork()).isEqualTo((int)(AHEAD / STRIDE));
            assertThat(prefault.fillsExactly()).as("readahead(2) accepted").isTrue();
            assertThat(cachedPages(address, firstPage, endPage)).as("every page of the window")
                .isEqualTo(endPage - firstPage);
            assertThat(cachedPages(address, endPage, endPage + 4096)).as("past the window (16 MiB)").isZero();
            prefault.onClose();
        }
    }

    @Test
    void shouldStopAtTheEndOfTheFileAndStartAgainOnTheNextFile() throws Exception
    {
        final Path first = sparseFile("cycle-1.cq4", 20 * STRIDE);
        final Path second = sparseFile("cycle-2.cq4", 64L << 20);
        final WriterFrontier frontier = new WriterFrontier();
        final JournalPrefault prefault = new JournalPrefault(frontier, null, null);

        readerAt(frontier, first, 0);
        assertThat(prefault.doWork()).isEqualTo(20);
        // Chronicle shrinks a finished cycle file: a read past its new end is no fault, only nothing.
        try (RandomAccessFile shrink = new RandomAccessFile(first.toFile(), "rw"))
        {
            shrink.setLength(STRIDE);
        }
        readerAt(frontier, first, 10 * STRIDE);
        assertThat(prefault.doWork()).isZero();

        readerAt(frontier, second, 0);
        assertThat(prefault.doWork()).isEqualTo((int)(JournalPrefault.AHEAD_BYTES / STRIDE));
        prefault.onClose();
    }

    @Test
    void shouldRunAThreadWhileAWriterIsOpenOnlyWhenConfigured()
    {
        for (final Prefault configured : Prefault.values())
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
                    assertThat(prefaultThreadAlive()).as("journal.prefault = %s", configured).isEqualTo(configured != Prefault.OFF);
                }
                // Agrona's runner returns from close once the agent has closed, a moment before its thread
                // ends: wait for that moment, boundedly (a thread left running fails here).
                final long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
                while (prefaultThreadAlive() && System.nanoTime() < deadline)
                {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
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

    private static void readerAt(final WriterFrontier frontier, final Path file, final long position)
    {
        if (!file.toFile().equals(frontier.file()))
        {
            frontier.chunk(file.toFile(), 0, 0, 0);
        }
        frontier.publish(position);
    }

    /** How many of the pages {@code [from, to)} of the file mapped at {@code address} are in the page cache. */
    private static int cachedPages(final long address, final int from, final int to)
    {
        final byte[] resident = new byte[to - from];
        assertThat(Mincore.LIBC.mincore(address + ((long)from << 12), (long)(to - from) << 12, resident)).isZero();
        int cached = 0;
        for (final byte page : resident)
        {
            cached += page & 1;
        }
        return cached;
    }

    /** mincore(2): for a file mapping, whether each page is in the page cache, mapped by this process or not. */
    public interface Mincore
    {
        Mincore LIBC = LibraryLoader.create(Mincore.class).load("c");

        int mincore(long address, long length, @Out byte[] resident);
    }

    /** Rss of the mapping holding {@code address}, from /proc/self/smaps. */
    private static long residentKiB(final long address) throws Exception
    {
        final List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        boolean inMapping = false;
        for (final String line : lines)
        {
            final Matcher range = MAPPING.matcher(line);
            if (range.lookingAt())
            {
                inMapping = Long.parseUnsignedLong(range.group(1), 16) <= address &&
                    address < Long.parseUnsignedLong(range.group(2), 16);
            }
            else if (inMapping && line.startsWith("Rss:"))
            {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new AssertionError("no mapping holds " + Long.toHexString(address));
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

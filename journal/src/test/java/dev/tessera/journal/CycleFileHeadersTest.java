package dev.tessera.journal;

import dev.tessera.journal.CycleFileHeaders.Found;
import net.openhft.chronicle.wire.Wires;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

/** The walk over a cycle file's document headers, on files laid out by hand: each way a walk stops is a value. */
class CycleFileHeadersTest
{
    @TempDir
    Path directory;

    @Test
    void shouldStepOverDocumentsToAlignedHeadersAndStopAtAZeroHeader() throws IOException
    {
        // Documents of 5 and 8 bytes: the second header stands at 4 + 5 rounded up to 12.
        final ByteBuffer bytes = file(64);
        bytes.putInt(0, 5);
        bytes.putInt(12, 8 | Wires.META_DATA);
        final Path file = write(bytes);

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final CycleFileHeaders headers = new CycleFileHeaders(channel);
            assertThat(headers.at(0)).isEqualTo(Found.DOCUMENT);
            assertThat(headers.length()).isEqualTo(5);
            assertThat(headers.isData()).isTrue();
            assertThat(headers.next()).isEqualTo(Found.DOCUMENT);
            assertThat(headers.position()).isEqualTo(12);
            assertThat(headers.isData()).isFalse();
            assertThat(headers.next()).isEqualTo(Found.END);
            assertThat(headers.position()).isEqualTo(24);
        }
    }

    @Test
    void shouldStopAtAHeaderStillBeingWritten() throws IOException
    {
        final ByteBuffer bytes = file(32);
        bytes.putInt(0, 4 | Wires.NOT_COMPLETE);
        try (FileChannel channel = FileChannel.open(write(bytes), StandardOpenOption.READ))
        {
            assertThat(new CycleFileHeaders(channel).at(0)).isEqualTo(Found.END);
        }
    }

    @Test
    void shouldTellADocumentClaimingPastTheFileAndAPositionPastIt() throws IOException
    {
        final ByteBuffer bytes = file(32);
        bytes.putInt(8, 25); // 8 + 4 + 25 = 37 > 32
        try (FileChannel channel = FileChannel.open(write(bytes), StandardOpenOption.READ))
        {
            final CycleFileHeaders headers = new CycleFileHeaders(channel);
            assertThat(headers.at(8)).isEqualTo(Found.OVERRUNS);
            assertThat(headers.length()).isEqualTo(25);
            assertThat(headers.at(28)).as("the last header that fits").isEqualTo(Found.END);
            assertThat(headers.at(29)).isEqualTo(Found.PAST_FILE);
            assertThat(headers.at(1 << 20)).isEqualTo(Found.PAST_FILE);
            assertThat(headers.size()).isEqualTo(32);
        }
    }

    @Test
    void shouldReadHeadersBeyondItsFirstWindow() throws IOException
    {
        // One document of 100 KiB: the header after it lies outside the window the first read filled.
        final int length = 100 * 1024;
        final ByteBuffer bytes = file(length + 64);
        bytes.putInt(0, length);
        bytes.putInt(4 + length, 7);
        try (FileChannel channel = FileChannel.open(write(bytes), StandardOpenOption.READ))
        {
            final CycleFileHeaders headers = new CycleFileHeaders(channel);
            assertThat(headers.at(0)).isEqualTo(Found.DOCUMENT);
            assertThat(headers.next()).isEqualTo(Found.DOCUMENT);
            assertThat(headers.position()).isEqualTo(4 + length);
            assertThat(headers.length()).isEqualTo(7);
            assertThat(headers.next()).isEqualTo(Found.END);
            assertThat(headers.at(0)).as("back inside the file's start").isEqualTo(Found.DOCUMENT);
        }
    }

    @Test
    void shouldStepOverDocumentsAHeaderARead() throws IOException
    {
        final ByteBuffer bytes = file(64);
        bytes.putInt(0, 5);
        bytes.putInt(12, 8);
        try (FileChannel channel = FileChannel.open(write(bytes), StandardOpenOption.READ))
        {
            final CycleFileHeaders headers = new CycleFileHeaders(channel, Integer.BYTES);
            assertThat(headers.at(0)).isEqualTo(Found.DOCUMENT);
            assertThat(headers.next()).isEqualTo(Found.DOCUMENT);
            assertThat(headers.length()).isEqualTo(8);
            assertThat(headers.next()).isEqualTo(Found.END);
            assertThat(headers.position()).isEqualTo(24);
            assertThat(headers.at(60)).isEqualTo(Found.END);
        }
    }

    private static ByteBuffer file(final int size)
    {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private Path write(final ByteBuffer bytes) throws IOException
    {
        final Path file = directory.resolve("cycle.cq4");
        Files.write(file, bytes.array());
        return file;
    }
}

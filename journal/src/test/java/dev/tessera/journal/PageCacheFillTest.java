package dev.tessera.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PageCacheFillTest
{
    private static final int EBADF = 9;
    private static final int ENOENT = 2;

    @TempDir
    Path directory;

    @Test
    void shouldFillARangeOfAFileAndReportWhatTheKernelRefused() throws Exception
    {
        final PageCacheFill fill = PageCacheFill.load();
        assumeTrue(fill != null, "Linux with libc");
        assertThat(PageCacheFill.load()).as("bound once, shared").isSameAs(fill);

        final Path file = directory.resolve("cycle.cq4");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(1L << 20);
        }
        final int fd = fill.open(file.toFile());
        assertThat(fd).isNotNegative();
        assertThat(fill.fill(fd, 0, 64 << 10)).isTrue();
        assertThat(fill.fill(fd, 2L << 20, 64 << 10)).as("past the end: nothing to do, no error").isTrue();
        fill.close(fd);

        assertThat(fill.fill(fd, 0, 64 << 10)).as("a closed descriptor").isFalse();
        assertThat(fill.lastError()).isEqualTo(EBADF);
        assertThat(fill.open(directory.resolve("missing").toFile())).isNegative();
        assertThat(fill.lastError()).isEqualTo(ENOENT);
    }
}

package dev.tessera.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFileTest
{
    @TempDir
    Path directory;

    @Test
    void shouldReplaceTheFileWholeAndLeaveNoTempFile() throws Exception
    {
        final Path file = directory.resolve("journal.identity");
        AtomicFile.write(file, "first".getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(file, "second".getBytes(StandardCharsets.UTF_8));

        assertThat(file).hasContent("second");
        assertThat(AtomicFile.tempFileOf(file)).doesNotExist();
    }

    /**
     * A file that cannot be written is named with the operating system's reason, which is what the operator must put
     * right (QA 91 F5: a full disk said only "cannot write .../journal.identity").
     */
    @Test
    void shouldNameTheFileAndTheOperatingSystemsReasonWhenItCannotBeWritten() throws Exception
    {
        final Path notADirectory = Files.writeString(directory.resolve("sessions"), "a file, not a directory");
        final Path file = notADirectory.resolve("journal.identity");

        assertThatThrownBy(() -> AtomicFile.write(file, new byte[] {1}))
            .isInstanceOf(UncheckedIOException.class)
            .hasMessage("cannot write " + file + ": " + notADirectory.toAbsolutePath() +
                ": a file that is not a directory is there");
    }
}

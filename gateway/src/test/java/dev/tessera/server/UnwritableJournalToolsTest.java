package dev.tessera.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code journal repair} takes the journal's writer lock, a file in its directory, first: on a directory that takes
 * no file it refuses (exit 2) in a line that says why, as the exchange's start does (it printed a stack trace, exit
 * 1). As root (CI) the directory is {@code /sys}; {@code journal archive} finds no journal there before any lock.
 */
class UnwritableJournalToolsTest
{
    @TempDir
    Path directory;

    private final LauncherConsole console = new LauncherConsole();

    @Test
    void shouldSayWhyTheWriterLockOfAnUnwritableJournalCannotBeTaken() throws IOException
    {
        final Path journal = UnwritableDirectory.in(directory);
        for (final String tool : new String[] {"repair"})
        {
            assertThat(console.run("journal", tool, "--journal", journal.toString(), "--set",
                "journal.archiveDirectory=" + directory.resolve("archive"))).as(tool + ": " + console.err()).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
            final String first = console.err().lines().findFirst().orElse("");
            assertThat(first).as(tool).startsWith("tessera: cannot take the writer lock of journal " + journal + ": ")
                .doesNotEndWith(journal + ": ");
            assertThat(console.err()).as(tool).doesNotContain("\tat ", "Exception");
        }
    }
}

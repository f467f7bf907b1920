package dev.tessera.server;

import dev.tessera.journal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code journal repair} takes the journal's writer lock, a file in its directory, first: on a journal whose directory
 * takes no file it refuses (exit 2) in a line that says why, as the exchange's start does (it printed a stack trace,
 * exit 1). A directory that holds no journal it refuses before any lock, as every tool does: it took one for an empty
 * journal ("journal OK") and left its lock file there. As root (CI) file permissions stop nothing, so the unwritable
 * directory is {@code /sys}, which holds no journal, and the lock file that cannot be opened is a directory in its place.
 */
class UnwritableJournalToolsTest
{
    @TempDir
    Path directory;

    private final LauncherConsole console = new LauncherConsole();

    private int repair(final Path journal)
    {
        return console.run("journal", "repair", "--journal", journal.toString(), "--set",
            "journal.archiveDirectory=" + directory.resolve("archive"));
    }

    @Test
    void shouldSayThatAnUnwritableDirectoryHoldsNoJournalBeforeTakingAnyLock() throws IOException
    {
        final Path unwritable = UnwritableDirectory.in(directory);

        assertThat(repair(unwritable)).as(console.err()).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);

        assertThat(console.err().lines()).containsExactly("tessera: no journal at " + unwritable);
    }

    @Test
    void shouldSayWhyTheWriterLockOfAnUnwritableJournalCannotBeTaken() throws IOException
    {
        final Path journal = directory.resolve("journal");
        JournalFixture.scripted(journal);
        // A lock file no one can open for writing, root included (whom chmod 555 does not stop, as in CI): a directory
        // in its place.
        Files.deleteIfExists(journal.resolve(Journal.WRITER_LOCK_FILE));
        Files.createDirectory(journal.resolve(Journal.WRITER_LOCK_FILE));

        assertThat(repair(journal)).as(console.err()).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);

        final String first = console.err().lines().findFirst().orElse("");
        assertThat(first).startsWith("tessera: cannot take the writer lock of journal " + journal + ": ")
            .doesNotEndWith(journal + ": ");
        assertThat(console.err()).doesNotContain("\tat ", "Exception");
    }
}

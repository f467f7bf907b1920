package dev.tessera.perf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A harness JVM stopped early leaves nothing behind: on SIGTERM its shutdown hook deletes its journal directories
 * and stops its children; a child ends by itself once its parent is gone (stdin closed), as after a SIGKILL.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LeftoversTest
{
    @TempDir
    Path parent;

    /** A harness stand-in: makes a journal directory as the harnesses do, says where, and runs until stopped. */
    public static final class Sleeper
    {
        public static void main(final String[] args) throws InterruptedException
        {
            System.out.println(PipelineRig.temporaryDirectory(Path.of(args[0]), "tessera-perf-journal-"));
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    private static Process start(final Path parent) throws IOException
    {
        return new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            System.getProperty("java.class.path"), ParentWatch.class.getName(), Sleeper.class.getName(), parent.toString()))
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static Path journalOf(final Process process) throws IOException
    {
        final BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        final Path journal = Path.of(lines.readLine());
        assertThat(journal).isDirectory();
        return journal;
    }

    @Test
    void shouldDeleteTheJournalDirectoryWhenStoppedBySigterm() throws Exception
    {
        final Process harness = start(parent);
        final Path journal = journalOf(harness);
        Files.writeString(journal.resolve("journal.cq4"), "records");

        harness.destroy();

        assertThat(harness.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(journal).doesNotExist();
    }

    @Test
    void shouldEndAsOnSigtermOnceItsParentIsGone() throws Exception
    {
        final Process child = start(parent);
        final Path journal = journalOf(child);

        // What the kernel does when the parent dies, however it dies: the write end of the child's stdin closes.
        child.getOutputStream().close();

        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(ParentWatch.PARENT_GONE_STATUS);
        assertThat(journal).doesNotExist();
    }
}

package dev.tessera.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's journal commands, run through bin/tessera against the journal a demo run wrote. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class JournalToolsIT
{
    private static final Path ROOT = Path.of(System.getProperty("tessera.root", "..")).toAbsolutePath().normalize();

    private record Result(int exitCode, String output)
    {
    }

    private static Result launch(final String... args) throws IOException, InterruptedException
    {
        final String[] command = new String[args.length + 1];
        command[0] = ROOT.resolve("bin/tessera").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void shouldVerifyDumpAndRebuildTheJournalOfADemoRun(@TempDir final Path directory) throws Exception
    {
        final String journal = "journal.directory=" + directory.resolve("journal");
        // --demo: without it bin/tessera serves FIX until SIGTERM instead of running the scripted flow and exiting.
        assertThat(launch("--demo", "--set", journal,
            "--set", "journal.snapshotDirectory=" + directory.resolve("snapshots")).exitCode()).isZero();

        final Result verify = launch("journal", "verify", "--set", journal);
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("commands  1 .. ", "journal OK");

        final Result dump = launch("journal", "dump", "--set", journal, "--instrument", "AAPL", "--limit", "3");
        assertThat(dump.exitCode()).as(dump.output()).isZero();
        assertThat(dump.output()).contains("NEW-ORDER  AAPL", "ACCEPTED   AAPL", "(limit reached)");

        final Result book = launch("book", "--set", journal, "--at", "20");
        assertThat(book.exitCode()).as(book.output()).isZero();
        assertThat(book.output()).contains("after record 20 ", "Book AAPL", "state hash").doesNotContain("Exception");

        final Result missing = launch("journal", "stats", "--journal", directory.resolve("none").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output()).contains("no journal at");
    }
}

package dev.tessera.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the README's start command, bin/tessera, as a real child process against the packaged jar. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LauncherIT
{
    private static final Path ROOT = Path.of(System.getProperty("tessera.root", "..")).toAbsolutePath().normalize();

    private record Result(int exitCode, String output)
    {
    }

    @TempDir
    static Path data;

    private static Result launch(final String... args) throws IOException, InterruptedException
    {
        final Path script = ROOT.resolve("bin/tessera");
        assertThat(script).isExecutable();
        final String[] command = new String[args.length + 1];
        command[0] = script.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TESSERA_JAVA_OPTS", "-Dtessera.journal.directory=" + data.resolve("journal") +
            " -Dtessera.journal.snapshotDirectory=" + data.resolve("snapshots"));
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void shouldRunTheDemoWithEmbeddedDefaultsAndPrintTheBooks() throws Exception
    {
        assertThat(Files.exists(ROOT.resolve("gateway/target/tessera.jar"))).isTrue();

        final Result result = launch("--demo");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("AAPL", "TRADE", "Book AAPL", "state hash")
            .doesNotContain("CompIDs") // the demo runs no FIX gateway
            .doesNotContain("building the launcher")
            .doesNotContain("Exception");
    }

    @Test
    void shouldExitNonZeroOnBadConfiguration() throws Exception
    {
        final Result result = launch("--set", "instruments=[{symbol=X, id=1, tickSize=-1, referencePrice=1}]");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("instruments[0].tickSize must be > 0, got -1");
    }
}

package dev.tessera.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two simulations never share a directory, and one that fails removes only what it wrote. */
class SimulationDirectoryTest
{
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @Test
    void shouldGiveRunsStartedInTheSameSecondADirectoryEach() throws IOException
    {
        final Path base = dir.resolve("simulations").resolve("journal-20261123-094000");

        final SimulationDirectory first = SimulationDirectory.claimNew(base);
        final SimulationDirectory second = SimulationDirectory.claimNew(base);
        Files.writeString(first.path().resolve("statistics.csv"), "first");
        second.removeOutput(new PrintWriter(err, true));

        assertThat(first.path()).isEqualTo(base);
        assertThat(second.path()).isEqualTo(dir.resolve("simulations").resolve("journal-20261123-094000-2"));
        assertThat(second.path()).as("the failed run's own directory").doesNotExist();
        assertThat(first.path().resolve("statistics.csv")).as("the other run's output").hasContent("first");
        assertThat(err.toString()).contains("its partial output in " + second.path() + " was removed");
    }

    @Test
    void shouldNotReuseTheDirectoryOfAFinishedRun() throws IOException
    {
        final Path base = dir.resolve("run");
        final SimulationDirectory finished = SimulationDirectory.claimNew(base);
        Files.writeString(finished.path().resolve("report.html"), "<html>");
        finished.release();

        assertThat(finished.path().resolve(SimulationDirectory.CLAIM_FILE)).doesNotExist();
        assertThat(SimulationDirectory.claimNew(base).path()).isEqualTo(dir.resolve("run-2"));
        assertThatThrownBy(() -> SimulationDirectory.claim(base))
            .hasMessage("--out " + base + " exists and is not empty: choose a new directory");
    }

    @Test
    void shouldRefuseAnOutDirectoryAnotherRunIsWritingTo() throws IOException
    {
        final Path out = dir.resolve("out");
        final SimulationDirectory running = SimulationDirectory.claim(out);

        assertThatThrownBy(() -> SimulationDirectory.claim(out))
            .hasMessage("--out " + out + " exists and is not empty (another simulation is writing there): choose a new directory");
        assertThat(running.path().resolve(SimulationDirectory.CLAIM_FILE)).as("still the running one's").exists();
    }

    @Test
    void shouldTakeAnEmptyOutDirectoryAndLeaveItEmptyWhenTheRunFails() throws IOException
    {
        final Path out = Files.createDirectory(dir.resolve("empty"));
        final SimulationDirectory claimed = SimulationDirectory.claim(out);
        Files.createDirectories(claimed.path().resolve("journal"));
        Files.writeString(claimed.path().resolve("journal").resolve("x.cq4"), "partial");

        claimed.removeOutput(new PrintWriter(err, true));

        assertThat(out).as("it was there before the run").isEmptyDirectory();
    }
}

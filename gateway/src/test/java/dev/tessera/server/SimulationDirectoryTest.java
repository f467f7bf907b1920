package dev.tessera.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two simulations never share a directory, and one that fails removes only what it wrote. */
class SimulationDirectoryTest
{
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private final PrintWriter log = new PrintWriter(err, true);

    @Test
    void shouldGiveRunsStartedInTheSameSecondADirectoryEach() throws IOException
    {
        final Path base = dir.resolve("simulations").resolve("journal-20261123-094000");

        final SimulationDirectory first = SimulationDirectory.claimNew(base, log);
        final SimulationDirectory second = SimulationDirectory.claimNew(base, log);
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
        final SimulationDirectory finished = SimulationDirectory.claimNew(base, log);
        Files.writeString(finished.path().resolve("report.html"), "<html>");
        finished.release();

        assertThat(finished.path().resolve(SimulationDirectory.CLAIM_FILE)).doesNotExist();
        assertThat(SimulationDirectory.claimNew(base, log).path()).isEqualTo(dir.resolve("run-2"));
        assertThatThrownBy(() -> SimulationDirectory.claim(base, log))
            .hasMessage("--out " + base + " exists and is not empty: choose a new directory");
    }

    @Test
    void shouldSayAFileIsInTheWayOfTheOutDirectoryNotThatItIsNotEmpty() throws IOException
    {
        final Path file = Files.createFile(dir.resolve("afile"));

        assertThatThrownBy(() -> SimulationDirectory.claim(file, log))
            .hasMessage("--out " + file + " is a file, not a directory: choose a new directory");
        assertThatThrownBy(() -> SimulationDirectory.claim(file.resolve("sub"), log))
            .hasMessage("cannot create the simulation output directory " + file.resolve("sub") + ": " + file +
                ": a file that is not a directory is there");
        // QA 98: deeper, the JDK names a path that does not exist (afile/sub): the file in the way is named instead.
        assertThatThrownBy(() -> SimulationDirectory.claim(file.resolve("sub").resolve("deeper"), log))
            .hasMessage("cannot create the simulation output directory " + file.resolve("sub").resolve("deeper") + ": " +
                file + ": a file that is not a directory is there");
        // Given relative (as a user types --out afile/sub/deeper), the file is named the same way for both depths.
        final Path relative = Path.of("").toAbsolutePath().relativize(file);
        for (final Path out : List.of(relative.resolve("sub"), relative.resolve("sub").resolve("deeper")))
        {
            assertThatThrownBy(() -> SimulationDirectory.claim(out, log))
                .hasMessage("cannot create the simulation output directory " + out + ": " + relative.toAbsolutePath() +
                    ": a file that is not a directory is there");
        }
        assertThat(file).as("left as it was").isEmptyFile();
    }

    @Test
    void shouldRefuseAnOutDirectoryAnotherRunIsWritingTo() throws IOException
    {
        final Path out = dir.resolve("out");
        final SimulationDirectory running = SimulationDirectory.claim(out, log);

        assertThatThrownBy(() -> SimulationDirectory.claim(out, log))
            .hasMessage("--out " + out + " exists and is not empty (another simulation is writing there): choose a new directory");
        assertThat(running.path().resolve(SimulationDirectory.CLAIM_FILE)).as("still the running one's").exists();
    }

    @Test
    void shouldTakeAnEmptyOutDirectoryAndLeaveItEmptyWhenTheRunFails() throws IOException
    {
        final Path out = Files.createDirectory(dir.resolve("empty"));
        final SimulationDirectory claimed = SimulationDirectory.claim(out, log);
        Files.createDirectories(claimed.path().resolve("journal"));
        Files.writeString(claimed.path().resolve("journal").resolve("x.cq4"), "partial");

        claimed.removeOutput(new PrintWriter(err, true));

        assertThat(out).as("it was there before the run").isEmptyDirectory();
    }

    @Test
    void shouldRecordItsProcessInTheClaim() throws IOException
    {
        final SimulationDirectory claimed = SimulationDirectory.claim(dir.resolve("out"), log);

        final ProcessHandle self = ProcessHandle.current();
        assertThat(Files.readString(claimed.path().resolve(SimulationDirectory.CLAIM_FILE)).strip()).isEqualTo("pid " +
            self.pid() + self.info().startInstant().map(start -> " started " + start).orElse("") + " on " +
            SimulationDirectory.HOST);
    }

    /**
     * A claim by a process on another machine (a file system both share) is never taken over: no pid says whether it
     * still runs. The same dead pid on this machine is.
     */
    @Test
    void shouldNotTakeOverAClaimMadeOnAnotherMachine() throws IOException
    {
        final long deadPid = deadPid();
        final Path out = Files.createDirectory(dir.resolve("out"));
        Files.writeString(out.resolve(SimulationDirectory.CLAIM_FILE), "pid " + deadPid + " on elsewhere-host\n");
        Files.writeString(out.resolve("statistics.csv"), "being written");
        assertThatThrownBy(() -> SimulationDirectory.claim(out, log)).hasMessageContaining(
            "(another simulation is writing there)");
        assertThat(Files.readString(out.resolve("statistics.csv"))).isEqualTo("being written");

        Files.writeString(out.resolve(SimulationDirectory.CLAIM_FILE), "pid " + deadPid + " on " +
            SimulationDirectory.HOST + "\n");
        assertThat(SimulationDirectory.claim(out, log).path()).isEqualTo(out);
        assertThat(out.resolve("statistics.csv")).doesNotExist();
    }

    /** A pid no process has here now. */
    private static long deadPid()
    {
        long pid = 4_000_000;
        while (ProcessHandle.of(pid).isPresent())
        {
            pid++;
        }
        return pid;
    }

    /** A pid in the claim that a process started at another instant has now is a dead run's, whose pid was reused. */
    @Test
    void shouldTakeOverAClaimWhosePidAnotherProcessHasSince() throws IOException
    {
        final Path out = Files.createDirectory(dir.resolve("out"));
        Files.writeString(out.resolve(SimulationDirectory.CLAIM_FILE),
            "pid " + ProcessHandle.current().pid() + " started 2001-01-01T00:00:00Z\n");
        Files.createDirectories(out.resolve("journal"));
        Files.writeString(out.resolve("statistics.csv"), "partial");

        final SimulationDirectory claimed = SimulationDirectory.claim(out, log);

        assertThat(claimed.path()).isEqualTo(out);
        assertThat(err.toString()).contains(out + " was claimed by a simulation that is no longer running (pid " +
            ProcessHandle.current().pid() + " started 2001-01-01T00:00:00Z); took it over and removed its partial output");
        try (Stream<Path> left = Files.list(out))
        {
            assertThat(left.toList()).containsExactly(out.resolve(SimulationDirectory.CLAIM_FILE));
        }
    }

    @Test
    void shouldNotTakeOverTheClaimOfALiveRunOrOneThatNamesNoProcess() throws IOException
    {
        final Path out = dir.resolve("out");
        SimulationDirectory.claim(out, log);
        assertThatThrownBy(() -> SimulationDirectory.claim(out, log)).as("this process, started when it was")
            .hasMessage("--out " + out + " exists and is not empty (another simulation is writing there): choose a new " +
                "directory");

        final Path old = Files.createDirectory(dir.resolve("old"));
        Files.createFile(old.resolve(SimulationDirectory.CLAIM_FILE));
        assertThatThrownBy(() -> SimulationDirectory.claim(old, log)).hasMessage("--out " + old + " exists and is " +
            "not empty (its " + SimulationDirectory.CLAIM_FILE + " names no process: remove it if no simulation is " +
            "writing there): choose a new directory");
        assertThat(err.toString()).isEmpty();
    }
}

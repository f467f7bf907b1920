package dev.tessera.server;

import dev.tessera.config.Durability;
import dev.tessera.config.JournalConfig;
import dev.tessera.journal.Journal;
import dev.tessera.journal.Recovery;
import dev.tessera.journal.SnapshotDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chronicle's index in a cycle file before the last: reading in order never uses it, a start from a snapshot in
 * that cycle does, and so does Chronicle's search for the last record when the last cycle holds one document
 * (it winds back into the cycle before). {@code journal verify} must find such damage, every tool and start-up must
 * name the file it is in (not the last one), and a repair must rebuild it keeping every record.
 */
class OlderCycleIndexDamageTest
{
    private static final long SEED = 7;

    @TempDir
    Path root;

    private final LauncherConsole console = new LauncherConsole();
    private Path journal;
    private Path snapshots;
    /** The cycle files, oldest first: records 1-299, 300-599, 600-899 and 900. */
    private List<Path> files;

    /** 900 records over four cycles, a snapshot after record 700 (in the third). */
    @BeforeEach
    void journalWithSnapshot() throws IOException
    {
        journal = root.resolve("journal");
        snapshots = root.resolve("snapshots");
        JournalFixture.createRolling(journal).random(SEED, 700).snapshot(snapshots).random(SEED + 1, 200).close();
        try (Stream<Path> list = Files.list(journal))
        {
            files = list.filter(p -> p.toString().endsWith(".cq4")).sorted().toList();
        }
        assertThat(files).hasSize(4);
    }

    private int run(final String... args)
    {
        final List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--journal", journal.toString(), "--set", "journal.snapshotDirectory=" + snapshots));
        return console.run(all.toArray(String[]::new));
    }

    @Test
    void shouldNameTheOlderCycleFileWhoseIndexIsDamagedAndHaveRepairRebuildIt() throws IOException
    {
        final Path damaged = files.get(2);
        JournalFixture.damageIndex(damaged);
        final String named = "Chronicle's index in cycle file " + damaged + " cannot be read";

        for (final String[] tool : new String[][] {{"journal", "verify"}, {"journal", "stats"}, {"verify-replay"}})
        {
            assertThat(run(tool)).as(String.join(" ", tool)).isEqualTo(JournalTools.EXIT_CORRUPT);
            assertThat(console.err()).as(String.join(" ", tool)).contains(named)
                .doesNotContain(files.get(3).toString()).doesNotContain("\tat ");
        }
        assertThat(run("book", "--at", "100")).as("a rebuild that stops in the first cycle needs no index")
            .isEqualTo(TesseraMain.EXIT_OK);

        final List<String> log = new ArrayList<>();
        assertThat(recoverAsTheServerDoes(log)).contains(named);
        assertThat(String.join("\n", log)).contains("snapshot snapshot-00000000000000000700.tsnap not usable", named);

        assertThat(run("journal", "repair")).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("repair: kept 900 records");
        assertThat(run("journal", "verify")).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        log.clear();
        assertThat(recoverAsTheServerDoes(log)).isEqualTo("recovered to record 900");
        assertThat(log).as("the snapshot is usable again: repair kept every record's index")
            .anyMatch(line -> line.contains("snapshot snapshot-00000000000000000700.tsnap covers record 700"));
    }

    @Test
    void shouldHaveVerifyFindDamageInAnIndexOnlyAStartFromASnapshotWouldRead() throws IOException
    {
        // The first cycle: neither reading in order nor the search for the last record reads its index.
        final Path damaged = files.get(0);
        JournalFixture.damageIndex(damaged);

        assertThat(run("journal", "dump", "--limit", "1")).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(run("journal", "verify")).isEqualTo(JournalTools.EXIT_CORRUPT);
        assertThat(console.err()).contains("(record 299): Chronicle's index in cycle file " + damaged + " cannot be read")
            .doesNotContain("\tat ");

        assertThat(run("journal", "repair")).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(run("journal", "verify")).as(console.err()).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("records   900 (record 1 .. 900,");
    }

    /** The start-up path: open the journal for writing, recover from the newest usable snapshot. */
    private String recoverAsTheServerDoes(final List<String> log)
    {
        try (Journal opened = Journal.open(new JournalConfig(journal, "FIVE_MINUTELY", Durability.PROCESS),
            JournalFixture.INSTRUMENTS))
        {
            return "recovered to record " + Recovery.recover(opened, JournalFixture.INSTRUMENTS, 4096,
                new SnapshotDirectory(snapshots), log::add).position().recordSequence();
        }
        catch (final RuntimeException ex)
        {
            return ex.getMessage();
        }
    }
}

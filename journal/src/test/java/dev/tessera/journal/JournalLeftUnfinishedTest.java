package dev.tessera.journal;

import dev.tessera.config.Durability;
import dev.tessera.config.JournalConfig;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The files a writer killed while Chronicle created them leaves unfinished, as read-only tools meet them: the
 * exchange's own open settles them (JournalTest), a read-only open must not change them, and Chronicle opening
 * them read-only waits (a cycle file: for ever; the metadata: 10 s, then an error about a lock). So a read-only
 * open names the file at once, and a repair settles it as the exchange would.
 */
@Timeout(30)
class JournalLeftUnfinishedTest
{
    @TempDir
    Path directory;

    private JournalConfig config()
    {
        return new JournalConfig(directory, "FAST_DAILY", Durability.PROCESS);
    }

    @Test
    void shouldNameACycleFileAKillLeftUnbegunAtOnceAndChangeNothing() throws Exception
    {
        final Path torn = emptyJournalWithTornCycleFile();
        final Map<String, byte[]> before = files();

        assertThatThrownBy(() -> Journal.openReadOnly(directory))
            .isInstanceOf(JournalCorruptionException.class)
            .hasMessageContaining("journal file " + torn + " was left unfinished by a process killed while creating it")
            .hasMessageContaining("journal repair, settles it (moves it aside)")
            .satisfies(ex -> assertThat(((JournalCorruptionException)ex).repairable()).isTrue());

        assertThat(files()).as("a read-only open changes nothing").containsExactlyInAnyOrderEntriesOf(before);
    }

    @Test
    void shouldNameMetadataAKillLeftUnbegunAtOnce() throws Exception
    {
        // The kill came while Chronicle created metadata.cq4t: sized, all zero, no cycle file yet.
        Files.write(directory.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE), new byte[128 * 1024]);
        writerLockOfADeadProcess();

        assertThatThrownBy(() -> Journal.openReadOnly(directory))
            .isInstanceOf(JournalCorruptionException.class)
            .hasMessageContaining(SingleChronicleQueue.QUEUE_METADATA_FILE + " was left unfinished")
            .hasMessageContaining("writes the queue's metadata again");
    }

    @Test
    void shouldRepairByMovingTheCycleFileAsideAndThenReadTheJournal() throws Exception
    {
        final Path torn = emptyJournalWithTornCycleFile();
        final List<String> log = new ArrayList<>();

        final JournalRepair.Outcome outcome = JournalRepair.truncateAtFirstCorruption(config(), log::add);

        assertThat(outcome.repaired()).as("no record was bad").isFalse();
        assertThat(log).anyMatch(line -> line.contains("repair: " + torn + " was left unfinished by a process killed " +
            "while creating it (it held no record)"));
        assertThat(Files.exists(torn)).isFalse();
        try (Stream<Path> listing = Files.list(directory))
        {
            assertThat(listing.map(file -> file.getFileName().toString()))
                .as("kept aside, not deleted").anyMatch(name -> name.startsWith(torn.getFileName() + "-") &&
                    name.endsWith(SingleChronicleQueue.DISCARD_FILE_SUFFIX));
        }
        try (Journal journal = Journal.openReadOnly(directory))
        {
            assertThat(journal.lastIndex()).isEqualTo(-1);
        }
    }

    @Test
    void shouldRepairUnbegunMetadataByWritingItAgain() throws Exception
    {
        Files.write(directory.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE), new byte[128 * 1024]);
        writerLockOfADeadProcess();

        JournalRepair.truncateAtFirstCorruption(config(), line -> { });

        try (Journal journal = Journal.openReadOnly(directory))
        {
            assertThat(journal.lastIndex()).isEqualTo(-1);
        }
        try (Journal journal = Journal.open(config()))
        {
            assertThat(journal.lastIndex()).as("and the exchange starts on it as before").isEqualTo(-1);
        }
    }

    /** A journal begun, then today's first cycle file as a kill leaves it: sized, its first header not begun. */
    private Path emptyJournalWithTornCycleFile() throws Exception
    {
        try (Journal journal = Journal.open(config()))
        {
            assertThat(journal.lastIndex()).isEqualTo(-1);
        }
        final String today = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(Instant.now());
        final Path torn = directory.resolve(today + "F" + SingleChronicleQueue.SUFFIX);
        Files.write(torn, new byte[64 * 1024]);
        writerLockOfADeadProcess();
        return torn;
    }

    /** The writer lock file as a killed writer leaves it: naming a process that no longer runs. */
    private void writerLockOfADeadProcess() throws Exception
    {
        final Process process = new ProcessBuilder("true").start();
        process.waitFor();
        Files.writeString(directory.resolve(Journal.WRITER_LOCK_FILE), "pid " + process.pid() + "\n",
            StandardCharsets.US_ASCII);
    }

    private Map<String, byte[]> files() throws IOException
    {
        final Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(directory))
        {
            for (final Path file : listing.toList())
            {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }
}

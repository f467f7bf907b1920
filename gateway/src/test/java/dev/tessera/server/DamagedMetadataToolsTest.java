package dev.tessera.server;

import dev.tessera.config.Durability;
import dev.tessera.config.JournalConfig;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalCorruptionException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A damaged {@code metadata.cq4t} (Chronicle's table store beside the cycle files) as the read-only tools meet it.
 * Tried: cut to 0 bytes (named already, as a file a killed writer left unfinished), cut to half or to 100 bytes and a
 * zeroed range after the header (the tools read the journal as before): no failure to name. The kinds below made
 * every tool fail with Chronicle's words naming no file (the header's length), or after a 10 s wait with a lock named
 * (the header's body), and a bit of the table after the header the exchange's start (QA 119 F1): each now names the
 * file and says what to do, at once, and doing it works. The exchange's
 * start rewrites the metadata after a changed length word itself, not a damaged header (it names the file too);
 * moved aside, the file is made anew by the start, whose roll cycle then comes from the cycle files' own headers.
 */
@Timeout(60)
class DamagedMetadataToolsTest
{
    @TempDir
    Path directory;

    private final LauncherConsole console = new LauncherConsole();

    enum Damage
    {
        /** The header's body zeroed, its length word left. */
        HEADER_ZEROED
        {
            @Override
            void apply(final RandomAccessFile file) throws IOException
            {
                file.seek(4);
                file.write(new byte[200]);
            }
        },
        /** Single bytes of the header's body flipped. */
        HEADER_BYTES_FLIPPED
        {
            @Override
            void apply(final RandomAccessFile file) throws IOException
            {
                for (final int at : new int[] {8, 20, 40, 60})
                {
                    file.seek(at);
                    final int value = file.read();
                    file.seek(at);
                    file.write(value ^ 0xFF);
                }
            }
        },
        /**
         * A bit of the table of values after the header flipped (QA 119 F1: the exchange's start, the writer's open,
         * failed with Chronicle's bare {@code UnsupportedOperationException: FIELD_ANCHOR} and a stack trace).
         */
        TABLE_BIT_FLIPPED
        {
            @Override
            void apply(final RandomAccessFile file) throws IOException
            {
                file.seek(254);
                final int value = file.read();
                file.seek(254);
                file.write(value ^ 0x08);
            }
        },
        /** The header's length word changed: what follows it (Chronicle's table of values) is read from the wrong place. */
        HEADER_LENGTH_CHANGED
        {
            @Override
            void apply(final RandomAccessFile file) throws IOException
            {
                file.seek(1);
                file.write(0x7F);
            }
        };

        abstract void apply(RandomAccessFile file) throws IOException;
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void shouldNameTheDamagedMetadataInEveryReadOnlyToolAndBeReadAgainOnceItIsMovedAside(final Damage damage)
        throws IOException
    {
        JournalFixture.scripted(directory);
        final Path metadata = directory.resolve("metadata.cq4t");
        try (RandomAccessFile file = new RandomAccessFile(metadata.toFile(), "rw"))
        {
            damage.apply(file);
        }

        for (final String[] tool : new String[][] {{"journal", "verify"}, {"journal", "dump"}, {"journal", "stats"},
            {"book", "--at", "3"}})
        {
            final String[] args = new String[tool.length + 2];
            System.arraycopy(tool, 0, args, 0, tool.length);
            args[tool.length] = "--journal";
            args[tool.length + 1] = directory.toString();

            assertThat(console.run(args)).as(String.join(" ", tool) + ": " + console.err())
                .isEqualTo(JournalTools.EXIT_CORRUPT);
            assertThat(console.err()).as(String.join(" ", tool))
                .startsWith("tessera: journal file " + metadata + " (Chronicle's queue metadata, beside the cycle " +
                    "files) is damaged: ")
                .contains("It holds no record: move it aside (mv " + metadata + " " + metadata + ".damaged), and the " +
                    "tools read the journal without it; the exchange's next start writes a new one")
                .doesNotContain("lock", "failed verification");
        }

        // Repair cuts records; the metadata holds none, so it is named as the tools name it, and nothing is changed.
        final byte[] damaged = Files.readAllBytes(metadata);
        assertThat(console.run("journal", "repair", "--journal", directory.toString())).as(console.err())
            .isEqualTo(JournalTools.EXIT_CORRUPT);
        assertThat(console.err()).as("journal repair")
            .startsWith("tessera: journal file " + metadata + " (Chronicle's queue metadata, beside the cycle files) " +
                "is damaged: ")
            .contains("nothing was changed")
            .doesNotContain("\tat "); // one message, no stack trace
        assertThat(Files.readAllBytes(metadata)).as("left as it was").isEqualTo(damaged);

        final JournalConfig config = new JournalConfig(directory, "FAST_DAILY", Durability.PROCESS);
        if (damage == Damage.HEADER_LENGTH_CHANGED)
        {
            // The header still reads: the writer's open (the exchange's start) rewrites what follows it itself.
            try (Journal journal = Journal.open(config))
            {
                assertThat(journal.recordCount()).isEqualTo(6);
            }
        }
        else
        {
            assertThatThrownBy(() -> Journal.open(config).close()).as("the writer's open does not rewrite a header")
                .isInstanceOf(JournalCorruptionException.class)
                .hasMessageContaining("journal file " + metadata + " (Chronicle's queue metadata");
            Files.move(metadata, directory.resolve("metadata.cq4t.damaged"));
            assertThat(console.run("journal", "verify", "--journal", directory.toString())).as(console.err())
                .isEqualTo(TesseraMain.EXIT_OK);
            assertThat(console.out()).contains("records   6 ", "journal OK");
            try (Journal journal = Journal.open(config))
            {
                assertThat(journal.recordCount()).isEqualTo(6);
            }
            assertThat(metadata).as("the writer's open made a new one").exists();
        }
        assertThat(console.run("journal", "verify", "--journal", directory.toString())).as(console.err())
            .isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("records   6 ", "journal OK");
    }
}

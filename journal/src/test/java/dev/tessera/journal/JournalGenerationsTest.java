package dev.tessera.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalGenerationsTest
{
    @TempDir
    Path directory;

    @Test
    void shouldPutEveryRecordOfAJournalNeverCutInGenerationZero()
    {
        final JournalGenerations generations = JournalGenerations.read(directory);
        assertThat(generations.latest()).isZero();
        assertThat(generations.generationOf(1)).isZero();
        assertThat(generations.generationOf(Long.MAX_VALUE)).isZero();
    }

    @Test
    void shouldPutARecordInTheLatestGenerationWhoseFirstRecordIsAtOrBeforeItAlsoWhenALaterCutWentFurtherBack()
        throws IOException
    {
        final Path first = Files.createDirectory(directory.resolve("first"));
        final Path second = Files.createDirectory(directory.resolve("second"));
        assertThat(JournalGenerations.copyWithNewGeneration(directory, first, 100)).isEqualTo(1);
        // A second repair cut back to record 79: generation 1's records 80.. went with it.
        assertThat(JournalGenerations.copyWithNewGeneration(first, second, 80)).isEqualTo(2);

        final JournalGenerations generations = JournalGenerations.read(second);
        assertThat(generations.latest()).isEqualTo(2);
        assertThat(generations.generationOf(79)).isZero();
        assertThat(generations.generationOf(80)).isEqualTo(2);
        assertThat(generations.generationOf(100)).isEqualTo(2);
        assertThat(JournalGenerations.read(first).generationOf(99)).isZero();
        assertThat(JournalGenerations.read(first).generationOf(100)).isEqualTo(1);
    }

    @Test
    void shouldRefuseADamagedFileRatherThanRepeatExecIds() throws IOException
    {
        Files.writeString(directory.resolve(JournalGenerations.FILE),
            JournalGenerations.FORMAT + "\ngeneration=2 firstRecord=5\n");
        assertThatThrownBy(() -> JournalGenerations.read(directory)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("line 2");
    }
}

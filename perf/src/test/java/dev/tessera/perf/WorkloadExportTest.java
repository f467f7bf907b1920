package dev.tessera.perf;

import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.perf.workload.Workload;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WorkloadExportTest
{

    private static Ring ring;

    @BeforeAll
    static void generate()
    {
        ring = Rings.mixed(8_192);
    }

    @Test
    void shouldReEncodeEveryCommandOfTheRingByteForByteApartFromTheStamps()
    {
        final MixFeed feed = new MixFeed(ring);
        final Workload workload = feed.workload();
        final int prologue = ring.prologueOffsets.length - 1;
        assertThat(workload.prologueCount()).isEqualTo(prologue);
        assertThat(workload.bodyCount()).isEqualTo(ring.count);
        final ExpandableArrayBuffer encoded = new ExpandableArrayBuffer(CommandEncoder.MAX_COMMAND_LENGTH);
        final CommandEncoder encoder = new CommandEncoder();
        for (int n = 0; n < workload.length(); n++)
        {
            final boolean inPrologue = n < prologue;
            final UnsafeBuffer source = inPrologue ? ring.prologue : ring.body;
            final int from = inPrologue ? ring.prologueOffsets[n] : ring.offsets[n - prologue];
            final int to = inPrologue ? ring.prologueOffsets[n + 1] : ring.offsets[n - prologue + 1];
            final long sequence = source.getLong(from + 8);
            final long timestamp = source.getLong(from + 16);
            final int length = feed.encode(encoder, encoded, 0, n, sequence, timestamp);
            assertThat(length).as("length of command %d", n).isEqualTo(to - from);
            final byte[] expected = new byte[length];
            final byte[] actual = new byte[length];
            source.getBytes(from, expected);
            encoded.getBytes(0, actual);
            assertThat(actual).as("command %d", n).isEqualTo(expected);
        }
    }

    @Test
    void shouldReadBackTheSameWorkloadFromItsFile(@TempDir final Path dir)
    {
        final Workload workload = WorkloadExport.of(ring).workload();
        final Path file = dir.resolve("mixed.workload");
        workload.write(file);
        final Workload read = Workload.read(file);
        assertThat(read.fingerprint()).isEqualTo(workload.fingerprint());
        assertThat(read.composition()).isEqualTo(workload.composition());
        assertThat(WorkloadExport.of(Rings.mixed(8_192)).workload().fingerprint())
            .as("the same seed and size generate the same workload").isEqualTo(workload.fingerprint());
    }

    @Test
    void shouldPredictTheTradesOfTwoPassesOfTheBody()
    {
        final MixFeed feed = new MixFeed(ring);
        final Workload workload = feed.workload();
        final MatchingEngine engine = new MatchingEngine(List.of(BenchInstrument.config()));
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(CommandEncoder.MAX_COMMAND_LENGTH);
        final CommandEncoder encoder = new CommandEncoder();
        final long commands = workload.prologueCount() + 2L * workload.bodyCount();
        long trades = 0;
        for (long n = 0; n < commands; n++)
        {
            final int length = feed.encode(encoder, buffer, 0, n, n + 1, n);
            assertThat(engine.onCommand(buffer, 0, length)).isPositive();
            trades += RecordedJournal.trades(engine);
            assertThat(trades).as("trades after %d commands", n + 1).isEqualTo(workload.expectedTrades(n + 1));
        }
        feed.verify(engine, commands);
        assertThat(trades).isPositive();
    }
}

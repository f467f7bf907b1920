package dev.tessera.perf.workload;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkloadTest
{
    private static Workload sample(final long lastPrice)
    {
        return new Workload.Builder(4)
            .place(1, 1, 11, Workload.SELL, Workload.GTC, 10_010, 500)
            .place(2, 2, 21, Workload.BUY, Workload.IOC, 10_012, 200)
            .move(1, 1, 11, 12, 10_020)
            .reduce(1, 1, 12, 13, 200, 100)
            .cancel(1, 1, 13, 14)
            .place(1, 1, 11, Workload.SELL, Workload.GTC, lastPrice, 500)
            .build("sample", 7, 1, new long[] {0, 1, 1, 1, 1, 1});
    }

    @Test
    void shouldReadBackExactlyWhatWasWritten(@TempDir final Path dir)
    {
        final Workload workload = sample(10_010);
        final Path file = dir.resolve("w.bin");
        workload.write(file);
        final Workload read = Workload.read(file);
        assertThat(read.fingerprint()).isEqualTo(workload.fingerprint());
        assertThat(read.description()).isEqualTo("sample");
        assertThat(read.instrumentId()).isEqualTo(7);
        assertThat(read.kind(3)).isEqualTo(Workload.REDUCE);
        assertThat(read.quantity(3)).isEqualTo(200);
        assertThat(read.reduceBy(3)).isEqualTo(100);
        assertThat(read.origClientOrderId(2)).isEqualTo(11);
        assertThat(read.clientOrderId(2)).isEqualTo(12);
    }

    @Test
    void shouldTellWorkloadsApartThatDifferInOneField()
    {
        assertThat(sample(10_011).fingerprint()).isNotEqualTo(sample(10_010).fingerprint());
    }

    @Test
    void shouldRefuseAFileWhoseContentDoesNotMatchItsFingerprint(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("w.bin");
        sample(10_010).write(file);
        final byte[] bytes = Files.readAllBytes(file);
        bytes[40] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> Workload.read(file)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSendThePrologueOnceThenTheBodyOverAndOver()
    {
        final Workload workload = sample(10_010);
        assertThat(workload.position(0)).isZero();
        assertThat(workload.position(1)).isEqualTo(1);
        assertThat(workload.position(5)).isEqualTo(5);
        assertThat(workload.position(6)).isEqualTo(1);
        assertThat(workload.position(12)).isEqualTo(2);
        assertThat(workload.expectedTrades(1)).isZero();
        assertThat(workload.expectedTrades(2)).as("the IOC, body position 0, trades").isEqualTo(1);
        assertThat(workload.expectedTrades(6)).isEqualTo(1);
        assertThat(workload.expectedTrades(7)).as("the IOC of the second pass").isEqualTo(2);
    }

    @Test
    void shouldRecordOnlyTheWindowFromTheIntendedSendTime()
    {
        final LatencyTracker tracker = new LatencyTracker(8);
        final Histogram window = new Histogram(LatencyTracker.HIGHEST_TRACKABLE_NS, 3);
        tracker.openWindow(1, 3, window);
        for (int n = 0; n < 4; n++)
        {
            assertThat(tracker.hasRoom(n)).isTrue();
            tracker.intend(n, 1_000L * n);
        }
        tracker.onCompleted(5_000);
        tracker.onCompleted(6_000);
        tracker.onCompleted(9_000);
        tracker.onCompleted(9_500);
        assertThat(tracker.completed()).isEqualTo(4);
        assertThat(window.getTotalCount()).isEqualTo(2);
        assertThat(window.getMinValue()).isBetween(4_995L, 5_005L);
        assertThat(window.getMaxValue()).isBetween(6_995L, 7_005L);
        assertThat(tracker.lastInWindowNanos()).isEqualTo(9_000);
        assertThat(tracker.hasRoom(4 + tracker.capacity())).isFalse();
    }

    @Test
    void shouldParseTheLineItPrints()
    {
        final StepResult result = new StepResult("exchange-core", 100_000, 99_876.0, 500_000, 0, 1_000, 2_000, 3_000, 4_000, 5_000,
            6_000, 1_234.0, 1, 7, 12_345);
        assertThat(StepResult.parse("[child] " + result.line())).isEqualTo(result);
        assertThat(result.saturated()).isFalse();
        assertThat(new StepResult("x", 100_000, 90_000.0, 1, 0, 1, 1, 1, 1, 1, 1, 1.0, 0, 0, 0).saturated()).isTrue();
        assertThat(RateLadder.hgrmName("tessera-journal", 100_000)).isEqualTo("latency-tessera-journal-100k.hgrm");
        assertThat(RateLadder.hgrmName("exchange-core", 2_000_000)).isEqualTo("latency-exchange-core-2m.hgrm");
    }
}

package dev.tessera.perf.fix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GcLogTest
{
    @Test
    void shouldCountStopTheWorldPausesAndAddTheirTimes(@TempDir final Path dir) throws IOException
    {
        final Path log = dir.resolve("gc.log");
        Files.writeString(log, String.join("\n",
            "[0.005s][info][gc] Using G1",
            "[1.104s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 51M->3M(1024M) 2.817ms",
            "[2.300s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 80M->40M(1024M) 1.250ms",
            "[2.310s][info][gc] GC(2) Concurrent Mark Cycle",
            "[2.400s][info][gc] GC(2) Pause Remark 50M->50M(1024M) 0.933ms",
            "[2.410s][info][gc] GC(2) Concurrent Mark Cycle 100.123ms",
            ""));

        assertThat(GcLog.pauses(log)).containsExactly(3, 5);
        assertThat(GcLog.pauses(dir.resolve("none.log"))).containsExactly(0, 0);
    }
}

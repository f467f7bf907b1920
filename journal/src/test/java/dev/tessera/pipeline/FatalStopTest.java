package dev.tessera.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FatalStopTest
{
    @TempDir
    Path directory;

    @Test
    void shouldSayOnlyTheFirstFailureInOneLineNamingTheThread()
    {
        final List<String> lines = new ArrayList<>();
        final FatalStop fatal = new FatalStop(lines::add, List.of(directory));

        fatal.stop("gateway", new IllegalStateException("first"));
        fatal.stop("engine", new IllegalStateException("its fallout"));

        assertThat(lines).containsExactly("tessera: the gateway thread stopped: java.lang.IllegalStateException: " +
            "first; the exchange stops (it cannot run without it)");
        assertThat(fatal.reason()).isEqualTo(lines.get(0));
    }

    @Test
    void shouldKeepACauseThatSaysTheDiskIsFullAsItIs()
    {
        final UncheckedIOException full = new UncheckedIOException("cannot grow session file /s/C.sent to 2097152 " +
            "bytes: No space left on device", new IOException("No space left on device"));

        assertThat(FatalStop.describe(full, List.of(directory))).isEqualTo(full.toString());
    }

    @Test
    void shouldNameNoFileSystemThatHasRoom()
    {
        final InternalError fault = new InternalError("a fault occurred in a recent unsafe memory access operation");

        assertThat(FatalStop.describe(fault, List.of(directory, directory.resolve("not-there"))))
            .isEqualTo(fault.toString());
    }
}

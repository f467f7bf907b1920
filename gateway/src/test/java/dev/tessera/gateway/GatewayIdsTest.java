package dev.tessera.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ids of messages the gateway makes itself stay unique across restarts when the clock was stepped back: a start
 * goes on from the last number issued, not from the clock alone.
 */
class GatewayIdsTest
{
    @TempDir
    Path directory;

    @Test
    void shouldGoOnFromTheLastNumberIssuedWhenTheClockWasSteppedBack()
    {
        try (GatewayIds ids = GatewayIds.open(directory, 1_000))
        {
            assertThat(ids.next()).isEqualTo(1_001);
            assertThat(ids.next()).isEqualTo(1_002);
            assertThat(ids.next()).isEqualTo(1_003);
        }
        try (GatewayIds ids = GatewayIds.open(directory, 500))
        {
            assertThat(ids.next()).isEqualTo(1_004);
        }
    }

    @Test
    void shouldStartFromTheClockWhenItIsAheadOfTheLastNumberIssued()
    {
        try (GatewayIds ids = GatewayIds.open(directory, 1_000))
        {
            ids.next();
        }
        try (GatewayIds ids = GatewayIds.open(directory, 5_000))
        {
            assertThat(ids.next()).isEqualTo(5_001);
        }
    }

    @Test
    void shouldNameTheFileOfAnUnknownVersion() throws Exception
    {
        try (GatewayIds ids = GatewayIds.open(directory, 1_000))
        {
            ids.next();
        }
        final Path file = directory.resolve(GatewayIds.FILE_NAME);
        final byte[] bytes = Files.readAllBytes(file);
        bytes[4] = 9; // the version
        Files.write(file, bytes);
        assertThatThrownBy(() -> GatewayIds.open(directory, 1_000)).hasMessageContaining(file.toString())
            .hasMessageContaining("unknown gateway id file version 9");
    }
}

package dev.tessera.perf.fix;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load generator measures the gateway, so it must not lean on the gateway's code: a bug shared by
 * both codecs would cancel out instead of showing up as a reject. perf compiles against the gateway
 * (for CodecBenchmark), so this holds by this test rather than by the class path.
 */
class LoadGeneratorIndependenceTest
{
    private static final Path LOAD_GENERATOR_SOURCES = Path.of("src/main/java/dev/tessera/perf/fix");
    private static final List<String> GATEWAY_PACKAGES = List.of("dev.tessera.fix.", "dev.tessera.gateway.");

    @Test
    void shouldNotUseTheGatewaysCode() throws IOException
    {
        final List<Path> sources;
        try (Stream<Path> files = Files.list(LOAD_GENERATOR_SOURCES))
        {
            sources = files.filter(file -> file.toString().endsWith(".java")).toList();
        }
        assertThat(sources).as("load generator sources in %s", LOAD_GENERATOR_SOURCES.toAbsolutePath()).isNotEmpty();
        for (final Path source : sources)
        {
            final String text = Files.readString(source);
            for (final String gatewayPackage : GATEWAY_PACKAGES)
            {
                assertThat(text).as("%s uses %s", source, gatewayPackage).doesNotContain(gatewayPackage);
            }
        }
    }
}

package dev.tessera.server;

import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.ExchangeConfigLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The options every command shares to find its configuration: a user file and key overrides. */
final class ConfigOptions
{
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
        description = "HOCON file whose keys override the embedded defaults (reference.conf).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
        description = "Override one key, e.g. --set gateway.port=9877 (beats the file and -Dtessera.* properties).")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** @throws dev.tessera.config.ConfigValidationException naming every bad key and value. */
    ExchangeConfig load()
    {
        return ExchangeConfigLoader.load(configFile, overrides);
    }
}

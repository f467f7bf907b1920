package dev.tessera.server;

import dev.tessera.config.ConfigValidationException;
import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.ExchangeConfigLoader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options every command shares to find its configuration: a user file and key overrides. Each
 * command has its own, and the launcher's apply to its subcommands too: picocli puts the options
 * of {@code bin/tessera --config F journal verify} into the launcher's, not verify's.
 */
final class ConfigOptions
{
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
        description = "HOCON file whose keys override the embedded defaults (reference.conf). Goes before or after " +
            "a subcommand, not both.")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
        description = "Override one key, e.g. --set gateway.port=9877 (beats the file and -Dtessera.* properties). " +
            "Before and after a subcommand add up; after it wins on the same key.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /**
     * These options as they would be typed again, each with a leading space ({@code " --config F --set k=v"}), ""
     * for none: for the advice a refusal gives, so the command it suggests reads the same configuration. A value
     * with a character a shell would take apart is quoted.
     */
    String asArguments()
    {
        final StringBuilder arguments = new StringBuilder();
        if (configFile != null)
        {
            arguments.append(" --config ").append(quoted(configFile.toString()));
        }
        overrides.forEach((key, value) -> arguments.append(" --set ").append(quoted(key + "=" + value)));
        return arguments.toString();
    }

    /** As {@link #asArguments}, the configuration file's path made absolute: to be read from another directory. */
    String asArgumentsFromAnywhere()
    {
        final ConfigOptions absolute = new ConfigOptions();
        absolute.configFile = configFile == null ? null : configFile.toAbsolutePath().normalize();
        absolute.overrides = overrides;
        return absolute.asArguments();
    }

    private static String quoted(final String argument)
    {
        return argument.matches("[A-Za-z0-9_./:=,@%+-]+") ? argument : "'" + argument.replace("'", "'\\''") + "'";
    }

    /** @throws ConfigValidationException naming every bad key and value. */
    ExchangeConfig load(final CommandSpec command)
    {
        final ConfigOptions effective = withLauncherOptions(command);
        return ExchangeConfigLoader.load(effective.configFile, effective.overrides);
    }

    /**
     * These options for {@code command} with the launcher's, those given before the subcommand.
     *
     * @throws ConfigValidationException when both name a file: which one was meant is anyone's guess, and
     * silently taking one is how the other gets ignored.
     */
    ConfigOptions withLauncherOptions(final CommandSpec command)
    {
        final ConfigOptions launcher = command.root().userObject() instanceof TesseraMain main ? main.configOptions : this;
        if (launcher == this)
        {
            return this;
        }
        if (launcher.configFile != null && configFile != null)
        {
            throw new ConfigValidationException(List.of("--config given both before and after the subcommand (" +
                launcher.configFile + ", " + configFile + "): give one file"));
        }
        final ConfigOptions effective = new ConfigOptions();
        effective.configFile = configFile != null ? configFile : launcher.configFile;
        effective.overrides.putAll(launcher.overrides);
        effective.overrides.putAll(overrides);
        return effective;
    }
}

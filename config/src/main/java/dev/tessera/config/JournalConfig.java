package dev.tessera.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how the event journal is written.
 *
 * @param directory the journal's directory, relative paths against the working directory
 * @param rollCycle a Chronicle Queue roll cycle name such as {@code FAST_DAILY}; kept as a name
 *     so that this module need not depend on Chronicle
 * @param durability how far an event must be written before its outcome is published
 * @throws ConfigValidationException listing every rule the arguments break
 */
public record JournalConfig(Path directory, String rollCycle, Durability durability) {

    public JournalConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(rollCycle, "rollCycle");
        Objects.requireNonNull(durability, "durability");
        Problems problems = new Problems();
        Rules.journal(problems, "journal", directory.toString(), rollCycle);
        problems.throwIfAny();
    }
}

package dev.tessera.server;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.simulation.ReplayVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code tessera verify-replay [JOURNAL]}: the determinism check. Re-executes every journaled
 * command with this build's engine and the configuration's instruments, and compares each produced
 * event byte for byte with the journaled one.
 */
@Command(name = "verify-replay", mixinStandardHelpOptions = true,
    description = {
        "Determinism check: re-execute every command of the journal with this build's engine (matching again, not " +
            "applying the journaled events) and compare every event it produces, byte for byte, with the journaled one. " +
            "Use the configuration the journal was recorded with. Read-only.",
        "This is how a new engine version is proven to behave exactly as the one that wrote the history."},
    footer = "Exit status: 0 every event identical, " + VerifyReplayCommand.EXIT_DIVERGED +
        " replay diverged (the first divergence is printed: record, event, command, expected, actual), " +
        "1 the journal failed verification, 2 bad usage, configuration, or no journal.")
final class VerifyReplayCommand implements Callable<Integer>
{
    /** Replay produced different events: the engine or the configuration is not the one that wrote the journal. */
    static final int EXIT_DIVERGED = 3;

    @Mixin
    private ConfigOptions configOptions;

    @Mixin
    private JournalOptions journalOptions;

    @Parameters(index = "0", arity = "0..1", paramLabel = "JOURNAL",
        description = "The journal directory (default: --journal, else the configuration's journal.directory).")
    private Path journalDirectory;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        if (journalDirectory != null)
        {
            journalOptions.directory = journalDirectory;
        }
        return JournalTools.run(spec, configOptions, journalOptions, (config, journal, out, err) ->
        {
            out.println("journal   " + journal.directory().toAbsolutePath());
            out.println("engine    " + TesseraMain.Version.VERSION + ", instruments " + config.instruments().stream()
                .map(InstrumentConfig::symbol).collect(Collectors.joining(", ")));
            final ReplayVerifier.Result result = ReplayVerifier.verify(journal, config.instruments(),
                journalOptions.progressBar(err, "verify-replay", journal));
            out.println("replayed  " + result.throughput());
            if (result.identical())
            {
                out.println("identical every event re-executed matches the journal, byte for byte");
                return TesseraMain.EXIT_OK;
            }
            out.println("DIVERGED  " + result.divergence());
            out.flush();
            err.println("tessera: replay diverged from the journal at record " + result.divergence().recordSequence() +
                ": this build or this configuration does not reproduce the recorded history");
            return EXIT_DIVERGED;
        });
    }
}

package dev.tessera.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code tessera journal}: the tools that read or maintain a journal; on its own it lists them. */
@Command(name = "journal", mixinStandardHelpOptions = true,
    description = "Inspect a journal (dump, verify, stats: read-only) or maintain it (archive, restore, repair: they move " +
        "files, and take the writer's lock, so the exchange must be stopped).",
    footer = ExitStatus.HEADING + "each tool's, under its --help; " + TesseraMain.EXIT_BAD_CONFIG +
        " bad usage (no tool named).",
    subcommands = {JournalDumpCommand.class, JournalVerifyCommand.class, JournalStatsCommand.class,
        JournalArchiveCommand.class, JournalRestoreCommand.class, JournalRepairCommand.class})
final class JournalCommand implements Callable<Integer>
{
    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        // From the registered subcommands, so that the list cannot fall behind them.
        spec.commandLine().getErr().println("tessera journal: name a tool: " + String.join(", ", spec.subcommands().keySet()));
        spec.commandLine().usage(spec.commandLine().getErr());
        return TesseraMain.EXIT_BAD_CONFIG;
    }
}

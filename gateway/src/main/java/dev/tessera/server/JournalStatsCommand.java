package dev.tessera.server;

import dev.tessera.journal.tools.JournalFiles;
import dev.tessera.journal.tools.JournalStats;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code tessera journal stats}: what the journal holds, counted. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Count what the journal holds: records, commands by type, events by type and reason, orders, " +
        "trades, volume, notional and VWAP per instrument, the time range, and its size on disk. Read-only; reads " +
        "every record.",
    footer = ExitStatus.READ_TOOL)
final class JournalStatsCommand implements Callable<Integer>
{
    @Mixin
    private ConfigOptions configOptions;

    @Mixin
    private JournalOptions journalOptions;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        return JournalTools.run(spec, configOptions, journalOptions, (config, journal, out, err) ->
        {
            final JournalStats stats = new JournalStats().count(journal, journalOptions.progressBar(err, "stats", journal));
            out.println("journal  " + journal.directory().toAbsolutePath());
            stats.print(out, JournalTools.readableInstruments(config, journal), JournalFiles.of(journal.directory()));
            return TesseraMain.EXIT_OK;
        });
    }
}

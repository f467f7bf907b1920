package dev.tessera.server;

import dev.tessera.journal.JournalArchiver;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tessera journal archive}: moves cycles older than the oldest usable snapshot out of the journal. */
@Command(name = "archive", mixinStandardHelpOptions = true,
    description = {
        "Move the journal's cycle files that are older than the oldest kept snapshot (that still verifies and " +
            "whose record the journal holds) to journal.archiveDirectory. Recovery then starts from a snapshot.",
        "Cycles holding records of the trading day the journal's last record is in (from the first command after the " +
            "journal's last EndOfDay, which the exchange entered at its trading.dayEnd) stay, so that the FIX gateway " +
            "still checks that day's ClOrdIDs after a restart. With trading.dayEnd = none no day is kept while the " +
            "journal holds no EndOfDay.",
        "Stop the exchange first: this changes the journal directory. Nothing moves when there is no usable snapshot."},
    footer = ExitStatus.HEADING + ExitStatus.OK + " (also when nothing was moved), " + ExitStatus.CORRUPT + ", " +
        ExitStatus.BAD_USAGE + ", or " + ExitStatus.IN_USE + ".")
final class JournalArchiveCommand implements Callable<Integer>
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
        return JournalTools.run(spec, configOptions, journalOptions, JournalTools.Access.WRITE, (config, journal, out, err) ->
        {
            final List<Path> moved = JournalArchiver.archive(
                journal, JournalTools.journalConfig(config, journal.directory()), config.instruments(), config.trading(),
                err::println);
            moved.forEach(file -> out.println("archived  " + file));
            out.println(moved.size() + " cycle file(s) moved to " + config.journal().archiveDirectory().toAbsolutePath());
            return TesseraMain.EXIT_OK;
        });
    }
}

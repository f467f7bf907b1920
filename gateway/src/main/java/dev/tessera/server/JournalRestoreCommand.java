package dev.tessera.server;

import dev.tessera.journal.JournalArchiver;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tessera journal restore}: moves what {@code journal archive} moved back into the journal. */
@Command(name = "restore", mixinStandardHelpOptions = true,
    description = {
        "Move the cycle files journal archive moved to journal.archiveDirectory back into the journal, and check " +
            "that the history they hold leads into the journal's first record (all or nothing: otherwise they go " +
            "back to the archive). Cycle files already moved back by hand are taken in too.",
        "Stop the exchange first: this changes the journal directory."},
    footer = ExitStatus.HEADING + ExitStatus.OK + " (also when there was nothing to move back), " + ExitStatus.CORRUPT +
        ", " + ExitStatus.BAD_USAGE + " (also an archive that does not lead into the journal: nothing is moved), or " +
        ExitStatus.IN_USE + ".")
final class JournalRestoreCommand implements Callable<Integer>
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
            final List<Path> moved = JournalArchiver.restore(journal, config.journal().archiveDirectory(), err::println);
            moved.forEach(file -> out.println("restored  " + file));
            out.println(moved.size() + " cycle file(s) moved back; the journal starts at record " +
                journal.firstRecordSequence());
            return TesseraMain.EXIT_OK;
        });
    }
}

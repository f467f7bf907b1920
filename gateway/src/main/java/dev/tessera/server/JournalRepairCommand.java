package dev.tessera.server;

import dev.tessera.config.ConfigValidationException;
import dev.tessera.config.ExchangeConfig;
import dev.tessera.gateway.FixServer;
import dev.tessera.gateway.MissingJournalRecordsException;
import dev.tessera.gateway.SessionStateOfAnotherJournalException;
import dev.tessera.journal.JournalCorruptionException;
import dev.tessera.journal.JournalInUseException;
import dev.tessera.journal.JournalRepair;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tessera journal repair}: the explicit truncation of a corrupt journal after its last good record. */
@Command(name = "repair", mixinStandardHelpOptions = true,
    description = {
        "Verify the journal and, at its first bad record, truncate it there: the good records are copied (same " +
            "indexes, so snapshots stay valid) and the original directory is kept aside as <journal>.corrupt-<millis>.",
        "Stop the exchange first. A journal that verifies is left untouched."},
    footer = ExitStatus.HEADING + TesseraMain.EXIT_OK + " the journal verifies or was repaired, " +
        JournalTools.EXIT_CORRUPT + " damage that repair cannot read past (a cycle file's header; nothing is changed), " +
        TesseraMain.EXIT_BAD_CONFIG + " bad usage or configuration, no journal at the directory, a journal directory " +
        "it cannot write, or " + ExitStatus.IN_USE + ".")
final class JournalRepairCommand implements Callable<Integer>
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
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final ExchangeConfig config;
        try
        {
            config = configOptions.load(spec);
        }
        catch (final ConfigValidationException ex)
        {
            return TesseraMain.reportBadConfig(err, ex);
        }
        final Path directory = journalOptions.directory(config);
        // Not merely a directory: repair would take it for an empty journal, say "journal OK" and leave its lock file.
        if (!JournalTools.holdsJournal(directory))
        {
            err.println("tessera: " + JournalTools.noJournal(directory));
            err.flush();
            return TesseraMain.EXIT_BAD_CONFIG;
        }
        final JournalRepair.Outcome outcome;
        try
        {
            FixServer.checkJournalBeforeRepair(config, directory);
            outcome = JournalRepair.truncateAtFirstCorruption(JournalTools.journalConfig(config, directory), out::println);
        }
        catch (final MissingJournalRecordsException | SessionStateOfAnotherJournalException ex)
        {
            // The records the sessions saw are the operator's to put back; a repair would only hide their loss.
            err.println("tessera: " + ex.getMessage());
            err.println("tessera: nothing was changed; put the missing cycle files back (or point journal.directory " +
                "at the journal these sessions belong to), then run the repair again if it is still needed");
            err.flush();
            return TesseraMain.EXIT_BAD_CONFIG;
        }
        catch (final JournalInUseException ex)
        {
            return JournalTools.refuseInUse(err, ex);
        }
        catch (final UncheckedIOException ex)
        {
            // A journal directory that takes no lock file (read-only, another user's): the OS reason, one line.
            err.println("tessera: " + ex.getMessage());
            err.println("tessera: nothing was changed");
            err.flush();
            return TesseraMain.EXIT_BAD_CONFIG;
        }
        catch (final JournalCorruptionException ex)
        {
            // Damage repair cannot read past (a cycle file's own header): nothing to keep a prefix of.
            err.println("tessera: " + ex.getMessage());
            err.println("tessera: nothing was changed");
            err.flush();
            return JournalTools.EXIT_CORRUPT;
        }
        if (outcome.recordsCut())
        {
            out.println("repair: FIX sessions that had reports of the records cut are brought back to the journal's " +
                "end when the exchange next starts, which names them");
        }
        out.println(outcome.repaired() ? "journal repaired" : "journal OK");
        out.flush();
        return TesseraMain.EXIT_OK;
    }
}

package dev.tessera.server;

import dev.tessera.journal.JournalIndex;
import dev.tessera.journal.tools.JournalTime;
import dev.tessera.journal.tools.JournalVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tessera journal verify}: checks every record; exit 0 when all verify, 1 at the first that does not. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {
        "Verify the whole journal, read-only: framing, CRC32C checksums, the hash chain, record, command and " +
            "event sequence continuity, and that every command and event decodes."},
    footer = ExitStatus.HEADING + TesseraMain.EXIT_OK + " every record verifies, " + JournalTools.EXIT_CORRUPT +
        " at the first that does not (the message names its index), " + ExitStatus.BAD_USAGE_ANY_INSTRUMENTS + ".")
final class JournalVerifyCommand implements Callable<Integer>
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
        // Checksums, chain and sequences only, no price or symbol: any configuration can verify any journal.
        final JournalTools.Access anyInstruments = JournalTools.Access.READ_ANY_INSTRUMENTS;
        return JournalTools.run(spec, configOptions, journalOptions, anyInstruments, (config, journal, out, err) ->
        {
            out.println("journal   " + journal.directory().toAbsolutePath());
            final JournalVerifier.Summary summary =
                new JournalVerifier().verify(journal, journalOptions.progressBar(err, "verify", journal));
            if (summary.records() == 0)
            {
                out.println("records   0 (an empty journal)");
            }
            else
            {
                out.printf(Locale.ROOT, "records   %,d (record %d .. %d, index %s .. %s)%n", summary.records(),
                    summary.firstRecordSequence(), summary.lastRecordSequence(),
                    JournalIndex.format(summary.firstIndex()), JournalIndex.format(summary.lastIndex()));
                out.printf(Locale.ROOT, "commands  %d .. %d, gap-free%n",
                    summary.firstCommandSequence(), summary.lastCommandSequence());
                out.printf(Locale.ROOT, "events    %,d (last event %d)%n", summary.events(), summary.lastEventSequence());
                out.printf(Locale.ROOT, "time      %s .. %s (%s)%n", JournalTime.format(summary.firstTimestamp()),
                    JournalTime.format(summary.lastTimestamp()),
                    JournalTime.formatDuration(summary.lastTimestamp() - summary.firstTimestamp()));
                out.printf(Locale.ROOT, "chain     %016x (after record %d)%n", summary.chainHash(),
                    summary.lastRecordSequence());
            }
            out.println("journal OK");
            return TesseraMain.EXIT_OK;
        });
    }
}

package dev.tessera.server;

import dev.tessera.config.ExchangeConfig;
import dev.tessera.journal.Journal;
import dev.tessera.journal.tools.JournalDump;
import dev.tessera.journal.tools.JournalScan;
import dev.tessera.journal.tools.ProgressBar;
import dev.tessera.journal.tools.RecordFilter;
import dev.tessera.journal.tools.RecordPoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tessera journal dump}: records as readable text, filtered. */
@Command(name = "dump", mixinStandardHelpOptions = true,
    description = {
        "Print journal records readably: record number, Chronicle index, command sequence and time, the command, " +
            "then its events, prices in the instrument's decimals. Filters select records whose command or any " +
            "event matches; given filters must all match. Read-only; every record read is verified.",
        "POINT: a Chronicle index as dumps print it (0x512b00000010), a record number (17), an ISO-8601 instant " +
            "(2026-11-22T06:00:00Z) or epoch nanoseconds (1795327200000000000ns)."},
    footer = ExitStatus.HEADING + ExitStatus.OK + " (also when no record matches), " + ExitStatus.CORRUPT + ", " +
        ExitStatus.BAD_USAGE + ", a --from/--to range outside the journal, or " + ExitStatus.ARCHIVED + ".")
final class JournalDumpCommand implements Callable<Integer>
{
    @Mixin
    private ConfigOptions configOptions;

    @Mixin
    private JournalOptions journalOptions;

    @Option(names = "--from", paramLabel = "POINT", converter = JournalTools.RecordPointConverter.class,
        description = "First record shown (inclusive; for a time: the first stamped at or after it).")
    private RecordPoint from;

    @Option(names = "--to", paramLabel = "POINT", converter = JournalTools.RecordPointConverter.class,
        description = "Last record shown (inclusive; for a time: up to the first stamped after it).")
    private RecordPoint to;

    @Option(names = "--instrument", paramLabel = "SYMBOL|ID", description = "Only records concerning this instrument.")
    private String instrument;

    @Option(names = "--order", paramLabel = "ID",
        description = "Only records concerning this engine order id (its acceptance, trades as maker or taker, cancels...).")
    private Long orderId;

    @Option(names = "--owner", paramLabel = "ID", description = "Only records of this owner (account), on either side of a trade.")
    private Long owner;

    @Option(names = "--limit", paramLabel = "N", description = "Show at most N records.")
    private Long limit;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        if (limit != null && limit <= 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be > 0, got " + limit);
        }
        // No order id or owner is negative: a negative one is a typo, not a filter that matches nothing.
        if (orderId != null && orderId < 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--order must not be negative, got " + orderId);
        }
        if (owner != null && owner < 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--owner must not be negative, got " + owner);
        }
        return JournalTools.run(spec, configOptions, journalOptions, (config, journal, out, err) ->
        {
            final boolean archived = ArchivedHistory.isArchived(journal);
            if (archived)
            {
                refusePointsOnlyTheArchiveReaches(config, journal);
            }
            final RecordFilter filter = new RecordFilter(
                instrument == null ? null : JournalTools.instrumentId(config, journal, instrument), orderId, owner);
            final JournalDump dump = new JournalDump(out, JournalTools.readableInstruments(config, journal), filter, from, to,
                limit == null ? Long.MAX_VALUE : limit);
            dump.dump(journal, journalOptions.progressBar(err, "dump", journal));
            final String outsideTheJournal = dump.rangeProblem();
            if (outsideTheJournal != null)
            {
                throw new IllegalArgumentException(outsideTheJournal);
            }
            JournalTools.requireKnownInstrument(config, journal, instrument, filter.instrumentSeen(),
                "no record read concerns it");
            if (archived && from == null)
            {
                // Else "0 records shown" of an --order search reads as "no such order", when its life may be archived.
                out.println("-- " + ArchivedHistory.archived(journal, config) + ": they are not " +
                    (instrument == null && orderId == null && owner == null ? "shown" : "searched"));
            }
            out.printf(Locale.ROOT, "-- %,d record(s) shown of %,d read%s%n", dump.shown(), dump.scanned(),
                dump.limitReached() ? " (limit reached)" : "");
            return TesseraMain.EXIT_OK;
        });
    }

    /**
     * README: a point only the archived cycles reach is refused, naming the archive and the first record still here,
     * rather than dumped from that first record as if the range began there. A time before the first record still
     * here is refused too: whether the archive reaches it or it lies before all history, the archive would say.
     */
    private void refusePointsOnlyTheArchiveReaches(final ExchangeConfig config, final Journal journal)
    {
        final String[] onlyArchived = {null};
        JournalScan.scanAvailable(journal, ProgressBar.NONE, first ->
        {
            onlyArchived[0] = from != null && from.isBefore(first) ? "--from " + from :
                to != null && to.isBefore(first) ? "--to " + to : null;
            return false;
        });
        if (onlyArchived[0] != null)
        {
            throw ArchivedHistory.unreachable(onlyArchived[0], journal, config,
                "the dump can start at record " + journal.firstRecordSequence() + " or later");
        }
    }
}

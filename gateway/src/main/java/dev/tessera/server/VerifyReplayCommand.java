package dev.tessera.server;

import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.RejectReason;
import dev.tessera.journal.Journal;
import dev.tessera.journal.Recovery;
import dev.tessera.simulation.ReplayVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
        "This is how a new engine version is proven to behave exactly as the one that wrote the history. When the " +
            "journal's start was archived (journal archive), from the oldest kept snapshot."},
    footer = ExitStatus.HEADING + TesseraMain.EXIT_OK + " every event identical, " + VerifyReplayCommand.EXIT_DIVERGED +
        " replay diverged (the first divergence is printed: record, event, command, expected, actual), " +
        "1 the journal failed verification, 2 bad usage, configuration, no journal, or its start archived with no " +
        "usable snapshot to replay from.")
final class VerifyReplayCommand implements Callable<Integer>
{
    /** Replay produced different events: the engine or the configuration is not the one that wrote the journal. */
    static final int EXIT_DIVERGED = 3;

    /** Reject and cancel reasons a configured rule decides: a replay under other rules decides them otherwise. */
    private static final List<String> VENUE_RULE_REASONS = List.of(RejectReason.QUANTITY_NOT_MULTIPLE_OF_LOT.name(),
        RejectReason.QUANTITY_BELOW_MINIMUM.name(), RejectReason.QUANTITY_ABOVE_MAXIMUM.name(),
        RejectReason.PRICE_NOT_ON_TICK.name(), RejectReason.PRICE_OUTSIDE_BAND.name(),
        CancelReason.SELF_TRADE_PREVENTION.name());

    private static final String UNKNOWN_INSTRUMENT = RejectReason.UNKNOWN_INSTRUMENT.name();

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
            if (journalOptions.directory != null && !journalOptions.directory.toAbsolutePath().normalize()
                .equals(journalDirectory.toAbsolutePath().normalize()))
            {
                // Two journals named: replaying one of them silently would answer for the other (QA 95).
                throw new CommandLine.ParameterException(spec.commandLine(), "JOURNAL " + journalDirectory +
                    " and --journal " + journalOptions.directory + " name two journals: give one");
            }
            journalOptions.directory = journalDirectory;
        }
        return JournalTools.run(spec, configOptions, journalOptions, (config, journal, out, err) ->
        {
            out.println("journal   " + journal.directory().toAbsolutePath());
            out.println("engine    " + TesseraMain.Version.VERSION + ", instruments " + config.instruments().stream()
                .map(InstrumentConfig::symbol).collect(Collectors.joining(", ")));
            final ReplayVerifier.Result result = ArchivedHistory.isArchived(journal) ?
                verifyFromSnapshot(config, journal, out, err) :
                ReplayVerifier.verify(journal, config.instruments(), JournalTools.readableInstruments(config, journal),
                    journalOptions.progressBar(err, "verify-replay", journal));
            out.println("replayed  " + result.throughput());
            if (result.identical())
            {
                // QA 107: after an archive, a snapshot at the last record left nothing to re-execute, and "identical"
                // read as a check that had passed.
                out.println(result.records() == 0 ? "identical nothing to compare: no command after the point the " +
                    "replay starts from" : "identical every event re-executed matches the journal, byte for byte");
                return TesseraMain.EXIT_OK;
            }
            out.println("DIVERGED  " + result.divergence());
            out.flush();
            err.println("tessera: replay diverged from the journal at record " + result.divergence().recordSequence() +
                ": this build or this configuration does not reproduce the recorded history");
            // QA 107: a what-if simulation's journal replayed without the run's --set diverged with no word of the
            // configuration it was written with, recorded beside it.
            final String recorded = SimulationDirectory.configurationOf(journal.directory());
            final String given = configOptions.withLauncherOptions(spec).asArgumentsFromAnywhere().strip();
            if (recorded != null && !recorded.strip().equals(given))
            {
                err.println("tessera: `simulate` wrote this journal with: " + recorded.strip() + " (" +
                    SimulationDirectory.CONFIGURATION_FILE + " beside it); this replay was given " +
                    (given.isEmpty() ? "none (the embedded defaults)" : given) + ": replay it with those");
            }
            final String instrument = instrumentDifference(result.divergence(), config, journal);
            final String rule = venueRule(result.divergence());
            if (instrument != null)
            {
                // QA 120 F2: an instrument left out of one of the two configurations is no venue rule, and the journal's
                // instruments.txt says which it is.
                err.println("tessera: the two differ in their instruments: " + instrument);
            }
            else if (rule != null)
            {
                // QA 116 F1: these rules may change between runs, and the journal does not record them, so a history
                // written across such a change diverges under every configuration, each at its own side of it.
                err.println("tessera: the two differ by a venue rule (" + rule + "): the journal does not record its " +
                    "instruments' trading rules (tick, lot, quantity limits, band, self-trade prevention), which may " +
                    "change between runs. Replay with the rules in force when record " +
                    result.divergence().recordSequence() + " was written; if they changed while this journal was " +
                    "written, no one configuration reproduces all of it, and this divergence marks the change");
            }
            return EXIT_DIVERGED;
        });
    }

    /**
     * When exactly one of the two outcomes is an {@code UNKNOWN_INSTRUMENT} reject, the instrument configured in one run
     * and not in the other, by symbol (the configuration's, else the journal's instruments.txt), and the remedy; else null.
     */
    private static String instrumentDifference(
        final ReplayVerifier.Divergence divergence, final ExchangeConfig config, final Journal journal)
    {
        final boolean journalLacks = divergence.expected().contains(UNKNOWN_INSTRUMENT);
        final boolean replayLacks = divergence.actual().contains(UNKNOWN_INSTRUMENT);
        if (journalLacks == replayLacks)
        {
            return null;
        }
        final int id = divergence.instrumentId();
        final String symbol = JournalTools.readableInstrument(config, journal).apply(id).map(InstrumentConfig::symbol)
            .orElse(null);
        final String named = id == 0 ? "the instrument of the command" : symbol == null ? "instrument id " + id :
            symbol + " (id " + id + ")";
        final String it = symbol == null ? "it" : symbol;
        return replayLacks ?
            named + " was configured when record " + divergence.recordSequence() + " was written, but this replay's " +
                "configuration lacks it, so it rejects the command " + UNKNOWN_INSTRUMENT + ". Replay with a " +
                "configuration that has " + it + ", as the one this journal was written with did" :
            named + " was not configured when record " + divergence.recordSequence() + " was written (the journal " +
                "holds its command rejected " + UNKNOWN_INSTRUMENT + "), but this replay's configuration has it. Replay " +
                "with a configuration that leaves " + it + " out, as the one this journal was written with did";
    }

    /** The venue-rule reason the recorded or the replayed outcome names, or null: one the configuration decides. */
    private static String venueRule(final ReplayVerifier.Divergence divergence)
    {
        for (final String reason : VENUE_RULE_REASONS)
        {
            if (divergence.expected().contains(reason) || divergence.actual().contains(reason))
            {
                return reason;
            }
        }
        return null;
    }

    /**
     * The journal's start was archived: its commands before a snapshot cannot be re-executed, so the check starts
     * from the oldest kept snapshot, which covers the most of what is left; refused in one line without one.
     */
    private ReplayVerifier.Result verifyFromSnapshot(
        final ExchangeConfig config, final Journal journal, final PrintWriter out, final PrintWriter err)
    {
        try (Recovery.Start from = Recovery.startFromOldestSnapshot(journal, config.instruments(),
            MatchingEngine.DEFAULT_EXPECTED_ORDERS, ArchivedHistory.snapshots(config), "verify-replay", err::println)
            .orElseThrow(() -> ArchivedHistory.unreachable("the replay from record 1", journal, config,
                ArchivedHistory.noUsableSnapshot(config) + " to replay from")))
        {
            out.println("from      snapshot " + from.snapshot() + " (record " + from.from().recordSequence() + "): " +
                ArchivedHistory.archived(journal, config) + ", so only the commands after the snapshot are re-executed");
            return ReplayVerifier.verify(from, JournalTools.readableInstruments(config, journal),
                journalOptions.progressBar(err, "verify-replay", journal));
        }
    }
}

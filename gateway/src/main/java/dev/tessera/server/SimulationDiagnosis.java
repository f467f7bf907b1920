package dev.tessera.server;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.codec.RejectReason;
import dev.tessera.lobster.TopOfBookComparison;
import dev.tessera.simulation.InstrumentStatistics;
import dev.tessera.simulation.SimulationStatistics;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether a finished simulation simulated anything. A wrong configuration, a wrong orderbook file or an
 * input without orders does not stop a run: every order is rejected (off the tick, outside the band, for
 * an instrument the configuration lacks), the engine's book never once agrees with the orderbook file,
 * or there is no order at all, and the run ends at 0% like any other. This says so and names the likely cause.
 */
final class SimulationDiagnosis
{
    /** The sample configuration the LOBSTER files need (it is in the repository). */
    static final String LOBSTER_CONFIG = "docs/examples/lobster-2012-06-21.conf";

    private final Path journal;
    private final InstrumentConfig lobsterInstrument;
    private final Path messageFile;
    private final Path orderbookFile;
    private final TopOfBookComparison comparison;

    private SimulationDiagnosis(
        final Path journal, final InstrumentConfig lobsterInstrument, final Path messageFile, final Path orderbookFile,
        final TopOfBookComparison comparison)
    {
        this.journal = journal;
        this.lobsterInstrument = lobsterInstrument;
        this.messageFile = messageFile;
        this.orderbookFile = orderbookFile;
        this.comparison = comparison;
    }

    /** For a journal's commands: nothing to compare with, but every order may still be refused. */
    static SimulationDiagnosis ofJournal(final Path journal)
    {
        return new SimulationDiagnosis(journal, null, null, null, null);
    }

    /**
     * For a LOBSTER message file.
     *
     * @param orderbookFile the file compared with, or null (then {@code comparison} is null too).
     */
    static SimulationDiagnosis ofLobster(
        final InstrumentConfig instrument, final Path messageFile, final Path orderbookFile,
        final TopOfBookComparison comparison)
    {
        return new SimulationDiagnosis(null, instrument, messageFile, orderbookFile, comparison);
    }

    /** Why nothing of the run matched, or null when something did (a low match rate is a result, not a mistake). */
    String nothingMatched(final SimulationStatistics statistics)
    {
        long accepted = 0;
        long rejected = 0;
        for (final InstrumentStatistics instrument : statistics.instruments())
        {
            accepted += instrument.orders();
            rejected += instrument.rejects();
        }
        final long unconfigured = statistics.rejects(RejectReason.UNKNOWN_INSTRUMENT);
        if (accepted == 0 && rejected == 0 && unconfigured > 0)
        {
            return String.format(Locale.ROOT, "no order reached an instrument of this configuration: all %,d were for " +
                "instruments it lacks (rejected UNKNOWN_INSTRUMENT). Was the input recorded with another configuration? " +
                "Give that one with --config", unconfigured);
        }
        if (accepted == 0 && rejected > 0)
        {
            return String.format(Locale.ROOT, "every order was rejected (%,d, most often %s): the configuration does not " +
                "fit the input%s", rejected + unconfigured, mostFrequentReject(statistics), lobsterConfigHint());
        }
        if (accepted == 0 && rejected == 0 && unconfigured == 0)
        {
            return messageFile == null ?
                "nothing was simulated: the journal " + journal + " holds no order (was the exchange stopped before any " +
                    "order came in, or is it another directory?)" :
                "nothing was simulated: no message of " + messageFile.getFileName() + " became an order (only submissions " +
                    "and visible executions do, type 1 and 4; the messages line counts them; is the file empty?)";
        }
        if (comparison == null)
        {
            return null;
        }
        if (comparison.matched(1) == 0)
        {
            // QA 107: a what-if band or tick that refuses most of the file's orders blamed the orderbook file.
            final String cause = rejected > accepted ? String.format(Locale.ROOT, "most orders were rejected (%,d of " +
                "%,d, most often %s): a configuration that refuses the file's orders cannot rebuild its book; for a " +
                "what-if run, --no-orderbook leaves the comparison out", rejected, accepted + rejected,
                mostFrequentReject(statistics)) : likelyMismatch();
            return String.format(Locale.ROOT, "the engine's best bid and offer never matched the orderbook file " +
                "(0 of %,d timestamp batches): %s", comparison.batches(), cause);
        }
        return null;
    }

    private String lobsterConfigHint()
    {
        if (lobsterInstrument == null)
        {
            return "";
        }
        return ". Its " + lobsterInstrument.symbol() + " has tick " + lobsterInstrument.formatPrice(lobsterInstrument.tickSize()) +
            ", reference price " + lobsterInstrument.formatPrice(lobsterInstrument.referencePrice()) + " and " +
            (lobsterInstrument.priceBandBps() == 0 ? "no price band" : "a price band of " +
                lobsterInstrument.priceBandBps() + " bps") +
            "; LOBSTER prices are dollars x 10,000 (priceScale 4, no band: see " + LOBSTER_CONFIG + ")";
    }

    /** The orderbook file is of the message file's run, by their names (another is refused before the run). */
    private String likelyMismatch()
    {
        return "is the orderbook file " + orderbookFile.getFileName() + " the one LOBSTER wrote with " +
            messageFile.getFileName() + ", and the configuration's " + lobsterInstrument.symbol() + " at priceScale 4 " +
            "(LOBSTER prices are dollars x 10,000; see " + LOBSTER_CONFIG + ")?";
    }

    private static String mostFrequentReject(final SimulationStatistics statistics)
    {
        RejectReason most = RejectReason.NULL_VAL;
        for (final RejectReason reason : RejectReason.values())
        {
            if (statistics.rejects(reason) > statistics.rejects(most))
            {
                most = reason;
            }
        }
        return most.name();
    }
}

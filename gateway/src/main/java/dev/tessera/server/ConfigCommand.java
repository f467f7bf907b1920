package dev.tessera.server;

import dev.tessera.config.ConfigValidationException;
import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.GatewayConfig;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.JournalConfig;
import dev.tessera.config.SessionConfig;
import dev.tessera.config.UnusableDirectoryException;
import dev.tessera.gateway.CannotListenException;
import dev.tessera.gateway.FixServer;
import dev.tessera.gateway.MissingJournalRecordsException;
import dev.tessera.gateway.SessionStateOfAnotherJournalException;
import dev.tessera.gateway.UnreadableSessionStateException;
import dev.tessera.gateway.UnresolvedHostException;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalInstruments;
import dev.tessera.journal.JournalInstrumentsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code tessera config}: validates the effective configuration and prints it (passwords masked). */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Check the effective configuration (defaults + file + overrides) and print it.",
    footer = ExitStatus.HEADING + TesseraMain.EXIT_OK + " the configuration is valid, " + TesseraMain.EXIT_BAD_CONFIG +
        " bad configuration (each bad key is named).")
final class ConfigCommand implements Callable<Integer>
{
    @Mixin
    private ConfigOptions configOptions;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        final ExchangeConfig config;
        try
        {
            config = configOptions.load(spec);
        }
        catch (final ConfigValidationException ex)
        {
            return TesseraMain.reportBadConfig(spec.commandLine().getErr(), ex);
        }

        final PrintWriter out = spec.commandLine().getOut();
        for (final InstrumentConfig instrument : config.instruments())
        {
            out.println("instrument " + describe(instrument));
        }
        final JournalConfig journal = config.journal();
        out.println("journal    directory " + journal.directory() + " rollCycle " + journal.rollCycle() +
            " durability " + name(journal.durability()) + " prefault " + name(journal.prefault()) +
            " snapshotDirectory " + journal.snapshotDirectory() + " snapshotIntervalRecords " +
            journal.snapshotIntervalRecords() + " snapshotsToKeep " + journal.snapshotsToKeep() +
            " archiveDirectory " + journal.archiveDirectory());
        final GatewayConfig gateway = config.gateway();
        out.println("gateway    " + gateway.host() + ":" + gateway.port() +
            " compId " + gateway.compId() + " HeartBtInt at most " + gateway.maxHeartbeatIntervalSeconds() + "s" +
            " maxMessageBytes " + gateway.maxMessageBytes() + " maxOutboundBytes " + gateway.maxOutboundBytes() +
            " cancelOnDisconnect " + gateway.cancelOnDisconnect() + " stateDirectory " + gateway.stateDirectory() +
            " doneOrders " + gateway.doneOrders() + " maxMarketDataSubscriptions " + gateway.maxMarketDataSubscriptions());
        for (final SessionConfig session : gateway.sessions())
        {
            // The password is never printed: configs get pasted into tickets.
            out.println("session    " + session.compId() + " ownerId " + session.ownerId() +
                " username " + (session.username().isEmpty() ? "(not checked)" : session.username()) +
                " password " + (session.password().isEmpty() ? "(not checked)" : "***") +
                " throttle " + session.throttleMessagesPerSecond() + "/s" + (session.floodLogoutMultiple() == 0 ?
                " (never logged out for a flood)" : " (logged out at " + session.floodLogoutMultiple() + " x: " +
                session.floodLogoutMessages() + " messages in one second)"));
        }
        out.println("pipeline   ringSize " + config.pipeline().ringSize() +
            " waitStrategy " + name(config.pipeline().waitStrategy()));
        out.println("trading    dayEnd " + config.trading().dayEnd().map(time -> time + " UTC").orElse("none (DAY orders never expire)"));
        final List<String> problems = new ArrayList<>();
        checkDirectory(problems, "journal directory", journal.directory());
        checkDirectory(problems, "snapshot directory", journal.snapshotDirectory());
        checkDirectory(problems, "session state directory", gateway.stateDirectory());
        checkHost(problems, gateway.host());
        checkJournalInstruments(out, problems, config);
        checkSessionState(out, problems, config);
        SnapshotReach.shortOfDoneOrders(config).ifPresent(why -> out.println("note       " + why));
        if (!problems.isEmpty())
        {
            final PrintWriter err = spec.commandLine().getErr();
            problems.forEach(problem -> err.println("tessera: " + problem));
            err.println("tessera: configuration not usable: start-up would refuse it (exit " +
                TesseraMain.EXIT_BAD_CONFIG + ")");
            err.flush();
            out.flush();
            return TesseraMain.EXIT_BAD_CONFIG;
        }
        out.println("configuration OK");
        out.flush();
        return TesseraMain.EXIT_OK;
    }

    /**
     * A host name this machine does not resolve, or an address not of this machine (QA 105: passed here, refused by
     * the start), which start-up refuses too: a check of this machine, not of the file. The port is not tried: the
     * exchange this configuration is for may be the one holding it.
     */
    private static void checkHost(final List<String> problems, final String host)
    {
        try
        {
            UnresolvedHostException.check(host);
            if (!CannotListenException.isAddressOfThisMachine(host))
            {
                problems.add(CannotListenException.notOfThisMachine(host));
            }
        }
        catch (final UnresolvedHostException ex)
        {
            problems.add(ex.getMessage());
        }
    }

    /** What start-up refuses of a directory (it creates a missing one), checked without creating it. */
    private static void checkDirectory(final List<String> problems, final String what, final Path directory)
    {
        try
        {
            UnusableDirectoryException.checkUsable(what, directory);
        }
        catch (final UnusableDirectoryException ex)
        {
            problems.add(ex.getMessage());
        }
    }

    /**
     * An existing journal's instruments against the configured ones, as start-up checks them: a misfit (another
     * price scale, say) is a problem; instruments it leaves out are named, since start-up refuses that while they
     * have resting orders, which only the books (a recovery) can tell. A roll cycle it keeps over the configured one
     * is named too.
     */
    private void checkJournalInstruments(final PrintWriter out, final List<String> problems,
        final ExchangeConfig config)
    {
        final Path directory = config.journal().directory();
        Journal.rollCycleKeptOver(directory, config.journal().rollCycle()).ifPresent(kept -> out.println(
            "note       journal " + directory + " keeps its roll cycle " + kept + ": journal.rollCycle " +
            config.journal().rollCycle() + " applies to a new journal only"));
        final String unrecorded = JournalInstruments.unrecorded(directory, config.instruments(), "the first start");
        if (unrecorded != null)
        {
            out.println("note       " + unrecorded);
        }
        if (!Files.isRegularFile(directory.resolve(JournalInstruments.FILE)))
        {
            return;
        }
        try
        {
            JournalInstruments.check(directory, config.instruments());
            final List<InstrumentConfig> leftOut = JournalInstruments.leftOut(directory, config.instruments());
            if (!leftOut.isEmpty())
            {
                // book rebuilds only configured instruments' books; the dump reads a left-out one by its journaled
                // symbol, so it is the command that works with this very configuration
                out.println("note       the configuration leaves out " + leftOut.stream()
                    .map(instrument -> instrument.symbol() + " (id " + instrument.id() + ")")
                    .collect(Collectors.joining(", ")) + " of journal " + directory + ": start-up refuses that " +
                    "while they have resting orders (it recovers the books to know). `bin/tessera journal dump" +
                    configOptions.withLauncherOptions(spec).asArguments() + " --instrument " + leftOut.get(0).symbol() +
                    "` shows an instrument's orders; `bin/tessera book` shows only configured instruments' books");
            }
        }
        catch (final JournalInstrumentsException ex)
        {
            problems.add(ex.getMessage());
        }
    }

    /**
     * What start-up refuses of the session state before it opens the journal, read as it reads it; not while an
     * exchange runs on it, whose files change between a header and its index as it trades.
     */
    private static void checkSessionState(final PrintWriter out, final List<String> problems,
        final ExchangeConfig config)
    {
        final String holder = FixServer.sessionStateHolder(config);
        if (holder != null)
        {
            out.println("note       the session state directory " + config.gateway().stateDirectory() + " is in use " +
                "by a running exchange (" + holder + "): its session files are checked at the next start, not here");
            return;
        }
        try
        {
            FixServer.checkSessionStateBeforeStart(config);
        }
        catch (final UnreadableSessionStateException | SessionStateOfAnotherJournalException |
            MissingJournalRecordsException ex)
        {
            problems.add(ex.getMessage());
        }
    }

    /** An enum as the config file writes it: {@code BUSY_SPIN} is {@code busy-spin}. */
    private static String name(final Enum<?> value)
    {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * An instrument with its prices as the decimals a config file gives (exactly, from the fixed-point
     * long and its scale), each followed by the fixed-point value the engine and the journal use.
     * Quantities are whole units and print as they are.
     */
    static String describe(final InstrumentConfig instrument)
    {
        return instrument.symbol() + " id " + instrument.id() + " priceScale " + instrument.priceScale() +
            " tickSize " + price(instrument, instrument.tickSize()) +
            " referencePrice " + price(instrument, instrument.referencePrice()) +
            " priceBandBps " + instrument.priceBandBps() +
            " lotSize " + instrument.lotSize() + " minQuantity " + instrument.minQuantity() +
            " maxQuantity " + instrument.maxQuantity() +
            " selfTradePrevention " + instrument.selfTradePrevention();
    }

    private static String price(final InstrumentConfig instrument, final long fixedPoint)
    {
        return instrument.formatPrice(fixedPoint) + " (fixed-point " + fixedPoint + ")";
    }
}

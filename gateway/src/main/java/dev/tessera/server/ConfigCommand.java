package dev.tessera.server;

import dev.tessera.config.ConfigValidationException;
import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.GatewayConfig;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.JournalConfig;
import dev.tessera.config.SessionConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tessera config}: validates the effective configuration and prints it (passwords masked). */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Check the effective configuration (defaults + file + overrides) and print it.")
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
            " compId " + gateway.compId() + " heartbeat " + gateway.heartbeatIntervalSeconds() + "s" +
            " maxMessageBytes " + gateway.maxMessageBytes() + " maxOutboundBytes " + gateway.maxOutboundBytes() +
            " cancelOnDisconnect " + gateway.cancelOnDisconnect() + " stateDirectory " + gateway.stateDirectory() +
            " doneOrders " + gateway.doneOrders() + " maxMarketDataSubscriptions " + gateway.maxMarketDataSubscriptions());
        for (final SessionConfig session : gateway.sessions())
        {
            // The password is never printed: configs get pasted into tickets.
            out.println("session    " + session.compId() + " ownerId " + session.ownerId() +
                " username " + (session.username().isEmpty() ? "(not checked)" : session.username()) +
                " password " + (session.password().isEmpty() ? "(not checked)" : "***") +
                " throttle " + session.throttleMessagesPerSecond() + "/s");
        }
        out.println("pipeline   ringSize " + config.pipeline().ringSize() +
            " waitStrategy " + name(config.pipeline().waitStrategy()));
        out.println("trading    dayEnd " + config.trading().dayEnd().map(time -> time + " UTC").orElse("none (DAY orders never expire)"));
        out.println("configuration OK");
        out.flush();
        return TesseraMain.EXIT_OK;
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

package dev.tessera.server;

import dev.tessera.config.ConfigValidationException;
import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SessionConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
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
        out.println("journal    " + config.journal());
        out.println("gateway    " + config.gateway().host() + ":" + config.gateway().port() +
            " compId " + config.gateway().compId() + " heartbeat " + config.gateway().heartbeatIntervalSeconds() + "s" +
            " maxMessageBytes " + config.gateway().maxMessageBytes() +
            " cancelOnDisconnect " + config.gateway().cancelOnDisconnect());
        for (final SessionConfig session : config.gateway().sessions())
        {
            out.println("session    " + session);
        }
        out.println("pipeline   " + config.pipeline());
        out.println("trading    dayEnd " + config.trading().dayEnd().map(time -> time + " UTC").orElse("none (DAY orders never expire)"));
        out.println("configuration OK");
        out.flush();
        return TesseraMain.EXIT_OK;
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

package dev.tessera.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole, validated configuration of one exchange process. Obtain it from
 * {@link ExchangeConfigLoader}, or build it in code for tests.
 *
 * @param instruments what can be traded, unique by id and by symbol, at least one (an
 *     unmodifiable copy is kept)
 * @param journal where events are journalled
 * @param gateway the FIX acceptor and its sessions
 * @param pipeline the ring between the stages
 * @param trading the trading day (when DAY orders expire)
 * @throws ConfigValidationException listing every rule the arguments break
 */
public record ExchangeConfig(
    List<InstrumentConfig> instruments,
    JournalConfig journal,
    GatewayConfig gateway,
    PipelineConfig pipeline,
    TradingConfig trading)
{
    public ExchangeConfig
    {
        instruments = List.copyOf(instruments);
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(trading, "trading");
        final Problems problems = new Problems();
        Rules.instruments(problems, "instruments",
            instruments.stream().map(InstrumentConfig::symbol).toList(),
            instruments.stream().map(InstrumentConfig::id).toList());
        problems.throwIfAny();
    }

    public Optional<InstrumentConfig> instrument(final int id)
    {
        for (final InstrumentConfig instrument : instruments)
        {
            if (instrument.id() == id)
            {
                return Optional.of(instrument);
            }
        }
        return Optional.empty();
    }

    public Optional<InstrumentConfig> instrument(final String symbol)
    {
        for (final InstrumentConfig instrument : instruments)
        {
            if (instrument.symbol().equals(symbol))
            {
                return Optional.of(instrument);
            }
        }
        return Optional.empty();
    }
}

package dev.tessera.config;

import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;

/**
 * The trading day.
 *
 * @param dayEnd when the trading day ends, as a UTC time of day: every resting DAY order expires
 *     then (the server enters an end-of-day command; the engine itself reads no clock). Empty:
 *     the day never ends and DAY orders rest like GTC.
 */
public record TradingConfig(Optional<LocalTime> dayEnd)
{
    /** The text of {@code trading.dayEnd} that turns expiry off. */
    public static final String NONE = "none";
    /** DAY orders never expire: the value of {@code trading.dayEnd = none}. */
    public static final TradingConfig NO_DAY_END = new TradingConfig(Optional.empty());

    public TradingConfig
    {
        Objects.requireNonNull(dayEnd, "dayEnd");
    }

    public static TradingConfig dayEndAt(final LocalTime dayEnd)
    {
        return new TradingConfig(Optional.of(dayEnd));
    }
}

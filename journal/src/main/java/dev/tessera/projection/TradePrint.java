package dev.tessera.projection;

import dev.tessera.engine.codec.Side;

/**
 * One trade on the tape, as the Trade event reported it.
 *
 * @param eventSequence the Trade event's sequence
 * @param timestamp     epoch nanoseconds of the command that caused it
 * @param price         fixed point, the resting (maker) order's price
 */
public record TradePrint(
    long eventSequence, long timestamp, int instrumentId, long price, long quantity, Side aggressorSide,
    long makerOrderId, long makerOwner, long takerOrderId, long takerOwner)
{
}

package dev.tessera.projection;

import dev.tessera.engine.codec.Side;

/**
 * One trade on the tape, as the Trade event reported it.
 *
 * @param recordSequence     the journal record that holds the event: its generation is in the trade's ExecIDs
 * @param eventSequence      the Trade event's sequence
 * @param timestamp          epoch nanoseconds of the command that caused it
 * @param price              fixed point, the resting (maker) order's price
 * @param makerClientOrderId the maker order's ClOrdID at the trade (a replace's, once replaced), packed
 * @param takerClientOrderId the taker order's, likewise
 */
public record TradePrint(
    long recordSequence, long eventSequence, long timestamp, int instrumentId, long price, long quantity,
    Side aggressorSide, long makerOrderId, long makerOwner, long takerOrderId, long takerOwner, long makerClientOrderId,
    long takerClientOrderId)
{
}

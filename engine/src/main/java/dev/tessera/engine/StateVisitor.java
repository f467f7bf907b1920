package dev.tessera.engine;

import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;

/**
 * Receives the complete state of an engine, for a snapshot: {@link MatchingEngine#exportState} calls
 * it, and {@link MatchingEngine#restoreState} rebuilds an engine from the same calls (see
 * {@link StateSource}). The calls are, in this order:
 * <ol>
 *     <li>{@link #onCounters} once;</li>
 *     <li>{@link #onOrder} for every resting order: books in instrument id order, bids best to worst,
 *     then asks best to worst, and within a price level oldest first (time priority).</li>
 * </ol>
 * The same state always gives the same calls, whatever history led to it.
 */
public interface StateVisitor
{
    /**
     * @param lastOrderId             the last order id assigned (the next order gets this plus one).
     * @param lastEventSequence       the sequence of the last event written.
     * @param liveOrderCount          how many {@link #onOrder} calls follow.
     * @param firstEntrySinceEndOfDay {@link MatchingEngine#firstEntrySinceEndOfDay()}: an entry time,
     *                                {@link MatchingEngine#NO_ENTRY_SINCE_END_OF_DAY} or
     *                                {@link MatchingEngine#UNKNOWN_ENTRY_SINCE_END_OF_DAY}.
     */
    void onCounters(long lastOrderId, long lastEventSequence, int liveOrderCount, long firstEntrySinceEndOfDay);

    /**
     * One resting order. Its level position is given by the call order; its position among its
     * owner's live orders, which decides the order of mass-cancel events, by {@code ownerRank}.
     *
     * @param quantity  total quantity, filled part included.
     * @param filled    quantity already traded; the leaves are {@code quantity - filled}.
     * @param filledNotional sum of fill price times fill quantity (price units): 0 when nothing is
     *                  filled, negative when unknown ({@link MatchingEngine#UNKNOWN_FILLED_NOTIONAL} plus
     *                  later fills: the order was restored from a snapshot that did not carry it).
     * @param ownerRank the order's place in its owner's live orders, in the order they entered the
     *                  book: 0 for the oldest, then 1, 2, ... without gaps.
     */
    void onOrder(
        long orderId,
        long owner,
        long clientOrderId,
        int instrumentId,
        Side side,
        OrderType orderType,
        TimeInForce timeInForce,
        boolean postOnly,
        long price,
        long quantity,
        long filled,
        long filledNotional,
        long ownerRank);
}

package dev.tessera.projection;

import dev.tessera.engine.codec.Side;

import java.util.List;

/**
 * An order's whole life, oldest step first: accepted (or rejected), fills, replaces, cancel or
 * replace requests refused, and how it ended.
 *
 * @param orderId       the engine's order id; 0 for an order rejected on entry, or a refused cancel/replace
 *                      of an order the engine never knew
 * @param clientOrderId the client order id it was entered with
 * @param price         its price as entered (fixed point)
 * @param quantity      its quantity as entered
 */
public record OrderHistory(
    long orderId, long owner, long clientOrderId, int instrumentId, Side side, long price, long quantity,
    Status status, List<AuditEntry> entries)
{
    /** Where the order stands after its last step. */
    public enum Status
    {
        /** Resting or partly filled: it can still trade. */
        OPEN,
        FILLED,
        CANCELLED,
        /** A DAY order cancelled at the end of the day (OrderCancelled EXPIRED; FIX OrdStatus C). */
        EXPIRED,
        REJECTED,
        /** Only refused requests: no order of this owner with that id existed. */
        UNKNOWN
    }
}

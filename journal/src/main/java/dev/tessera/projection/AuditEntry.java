package dev.tessera.projection;

/**
 * One step of an order's life, as one event reported it. Prices are fixed point; fields an event
 * does not carry are 0.
 *
 * @param kind                what happened
 * @param price               the order's price (accepted, replaced) or the trade's
 * @param quantity            the order's total (accepted, replaced), the fill, or the quantity cancelled
 * @param leavesQuantity      what was left open afterwards
 * @param counterpartyOrderId a fill's other order
 * @param clientOrderId       the request's client order id (a replace's or cancel's own id)
 * @param detail              a reject or cancel reason, or whether a replace kept priority
 */
public record AuditEntry(
    long eventSequence, long timestamp, Kind kind, long price, long quantity, long leavesQuantity,
    long counterpartyOrderId, long clientOrderId, String detail)
{
    /** The steps an order goes through. */
    public enum Kind
    {
        ACCEPTED, REJECTED, FILL, REPLACED, CANCELLED, CANCEL_REJECTED, REPLACE_REJECTED
    }
}

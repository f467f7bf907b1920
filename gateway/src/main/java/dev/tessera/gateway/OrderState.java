package dev.tessera.gateway;

/**
 * What an ExecutionReport needs to know about a live order that its events do not carry:
 * the order's attributes, and cumulative quantity and notional for CumQty and AvgPx. Pooled.
 */
final class OrderState
{
    long orderId;
    long owner;
    long clOrdId;
    int instrumentId;
    char side;
    char ordType;
    char timeInForce;
    long price;
    long orderQty;
    long cumQty;
    /** Sum of fill price * fill quantity, in the instrument's price units. */
    long notional;
    char ordStatus;

    long leavesQty()
    {
        return orderQty - cumQty;
    }

    OrderState reset()
    {
        orderId = 0;
        owner = 0;
        clOrdId = 0;
        instrumentId = 0;
        side = 0;
        ordType = 0;
        timeInForce = 0;
        price = 0;
        orderQty = 0;
        cumQty = 0;
        notional = 0;
        ordStatus = 0;
        return this;
    }
}

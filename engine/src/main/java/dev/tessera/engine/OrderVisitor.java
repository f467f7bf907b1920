package dev.tessera.engine;

import dev.tessera.engine.codec.Side;

/** Receives the resting orders of an L3 view, one call per order, in priority order. */
@FunctionalInterface
public interface OrderVisitor
{
    void onOrder(Side side, long price, long orderId, long owner, long clientOrderId, long quantity, long leavesQuantity);
}

package dev.tessera.engine;

import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.RejectReason;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;

/** Engine events as plain values, for assertions and for the reference model to produce. */
public sealed interface EngineEvent
{
    long sequence();

    long timestamp();

    record Accepted(
        long sequence, long timestamp, long orderId, long owner, long clientOrderId, int instrumentId, Side side,
        OrderType orderType, TimeInForce timeInForce, boolean postOnly, long price, long quantity) implements EngineEvent
    {
    }

    record Rejected(
        long sequence, long timestamp, long owner, long clientOrderId, int instrumentId, Side side, long price,
        long quantity, RejectReason reason) implements EngineEvent
    {
    }

    record Trade(
        long sequence, long timestamp, int instrumentId, long makerOrderId, long makerOwner, long makerClientOrderId,
        long takerOrderId, long takerOwner, long takerClientOrderId, long price, long quantity, long makerLeavesQuantity,
        long takerLeavesQuantity, Side aggressorSide) implements EngineEvent
    {
    }

    record Cancelled(
        long sequence, long timestamp, long orderId, long owner, long clientOrderId, long requestClientOrderId,
        int instrumentId, Side side, long cancelledQuantity, CancelReason reason) implements EngineEvent
    {
    }

    record Replaced(
        long sequence, long timestamp, long orderId, long owner, long clientOrderId, long origClientOrderId,
        int instrumentId, Side side, long price, long quantity, long leavesQuantity, boolean priorityKept)
        implements EngineEvent
    {
    }

    record CancelRejected(
        long sequence, long timestamp, long owner, long orderId, long origClientOrderId, long clientOrderId,
        RejectReason reason) implements EngineEvent
    {
    }

    record ReplaceRejected(
        long sequence, long timestamp, long owner, long orderId, long origClientOrderId, long clientOrderId,
        RejectReason reason) implements EngineEvent
    {
    }

    record MassCancelCompleted(
        long sequence, long timestamp, long owner, long clientOrderId, int instrumentId, int cancelledCount)
        implements EngineEvent
    {
    }

    record EndOfDayCompleted(long sequence, long timestamp, int instrumentId, int expiredCount) implements EngineEvent
    {
    }
}

package dev.tessera.engine;

import dev.tessera.engine.codec.CancelRejectedDecoder;
import dev.tessera.engine.codec.EndOfDayCompletedDecoder;
import dev.tessera.engine.codec.MassCancelCompletedDecoder;
import dev.tessera.engine.codec.OrderAcceptedDecoder;
import dev.tessera.engine.codec.OrderCancelledDecoder;
import dev.tessera.engine.codec.OrderRejectedDecoder;
import dev.tessera.engine.codec.OrderReplacedDecoder;
import dev.tessera.engine.codec.ReplaceRejectedDecoder;
import dev.tessera.engine.codec.TradeDecoder;

/**
 * Callbacks for decoded engine events. The decoders are flyweights over the event bytes, valid only
 * during the call. Override what you need; the rest are no-ops.
 */
public interface EventListener
{
    default void onOrderAccepted(final OrderAcceptedDecoder event)
    {
    }

    default void onOrderRejected(final OrderRejectedDecoder event)
    {
    }

    default void onTrade(final TradeDecoder event)
    {
    }

    default void onOrderCancelled(final OrderCancelledDecoder event)
    {
    }

    default void onOrderReplaced(final OrderReplacedDecoder event)
    {
    }

    default void onCancelRejected(final CancelRejectedDecoder event)
    {
    }

    default void onReplaceRejected(final ReplaceRejectedDecoder event)
    {
    }

    default void onMassCancelCompleted(final MassCancelCompletedDecoder event)
    {
    }

    default void onEndOfDayCompleted(final EndOfDayCompletedDecoder event)
    {
    }
}

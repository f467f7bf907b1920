package dev.tessera.engine;

import dev.tessera.engine.codec.BooleanType;
import dev.tessera.engine.codec.CancelRejectedDecoder;
import dev.tessera.engine.codec.EndOfDayCompletedDecoder;
import dev.tessera.engine.codec.MassCancelCompletedDecoder;
import dev.tessera.engine.codec.MessageHeaderDecoder;
import dev.tessera.engine.codec.OrderAcceptedDecoder;
import dev.tessera.engine.codec.OrderCancelledDecoder;
import dev.tessera.engine.codec.OrderRejectedDecoder;
import dev.tessera.engine.codec.OrderReplacedDecoder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.ReplaceRejectedDecoder;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.engine.codec.TradeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.function.IntFunction;

/**
 * Recovery by replaying history: brings an engine to the state the engine that wrote the events of
 * one command reached, without matching. Every decision (which maker, how much, what was cancelled,
 * whether priority was kept) is already in the events, so a rebuild cannot disagree with what was
 * published, even when the matching code changes between writing and replaying the journal.
 *
 * <p>The edits mirror the live code paths ({@link OrderBook#execute}, {@code replace}, {@code cancel})
 * step for step, because the order of the intrusive lists is state: an order joins the back of its
 * level and the end of its owner's list only when it rests, at the end of its command, which is also
 * the only moment the live engine adds an order to either list. An order that lost priority in a
 * replace stays in the live-order indexes meanwhile, as in the live engine.
 *
 * <p>Cheap cross-checks (leaves quantities, order ids) turn a journal that does not belong to this
 * state into an {@link IllegalStateException} instead of a silently different book. Sequence and
 * framing are checked before anything changes; after a failure later in the events (which means the
 * journal is corrupt or belongs to another state) the engine must be discarded.
 *
 * <p>Each event, once applied, goes on to a listener of the caller's ({@link MatchingEngine#apply(DirectBuffer, int,
 * int, EventListener)}), so a projection kept beside the replica reads the same decode instead of its own.
 */
final class EventApplier implements EventListener
{
    /** No one beyond the replica reads the events. */
    static final EventListener NO_LISTENER = new EventListener()
    {
    };

    private static final int SEQUENCE_OFFSET = OrderAcceptedDecoder.sequenceEncodingOffset();
    private static final int TIMESTAMP_OFFSET = OrderAcceptedDecoder.timestampEncodingOffset();
    private static final int FIRST_EVENT_TEMPLATE = OrderAcceptedDecoder.TEMPLATE_ID;
    private static final int LAST_EVENT_TEMPLATE = EndOfDayCompletedDecoder.TEMPLATE_ID;

    private final EventAdapter adapter = new EventAdapter();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final Int2ObjectHashMap<OrderBook> bookById;
    private final IntFunction<OrderBook> leftOutBook;
    private final LiveOrders liveOrders;
    private final Pool<Order> orderPool;
    private final EventBuffer events;

    private long lastOrderId;
    /** The order of this command that is not in the book: a new order, or one that lost priority in a replace. */
    private Order incoming;
    private int eventCount;
    private long commandTimestamp;
    private boolean endedTradingDay;
    /** Where each event goes once applied, during {@link #apply}. */
    private EventListener listener = NO_LISTENER;

    EventApplier(
        final Int2ObjectHashMap<OrderBook> bookById,
        final IntFunction<OrderBook> leftOutBook,
        final LiveOrders liveOrders,
        final Pool<Order> orderPool,
        final EventBuffer events)
    {
        this.bookById = bookById;
        this.leftOutBook = leftOutBook;
        this.liveOrders = liveOrders;
        this.orderPool = orderPool;
        this.events = events;
    }

    /**
     * @param lastOrderId the engine's order id counter before these events.
     * @param listener    gets each event once it is applied ({@link #NO_LISTENER} for none); after an exception, it
     *                    has had those before the one that failed.
     * @return the order id counter after them.
     */
    long apply(final DirectBuffer buffer, final int offset, final int length, final long lastOrderId,
        final EventListener listener)
    {
        final long lastSequence = checkFramingAndSequence(buffer, offset, length, events.lastSequence());
        this.lastOrderId = lastOrderId;
        incoming = null;
        endedTradingDay = false;
        this.listener = listener;
        try
        {
            eventCount = adapter.read(buffer, offset, length, this);
        }
        finally
        {
            this.listener = NO_LISTENER;
        }
        if (incoming != null)
        {
            endIncoming();
        }
        events.lastSequence(lastSequence);
        return this.lastOrderId;
    }

    /** Events in the last {@link #apply}: 0 only for a record whose bytes were no command. */
    int eventCount()
    {
        return eventCount;
    }

    /** Entry time of the command whose events the last {@link #apply} took, when they were any. */
    long commandTimestamp()
    {
        return commandTimestamp;
    }

    /** Whether the last {@link #apply} took the events of an all-instrument EndOfDay. */
    boolean endedTradingDay()
    {
        return endedTradingDay;
    }

    /**
     * Walks the headers once before anything changes, so a gap, a replay of old events or a torn
     * record leaves the state untouched. Every event starts with its sequence and its command's
     * timestamp (a schema rule).
     *
     * @return the sequence of the last event.
     */
    private long checkFramingAndSequence(
        final DirectBuffer buffer, final int offset, final int length, final long lastSequence)
    {
        final int end = offset + length;
        long expected = lastSequence + 1;
        int position = offset;
        while (position < end)
        {
            if (end - position < MessageHeaderDecoder.ENCODED_LENGTH)
            {
                throw new IllegalArgumentException("truncated event header at offset " + position);
            }
            header.wrap(buffer, position);
            final int templateId = header.templateId();
            final int blockLength = header.blockLength();
            final int body = position + MessageHeaderDecoder.ENCODED_LENGTH;
            if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID ||
                templateId < FIRST_EVENT_TEMPLATE || templateId > LAST_EVENT_TEMPLATE ||
                blockLength < TIMESTAMP_OFFSET + Long.BYTES || body + blockLength > end)
            {
                throw new IllegalArgumentException("not an engine event at offset " + position +
                    " (schema " + header.schemaId() + ", template " + templateId + ", block " + blockLength + ")");
            }
            final long sequence = buffer.getLong(body + SEQUENCE_OFFSET, OrderAcceptedDecoder.BYTE_ORDER);
            if (position == offset)
            {
                // Every event of a command carries the command's entry time.
                commandTimestamp = buffer.getLong(body + TIMESTAMP_OFFSET, OrderAcceptedDecoder.BYTE_ORDER);
            }
            if (sequence != expected)
            {
                throw new IllegalStateException("event sequence gap: expected " + expected + " but was " + sequence +
                    " (engine's last sequence " + lastSequence + ", event at offset " + position + ")");
            }
            expected++;
            position = body + blockLength;
        }
        return expected - 1;
    }

    @Override
    public void onOrderAccepted(final OrderAcceptedDecoder event)
    {
        final long orderId = event.orderId();
        if (orderId != lastOrderId + 1)
        {
            throw new IllegalStateException("OrderAccepted with order id " + orderId + ", expected " + (lastOrderId + 1));
        }
        if (incoming != null)
        {
            throw new IllegalStateException("OrderAccepted " + orderId + " while order " + incoming.orderId +
                " is still incoming: the events of more than one command?");
        }
        final int instrumentId = event.instrumentId();
        OrderBook book = bookById.get(instrumentId);
        if (book == null)
        {
            if (instrumentId <= 0)
            {
                throw new IllegalStateException("OrderAccepted " + orderId + " for instrument " + instrumentId +
                    ", not an id");
            }
            // Accepted when the instrument was configured; the configuration has left it out since.
            book = leftOutBook.apply(instrumentId);
        }
        final Order order = orderPool.acquire();
        order.init(
            orderId,
            event.owner(),
            event.clientOrderId(),
            book,
            event.side(),
            event.orderType(),
            event.timeInForce(),
            event.postOnly() == BooleanType.TRUE,
            event.price(),
            event.quantity());
        lastOrderId = orderId;
        incoming = order;
        listener.onOrderAccepted(event);
    }

    @Override
    public void onTrade(final TradeDecoder event)
    {
        final Order taker = incoming;
        if (taker == null || taker.orderId != event.takerOrderId())
        {
            throw new IllegalStateException("Trade " + event.sequence() + " with taker " + event.takerOrderId() +
                " but the incoming order is " + (taker == null ? "none" : taker.orderId));
        }
        final Order maker = resting(event.makerOrderId(), event.sequence());
        final long quantity = event.quantity();
        maker.filled += quantity;
        taker.filled += quantity;
        maker.filledNotional += event.price() * quantity;
        taker.filledNotional += event.price() * quantity;
        maker.level.totalQuantity -= quantity;
        if (maker.leaves() != event.makerLeavesQuantity() || taker.leaves() != event.takerLeavesQuantity() ||
            maker.price != event.price())
        {
            throw new IllegalStateException("Trade " + event.sequence() + " does not match the book: maker " +
                maker.orderId + " leaves " + maker.leaves() + " (event " + event.makerLeavesQuantity() + ") at " +
                maker.price + " (event " + event.price() + "), taker leaves " + taker.leaves() + " (event " +
                event.takerLeavesQuantity() + ")");
        }
        if (maker.leaves() == 0)
        {
            removeResting(maker);
        }
        listener.onTrade(event);
    }

    @Override
    public void onOrderCancelled(final OrderCancelledDecoder event)
    {
        final long orderId = event.orderId();
        final Order order = incoming != null && incoming.orderId == orderId ? incoming : resting(orderId, event.sequence());
        if (order.leaves() != event.cancelledQuantity())
        {
            throw new IllegalStateException("OrderCancelled " + event.sequence() + " of order " + orderId + " for " +
                event.cancelledQuantity() + " but its leaves are " + order.leaves());
        }
        if (order == incoming)
        {
            // It does not rest: it ends here, in no list.
            incoming = null;
            retire(order);
        }
        else
        {
            removeResting(order);
        }
        listener.onOrderCancelled(event);
    }

    @Override
    public void onOrderReplaced(final OrderReplacedDecoder event)
    {
        final Order order = resting(event.orderId(), event.sequence());
        final long quantity = event.quantity();
        if (event.priorityKept() == BooleanType.TRUE)
        {
            // As OrderBook.replace: in place, same level position, same place in the owner's list.
            order.level.totalQuantity -= order.quantity - quantity;
            order.quantity = quantity;
            liveOrders.changeClientOrderId(order, event.clientOrderId());
        }
        else
        {
            if (incoming != null)
            {
                throw new IllegalStateException("OrderReplaced " + event.sequence() + " of order " + order.orderId +
                    " while order " + incoming.orderId + " is still incoming: the events of more than one command?");
            }
            // Out of its level; it re-enters like a new order and rests (if it does) at the back of its new
            // level and at the end of its owner's list. Meanwhile it stays indexed, under its new client id.
            order.book.bookSide(order.side()).remove(order);
            liveOrders.changeClientOrderId(order, event.clientOrderId());
            order.price = event.price();
            order.quantity = quantity;
            incoming = order;
        }
        if (order.leaves() != event.leavesQuantity())
        {
            throw new IllegalStateException("OrderReplaced " + event.sequence() + " of order " + order.orderId +
                " with leaves " + event.leavesQuantity() + " but the book says " + order.leaves());
        }
        listener.onOrderReplaced(event);
    }

    @Override
    public void onEndOfDayCompleted(final EndOfDayCompletedDecoder event)
    {
        // Instrument 0 only for an all-instrument EndOfDay, which never fails; one instrument's does not end the day.
        endedTradingDay = event.instrumentId() == 0;
        listener.onEndOfDayCompleted(event);
    }

    @Override
    public void onOrderRejected(final OrderRejectedDecoder event)
    {
        listener.onOrderRejected(event); // changes no book
    }

    @Override
    public void onCancelRejected(final CancelRejectedDecoder event)
    {
        listener.onCancelRejected(event);
    }

    @Override
    public void onReplaceRejected(final ReplaceRejectedDecoder event)
    {
        listener.onReplaceRejected(event);
    }

    @Override
    public void onMassCancelCompleted(final MassCancelCompletedDecoder event)
    {
        listener.onMassCancelCompleted(event); // its cancels are OrderCancelled events of their own
    }

    /** After the command's last event: what is left of the incoming order rests, as in OrderBook.execute. */
    private void endIncoming()
    {
        final Order order = incoming;
        incoming = null;
        if (order.leaves() == 0)
        {
            retire(order);
        }
        else if (order.orderType() == OrderType.LIMIT &&
            (order.timeInForce() == TimeInForce.GTC || order.timeInForce() == TimeInForce.DAY))
        {
            order.book.bookSide(order.side()).add(order);
            if (order.indexed())
            {
                liveOrders.moveToBack(order);
            }
            else
            {
                liveOrders.add(order);
            }
        }
        else
        {
            throw new IllegalStateException("order " + order.orderId + " (" + order.orderType() + " " +
                order.timeInForce() + ") ends its command with leaves " + order.leaves() + " but no cancel");
        }
    }

    private Order resting(final long orderId, final long sequence)
    {
        final Order order = liveOrders.byOrderId(orderId);
        // The incoming order of a replace is indexed but does not rest.
        if (order == null || order == incoming)
        {
            throw new IllegalStateException("event " + sequence + " refers to order " + orderId + ", which is not live");
        }
        return order;
    }

    /** As OrderBook.retire: an incoming order that will not rest, out of the indexes if a replace left it there. */
    private void retire(final Order order)
    {
        if (order.indexed())
        {
            liveOrders.remove(order);
        }
        orderPool.release(order);
    }

    private void removeResting(final Order order)
    {
        order.book.bookSide(order.side()).remove(order);
        liveOrders.remove(order);
        orderPool.release(order);
    }
}

package dev.tessera.engine;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.RejectReason;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A deliberately naive model of "Command and event model" and "Matching rules" in
 * docs/architecture.md, written from the spec and not from the engine: plain lists of plain
 * objects, linear scans, a full re-sort after every insertion, and FOK decided by literally running
 * the matching on a throw-away copy of the book. It is slow on purpose; it only has to be obviously
 * right, so that the property tests can hold the engine against it.
 */
final class ReferenceExchange
{
    /** Absent price or quantity in a {@link Replace}: keep the order's current value (SBE null of int64). */
    static final long UNCHANGED = Long.MIN_VALUE;

    /** One command, as a producer would send it; sequence and timestamp are stamped by whoever runs it. */
    sealed interface Command permits NewOrder, Cancel, Replace, MassCancel, EndOfDay
    {
        long owner();
    }

    /** A new order; {@code postOnlyRaw} is the raw byte so that values other than 0/1 can be sent. */
    record NewOrder(
        long owner, int instrumentId, long clientOrderId, Side side, OrderType orderType, TimeInForce timeInForce,
        int postOnlyRaw, long price, long quantity) implements Command
    {
        @Override
        public String toString()
        {
            return "New(owner=" + owner + " instr=" + instrumentId + " clOrdId=" + clientOrderId + " " + side + " " +
                orderType + " " + timeInForce + (postOnlyRaw == 0 ? "" : " postOnly=" + postOnlyRaw) + " " +
                quantity + "@" + price + ")";
        }
    }

    /** Cancel by {@code orderId}, or when it is 0 by the owner's {@code origClientOrderId}. */
    record Cancel(long owner, long orderId, long origClientOrderId, long clientOrderId) implements Command
    {
        @Override
        public String toString()
        {
            return "Cancel(owner=" + owner + " " + target(orderId, origClientOrderId) + " clOrdId=" + clientOrderId +
                ")";
        }
    }

    /** Replace; {@link #UNCHANGED} as price or quantity keeps it. */
    record Replace(long owner, long orderId, long origClientOrderId, long clientOrderId, long price, long quantity)
        implements Command
    {
        @Override
        public String toString()
        {
            return "Replace(owner=" + owner + " " + target(orderId, origClientOrderId) + " clOrdId=" + clientOrderId +
                " qty=" + (quantity == UNCHANGED ? "keep" : quantity) +
                " px=" + (price == UNCHANGED ? "keep" : price) + ")";
        }
    }

    /** Cancels every live order of the owner, or only those of {@code instrumentId} when it is not 0. */
    record MassCancel(long owner, long clientOrderId, int instrumentId) implements Command
    {
        @Override
        public String toString()
        {
            return "MassCancel(owner=" + owner + " clOrdId=" + clientOrderId + " instr=" + instrumentId + ")";
        }
    }

    /** Expires every resting DAY order, or only those of {@code instrumentId} when it is not 0; the exchange sends it. */
    record EndOfDay(int instrumentId) implements Command
    {
        @Override
        public long owner()
        {
            return 0;
        }

        @Override
        public String toString()
        {
            return "EndOfDay(instr=" + instrumentId + ")";
        }
    }

    private static String target(final long orderId, final long origClientOrderId)
    {
        return orderId != 0 ? "orderId=" + orderId : "origClOrdId=" + origClientOrderId;
    }

    /** A live order (or one being executed). Mutable on purpose: the model is plain, not fast. */
    private static final class ModelOrder
    {
        final long orderId;
        final long owner;
        final int instrumentId;
        final Side side;
        final OrderType orderType;
        final TimeInForce timeInForce;
        final boolean postOnly;
        long clientOrderId;
        long price;
        long quantity;
        long filled;
        /** When it (last) entered the book: time priority within a price, and mass-cancel order. */
        long arrival;

        ModelOrder(
            final long orderId, final long owner, final long clientOrderId, final int instrumentId, final Side side,
            final OrderType orderType, final TimeInForce timeInForce, final boolean postOnly, final long price,
            final long quantity)
        {
            this.orderId = orderId;
            this.owner = owner;
            this.clientOrderId = clientOrderId;
            this.instrumentId = instrumentId;
            this.side = side;
            this.orderType = orderType;
            this.timeInForce = timeInForce;
            this.postOnly = postOnly;
            this.price = price;
            this.quantity = quantity;
        }

        long leaves()
        {
            return quantity - filled;
        }

        ModelOrder copy()
        {
            final ModelOrder copy = new ModelOrder(
                orderId, owner, clientOrderId, instrumentId, side, orderType, timeInForce, postOnly, price, quantity);
            copy.filled = filled;
            copy.arrival = arrival;
            return copy;
        }
    }

    private static final class Book
    {
        final InstrumentConfig config;
        /** Kept sorted: highest price first, then earliest arrival. */
        final List<ModelOrder> bids = new ArrayList<>();
        /** Kept sorted: lowest price first, then earliest arrival. */
        final List<ModelOrder> asks = new ArrayList<>();

        Book(final InstrumentConfig config)
        {
            this.config = config;
        }

        List<ModelOrder> side(final Side side)
        {
            return side == Side.BUY ? bids : asks;
        }

        List<ModelOrder> oppositeOf(final Side side)
        {
            return side == Side.BUY ? asks : bids;
        }
    }

    private static final Comparator<ModelOrder> BID_PRIORITY =
        Comparator.comparingLong((ModelOrder order) -> -order.price).thenComparingLong(order -> order.arrival);
    private static final Comparator<ModelOrder> ASK_PRIORITY =
        Comparator.comparingLong((ModelOrder order) -> order.price).thenComparingLong(order -> order.arrival);

    private final List<Book> books = new ArrayList<>();
    private long lastOrderId;
    private long lastSequence;
    private long lastArrival;

    /** Events of the command being processed; null while FOK runs its dry run (which must not emit). */
    private List<EngineEvent> out;
    private long timestamp;

    ReferenceExchange(final List<InstrumentConfig> instruments)
    {
        for (final InstrumentConfig config : instruments)
        {
            books.add(new Book(config));
        }
    }

    // ------------------------------------------------------------------ commands

    List<EngineEvent> apply(final long commandTimestamp, final Command command)
    {
        out = new ArrayList<>();
        timestamp = commandTimestamp;
        if (command instanceof NewOrder newOrder)
        {
            onNewOrder(newOrder);
        }
        else if (command instanceof Cancel cancel)
        {
            onCancel(cancel);
        }
        else if (command instanceof Replace replace)
        {
            onReplace(replace);
        }
        else if (command instanceof MassCancel massCancel)
        {
            onMassCancel(massCancel);
        }
        else if (command instanceof EndOfDay endOfDay)
        {
            onEndOfDay(endOfDay);
        }
        final List<EngineEvent> events = List.copyOf(out);
        out = null;
        return events;
    }

    private void onNewOrder(final NewOrder command)
    {
        final Book book = book(command.instrumentId());
        final RejectReason reason = validateNewOrder(book, command);
        if (reason != null)
        {
            emit(new EngineEvent.Rejected(++lastSequence, timestamp, command.owner(), command.clientOrderId(),
                command.instrumentId(), command.side(), command.price(), command.quantity(), reason));
            return;
        }

        final boolean market = command.orderType() == OrderType.MARKET;
        final ModelOrder order = new ModelOrder(++lastOrderId, command.owner(), command.clientOrderId(),
            command.instrumentId(), command.side(), command.orderType(), command.timeInForce(),
            command.postOnlyRaw() == 1, market ? 0 : command.price(), command.quantity());
        emit(new EngineEvent.Accepted(++lastSequence, timestamp, order.orderId, order.owner, order.clientOrderId,
            order.instrumentId, order.side, order.orderType, order.timeInForce, order.postOnly, order.price,
            order.quantity));

        if (order.timeInForce == TimeInForce.FOK && !wouldFillCompletely(book, order))
        {
            emitCancelled(order, order.clientOrderId, CancelReason.FOK_NOT_FILLABLE);
            return;
        }
        execute(book, order);
    }

    /** The spec's list, top to bottom; the first rule that fails decides. Null means valid. */
    private RejectReason validateNewOrder(final Book book, final NewOrder command)
    {
        if (book == null)
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        final boolean knownSide = command.side() == Side.BUY || command.side() == Side.SELL;
        final boolean knownType = command.orderType() == OrderType.LIMIT || command.orderType() == OrderType.MARKET;
        final boolean knownTimeInForce = command.timeInForce() == TimeInForce.DAY ||
            command.timeInForce() == TimeInForce.GTC || command.timeInForce() == TimeInForce.IOC ||
            command.timeInForce() == TimeInForce.FOK;
        if (!knownSide || !knownType || !knownTimeInForce || (command.postOnlyRaw() != 0 && command.postOnlyRaw() != 1))
        {
            return RejectReason.INVALID_ORDER_ATTRIBUTES;
        }
        final RejectReason quantityProblem = quantityProblem(book.config, command.quantity());
        if (quantityProblem != null)
        {
            return quantityProblem;
        }
        if (command.orderType() == OrderType.LIMIT)
        {
            final RejectReason priceProblem = priceProblem(book.config, command.price());
            if (priceProblem != null)
            {
                return priceProblem;
            }
        }
        final boolean postOnly = command.postOnlyRaw() == 1;
        if (postOnly && (command.orderType() == OrderType.MARKET || command.timeInForce() == TimeInForce.IOC ||
            command.timeInForce() == TimeInForce.FOK))
        {
            return RejectReason.INVALID_ORDER_ATTRIBUTES;
        }
        if (findLive(command.owner(), command.clientOrderId()) != null)
        {
            return RejectReason.DUPLICATE_CLIENT_ORDER_ID;
        }
        if (postOnly && reachesOppositeBest(book, command.side(), command.price()))
        {
            return RejectReason.POST_ONLY_WOULD_TAKE;
        }
        return null;
    }

    private void onCancel(final Cancel command)
    {
        final ModelOrder order = findTarget(command.owner(), command.orderId(), command.origClientOrderId());
        if (order == null || order.owner != command.owner())
        {
            emit(new EngineEvent.CancelRejected(++lastSequence, timestamp, command.owner(), command.orderId(),
                command.origClientOrderId(), command.clientOrderId(),
                order == null ? RejectReason.UNKNOWN_ORDER : RejectReason.NOT_ORDER_OWNER));
            return;
        }
        removeFromBook(order);
        emitCancelled(order, command.clientOrderId(), CancelReason.USER_REQUESTED);
    }

    private void onReplace(final Replace command)
    {
        final ModelOrder order = findTarget(command.owner(), command.orderId(), command.origClientOrderId());
        final RejectReason reason = validateReplace(order, command);
        if (reason != null)
        {
            emit(new EngineEvent.ReplaceRejected(++lastSequence, timestamp, command.owner(), command.orderId(),
                command.origClientOrderId(), command.clientOrderId(), reason));
            return;
        }

        final long newPrice = command.price() == UNCHANGED ? order.price : command.price();
        final long newQuantity = command.quantity() == UNCHANGED ? order.quantity : command.quantity();
        final long origClientOrderId = order.clientOrderId;
        final Book book = book(order.instrumentId);
        if (newQuantity <= order.filled)
        {
            // The order keeps its own client id on the event; the replace's id is the request id.
            removeFromBook(order);
            emitCancelled(order, command.clientOrderId(), CancelReason.REPLACED_TO_FILLED);
        }
        else if (newPrice == order.price && newQuantity <= order.quantity)
        {
            // In place: same list position, so the same time priority.
            order.quantity = newQuantity;
            order.clientOrderId = command.clientOrderId();
            emitReplaced(order, origClientOrderId, true);
        }
        else
        {
            removeFromBook(order);
            order.price = newPrice;
            order.quantity = newQuantity;
            order.clientOrderId = command.clientOrderId();
            emitReplaced(order, origClientOrderId, false);
            execute(book, order);
        }
    }

    private RejectReason validateReplace(final ModelOrder order, final Replace command)
    {
        if (order == null)
        {
            return RejectReason.UNKNOWN_ORDER;
        }
        if (order.owner != command.owner())
        {
            return RejectReason.NOT_ORDER_OWNER;
        }
        final Book book = book(order.instrumentId);
        final long newPrice = command.price() == UNCHANGED ? order.price : command.price();
        final long newQuantity = command.quantity() == UNCHANGED ? order.quantity : command.quantity();
        final RejectReason quantityProblem = quantityProblem(book.config, newQuantity);
        if (quantityProblem != null)
        {
            return quantityProblem;
        }
        final RejectReason priceProblem = priceProblem(book.config, newPrice);
        if (priceProblem != null)
        {
            return priceProblem;
        }
        final ModelOrder holder = findLive(order.owner, command.clientOrderId());
        if (holder != null && holder != order)
        {
            return RejectReason.DUPLICATE_CLIENT_ORDER_ID;
        }
        // The order's current price never takes (the book is not crossed), so checking the new one suffices.
        if (order.postOnly && reachesOppositeBest(book, order.side, newPrice))
        {
            return RejectReason.POST_ONLY_WOULD_TAKE;
        }
        return null;
    }

    private void onMassCancel(final MassCancel command)
    {
        if (command.instrumentId() != 0 && book(command.instrumentId()) == null)
        {
            emit(new EngineEvent.CancelRejected(++lastSequence, timestamp, command.owner(), 0, 0,
                command.clientOrderId(), RejectReason.UNKNOWN_INSTRUMENT));
            return;
        }
        final List<ModelOrder> victims = new ArrayList<>();
        for (final ModelOrder order : allLiveOrders())
        {
            if (order.owner == command.owner() &&
                (command.instrumentId() == 0 || order.instrumentId == command.instrumentId()))
            {
                victims.add(order);
            }
        }
        victims.sort(Comparator.comparingLong(order -> order.arrival));
        for (final ModelOrder order : victims)
        {
            removeFromBook(order);
            emitCancelled(order, command.clientOrderId(), CancelReason.MASS_CANCEL);
        }
        emit(new EngineEvent.MassCancelCompleted(++lastSequence, timestamp, command.owner(), command.clientOrderId(),
            command.instrumentId(), victims.size()));
    }

    /** Books by instrument id; in each, bids then asks in priority order (price, then arrival). */
    private void onEndOfDay(final EndOfDay command)
    {
        if (command.instrumentId() != 0 && book(command.instrumentId()) == null)
        {
            emit(new EngineEvent.CancelRejected(++lastSequence, timestamp, 0, 0, 0, 0, RejectReason.UNKNOWN_INSTRUMENT));
            return;
        }
        final List<Book> byId = new ArrayList<>(books);
        byId.sort(Comparator.comparingInt(book -> book.config.id()));
        int expired = 0;
        for (final Book book : byId)
        {
            if (command.instrumentId() != 0 && book.config.id() != command.instrumentId())
            {
                continue;
            }
            final List<ModelOrder> victims = new ArrayList<>(book.bids);
            victims.addAll(book.asks);
            for (final ModelOrder order : victims)
            {
                if (order.timeInForce == TimeInForce.DAY)
                {
                    removeFromBook(order);
                    emitCancelled(order, order.clientOrderId, CancelReason.EXPIRED);
                    expired++;
                }
            }
        }
        emit(new EngineEvent.EndOfDayCompleted(++lastSequence, timestamp, command.instrumentId(), expired));
    }

    // ------------------------------------------------------------------ matching

    /** Matches an order that is not in the book, then disposes of the remainder. */
    private void execute(final Book book, final ModelOrder taker)
    {
        final boolean stoppedBySelfTrade = match(book.oppositeOf(taker.side), taker, book.config.selfTradePrevention());
        if (taker.leaves() == 0)
        {
            return;
        }
        if (stoppedBySelfTrade)
        {
            emitCancelled(taker, taker.clientOrderId, CancelReason.SELF_TRADE_PREVENTION);
        }
        else if (taker.orderType == OrderType.MARKET)
        {
            emitCancelled(taker, taker.clientOrderId, CancelReason.NO_LIQUIDITY);
        }
        else if (taker.timeInForce == TimeInForce.IOC)
        {
            emitCancelled(taker, taker.clientOrderId, CancelReason.IOC_REMAINDER);
        }
        else if (taker.timeInForce == TimeInForce.FOK)
        {
            throw new IllegalStateException(
                "model bug: FOK order " + taker.orderId + " passed the dry run but has leaves");
        }
        else
        {
            taker.arrival = ++lastArrival;
            final List<ModelOrder> own = book.side(taker.side);
            own.add(taker);
            own.sort(taker.side == Side.BUY ? BID_PRIORITY : ASK_PRIORITY);
        }
    }

    /**
     * Walks the opposite list from its head (it is sorted in priority order) and trades, or applies
     * self-trade prevention, until the taker is done, the price no longer reaches, or the list is empty.
     *
     * @return true when self-trade prevention stopped the taker.
     */
    private boolean match(final List<ModelOrder> opposite, final ModelOrder taker, final SelfTradePrevention mode)
    {
        while (taker.leaves() > 0 && !opposite.isEmpty())
        {
            final ModelOrder maker = opposite.get(0);
            if (taker.orderType == OrderType.LIMIT && !reaches(taker.side, taker.price, maker.price))
            {
                return false;
            }
            if (maker.owner == taker.owner && mode != SelfTradePrevention.NONE)
            {
                if (mode == SelfTradePrevention.CANCEL_INCOMING)
                {
                    return true;
                }
                opposite.remove(0);
                emitCancelled(maker, maker.clientOrderId, CancelReason.SELF_TRADE_PREVENTION);
                if (mode == SelfTradePrevention.CANCEL_BOTH)
                {
                    return true;
                }
                continue;
            }
            final long quantity = Math.min(maker.leaves(), taker.leaves());
            maker.filled += quantity;
            taker.filled += quantity;
            if (out != null)
            {
                emit(new EngineEvent.Trade(++lastSequence, timestamp, taker.instrumentId, maker.orderId, maker.owner,
                    maker.clientOrderId, taker.orderId, taker.owner, taker.clientOrderId, maker.price, quantity,
                    maker.leaves(), taker.leaves(), taker.side));
            }
            if (maker.leaves() == 0)
            {
                opposite.remove(0);
            }
        }
        return false;
    }

    /** FOK as the spec words it: "filled only if matching would fill all of it". So: match a copy and look. */
    private boolean wouldFillCompletely(final Book book, final ModelOrder taker)
    {
        final List<ModelOrder> oppositeCopy = new ArrayList<>();
        for (final ModelOrder order : book.oppositeOf(taker.side))
        {
            oppositeCopy.add(order.copy());
        }
        final ModelOrder takerCopy = taker.copy();
        final List<EngineEvent> realOut = out;
        final long realSequence = lastSequence;
        out = null;
        match(oppositeCopy, takerCopy, book.config.selfTradePrevention());
        out = realOut;
        lastSequence = realSequence;
        return takerCopy.leaves() == 0;
    }

    private static boolean reaches(final Side side, final long limit, final long restingPrice)
    {
        return side == Side.BUY ? limit >= restingPrice : limit <= restingPrice;
    }

    private static boolean reachesOppositeBest(final Book book, final Side side, final long price)
    {
        final List<ModelOrder> opposite = book.oppositeOf(side);
        return !opposite.isEmpty() && reaches(side, price, opposite.get(0).price);
    }

    private static RejectReason quantityProblem(final InstrumentConfig config, final long quantity)
    {
        if (quantity <= 0)
        {
            return RejectReason.INVALID_QUANTITY;
        }
        if (quantity % config.lotSize() != 0)
        {
            return RejectReason.QUANTITY_NOT_MULTIPLE_OF_LOT;
        }
        if (quantity < config.minQuantity())
        {
            return RejectReason.QUANTITY_BELOW_MINIMUM;
        }
        if (quantity > config.maxQuantity())
        {
            return RejectReason.QUANTITY_ABOVE_MAXIMUM;
        }
        return null;
    }

    private static RejectReason priceProblem(final InstrumentConfig config, final long price)
    {
        if (price <= 0)
        {
            return RejectReason.INVALID_PRICE;
        }
        if (price % config.tickSize() != 0)
        {
            return RejectReason.PRICE_NOT_ON_TICK;
        }
        if (config.priceBandBps() != 0)
        {
            final long reference = config.referencePrice();
            final long width = reference * config.priceBandBps() / 10_000;
            if (price < reference - width || price > reference + width)
            {
                return RejectReason.PRICE_OUTSIDE_BAND;
            }
        }
        if (Math.multiplyHigh(price, config.maxQuantity()) != 0 || price * config.maxQuantity() < 0)
        {
            return RejectReason.PRICE_OUTSIDE_BAND; // its notional at the largest order would not fit a long
        }
        return null;
    }

    // ------------------------------------------------------------------ lookups and events

    private Book book(final int instrumentId)
    {
        for (final Book book : books)
        {
            if (book.config.id() == instrumentId)
            {
                return book;
            }
        }
        return null;
    }

    private List<ModelOrder> allLiveOrders()
    {
        final List<ModelOrder> all = new ArrayList<>();
        for (final Book book : books)
        {
            all.addAll(book.bids);
            all.addAll(book.asks);
        }
        return all;
    }

    private ModelOrder findTarget(final long owner, final long orderId, final long origClientOrderId)
    {
        if (orderId == 0)
        {
            return findLive(owner, origClientOrderId);
        }
        for (final ModelOrder order : allLiveOrders())
        {
            if (order.orderId == orderId)
            {
                return order;
            }
        }
        return null;
    }

    private ModelOrder findLive(final long owner, final long clientOrderId)
    {
        for (final ModelOrder order : allLiveOrders())
        {
            if (order.owner == owner && order.clientOrderId == clientOrderId)
            {
                return order;
            }
        }
        return null;
    }

    private void removeFromBook(final ModelOrder order)
    {
        final Book book = book(order.instrumentId);
        if (!book.side(order.side).remove(order))
        {
            throw new IllegalStateException("model bug: order " + order.orderId + " is not in its book");
        }
    }

    private void emit(final EngineEvent event)
    {
        out.add(event);
    }

    private void emitCancelled(final ModelOrder order, final long requestClientOrderId, final CancelReason reason)
    {
        if (out != null)
        {
            emit(new EngineEvent.Cancelled(++lastSequence, timestamp, order.orderId, order.owner, order.clientOrderId,
                requestClientOrderId, order.instrumentId, order.side, order.leaves(), reason));
        }
    }

    private void emitReplaced(final ModelOrder order, final long origClientOrderId, final boolean priorityKept)
    {
        emit(new EngineEvent.Replaced(++lastSequence, timestamp, order.orderId, order.owner, order.clientOrderId,
            origClientOrderId, order.instrumentId, order.side, order.price, order.quantity, order.leaves(),
            priorityKept));
    }

    // ------------------------------------------------------------------ views

    /** Like {@link OrderBook#forEachOrder}: bids best to worst, then asks best to worst. */
    List<EngineDriver.RestingOrder> restingOrders(final int instrumentId)
    {
        final Book book = book(instrumentId);
        final List<EngineDriver.RestingOrder> orders = new ArrayList<>();
        for (final ModelOrder order : book.bids)
        {
            orders.add(resting(order));
        }
        for (final ModelOrder order : book.asks)
        {
            orders.add(resting(order));
        }
        return orders;
    }

    /** Every live order of every instrument, by order id: what generators pick cancel and replace targets from. */
    List<LiveOrder> liveOrders()
    {
        final List<LiveOrder> live = new ArrayList<>();
        for (final ModelOrder order : allLiveOrders())
        {
            live.add(new LiveOrder(order.orderId, order.owner, order.clientOrderId, order.instrumentId, order.side,
                order.price, order.quantity, order.leaves()));
        }
        live.sort(Comparator.comparingLong(LiveOrder::orderId));
        return live;
    }

    record LiveOrder(
        long orderId, long owner, long clientOrderId, int instrumentId, Side side, long price, long quantity,
        long leaves)
    {
    }

    long lastOrderId()
    {
        return lastOrderId;
    }

    long lastSequence()
    {
        return lastSequence;
    }

    int liveOrderCount()
    {
        return allLiveOrders().size();
    }

    private static EngineDriver.RestingOrder resting(final ModelOrder order)
    {
        return new EngineDriver.RestingOrder(
            order.side, order.price, order.orderId, order.owner, order.clientOrderId, order.quantity, order.leaves());
    }
}

package dev.tessera.engine;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.codec.CancelOrderDecoder;
import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.EndOfDayDecoder;
import dev.tessera.engine.codec.MassCancelDecoder;
import dev.tessera.engine.codec.MessageHeaderDecoder;
import dev.tessera.engine.codec.NewOrderDecoder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.RejectReason;
import dev.tessera.engine.codec.ReplaceOrderDecoder;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The single-threaded matching engine: one SBE command in, its events out (in {@link #events()}).
 * It reads no clock and no random source; time and sequence come inside the command, so the same
 * command stream always yields byte-identical events. Every rejection is an event with a reason,
 * never an exception. Not thread-safe by design: exactly one thread drives it.
 */
public final class MatchingEngine
{
    /** {@link #onCommand} result for bytes that are not a command of this schema. */
    public static final int UNKNOWN_COMMAND = -1;
    public static final int DEFAULT_EXPECTED_ORDERS = 1 << 16;
    /**
     * The filled notional ({@link StateVisitor#onOrder}) of a partly filled order restored from a
     * state that did not carry it (a format-1 snapshot). Fills still add to it, so any negative
     * notional means unknown; the engine never reads it, it only keeps it for consumers (AvgPx).
     */
    public static final long UNKNOWN_FILLED_NOTIONAL = Long.MIN_VALUE;
    /** {@link #firstEntrySinceEndOfDay()} when no command came since the last all-instrument EndOfDay. */
    public static final long NO_ENTRY_SINCE_END_OF_DAY = 0;
    /**
     * {@link #firstEntrySinceEndOfDay()} of an engine restored from a state that did not carry it (a
     * snapshot of format 1 or 2), until its next all-instrument EndOfDay.
     */
    public static final long UNKNOWN_ENTRY_SINCE_END_OF_DAY = Long.MIN_VALUE;

    private static final int LEVELS_PER_ORDER_ESTIMATE = 8;

    /** The current command: the region of the caller's buffer it occupies, its bounds checked once. */
    private final PrecheckedBuffer command = new PrecheckedBuffer();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replaceOrder = new ReplaceOrderDecoder();
    private final MassCancelDecoder massCancel = new MassCancelDecoder();
    private final EndOfDayDecoder endOfDay = new EndOfDayDecoder();

    private final EventBuffer events = new EventBuffer();
    private final Int2ObjectHashMap<OrderBook> bookById = new Int2ObjectHashMap<>();
    /** The configured books and those of instruments left out ({@link #leftOutBook}), in instrument id order. */
    private OrderBook[] booksInIdOrder;
    /** The configured books, in instrument id order. */
    private final List<OrderBook> books;
    private final Pool<PriceLevel> levelPool;
    private final LiveOrders liveOrders;
    private final Pool<Order> orderPool;
    private final EventApplier applier;
    private final StateExporter exporter;
    private long lastOrderId;
    private long firstEntrySinceEndOfDay = NO_ENTRY_SINCE_END_OF_DAY;

    public MatchingEngine(final List<InstrumentConfig> instruments)
    {
        this(instruments, DEFAULT_EXPECTED_ORDERS);
    }

    /**
     * @param expectedOrders resting orders to pre-allocate for, so that reaching that depth allocates nothing.
     */
    public MatchingEngine(final List<InstrumentConfig> instruments, final int expectedOrders)
    {
        liveOrders = new LiveOrders(expectedOrders);
        orderPool = new Pool<>(Order::new, expectedOrders);
        levelPool = new Pool<>(PriceLevel::new, Math.max(64, expectedOrders / LEVELS_PER_ORDER_ESTIMATE));
        booksInIdOrder = new OrderBook[instruments.size()];
        int i = 0;
        for (final InstrumentConfig config : instruments)
        {
            final OrderBook book = new OrderBook(Instrument.from(config), levelPool, orderPool, liveOrders, events);
            if (bookById.put(config.id(), book) != null)
            {
                throw new IllegalArgumentException("instrument id " + config.id() + " configured twice");
            }
            booksInIdOrder[i++] = book;
        }
        Arrays.sort(booksInIdOrder, Comparator.comparingInt(book -> book.instrument().id()));
        books = List.of(booksInIdOrder);
        applier = new EventApplier(bookById, this::leftOutBook, liveOrders, orderPool, events);
        exporter = new StateExporter(liveOrders);
    }

    /**
     * Recovery: a new engine holding exactly the exported state (see {@link #restoreState}).
     *
     * @param source for instance a decoded snapshot, or {@code otherEngine::exportState}.
     */
    public static MatchingEngine restore(
        final List<InstrumentConfig> instruments, final int expectedOrders, final StateSource source)
    {
        final MatchingEngine engine = new MatchingEngine(instruments, expectedOrders);
        engine.restoreState(source);
        return engine;
    }

    /**
     * Processes one command.
     *
     * @return the number of events written to {@link #events()}, or {@link #UNKNOWN_COMMAND}.
     */
    public int onCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        events.begin(0);
        // The command's bounds are checked here, once and completely, so that its decoders read
        // without a check per field: the command lies inside the buffer, and its block is at least as
        // long as its template's (a shorter one would have the decoder read past it).
        if (length < MessageHeaderDecoder.ENCODED_LENGTH || !command.wrapRegion(buffer, offset, length))
        {
            return UNKNOWN_COMMAND;
        }
        header.wrap(command, 0);
        final int blockLength = header.blockLength();
        final int version = header.version();
        final int templateId = header.templateId();
        if (header.schemaId() != NewOrderDecoder.SCHEMA_ID ||
            length < MessageHeaderDecoder.ENCODED_LENGTH + blockLength ||
            blockLength < templateBlockLength(templateId))
        {
            return UNKNOWN_COMMAND;
        }

        final int bodyOffset = MessageHeaderDecoder.ENCODED_LENGTH;
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                onNewOrder(newOrder.wrap(command, bodyOffset, blockLength, version));
                break;
            case CancelOrderDecoder.TEMPLATE_ID:
                onCancelOrder(cancelOrder.wrap(command, bodyOffset, blockLength, version));
                break;
            case ReplaceOrderDecoder.TEMPLATE_ID:
                onReplaceOrder(replaceOrder.wrap(command, bodyOffset, blockLength, version));
                break;
            case MassCancelDecoder.TEMPLATE_ID:
                onMassCancel(massCancel.wrap(command, bodyOffset, blockLength, version));
                break;
            case EndOfDayDecoder.TEMPLATE_ID:
                onEndOfDay(endOfDay.wrap(command, bodyOffset, blockLength, version));
                break;
            default:
                return UNKNOWN_COMMAND;
        }
        onTradingDayCommand(events.timestamp(),
            templateId == EndOfDayDecoder.TEMPLATE_ID && endOfDay.instrumentId() == 0);
        return events.eventCount();
    }

    /**
     * The block length a command of this template needs, or {@code Integer.MAX_VALUE} for no command.
     * Every command field is in version 1, so it is the template's block length; a field added in a
     * later version would make it depend on the acting version (the schema's rules say so, and
     * {@code PrecheckedBufferTest} fails until it does).
     */
    private static int templateBlockLength(final int templateId)
    {
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                return NewOrderDecoder.BLOCK_LENGTH;
            case CancelOrderDecoder.TEMPLATE_ID:
                return CancelOrderDecoder.BLOCK_LENGTH;
            case ReplaceOrderDecoder.TEMPLATE_ID:
                return ReplaceOrderDecoder.BLOCK_LENGTH;
            case MassCancelDecoder.TEMPLATE_ID:
                return MassCancelDecoder.BLOCK_LENGTH;
            case EndOfDayDecoder.TEMPLATE_ID:
                return EndOfDayDecoder.BLOCK_LENGTH;
            default:
                return Integer.MAX_VALUE;
        }
    }

    /**
     * Keeps {@link #firstEntrySinceEndOfDay}, on both the live and the replay path: an all-instrument
     * EndOfDay ends the trading day; any other command is an entry, and the first one after the end dates
     * the next day. A rejected command counts too: at worst it makes an EndOfDay due that finds nothing to
     * expire, and a rule about outcomes would have to be mirrored event by event. A day the engine does not
     * know the start of stays unknown until it ends.
     */
    private void onTradingDayCommand(final long timestamp, final boolean endsTradingDay)
    {
        if (endsTradingDay)
        {
            firstEntrySinceEndOfDay = NO_ENTRY_SINCE_END_OF_DAY;
        }
        else if (firstEntrySinceEndOfDay == NO_ENTRY_SINCE_END_OF_DAY)
        {
            firstEntrySinceEndOfDay = timestamp;
        }
    }

    private void onNewOrder(final NewOrderDecoder command)
    {
        events.begin(command.timestamp());
        final long owner = command.owner();
        final long clientOrderId = command.clientOrderId();
        final int instrumentId = command.instrumentId();
        final long price = command.price();
        final long quantity = command.quantity();
        final Side side = side(command.sideRaw());
        final OrderType orderType = orderType(command.orderTypeRaw());
        final TimeInForce timeInForce = timeInForce(command.timeInForceRaw());
        final short postOnlyRaw = command.postOnlyRaw();

        final OrderBook book = bookById.get(instrumentId);
        final RejectReason reason = book == null || !book.instrument().configured() ?
            RejectReason.UNKNOWN_INSTRUMENT :
            validateNewOrder(book, owner, clientOrderId, side, orderType, timeInForce, postOnlyRaw, price, quantity);
        if (reason != RejectReason.NULL_VAL)
        {
            events.orderRejected(owner, clientOrderId, instrumentId, side, price, quantity, reason);
            return;
        }

        final Order order = orderPool.acquire();
        order.init(
            ++lastOrderId,
            owner,
            clientOrderId,
            book,
            side,
            orderType,
            timeInForce,
            postOnlyRaw == 1,
            orderType == OrderType.MARKET ? 0 : price,
            quantity);
        events.orderAccepted(order);
        book.execute(order);
    }

    /** The first rule a new order breaks, in the documented order, or NULL_VAL when it passes. */
    private RejectReason validateNewOrder(
        final OrderBook book,
        final long owner,
        final long clientOrderId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final short postOnlyRaw,
        final long price,
        final long quantity)
    {
        if (side == Side.NULL_VAL || orderType == OrderType.NULL_VAL || timeInForce == TimeInForce.NULL_VAL ||
            postOnlyRaw > 1)
        {
            return RejectReason.INVALID_ORDER_ATTRIBUTES;
        }
        final RejectReason quantityReason = book.instrument().checkQuantity(quantity);
        if (quantityReason != RejectReason.NULL_VAL)
        {
            return quantityReason;
        }
        if (orderType == OrderType.LIMIT)
        {
            final RejectReason priceReason = book.instrument().checkLimitPrice(price);
            if (priceReason != RejectReason.NULL_VAL)
            {
                return priceReason;
            }
        }
        final boolean postOnly = postOnlyRaw == 1;
        if (postOnly && (orderType == OrderType.MARKET || timeInForce == TimeInForce.IOC || timeInForce == TimeInForce.FOK))
        {
            return RejectReason.INVALID_ORDER_ATTRIBUTES;
        }
        if (liveOrders.byClientOrderId(owner, clientOrderId) != null)
        {
            return RejectReason.DUPLICATE_CLIENT_ORDER_ID;
        }
        if (postOnly && book.wouldTake(side, price))
        {
            return RejectReason.POST_ONLY_WOULD_TAKE;
        }
        return RejectReason.NULL_VAL;
    }

    private void onCancelOrder(final CancelOrderDecoder command)
    {
        events.begin(command.timestamp());
        final long owner = command.owner();
        final long orderId = command.orderId();
        final long origClientOrderId = command.origClientOrderId();
        final Order order = find(owner, orderId, origClientOrderId);
        if (order == null)
        {
            events.cancelRejected(owner, orderId, origClientOrderId, command.clientOrderId(), RejectReason.UNKNOWN_ORDER);
        }
        else if (order.owner != owner)
        {
            events.cancelRejected(owner, orderId, origClientOrderId, command.clientOrderId(), RejectReason.NOT_ORDER_OWNER);
        }
        else
        {
            order.book.cancel(order, command.clientOrderId(), CancelReason.USER_REQUESTED);
        }
    }

    private void onReplaceOrder(final ReplaceOrderDecoder command)
    {
        events.begin(command.timestamp());
        final long owner = command.owner();
        final long orderId = command.orderId();
        final long origClientOrderId = command.origClientOrderId();
        final long clientOrderId = command.clientOrderId();
        final Order order = find(owner, orderId, origClientOrderId);
        // Looked up now, not when the rules reach the duplicate check, so that the cache misses of both
        // lookups overlap instead of adding up; only used when the order is found and is the owner's.
        final Order sameClientOrderId = liveOrders.byClientOrderId(owner, clientOrderId);

        final RejectReason reason;
        if (order == null)
        {
            reason = RejectReason.UNKNOWN_ORDER;
        }
        else if (order.owner != owner)
        {
            reason = RejectReason.NOT_ORDER_OWNER;
        }
        else
        {
            final OrderBook book = order.book;
            final long price = command.price() == ReplaceOrderDecoder.priceNullValue() ? order.price : command.price();
            final long quantity =
                command.quantity() == ReplaceOrderDecoder.quantityNullValue() ? order.quantity : command.quantity();
            reason = validateReplace(book, order, clientOrderId, sameClientOrderId, price, quantity);
            if (reason == RejectReason.NULL_VAL)
            {
                book.replace(order, clientOrderId, price, quantity);
                return;
            }
        }
        events.replaceRejected(owner, orderId, origClientOrderId, clientOrderId, reason);
    }

    private RejectReason validateReplace(
        final OrderBook book,
        final Order order,
        final long clientOrderId,
        final Order sameClientOrderId,
        final long price,
        final long quantity)
    {
        if (!book.instrument().configured())
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        final RejectReason quantityReason = book.instrument().checkQuantity(quantity);
        if (quantityReason != RejectReason.NULL_VAL)
        {
            return quantityReason;
        }
        final RejectReason priceReason = book.instrument().checkLimitPrice(price);
        if (priceReason != RejectReason.NULL_VAL)
        {
            return priceReason;
        }
        if (clientOrderId != order.clientOrderId && sameClientOrderId != null)
        {
            return RejectReason.DUPLICATE_CLIENT_ORDER_ID;
        }
        if (order.postOnly && price != order.price && book.wouldTake(order.side(), price))
        {
            return RejectReason.POST_ONLY_WOULD_TAKE;
        }
        return RejectReason.NULL_VAL;
    }

    private void onMassCancel(final MassCancelDecoder command)
    {
        events.begin(command.timestamp());
        final long owner = command.owner();
        final long clientOrderId = command.clientOrderId();
        final int instrumentId = command.instrumentId();
        if (instrumentId != 0 && configuredBook(instrumentId) == null)
        {
            events.cancelRejected(owner, 0, 0, clientOrderId, RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }

        int cancelled = 0;
        Order order = liveOrders.firstOf(owner);
        while (order != null)
        {
            final Order next = order.ownerNext;
            if (instrumentId == 0 || order.instrumentId() == instrumentId)
            {
                order.book.cancel(order, clientOrderId, CancelReason.MASS_CANCEL);
                cancelled++;
            }
            order = next;
        }
        events.massCancelCompleted(owner, clientOrderId, instrumentId, cancelled);
    }

    /**
     * Every resting DAY order of the instrument (all instruments when 0) gets OrderCancelled(EXPIRED),
     * books in instrument id order, each book in its L3 order (bids best to worst, then asks best to
     * worst, oldest first within a level); then EndOfDayCompleted. An unknown instrument is rejected
     * as a mass cancel's is, with no owner (the exchange sent it). Visits every resting order: it runs
     * once a day, not on the order path.
     */
    private void onEndOfDay(final EndOfDayDecoder command)
    {
        events.begin(command.timestamp());
        final int instrumentId = command.instrumentId();
        if (instrumentId != 0)
        {
            final OrderBook book = configuredBook(instrumentId);
            if (book == null)
            {
                events.cancelRejected(0, 0, 0, 0, RejectReason.UNKNOWN_INSTRUMENT);
                return;
            }
            events.endOfDayCompleted(instrumentId, book.expireDayOrders());
            return;
        }
        int expired = 0;
        for (final OrderBook book : booksInIdOrder)
        {
            expired += book.expireDayOrders();
        }
        events.endOfDayCompleted(0, expired);
    }

    /** The book of a configured instrument, or null. */
    private OrderBook configuredBook(final int instrumentId)
    {
        final OrderBook book = bookById.get(instrumentId);
        return book != null && book.instrument().configured() ? book : null;
    }

    /**
     * The book of an instrument the configuration leaves out, made when history (a journal record, a snapshot's order)
     * names one, so that the history applies as it was written. Nothing trades on it: new orders, replaces, mass cancels
     * and end-of-day commands naming it are rejected as for an unknown instrument. Its orders can still be cancelled,
     * and the all-instrument commands reach them; at start-up recovery refuses a configuration that leaves out an
     * instrument with resting orders, so a running engine never holds any.
     */
    private OrderBook leftOutBook(final int instrumentId)
    {
        final OrderBook book = new OrderBook(Instrument.leftOut(instrumentId), levelPool, orderPool, liveOrders, events);
        bookById.put(instrumentId, book);
        final OrderBook[] all = Arrays.copyOf(booksInIdOrder, booksInIdOrder.length + 1);
        all[all.length - 1] = book;
        Arrays.sort(all, Comparator.comparingInt(b -> b.instrument().id()));
        booksInIdOrder = all;
        return book;
    }

    /** By engine order id when given (non-zero), otherwise by the owner's client order id. */
    private Order find(final long owner, final long orderId, final long origClientOrderId)
    {
        return orderId != 0 ? liveOrders.byOrderId(orderId) : liveOrders.byClientOrderId(owner, origClientOrderId);
    }

    // ------------------------------------------------------------------ state

    /** The events of the last command. */
    public EventBuffer events()
    {
        return events;
    }

    /** The book of a configured instrument, or null. */
    public OrderBook book(final int instrumentId)
    {
        return configuredBook(instrumentId);
    }

    /** Every configured book, in instrument id order. */
    public List<OrderBook> books()
    {
        return books;
    }

    /**
     * The books of instruments the configuration leaves out that the applied history or restored state had orders
     * of, in instrument id order; a book here may be empty by now.
     */
    public List<OrderBook> booksLeftOut()
    {
        final List<OrderBook> leftOut = new ArrayList<>();
        for (final OrderBook book : booksInIdOrder)
        {
            if (!book.instrument().configured())
            {
                leftOut.add(book);
            }
        }
        return leftOut;
    }

    public long lastOrderId()
    {
        return lastOrderId;
    }

    public long lastEventSequence()
    {
        return events.lastSequence();
    }

    public int liveOrderCount()
    {
        return liveOrders.size();
    }

    /**
     * Entry time (epoch nanoseconds, as stamped on the command) of the first command since the last
     * all-instrument EndOfDay: the trading day that is still to end began then. The engine never reads a
     * clock; whoever enters EndOfDay decides from this which day end is due.
     *
     * @return the entry time; {@link #NO_ENTRY_SINCE_END_OF_DAY} when no command came since (or ever);
     *         {@link #UNKNOWN_ENTRY_SINCE_END_OF_DAY} when restored from a state that did not carry it
     *         and no all-instrument EndOfDay has run since.
     */
    public long firstEntrySinceEndOfDay()
    {
        return firstEntrySinceEndOfDay;
    }

    /**
     * A deterministic 64-bit hash of every book that has resting orders (every order in priority order, its filled
     * notional included when known) and the id counters. Entry times are not in it, so not
     * {@link #firstEntrySinceEndOfDay()} either: the same commands entered at other times give the same
     * hash (the demo prints it, the same on every run). Empty books are not in it either, so it is a function of the
     * state alone, not of which instruments are configured: a snapshot still verifies after an instrument is added
     * to the configuration or left out of it.
     */
    public long stateHash()
    {
        return stateHash(false);
    }

    /**
     * The state hash of builds before {@link #stateHash()} left empty books out: every book of this engine, empty or
     * not. A snapshot such a build wrote verifies against it when the configured instruments have not changed since.
     */
    public long stateHashWithEmptyBooks()
    {
        return stateHash(true);
    }

    private long stateHash(final boolean withEmptyBooks)
    {
        long hash = StateHash.SEED;
        for (final OrderBook book : booksInIdOrder)
        {
            if (withEmptyBooks || book.levelCount(Side.BUY) != 0 || book.levelCount(Side.SELL) != 0)
            {
                hash = book.hash(hash);
            }
        }
        hash = StateHash.mix(hash, lastOrderId);
        return StateHash.mix(hash, events.lastSequence());
    }

    // ------------------------------------------------------------------ rebuilding state

    /**
     * Recovery by events: applies the events ONE command produced (the bytes of another engine's
     * {@link #events()} after one {@link #onCommand}) and so reaches the state that engine reached,
     * without matching: books, time priority, live-order indexes, owners' lists, counters. Allocation
     * free in steady state. {@link #events()} is left empty.
     *
     * @throws IllegalStateException    when the first event is not the next in sequence (a gap or a
     *                                  replay), before anything changes; or when the events do not fit
     *                                  this state, after which the engine must be discarded.
     * @throws IllegalArgumentException when the bytes are not engine events.
     */
    public void apply(final DirectBuffer buffer, final int offset, final int length)
    {
        apply(buffer, offset, length, EventApplier.NO_LISTENER);
    }

    /**
     * As {@link #apply(DirectBuffer, int, int)}, handing each event to {@code listener} once it is applied: a
     * projection kept beside the replica (the gateway's reports and market data) reads the events in the same decode
     * instead of decoding them again. Nothing is handed on when the sequence check fails; after a later failure the
     * listener has had the events before the one that failed.
     */
    public void apply(final DirectBuffer buffer, final int offset, final int length, final EventListener listener)
    {
        events.begin(0);
        lastOrderId = applier.apply(buffer, offset, length, lastOrderId, listener);
        // Every command the engine knows writes at least one event, each stamped with the command's time; bytes
        // that were no command wrote none and did not count on the live engine either.
        if (applier.eventCount() > 0)
        {
            onTradingDayCommand(applier.commandTimestamp(), applier.endedTradingDay());
        }
    }

    /**
     * The complete state, for a snapshot, in the deterministic order {@link StateVisitor} describes.
     * Call between commands; {@link #restoreState} rebuilds it exactly.
     */
    public void exportState(final StateVisitor visitor)
    {
        exporter.export(booksInIdOrder, lastOrderId, events.lastSequence(), firstEntrySinceEndOfDay, visitor);
    }

    /**
     * Rebuilds exported state into this engine, which must be fresh (no order, no event yet). Orders of an
     * instrument the configuration leaves out go to a book of their own ({@link #booksLeftOut()}).
     *
     * @throws IllegalStateException    when the engine is not fresh.
     * @throws IllegalArgumentException when the state is inconsistent; the engine must then be discarded.
     */
    public void restoreState(final StateSource source)
    {
        if (lastOrderId != 0 || events.lastSequence() != 0 || liveOrders.size() != 0 || !booksEmpty())
        {
            throw new IllegalStateException("state can only be restored into a fresh engine, this one has lastOrderId=" +
                lastOrderId + ", lastEventSequence=" + events.lastSequence() + ", liveOrders=" + liveOrders.size());
        }
        final StateRestorer restorer = new StateRestorer(bookById, this::leftOutBook, liveOrders, orderPool);
        source.readInto(restorer);
        restorer.finish();
        lastOrderId = restorer.lastOrderId();
        events.lastSequence(restorer.lastEventSequence());
        firstEntrySinceEndOfDay = restorer.firstEntrySinceEndOfDay();
    }

    private boolean booksEmpty()
    {
        for (final OrderBook book : booksInIdOrder)
        {
            if (book.levelCount(Side.BUY) != 0 || book.levelCount(Side.SELL) != 0)
            {
                return false;
            }
        }
        return true;
    }

    // SBE's enum get() throws on unknown values; bad input must become a reject, not an exception.

    private static Side side(final short raw)
    {
        return raw == 1 ? Side.BUY : raw == 2 ? Side.SELL : Side.NULL_VAL;
    }

    private static OrderType orderType(final short raw)
    {
        return raw == 1 ? OrderType.MARKET : raw == 2 ? OrderType.LIMIT : OrderType.NULL_VAL;
    }

    private static TimeInForce timeInForce(final short raw)
    {
        switch (raw)
        {
            case 0:
                return TimeInForce.DAY;
            case 1:
                return TimeInForce.GTC;
            case 3:
                return TimeInForce.IOC;
            case 4:
                return TimeInForce.FOK;
            default:
                return TimeInForce.NULL_VAL;
        }
    }
}

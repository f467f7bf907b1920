package dev.tessera.lobster;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.ClientOrderIds;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.EventAdapter;
import dev.tessera.engine.EventBuffer;
import dev.tessera.engine.EventListener;
import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.OrderCancelledDecoder;
import dev.tessera.engine.codec.OrderRejectedDecoder;
import dev.tessera.engine.codec.OrderReplacedDecoder;
import dev.tessera.engine.codec.RejectReason;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.engine.codec.TradeDecoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Turns LOBSTER messages into engine commands for one instrument, the way a matching engine would
 * have seen the order flow:
 * <ul>
 *   <li>type 1 (submission): a GTC limit order of {@link #PASSIVE_OWNER}, clientOrderId = LOBSTER order id;</li>
 *   <li>type 2 (partial cancel): a replace to the smaller total quantity (same price, so time priority is kept);</li>
 *   <li>type 3 (delete): a cancel;</li>
 *   <li>type 4 (visible execution, which names the <em>resting</em> order): an IOC limit order of
 *       {@link #AGGRESSOR_OWNER} on the other side at that price and size, which hits the book;</li>
 *   <li>types 5 (hidden execution), 6 (cross) and 7 (halt): counted, no command: they do not change the
 *       visible book, and the engine has no halt state (no execution happens during a halt).</li>
 * </ul>
 * Orders that rested before the file starts have no type-1 row. {@link #seed} enters the book the
 * file starts from (orderbook row 0 with message 0 taken back) as one {@link #SEED_OWNER} order per
 * level, oldest of all; later cancels and deletes of unknown orders at a seeded level reduce that
 * level's seed. Cancels and deletes of unknown orders at a level no seed order holds (deeper than the
 * file's levels, or its seed already gone) are counted in {@link #unknownOrderMessages()} and left
 * out; executions of such orders still become IOC orders (the trade happened; the aggressor takes what
 * the engine's book holds at that price) and are counted in {@link #unseenExecutions()}.
 * <p>
 * What the seed owner's orders hold is the engine's business: an aggressor may fill a seed order
 * rather than the order the message names, and re-alignment ({@link BookResync}) cancels and replaces
 * seed orders. So the import follows them by the engine's events ({@link #onEvents}, after every command
 * it gave) and never cancels or replaces a seed order the engine no longer holds. Prices are converted
 * exactly to the instrument's scale; a price that would need rounding is an error.
 * <p>
 * Re-alignment's cancels and replaces (of any owner's orders) carry a ClOrdID of their own,
 * {@code R1}, {@code R2} ... ({@link #REALIGNMENT_PREFIX} and a count), which no LOBSTER order id or seed
 * number (both plain numbers) can be: the journal tells them from the file's own deletes and partial cancels,
 * whose requests carry the LOBSTER order id (a seed order's: its number). A replace gives the order the
 * request's ClOrdID, so the import targets each order by the ClOrdID it holds now, and the file's next
 * request of it gives it back its own.
 */
public final class LobsterImport
{
    /** Owner of every submitted (resting) order. */
    public static final long PASSIVE_OWNER = 1;
    /** Owner of the aggressing orders that stand for executions; it never rests, so it never self-trades. */
    public static final long AGGRESSOR_OWNER = 2;
    /** Owner of the seed orders: the book before the file starts. */
    public static final long SEED_OWNER = 3;
    /** LOBSTER prices are dollars times 10^4. */
    public static final int LOBSTER_PRICE_SCALE = 4;
    /** The ClOrdID of a re-alignment cancel or replace: this letter and the command's count, {@code R1}, {@code R2} ... */
    public static final String REALIGNMENT_PREFIX = "R";
    /** The most re-alignment cancels and replaces a run can name: "R" and nine digits fill a packed ClOrdID. */
    static final long MAX_REALIGNMENT_REQUESTS = 999_999_999L;

    private final int instrumentId;
    private final long midnightEpochNanos;
    private final long priceMultiplier;
    private final long priceDivisor;
    private final CommandEncoder encoder = new CommandEncoder();
    private final CommandQueue queue = new CommandQueue();
    private final Long2ObjectHashMap<Resting> orders = new Long2ObjectHashMap<>();
    /** The seed owner's live orders by client order id, as the engine's events tell them. */
    private final Long2ObjectHashMap<Resting> seeds = new Long2ObjectHashMap<>();
    /** Per level (see {@link #levelKey}), the seed order messages about unknown orders reduce: the level's oldest. */
    private final Long2ObjectHashMap<Resting> seedLevels = new Long2ObjectHashMap<>();
    /**
     * Orders a re-alignment replace gave a ClOrdID of its own, by that ClOrdID (kept for the run: events of commands
     * queued before the file's next request of the order may still name it).
     */
    private final Long2ObjectHashMap<Resting> realigned = new Long2ObjectHashMap<>();
    private final EventAdapter eventAdapter = new EventAdapter();
    private final EventListener engineEvents = new EngineEvents();
    private final long[] messagesByType = new long[8];
    private long sequence;
    private long aggressorIds;
    /** Client order ids of the seed owner's orders: the seed's, then re-alignment's ({@link #resyncAdd}). */
    private long seedIds;
    private long realignmentRequests;
    private long seedOrders;
    private long unknownOrderMessages;
    private long unseenExecutions;
    private long untradedExecutions;
    private long untradedShares;
    private long rejectedExecutions;
    private long rejectedExecutionShares;
    private final long[] rejectedExecutionsByReason = new long[RejectReason.values().length];

    /**
     * @param instrument         the instrument the file is for (its id and price scale).
     * @param midnightEpochNanos midnight of the trading day (see {@link LobsterTime#midnightEpochNanos}).
     */
    public LobsterImport(final InstrumentConfig instrument, final long midnightEpochNanos)
    {
        this.instrumentId = instrument.id();
        this.midnightEpochNanos = midnightEpochNanos;
        final int shift = instrument.priceScale() - LOBSTER_PRICE_SCALE;
        this.priceMultiplier = shift >= 0 ? pow10(shift) : 1;
        this.priceDivisor = shift < 0 ? pow10(-shift) : 1;
    }

    /** Enters the book as it stood before the first message: one seed order per level, best level first. */
    public void seed(final LobsterBookRow bookBeforeFirstMessage, final long firstMessageTimeNanos)
    {
        for (final int direction : new int[] {LobsterMessage.BUY, LobsterMessage.SELL})
        {
            for (int level = 0; level < bookBeforeFirstMessage.levels(direction); level++)
            {
                final long price = bookBeforeFirstMessage.price(direction, level);
                final long size = bookBeforeFirstMessage.size(direction, level);
                final long clientOrderId = ++seedIds;
                seedOrders++;
                newOrder(firstMessageTimeNanos, SEED_OWNER, clientOrderId, side(direction), TimeInForce.GTC, price, size, 0);
                trackSeed(clientOrderId, size, levelKey(direction, price));
            }
        }
    }

    /** Appends the commands for one message (none for some) to {@link #take}'s queue. */
    public void translate(final LobsterMessage message)
    {
        final int type = message.type();
        messagesByType[type >= 0 && type < messagesByType.length ? type : 0]++;
        switch (type)
        {
            case LobsterMessage.NEW_ORDER -> submit(message);
            case LobsterMessage.PARTIAL_CANCEL -> reduce(message, false);
            case LobsterMessage.DELETE -> reduce(message, true);
            case LobsterMessage.VISIBLE_EXECUTION -> execute(message);
            default ->
            {
                // hidden executions, crosses and halts: no change to the visible book
            }
        }
    }

    private void submit(final LobsterMessage message)
    {
        if (orders.containsKey(message.orderId()))
        {
            throw new IllegalArgumentException("line " + message.lineNumber() + ": order " + message.orderId() +
                " submitted twice");
        }
        newOrder(message.timeNanos(), PASSIVE_OWNER, message.orderId(), side(message.direction()), TimeInForce.GTC,
            message.price(), message.size(), message.lineNumber());
        orders.put(message.orderId(), new Resting(message.orderId(), message.size()));
    }

    private void reduce(final LobsterMessage message, final boolean delete)
    {
        Resting order = orders.get(message.orderId());
        long owner = PASSIVE_OWNER;
        if (order == null)
        {
            order = seedAt(levelKey(message.direction(), message.price()));
            owner = SEED_OWNER;
            if (order == null)
            {
                unknownOrderMessages++;
                return;
            }
        }
        final long reduceBy = owner == PASSIVE_OWNER && delete ? order.leaves : Math.min(message.size(), order.leaves);
        order.leaves -= reduceBy;
        order.total -= reduceBy;
        final long timestamp = midnightEpochNanos + message.timeNanos();
        final MutableDirectBuffer buffer = queue.buffer();
        final int offset = queue.appendOffset();
        // the request carries the order's own id; a re-alignment replace may have given the order another ClOrdID
        if (order.leaves <= 0)
        {
            queue.added(encoder.cancelOrder(buffer, offset, ++sequence, timestamp, owner, 0,
                order.clientOrderId, order.id));
            if (owner == PASSIVE_OWNER)
            {
                orders.remove(message.orderId());
            }
            else
            {
                forgetSeed(order);
            }
        }
        else
        {
            queue.added(encoder.replaceOrder(buffer, offset, ++sequence, timestamp, owner, 0,
                order.clientOrderId, order.id, CommandEncoder.UNCHANGED, order.total));
            order.clientOrderId = order.id;
        }
    }

    private void execute(final LobsterMessage message)
    {
        final Resting order = orders.get(message.orderId());
        if (order != null)
        {
            order.leaves -= message.size();
            if (order.leaves <= 0)
            {
                orders.remove(message.orderId());
            }
        }
        else if (seedAt(levelKey(message.direction(), message.price())) == null)
        {
            unseenExecutions++;
        }
        // a seed order's fills are not guessed here: the aggressor may fill another order of the level
        // than the message names, and the engine's trade events (onEvents) tell which
        // the aggressor trades whatever the engine's book holds at that price: the executed order if the
        // book agrees with NASDAQ's, else what is there (the comparison shows it)
        newOrder(message.timeNanos(), AGGRESSOR_OWNER, ++aggressorIds, side(-message.direction()), TimeInForce.IOC,
            message.price(), message.size(), message.lineNumber());
    }

    private void newOrder(
        final long timeNanos, final long owner, final long clientOrderId, final Side side, final TimeInForce timeInForce,
        final long lobsterPrice, final long size, final long lineNumber)
    {
        final MutableDirectBuffer buffer = queue.buffer();
        final int offset = queue.appendOffset();
        queue.added(encoder.newOrder(buffer, offset, ++sequence, midnightEpochNanos + timeNanos, owner,
            instrumentId, clientOrderId, side, OrderType.LIMIT, timeInForce, false, price(lobsterPrice, lineNumber), size));
    }

    /** LOBSTER price to the instrument's fixed point, exactly. */
    long price(final long lobsterPrice, final long lineNumber)
    {
        if (lobsterPrice % priceDivisor != 0)
        {
            throw new IllegalArgumentException("line " + lineNumber + ": price " + lobsterPrice +
                " (dollars x 10^4) has more decimals than the instrument's price scale; it is not rounded");
        }
        return Math.multiplyExact(lobsterPrice / priceDivisor, priceMultiplier);
    }

    /** Resync: a seed order for quantity the engine's level lacks (engine price). */
    void resyncAdd(final Side side, final long enginePrice, final long quantity, final long timeNanos)
    {
        final long clientOrderId = ++seedIds;
        final MutableDirectBuffer buffer = queue.buffer();
        final int offset = queue.appendOffset();
        queue.added(encoder.newOrder(buffer, offset, ++sequence, midnightEpochNanos + timeNanos, SEED_OWNER,
            instrumentId, clientOrderId, side, OrderType.LIMIT, TimeInForce.GTC, false, enginePrice, quantity));
        final int direction = side == Side.BUY ? LobsterMessage.BUY : LobsterMessage.SELL;
        trackSeed(clientOrderId, quantity, levelKey(direction, lobsterPrice(enginePrice)));
    }

    /**
     * Resync: takes {@code take} off a resting order (cancelled when that is all of it), keeping the tracking true.
     * The request names the order by its engine id and carries a re-alignment ClOrdID ({@link #REALIGNMENT_PREFIX}).
     *
     * @param clientOrderId the ClOrdID the order holds in the engine now.
     */
    void resyncReduce(
        final long owner, final long orderId, final long clientOrderId, final long total, final long leaves,
        final long take, final long timeNanos)
    {
        final long requestClientOrderId = nextRealignmentClientOrderId();
        final MutableDirectBuffer buffer = queue.buffer();
        final int offset = queue.appendOffset();
        final long timestamp = midnightEpochNanos + timeNanos;
        final Resting tracked = owner == PASSIVE_OWNER ? live(orders, clientOrderId) :
            owner == SEED_OWNER ? live(seeds, clientOrderId) : null;
        if (take >= leaves)
        {
            queue.added(encoder.cancelOrder(buffer, offset, ++sequence, timestamp, owner, orderId, 0,
                requestClientOrderId));
            if (tracked != null && owner == PASSIVE_OWNER)
            {
                orders.remove(tracked.id);
            }
            else if (tracked != null)
            {
                forgetSeed(tracked);
            }
        }
        else
        {
            queue.added(encoder.replaceOrder(buffer, offset, ++sequence, timestamp, owner, orderId, 0,
                requestClientOrderId, CommandEncoder.UNCHANGED, total - take));
            if (tracked != null)
            {
                tracked.total = total - take;
                tracked.leaves = leaves - take;
                tracked.clientOrderId = requestClientOrderId;
                realigned.put(requestClientOrderId, tracked);
            }
        }
    }

    /**
     * The events the engine produced for the last command {@link #take} gave: the seed owner's fills, cancels
     * and replaces, so that no later command names a seed order the engine no longer holds; and the remainders of
     * the aggressors standing for executions, which found less to trade against than LOBSTER executed.
     */
    public void onEvents(final EventBuffer events)
    {
        if (events.length() > 0)
        {
            eventAdapter.read(events.buffer(), 0, events.length(), engineEvents);
        }
    }

    /** {@code R} and the count of re-alignment requests so far, as the engine's client order id. */
    private long nextRealignmentClientOrderId()
    {
        if (realignmentRequests == MAX_REALIGNMENT_REQUESTS)
        {
            throw new IllegalStateException("more than " + MAX_REALIGNMENT_REQUESTS + " re-alignment cancels and " +
                "replaces: their ClOrdIDs (" + REALIGNMENT_PREFIX + " and a count) would not fit");
        }
        return ClientOrderIds.encode(REALIGNMENT_PREFIX + ++realignmentRequests);
    }

    /**
     * The tracked order of {@code tracked} (the import's submitted orders, or its seed orders) that holds, or held
     * while a command naming it was queued, the ClOrdID {@code clientOrderId}; null when none is live there.
     */
    private Resting live(final Long2ObjectHashMap<Resting> tracked, final long clientOrderId)
    {
        final Resting order = realigned.get(clientOrderId);
        if (order != null)
        {
            return tracked.get(order.id) == order ? order : null;
        }
        return tracked.get(clientOrderId);
    }

    private void trackSeed(final long clientOrderId, final long quantity, final long levelKey)
    {
        final Resting seed = new Resting(clientOrderId, quantity, levelKey);
        seeds.put(clientOrderId, seed);
        if (!seedLevels.containsKey(levelKey))
        {
            seedLevels.put(levelKey, seed);
        }
    }

    /** The level's oldest seed order the engine still holds, or null. */
    private Resting seedAt(final long levelKey)
    {
        return seedLevels.get(levelKey);
    }

    /** The seed order is gone (cancelled or filled): a younger seed order of its level, if any, takes its place. */
    private void forgetSeed(final Resting seed)
    {
        seeds.remove(seed.id);
        if (seedLevels.get(seed.levelKey) != seed)
        {
            return;
        }
        seedLevels.remove(seed.levelKey);
        Resting next = null;
        for (final Resting other : seeds.values())
        {
            // seed numbers grow with time: the smallest is the oldest, first in the level's queue
            if (other.levelKey == seed.levelKey && (next == null || other.id < next.id))
            {
                next = other;
            }
        }
        if (next != null)
        {
            seedLevels.put(seed.levelKey, next);
        }
    }

    private void seedLeaves(final long clientOrderId, final long leaves)
    {
        final Resting seed = live(seeds, clientOrderId);
        if (seed == null)
        {
            return;
        }
        if (leaves <= 0)
        {
            forgetSeed(seed);
        }
        else
        {
            seed.leaves = leaves;
        }
    }

    /** An engine price back in LOBSTER's units (dollars times 10^4), for reports. */
    long lobsterPrice(final long enginePrice)
    {
        return enginePrice / priceMultiplier * priceDivisor;
    }

    /** True when commands are waiting. */
    public boolean hasCommands()
    {
        return !queue.isEmpty();
    }

    /** Copies the oldest waiting command into {@code target} at offset 0; returns its length. */
    public int take(final MutableDirectBuffer target)
    {
        return queue.take(target);
    }

    /** Commands made so far (the last command sequence). */
    public long commands()
    {
        return sequence;
    }

    public long messages(final int type)
    {
        return type >= 0 && type < messagesByType.length ? messagesByType[type] : 0;
    }

    /** Orders of the book before the first message ({@link #seed}); re-alignment's are not among them. */
    public long seedOrders()
    {
        return seedOrders;
    }

    /** Partial cancels and deletes of orders from before the file that no seed order covered: left out. */
    public long unknownOrderMessages()
    {
        return unknownOrderMessages;
    }

    /** Executions of orders from before the file that no seed order covered: sent as IOC orders all the same. */
    public long unseenExecutions()
    {
        return unseenExecutions;
    }

    /**
     * Visible executions whose IOC order found less to trade against in the engine's book than LOBSTER executed
     * (nothing at all, or part): the rest was cancelled as an IOC remainder, and the engine's volume is short of
     * the file's by {@link #untradedShares()}.
     */
    public long untradedExecutions()
    {
        return untradedExecutions;
    }

    /** The shares of {@link #untradedExecutions()} that did not trade. */
    public long untradedShares()
    {
        return untradedShares;
    }

    /**
     * Visible executions whose IOC order the engine rejected (a what-if tick or band, say): none of their shares traded
     * either (QA 107: left out of the untraded line, they made the volume's shortfall look unexplained).
     */
    public long rejectedExecutions()
    {
        return rejectedExecutions;
    }

    /** The shares of {@link #rejectedExecutions()}. */
    public long rejectedExecutionShares()
    {
        return rejectedExecutionShares;
    }

    /** The reason most of {@link #rejectedExecutions()} were rejected for. */
    public RejectReason mostFrequentExecutionReject()
    {
        int most = 0;
        for (int i = 1; i < rejectedExecutionsByReason.length; i++)
        {
            most = rejectedExecutionsByReason[i] > rejectedExecutionsByReason[most] ? i : most;
        }
        return RejectReason.values()[most];
    }

    /** Orders submitted in the file still resting, as the messages tell it. */
    public int restingOrders()
    {
        return orders.size();
    }

    private static Side side(final int direction)
    {
        return direction == LobsterMessage.BUY ? Side.BUY : Side.SELL;
    }

    private static long levelKey(final int direction, final long price)
    {
        return direction == LobsterMessage.BUY ? price : -price;
    }

    private static long pow10(final int exponent)
    {
        long value = 1;
        for (int i = 0; i < exponent; i++)
        {
            value *= 10;
        }
        return value;
    }

    /**
     * What the import knows of an order (or a seed order): its id, the ClOrdID it holds in the engine, its total as the
     * engine sees it and its leaves.
     */
    private static final class Resting
    {
        /** The LOBSTER order id (a seed order's number): the ClOrdID it was entered with, and the file's requests carry. */
        final long id;
        /** Its ClOrdID in the engine: {@link #id}, or the re-alignment ClOrdID a re-alignment replace gave it. */
        long clientOrderId;
        /** A seed order's level ({@link #levelKey}); 0 for a submitted order. */
        final long levelKey;
        long total;
        long leaves;

        Resting(final long id, final long size)
        {
            this(id, size, 0);
        }

        Resting(final long id, final long size, final long levelKey)
        {
            this.id = id;
            this.clientOrderId = id;
            this.levelKey = levelKey;
            this.total = size;
            this.leaves = size;
        }
    }

    /** Follows the seed owner's orders as the engine reports them, and counts what the executions left untraded. */
    private final class EngineEvents implements EventListener
    {
        @Override
        public void onTrade(final TradeDecoder event)
        {
            if (event.makerOwner() == SEED_OWNER)
            {
                seedLeaves(event.makerClientOrderId(), event.makerLeavesQuantity());
            }
            if (event.takerOwner() == SEED_OWNER)
            {
                seedLeaves(event.takerClientOrderId(), event.takerLeavesQuantity());
            }
        }

        @Override
        public void onOrderCancelled(final OrderCancelledDecoder event)
        {
            if (event.owner() == SEED_OWNER)
            {
                seedLeaves(event.clientOrderId(), 0);
            }
            else if (event.owner() == AGGRESSOR_OWNER && event.reason() == CancelReason.IOC_REMAINDER)
            {
                untradedExecutions++;
                untradedShares += event.cancelledQuantity();
            }
        }

        @Override
        public void onOrderRejected(final OrderRejectedDecoder event)
        {
            if (event.owner() == AGGRESSOR_OWNER)
            {
                rejectedExecutions++;
                rejectedExecutionShares += event.quantity();
                rejectedExecutionsByReason[event.reason().ordinal()]++;
            }
        }

        @Override
        public void onOrderReplaced(final OrderReplacedDecoder event)
        {
            final Resting seed = event.owner() == SEED_OWNER ? live(seeds, event.origClientOrderId()) : null;
            if (seed != null)
            {
                seed.total = event.quantity();
                seedLeaves(event.origClientOrderId(), event.leavesQuantity());
            }
        }
    }
}

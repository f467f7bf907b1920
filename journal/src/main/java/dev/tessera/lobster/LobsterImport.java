package dev.tessera.lobster;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
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
 * level, oldest of all; later messages about unknown orders at a seeded level reduce that level's
 * seed. Unknown orders at a level that was not seeded (deeper than the file's levels) are counted in
 * {@link #unknownOrderMessages()} and left out. Prices are converted exactly to the instrument's
 * scale; a price that would need rounding is an error.
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

    private final int instrumentId;
    private final long midnightEpochNanos;
    private final long priceMultiplier;
    private final long priceDivisor;
    private final CommandEncoder encoder = new CommandEncoder();
    private final CommandQueue queue = new CommandQueue();
    private final Long2ObjectHashMap<Resting> orders = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<Resting> seeds = new Long2ObjectHashMap<>();
    private final long[] messagesByType = new long[8];
    private long sequence;
    private long aggressorIds;
    /** Client order ids of the seed owner's orders: the seed's, then re-alignment's ({@link #resyncAdd}). */
    private long seedIds;
    private long seedOrders;
    private long unknownOrderMessages;

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
                seeds.put(levelKey(direction, price), new Resting(clientOrderId, size));
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
            order = seeds.get(levelKey(message.direction(), message.price()));
            owner = SEED_OWNER;
            if (order == null || order.leaves == 0)
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
        if (order.leaves <= 0)
        {
            queue.added(encoder.cancelOrder(buffer, offset, ++sequence, timestamp, owner, 0,
                order.clientOrderId, order.clientOrderId));
            if (owner == PASSIVE_OWNER)
            {
                orders.remove(message.orderId());
            }
        }
        else
        {
            queue.added(encoder.replaceOrder(buffer, offset, ++sequence, timestamp, owner, 0,
                order.clientOrderId, order.clientOrderId, CommandEncoder.UNCHANGED, order.total));
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
        else
        {
            final Resting seed = seeds.get(levelKey(message.direction(), message.price()));
            if (seed != null && seed.leaves > 0)
            {
                seed.leaves -= Math.min(seed.leaves, message.size());
            }
            else
            {
                unknownOrderMessages++;
            }
        }
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
        final long key = levelKey(direction, lobsterPrice(enginePrice));
        final Resting seed = seeds.get(key);
        if (seed == null || seed.leaves == 0)
        {
            seeds.put(key, new Resting(clientOrderId, quantity));
        }
    }

    /** Resync: takes {@code take} off a resting order (cancelled when that is all of it), keeping the tracking true. */
    void resyncReduce(
        final long owner, final long orderId, final long clientOrderId, final long total, final long leaves,
        final long take, final long timeNanos)
    {
        final MutableDirectBuffer buffer = queue.buffer();
        final int offset = queue.appendOffset();
        final long timestamp = midnightEpochNanos + timeNanos;
        final Resting tracked = owner == PASSIVE_OWNER ? orders.get(clientOrderId) : null;
        if (take >= leaves)
        {
            queue.added(encoder.cancelOrder(buffer, offset, ++sequence, timestamp, owner, orderId, 0, clientOrderId));
            if (tracked != null)
            {
                orders.remove(clientOrderId);
            }
        }
        else
        {
            queue.added(encoder.replaceOrder(buffer, offset, ++sequence, timestamp, owner, orderId, 0, clientOrderId,
                CommandEncoder.UNCHANGED, total - take));
            if (tracked != null)
            {
                tracked.total = total - take;
                tracked.leaves = leaves - take;
            }
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

    /** Cancels, deletes and executions of orders from before the file that no seed level covered. */
    public long unknownOrderMessages()
    {
        return unknownOrderMessages;
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

    /** What the import knows of an order (or a seed level): its total as the engine sees it and its leaves. */
    private static final class Resting
    {
        final long clientOrderId;
        long total;
        long leaves;

        Resting(final long clientOrderId, final long size)
        {
            this.clientOrderId = clientOrderId;
            this.total = size;
            this.leaves = size;
        }
    }
}

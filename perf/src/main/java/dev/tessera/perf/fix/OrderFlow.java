package dev.tessera.perf.fix;

import java.util.SplittableRandom;

/**
 * One session's order flow: resting limit orders around the reference price and cancels of its own
 * orders, so the book stays bounded however long a run lasts. Buys are priced 1 to
 * {@code maxOffsetTicks} ticks below the reference and sells as far above it, so no two orders ever
 * trade: every request has exactly one answer (ExecutionReport New or Canceled), and the book holds
 * at most {@code sessions * maxLiveOrders} orders. With {@code maxLiveOrders} live the next request
 * cancels the oldest; with none it is a new order; otherwise a coin toss decides, so in the long run
 * half the requests are new orders and half cancels.
 *
 * <p>Deterministic: the requests depend only on the seed and how many came before, never on timing.
 * The caller assigns ClOrdIDs and tells the flow with {@link #next(long)}.
 */
public final class OrderFlow
{
    public static final byte NEW_ORDER = 1;
    public static final byte CANCEL = 2;
    public static final char BUY = '1';
    public static final char SELL = '2';

    private final SplittableRandom random;
    private final int maxLiveOrders;
    private final long referencePriceTicks;
    private final int maxOffsetTicks;
    private final int maxQuantity;
    private final long[] liveClOrdIds;
    private final char[] liveSides;
    private final long[] liveQuantities;
    private int liveHead;
    private int liveCount;

    private byte kind;
    private char side;
    private long priceTicks;
    private long orderQty;
    private long origClOrdId;

    public OrderFlow(final long seed, final int maxLiveOrders, final long referencePriceTicks, final int maxOffsetTicks, final int maxQuantity)
    {
        if (maxLiveOrders < 1 || maxOffsetTicks < 1 || maxQuantity < 1 || referencePriceTicks <= maxOffsetTicks)
        {
            throw new IllegalArgumentException("maxLiveOrders, maxOffsetTicks and maxQuantity must be >= 1 and the reference " +
                "price above the offset");
        }
        this.random = new SplittableRandom(seed);
        this.maxLiveOrders = maxLiveOrders;
        this.referencePriceTicks = referencePriceTicks;
        this.maxOffsetTicks = maxOffsetTicks;
        this.maxQuantity = maxQuantity;
        this.liveClOrdIds = new long[maxLiveOrders];
        this.liveSides = new char[maxLiveOrders];
        this.liveQuantities = new long[maxLiveOrders];
    }

    /** Decides the next request, which will carry ClOrdID {@code clOrdId}; read it with the accessors. */
    public void next(final long clOrdId)
    {
        final boolean cancel = liveCount == maxLiveOrders || (liveCount > 0 && random.nextBoolean());
        if (cancel)
        {
            kind = CANCEL;
            origClOrdId = liveClOrdIds[liveHead];
            side = liveSides[liveHead];
            orderQty = liveQuantities[liveHead];
            priceTicks = 0;
            liveHead = (liveHead + 1) % maxLiveOrders;
            liveCount--;
            return;
        }
        kind = NEW_ORDER;
        origClOrdId = 0;
        side = random.nextBoolean() ? BUY : SELL;
        final int offset = 1 + random.nextInt(maxOffsetTicks);
        priceTicks = side == BUY ? referencePriceTicks - offset : referencePriceTicks + offset;
        orderQty = 1 + random.nextInt(maxQuantity);
        final int tail = (liveHead + liveCount) % maxLiveOrders;
        liveClOrdIds[tail] = clOrdId;
        liveSides[tail] = side;
        liveQuantities[tail] = orderQty;
        liveCount++;
    }

    /** {@link #NEW_ORDER} or {@link #CANCEL}. */
    public byte kind()
    {
        return kind;
    }

    public char side()
    {
        return side;
    }

    /** The new order's limit price in ticks; 0 for a cancel. */
    public long priceTicks()
    {
        return priceTicks;
    }

    /** The new order's quantity, or the cancelled order's. */
    public long orderQty()
    {
        return orderQty;
    }

    /** The ClOrdID of the order a cancel targets; 0 for a new order. */
    public long origClOrdId()
    {
        return origClOrdId;
    }

    /** Orders sent and not yet cancelled. */
    public int liveOrders()
    {
        return liveCount;
    }
}

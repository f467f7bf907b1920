package dev.tessera.lobster;

/**
 * One row of a LOBSTER message file, parsed exactly: the time as nanoseconds after midnight (never
 * through a double), the price as LOBSTER writes it (dollars times 10,000). Mutable and reused by
 * {@link LobsterMessageReader}; copy what you keep.
 */
public final class LobsterMessage
{
    public static final int NEW_ORDER = 1;
    public static final int PARTIAL_CANCEL = 2;
    public static final int DELETE = 3;
    public static final int VISIBLE_EXECUTION = 4;
    public static final int HIDDEN_EXECUTION = 5;
    public static final int CROSS = 6;
    public static final int HALT = 7;
    public static final int BUY = 1;
    public static final int SELL = -1;
    /**
     * The highest price a LOBSTER row can hold: LOBSTER writes prices as an int of dollars times 10,000 (NASDAQ's
     * own limit, $199,999.9999, is below it). Above it is no price, e.g. the orderbook file's empty-level 9999999999.
     */
    public static final long MAX_PRICE = Integer.MAX_VALUE;

    long timeNanos;
    int type;
    long orderId;
    long size;
    long price;
    int direction;
    long lineNumber;

    /** Nanoseconds after midnight (exchange local time). */
    public long timeNanos()
    {
        return timeNanos;
    }

    public int type()
    {
        return type;
    }

    public long orderId()
    {
        return orderId;
    }

    public long size()
    {
        return size;
    }

    /** Dollars times 10,000; -1, 0 or 1 for halt rows. */
    public long price()
    {
        return price;
    }

    /** {@link #BUY} or {@link #SELL}: the side of the order the row is about (for an execution, the resting one). */
    public int direction()
    {
        return direction;
    }

    /** 1-based line of the file, for messages about it. */
    public long lineNumber()
    {
        return lineNumber;
    }

    /** Sets every field (tests and synthetic flows). */
    public LobsterMessage set(
        final long timeNanos, final int type, final long orderId, final long size, final long price, final int direction)
    {
        this.timeNanos = timeNanos;
        this.type = type;
        this.orderId = orderId;
        this.size = size;
        this.price = price;
        this.direction = direction;
        return this;
    }

    @Override
    public String toString()
    {
        return LobsterTime.format(timeNanos) + "," + type + "," + orderId + "," + size + "," + price + "," + direction;
    }
}

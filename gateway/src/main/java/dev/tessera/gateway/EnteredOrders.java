package dev.tessera.gateway;

/**
 * The orders and replaces this gateway entered on the ring whose journal records it has not read yet: what a cancel
 * or replace sent right behind them is checked against, since the projection does not know them yet. Without it such
 * a request went to the engine unchecked, and the engine's {@code ReplaceOrder} and {@code CancelOrder} name no
 * instrument or side: a replace whose Symbol(55) was another instrument's repriced the order by the ratio of the two
 * price scales, and one with another Side was acknowledged as Replaced with the old side kept.
 *
 * <p>Each entry is an {@link OrderState} as the order will be: a new order's attributes with OrderID 0 and OrdStatus
 * A (pending new), or, for a replace, the replaced order's with its OrderID, the new ClOrdID and OrdStatus E (pending
 * replace). Entries are kept in command sequence order (the gateway thread enters its commands in that order) and
 * retired once the record of their command is read, when the projection has it (or the engine refused it). Gateway
 * thread only. The ring is allocated up front and doubles when the gateway's reading lags more commands behind its
 * entering than it holds, so steady state allocates nothing.
 *
 * <p>Entries are also indexed by owner and ClOrdID, as the projection's orders are: a lookup is a request the
 * projection could not place (a ClOrdID it does not know), and scanning a ring of thousands of entries while the gateway
 * reads behind a burst would make every such request cost the gateway thread, which serves every session, that much.
 */
final class EnteredOrders
{
    static final int INITIAL_CAPACITY = 1024;
    static final char PENDING_NEW = 'A';
    static final char PENDING_REPLACE = 'E';

    /** The newest entry under each owner's ClOrdID. */
    private final ClOrdIdIndex<OrderState> byClOrdId = new ClOrdIdIndex<>();
    private OrderState[] entries;
    private long[] commandSequences;
    private int mask;
    /** The oldest entry's position and the next free one, counted from 0 for ever (a slot is a position & mask). */
    private long oldest;
    private long next;

    /** @param initialCapacity a power of two. */
    EnteredOrders(final int initialCapacity)
    {
        if (Integer.bitCount(initialCapacity) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two: " + initialCapacity);
        }
        entries = new OrderState[initialCapacity];
        for (int i = 0; i < initialCapacity; i++)
        {
            entries[i] = new OrderState();
        }
        commandSequences = new long[initialCapacity];
        mask = initialCapacity - 1;
    }

    /**
     * @return the entry for the command {@code commandSequence}, found from now on by {@code owner} and {@code clOrdId}
     *     (the ClOrdID the order will have), to be filled in: everything else in it is reset but {@code ordStatus},
     *     which is {@link #PENDING_NEW}.
     */
    OrderState add(final long commandSequence, final long owner, final long clOrdId)
    {
        if (next - oldest == entries.length)
        {
            grow();
        }
        final int slot = (int)(next++ & mask);
        commandSequences[slot] = commandSequence;
        final OrderState entry = entries[slot].reset();
        entry.ordStatus = PENDING_NEW;
        entry.owner = owner;
        entry.clOrdId = clOrdId;
        byClOrdId.put(owner, clOrdId, entry);
        return entry;
    }

    /** The record of command {@code commandSequence} was read: its entry and every older one are in the projection. */
    void retire(final long commandSequence)
    {
        while (oldest < next && commandSequences[(int)(oldest & mask)] <= commandSequence)
        {
            final OrderState entry = entries[(int)(oldest & mask)];
            byClOrdId.remove(entry.owner, entry.clOrdId, entry); // not if a newer entry took the same ClOrdID
            oldest++;
        }
    }

    /** The newest entry of {@code owner} under {@code clOrdId}, or {@code null}. */
    OrderState find(final long owner, final long clOrdId)
    {
        return byClOrdId.get(owner, clOrdId);
    }

    int size()
    {
        return (int)(next - oldest);
    }

    /** Called when full: the entries move, oldest first, to the start of rings twice as long. */
    private void grow()
    {
        final int count = entries.length;
        final OrderState[] grown = new OrderState[2 * count];
        final long[] grownSequences = new long[2 * count];
        for (int i = 0; i < count; i++)
        {
            final int from = (int)((oldest + i) & mask);
            grown[i] = entries[from];
            grownSequences[i] = commandSequences[from];
            grown[count + i] = new OrderState();
        }
        entries = grown;
        commandSequences = grownSequences;
        mask = grown.length - 1;
        oldest = 0;
        next = count;
    }
}

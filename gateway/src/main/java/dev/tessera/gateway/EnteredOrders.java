package dev.tessera.gateway;

/**
 * The orders, replaces and cancels this gateway entered on the ring whose journal records it has not read yet: what a
 * cancel or replace sent right behind them is checked against, and what a status request right behind them is answered
 * from (OrdStatus A, E or 6), since the projection does not know them yet. Without it such
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
 *
 * <p>A replace is also indexed by the ClOrdID it replaces: FIX 4.4 has a request name its order by the last
 * <em>accepted</em> ClOrdID, so a cancel or replace sent right behind a replace names the order by the ClOrdID the
 * engine will no longer know it by once the replace applies. Behind another replace in flight, also by the ClOrdID its
 * request named the order by when that is the one before (both replaces named the order by its ClOrdID before
 * either), as the projection indexes a replaced order by both ({@link ExecutionReportPublisher#orderByReplacedClOrdId}).
 *
 * <p>A cancel is an entry of its own (OrdStatus 6, pending cancel) with its ClOrdID and, in {@code origClOrdId}, the
 * ClOrdID of the order it cancels as the gateway knew it then (a replace's when one was entered ahead of it), and that
 * order's OrderID (0 when not acknowledged yet). It is not indexed by its own ClOrdID: that names no order, so the
 * lookups that check cancels and replaces against their order never find one, and only a status request or an
 * OrderCancelReject the gateway makes asks for a cancel by it ({@link #cancel}), rare enough to scan the entries not
 * yet read back. It is indexed by the ClOrdID of the order it cancels ({@link #cancelling}): every cancel and replace
 * asks whether a cancel of its order is in flight (refused as pending cancel, OrderEntryAdapter), and a scan there
 * cost each of them the whole in-flight ring (hundreds of entries under load), where the index costs a cancel one put
 * and one remove.
 *
 * <p>A mass cancel is an entry too ({@link #MASS_CANCEL}, its owner, ClOrdID and instrument, 0 for all), in no index
 * either: it makes every order of its owner (of its instrument) entered ahead of it pending cancel, and that too only a
 * status request or an OrderCancelReject asks, by the same scan ({@link #massCancelling}); with none in flight the
 * scan is skipped. Entering one costs the slot alone, never an operation per order it will cancel.
 */
final class EnteredOrders
{
    static final int INITIAL_CAPACITY = 1024;
    static final char PENDING_NEW = 'A';
    static final char PENDING_REPLACE = 'E';
    static final char PENDING_CANCEL = '6';
    /** Not an OrdStatus: the entry of a mass cancel (its MsgType), which no lookup by ClOrdID finds. */
    static final char MASS_CANCEL = 'q';
    /** No client's ClOrdID maps to 0 ({@code ClientOrderIds}). */
    private static final long NOT_A_REPLACE = 0;

    /** The newest entry under each owner's ClOrdID. */
    private final IdIndex<OrderState> byClOrdId = new IdIndex<>();
    /** The newest cancel under each owner's ClOrdID of the order it cancels. */
    private final IdIndex<OrderState> byCancelledClOrdId = new IdIndex<>();
    /** The newest replace under each owner's ClOrdID it replaces, and the one its request named the order by. */
    private final IdIndex<OrderState> byReplacedClOrdId = new IdIndex<>();
    /**
     * Replaces entered and not read back: at least as many as {@link #byReplacedClOrdId} holds, so while it is 0 that
     * index is empty and is not looked in.
     */
    private int replacesInFlight;
    /** Mass cancels entered and not read back: while 0, {@link #massCancelling} scans nothing. */
    private int massCancelsInFlight;
    /**
     * Cancels entered and not read back: while 0, {@link #cancel} scans nothing and {@link #cancelling} looks in no
     * index.
     */
    private int cancelsInFlight;
    private OrderState[] entries;
    private long[] commandSequences;
    /**
     * Per slot: the ClOrdID a replace's request named its order by (the entry's {@code replacedClOrdId} is the one it
     * replaces), {@link #NOT_A_REPLACE} for a new order.
     */
    private long[] replacedClOrdIds;
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
        replacedClOrdIds = new long[initialCapacity];
        mask = initialCapacity - 1;
    }

    /**
     * @return the entry for the command {@code commandSequence}, found from now on by {@code owner} and {@code clOrdId}
     *     (the ClOrdID the order will have), to be filled in: everything else in it is reset but {@code ordStatus},
     *     which is {@link #PENDING_NEW}.
     */
    OrderState add(final long commandSequence, final long owner, final long clOrdId)
    {
        final OrderState entry = claim(commandSequence, owner, clOrdId, PENDING_NEW);
        byClOrdId.put(owner, clOrdId, entry);
        if (replacesInFlight > 0)
        {
            // The ClOrdID names this entry's order from now on, no longer the order a replace took it from.
            byReplacedClOrdId.remove(owner, clOrdId);
        }
        return entry;
    }

    /**
     * As {@link #add}, for a replace of the order that goes by {@code replacedClOrdId} when the replace applies (kept in
     * the entry's {@code replacedClOrdId}), which the request named by {@code namedClOrdId}: found from now on by both
     * ({@link #replacing}). They differ when a replace entered ahead of this one gives the order {@code
     * replacedClOrdId} and the request named the order by the ClOrdID before it, as a client naming the last one
     * acknowledged does; a request behind it may name the order by either, as by the ClOrdID a replace read back
     * replaced and the one its request named (QA 128: one by the first replace's ClOrdID went to the engine by it and
     * was refused as an unknown order). The caller fills in the order's attributes and OrdStatus.
     */
    OrderState addReplace(final long commandSequence, final long owner, final long clOrdId,
        final long replacedClOrdId, final long namedClOrdId)
    {
        final OrderState entry = add(commandSequence, owner, clOrdId);
        entry.replacedClOrdId = replacedClOrdId;
        replacedClOrdIds[(int)((next - 1) & mask)] = namedClOrdId;
        byReplacedClOrdId.put(owner, namedClOrdId, entry);
        if (replacedClOrdId != namedClOrdId)
        {
            byReplacedClOrdId.put(owner, replacedClOrdId, entry);
        }
        replacesInFlight++;
        return entry;
    }

    /**
     * A cancel, command {@code commandSequence}, of {@code owner}'s order known by {@code cancelledClOrdId} (OrderID
     * {@code orderId}, 0 when not acknowledged yet): found from now on by its own {@code clOrdId} ({@link #cancel}) and
     * by that order's ({@link #cancelling}); also by {@code ifRefusedClOrdId} (0 for none), the ClOrdID before a
     * replace entered ahead that gives the order {@code cancelledClOrdId}, which stays the order's should the engine
     * refuse that replace (QA 105: a status request by it then got the order as New). Kept in the entry's
     * {@code replacedClOrdId}, which a cancel's entry has no other use for.
     */
    void addCancel(final long commandSequence, final long owner, final long clOrdId, final long cancelledClOrdId,
        final long orderId, final long ifRefusedClOrdId)
    {
        final OrderState entry = claim(commandSequence, owner, clOrdId, PENDING_CANCEL);
        entry.origClOrdId = cancelledClOrdId;
        entry.orderId = orderId;
        byCancelledClOrdId.put(owner, cancelledClOrdId, entry);
        if (ifRefusedClOrdId != 0 && ifRefusedClOrdId != cancelledClOrdId)
        {
            entry.replacedClOrdId = ifRefusedClOrdId;
            byCancelledClOrdId.put(owner, ifRefusedClOrdId, entry);
        }
        cancelsInFlight++;
    }

    /**
     * A mass cancel, command {@code commandSequence}, of {@code owner}'s orders of {@code instrumentId} (0: of every
     * instrument), ClOrdID {@code clOrdId} (0 for the gateway's cancel-on-disconnect): every such order entered ahead
     * of it is found pending cancel from now on ({@link #massCancelling}).
     */
    void addMassCancel(final long commandSequence, final long owner, final long clOrdId, final int instrumentId)
    {
        claim(commandSequence, owner, clOrdId, MASS_CANCEL).instrumentId = instrumentId;
        massCancelsInFlight++;
    }

    /** The next slot, for command {@code commandSequence}: reset, with owner, ClOrdID and OrdStatus, not indexed. */
    private OrderState claim(final long commandSequence, final long owner, final long clOrdId, final char ordStatus)
    {
        if (next - oldest == entries.length)
        {
            grow();
        }
        final int slot = (int)(next++ & mask);
        commandSequences[slot] = commandSequence;
        replacedClOrdIds[slot] = NOT_A_REPLACE;
        final OrderState entry = entries[slot].reset();
        entry.ordStatus = ordStatus;
        entry.owner = owner;
        entry.clOrdId = clOrdId;
        return entry;
    }

    /** The record of command {@code commandSequence} was read: its entry and every older one are in the projection. */
    void retire(final long commandSequence)
    {
        while (oldest < next && commandSequences[(int)(oldest & mask)] <= commandSequence)
        {
            final OrderState entry = entries[(int)(oldest & mask)];
            if (entry.ordStatus == MASS_CANCEL)
            {
                massCancelsInFlight--;
            }
            else if (entry.ordStatus == PENDING_CANCEL)
            {
                byCancelledClOrdId.remove(entry.owner, entry.origClOrdId, entry); // not if a newer cancel took it
                if (entry.replacedClOrdId != 0)
                {
                    byCancelledClOrdId.remove(entry.owner, entry.replacedClOrdId, entry);
                }
                cancelsInFlight--;
            }
            else
            {
                byClOrdId.remove(entry.owner, entry.clOrdId, entry); // not if a newer entry took the same ClOrdID
            }
            final long namedClOrdId = replacedClOrdIds[(int)(oldest & mask)];
            if (namedClOrdId != NOT_A_REPLACE)
            {
                byReplacedClOrdId.remove(entry.owner, namedClOrdId, entry);
                if (entry.replacedClOrdId != namedClOrdId)
                {
                    byReplacedClOrdId.remove(entry.owner, entry.replacedClOrdId, entry);
                }
                replacesInFlight--;
            }
            oldest++;
        }
    }

    /** Whether any replace is entered and not read back: while none is, {@link #replacing} finds nothing. */
    boolean hasReplacesInFlight()
    {
        return replacesInFlight > 0;
    }

    /** The newest entry of {@code owner} under {@code clOrdId}, or {@code null}. */
    OrderState find(final long owner, final long clOrdId)
    {
        return byClOrdId.get(owner, clOrdId);
    }

    /**
     * The newest replace entered of {@code owner}'s order known by {@code clOrdId} until that replace applies, or
     * {@code null}: the order as the replace will leave it (OrdStatus E, its OrderID, 0 when that is not known yet).
     */
    OrderState replacing(final long owner, final long clOrdId)
    {
        // Asked for every order and cancel: with no replace in flight, no map lookup (a cache miss each).
        return replacesInFlight == 0 ? null : byReplacedClOrdId.get(owner, clOrdId);
    }

    /** The newest cancel entered by {@code owner} under its own ClOrdID {@code clOrdId}, or {@code null}. */
    OrderState cancel(final long owner, final long clOrdId)
    {
        return cancelsInFlight == 0 ? null : newest(PENDING_CANCEL, owner, clOrdId);
    }

    /** The newest cancel entered of {@code owner}'s order known by {@code clOrdId} (as the cancel found it), or {@code null}. */
    OrderState cancelling(final long owner, final long clOrdId)
    {
        // With no cancel in flight, no map lookup (a cache miss each).
        return cancelsInFlight == 0 ? null : byCancelledClOrdId.get(owner, clOrdId);
    }

    /**
     * Whether a mass cancel entered and not read back will cancel {@code order} if it still rests then: one of the
     * order's owner, of its instrument or of all, entered after the order. {@code order} is an order the projection has
     * (older than every entry), or a new order's entry ({@link #add}), which a mass cancel entered before it does not
     * reach. Not a replace's entry: the order it replaces is what a mass cancel takes.
     */
    boolean massCancelling(final OrderState order)
    {
        if (massCancelsInFlight == 0)
        {
            return false;
        }
        // Newest first: reaching the order's own entry first means every mass cancel left is older than the order.
        for (long i = next - 1; i >= oldest; i--)
        {
            final OrderState entry = entries[(int)(i & mask)];
            if (entry == order)
            {
                return false;
            }
            if (entry.ordStatus == MASS_CANCEL && entry.owner == order.owner &&
                (entry.instrumentId == 0 || entry.instrumentId == order.instrumentId))
            {
                return true;
            }
        }
        return false;
    }

    /** Whether a mass cancel of {@code owner} under {@code clOrdId} is entered and not read back yet. */
    boolean massCancelInFlight(final long owner, final long clOrdId)
    {
        return massCancelsInFlight != 0 && newest(MASS_CANCEL, owner, clOrdId) != null;
    }

    /**
     * The newest entry of {@code kind} ({@link #PENDING_CANCEL}, {@link #MASS_CANCEL}) entered by {@code owner} under
     * its own ClOrdID {@code clOrdId}, or {@code null}: a scan of the entries in flight, which callers skip while none of
     * that kind is.
     */
    private OrderState newest(final char kind, final long owner, final long clOrdId)
    {
        for (long i = next - 1; i >= oldest; i--)
        {
            final OrderState entry = entries[(int)(i & mask)];
            if (entry.ordStatus == kind && entry.owner == owner && entry.clOrdId == clOrdId)
            {
                return entry;
            }
        }
        return null;
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
        final long[] grownReplaced = new long[2 * count];
        for (int i = 0; i < count; i++)
        {
            final int from = (int)((oldest + i) & mask);
            grown[i] = entries[from];
            grownSequences[i] = commandSequences[from];
            grownReplaced[i] = replacedClOrdIds[from];
            grown[count + i] = new OrderState();
        }
        entries = grown;
        commandSequences = grownSequences;
        replacedClOrdIds = grownReplaced;
        mask = grown.length - 1;
        oldest = 0;
        next = count;
    }
}

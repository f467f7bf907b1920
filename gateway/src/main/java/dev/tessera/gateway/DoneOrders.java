package dev.tessera.gateway;

import java.util.ArrayDeque;

/**
 * The orders of the report projection that are done (filled, cancelled, expired), remembered so that a cancel or
 * replace that names one is rejected as too late, with its final OrdStatus, and a status request gets its final
 * state. The engine forgets an order once it is done; this is the gateway's memory of them.
 *
 * <p>What it remembers must be the same in every projection that reaches the same journal record, whether it
 * started at the journal's first record or at a snapshot (which carries live orders only), or a resend would
 * regenerate a reject that differs from the one first sent. So the rule reads the journal alone: at event
 * {@code e}, an order is remembered when it is among the last {@code capacity} orders done and was done at an
 * event no earlier than {@code e - capacity}. A projection that has read every event from {@code e - capacity} on
 * holds exactly those ({@link ProjectionStart} starts early enough): the last {@code capacity} done orders it has
 * seen include every remembered one, and the event bound drops the older ones another projection may lack.
 *
 * <p>Entries are the live orders' pooled {@link OrderState}s, moved here when done and back to the pool when
 * forgotten (first in, first out); the ring is allocated once, the indexes ({@link IdIndex}) grow to their high-water
 * mark, so the
 * steady state allocates nothing. All on the thread of the projection that owns it.
 */
final class DoneOrders
{
    private final OrderState[] ring;
    private final long eventWindow;
    private final ArrayDeque<OrderState> pool;
    private final IdIndex<OrderState> byOrderId = new IdIndex<>();
    /**
     * By owner, then the ClOrdID the order's last report carried and, when a cancel ended it, also the one it had
     * before (a cancel sent before that cancel's answer names it): the newest done order under a reused ClOrdID wins.
     */
    private final IdIndex<OrderState> byClOrdId = new IdIndex<>();
    /**
     * By owner and the ClOrdID the order's last replace replaced ({@link OrderState#replacedClOrdId}), for the
     * gateway's own answers only ({@link #findByReplacedClOrdId}): a report regenerated from the journal never looks
     * here.
     */
    private final IdIndex<OrderState> byReplacedClOrdId = new IdIndex<>();
    /**
     * By owner and every ClOrdID the order went by before its last report's, as the live projection knew them when it
     * was done ({@link EarlierClOrdIds}): for the gateway's own answers only ({@link #findByEarlierClOrdId}), like
     * {@link #byReplacedClOrdId}. {@code null} in a projection that only regenerates reports.
     */
    private final EarlierClOrdIds earlier;
    private int oldest;
    private int size;

    /**
     * @param capacity how many done orders are remembered, and over how many events before the one asking.
     * @param pool     where a forgotten order's state goes back to.
     * @param earlier  whether done orders are also known by the ClOrdIDs they went by before their last
     *                 ({@link #takeEarlierClOrdIds}): order entry's projection only.
     */
    DoneOrders(final int capacity, final ArrayDeque<OrderState> pool, final boolean earlier)
    {
        this.ring = new OrderState[capacity];
        this.eventWindow = capacity;
        this.pool = pool;
        this.earlier = earlier && capacity > 0 ? new EarlierClOrdIds(EarlierClOrdIds.INITIAL_NODES) : null;
    }

    /**
     * The live order {@code state} is done, about to be {@link #add}ed: it goes on being known by the ClOrdIDs {@code
     * live} knew it went by (which are free for new orders from now on).
     */
    void takeEarlierClOrdIds(final OrderState state, final EarlierClOrdIds live)
    {
        if (earlier != null)
        {
            live.handOver(state, earlier);
        }
        else
        {
            live.release(state);
        }
    }

    /** How many events before the one asking a projection must have read: the rule's window. */
    long eventWindow()
    {
        return eventWindow;
    }

    /** Takes over {@code state}, no longer live, done at event {@code eventSequence}; or pools it at capacity 0. */
    void add(final OrderState state, final long eventSequence)
    {
        if (ring.length == 0)
        {
            pool.offer(state.reset());
            return;
        }
        // Orders done before the window can no longer be asked about: forgetting them now only frees memory early.
        while (size > 0 && (size == ring.length || ring[oldest].doneEventSequence < eventSequence - eventWindow))
        {
            forgetOldest();
        }
        state.doneEventSequence = eventSequence;
        ring[(oldest + size) % ring.length] = state;
        size++;
        byOrderId.put(IdIndex.ANY_OWNER, state.orderId, state);
        byClOrdId.put(state.owner, state.clOrdId, state);
        if (state.origClOrdId != 0)
        {
            byClOrdId.put(state.owner, state.origClOrdId, state);
        }
        if (state.replacedClOrdId != 0)
        {
            byReplacedClOrdId.put(state.owner, state.replacedClOrdId, state);
        }
    }

    /**
     * The owner's remembered order, by OrderID when given (not 0), else by a ClOrdID it is known by; {@code null}
     * when not remembered at event {@code atEventSequence}, or someone else's (whose existence is not the owner's to
     * learn).
     */
    OrderState find(final long owner, final long orderId, final long clOrdId, final long atEventSequence)
    {
        final OrderState state;
        if (orderId != 0)
        {
            state = byOrderId.get(IdIndex.ANY_OWNER, orderId);
        }
        else
        {
            state = byClOrdId.get(owner, clOrdId);
        }
        return state != null && state.owner == owner && state.doneEventSequence >= atEventSequence - eventWindow ?
            state : null;
    }

    /**
     * The owner's remembered order whose last replace replaced {@code clOrdId}, as {@link #find} remembers orders;
     * {@code null} when none. A request sent right behind a replace may name the order so (FIX 4.4: the last ClOrdID
     * acknowledged), and one the gateway answers after the order is done (a held 102=3 reject) must still reach it.
     */
    OrderState findByReplacedClOrdId(final long owner, final long clOrdId, final long atEventSequence)
    {
        final OrderState state = byReplacedClOrdId.get(owner, clOrdId);
        return state != null && state.doneEventSequence >= atEventSequence - eventWindow ? state : null;
    }

    /**
     * The owner's remembered order that went by {@code clOrdId} before its last report's ClOrdID (any replace in its
     * chain, its latest {@link EarlierClOrdIds#MAX_PER_ORDER}), as {@link #find} remembers orders; {@code null} when
     * none. A cancel or replace naming the order so and another by OrderID names two orders (QA 101).
     */
    OrderState findByEarlierClOrdId(final long owner, final long clOrdId, final long atEventSequence)
    {
        final OrderState state = earlier == null ? null : earlier.order(owner, clOrdId);
        return state != null && state.doneEventSequence >= atEventSequence - eventWindow ? state : null;
    }

    int size()
    {
        return size;
    }

    /** How many earlier ClOrdIDs of done orders are kept ({@link #findByEarlierClOrdId}). */
    int earlierClOrdIds()
    {
        return earlier == null ? 0 : earlier.size();
    }

    private void forgetOldest()
    {
        final OrderState state = ring[oldest];
        ring[oldest] = null;
        oldest = (oldest + 1) % ring.length;
        size--;
        byOrderId.remove(IdIndex.ANY_OWNER, state.orderId, state);
        // A newer done order that took either ClOrdID over stays.
        byClOrdId.remove(state.owner, state.clOrdId, state);
        byClOrdId.remove(state.owner, state.origClOrdId, state);
        if (state.replacedClOrdId != 0)
        {
            byReplacedClOrdId.remove(state.owner, state.replacedClOrdId, state);
        }
        if (earlier != null)
        {
            earlier.release(state);
        }
        pool.offer(state.reset());
    }
}

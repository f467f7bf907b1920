package dev.tessera.gateway;

import java.util.Arrays;

/**
 * The ClOrdIDs each live order went by before its current one (every replace in its chain, up to {@link
 * #MAX_PER_ORDER}), by owner and ClOrdID: what a NewOrderSingle, cancel or replace of the session may not take. FIX 4.4
 * has a ClOrdID unique per session and day; the venue keeps it unique among live orders, and an order's earlier
 * ClOrdIDs are its own until it is done: a request that took one would make the order's reports, and requests naming
 * that ClOrdID (a request that crossed a replace's report names the order by the ClOrdID before it), ambiguous.
 *
 * <p>Bounded per order: its {@link #MAX_PER_ORDER} latest earlier ClOrdIDs; a replace beyond that forgets the oldest,
 * which is then taken as any ClOrdID no live order goes by. So an order replaced all day holds as much as one replaced
 * {@value #MAX_PER_ORDER} times, and every entry goes when the order is done ({@link #release}).
 *
 * <p>Each order's ClOrdIDs are nodes linked oldest to newest ({@link OrderState#firstEarlierNode}), in a slab of
 * primitive arrays shared by all orders with a free list: the slab doubles only when more nodes are in use than it
 * ever held, and the index ({@link IdIndex}) grows only past its high-water mark, so steady state allocates nothing.
 * Gateway thread only.
 */
final class EarlierClOrdIds
{
    /** How many earlier ClOrdIDs are kept per live order, the latest ones. */
    static final int MAX_PER_ORDER = 32;
    static final int NO_NODE = -1;
    static final int INITIAL_NODES = 1024;

    /** The live order that went by each owner's ClOrdID. */
    private final IdIndex<OrderState> byClOrdId = new IdIndex<>();
    private long[] clOrdIds;
    private int[] nextNodes;
    /** The first free node, linked through {@link #nextNodes}; below {@link #used} only. */
    private int free = NO_NODE;
    /** Nodes handed out at least once: the ones from here on were never used. */
    private int used;
    private int inUse;
    private final long[] handedOver = new long[MAX_PER_ORDER];

    EarlierClOrdIds(final int initialNodes)
    {
        clOrdIds = new long[initialNodes];
        nextNodes = new int[initialNodes];
    }

    /** The owner's live order that went by {@code clOrdId} before its current one, or {@code null}. */
    OrderState order(final long owner, final long clOrdId)
    {
        // Asked for every order, cancel and replace: while no live order was replaced, no map lookup (a cache miss).
        return inUse == 0 ? null : byClOrdId.get(owner, clOrdId);
    }

    /** The live projection read a replace of {@code state}: it no longer goes by {@code clOrdId}, its newest earlier. */
    void add(final OrderState state, final long clOrdId)
    {
        if (clOrdId == 0 || byClOrdId.get(state.owner, clOrdId) == state)
        {
            return; // none, or known already (the order went back to it through a path the gateway did not refuse)
        }
        if (state.earlierClOrdIds == MAX_PER_ORDER)
        {
            forgetOldest(state);
        }
        final int node = take(clOrdId);
        if (state.lastEarlierNode == NO_NODE)
        {
            state.firstEarlierNode = node;
        }
        else
        {
            nextNodes[state.lastEarlierNode] = node;
        }
        state.lastEarlierNode = node;
        state.earlierClOrdIds++;
        byClOrdId.put(state.owner, clOrdId, state);
    }

    /**
     * The scan of the journal before the projection's start read a replace of {@code state} away from {@code clOrdId}:
     * older than every one {@link #add} noted (the live projection reads the journal after the start), newer than the
     * ones the scan noted before (it reads in journal order). Dropped when the order holds {@link #MAX_PER_ORDER} newer.
     */
    void addScanned(final OrderState state, final long clOrdId)
    {
        if (clOrdId == 0 || byClOrdId.get(state.owner, clOrdId) == state)
        {
            return;
        }
        if (state.earlierClOrdIds == MAX_PER_ORDER)
        {
            if (state.lastScannedEarlierNode == NO_NODE)
            {
                return; // every one kept is newer: this one would be the first forgotten
            }
            forgetOldest(state);
        }
        final int node = take(clOrdId);
        final int after = state.lastScannedEarlierNode;
        if (after == NO_NODE)
        {
            nextNodes[node] = state.firstEarlierNode;
            state.firstEarlierNode = node;
            if (state.lastEarlierNode == NO_NODE)
            {
                state.lastEarlierNode = node;
            }
        }
        else
        {
            nextNodes[node] = nextNodes[after];
            nextNodes[after] = node;
            if (state.lastEarlierNode == after)
            {
                state.lastEarlierNode = node;
            }
        }
        state.lastScannedEarlierNode = node;
        state.earlierClOrdIds++;
        byClOrdId.put(state.owner, clOrdId, state);
    }

    /** The order is done (or no longer live here): its earlier ClOrdIDs are free for the session's new orders again. */
    void release(final OrderState state)
    {
        int node = state.firstEarlierNode;
        while (node != NO_NODE)
        {
            final int next = nextNodes[node];
            byClOrdId.remove(state.owner, clOrdIds[node], state);
            give(node);
            node = next;
        }
        state.firstEarlierNode = NO_NODE;
        state.lastEarlierNode = NO_NODE;
        state.lastScannedEarlierNode = NO_NODE;
        state.earlierClOrdIds = 0;
    }

    /**
     * The order is done: its earlier ClOrdIDs are free for the session's new orders again ({@link #release}), and
     * {@code done} knows the done order by them from now on (a request naming it so is not left to its OrderID).
     */
    void handOver(final OrderState state, final EarlierClOrdIds done)
    {
        final int count = copy(state, handedOver);
        release(state);
        for (int i = 0; i < count; i++)
        {
            done.add(state, handedOver[i]);
        }
    }

    /** Nodes holding a ClOrdID now, over all orders. */
    int size()
    {
        return inUse;
    }

    /** Nodes the slab holds: the most ever in use at once, rounded up to a power of two of the initial count. */
    int capacity()
    {
        return clOrdIds.length;
    }

    /** Copies the order's earlier ClOrdIDs, oldest first, into {@code into}. @return how many. */
    int copy(final OrderState state, final long[] into)
    {
        int count = 0;
        for (int node = state.firstEarlierNode; node != NO_NODE; node = nextNodes[node])
        {
            into[count++] = clOrdIds[node];
        }
        return count;
    }

    private void forgetOldest(final OrderState state)
    {
        final int node = state.firstEarlierNode;
        state.firstEarlierNode = nextNodes[node];
        if (state.firstEarlierNode == NO_NODE)
        {
            state.lastEarlierNode = NO_NODE;
        }
        if (state.lastScannedEarlierNode == node)
        {
            state.lastScannedEarlierNode = NO_NODE;
        }
        state.earlierClOrdIds--;
        // Only while it names this order: another live order may have taken it after this one forgot it.
        byClOrdId.remove(state.owner, clOrdIds[node], state);
        give(node);
    }

    private int take(final long clOrdId)
    {
        final int node;
        if (free != NO_NODE)
        {
            node = free;
            free = nextNodes[node];
        }
        else
        {
            if (used == clOrdIds.length)
            {
                grow();
            }
            node = used++;
        }
        clOrdIds[node] = clOrdId;
        nextNodes[node] = NO_NODE;
        inUse++;
        return node;
    }

    private void give(final int node)
    {
        nextNodes[node] = free;
        free = node;
        inUse--;
    }

    /** Every node is in use: the slab doubles (nodes keep their numbers). */
    private void grow()
    {
        final int capacity = clOrdIds.length * 2;
        clOrdIds = Arrays.copyOf(clOrdIds, capacity);
        nextNodes = Arrays.copyOf(nextNodes, capacity);
    }
}

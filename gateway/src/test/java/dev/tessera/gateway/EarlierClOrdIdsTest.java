package dev.tessera.gateway;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.tessera.gateway.EarlierClOrdIds.MAX_PER_ORDER;
import static org.assertj.core.api.Assertions.assertThat;

class EarlierClOrdIdsTest
{
    private final EarlierClOrdIds earlier = new EarlierClOrdIds(4);

    @Test
    void shouldKnowEveryClOrdIdAnOrderWentByUntilItIsReleased()
    {
        final OrderState order = order(1, 30);
        final OrderState other = order(2, 30);
        earlier.add(order, 10); // A to B
        earlier.add(order, 20); // B to C
        earlier.add(other, 10); // another owner's A

        assertThat(earlier.order(1, 10)).isSameAs(order);
        assertThat(earlier.order(1, 20)).isSameAs(order);
        assertThat(earlier.order(1, 30)).as("its current ClOrdID is the projection's").isNull();
        assertThat(earlier.order(2, 10)).isSameAs(other);
        assertThat(earlier.size()).isEqualTo(3);

        earlier.release(order);
        assertThat(earlier.order(1, 10)).isNull();
        assertThat(earlier.order(1, 20)).isNull();
        assertThat(earlier.order(2, 10)).as("another owner's stays").isSameAs(other);
        assertThat(earlier.size()).isEqualTo(1);
        assertThat(order.firstEarlierNode).isEqualTo(EarlierClOrdIds.NO_NODE);
        assertThat(order.earlierClOrdIds).isZero();
    }

    /** An order replaced a million times holds its latest MAX_PER_ORDER earlier ClOrdIDs; the older ones are free. */
    @Test
    void shouldKeepTheLatestClOrdIdsOfAnOrderReplacedAMillionTimes()
    {
        final OrderState order = order(1, 1_000_001);
        for (long clOrdId = 1; clOrdId <= 1_000_000; clOrdId++)
        {
            earlier.add(order, clOrdId);
        }

        assertThat(earlier.size()).isEqualTo(MAX_PER_ORDER);
        assertThat(order.earlierClOrdIds).isEqualTo(MAX_PER_ORDER);
        for (long clOrdId = 1_000_000 - MAX_PER_ORDER + 1; clOrdId <= 1_000_000; clOrdId++)
        {
            assertThat(earlier.order(1, clOrdId)).as("kept: %d", clOrdId).isSameAs(order);
        }
        assertThat(earlier.order(1, 1_000_000 - MAX_PER_ORDER)).as("the newest forgotten").isNull();
        assertThat(earlier.order(1, 1)).isNull();

        earlier.release(order);
        assertThat(earlier.size()).isZero();
    }

    /**
     * The scan of the journal before a snapshot finds an order's replaces after the live projection read newer ones: the
     * scanned ones are older, so they go first when the bound is reached, and the newest are kept whatever the order.
     */
    @Test
    void shouldKeepScannedClOrdIdsOlderThanTheLiveProjectionsOnes()
    {
        final OrderState order = order(1, 1_000);
        earlier.add(order, 500); // read live, after the start
        earlier.add(order, 501);
        for (long clOrdId = 1; clOrdId <= MAX_PER_ORDER; clOrdId++)
        {
            earlier.addScanned(order, clOrdId); // the scan, oldest first
        }

        assertThat(earlier.size()).isEqualTo(MAX_PER_ORDER);
        assertThat(earlier.order(1, 1)).as("the oldest scanned forgotten").isNull();
        assertThat(earlier.order(1, 2)).isNull();
        assertThat(earlier.order(1, 3)).isSameAs(order);
        assertThat(earlier.order(1, MAX_PER_ORDER)).isSameAs(order);
        assertThat(earlier.order(1, 500)).isSameAs(order);
        assertThat(earlier.order(1, 501)).isSameAs(order);

        // The next live replace forgets the oldest scanned one, not a live one.
        earlier.add(order, 502);
        assertThat(earlier.order(1, 3)).isNull();
        assertThat(earlier.order(1, 4)).isSameAs(order);
        assertThat(earlier.order(1, 500)).isSameAs(order);

        assertThat(order.earlierClOrdIds).isEqualTo(MAX_PER_ORDER);
        assertThat(clOrdIds(order)).as("oldest to newest").startsWith(4, 5).endsWith(MAX_PER_ORDER, 500, 501, 502);
    }

    @Test
    void shouldDropAScannedClOrdIdWhenTheLiveProjectionHoldsTheBoundOfNewerOnes()
    {
        final OrderState order = order(1, 1_000);
        for (long clOrdId = 100; clOrdId < 100 + MAX_PER_ORDER; clOrdId++)
        {
            earlier.add(order, clOrdId);
        }
        earlier.addScanned(order, 7);

        assertThat(earlier.order(1, 7)).isNull();
        assertThat(earlier.order(1, 100)).isSameAs(order);
        assertThat(earlier.size()).isEqualTo(MAX_PER_ORDER);
    }

    /** A ClOrdID the order went back to (a journal written before the rule) is held once, and the others still go. */
    @Test
    void shouldHoldAClOrdIdOnceAndLeaveOneAnotherOrderTookAfterItWasForgotten()
    {
        final OrderState order = order(1, 3);
        earlier.add(order, 1);
        earlier.add(order, 2);
        earlier.add(order, 1);
        assertThat(clOrdIds(order)).containsExactly(1, 2);

        final OrderState taker = order(1, 99);
        earlier.add(taker, 2); // the other order went by 2 last
        earlier.release(order);
        assertThat(earlier.order(1, 2)).as("not the released order's to remove").isSameAs(taker);
        assertThat(earlier.order(1, 1)).isNull();
    }

    /** Released nodes are used again: the slab grows to the most held at once, not with every replace. */
    @Test
    void shouldReuseReleasedNodes()
    {
        for (int round = 0; round < 1_000; round++)
        {
            final OrderState order = order(1, 1_000);
            earlier.add(order, 2 * round + 1);
            earlier.add(order, 2 * round + 2);
            earlier.release(order);
        }
        final OrderState held = order(1, 5_000);
        for (long clOrdId = 1; clOrdId <= 4; clOrdId++)
        {
            earlier.add(held, clOrdId);
        }
        assertThat(earlier.capacity()).as("the 4 nodes the slab was made with").isEqualTo(4);
        assertThat(clOrdIds(held)).containsExactly(1, 2, 3, 4);
    }

    private static OrderState order(final long owner, final long clOrdId)
    {
        final OrderState state = new OrderState();
        state.owner = owner;
        state.clOrdId = clOrdId;
        return state;
    }

    private long[] clOrdIds(final OrderState order)
    {
        final long[] clOrdIds = new long[MAX_PER_ORDER];
        return Arrays.copyOf(clOrdIds, earlier.copy(order, clOrdIds));
    }
}

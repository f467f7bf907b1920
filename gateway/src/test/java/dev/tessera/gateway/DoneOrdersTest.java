package dev.tessera.gateway;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;

import static org.assertj.core.api.Assertions.assertThat;

/** The done-order memory's rule: the last N done, among those done within the last N events; first in, first out. */
class DoneOrdersTest
{
    private static final long OWNER = 7;

    private final ArrayDeque<OrderState> pool = new ArrayDeque<>();

    @Test
    void shouldRememberTheLastOrdersUpToItsCapacity()
    {
        final DoneOrders done = new DoneOrders(2, pool, false);
        done.add(order(1, 11), 10);
        done.add(order(2, 12), 10);
        done.add(order(3, 13), 11);

        assertThat(done.find(OWNER, 1, 0, 11)).as("the oldest, beyond the count").isNull();
        assertThat(done.find(OWNER, 0, 11, 11)).isNull();
        assertThat(done.find(OWNER, 2, 0, 11).orderId).isEqualTo(2);
        assertThat(done.find(OWNER, 0, 13, 11).orderId).isEqualTo(3);
        assertThat(done.size()).isEqualTo(2);
        assertThat(pool).hasSize(1).allSatisfy(state -> assertThat(state.orderId).isZero());
    }

    @Test
    void shouldForgetAnOrderDoneBeforeTheEventWindowAsAProjectionStartedLaterWould()
    {
        final DoneOrders done = new DoneOrders(3, pool, false);
        done.add(order(1, 11), 10);

        assertThat(done.find(OWNER, 1, 0, 13)).isNotNull();
        assertThat(done.find(OWNER, 1, 0, 14)).as("done 4 events before, the window is 3").isNull();
        // Still held (nothing pushed it out), yet not reported: a projection started at event 11 lacks it.
        assertThat(done.size()).isEqualTo(1);
        done.add(order(2, 12), 14);
        assertThat(done.size()).as("forgotten once a later order comes").isEqualTo(1);
    }

    @Test
    void shouldKeepTheNewestOrderUnderAReusedClOrdIdWhenTheOlderIsForgotten()
    {
        final DoneOrders done = new DoneOrders(2, pool, false);
        done.add(order(1, 11), 10);
        done.add(order(2, 11), 11); // the ClOrdID used again once the first order was done
        assertThat(done.find(OWNER, 0, 11, 11).orderId).isEqualTo(2);

        done.add(order(3, 13), 12); // pushes order 1 out

        assertThat(done.find(OWNER, 0, 11, 12).orderId).isEqualTo(2);
    }

    @Test
    void shouldFindAnOrderACancelEndedUnderTheCancelsClOrdIdAndTheOneItHad()
    {
        final DoneOrders done = new DoneOrders(2, pool, false);
        final OrderState cancelled = order(1, 21);
        cancelled.origClOrdId = 11;
        done.add(cancelled, 10);
        assertThat(done.find(OWNER, 0, 21, 10)).isSameAs(cancelled);
        assertThat(done.find(OWNER, 0, 11, 10)).isSameAs(cancelled);

        done.add(order(2, 11), 11); // the ClOrdID it had, used again once it was done
        done.add(order(3, 13), 12); // pushes order 1 out

        assertThat(done.find(OWNER, 0, 11, 12).orderId).isEqualTo(2);
        assertThat(done.find(OWNER, 0, 21, 12)).isNull();
    }

    @Test
    void shouldFindAnOrderByTheClOrdIdItsLastReplaceReplacedOnlyWhenAskedSo()
    {
        final DoneOrders done = new DoneOrders(2, pool, false);
        final OrderState replaced = order(1, 21);
        replaced.replacedClOrdId = 11;
        done.add(replaced, 10);

        assertThat(done.find(OWNER, 0, 11, 10)).as("not a ClOrdID its reports carried").isNull();
        assertThat(done.findByReplacedClOrdId(OWNER, 11, 10)).isSameAs(replaced);
        assertThat(done.findByReplacedClOrdId(OWNER + 1, 11, 10)).isNull();
        assertThat(done.findByReplacedClOrdId(OWNER, 11, 13)).as("done before the event window").isNull();

        done.add(order(2, 12), 11);
        done.add(order(3, 13), 12); // pushes order 1 out
        assertThat(done.findByReplacedClOrdId(OWNER, 11, 12)).isNull();
    }

    /** QA 101: a done order is known by the earlier ClOrdIDs of its chain too, until it is forgotten. */
    @Test
    void shouldFindAnOrderByAClOrdIdItWentByBeforeUntilItIsForgotten()
    {
        final DoneOrders done = new DoneOrders(2, pool, true);
        final EarlierClOrdIds live = new EarlierClOrdIds(4);
        final OrderState chain = order(1, 13);
        live.add(chain, 11); // 11 to 12
        live.add(chain, 12); // 12 to 13
        done.takeEarlierClOrdIds(chain, live);
        done.add(chain, 10);

        assertThat(live.order(OWNER, 11)).as("free for new orders").isNull();
        assertThat(live.size()).isZero();
        assertThat(done.findByEarlierClOrdId(OWNER, 11, 10)).isSameAs(chain);
        assertThat(done.findByEarlierClOrdId(OWNER, 12, 11)).isSameAs(chain);
        assertThat(done.find(OWNER, 0, 11, 10)).as("not a ClOrdID its reports ended with").isNull();
        assertThat(done.findByEarlierClOrdId(OWNER + 1, 11, 10)).isNull();
        assertThat(done.findByEarlierClOrdId(OWNER, 11, 13)).as("done before the event window").isNull();

        done.add(order(2, 21), 11);
        done.add(order(3, 22), 12); // pushes the chain's order out
        assertThat(done.findByEarlierClOrdId(OWNER, 11, 12)).isNull();
        assertThat(done.earlierClOrdIds()).as("released with it").isZero();
    }

    @Test
    void shouldKeepNoEarlierClOrdIdsWhenNotAskedTo()
    {
        final DoneOrders done = new DoneOrders(2, pool, false);
        final EarlierClOrdIds live = new EarlierClOrdIds(4);
        final OrderState chain = order(1, 13);
        live.add(chain, 11);
        done.takeEarlierClOrdIds(chain, live);
        done.add(chain, 10);

        assertThat(live.size()).isZero();
        assertThat(done.findByEarlierClOrdId(OWNER, 11, 10)).isNull();
        assertThat(chain.earlierClOrdIds).isZero();
    }

    @Test
    void shouldNotShowAnotherOwnersOrder()
    {
        final DoneOrders done = new DoneOrders(2, pool, false);
        done.add(order(1, 11), 10);

        assertThat(done.find(OWNER + 1, 1, 0, 10)).isNull();
        assertThat(done.find(OWNER + 1, 0, 11, 10)).isNull();
    }

    @Test
    void shouldPoolAnOrderAtOnceWithCapacityZero()
    {
        final DoneOrders done = new DoneOrders(0, pool, false);
        done.add(order(1, 11), 10);

        assertThat(done.find(OWNER, 1, 0, 10)).isNull();
        assertThat(pool).hasSize(1);
    }

    private static OrderState order(final long orderId, final long clOrdId)
    {
        final OrderState state = new OrderState();
        state.orderId = orderId;
        state.owner = OWNER;
        state.clOrdId = clOrdId;
        state.ordStatus = '2';
        return state;
    }
}

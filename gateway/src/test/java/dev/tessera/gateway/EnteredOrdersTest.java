package dev.tessera.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnteredOrdersTest
{
    @Test
    void shouldFindTheNewestEntryOfAnOwnerAndClOrdIdUntilItsCommandIsRead()
    {
        final EnteredOrders entered = new EnteredOrders(4);
        enter(entered, 10, 1, 100).instrumentId = 1;
        enter(entered, 11, 2, 100);
        enter(entered, 12, 1, 100).instrumentId = 2;

        assertThat(entered.find(1, 100).instrumentId).as("the newest").isEqualTo(2);
        assertThat(entered.find(2, 100).owner).isEqualTo(2);
        assertThat(entered.find(3, 100)).isNull();
        assertThat(entered.find(1, 101)).isNull();

        entered.retire(11);
        assertThat(entered.size()).isEqualTo(1);
        assertThat(entered.find(2, 100)).isNull();
        assertThat(entered.find(1, 100).instrumentId).isEqualTo(2);
        entered.retire(20);
        assertThat(entered.size()).isZero();
        assertThat(entered.find(1, 100)).isNull();
    }

    @Test
    void shouldGrowWhenTheReadingLagsAndKeepEveryEntryInOrder()
    {
        final EnteredOrders entered = new EnteredOrders(4);
        enter(entered, 1, 1, 1);
        enter(entered, 2, 1, 2);
        entered.retire(2); // the ring wraps: the next entries start in the middle
        for (int i = 3; i <= 20; i++)
        {
            enter(entered, i, 1, i);
        }
        assertThat(entered.size()).isEqualTo(18);
        for (int i = 3; i <= 20; i++)
        {
            assertThat(entered.find(1, i)).as("entry %d", i).isNotNull();
        }
        entered.retire(10);
        assertThat(entered.size()).isEqualTo(10);
        assertThat(entered.find(1, 10)).isNull();
        assertThat(entered.find(1, 11).clOrdId).isEqualTo(11);
    }

    @Test
    void shouldKeepFindingTheNewerEntryWhenAnOlderOneUnderTheSameClOrdIdIsRetired()
    {
        final EnteredOrders entered = new EnteredOrders(4);
        enter(entered, 1, 1, 100).instrumentId = 1;
        enter(entered, 2, 1, 100).instrumentId = 2; // the client reused the ClOrdID
        entered.retire(1);
        assertThat(entered.find(1, 100).instrumentId).isEqualTo(2);
        entered.retire(2);
        assertThat(entered.find(1, 100)).isNull();
    }

    @Test
    void shouldFindAReplaceByTheClOrdIdItReplacesUntilItsCommandIsReadOrTheClOrdIdIsTakenAgain()
    {
        final EnteredOrders entered = new EnteredOrders(4);
        final OrderState replace = entered.addReplace(1, 1, 200, 100, 100);
        assertThat(entered.replacing(1, 100)).isSameAs(replace);
        assertThat(entered.find(1, 200)).isSameAs(replace);
        assertThat(entered.replacing(2, 100)).isNull();
        assertThat(entered.replacing(1, 200)).isNull();

        entered.retire(1);
        assertThat(entered.replacing(1, 100)).isNull();

        entered.addReplace(2, 1, 300, 100, 100);
        enter(entered, 3, 1, 100); // the client reused the replaced ClOrdID for a new order
        assertThat(entered.replacing(1, 100)).isNull();
        for (int i = 4; i <= 10; i++)
        {
            entered.addReplace(i, 1, 1000 + i, 500 + i, 500 + i); // grows
        }
        assertThat(entered.replacing(1, 504).clOrdId).isEqualTo(1004);
        entered.retire(5);
        assertThat(entered.replacing(1, 505)).isNull();
        assertThat(entered.replacing(1, 510).clOrdId).isEqualTo(1010);
    }

    @Test
    void shouldFindAReplaceByTheClOrdIdItReplacesAndTheOneItsRequestNamedUntilItsCommandIsRead()
    {
        final EnteredOrders entered = new EnteredOrders(4);
        final OrderState first = entered.addReplace(1, 1, 200, 100, 100);
        // Named by the order's ClOrdID before the first replace, which gives the order 200 first.
        final OrderState second = entered.addReplace(2, 1, 300, 200, 100);
        assertThat(second.replacedClOrdId).isEqualTo(200);
        assertThat(entered.replacing(1, 100)).isSameAs(second);
        assertThat(entered.replacing(1, 200)).isSameAs(second);
        assertThat(entered.find(1, 200)).isSameAs(first);

        entered.retire(1);
        assertThat(entered.replacing(1, 100)).as("the second's, not the first's to retire").isSameAs(second);
        assertThat(entered.replacing(1, 200)).isSameAs(second);
        entered.retire(2);
        assertThat(entered.replacing(1, 100)).isNull();
        assertThat(entered.replacing(1, 200)).isNull();
        assertThat(entered.hasReplacesInFlight()).isFalse();
    }

    @Test
    void shouldResetAReusedEntry()
    {
        final EnteredOrders entered = new EnteredOrders(2);
        final OrderState first = enter(entered, 1, 1, 1);
        first.postOnly = true;
        first.orderId = 7;
        entered.retire(1);
        final OrderState reused = entered.add(2, 1, 2);
        assertThat(reused.postOnly).isFalse();
        assertThat(reused.orderId).isZero();
        assertThat(reused.ordStatus).isEqualTo(EnteredOrders.PENDING_NEW);
        assertThatThrownBy(() -> new EnteredOrders(3)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A mass cancel takes its owner's orders of its instrument (of every one for 0) that are older than it: the
     * projection's, or new orders entered ahead of it; not one entered after it, nor another owner's. Until read back.
     */
    @Test
    void shouldFindTheOrdersAMassCancelEnteredAfterThemWillTakeUntilItIsRead()
    {
        final EnteredOrders entered = new EnteredOrders(2);
        final OrderState projected = new OrderState();
        projected.owner = 1;
        projected.instrumentId = 7;
        final OrderState otherInstrument = new OrderState();
        otherInstrument.owner = 1;
        otherInstrument.instrumentId = 8;
        final OrderState otherOwner = new OrderState();
        otherOwner.owner = 2;
        otherOwner.instrumentId = 7;
        assertThat(entered.massCancelling(projected)).as("none in flight").isFalse();

        final OrderState before = enter(entered, 1, 1, 100);
        before.instrumentId = 7;
        entered.addMassCancel(2, 1, 200, 7);
        final OrderState after = enter(entered, 3, 1, 101); // grows
        after.instrumentId = 7;
        assertThat(entered.massCancelling(projected)).isTrue();
        assertThat(entered.massCancelling(before)).isTrue();
        assertThat(entered.massCancelling(after)).as("entered after the mass cancel").isFalse();
        assertThat(entered.massCancelling(otherInstrument)).isFalse();
        assertThat(entered.massCancelling(otherOwner)).isFalse();
        assertThat(entered.find(1, 200)).as("a mass cancel's ClOrdID names no order").isNull();
        assertThat(entered.cancel(1, 200)).isNull();

        entered.addMassCancel(4, 1, 0, 0);
        assertThat(entered.massCancelling(otherInstrument)).as("every instrument").isTrue();
        assertThat(entered.massCancelling(after)).isTrue();

        entered.retire(4);
        assertThat(entered.massCancelling(projected)).as("read back").isFalse();
        assertThat(entered.size()).isZero();
    }

    private static OrderState enter(final EnteredOrders entered, final long commandSequence, final long owner,
        final long clOrdId)
    {
        return entered.add(commandSequence, owner, clOrdId);
    }
}

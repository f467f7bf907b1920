package dev.tessera.engine;

import dev.tessera.engine.EngineDriver.RestingOrder;
import dev.tessera.engine.EngineEvent.CancelRejected;
import dev.tessera.engine.EngineEvent.Cancelled;
import dev.tessera.engine.EngineEvent.MassCancelCompleted;
import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.RejectReason;
import dev.tessera.engine.codec.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tessera.engine.TestInstruments.AAPL;
import static dev.tessera.engine.TestInstruments.MSFT;
import static org.assertj.core.api.Assertions.assertThat;

class CancelTest
{
    private static final long ALICE = 1;
    private static final long BOB = 2;

    private final EngineDriver driver = new EngineDriver(TestInstruments.aapl(), TestInstruments.msft());

    @Test
    void shouldCancelARestingOrderByOrderId()
    {
        driver.limit(ALICE, AAPL, 10, Side.BUY, 10_000, 100);

        final List<EngineEvent> events = driver.cancel(ALICE, 1, 11);

        assertThat(events).containsExactly(new Cancelled(
            2, driver.timestampOf(2), 1, ALICE, 10, 11, AAPL, Side.BUY, 100, CancelReason.USER_REQUESTED));
        assertThat(driver.restingOrders(AAPL)).isEmpty();
        assertThat(driver.engine().liveOrderCount()).isZero();
    }

    @Test
    void shouldCancelOnlyTheLeavesOfAPartiallyFilledOrder()
    {
        driver.limit(ALICE, AAPL, 10, Side.BUY, 10_000, 100);
        driver.limit(BOB, AAPL, 20, Side.SELL, 10_000, 30);

        assertThat(driver.cancelByClientOrderId(ALICE, 10, 11)).singleElement().isInstanceOfSatisfying(Cancelled.class,
            cancelled -> assertThat(cancelled.cancelledQuantity()).isEqualTo(70));
    }

    @Test
    void shouldRejectCancelOfAnUnknownOrFinishedOrder()
    {
        driver.limit(ALICE, AAPL, 10, Side.BUY, 10_000, 100);
        driver.cancel(ALICE, 1, 11);

        assertCancelRejected(driver.cancel(ALICE, 1, 12), RejectReason.UNKNOWN_ORDER);
        assertCancelRejected(driver.cancel(ALICE, 42, 13), RejectReason.UNKNOWN_ORDER);
        assertCancelRejected(driver.cancelByClientOrderId(ALICE, 10, 14), RejectReason.UNKNOWN_ORDER);
    }

    @Test
    void shouldRejectCancelOfAnotherOwnersOrder()
    {
        driver.limit(ALICE, AAPL, 10, Side.BUY, 10_000, 100);

        assertCancelRejected(driver.cancel(BOB, 1, 20), RejectReason.NOT_ORDER_OWNER);
        assertCancelRejected(driver.cancelByClientOrderId(BOB, 10, 21), RejectReason.UNKNOWN_ORDER);
        assertThat(driver.restingOrders(AAPL)).hasSize(1);
    }

    @Test
    void shouldMassCancelEveryLiveOrderOfTheOwnerOnly()
    {
        driver.limit(ALICE, AAPL, 10, Side.BUY, 10_000, 100);
        driver.limit(BOB, AAPL, 20, Side.BUY, 10_000, 100);
        driver.limit(ALICE, MSFT, 11, Side.SELL, 10_100, 100);
        driver.limit(ALICE, AAPL, 12, Side.SELL, 10_200, 100);

        final List<EngineEvent> events = driver.massCancel(ALICE, 99, 0);

        assertThat(events).hasSize(4);
        assertThat(events.subList(0, 3)).extracting(e -> ((Cancelled)e).orderId()).containsExactly(1L, 3L, 4L);
        assertThat(events.subList(0, 3)).allSatisfy(e ->
        {
            assertThat(((Cancelled)e).reason()).isEqualTo(CancelReason.MASS_CANCEL);
            assertThat(((Cancelled)e).requestClientOrderId()).isEqualTo(99);
        });
        assertThat(events.get(3)).isInstanceOfSatisfying(MassCancelCompleted.class,
            done -> assertThat(done.cancelledCount()).isEqualTo(3));
        assertThat(driver.restingOrders(AAPL)).extracting(RestingOrder::owner).containsExactly(BOB);
        assertThat(driver.restingOrders(MSFT)).isEmpty();
    }

    @Test
    void shouldMassCancelInTheOrderTheOrdersLastCameToRest()
    {
        for (int i = 0; i < 8; i++)
        {
            driver.limit(ALICE, AAPL, 10 + i, Side.BUY, 10_000 - 100L * i, 100);
        }
        // Orders 6, 2 and 4 move (a new price loses priority), in that order; order 5 only shrinks and keeps its place.
        driver.replace(ALICE, 6, 20, 9_000, 100);
        driver.replace(ALICE, 2, 21, 9_100, 100);
        driver.replace(ALICE, 5, 22, 9_600, 50);
        driver.replace(ALICE, 4, 23, 9_200, 100);

        final List<EngineEvent> first = driver.massCancel(ALICE, 98, MSFT);
        assertThat(first).singleElement().isInstanceOf(MassCancelCompleted.class);
        // The order that is last moves again, and a new order comes after all.
        driver.replace(ALICE, 4, 24, 9_300, 100);
        driver.replace(ALICE, 1, 25, 8_000, 100);
        driver.limit(ALICE, AAPL, 30, Side.BUY, 7_000, 100);

        final List<EngineEvent> events = driver.massCancel(ALICE, 99, 0);

        assertThat(events.subList(0, events.size() - 1)).extracting(e -> ((Cancelled)e).orderId())
            .containsExactly(3L, 5L, 7L, 8L, 6L, 2L, 4L, 1L, 9L);
    }

    @Test
    void shouldMassCancelOneInstrument()
    {
        driver.limit(ALICE, AAPL, 10, Side.BUY, 10_000, 100);
        driver.limit(ALICE, MSFT, 11, Side.BUY, 10_000, 100);

        final List<EngineEvent> events = driver.massCancel(ALICE, 99, MSFT);

        assertThat(events).hasSize(2);
        assertThat(driver.restingOrders(AAPL)).hasSize(1);
        assertThat(driver.restingOrders(MSFT)).isEmpty();
    }

    @Test
    void shouldCompleteAMassCancelWithNothingToCancel()
    {
        assertThat(driver.massCancel(ALICE, 99, 0)).singleElement().isInstanceOfSatisfying(MassCancelCompleted.class,
            done -> assertThat(done.cancelledCount()).isZero());
    }

    @Test
    void shouldRejectAMassCancelOfAnUnknownInstrument()
    {
        driver.limit(ALICE, AAPL, 10, Side.BUY, 10_000, 100);

        assertCancelRejected(driver.massCancel(ALICE, 99, 77), RejectReason.UNKNOWN_INSTRUMENT);
        assertThat(driver.restingOrders(AAPL)).hasSize(1);
    }

    private static void assertCancelRejected(final List<EngineEvent> events, final RejectReason reason)
    {
        assertThat(events).singleElement().isInstanceOfSatisfying(CancelRejected.class,
            rejected -> assertThat(rejected.reason()).isEqualTo(reason));
    }
}

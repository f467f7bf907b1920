package dev.tessera.perf.fix;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OrderFlowTest
{
    private static final long REFERENCE = 19_000;

    @Test
    void shouldProduceTheSameRequestsForTheSameSeed()
    {
        assertThat(requests(42, 5_000)).isEqualTo(requests(42, 5_000));
        assertThat(requests(42, 5_000)).isNotEqualTo(requests(43, 5_000));
    }

    @Test
    void shouldRestInsideTheBandWithoutEverCrossing()
    {
        final OrderFlow flow = new OrderFlow(1, 16, REFERENCE, 50, 100);
        for (long clOrdId = 1; clOrdId <= 100_000; clOrdId++)
        {
            flow.next(clOrdId);
            if (flow.kind() == OrderFlow.NEW_ORDER)
            {
                if (flow.side() == OrderFlow.BUY)
                {
                    assertThat(flow.priceTicks()).isBetween(REFERENCE - 50, REFERENCE - 1);
                }
                else
                {
                    assertThat(flow.side()).isEqualTo(OrderFlow.SELL);
                    assertThat(flow.priceTicks()).isBetween(REFERENCE + 1, REFERENCE + 50);
                }
                assertThat(flow.orderQty()).isBetween(1L, 100L);
            }
        }
    }

    @Test
    void shouldCancelOnlyLiveOrdersOldestFirstAndKeepTheBookBounded()
    {
        final OrderFlow flow = new OrderFlow(9, 16, REFERENCE, 50, 100);
        final Deque<long[]> live = new ArrayDeque<>();
        int cancels = 0;
        for (long clOrdId = 1; clOrdId <= 100_000; clOrdId++)
        {
            flow.next(clOrdId);
            if (flow.kind() == OrderFlow.NEW_ORDER)
            {
                assertThat(flow.origClOrdId()).isZero();
                live.addLast(new long[]{clOrdId, flow.side(), flow.orderQty()});
            }
            else
            {
                cancels++;
                final long[] oldest = live.removeFirst();
                assertThat(flow.origClOrdId()).isEqualTo(oldest[0]);
                assertThat((long)flow.side()).isEqualTo(oldest[1]);
                assertThat(flow.orderQty()).isEqualTo(oldest[2]);
            }
            assertThat(live).hasSizeLessThanOrEqualTo(16);
            assertThat(flow.liveOrders()).isEqualTo(live.size());
        }
        // Half and half in the long run (a random walk between 0 and 16 live orders).
        assertThat(cancels).isBetween(49_000, 51_000);
    }

    private static List<String> requests(final long seed, final int count)
    {
        final OrderFlow flow = new OrderFlow(seed, 8, REFERENCE, 50, 100);
        final List<String> requests = new ArrayList<>();
        for (long clOrdId = 1; clOrdId <= count; clOrdId++)
        {
            flow.next(clOrdId);
            requests.add(flow.kind() + " " + flow.side() + " " + flow.priceTicks() + " " + flow.orderQty() + " " + flow.origClOrdId());
        }
        return requests;
    }
}

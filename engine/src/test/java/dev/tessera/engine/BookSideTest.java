package dev.tessera.engine;

import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A side's levels against a sorted map of price to order count, through growth past the first
 * table (more than 256 levels), level removal from the middle and the end, and ticks of any size.
 */
class BookSideTest
{
    @Property(tries = 200)
    void shouldKeepLevelsSortedAndFindEveryPrice(
        @ForAll final boolean buy,
        @ForAll @LongRange(min = 1, max = 1_000_000) final long tick,
        @ForAll @IntRange(min = 1, max = 3_000) final int distinctPrices,
        @ForAll final long seed)
    {
        final Side sideOf = buy ? Side.BUY : Side.SELL;
        final BookSide side = new BookSide(sideOf, new Pool<>(PriceLevel::new, 16));
        final TreeMap<Long, List<Order>> model = new TreeMap<>();
        final SplittableRandom random = new SplittableRandom(seed);
        long nextId = 1;
        for (int step = 0; step < 4 * distinctPrices; step++)
        {
            if (model.isEmpty() || random.nextInt(3) != 0)
            {
                final long price = tick * (1 + random.nextInt(distinctPrices));
                final Order order = order(nextId++, sideOf, price);
                side.add(order);
                model.computeIfAbsent(price, p -> new ArrayList<>()).add(order);
            }
            else
            {
                final List<Long> prices = new ArrayList<>(model.keySet());
                final long price = prices.get(random.nextInt(prices.size()));
                final List<Order> queue = model.get(price);
                final Order order = queue.remove(random.nextInt(queue.size()));
                side.remove(order);
                if (queue.isEmpty())
                {
                    model.remove(price);
                }
            }
        }

        final List<Long> bestFirst = new ArrayList<>(buy ? model.descendingKeySet() : model.navigableKeySet());
        assertThat(side.levelCount()).isEqualTo(bestFirst.size());
        for (int depth = 0; depth < bestFirst.size(); depth++)
        {
            final PriceLevel level = side.level(depth);
            assertThat(level.price).isEqualTo(bestFirst.get(depth));
            assertThat(level.orderCount).isEqualTo(model.get(level.price).size());
        }
        // A new order at every live price joins its level rather than making another.
        for (final long price : bestFirst)
        {
            side.add(order(nextId++, sideOf, price));
        }
        assertThat(side.levelCount()).isEqualTo(bestFirst.size());
    }

    private static Order order(final long orderId, final Side side, final long price)
    {
        final Order order = new Order();
        order.init(orderId, 1, orderId, null, side, OrderType.LIMIT, TimeInForce.GTC, false, price, 100);
        return order;
    }
}

package dev.tessera.engine;

import dev.tessera.engine.EngineEvent.Accepted;
import dev.tessera.engine.EngineEvent.Rejected;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.RejectReason;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tessera.engine.TestInstruments.AAPL;
import static org.assertj.core.api.Assertions.assertThat;

class PostOnlyTest
{
    private final EngineDriver driver = new EngineDriver(TestInstruments.aapl());

    private List<EngineEvent> postOnly(final long clientOrderId, final Side side, final long price)
    {
        return driver.newOrder(2, AAPL, clientOrderId, side, OrderType.LIMIT, TimeInForce.GTC, true, price, 100);
    }

    @Test
    void shouldRejectAPostOnlyThatWouldTakeLiquidity()
    {
        driver.limit(1, AAPL, 1, Side.SELL, 10_000, 100);

        assertThat(postOnly(1, Side.BUY, 10_000)).singleElement().isInstanceOfSatisfying(Rejected.class,
            rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.POST_ONLY_WOULD_TAKE));
        assertThat(postOnly(2, Side.BUY, 10_050)).singleElement().isInstanceOf(Rejected.class);
        assertThat(driver.restingOrders(AAPL)).hasSize(1);
    }

    @Test
    void shouldRestAPostOnlyThatDoesNotCross()
    {
        driver.limit(1, AAPL, 1, Side.SELL, 10_000, 100);

        assertThat(postOnly(1, Side.BUY, 9_999)).singleElement().isInstanceOfSatisfying(Accepted.class,
            accepted -> assertThat(accepted.postOnly()).isTrue());
        assertThat(postOnly(2, Side.SELL, 10_000)).singleElement().isInstanceOf(Accepted.class);
        assertThat(driver.restingOrders(AAPL)).hasSize(3);
    }

    @Test
    void shouldRestAPostOnlyOnAnEmptyBook()
    {
        assertThat(postOnly(1, Side.SELL, 10_000)).singleElement().isInstanceOf(Accepted.class);
    }
}

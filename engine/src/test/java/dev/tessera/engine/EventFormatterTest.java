package dev.tessera.engine;

import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tessera.engine.TestInstruments.AAPL;
import static org.assertj.core.api.Assertions.assertThat;

class EventFormatterTest
{
    private final EngineDriver driver = new EngineDriver(TestInstruments.aapl());
    private final EventFormatter formatter = new EventFormatter(List.of(TestInstruments.aapl()));

    @Test
    void shouldShowExpiredOrdersAndTheEndOfDay()
    {
        driver.newOrder(7, AAPL, 70, Side.BUY, OrderType.LIMIT, TimeInForce.DAY, false, 10_000, 5);
        driver.endOfDay(0);

        assertThat(formatter.format(driver.engine().events())).isEqualTo(
            "#2 CANCELLED  " + TestInstruments.aapl().symbol() + " BUY 5  EXPIRED  order 1 owner 7 clOrd 70\n" +
            "#3 END-OF-DAY 1 DAY orders expired  all instruments\n");

        driver.endOfDay(AAPL);
        assertThat(formatter.format(driver.engine().events())).isEqualTo(
            "#4 END-OF-DAY 0 DAY orders expired  " + TestInstruments.aapl().symbol() + "\n");
    }

    /** A refused mass cancel or end of day names no order: shown as what it refuses, not as "order 0 origClOrd 0". */
    @Test
    void shouldShowAMassCancelOrEndOfDayOfAnUnknownInstrumentAsSuch()
    {
        driver.massCancel(9, 90, AAPL + 1);
        assertThat(formatter.format(driver.engine().events()))
            .isEqualTo("#1 CXL-REJECT UNKNOWN_INSTRUMENT  mass cancel  owner 9 clOrd 90\n");

        driver.endOfDay(AAPL + 1);
        assertThat(formatter.format(driver.engine().events())).isEqualTo("#2 CXL-REJECT UNKNOWN_INSTRUMENT  end of day\n");
    }

    /** A refused cancel or replace shows the order as the request named it, no "order 0" for a field left out. */
    @Test
    void shouldShowARefusedRequestsOrderAsTheRequestNamedIt()
    {
        driver.replaceByClientOrderId(7, 99, 71, 10_000, 5);
        assertThat(formatter.format(driver.engine().events()))
            .isEqualTo("#1 RPL-REJECT UNKNOWN_ORDER  origClOrd 99 owner 7\n");

        driver.cancel(7, 42, 72);
        assertThat(formatter.format(driver.engine().events())).isEqualTo("#2 CXL-REJECT UNKNOWN_ORDER  order 42 owner 7\n");
    }
}

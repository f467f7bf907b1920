package dev.tessera.gateway;

import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.ExecType;
import quickfix.field.LeavesQty;
import quickfix.field.OrdStatus;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TimeInForce;
import quickfix.fix44.OrderStatusRequest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static dev.tessera.gateway.QuickFixEndToEndTest.limit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end of the trading day seen by a QuickFIX/J client, whose data dictionary validates every
 * report: a DAY order expires (ExecType=C, OrdStatus=C), a GTC order stays. The day end is an hour
 * after the real time the test starts; a test clock, starting at that real time, is moved past it.
 */
@Timeout(120)
class QuickFixDayEndTest
{
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    @TempDir
    Path directory;

    private final long startMs = Instant.now().truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
    private final long dayEndMs = startMs + Duration.ofHours(1).toMillis();
    private final CachedEpochClock clock = new CachedEpochClock();
    private TestExchange exchange;
    private QuickFixClient client;

    private void startExchange()
    {
        clock.update(startMs);
        // The client stays logged on over the restart: without cancel-on-disconnect its orders await the day end.
        exchange = TestExchange.start(directory.resolve("exchange"),
            Map.of("trading.dayEnd", TIME_OF_DAY.format(Instant.ofEpochMilli(dayEndMs)),
                "gateway.cancelOnDisconnect", "false"), clock);
    }

    @AfterEach
    void stop()
    {
        if (client != null)
        {
            client.close();
        }
        if (exchange != null)
        {
            exchange.close();
        }
    }

    @Test
    void shouldExpireTheDayOrderAndKeepTheGtcOrderWhenTheDayEnds() throws Exception
    {
        startExchange();
        client = QuickFixClient.logon(exchange.port(), "CLIENT1", "client1-secret", directory.resolve("qfj"));
        restDayAndGtcOrders();

        clock.update(dayEndMs - 1);
        Thread.sleep(5 * DayEndAgent.CHECK_INTERVAL_MS);
        assertThat(client.pending()).as("nothing before the day end").isEmpty();

        clock.update(dayEndMs);
        assertExpired(client.await(message -> "D1".equals(QuickFixEndToEndTest.stringOf(message, ClOrdID.FIELD)),
            Duration.ofSeconds(10)));
        assertGtcOrderStillLive();
        exchange.awaitLog("day end:", 1, Duration.ofSeconds(10));
        assertThat(exchange.log).filteredOn(line -> line.startsWith("day end:")).hasSize(1);
        exchange.awaitLog("gateway: the day end expired", 1, Duration.ofSeconds(10));
        assertThat(exchange.log).filteredOn(line -> line.startsWith("gateway: the day end expired"))
            .singleElement().asString().startsWith("gateway: the day end expired 1 resting DAY order(s) (command ");
        assertThat(client.rejectsSent()).as("every report passed QuickFIX/J's data dictionary").isEmpty();
    }

    @Test
    void shouldExpireAtStartUpWhenTheServerWasDownOverTheDayEnd() throws Exception
    {
        startExchange();
        client = QuickFixClient.connect(exchange.port(), "CLIENT1", "client1-secret", directory.resolve("persistent"),
            false);
        client.awaitLoggedOn(Duration.ofSeconds(15));
        restDayAndGtcOrders();

        exchange.stop();
        clock.update(dayEndMs + Duration.ofHours(2).toMillis());
        exchange.restart();
        client.awaitLoggedOn(Duration.ofSeconds(20));

        // Entered while nobody was connected: it reaches the client when it logs on again (resent from the journal).
        assertExpired(client.await(message -> "D1".equals(QuickFixEndToEndTest.stringOf(message, ClOrdID.FIELD)),
            Duration.ofSeconds(20)));
        assertGtcOrderStillLive();
        exchange.awaitLog("day end:", 1, Duration.ofSeconds(10));
        assertThat(exchange.log).filteredOn(line -> line.startsWith("day end:")).hasSize(1);
        assertThat(client.rejectsSent()).isEmpty();
        // Not repeating a journaled EndOfDay on a later restart is DayEndAgentTest's: here the journal's
        // stamps come from the real clock and the day end from the test clock.
    }

    private void restDayAndGtcOrders() throws Exception
    {
        client.send(limit("D1", Side.BUY, 10, "189.00", TimeInForce.DAY));
        assertThat(client.await("8").getChar(ExecType.FIELD)).isEqualTo(ExecType.NEW);
        client.send(limit("G1", Side.BUY, 10, "188.00", TimeInForce.GOOD_TILL_CANCEL));
        assertThat(client.await("8").getChar(ExecType.FIELD)).isEqualTo(ExecType.NEW);
    }

    private static void assertExpired(final Message report) throws Exception
    {
        assertThat(report.getChar(ExecType.FIELD)).isEqualTo(ExecType.EXPIRED);
        assertThat(report.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.EXPIRED);
        assertThat(report.getDecimal(LeavesQty.FIELD)).isEqualByComparingTo("0");
        assertThat(report.getDecimal(CumQty.FIELD)).isEqualByComparingTo("0");
        assertThat(report.getString(Text.FIELD)).isEqualTo("expired");
    }

    /** Its status answers New, and no report about it came before. */
    private void assertGtcOrderStillLive() throws Exception
    {
        final OrderStatusRequest status = new OrderStatusRequest(new ClOrdID("G1"), new Side(Side.BUY));
        status.set(new Symbol("AAPL"));
        client.send(status);
        final Message statusReport = client.await(message -> "G1".equals(QuickFixEndToEndTest.stringOf(message,
            ClOrdID.FIELD)), Duration.ofSeconds(10));
        assertThat(statusReport.getChar(ExecType.FIELD)).as("the first report about G1 is its status")
            .isEqualTo(ExecType.ORDER_STATUS);
        assertThat(statusReport.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.NEW);
    }
}

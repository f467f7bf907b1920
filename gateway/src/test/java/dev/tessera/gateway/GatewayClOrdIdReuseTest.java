package dev.tessera.gateway;

import dev.tessera.fix.MsgTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static dev.tessera.gateway.RawFixClient.TRANSACT_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cancel or replace needs a ClOrdID of its own, also one that does not name its order by that ClOrdID as its
 * OrigClOrdID (GatewayBadInputTest has that case): not the order's current ClOrdID (the engine would take a replace
 * to it as keeping the id, as LOBSTER's partial cancels and older journals mean it) and not the ClOrdID the order had
 * before its last replace (A replaced to B, then B back to A; the gateway, which the engine cannot, sees that one). Each gets OrderCancelReject 102=6 and
 * leaves the order as it was.
 */
@Timeout(60)
class GatewayClOrdIdReuseTest
{
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    private TestExchange exchange;

    @BeforeEach
    void start()
    {
        exchange = TestExchange.start(directory);
    }

    @AfterEach
    void stop()
    {
        exchange.close();
    }

    @Test
    void shouldRejectAReplaceOrCancelBackToTheClOrdIdTheOrderHadBeforeItsLastReplace() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final String orderId = rests(client, "a1");
            replaced(client, "a1", "b1", "189.10");

            client.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, replace("b1", "a1", "189.20"));
            assertDuplicate(client.await("9"), "2", "a1", "b1", orderId, EARLIER);
            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=b1|11=a1|55=AAPL|54=1|38=10" + TRANSACT_TIME);
            assertDuplicate(client.await("9"), "1", "a1", "b1", orderId, EARLIER);

            assertPrice(client, "b1", "189.1");
            // Any ClOrdID the gateway does not know the order by is the request's own.
            replaced(client, "b1", "c1", "189.30");
        }
    }

    @Test
    void shouldRejectAReplaceBackToTheClOrdIdAReplaceNotYetAcknowledgedReplaces() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final String orderId = rests(client, "p1");

            // In one write: the gateway handles the second before it reads the first one's outcome.
            client.sendTogether(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, replace("p1", "p2", "189.10"),
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, replace("p2", "p1", "189.20"));
            final RawFixClient.Msg reject = client.await(msg -> "9".equals(msg.type()), WAIT);
            assertThat(reject.get(434)).isEqualTo("2");
            assertThat(reject.get(102)).as("CxlRejReason: duplicate ClOrdID").isEqualTo("6");
            assertThat(reject.get(11)).isEqualTo("p1");
            assertThat(reject.get(39)).as("the first replace is pending").isEqualTo("E");
            assertThat(reject.get(58)).isEqualTo(EARLIER);
            assertThat(reject.get(37)).isEqualTo(orderId);
            assertThat(client.await(msg -> "p2".equals(msg.get(11)), WAIT).get(150)).isEqualTo("5");

            assertPrice(client, "p2", "189.1");
        }
    }

    /**
     * The order's current ClOrdID as a replace's new one, the order named by OrderID(37) or by the ClOrdID its last
     * replace replaced: the 11 = 41 check does not see it, and the engine would replace the order keeping the ClOrdID
     * it had. A cancel the same way: the engine lets a cancel carry its order's own id.
     */
    @Test
    void shouldRejectAReplaceToTheOrdersCurrentClOrdIdHoweverItNamesTheOrder() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final String orderId = rests(client, "c1");
            replaced(client, "c1", "c2", "189.10");

            client.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "37=" + orderId + "|" + replace("c1", "c2", "189.20"));
            assertDuplicate(client.await("9"), "2", "c2", "c1", orderId, EARLIER);
            // FIX 4.4: a request may name the order by the last ClOrdID acknowledged, crossing the replace's report.
            client.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, replace("c1", "c2", "189.30"));
            assertDuplicate(client.await("9"), "2", "c2", "c1", orderId, EARLIER);
            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "37=" + orderId + "|41=c1|11=c2|55=AAPL|54=1|38=10" +
                TRANSACT_TIME);
            assertDuplicate(client.await("9"), "1", "c2", "c1", orderId, EARLIER);

            assertPrice(client, "c2", "189.1");
        }
    }

    private static final String EARLIER = "ClOrdID(11) is one the order goes or went by: a cancel or replace needs a " +
        "new ClOrdID of its own";

    private static void assertDuplicate(final RawFixClient.Msg reject, final String responseTo, final String clOrdId,
        final String origClOrdId, final String orderId, final String text)
    {
        assertThat(reject.get(434)).as("CxlRejResponseTo of %s", reject).isEqualTo(responseTo);
        assertThat(reject.get(102)).as("CxlRejReason: duplicate ClOrdID").isEqualTo("6");
        assertThat(reject.get(11)).isEqualTo(clOrdId);
        assertThat(reject.get(41)).isEqualTo(origClOrdId);
        assertThat(reject.get(37)).isEqualTo(orderId);
        assertThat(reject.get(39)).as("the order is live, unchanged").isIn("0", "5");
        assertThat(reject.get(58)).isEqualTo(text);
    }

    /** The order, by the ClOrdID it goes by, still rests at {@code price}: no request above changed it. */
    private static void assertPrice(final RawFixClient client, final String clOrdId, final String price)
        throws Exception
    {
        client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=" + clOrdId + "|55=AAPL|54=1");
        final RawFixClient.Msg status = client.await(msg -> "I".equals(msg.get(150)), WAIT);
        assertThat(status.get(11)).isEqualTo(clOrdId);
        assertThat(status.get(39)).as("%s", status).isIn("0", "5");
        assertThat(status.get(44)).isEqualTo(price);
        client.drain(Duration.ofMillis(200));
        assertThat(client.all()).as("nothing else was replaced or cancelled")
            .noneMatch(msg -> "8".equals(msg.type()) && !"I".equals(msg.get(150)));
    }

    /** Buy 10 @ 189.00; its OrderID. */
    private static String rests(final RawFixClient client, final String clOrdId) throws Exception
    {
        client.send(MsgTypes.NEW_ORDER_SINGLE, "11=" + clOrdId + "|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" +
            TRANSACT_TIME);
        final RawFixClient.Msg ack = client.await(msg -> clOrdId.equals(msg.get(11)), WAIT);
        assertThat(ack.get(150)).isEqualTo("0");
        return ack.get(37);
    }

    private static void replaced(final RawFixClient client, final String origClOrdId, final String clOrdId,
        final String price) throws Exception
    {
        client.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, replace(origClOrdId, clOrdId, price));
        assertThat(client.await(msg -> clOrdId.equals(msg.get(11)), WAIT).get(150)).isEqualTo("5");
    }

    private static String replace(final String origClOrdId, final String clOrdId, final String price)
    {
        return "41=" + origClOrdId + "|11=" + clOrdId + "|55=AAPL|54=1|38=10|40=2|44=" + price + "|59=1" +
            TRANSACT_TIME;
    }
}

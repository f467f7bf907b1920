package dev.tessera.gateway;

import dev.tessera.fix.MsgTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A possible resend (PossResend(97)=Y) of a NewOrderSingle whose order was accepted, and is done too long ago to be
 * remembered in full ({@code gateway.doneOrders}), is not entered a second time: it gets a BusinessMessageReject naming
 * the ClOrdID (one replaced since, and so going by another ClOrdID, gets its status). So also after a restart from a snapshot that
 * holds none of those orders, once the gateway has read the history before it. The same for an order the engine
 * rejected: a possible resend of it is not decided a second time. A possible resend of an order never seen is entered.
 */
@Timeout(120)
class GatewayForgottenResendTest
{
    private static final String TRANSACT_TIME = "|60=20261122-08:00:00.000";

    @TempDir
    Path directory;

    @Test
    void shouldNotEnterAResendOfAnOrderDoneTooLongAgoOrReplacedASecondTime() throws Exception
    {
        try (TestExchange exchange = TestExchange.start(directory, Map.of("gateway.doneOrders", "1",
            "gateway.cancelOnDisconnect", "false"));
            RawFixClient seller = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret");
            RawFixClient buyer = RawFixClient.loggedOn(exchange.port(), "CLIENT2", "client2-secret"))
        {
            fillS1(seller, buyer);
            rests(seller, "S2", "200.00");
            rests(seller, "S3", "201.00");
            seller.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST,
                "41=S3|11=S3R|55=AAPL|54=2|38=2|40=2|44=201.00" + TRANSACT_TIME);
            assertThat(seller.await(msg -> "S3R".equals(msg.get(11)), Duration.ofSeconds(10)).get(150)).isEqualTo("5");

            seller.send(MsgTypes.NEW_ORDER_SINGLE, "97=Y|" + sell("S1", "190.00"));
            assertRefusedAsResendOfForgotten(seller.await("j"), "S1");
            // QA 103: an order replaced since is live and known by its earlier ClOrdID: its status, not "not kept".
            seller.send(MsgTypes.NEW_ORDER_SINGLE, "97=Y|" + sell("S3", "201.00"));
            final RawFixClient.Msg status = seller.await(msg -> "I".equals(msg.get(150)), Duration.ofSeconds(10));
            assertThat(status.get(11)).as("%s", status).isEqualTo("S3R");
            assertThat(status.get(39)).isEqualTo("0");
            assertThat(status.get(38)).isEqualTo("2");

            seller.send(MsgTypes.NEW_ORDER_SINGLE, "97=Y|" + sell("S4", "202.00"));
            assertThat(seller.await(msg -> "S4".equals(msg.get(11)), Duration.ofSeconds(10)).get(150))
                .as("a possible resend of an order never seen is entered").isEqualTo("0");
            assertNoOtherNewOrder(seller);
        }
    }

    @Test
    void shouldNotEnterAResendOfAnOrderTheEngineRejected() throws Exception
    {
        try (TestExchange exchange = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false"));
            RawFixClient seller = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            rejected(seller, "R1");

            // The same order again, and one that would now pass (a corrected price): both are the order decided.
            seller.send(MsgTypes.NEW_ORDER_SINGLE, "97=Y|" + sell("R1", "300.00"));
            assertRefusedAsResendOfForgotten(seller.await("j"), "R1");
            seller.send(MsgTypes.NEW_ORDER_SINGLE, "43=Y|122=20261122-08:00:00.000|" + sell("R1", "200.00"));
            assertRefusedAsResendOfForgotten(seller.await("j"), "R1");
            assertNoOtherNewOrder(seller);

            // Not a resend: the ClOrdID of a rejected order is no live order's, so it may be used again.
            rests(seller, "R1", "200.00");
        }
    }

    @Test
    void shouldNotEnterAResendOfAnOrderAcceptedBeforeTheSnapshotARestartStartsFrom() throws Exception
    {
        final Map<String, String> settings = Map.of("gateway.doneOrders", "1", "gateway.cancelOnDisconnect", "false",
            "journal.snapshotIntervalRecords", "1", "journal.snapshotsToKeep", "20");
        try (TestExchange exchange = TestExchange.start(directory, settings))
        {
            try (RawFixClient seller = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret");
                RawFixClient buyer = RawFixClient.loggedOn(exchange.port(), "CLIENT2", "client2-secret"))
            {
                fillS1(seller, buyer);
                rejected(seller, "R1");
                rests(seller, "S2", "200.00");
                rests(seller, "S3", "201.00");
                rests(seller, "S4", "202.00");
            }
            exchange.restart();

            assertThat(exchange.log).anySatisfy(line -> assertThat(line).startsWith("gateway: ")
                .contains("journal records read").contains("from snapshot"));
            exchange.awaitLog("orders accepted or rejected before snapshot", 1, Duration.ofSeconds(10));
            try (RawFixClient seller = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
            {
                seller.send(MsgTypes.NEW_ORDER_SINGLE, "97=Y|" + sell("S1", "190.00"));
                assertRefusedAsResendOfForgotten(seller.await("j"), "S1");
                seller.send(MsgTypes.NEW_ORDER_SINGLE, "97=Y|" + sell("R1", "200.00"));
                assertRefusedAsResendOfForgotten(seller.await("j"), "R1");
                seller.send(MsgTypes.NEW_ORDER_SINGLE, "97=Y|" + sell("S5", "203.00"));
                assertThat(seller.await(msg -> "S5".equals(msg.get(11)), Duration.ofSeconds(10)).get(150))
                    .isEqualTo("0");
                assertNoOtherNewOrder(seller);
            }
        }
    }

    /** After every answer awaited: nothing else is on its way, least of all the acknowledgement of a second order. */
    private static void assertNoOtherNewOrder(final RawFixClient client) throws Exception
    {
        client.send(MsgTypes.TEST_REQUEST, "112=in-sync");
        assertThat(client.await("0").get(112)).isEqualTo("in-sync");
        client.drain(Duration.ofMillis(300));
        assertThat(client.all()).as("no order entered again").noneMatch(msg -> "8".equals(msg.type()));
    }

    private static void assertRefusedAsResendOfForgotten(final RawFixClient.Msg reject, final String clOrdId)
    {
        assertThat(reject.get(372)).isEqualTo("D");
        assertThat(reject.get(379)).isEqualTo(clOrdId);
        assertThat(reject.get(380)).isEqualTo("0");
        assertThat(reject.get(58)).startsWith("possible resend of an order decided earlier under this ClOrdID");
    }

    /** S1 (sell 10 @ 190.00) rests and is filled whole by B1. */
    private static void fillS1(final RawFixClient seller, final RawFixClient buyer) throws Exception
    {
        rests(seller, "S1", "190.00");
        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=B1|55=AAPL|54=1|38=10|40=2|44=190.00|59=3" + TRANSACT_TIME);
        seller.await(msg -> "S1".equals(msg.get(11)) && "2".equals(msg.get(39)), Duration.ofSeconds(10));
    }

    /** Sell 10 @ 300.00: outside AAPL's price band (10% around 190.00), which only the engine checks. */
    private static void rejected(final RawFixClient seller, final String clOrdId) throws Exception
    {
        seller.send(MsgTypes.NEW_ORDER_SINGLE, sell(clOrdId, "300.00"));
        final RawFixClient.Msg report = seller.await(msg -> clOrdId.equals(msg.get(11)), Duration.ofSeconds(10));
        assertThat(report.get(39)).isEqualTo("8");
        assertThat(report.get(58)).isEqualTo("price outside band");
    }

    private static void rests(final RawFixClient seller, final String clOrdId, final String price) throws Exception
    {
        seller.send(MsgTypes.NEW_ORDER_SINGLE, sell(clOrdId, price));
        assertThat(seller.await(msg -> clOrdId.equals(msg.get(11)), Duration.ofSeconds(10)).get(150)).isEqualTo("0");
    }

    private static String sell(final String clOrdId, final String price)
    {
        return "11=" + clOrdId + "|55=AAPL|54=2|38=10|40=2|44=" + price + "|59=1" + TRANSACT_TIME;
    }
}

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
 * to it as keeping the id, as LOBSTER's partial cancels and older journals mean it) and not any ClOrdID the order went
 * by before (A replaced to B, then B to C, then C back to A or B; the gateway, which the engine cannot, sees those),
 * nor one another live order of the session goes or went by. Each gets OrderCancelReject 102=6 and leaves the order as
 * it was. A NewOrderSingle may not take a ClOrdID a live order went by either (OrdRejReason 6), until that order is
 * done. Exact for an order's latest {@link EarlierClOrdIds#MAX_PER_ORDER} earlier ClOrdIDs.
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

            refused(client, "2", replace("b1", "a1", "189.20"), "a1", "b1", orderId, EARLIER);
            refused(client, "1", "41=b1|11=a1|55=AAPL|54=1|38=10" + TRANSACT_TIME, "a1", "b1", orderId, EARLIER);

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
            assertPendingDuplicate(client, "p1", "p2", orderId);

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

            refused(client, "2", "37=" + orderId + "|" + replace("c1", "c2", "189.20"), "c2", "c1", orderId, EARLIER);
            // FIX 4.4: a request may name the order by the last ClOrdID acknowledged, crossing the replace's report.
            refused(client, "2", replace("c1", "c2", "189.30"), "c2", "c1", orderId, EARLIER);
            refused(client, "1", "37=" + orderId + "|41=c1|11=c2|55=AAPL|54=1|38=10" +
                TRANSACT_TIME, "c2", "c1", orderId, EARLIER);

            assertPrice(client, "c2", "189.1");
        }
    }

    /**
     * A→B→C, then C back to A (before this rule taken as a new ClOrdID: the engine knows only C) or to B; and a ClOrdID
     * the order went by two replaces back once it moved on again (A→B→C→D, then D back to B).
     */
    @Test
    void shouldRejectACancelOrReplaceToAnyClOrdIdTheOrderWentBy() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final String orderId = rests(client, "h1");
            replaced(client, "h1", "h2", "189.10");
            replaced(client, "h2", "h3", "189.20");

            refused(client, "2", replace("h3", "h1", "189.30"), "h1", "h3", orderId, EARLIER);
            refused(client, "1", "41=h3|11=h1|55=AAPL|54=1|38=10" + TRANSACT_TIME, "h1", "h3", orderId, EARLIER);
            refused(client, "2", replace("h3", "h2", "189.30"), "h2", "h3", orderId, EARLIER);
            // By OrderID too: however the request names the order.
            refused(client, "2", "37=" + orderId + "|" + replace("h3", "h1", "189.30"), "h1", "h3", orderId, EARLIER);
            assertPrice(client, "h3", "189.2");

            replaced(client, "h3", "h4", "189.40");
            refused(client, "2", replace("h4", "h2", "189.50"), "h2", "h4", orderId, EARLIER);
            refused(client, "2", replace("h4", "h1", "189.50"), "h1", "h4", orderId, EARLIER);
            assertPrice(client, "h4", "189.4");
        }
    }

    /**
     * Right behind a replace not yet acknowledged (in one write, handled before the gateway reads the first one's
     * outcome): a replace back to a ClOrdID the order went by before that one, and a NewOrderSingle under the ClOrdID
     * that replace takes the order away from (the engine, which applies the replace first, would have accepted it).
     */
    @Test
    void shouldRejectAnEarlierClOrdIdRightBehindAReplaceNotYetAcknowledged() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final String orderId = rests(client, "k1");
            replaced(client, "k1", "k2", "189.10");

            client.sendTogether(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, replace("k2", "k3", "189.20"),
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, replace("k3", "k1", "189.30"));
            assertPendingDuplicate(client, "k1", "k3", orderId);

            client.sendTogether(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, replace("k3", "k4", "189.40"),
                MsgTypes.NEW_ORDER_SINGLE, newOrder("k3"));
            final RawFixClient.Msg refused = client.await(msg -> "k3".equals(msg.get(11)) && "8".equals(msg.get(150)),
                WAIT);
            assertThat(refused.get(103)).as("OrdRejReason: duplicate order of %s", refused).isEqualTo("6");
            assertThat(refused.get(58)).isEqualTo(WENT_BY);
            assertThat(client.await(msg -> "k4".equals(msg.get(11)), WAIT).get(150)).isEqualTo("5");

            assertPrice(client, "k4", "189.4");
        }
    }

    /**
     * FIX 4.4 has a ClOrdID unique per session and day; the venue keeps it unique among live orders, their earlier
     * ClOrdIDs included: a new order, or another order's cancel or replace, may not take one an order went by while that
     * order lives (a request naming it, as a client that crossed a replace's report does, would name two orders). Once
     * the order is done, its ClOrdIDs are free for new orders again.
     */
    @Test
    void shouldRefuseAClOrdIdAnotherLiveOrderWentByUntilThatOrderIsDone() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            rests(client, "m1");
            replaced(client, "m1", "m2", "189.10");
            replaced(client, "m2", "m3", "189.20");
            final String otherId = rests(client, "n1");

            client.send(MsgTypes.NEW_ORDER_SINGLE, newOrder("m1"));
            final RawFixClient.Msg refused = client.await(msg -> "m1".equals(msg.get(11)), WAIT);
            assertThat(refused.get(150)).as("%s", refused).isEqualTo("8");
            assertThat(refused.get(103)).as("OrdRejReason: duplicate order").isEqualTo("6");
            assertThat(refused.get(58)).isEqualTo(WENT_BY);

            refused(client, "1", "41=n1|11=m2|55=AAPL|54=1" + TRANSACT_TIME, "m2", "n1", otherId, OTHER);
            refused(client, "2", replace("n1", "m1", "188.00"), "m1", "n1", otherId, OTHER);
            // Another live order's current ClOrdID: a cancel too (the engine refuses only a replace to it).
            refused(client, "1", "41=n1|11=m3|55=AAPL|54=1" + TRANSACT_TIME, "m3", "n1", otherId, OTHER);
            assertPrice(client, "n1", "189");

            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=m3|11=m4|55=AAPL|54=1" + TRANSACT_TIME);
            assertThat(client.await(msg -> "m4".equals(msg.get(11)), WAIT).get(150)).isEqualTo("4");
            // Done: m1, m2 and m3 name no live order, and are free again (README: a done order's ClOrdID may be reused).
            rests(client, "m1");
            replaced(client, "n1", "m2", "188.50");
        }
    }

    /**
     * Kept per order: its latest {@link EarlierClOrdIds#MAX_PER_ORDER} earlier ClOrdIDs. An order replaced once more
     * than that has forgotten its first, which is then taken as a ClOrdID no live order goes by; the rest are refused.
     */
    @Test
    void shouldForgetAnOrdersOldestClOrdIdBeyondTheBound() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final String orderId = rests(client, "z0");
            final int replaces = EarlierClOrdIds.MAX_PER_ORDER + 1;
            for (int i = 1; i <= replaces; i++)
            {
                replaced(client, "z" + (i - 1), "z" + i, "189.00");
            }
            final String last = "z" + replaces;

            refused(client, "2", replace(last, "z1", "189.50"), "z1", last, orderId, EARLIER);
            // z0 is beyond the bound: a new order may take it.
            rests(client, "z0");
        }
    }

    private static final String EARLIER = "ClOrdID(11) is one the order goes or went by: a cancel or replace needs a " +
        "new ClOrdID of its own";

    private static final String OTHER = "ClOrdID(11) is one another live order of the session goes or went by: " +
        "ClOrdIDs are unique per session and day";

    private static final String WENT_BY = "ClOrdID(11) is one a live order of the session went by before a replace: " +
        "ClOrdIDs are unique per session and day (free again once that order is done)";

    /**
     * Sends a cancel ({@code responseTo} 1) or replace (2) and asserts it is refused as {@link #assertDuplicate} has it.
     */
    private static void refused(final RawFixClient client, final String responseTo, final String body,
        final String clOrdId, final String origClOrdId, final String orderId, final String text) throws Exception
    {
        client.send("1".equals(responseTo) ? MsgTypes.ORDER_CANCEL_REQUEST : MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, body);
        assertDuplicate(client.await("9"), responseTo, clOrdId, origClOrdId, orderId, text);
    }

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

    /**
     * The replace sent right behind a replace not yet acknowledged, from {@code origClOrdId} (the first one's ClOrdID)
     * back to {@code clOrdId}, is refused with the order pending replace; the first replace goes through.
     */
    private static void assertPendingDuplicate(final RawFixClient client, final String clOrdId,
        final String origClOrdId, final String orderId) throws Exception
    {
        final RawFixClient.Msg reject = client.await(msg -> "9".equals(msg.type()), WAIT);
        assertThat(reject.get(434)).as("CxlRejResponseTo of %s", reject).isEqualTo("2");
        assertThat(reject.get(102)).as("CxlRejReason: duplicate ClOrdID").isEqualTo("6");
        assertThat(reject.get(11)).isEqualTo(clOrdId);
        assertThat(reject.get(41)).isEqualTo(origClOrdId);
        assertThat(reject.get(39)).as("the first replace is pending").isEqualTo("E");
        assertThat(reject.get(58)).isEqualTo(EARLIER);
        assertThat(reject.get(37)).isEqualTo(orderId);
        assertThat(client.await(msg -> origClOrdId.equals(msg.get(11)), WAIT).get(150)).isEqualTo("5");
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

    /**
     * A ClOrdID used again once its order was done, and then replaced away by the live order that took it (QA 88 F1):
     * a status request by it gets the live order (under the ClOrdID it goes by now), as a cancel by it reaches the live
     * order. It got the done one, so a client asking about the ClOrdID was told "cancelled" of an order it could still
     * cancel.
     */
    @Test
    void shouldAnswerAStatusRequestByAReusedClOrdIdThatALiveOrderWasReplacedFromWithTheLiveOrder() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            rests(client, "u7");
            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=u7|11=ux7|55=AAPL|54=1" + TRANSACT_TIME);
            assertThat(client.await(msg -> "ux7".equals(msg.get(11)), WAIT).get(150)).isEqualTo("4");
            final String live = rests(client, "u7");
            replaced(client, "u7", "ur7", "189.50");

            client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=u7|55=AAPL|54=1");
            final RawFixClient.Msg status = client.await(msg -> "I".equals(msg.get(150)), WAIT);
            assertThat(status.get(37)).as("the live order: %s", status).isEqualTo(live);
            assertThat(status.get(11)).isEqualTo("ur7");
            assertThat(status.get(39)).as("new, as replaced").isEqualTo("0");
        }
    }

    /**
     * A status request whose OrderID(37) names a done order and whose ClOrdID a live one (QA 88): the order its OrderID
     * names, as a cancel naming an order both ways goes by the OrderID. It got the live order, the OrderID unchecked.
     */
    @Test
    void shouldAnswerAStatusRequestByTheOrderItsOrderIdNamesWhenItsClOrdIdNamesAnother() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final String done = rests(client, "v1");
            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=v1|11=vx1|55=AAPL|54=1" + TRANSACT_TIME);
            assertThat(client.await(msg -> "vx1".equals(msg.get(11)), WAIT).get(150)).isEqualTo("4");
            rests(client, "v2");

            client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=v2|37=" + done + "|55=AAPL|54=1");
            final RawFixClient.Msg status = client.await(msg -> "I".equals(msg.get(150)), WAIT);
            assertThat(status.get(37)).as("the order its OrderID names: %s", status).isEqualTo(done);
            assertThat(status.get(39)).isEqualTo("4");
        }
    }

    /**
     * QA 99: a cancel or replace whose OrderID(37) names one order and OrigClOrdID(41) another went by the OrderID
     * without a word, and a replace naming a live order by 41 and a cancelled one by 37 was refused as "too late: the
     * order is cancelled" with 41 the live one, which a FIX engine then took for cancelled. Now neither is touched, and
     * the reject carries the status of the order its 41 names.
     */
    @Test
    void shouldRefuseACancelOrReplaceWhoseOrderIdAndOrigClOrdIdNameTwoOrders() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final String a = rests(client, "w1");
            final String b = rests(client, "w2");

            client.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, replace("w1", "wr1", "189.50") + "|37=" + b);
            final RawFixClient.Msg replaceReject = client.await(msg -> "wr1".equals(msg.get(11)), WAIT);
            assertThat(replaceReject.get(35)).as("%s", replaceReject).isEqualTo("9");
            assertThat(replaceReject.get(41)).isEqualTo("w1");
            assertThat(replaceReject.get(37)).as("the order its OrigClOrdID names").isEqualTo(a);
            assertThat(replaceReject.get(39)).isEqualTo("0");
            assertThat(replaceReject.get(102)).isEqualTo("99");
            assertThat(replaceReject.get(58)).isEqualTo("OrderID(37) and OrigClOrdID(41) name different orders: " +
                "neither is changed");

            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=w1|37=" + b + "|11=wx1|55=AAPL|54=1" + TRANSACT_TIME);
            assertThat(client.await(msg -> "wx1".equals(msg.get(11)), WAIT).get(35)).isEqualTo("9");

            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=w2|11=wx2|55=AAPL|54=1" + TRANSACT_TIME);
            assertThat(client.await(msg -> "wx2".equals(msg.get(11)), WAIT).get(150)).isEqualTo("4");
            client.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, replace("w1", "wr2", "189.50") + "|37=" + b);
            final RawFixClient.Msg doneNamed = client.await(msg -> "wr2".equals(msg.get(11)), WAIT);
            assertThat(doneNamed.get(35)).isEqualTo("9");
            assertThat(doneNamed.get(39)).as("w1 rests: not reported cancelled").isEqualTo("0");

            // QA 100: the OrigClOrdID names the done order, the OrderID the live one: the live one is not cancelled.
            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=w2|37=" + a + "|11=wx3|55=AAPL|54=1" + TRANSACT_TIME);
            final RawFixClient.Msg doneByOrigClOrdId = client.await(msg -> "wx3".equals(msg.get(11)), WAIT);
            assertThat(doneByOrigClOrdId.get(35)).as("%s", doneByOrigClOrdId).isEqualTo("9");
            assertThat(doneByOrigClOrdId.get(39)).as("w2's status").isEqualTo("4");
            assertThat(doneByOrigClOrdId.get(37)).isEqualTo(b);

            client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=w1|55=AAPL|54=1");
            final RawFixClient.Msg status = client.await(msg -> "I".equals(msg.get(150)), WAIT);
            assertThat(status.get(37)).isEqualTo(a);
            assertThat(status.get(44)).as("not replaced").isEqualTo("189");
            assertThat(status.get(39)).as("not cancelled").isEqualTo("0");
        }
    }

    /**
     * QA 101 N1: an OrigClOrdID(41) that is an earlier ClOrdID of a replace chain (D1 to D2 to D3) and an OrderID(37)
     * of another live order. While the chain's order rests, and once it is cancelled, the request names two orders and
     * is refused; the live order named by 37 was cancelled or replaced once the chain's order was done.
     */
    @Test
    void shouldRefuseARequestNamingAnEarlierClOrdIdOfAnotherOrdersChain() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final String chain = rests(client, "n1");
            replaced(client, "n1", "n2", "189.10");
            replaced(client, "n2", "n3", "189.20");
            final String live = rests(client, "m1");

            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=n1|37=" + live + "|11=nx1|55=AAPL|54=1" + TRANSACT_TIME);
            final RawFixClient.Msg whileLive = client.await(msg -> "nx1".equals(msg.get(11)), WAIT);
            assertThat(whileLive.get(35)).as("%s", whileLive).isEqualTo("9");
            assertThat(whileLive.get(102)).isEqualTo("99");
            assertThat(whileLive.get(37)).as("the chain's order").isEqualTo(chain);
            assertThat(whileLive.get(39)).isEqualTo("0");

            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=n3|11=nc|55=AAPL|54=1" + TRANSACT_TIME);
            assertThat(client.await(msg -> "nc".equals(msg.get(11)), WAIT).get(150)).isEqualTo("4");

            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=n2|37=" + live + "|11=nx2|55=AAPL|54=1" + TRANSACT_TIME);
            final RawFixClient.Msg cancel = client.await(msg -> "nx2".equals(msg.get(11)), WAIT);
            assertThat(cancel.get(35)).as("%s", cancel).isEqualTo("9");
            assertThat(cancel.get(102)).isEqualTo("99");
            assertThat(cancel.get(41)).isEqualTo("n2");
            assertThat(cancel.get(37)).as("the chain's order").isEqualTo(chain);
            assertThat(cancel.get(39)).as("the chain's order is cancelled").isEqualTo("4");

            client.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, replace("n1", "nr1", "189.50") + "|37=" + live);
            final RawFixClient.Msg replace = client.await(msg -> "nr1".equals(msg.get(11)), WAIT);
            assertThat(replace.get(35)).as("%s", replace).isEqualTo("9");
            assertThat(replace.get(102)).isEqualTo("99");
            assertThat(replace.get(39)).isEqualTo("4");

            // A possible resend of the chain's first order: its status (QA 103), not entered again.
            client.send(MsgTypes.NEW_ORDER_SINGLE, "97=Y|" + newOrder("n1"));
            final RawFixClient.Msg resent = client.await(msg -> "I".equals(msg.get(150)), WAIT);
            assertThat(resent.get(37)).as("%s", resent).isEqualTo(chain);
            assertThat(resent.get(39)).isEqualTo("4");

            client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=m1|55=AAPL|54=1");
            final RawFixClient.Msg status = client.await(msg -> "I".equals(msg.get(150)), WAIT);
            assertThat(status.get(37)).isEqualTo(live);
            assertThat(status.get(44)).as("not replaced").isEqualTo("189");
            assertThat(status.get(39)).as("not cancelled").isEqualTo("0");
        }
    }

    /**
     * QA 99: an OrderID(37) that is no number this venue issued ({@code abc}) was ignored, and the order its
     * OrigClOrdID names cancelled; it names no order, as an unknown number does. {@code NONE}, what a report carries
     * before an order has an OrderID, is read as none given.
     */
    @Test
    void shouldTakeAnOrderIdThatIsNoNumberForAnUnknownOrder() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            rests(client, "y1");
            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=y1|37=abc|11=yx1|55=AAPL|54=1" + TRANSACT_TIME);
            final RawFixClient.Msg refused = client.await(msg -> "yx1".equals(msg.get(11)), WAIT);
            assertThat(refused.get(35)).as("%s", refused).isEqualTo("9");
            assertThat(refused.get(102)).isEqualTo("1");

            // QA 100: a number no order has, 0 among them, is an unknown order too, not "two orders" nor ignored.
            for (final String orderId : new String[] {"999999", "0"})
            {
                client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=y1|37=" + orderId + "|11=yz" + orderId +
                    "|55=AAPL|54=1" + TRANSACT_TIME);
                final RawFixClient.Msg unknown = client.await(msg -> ("yz" + orderId).equals(msg.get(11)), WAIT);
                assertThat(unknown.get(35)).as("%s", unknown).isEqualTo("9");
                assertThat(unknown.get(102)).as("%s", unknown).isEqualTo("1");
            }

            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=y1|37=NONE|11=yx2|55=AAPL|54=1" + TRANSACT_TIME);
            assertThat(client.await(msg -> "yx2".equals(msg.get(11)), WAIT).get(150)).isEqualTo("4");
        }
    }

    /** Buy 10 @ 189.00; its OrderID. */
    private static String rests(final RawFixClient client, final String clOrdId) throws Exception
    {
        client.send(MsgTypes.NEW_ORDER_SINGLE, newOrder(clOrdId));
        final RawFixClient.Msg ack = client.await(msg -> clOrdId.equals(msg.get(11)), WAIT);
        assertThat(ack.get(150)).isEqualTo("0");
        return ack.get(37);
    }

    private static String newOrder(final String clOrdId)
    {
        return "11=" + clOrdId + "|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME;
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

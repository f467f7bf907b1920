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
 * A cancel or replace sent right behind its order, before the gateway has seen the order's acknowledgement in the
 * journal: the gateway reads both in one duty cycle (one write, one read) and handles the request before it polls
 * the journal, so the order is not yet in its projection.
 */
@Timeout(60)
class GatewayRequestBeforeAckTest
{
    /** PossDupFlag(43)=Y with the OrigSendingTime(122) it needs. */
    private static final String POSS_DUP = "43=Y|122=20200101-00:00:00.000|";

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

    /**
     * BTC-USD prices carry 2 decimals, AAPL's 4: a replace of an AAPL order naming BTC-USD at 18850.00 is 1885000 in
     * BTC-USD's units, which read as AAPL's are 188.50. The engine's replace names no instrument, so only the gateway
     * can refuse it; before the fix it repriced the order to 188.50.
     */
    @Test
    void shouldNotRepriceAnOrderByAReplaceWithAnotherSymbolSentBeforeItsAck() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final RawFixClient.Msg answer = requestBehindOrder(client, "11=u1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=u2|41=u1|55=BTC-USD|54=1|38=10|40=2|44=18850.00|59=1" + TRANSACT_TIME);
            assertPendingReject(answer, "2", "A", "Symbol(55) is not the order's symbol");
            assertThat(answer.get(37)).as("the OrderID is not known yet").isEqualTo("NONE");

            client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=u1|55=AAPL|54=1");
            final RawFixClient.Msg status = client.await("8");
            assertThat(status.get(39)).isEqualTo("0");
            assertThat(status.get(44)).as("the order's price: %s", status).isEqualTo("189");
        }
    }

    /**
     * The order's Side cannot change: a replace asking for another must not be acknowledged as Replaced (with the
     * old side kept), as before the fix.
     */
    @Test
    void shouldNotAcknowledgeAReplaceWithAnotherSideSentBeforeItsAck() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final RawFixClient.Msg answer = requestBehindOrder(client, "11=s1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=s2|41=s1|55=AAPL|54=2|38=10|40=2|44=189.50|59=1" + TRANSACT_TIME);
            assertPendingReject(answer, "2", "A", "Side(54) is not the order's side: a replace cannot change it");
        }
    }

    /** A cancel naming another Symbol than its order's is refused, as it is once the order is acknowledged. */
    @Test
    void shouldNotCancelAnOrderByACancelWithAnotherSymbolSentBeforeItsAck() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final RawFixClient.Msg answer = requestBehindOrder(client, "11=c1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REQUEST, "11=c2|41=c1|55=MSFT|54=1|38=10" + TRANSACT_TIME);
            assertPendingReject(answer, "1", "A", "Symbol(55) is not the order's symbol");
        }
    }

    /** A cancel whose Side is not its order's describes another order: refused, before the ack and after it. */
    @Test
    void shouldNotCancelAnOrderByACancelWithTheOtherSide() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final RawFixClient.Msg answer = requestBehindOrder(client, "11=d1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REQUEST, "11=d2|41=d1|55=AAPL|54=2|38=10" + TRANSACT_TIME);
            assertPendingReject(answer, "1", "A", "Side(54) is not the order's side");

            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "11=d3|41=d1|55=AAPL|54=2|38=10" + TRANSACT_TIME);
            final RawFixClient.Msg acked = client.await("9");
            assertThat(acked.get(39)).as("from the projection: the order is live").isEqualTo("0");
            assertThat(acked.get(58)).isEqualTo("Side(54) is not the order's side");

            client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=d1|55=AAPL|54=1");
            assertThat(client.await("8").get(39)).as("still live").isEqualTo("0");
        }
    }

    /**
     * A replace right behind a replace names the order by the first one's new ClOrdID before the projection has it:
     * checked against the order too (OrdStatus E, pending replace, with the order's OrderID). Requests that agree with
     * their order go through as before, and once the acknowledgements are read the projection answers.
     */
    @Test
    void shouldCheckARequestBehindAReplaceAgainstTheOrderAndLetConsistentOnesThrough() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=r1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME);
            final RawFixClient.Msg accepted = client.await("8");
            assertThat(accepted.get(150)).isEqualTo("0");

            final RawFixClient.Msg answer = requestBehindOrder(client, MsgTypes.ORDER_CANCEL_REPLACE_REQUEST,
                "11=r2|41=r1|55=AAPL|54=1|38=10|40=2|44=188.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=r3|41=r2|55=BTC-USD|54=1|38=10|40=2|44=18850.00|59=1" + TRANSACT_TIME);
            assertPendingReject(answer, "2", "E", "Symbol(55) is not the order's symbol");
            assertThat(answer.get(37)).isEqualTo(accepted.get(37));
            final RawFixClient.Msg replaced = client.await(msg -> "r2".equals(msg.get(11)), Duration.ofSeconds(10));
            assertThat(replaced.get(150)).isEqualTo("5");
            assertThat(replaced.get(44)).isEqualTo("188");

            final RawFixClient.Msg chained = requestBehindOrder(client, "11=n1|55=MSFT|54=2|38=5|40=2|44=420.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=n2|41=n1|55=MSFT|54=2|38=5|40=2|44=421.00|59=1" + TRANSACT_TIME);
            assertThat(chained.get(150)).as("a consistent replace before the ack: %s", chained).isEqualTo("5");
            assertThat(chained.get(44)).isEqualTo("421");
            final RawFixClient.Msg cancelled = requestBehindOrder(client, "11=k1|55=MSFT|54=2|38=5|40=2|44=422.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REQUEST, "11=k2|41=k1|55=MSFT|54=2|38=5" + TRANSACT_TIME);
            assertThat(cancelled.get(150)).as("a consistent cancel before the ack: %s", cancelled).isEqualTo("4");

            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "11=r4|41=r2|55=MSFT|54=1|38=10" + TRANSACT_TIME);
            final RawFixClient.Msg afterAck = client.await("9");
            assertThat(afterAck.get(39)).as("from the projection now").isEqualTo("0");
            assertThat(afterAck.get(37)).isEqualTo(accepted.get(37));
        }
    }

    /**
     * FIX 4.4: a request names its order by the last ClOrdID acknowledged. A cancel sent right behind a replace names
     * the order by the ClOrdID the replace replaces, which the engine no longer knows once the replace applied: before
     * the fix it was rejected as an unknown order while the order lived on (as BH8).
     */
    @Test
    void shouldCancelAnOrderByTheClOrdIdAReplaceRightAheadIsReplacing() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final RawFixClient.Msg cancelled = behindReplace(client, "11=BH6|55=AAPL|54=1|38=5|40=2|44=189.00|59=1" + TRANSACT_TIME,
                "11=BH8|41=BH6|55=AAPL|54=1|38=7|40=2|44=189.01|59=1" + TRANSACT_TIME, MsgTypes.ORDER_CANCEL_REQUEST,
                "11=BH8X|41=BH6|55=AAPL|54=1" + TRANSACT_TIME, "4");
            assertThat(cancelled.get(41)).as("the order's ClOrdID when cancelled").isEqualTo("BH8");

            client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=BH8X|55=AAPL|54=1");
            final RawFixClient.Msg status = client.await(msg -> "I".equals(msg.get(150)), Duration.ofSeconds(10));
            assertThat(status.get(39)).as("the order is gone").isEqualTo("4");
        }
    }

    /** The same for a second replace right behind a replace, naming the order by the ClOrdID the first replaces. */
    @Test
    void shouldReplaceAnOrderByTheClOrdIdAReplaceRightAheadIsReplacing() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final RawFixClient.Msg replaced = behindReplace(client, "11=Q6|55=AAPL|54=1|38=5|40=2|44=189.00|59=1" + TRANSACT_TIME,
                "11=Q8|41=Q6|55=AAPL|54=1|38=7|40=2|44=189.01|59=1" + TRANSACT_TIME, MsgTypes.ORDER_CANCEL_REPLACE_REQUEST,
                "11=Q9|41=Q6|55=AAPL|54=1|38=9|40=2|44=189.02|59=1" + TRANSACT_TIME, "5");
            assertThat(replaced.get(38)).isEqualTo("9");
            assertThat(replaced.get(44)).isEqualTo("189.02");

            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "11=Q10|41=Q9|55=AAPL|54=1" + TRANSACT_TIME);
            assertThat(client.await(msg -> "Q10".equals(msg.get(11)), Duration.ofSeconds(10)).get(150))
                .as("the order goes by the second replace's ClOrdID").isEqualTo("4");
        }
    }

    /**
     * The cancel crossed the replace's report on the wire: sent before the client read it, so naming the order by the
     * ClOrdID the replace replaced, but reaching the gateway after it had read the replace back. Before, the
     * projection knew the order only as CR8 by then, and the cancel was rejected as an unknown order.
     */
    @Test
    void shouldCancelAnOrderByTheClOrdIdItsReplaceReplacedWhenTheRequestCrossedTheReplacesReport() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=CR6|55=AAPL|54=1|38=5|40=2|44=189.00|59=1" + TRANSACT_TIME);
            final String orderId = client.await("8").get(37);
            client.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=CR8|41=CR6|55=AAPL|54=1|38=7|40=2|44=189.01|59=1" + TRANSACT_TIME);
            assertThat(client.await(msg -> "CR8".equals(msg.get(11)), Duration.ofSeconds(10)).get(150)).isEqualTo("5");

            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "11=CR9|41=CR6|55=AAPL|54=1" + TRANSACT_TIME);

            final RawFixClient.Msg cancelled = client.await(msg -> "CR9".equals(msg.get(11)), Duration.ofSeconds(10));
            assertThat(cancelled.type()).as("%s", cancelled).isEqualTo("8");
            assertThat(cancelled.get(150)).isEqualTo("4");
            assertThat(cancelled.get(37)).isEqualTo(orderId);
            assertThat(cancelled.get(41)).as("the order's ClOrdID when cancelled").isEqualTo("CR8");
            // The previous ClOrdID names nothing once the order is done.
            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "11=CR10|41=CR6|55=AAPL|54=1" + TRANSACT_TIME);
            assertThat(client.await(msg -> "CR10".equals(msg.get(11)), Duration.ofSeconds(10)).type()).isEqualTo("9");
        }
    }

    /**
     * The order, a replace of it and a cancel naming it by the ClOrdID the replace replaces, in one write: the gateway
     * has read neither acknowledgement, so knows no OrderID to give the engine, which knows the order by the replace's
     * ClOrdID by the time it reaches the cancel. Before, the cancel was rejected as an unknown order and the order
     * lived on. Also behind two chained replaces, naming the order by the first ClOrdID of the chain.
     */
    @Test
    void shouldCancelAnOrderNotYetAcknowledgedByTheClOrdIdReplacesRightAheadAreReplacing() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            client.sendTogether(
                MsgTypes.NEW_ORDER_SINGLE, "11=A6|55=AAPL|54=1|38=5|40=2|44=189.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=A8|41=A6|55=AAPL|54=1|38=7|40=2|44=189.01|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REQUEST, "11=A9|41=A6|55=AAPL|54=1" + TRANSACT_TIME);
            final String orderId = awaitExecType(client, "A6", "0").get(37);
            assertThat(awaitExecType(client, "A8", "5").get(37)).isEqualTo(orderId);
            awaitCanceled(client, "A9", orderId, "A8");

            client.sendTogether(
                MsgTypes.NEW_ORDER_SINGLE, "11=C6|55=AAPL|54=1|38=5|40=2|44=189.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=C8|41=C6|55=AAPL|54=1|38=7|40=2|44=189.01|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=C9|41=C8|55=AAPL|54=1|38=8|40=2|44=189.02|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REQUEST, "11=C10|41=C6|55=AAPL|54=1" + TRANSACT_TIME);
            final String chainedId = awaitExecType(client, "C6", "0").get(37);
            awaitExecType(client, "C8", "5");
            assertThat(awaitExecType(client, "C9", "5").get(38)).isEqualTo("8");
            awaitCanceled(client, "C10", chainedId, "C9");
        }
    }

    /**
     * QA 103: the order, a replace of it the engine refuses (quantity 0) and a cancel by the order's ClOrdID, in one
     * write. FIX 4.4 has the cancel name the last ClOrdID not rejected: the order's. It went to the engine by the
     * replace's ClOrdID, which no order took, and was refused as an unknown order with 41 the replace's, the order left
     * working. It now waits for the order's acknowledgement and goes by OrderID. A second replace in its place too.
     */
    @Test
    void shouldCancelAnOrderNotYetAcknowledgedByItsClOrdIdWhenTheReplaceAheadIsRefused() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            client.sendTogether(
                MsgTypes.NEW_ORDER_SINGLE, "11=R1|55=AAPL|54=1|38=5|40=2|44=189.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=R2|41=R1|55=AAPL|54=1|38=0|40=2|44=189.01|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REQUEST, "11=R3|41=R1|55=AAPL|54=1" + TRANSACT_TIME);
            final String orderId = awaitExecType(client, "R1", "0").get(37);
            final RawFixClient.Msg refused = client.await(msg -> "R2".equals(msg.get(11)), Duration.ofSeconds(10));
            assertThat(refused.type()).as("%s", refused).isEqualTo("9");
            final RawFixClient.Msg cancelled = client.await(msg -> "R3".equals(msg.get(11)), Duration.ofSeconds(10));
            assertThat(cancelled.type()).as("%s", cancelled).isEqualTo("8");
            assertThat(cancelled.get(150)).isEqualTo("4");
            assertThat(cancelled.get(37)).isEqualTo(orderId);
            assertThat(cancelled.get(41)).isEqualTo("R1");

            client.sendTogether(
                MsgTypes.NEW_ORDER_SINGLE, "11=S1|55=AAPL|54=1|38=5|40=2|44=189.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=S2|41=S1|55=AAPL|54=1|38=0|40=2|44=189.01|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=S3|41=S1|55=AAPL|54=1|38=7|40=2|44=189.02|59=1" + TRANSACT_TIME);
            awaitExecType(client, "S1", "0");
            assertThat(client.await(msg -> "S2".equals(msg.get(11)), Duration.ofSeconds(10)).type()).isEqualTo("9");
            final RawFixClient.Msg replaced = awaitExecType(client, "S3", "5");
            assertThat(replaced.get(41)).isEqualTo("S1");
            assertThat(replaced.get(38)).isEqualTo("7");
            client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=S3|55=AAPL|54=1");
            final RawFixClient.Msg status = awaitExecType(client, "S3", "I");
            assertThat(status.get(39)).as("%s", status).isEqualTo("0");
            assertThat(status.get(44)).isEqualTo("189.02");
        }
    }

    /**
     * QA 104: the order, a replace the engine refuses, a replace it takes and a cancel, all naming the order by its
     * ClOrdID, in one write. The taken replace was indexed under the refused one's ClOrdID, so the cancel, read
     * once the refusal was, went by the order's old ClOrdID and found no order after the taken replace: unknown
     * order, the order working on. Several rounds: how the records fall into the gateway's reads varies.
     */
    @Test
    void shouldCancelAnOrderByItsClOrdIdBehindARefusedAndATakenReplace() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            for (int round = 0; round < 8; round++)
            {
                final String x = "X" + round;
                client.sendTogether(
                    MsgTypes.NEW_ORDER_SINGLE, "11=" + x + "|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME,
                    MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=" + x + "r|41=" + x + "|55=AAPL|54=1|38=0|40=2|" +
                        "44=189.01|59=1" + TRANSACT_TIME,
                    MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=" + x + "t|41=" + x + "|55=AAPL|54=1|38=9|40=2|" +
                        "44=189.02|59=1" + TRANSACT_TIME,
                    MsgTypes.ORDER_CANCEL_REQUEST, "11=" + x + "c|41=" + x + "|55=AAPL|54=1" + TRANSACT_TIME);
                final String orderId = awaitExecType(client, x, "0").get(37);
                assertThat(client.await(msg -> (x + "r").equals(msg.get(11)), Duration.ofSeconds(10)).type())
                    .isEqualTo("9");
                assertThat(awaitExecType(client, x + "t", "5").get(38)).isEqualTo("9");
                final RawFixClient.Msg cancelled = client.await(msg -> (x + "c").equals(msg.get(11)),
                    Duration.ofSeconds(10));
                assertThat(cancelled.type()).as("round %d: %s", round, cancelled).isEqualTo("8");
                assertThat(cancelled.get(150)).isEqualTo("4");
                assertThat(cancelled.get(37)).isEqualTo(orderId);
            }
        }
    }

    /**
     * QA 105: the order, a replace the engine refuses, a cancel and a status request by the order's ClOrdID, in one
     * write. The cancel, once it waited for the acknowledgement, was indexed under the refused replace's ClOrdID only,
     * and the status request, read after the refusal, got the order as New. Several rounds, as the reads vary.
     */
    @Test
    void shouldAnswerAStatusRequestBehindACancelBehindARefusedReplaceAsPendingCancel() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            for (int round = 0; round < 8; round++)
            {
                final String x = "H" + round;
                client.sendTogether(
                    MsgTypes.NEW_ORDER_SINGLE, "11=" + x + "|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME,
                    MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=" + x + "r|41=" + x + "|55=AAPL|54=1|38=0|40=2|" +
                        "44=189.01|59=1" + TRANSACT_TIME,
                    MsgTypes.ORDER_CANCEL_REQUEST, "11=" + x + "c|41=" + x + "|55=AAPL|54=1" + TRANSACT_TIME,
                    MsgTypes.ORDER_STATUS_REQUEST, "11=" + x + "|55=AAPL|54=1");
                awaitExecType(client, x, "0");
                final RawFixClient.Msg status = awaitExecType(client, x, "I");
                assertThat(status.get(39)).as("round %d: %s", round, status).isEqualTo("6");
                assertThat(awaitExecType(client, x + "c", "4").get(41)).isEqualTo(x);
            }
        }
    }

    /** QA 104: a replace that waited for its order's acknowledgement and is then refused here carries the OrderID. */
    @Test
    void shouldGiveTheOrderIdInTheRejectOfAReplaceThatWaitedForTheAcknowledgement() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            client.sendTogether(
                MsgTypes.NEW_ORDER_SINGLE, "11=W1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=W2|41=W1|55=AAPL|54=1|38=0|40=2|44=189.01|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=W3|41=W1|55=AAPL|54=2|38=9|40=2|44=189.02|59=1" + TRANSACT_TIME);
            final String orderId = awaitExecType(client, "W1", "0").get(37);
            final RawFixClient.Msg refused = client.await(msg -> "W3".equals(msg.get(11)), Duration.ofSeconds(10));
            assertThat(refused.type()).as("%s", refused).isEqualTo("9");
            assertThat(refused.get(58)).contains("Side(54)");
            assertThat(refused.get(37)).isEqualTo(orderId);
        }
    }

    /**
     * A client that names its order by the last ClOrdID acknowledged sends two replaces in a row by the same one, and
     * a request by it again that crosses both replaces' reports: by the time the gateway reads it, the order's last
     * replace replaced the first replace's ClOrdID, not the one named. The order is still found by the name the
     * client used, for a cancel and a status request alike, and by the ClOrdID before its last replace.
     */
    @Test
    void shouldFindAnOrderByTheClOrdIdTwoReplacesInARowNamedItBy() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final String orderId = replacedTwiceByTheSameName(client, "D");
            client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=D6|55=AAPL|54=1");
            final RawFixClient.Msg status = client.await(msg -> "I".equals(msg.get(150)), Duration.ofSeconds(10));
            assertThat(status.get(37)).as("%s", status).isEqualTo(orderId);
            assertThat(status.get(11)).as("the ClOrdID the order goes by").isEqualTo("D9");
            assertThat(status.get(39)).isEqualTo("0");
            assertThat(status.get(38)).isEqualTo("8");

            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "11=D10|41=D6|55=AAPL|54=1" + TRANSACT_TIME);
            final RawFixClient.Msg cancelled = client.await(msg -> "D10".equals(msg.get(11)), Duration.ofSeconds(10));
            assertThat(cancelled.type()).as("%s", cancelled).isEqualTo("8");
            assertThat(cancelled.get(150)).isEqualTo("4");
            assertThat(cancelled.get(37)).isEqualTo(orderId);

            final String other = replacedTwiceByTheSameName(client, "E");
            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "11=E10|41=E8|55=AAPL|54=1" + TRANSACT_TIME);
            final RawFixClient.Msg byPrevious = client.await(msg -> "E10".equals(msg.get(11)), Duration.ofSeconds(10));
            assertThat(byPrevious.get(150)).as("%s", byPrevious).isEqualTo("4");
            assertThat(byPrevious.get(37)).isEqualTo(other);
        }
    }

    /**
     * QA 128: a client that names its order by the last ClOrdID acknowledged sends two replaces by the order's ClOrdID
     * (nothing acknowledged yet), then, once the first one's Replaced is in, a cancel by that replace's ClOrdID while
     * the second is still in flight: the ClOrdID the second replace replaces, as its own Replaced says in 41. The
     * cancel went to the engine by it, which knew the order by the second replace's ClOrdID by then, and was refused
     * as an unknown order (OrdStatus 8, OrderID NONE), the order working on. In one write here, so that nothing is
     * acknowledged; several rounds, as how the records fall into the gateway's reads varies. Also with the order itself
     * in the write, where the cancel waits for its acknowledgement.
     */
    @Test
    void shouldCancelAnOrderByTheClOrdIdOfAReplaceASecondReplaceInFlightReplaces() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            for (int round = 0; round < 4; round++)
            {
                final String x = "P" + round;
                final String orderId = behindTwoReplacesByItsClOrdId(client, x,
                    MsgTypes.ORDER_CANCEL_REQUEST, "11=" + x + "c|41=" + x + "a|55=AAPL|54=1" + TRANSACT_TIME);
                assertThat(awaitExecType(client, x + "a", "5").get(41)).isEqualTo(x);
                assertThat(awaitExecType(client, x + "b", "5").get(41)).isEqualTo(x + "a");
                awaitCanceled(client, x + "c", orderId, x + "b");
            }

            client.sendTogether(
                MsgTypes.NEW_ORDER_SINGLE, "11=P6|55=AAPL|54=1|38=10|40=2|44=187.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, replace("P6a", "P6", 12),
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, replace("P6b", "P6", 14),
                MsgTypes.ORDER_CANCEL_REQUEST, "11=P6c|41=P6a|55=AAPL|54=1" + TRANSACT_TIME);
            final String orderId = awaitExecType(client, "P6", "0").get(37);
            awaitExecType(client, "P6a", "5");
            assertThat(awaitExecType(client, "P6b", "5").get(41)).isEqualTo("P6a");
            awaitCanceled(client, "P6c", orderId, "P6b");
            assertInSync(client);
        }
    }

    /**
     * The same with a replace in the cancel's place: named by the first replace's ClOrdID while the second, which
     * named the order by its ClOrdID before both, is in flight. It was refused as an unknown order too.
     */
    @Test
    void shouldReplaceAnOrderByTheClOrdIdOfAReplaceASecondReplaceInFlightReplaces() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final String orderId = behindTwoReplacesByItsClOrdId(client, "Q3",
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, replace("Q3c", "Q3a", 16));
            awaitExecType(client, "Q3a", "5");
            awaitExecType(client, "Q3b", "5");
            final RawFixClient.Msg replaced = client.await(msg -> "Q3c".equals(msg.get(11)), Duration.ofSeconds(10));
            assertThat(replaced.type()).as("%s", replaced).isEqualTo("8");
            assertThat(replaced.get(150)).isEqualTo("5");
            assertThat(replaced.get(37)).isEqualTo(orderId);
            assertThat(replaced.get(41)).as("the ClOrdID it replaced").isEqualTo("Q3b");
            assertThat(replaced.get(38)).isEqualTo("16");

            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "11=Q3d|41=Q3c|55=AAPL|54=1" + TRANSACT_TIME);
            assertThat(awaitExecType(client, "Q3d", "4").get(37)).isEqualTo(orderId);
        }
    }

    /**
     * Three replaces in flight, each named as a client naming the last ClOrdID acknowledged would: the first two by
     * the order's ClOrdID, the third by the first's (whose Replaced came in), and a cancel by the second's (whose
     * Replaced came in next). Each replace goes on from the one before it, and the cancel reaches the order; a status
     * request by the first replace's ClOrdID, in the same write, finds the order pending cancel.
     */
    @Test
    void shouldCancelAnOrderByTheClOrdIdOfAReplaceBehindAChainOfThreeReplacesInFlight() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final String orderId = behindTwoReplacesByItsClOrdId(client, "T",
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, replace("Tc", "Ta", 16),
                MsgTypes.ORDER_CANCEL_REQUEST, "11=Td|41=Tb|55=AAPL|54=1" + TRANSACT_TIME,
                MsgTypes.ORDER_STATUS_REQUEST, "11=Ta|55=AAPL|54=1");
            final RawFixClient.Msg status = awaitExecType(client, "Ta", "I");
            assertThat(status.get(39)).as("%s", status).isEqualTo("6");
            awaitExecType(client, "Ta", "5");
            assertThat(awaitExecType(client, "Tb", "5").get(41)).isEqualTo("Ta");
            final RawFixClient.Msg replaced = awaitExecType(client, "Tc", "5");
            assertThat(replaced.get(41)).isEqualTo("Tb");
            assertThat(replaced.get(38)).isEqualTo("16");
            awaitCanceled(client, "Td", orderId, "Tc");
        }
    }

    /**
     * QA 132 N2: three replaces by the order's ClOrdID, as a client naming the last ClOrdID acknowledged sends them
     * before any Replaced is in, and a cancel by the second one's, the ClOrdID the third replaces (its Replaced says so
     * in 41). With the first read back before the second was read (as when its record came between the two), the
     * second was indexed under the first's ClOrdID and the third, found by the order's previous ClOrdID in the
     * projection, was too, as replacing the first: the cancel found the second's own entry, went to the engine by its
     * ClOrdID, which the order no longer had once the third applied, and was refused as an unknown order (OrdStatus 8,
     * OrderID NONE), the order working on. Also with none and with the first two read back first.
     */
    @Test
    void shouldCancelAnOrderByTheClOrdIdOfTheSecondOfThreeReplacesInFlight() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            for (int readBack = 0; readBack <= 2; readBack++)
            {
                final String x = "N" + readBack;
                final String orderId = behindThreeReplacesByItsClOrdId(client, x, readBack,
                    MsgTypes.ORDER_CANCEL_REQUEST, "11=" + x + "x|41=" + x + "b|55=AAPL|54=1" + TRANSACT_TIME);
                awaitCanceled(client, x + "x", orderId, x + "c");
            }
            assertInSync(client);
        }
    }

    /** The same with a replace in the cancel's place: it was refused as an unknown order too. */
    @Test
    void shouldReplaceAnOrderByTheClOrdIdOfTheSecondOfThreeReplacesInFlight() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            for (int readBack = 0; readBack <= 2; readBack++)
            {
                final String x = "M" + readBack;
                final String orderId = behindThreeReplacesByItsClOrdId(client, x, readBack,
                    MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, replace(x + "y", x + "b", 18));
                final RawFixClient.Msg replaced = awaitExecType(client, x + "y", "5");
                assertThat(replaced.get(37)).isEqualTo(orderId);
                assertThat(replaced.get(41)).as("the ClOrdID it replaced").isEqualTo(x + "c");
                assertThat(replaced.get(38)).isEqualTo("18");
                client.send(MsgTypes.ORDER_CANCEL_REQUEST, "11=" + x + "z|41=" + x + "y|55=AAPL|54=1" + TRANSACT_TIME);
                awaitCanceled(client, x + "z", orderId, x + "y");
            }
            assertInSync(client);
        }
    }

    /**
     * A replace chained onto one in flight (naming it by its ClOrdID), then a third by the order's ClOrdID and a
     * cancel by the chained one's, in one write. The third, found as the first replace leaves the order, was indexed
     * as replacing the first, not the chained one it applies after: the cancel went to the engine by the chained
     * one's ClOrdID, which the third had taken from the order, and was refused as an unknown order.
     */
    @Test
    void shouldCancelAnOrderByTheClOrdIdOfAChainedReplaceAThirdReplaceInFlightReplaces() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final String orderId = acknowledged(client, "G", "55=AAPL|54=1|38=10|40=2|44=187.00|59=1");
            client.sendTogether(
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, replace("Ga", "G", 12),
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, replace("Gb", "Ga", 14),
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, replace("Gc", "G", 16),
                MsgTypes.ORDER_CANCEL_REQUEST, "11=Gx|41=Gb|55=AAPL|54=1" + TRANSACT_TIME);
            assertThat(awaitExecType(client, "Ga", "5").get(41)).isEqualTo("G");
            assertThat(awaitExecType(client, "Gb", "5").get(41)).isEqualTo("Ga");
            assertThat(awaitExecType(client, "Gc", "5").get(41)).isEqualTo("Gb");
            awaitCanceled(client, "Gx", orderId, "Gc");
            assertInSync(client);
        }
    }

    /**
     * An OrderStatusRequest in the same write as its order is handled before the order's record is read back: it was
     * answered as an unknown order (OrdStatus 8, "unknown order") and the order's New came right after. FIX 4.4's
     * answer is the order as it stands, Pending New (39=A), its OrderID not assigned yet.
     */
    @Test
    void shouldAnswerAStatusRequestRightBehindItsOrderAsPendingNew() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            client.sendTogether(
                MsgTypes.NEW_ORDER_SINGLE, "11=P1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_STATUS_REQUEST, "11=P1|55=AAPL|54=1");
            final RawFixClient.Msg status = awaitExecType(client, "P1", "I");
            assertThat(status.get(39)).as("pending new: %s", status).isEqualTo("A");
            assertThat(status.get(37)).as("no OrderID yet").isEqualTo("NONE");
            assertThat(status.get(55)).isEqualTo("AAPL");
            assertThat(status.get(54)).isEqualTo("1");
            assertThat(status.get(38)).isEqualTo("10");
            assertThat(status.get(44)).isEqualTo("189");
            assertThat(status.get(151)).isEqualTo("10");
            assertThat(status.get(14)).isEqualTo("0");
            assertThat(status.get(41)).isNull();
            assertThat(status.get(58)).isNull();
            assertThat(awaitExecType(client, "P1", "0").get(39)).as("then its acknowledgement").isEqualTo("0");
        }
    }

    /**
     * A status request right behind a replace, by the replace's ClOrdID (which the projection does not know yet) or by
     * the one it replaces, or by OrderID: the order as it stands (the old quantity and price), Pending Replace (39=E),
     * under the ClOrdID the request named; then the Replaced.
     */
    @Test
    void shouldAnswerAStatusRequestRightBehindAReplaceAsPendingReplace() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=PR1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME);
            final String orderId = awaitExecType(client, "PR1", "0").get(37);
            client.sendTogether(
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=PR2|41=PR1|55=AAPL|54=1|38=12|40=2|44=188.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_STATUS_REQUEST, "11=PR2|55=AAPL|54=1",
                MsgTypes.ORDER_STATUS_REQUEST, "11=PR1|55=AAPL|54=1",
                MsgTypes.ORDER_STATUS_REQUEST, "37=" + orderId + "|11=PR1|55=AAPL|54=1");

            final RawFixClient.Msg byNew = awaitExecType(client, "PR2", "I");
            assertThat(byNew.get(39)).as("pending replace: %s", byNew).isEqualTo("E");
            assertThat(byNew.get(37)).isEqualTo(orderId);
            assertThat(byNew.get(41)).as("the ClOrdID the replace replaces").isEqualTo("PR1");
            assertThat(byNew.get(38)).as("the order as it stands").isEqualTo("10");
            assertThat(byNew.get(44)).isEqualTo("189");
            assertThat(byNew.get(151)).isEqualTo("10");
            for (int i = 0; i < 2; i++)
            {
                final RawFixClient.Msg byOld = awaitExecType(client, "PR1", "I");
                assertThat(byOld.get(39)).as("pending replace: %s", byOld).isEqualTo("E");
                assertThat(byOld.get(37)).isEqualTo(orderId);
                assertThat(byOld.get(38)).isEqualTo("10");
                assertThat(byOld.get(41)).isNull();
            }
            final RawFixClient.Msg replaced = awaitExecType(client, "PR2", "5");
            assertThat(replaced.get(38)).isEqualTo("12");

            client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=PR2|55=AAPL|54=1");
            final RawFixClient.Msg after = awaitExecType(client, "PR2", "I");
            assertThat(after.get(39)).as("from the projection once read back").isEqualTo("0");
            assertThat(after.get(38)).isEqualTo("12");
        }
    }

    /**
     * The order, a replace of it and a status request by the replace's ClOrdID in one write: neither acknowledgement
     * is read, so the order as the gateway entered it, Pending Replace, no OrderID yet.
     */
    @Test
    void shouldAnswerAStatusRequestRightBehindAReplaceOfAnOrderNotYetAcknowledged() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            client.sendTogether(
                MsgTypes.NEW_ORDER_SINGLE, "11=PN1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=PN2|41=PN1|55=AAPL|54=1|38=12|40=2|44=188.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_STATUS_REQUEST, "11=PN2|55=AAPL|54=1",
                MsgTypes.ORDER_STATUS_REQUEST, "11=PN1|55=AAPL|54=1");
            final RawFixClient.Msg byNew = awaitExecType(client, "PN2", "I");
            assertThat(byNew.get(39)).as("%s", byNew).isEqualTo("E");
            assertThat(byNew.get(37)).isEqualTo("NONE");
            assertThat(byNew.get(41)).isEqualTo("PN1");
            assertThat(byNew.get(38)).isEqualTo("10");
            final RawFixClient.Msg byOld = awaitExecType(client, "PN1", "I");
            assertThat(byOld.get(39)).as("a replace pending outranks pending new: %s", byOld).isEqualTo("E");
            assertThat(byOld.get(37)).isEqualTo("NONE");
            awaitExecType(client, "PN1", "0");
            assertThat(awaitExecType(client, "PN2", "5").get(38)).isEqualTo("12");
        }
    }

    /**
     * A status request right behind its order or replace whose Side or Symbol is not the order's describes no order
     * of the session: answered as an unknown order naming what did not match, as for an acknowledged order.
     */
    @Test
    void shouldAnswerAMismatchedStatusRequestRightBehindItsOrderAsUnknown() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            client.sendTogether(
                MsgTypes.NEW_ORDER_SINGLE, "11=M1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_STATUS_REQUEST, "11=M1|55=AAPL|54=2",
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=M2|41=M1|55=AAPL|54=1|38=12|40=2|44=188.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_STATUS_REQUEST, "11=M2|55=MSFT|54=1");
            assertUnknown(awaitExecType(client, "M1", "I"), "unknown order: Side(54) is not the order's side");
            assertUnknown(awaitExecType(client, "M2", "I"), "unknown order: Symbol(55) is not the order's symbol");
            awaitExecType(client, "M1", "0");
            awaitExecType(client, "M2", "5");
        }
    }

    /**
     * A status request right behind a cancel of a partly filled order, by the cancel's ClOrdID, by the order's or by
     * OrderID: the order as it stands (its fills) with OrdStatus 6, Pending Cancel, which FIX 4.4 ranks above
     * Partially Filled; by the cancel's ClOrdID with the order's in OrigClOrdID(41), as FIX 4.4's Pending Cancel
     * report carries them. It was answered as the order stood (39=1), and by the cancel's ClOrdID as an unknown order.
     */
    @Test
    void shouldAnswerAStatusRequestRightBehindACancelAsPendingCancel() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret");
            RawFixClient other = RawFixClient.loggedOn(exchange.port(), "CLIENT2", "client2-secret"))
        {
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=PC1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME);
            final String orderId = awaitExecType(client, "PC1", "0").get(37);
            other.send(MsgTypes.NEW_ORDER_SINGLE, "11=S1|55=AAPL|54=2|38=4|40=2|44=189.00|59=3" + TRANSACT_TIME);
            assertThat(awaitExecType(client, "PC1", "F").get(14)).isEqualTo("4");
            client.sendTogether(
                MsgTypes.ORDER_CANCEL_REQUEST, "11=PC2|41=PC1|55=AAPL|54=1" + TRANSACT_TIME,
                MsgTypes.ORDER_STATUS_REQUEST, "11=PC2|55=AAPL|54=1",
                MsgTypes.ORDER_STATUS_REQUEST, "11=PC1|55=AAPL|54=1",
                MsgTypes.ORDER_STATUS_REQUEST, "37=" + orderId + "|11=PC1|55=AAPL|54=1",
                MsgTypes.ORDER_STATUS_REQUEST, "11=PC2|55=AAPL|54=2");

            final RawFixClient.Msg byCancel = awaitExecType(client, "PC2", "I");
            assertThat(byCancel.get(39)).as("pending cancel: %s", byCancel).isEqualTo("6");
            assertThat(byCancel.get(37)).isEqualTo(orderId);
            assertThat(byCancel.get(41)).as("the order's ClOrdID").isEqualTo("PC1");
            assertThat(byCancel.get(38)).isEqualTo("10");
            assertThat(byCancel.get(14)).as("its fills").isEqualTo("4");
            assertThat(byCancel.get(151)).isEqualTo("6");
            assertThat(byCancel.get(44)).isEqualTo("189");
            for (int i = 0; i < 2; i++)
            {
                final RawFixClient.Msg byOrder = awaitExecType(client, "PC1", "I");
                assertThat(byOrder.get(39)).as("pending cancel: %s", byOrder).isEqualTo("6");
                assertThat(byOrder.get(37)).isEqualTo(orderId);
                assertThat(byOrder.get(14)).isEqualTo("4");
                assertThat(byOrder.get(151)).isEqualTo("6");
                assertThat(byOrder.get(41)).isNull();
            }
            assertUnknown(awaitExecType(client, "PC2", "I"), "unknown order: Side(54) is not the order's side");
            final RawFixClient.Msg canceled = awaitExecType(client, "PC2", "4");
            assertThat(canceled.get(41)).isEqualTo("PC1");

            client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=PC2|55=AAPL|54=1");
            final RawFixClient.Msg after = awaitExecType(client, "PC2", "I");
            assertThat(after.get(39)).as("from the projection once read back: %s", after).isEqualTo("4");
            assertThat(after.get(14)).isEqualTo("4");
        }
    }

    /**
     * An order, a cancel of it and status requests by both ClOrdIDs in one write: the order is not acknowledged yet,
     * so it is reported as entered (no OrderID yet, nothing done), Pending Cancel outranking Pending New.
     */
    @Test
    void shouldAnswerAStatusRequestRightBehindACancelOfAnOrderNotYetAcknowledged() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            client.sendTogether(
                MsgTypes.NEW_ORDER_SINGLE, "11=CN1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REQUEST, "11=CN2|41=CN1|55=AAPL|54=1" + TRANSACT_TIME,
                MsgTypes.ORDER_STATUS_REQUEST, "11=CN2|55=AAPL|54=1",
                MsgTypes.ORDER_STATUS_REQUEST, "11=CN1|55=AAPL|54=1");
            final RawFixClient.Msg byCancel = awaitExecType(client, "CN2", "I");
            assertThat(byCancel.get(39)).as("%s", byCancel).isEqualTo("6");
            assertThat(byCancel.get(37)).isEqualTo("NONE");
            assertThat(byCancel.get(41)).isEqualTo("CN1");
            assertThat(byCancel.get(38)).isEqualTo("10");
            assertThat(byCancel.get(151)).isEqualTo("10");
            assertThat(byCancel.get(14)).isEqualTo("0");
            final RawFixClient.Msg byOrder = awaitExecType(client, "CN1", "I");
            assertThat(byOrder.get(39)).as("%s", byOrder).isEqualTo("6");
            assertThat(byOrder.get(37)).isEqualTo("NONE");
            awaitExecType(client, "CN1", "0");
            assertThat(awaitExecType(client, "CN2", "4").get(41)).isEqualTo("CN1");
        }
    }

    /**
     * A replace and a cancel naming the order by the ClOrdID last acknowledged, then status requests by each ClOrdID:
     * all Pending Cancel (above Pending Replace), the order as it stands before the replace; by the cancel's ClOrdID
     * with OrigClOrdID the replace's, the ClOrdID the order goes by when the cancel reaches it.
     */
    @Test
    void shouldAnswerAStatusRequestRightBehindACancelBehindAReplaceAsPendingCancel() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=CR1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME);
            final String orderId = awaitExecType(client, "CR1", "0").get(37);
            client.sendTogether(
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=CR2|41=CR1|55=AAPL|54=1|38=12|40=2|44=188.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REQUEST, "11=CR3|41=CR1|55=AAPL|54=1" + TRANSACT_TIME,
                MsgTypes.ORDER_STATUS_REQUEST, "11=CR1|55=AAPL|54=1",
                MsgTypes.ORDER_STATUS_REQUEST, "11=CR2|55=AAPL|54=1",
                MsgTypes.ORDER_STATUS_REQUEST, "11=CR3|55=AAPL|54=1");
            final RawFixClient.Msg byOrder = awaitExecType(client, "CR1", "I");
            assertThat(byOrder.get(39)).as("%s", byOrder).isEqualTo("6");
            assertThat(byOrder.get(38)).isEqualTo("10");
            final RawFixClient.Msg byReplace = awaitExecType(client, "CR2", "I");
            assertThat(byReplace.get(39)).as("%s", byReplace).isEqualTo("6");
            assertThat(byReplace.get(41)).isEqualTo("CR1");
            assertThat(byReplace.get(38)).isEqualTo("10");
            final RawFixClient.Msg byCancel = awaitExecType(client, "CR3", "I");
            assertThat(byCancel.get(39)).as("%s", byCancel).isEqualTo("6");
            assertThat(byCancel.get(37)).isEqualTo(orderId);
            assertThat(byCancel.get(41)).isEqualTo("CR2");
            assertThat(byCancel.get(38)).isEqualTo("10");
            awaitExecType(client, "CR2", "5");
            assertThat(awaitExecType(client, "CR3", "4").get(41)).isEqualTo("CR2");
        }
    }

    /**
     * A mass cancel in flight makes the orders it will take pending cancel: a status request right behind a mass
     * cancel by Symbol, by ClOrdID or by OrderID, finds the session's order of that Symbol Pending Cancel (39=6), an
     * order of another Symbol as it stands, and an order sent after the mass cancel (which it does not reach) Pending
     * New. Behind a mass cancel of all orders, every order of the session. Before, each was answered as the projection
     * had it (39=0) until the Canceled reports were read.
     */
    @Test
    void shouldAnswerAStatusRequestRightBehindAMassCancelAsPendingCancelForTheOrdersItTakes() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final String orderId = acknowledged(client, "MA1", "55=AAPL|54=1|38=10|40=2|44=189.00|59=1");
            acknowledged(client, "MM1", "55=MSFT|54=2|38=5|40=2|44=420.00|59=1");
            client.sendTogether(
                MsgTypes.ORDER_MASS_CANCEL_REQUEST, "11=MQ1|530=1|55=AAPL" + TRANSACT_TIME,
                MsgTypes.ORDER_STATUS_REQUEST, "11=MA1|55=AAPL|54=1",
                MsgTypes.ORDER_STATUS_REQUEST, "37=" + orderId + "|11=MA1|55=AAPL|54=1",
                MsgTypes.ORDER_STATUS_REQUEST, "11=MM1|55=MSFT|54=2",
                MsgTypes.NEW_ORDER_SINGLE, "11=MA2|55=AAPL|54=1|38=1|40=2|44=188.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_STATUS_REQUEST, "11=MA2|55=AAPL|54=1");
            for (int i = 0; i < 2; i++)
            {
                final RawFixClient.Msg taken = awaitExecType(client, "MA1", "I");
                assertThat(taken.get(39)).as("pending cancel: %s", taken).isEqualTo("6");
                assertThat(taken.get(37)).isEqualTo(orderId);
                assertThat(taken.get(151)).isEqualTo("10");
            }
            final RawFixClient.Msg otherSymbol = awaitExecType(client, "MM1", "I");
            assertThat(otherSymbol.get(39)).as("not the mass cancel's Symbol: %s", otherSymbol).isEqualTo("0");
            final RawFixClient.Msg sentAfter = awaitExecType(client, "MA2", "I");
            assertThat(sentAfter.get(39)).as("sent after the mass cancel: %s", sentAfter).isEqualTo("A");
            assertThat(awaitExecType(client, "MA1", "4").get(58)).isEqualTo("mass cancel");
            assertThat(client.await(msg -> "MQ1".equals(msg.get(11)), Duration.ofSeconds(10)).get(533)).isEqualTo("1");
            awaitExecType(client, "MA2", "0");

            client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=MA1|55=AAPL|54=1");
            assertThat(awaitExecType(client, "MA1", "I").get(39)).as("from the projection once read back").isEqualTo("4");
            client.sendTogether(
                MsgTypes.ORDER_MASS_CANCEL_REQUEST, "11=MQ2|530=7" + TRANSACT_TIME,
                MsgTypes.ORDER_STATUS_REQUEST, "11=MM1|55=MSFT|54=2",
                MsgTypes.ORDER_STATUS_REQUEST, "11=MA2|55=AAPL|54=1");
            assertThat(awaitExecType(client, "MM1", "I").get(39)).as("a mass cancel of all orders").isEqualTo("6");
            assertThat(awaitExecType(client, "MA2", "I").get(39)).isEqualTo("6");
            awaitExecType(client, "MM1", "4");
            awaitExecType(client, "MA2", "4");
        }
    }

    /**
     * QA 118 F3: a possible resend of a mass cancel still in flight was executed again, and took the order the client
     * entered between the two. Its report is on its way: the copy is not executed.
     */
    @Test
    void shouldNotExecuteAgainAPossibleResendOfAMassCancelStillInFlight() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            acknowledged(client, "PR1", "55=AAPL|54=1|38=10|40=2|44=189.00|59=1");
            client.sendTogether(
                MsgTypes.ORDER_MASS_CANCEL_REQUEST, "11=PQ1|530=7" + TRANSACT_TIME,
                MsgTypes.NEW_ORDER_SINGLE, "11=PR2|55=AAPL|54=1|38=2|40=2|44=187.50|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_MASS_CANCEL_REQUEST, "97=Y|11=PQ1|530=7" + TRANSACT_TIME);
            assertThat(awaitExecType(client, "PR1", "4").get(58)).isEqualTo("mass cancel");
            assertThat(client.await(msg -> "PQ1".equals(msg.get(11)), Duration.ofSeconds(10)).get(533)).isEqualTo("1");
            awaitExecType(client, "PR2", "0");

            client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=PR2|55=AAPL|54=1");
            assertThat(awaitExecType(client, "PR2", "I").get(39)).as("the order entered between them rests").isEqualTo("0");
            assertThat(client.all()).as("one report of the mass cancel, no second cancel")
                .noneMatch(msg -> "PQ1".equals(msg.get(11)) || "PR2".equals(msg.get(11)) && "4".equals(msg.get(150)));
        }
    }

    /**
     * QA 118 F4: a possible resend (PossDupFlag or PossResend) of an order still in flight, sent right behind it, got
     * no answer. It is answered as a copy of a decided order is, once the order's own reports are out: with its status
     * (ExecType I), after the New, and after the Canceled of an IOC that found nothing; never entered a second time.
     */
    @Test
    void shouldAnswerAPossibleResendOfAnOrderStillInFlightWithItsStatusAfterItsReports() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            client.sendTogether(
                MsgTypes.NEW_ORDER_SINGLE, "11=PD1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME,
                MsgTypes.NEW_ORDER_SINGLE, POSS_DUP + "11=PD1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME,
                MsgTypes.NEW_ORDER_SINGLE, "11=PD2|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME,
                MsgTypes.NEW_ORDER_SINGLE, "97=Y|11=PD2|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME,
                MsgTypes.NEW_ORDER_SINGLE, "11=PD3|55=AAPL|54=1|38=10|40=2|44=185.00|59=3" + TRANSACT_TIME,
                MsgTypes.NEW_ORDER_SINGLE, POSS_DUP + "11=PD3|55=AAPL|54=1|38=10|40=2|44=185.00|59=3" + TRANSACT_TIME);
            final String orderId = awaitExecType(client, "PD1", "0").get(37);
            final RawFixClient.Msg status = awaitExecType(client, "PD1", "I");
            assertThat(status.get(39)).isEqualTo("0");
            assertThat(status.get(37)).isEqualTo(orderId);
            awaitExecType(client, "PD2", "0");
            assertThat(awaitExecType(client, "PD2", "I").get(39)).isEqualTo("0");
            awaitExecType(client, "PD3", "0");
            awaitExecType(client, "PD3", "4");
            assertThat(awaitExecType(client, "PD3", "I").get(39)).as("the IOC as it ended").isEqualTo("4");

            assertInSync(client);
            assertThat(client.all()).as("each order entered once, each copy answered once")
                .noneMatch(msg -> !"0".equals(msg.type()));
        }
    }

    /**
     * The same for an order the engine rejects (outside AAPL's price band): the copy gets, after the Rejected, the
     * BusinessMessageReject a copy of an order rejected earlier gets, and is not decided a second time.
     */
    @Test
    void shouldRefuseAPossibleResendOfAnOrderTheEngineRejectsWhileInFlightAfterItsRejected() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            client.sendTogether(
                MsgTypes.NEW_ORDER_SINGLE, "11=PJ1|55=AAPL|54=1|38=10|40=2|44=100.00|59=1" + TRANSACT_TIME,
                MsgTypes.NEW_ORDER_SINGLE, POSS_DUP + "11=PJ1|55=AAPL|54=1|38=10|40=2|44=100.00|59=1" + TRANSACT_TIME);
            final RawFixClient.Msg first = client.await(msg -> "PJ1".equals(msg.get(11)) || "PJ1".equals(msg.get(379)),
                Duration.ofSeconds(10));
            assertThat(first.type()).as("the order's Rejected first: %s", first).isEqualTo("8");
            assertThat(first.get(150)).isEqualTo("8");
            final RawFixClient.Msg reject = client.await("j");
            assertThat(reject.get(372)).isEqualTo("D");
            assertThat(reject.get(379)).isEqualTo("PJ1");
            assertThat(reject.get(380)).isEqualTo("0");
            assertThat(reject.get(58)).startsWith("possible resend of an order decided earlier under this ClOrdID");

            assertInSync(client);
            assertThat(client.all()).as("decided once").noneMatch(msg -> !"0".equals(msg.type()));
        }
    }

    /**
     * QA 118 F4: a possible resend of a cancel still in flight was refused as already pending cancel (102=3) after the
     * Canceled, so the client saw its cancel done and rejected. It is answered as a copy of a cancel carried out is:
     * the order's status (ExecType I) under the cancel's ClOrdID, after the Canceled. A replace's copy likewise.
     */
    @Test
    void shouldAnswerAPossibleResendOfACancelOrReplaceStillInFlightWithTheOrdersStatusAfterItsReport() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final String orderId = acknowledged(client, "PX1", "55=AAPL|54=1|38=10|40=2|44=189.00|59=1");
            client.sendTogether(
                MsgTypes.ORDER_CANCEL_REQUEST, "11=PX2|41=PX1|55=AAPL|54=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REQUEST, POSS_DUP + "11=PX2|41=PX1|55=AAPL|54=1" + TRANSACT_TIME);
            assertThat(awaitExecType(client, "PX2", "4").get(37)).isEqualTo(orderId);
            final RawFixClient.Msg status = client.await(msg -> "PX2".equals(msg.get(11)), Duration.ofSeconds(10));
            assertThat(status.type()).as("no OrderCancelReject: %s", status).isEqualTo("8");
            assertThat(status.get(150)).isEqualTo("I");
            assertThat(status.get(39)).isEqualTo("4");
            assertThat(status.get(37)).isEqualTo(orderId);

            final String replacedId = acknowledged(client, "PY1", "55=AAPL|54=1|38=10|40=2|44=189.00|59=1");
            client.sendTogether(
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=PY2|41=PY1|55=AAPL|54=1|38=12|40=2|44=188.00|59=1" +
                    TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "97=Y|11=PY2|41=PY1|55=AAPL|54=1|38=12|40=2|44=188.00|59=1" +
                    TRANSACT_TIME);
            assertThat(awaitExecType(client, "PY2", "5").get(37)).isEqualTo(replacedId);
            final RawFixClient.Msg replaced = awaitExecType(client, "PY2", "I");
            assertThat(replaced.get(39)).isEqualTo("0");
            assertThat(replaced.get(38)).as("replaced once").isEqualTo("12");

            assertInSync(client);
            assertThat(client.all()).as("carried out once, answered once").noneMatch(msg -> !"0".equals(msg.type()));
        }
    }

    /**
     * A possible resend of a cancel in flight that the engine refuses (the IOC it names is done by then): the copy is
     * refused too, after the original's reject, as too late, never as pending cancel, and not entered again.
     */
    @Test
    void shouldRefuseAPossibleResendOfACancelTheEngineRefusesWhileInFlightAfterItsReject() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            client.sendTogether(
                MsgTypes.NEW_ORDER_SINGLE, "11=PZ1|55=AAPL|54=1|38=10|40=2|44=185.00|59=3" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REQUEST, "11=PZ2|41=PZ1|55=AAPL|54=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REQUEST, POSS_DUP + "11=PZ2|41=PZ1|55=AAPL|54=1" + TRANSACT_TIME);
            awaitExecType(client, "PZ1", "0");
            awaitExecType(client, "PZ1", "4");
            final RawFixClient.Msg original = client.await(msg -> "PZ2".equals(msg.get(11)), Duration.ofSeconds(10));
            assertThat(original.type()).as("%s", original).isEqualTo("9");
            assertThat(original.get(102)).isEqualTo("0");
            final RawFixClient.Msg copy = client.await(msg -> "PZ2".equals(msg.get(11)), Duration.ofSeconds(10));
            assertThat(copy.type()).as("%s", copy).isEqualTo("9");
            assertThat(copy.get(102)).as("too late, as its original: %s", copy).isEqualTo("0");
            assertThat(copy.get(39)).isEqualTo("4");
            assertThat(copy.get(37)).isEqualTo(original.get(37));
            assertThat(copy.get(58)).startsWith("possible resend of a cancel or replace refused earlier");

            assertInSync(client);
            assertThat(client.all()).as("refused once by the engine").noneMatch(msg -> !"0".equals(msg.type()));
        }
    }

    /**
     * An OrderCancelReject's OrdStatus(39) is the order's current status (FIX 4.4): a cancel or replace the gateway
     * refuses right behind a cancel or mass cancel of the order, in flight, reports it Pending Cancel (6). Before, the
     * projection's status (0) was reported, as if no cancel were under way. Once the cancel is read back, the order is
     * cancelled (4).
     */
    @Test
    void shouldReportAnOrderPendingCancelOnAnOrderCancelRejectRightBehindItsCancel() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final String orderId = acknowledged(client, "RC1", "55=AAPL|54=1|38=10|40=2|44=189.00|59=1");
            client.sendTogether(
                MsgTypes.ORDER_CANCEL_REQUEST, "11=RC2|41=RC1|55=AAPL|54=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REQUEST, "11=RC3|41=RC1|55=AAPL|54=2" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=RC4|41=RC1|55=MSFT|54=1|38=12|40=2|44=188.00|59=1" + TRANSACT_TIME);
            final RawFixClient.Msg secondCancel = client.await(msg -> "RC3".equals(msg.get(11)), Duration.ofSeconds(10));
            assertPendingReject(secondCancel, "1", "6", "Side(54) is not the order's side");
            assertThat(secondCancel.get(37)).isEqualTo(orderId);
            assertPendingReject(client.await(msg -> "RC4".equals(msg.get(11)), Duration.ofSeconds(10)), "2", "6",
                "Symbol(55) is not the order's symbol");
            awaitExecType(client, "RC2", "4");

            acknowledged(client, "RM1", "55=AAPL|54=1|38=10|40=2|44=189.00|59=1");
            client.sendTogether(
                MsgTypes.ORDER_MASS_CANCEL_REQUEST, "11=RQ1|530=1|55=AAPL" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=RM2|41=RM1|55=AAPL|54=2|38=12|40=2|44=188.00|59=1" + TRANSACT_TIME);
            assertPendingReject(client.await(msg -> "RM2".equals(msg.get(11)), Duration.ofSeconds(10)), "2", "6",
                "Side(54) is not the order's side: a replace cannot change it");
            awaitExecType(client, "RM1", "4");

            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "11=RC5|41=RC2|55=AAPL|54=2" + TRANSACT_TIME);
            final RawFixClient.Msg afterCancel = client.await(msg -> "RC5".equals(msg.get(11)), Duration.ofSeconds(10));
            assertThat(afterCancel.type()).as("%s", afterCancel).isEqualTo("9");
        }
    }

    /**
     * A second cancel sent right behind a cancel, before the first is read back, is refused by the gateway with
     * CxlRejReason(102) 3 (order already pending cancel, FIX 4.4) and never reaches the engine; its reject comes after
     * the first cancel's Canceled, with the order's status then (4). Before, it went to the engine, which cancelled the
     * order by the first one and refused the second as too late (102=0).
     */
    @Test
    void shouldRefuseASecondCancelRightBehindACancelAsAlreadyPendingCancelAfterTheCanceled() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final String orderId = acknowledged(client, "PC1", "55=AAPL|54=1|38=10|40=2|44=189.00|59=1");
            client.sendTogether(
                MsgTypes.ORDER_CANCEL_REQUEST, "11=PC2|41=PC1|55=AAPL|54=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REQUEST, "11=PC3|41=PC1|55=AAPL|54=1" + TRANSACT_TIME);
            assertCanceledThenPendingReject(client, "PC2", "PC3", "1", orderId, "PC1");
        }
    }

    /** A replace right behind a cancel of its order can only fail: refused the same way, 102=3, after the Canceled. */
    @Test
    void shouldRefuseAReplaceRightBehindACancelAsAlreadyPendingCancel() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final String orderId = acknowledged(client, "PR1", "55=AAPL|54=1|38=10|40=2|44=189.00|59=1");
            client.sendTogether(
                MsgTypes.ORDER_CANCEL_REQUEST, "11=PR2|41=PR1|55=AAPL|54=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=PR3|41=PR1|55=AAPL|54=1|38=12|40=2|44=188.00|59=1" +
                    TRANSACT_TIME);
            assertCanceledThenPendingReject(client, "PR2", "PR3", "2", orderId, "PR1");
        }
    }

    /**
     * An order, a cancel and a second cancel in one write: the second is refused (102=3) after the order's New and the
     * first cancel's Canceled, never before an acknowledgement of an order the client has not seen accepted yet; the
     * reject carries the OrderID the New gave.
     */
    @Test
    void shouldRefuseASecondCancelOfAnOrderNotYetAcknowledgedAfterItsNewAndCanceled() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            client.sendTogether(
                MsgTypes.NEW_ORDER_SINGLE, "11=PN1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REQUEST, "11=PN2|41=PN1|55=AAPL|54=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REQUEST, "11=PN3|41=PN1|55=AAPL|54=1" + TRANSACT_TIME);
            final RawFixClient.Msg first = client.await(msg -> msg.get(11) != null && msg.get(11).startsWith("PN"),
                Duration.ofSeconds(10));
            assertThat(first.get(11)).as("the order's New comes first: %s", first).isEqualTo("PN1");
            assertThat(first.get(150)).isEqualTo("0");
            assertCanceledThenPendingReject(client, "PN2", "PN3", "1", first.get(37), "PN1");
        }
    }

    /**
     * A cancel behind a replace behind a cancel: the order named by the replace's new ClOrdID, or by the one it
     * replaces, is pending cancel (the cancel's), and a further cancel by either is refused with 102=3. A cancel right
     * behind a replace still goes through (FIX 4.4 lets replaces be processed in sequence): it cancels the order as
     * replaced.
     */
    @Test
    void shouldRefuseACancelOfAnOrderWhoseReplaceACancelIsBehind() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final String orderId = acknowledged(client, "PB1", "55=AAPL|54=1|38=10|40=2|44=189.00|59=1");
            client.sendTogether(
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=PB2|41=PB1|55=AAPL|54=1|38=12|40=2|44=188.00|59=1" +
                    TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REQUEST, "11=PB3|41=PB2|55=AAPL|54=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REQUEST, "11=PB4|41=PB1|55=AAPL|54=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REQUEST, "11=PB5|41=PB2|55=AAPL|54=1" + TRANSACT_TIME);
            assertThat(awaitExecType(client, "PB2", "5").get(37)).isEqualTo(orderId);
            assertCanceledThenPendingReject(client, "PB3", "PB4", "1", orderId, "PB1");
            final RawFixClient.Msg byNewClOrdId = client.await(msg -> "PB5".equals(msg.get(11)), Duration.ofSeconds(10));
            assertThat(byNewClOrdId.type()).as("%s", byNewClOrdId).isEqualTo("9");
            assertThat(byNewClOrdId.get(102)).isEqualTo("3");
            assertThat(byNewClOrdId.get(39)).isEqualTo("4");
        }
    }

    /**
     * An order, its replace, a cancel of it as replaced, and a cancel naming it by the ClOrdID before the replace, all
     * in one write (QA 86 #5): the last is refused with 102=3 after the Canceled, and carries the OrderID the New gave
     * and the order's status then (4), though its OrderID was not known when the cancel came and the order is done (and
     * known by the replace's and the cancel's ClOrdIDs only) when the reject goes.
     */
    @Test
    void shouldGiveAPendingCancelRejectByThePreReplaceClOrdIdTheOrderItNamesOnceDone() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            client.sendTogether(
                MsgTypes.NEW_ORDER_SINGLE, "11=PW1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "11=PW2|41=PW1|55=AAPL|54=1|38=12|40=2|44=188.00|59=1" +
                    TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REQUEST, "11=PW3|41=PW2|55=AAPL|54=1" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REQUEST, "11=PW4|41=PW1|55=AAPL|54=1" + TRANSACT_TIME);
            final String orderId = awaitExecType(client, "PW1", "0").get(37);
            assertThat(awaitExecType(client, "PW2", "5").get(37)).isEqualTo(orderId);
            assertCanceledThenPendingReject(client, "PW3", "PW4", "1", orderId, "PW1");
        }
    }

    /** A cancel right behind a mass cancel that takes its order: 102=3, after the mass cancel's Canceled. */
    @Test
    void shouldRefuseACancelRightBehindAMassCancelThatTakesItsOrder() throws Exception
    {
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final String orderId = acknowledged(client, "PM1", "55=AAPL|54=1|38=10|40=2|44=189.00|59=1");
            client.sendTogether(
                MsgTypes.ORDER_MASS_CANCEL_REQUEST, "11=PMQ|530=1|55=AAPL" + TRANSACT_TIME,
                MsgTypes.ORDER_CANCEL_REQUEST, "11=PM2|41=PM1|55=AAPL|54=1" + TRANSACT_TIME);
            final RawFixClient.Msg first = client.await(msg -> "PM1".equals(msg.get(11)) || "PM2".equals(msg.get(11)),
                Duration.ofSeconds(10));
            assertThat(first.get(150)).as("the mass cancel's Canceled first: %s", first).isEqualTo("4");
            final RawFixClient.Msg reject = client.await(msg -> "PM2".equals(msg.get(11)), Duration.ofSeconds(10));
            assertAlreadyPendingReject(reject, "1", orderId, "PM1");
        }
    }

    /**
     * The first cancel's Canceled ({@code cancel}), and only then the OrderCancelReject of {@code refused}, 102=3 with
     * the order's OrderID and status then (4, cancelled).
     */
    private static void assertCanceledThenPendingReject(final RawFixClient client, final String cancel,
        final String refused, final String responseTo, final String orderId, final String origClOrdId) throws Exception
    {
        final RawFixClient.Msg first = client.await(msg -> cancel.equals(msg.get(11)) || refused.equals(msg.get(11)),
            Duration.ofSeconds(10));
        assertThat(first.get(11)).as("the first cancel's Canceled comes before the reject: %s", first)
            .isEqualTo(cancel);
        assertThat(first.get(150)).as("%s", first).isEqualTo("4");
        assertThat(first.get(37)).isEqualTo(orderId);
        assertAlreadyPendingReject(client.await(msg -> refused.equals(msg.get(11)), Duration.ofSeconds(10)), responseTo,
            orderId, origClOrdId);
    }

    private static void assertAlreadyPendingReject(final RawFixClient.Msg reject, final String responseTo,
        final String orderId, final String origClOrdId)
    {
        assertThat(reject.type()).as("%s", reject).isEqualTo("9");
        assertThat(reject.get(102)).as("order already pending cancel: %s", reject).isEqualTo("3");
        assertThat(reject.get(434)).isEqualTo(responseTo);
        assertThat(reject.get(39)).as("the order's status when the reject is sent: cancelled").isEqualTo("4");
        assertThat(reject.get(37)).isEqualTo(orderId);
        assertThat(reject.get(41)).isEqualTo(origClOrdId);
        assertThat(reject.get(58)).startsWith("order already pending cancel");
    }

    private static void assertUnknown(final RawFixClient.Msg status, final String text)
    {
        assertThat(status.get(39)).as("%s", status).isEqualTo("8");
        assertThat(status.get(103)).isEqualTo("5");
        assertThat(status.get(37)).isEqualTo("NONE");
        assertThat(status.get(58)).isEqualTo(text);
    }

    /**
     * Order {@code prefix}6, acknowledged, replaced to {@code prefix}8 and then {@code prefix}9 by two replaces sent in
     * one write, both naming it {@code prefix}6; both acknowledged. @return its OrderID.
     */
    private static String replacedTwiceByTheSameName(final RawFixClient client, final String prefix) throws Exception
    {
        client.send(MsgTypes.NEW_ORDER_SINGLE, "11=" + prefix + "6|55=AAPL|54=1|38=5|40=2|44=189.00|59=1" + TRANSACT_TIME);
        final String orderId = awaitExecType(client, prefix + "6", "0").get(37);
        client.sendTogether(
            MsgTypes.ORDER_CANCEL_REPLACE_REQUEST,
            "11=" + prefix + "8|41=" + prefix + "6|55=AAPL|54=1|38=7|40=2|44=189.01|59=1" + TRANSACT_TIME,
            MsgTypes.ORDER_CANCEL_REPLACE_REQUEST,
            "11=" + prefix + "9|41=" + prefix + "6|55=AAPL|54=1|38=8|40=2|44=189.02|59=1" + TRANSACT_TIME);
        awaitExecType(client, prefix + "8", "5");
        assertThat(awaitExecType(client, prefix + "9", "5").get(37)).isEqualTo(orderId);
        return orderId;
    }

    /**
     * Order {@code x} (an AAPL buy of 10 at 187.00), acknowledged; then, in one write, replaces {@code x}a (to 12) and
     * {@code x}b (to 14), both naming it {@code x}, as a client naming the last ClOrdID acknowledged sends them, and
     * the {@code requests} (type, body, ...) behind them. @return the order's OrderID.
     */
    private static String behindTwoReplacesByItsClOrdId(final RawFixClient client, final String x,
        final Object... requests) throws Exception
    {
        final String orderId = acknowledged(client, x, "55=AAPL|54=1|38=10|40=2|44=187.00|59=1");
        final Object[] write = new Object[4 + requests.length];
        write[0] = MsgTypes.ORDER_CANCEL_REPLACE_REQUEST;
        write[1] = replace(x + "a", x, 12);
        write[2] = MsgTypes.ORDER_CANCEL_REPLACE_REQUEST;
        write[3] = replace(x + "b", x, 14);
        System.arraycopy(requests, 0, write, 4, requests.length);
        client.sendTogether(write);
        return orderId;
    }

    /**
     * Order {@code x} (an AAPL buy of 10 at 187.00), acknowledged; then replaces {@code x}a, {@code x}b and {@code x}c
     * (to 12, 14 and 16), each naming it {@code x}, as a client naming the last ClOrdID acknowledged sends them before
     * any Replaced is in. The first {@code readBack} of them go first and their Replaced are awaited, so the gateway
     * has read them back; the others go in one write with {@code request} (type, body) behind them, so it has read
     * none of those when it reads the request. Each Replaced is checked to go on from the one before. @return the
     * order's OrderID.
     */
    private static String behindThreeReplacesByItsClOrdId(final RawFixClient client, final String x,
        final int readBack, final int requestType, final String request) throws Exception
    {
        final String orderId = acknowledged(client, x, "55=AAPL|54=1|38=10|40=2|44=187.00|59=1");
        final String[] replaces = {x + "a", x + "b", x + "c"};
        if (readBack > 0)
        {
            final Object[] first = new Object[2 * readBack];
            for (int i = 0; i < readBack; i++)
            {
                first[2 * i] = MsgTypes.ORDER_CANCEL_REPLACE_REQUEST;
                first[2 * i + 1] = replace(replaces[i], x, 12 + 2 * i);
            }
            client.sendTogether(first);
            for (int i = 0; i < readBack; i++)
            {
                awaitExecType(client, replaces[i], "5");
            }
        }
        final Object[] rest = new Object[2 * (replaces.length - readBack) + 2];
        for (int i = readBack; i < replaces.length; i++)
        {
            rest[2 * (i - readBack)] = MsgTypes.ORDER_CANCEL_REPLACE_REQUEST;
            rest[2 * (i - readBack) + 1] = replace(replaces[i], x, 12 + 2 * i);
        }
        rest[rest.length - 2] = requestType;
        rest[rest.length - 1] = request;
        client.sendTogether(rest);
        for (int i = readBack; i < replaces.length; i++)
        {
            final RawFixClient.Msg replaced = awaitExecType(client, replaces[i], "5");
            assertThat(replaced.get(37)).isEqualTo(orderId);
            assertThat(replaced.get(41)).as("%s", replaced).isEqualTo(i == 0 ? x : replaces[i - 1]);
        }
        return orderId;
    }

    /** A limit replace of the AAPL buy {@code origClOrdId} to {@code clOrdId}, at 187.00 for {@code orderQty} in all. */
    private static String replace(final String clOrdId, final String origClOrdId, final int orderQty)
    {
        return "11=" + clOrdId + "|41=" + origClOrdId + "|55=AAPL|54=1|38=" + orderQty + "|40=2|44=187.00|59=1" +
            TRANSACT_TIME;
    }

    /**
     * The answer to the cancel {@code clOrdId}, checked to be the Canceled of order {@code orderId}, which went by
     * {@code origClOrdId} when cancelled.
     */
    private static void awaitCanceled(final RawFixClient client, final String clOrdId, final String orderId,
        final String origClOrdId) throws Exception
    {
        final RawFixClient.Msg cancelled = client.await(msg -> clOrdId.equals(msg.get(11)), Duration.ofSeconds(10));
        assertThat(cancelled.type()).as("%s", cancelled).isEqualTo("8");
        assertThat(cancelled.get(150)).as("%s", cancelled).isEqualTo("4");
        assertThat(cancelled.get(37)).isEqualTo(orderId);
        assertThat(cancelled.get(41)).as("the order's ClOrdID when cancelled").isEqualTo(origClOrdId);
    }

    /** After every answer awaited: a TestRequest's Heartbeat, and a moment for anything else on its way. */
    private static void assertInSync(final RawFixClient client) throws Exception
    {
        client.send(MsgTypes.TEST_REQUEST, "112=in-sync");
        assertThat(client.await("0").get(112)).isEqualTo("in-sync");
        client.drain(Duration.ofMillis(300));
    }

    /** NewOrderSingle {@code clOrdId} with {@code order}'s fields, once acknowledged (New): @return its OrderID. */
    private static String acknowledged(final RawFixClient client, final String clOrdId, final String order)
        throws Exception
    {
        client.send(MsgTypes.NEW_ORDER_SINGLE, "11=" + clOrdId + "|" + order + TRANSACT_TIME);
        return awaitExecType(client, clOrdId, "0").get(37);
    }

    /** The next ExecutionReport whose ClOrdID is {@code clOrdId}, checked to be of ExecType {@code execType}. */
    private static RawFixClient.Msg awaitExecType(final RawFixClient client, final String clOrdId, final String execType)
        throws Exception
    {
        final RawFixClient.Msg report = client.await(msg -> clOrdId.equals(msg.get(11)), Duration.ofSeconds(10));
        assertThat(report.type()).as("%s", report).isEqualTo("8");
        assertThat(report.get(150)).as("%s", report).isEqualTo(execType);
        return report;
    }

    /**
     * An order, acknowledged; then a replace of it and a request right behind the replace, whose answer is returned
     * once checked to be an ExecutionReport {@code execType} of that order.
     */
    private static RawFixClient.Msg behindReplace(final RawFixClient client, final String order, final String replace,
        final int requestType, final String request, final String execType) throws Exception
    {
        client.send(MsgTypes.NEW_ORDER_SINGLE, order);
        final RawFixClient.Msg accepted = client.await("8");
        assertThat(accepted.get(150)).isEqualTo("0");
        final RawFixClient.Msg answer = requestBehindOrder(client, MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, replace,
            requestType, request);
        assertThat(answer.type()).as("%s", answer).isEqualTo("8");
        assertThat(answer.get(150)).isEqualTo(execType);
        assertThat(answer.get(37)).isEqualTo(accepted.get(37));
        return answer;
    }

    private static void assertPendingReject(final RawFixClient.Msg answer, final String responseTo,
        final String ordStatus, final String text)
    {
        assertThat(answer.type()).as("%s", answer).isEqualTo("9");
        assertThat(answer.get(434)).isEqualTo(responseTo);
        assertThat(answer.get(39)).as("the order is pending, not rejected").isEqualTo(ordStatus);
        assertThat(answer.get(58)).isEqualTo(text);
    }

    /** A NewOrderSingle and a request right behind it; the order's acknowledgement, then the request's answer. */
    private static RawFixClient.Msg requestBehindOrder(final RawFixClient client, final String order,
        final int requestType, final String request) throws Exception
    {
        final RawFixClient.Msg answer = requestBehindOrder(client, MsgTypes.NEW_ORDER_SINGLE, order, requestType,
            request);
        assertThat(client.await("8").get(150)).as("the order's acknowledgement").isEqualTo("0");
        return answer;
    }

    /** Two messages in one write; the answer to the second (by its ClOrdID). */
    private static RawFixClient.Msg requestBehindOrder(final RawFixClient client, final int firstType,
        final String first, final int requestType, final String request) throws Exception
    {
        client.sendTogether(firstType, first, requestType, request);
        final String clOrdId = request.substring(3, request.indexOf('|'));
        return client.await(msg -> clOrdId.equals(msg.get(11)), Duration.ofSeconds(10));
    }
}

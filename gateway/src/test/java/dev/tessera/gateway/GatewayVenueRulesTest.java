package dev.tessera.gateway;

import dev.tessera.fix.MsgTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.tessera.gateway.RawFixClient.TRANSACT_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's venue rules for order entry, over a raw socket, CLIENT1 buying from CLIENT2: order instructions the
 * venue does not carry out (all-or-none, a minimum quantity, an iceberg, a stop, an expiry time...) are refused, never
 * ignored (QA round 62: ignored, an all-or-none order was partly filled, MinQty 5 filled 2, MaxFloor 1 displayed
 * whole); the fields a reject repeats; AvgPx's precision; what a replace does to time priority.
 */
@Timeout(60)
class GatewayVenueRulesTest
{
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(300);
    /** A buy of 5 AAPL at 190.00, IOC: it would trade with a resting sell of 2 at that price. */
    private static final String BUY = "|55=AAPL|54=1|38=5|40=2|44=190.00|59=3" + TRANSACT_TIME;

    @TempDir
    Path directory;

    private TestExchange exchange;
    private RawFixClient buyer;
    private RawFixClient seller;
    private int buys;

    @BeforeEach
    void start() throws IOException
    {
        exchange = TestExchange.start(directory);
        buyer = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret");
        seller = RawFixClient.loggedOn(exchange.port(), "CLIENT2", "client2-secret");
    }

    @AfterEach
    void stop() throws IOException
    {
        buyer.close();
        seller.close();
        exchange.close();
    }

    @Test
    void shouldRefuseAnOrderWhoseExecInstHoldsAValueOtherThanPostOnlyAndNeverTradeIt() throws Exception
    {
        restSell("S1", 2, "190.00");
        assertRefused("E1", "|18=G", "unsupported ExecInst(18) value G: only 6 (post-only: participate, don't initiate)");
        assertRefused("E2", "|18=x", "unsupported ExecInst(18) value x: only 6 (post-only: participate, don't initiate)");
        // A list: every value counts, not only the first, so post-only does not carry all-or-none past the check.
        assertRefused("E3", "|18=6 G", "unsupported ExecInst(18) value G: only 6 (post-only: participate, don't initiate)");
        assertRefused("E4", "|18=G 6", "unsupported ExecInst(18) value G: only 6 (post-only: participate, don't initiate)");
        assertNotTraded();

        // 6 alone (or repeated) is post-only, as before: rests below the sell, is refused crossing it.
        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=E5|55=AAPL|54=1|38=5|40=2|44=189.00|59=1|18=6 6" + TRANSACT_TIME);
        final RawFixClient.Msg postOnly = buyer.awaitReport("E5");
        assertThat(postOnly.get(39)).as("%s", postOnly).isEqualTo("0");
        assertThat(postOnly.get(18)).isEqualTo("6");
    }

    @Test
    void shouldRefuseAnOrderGivingAFieldThatChangesExecutionTheVenueDoesNotDo() throws Exception
    {
        restSell("S1", 2, "190.00");
        final Map<String, String> refused = new LinkedHashMap<>();
        refused.put("|110=5", "unsupported MinQty(110)=5: no minimum fill quantity (only 0); TimeInForce 4 (FOK) " +
            "fills all or nothing");
        refused.put("|111=1", "unsupported MaxFloor(111)=1: no iceberg orders, the whole quantity is displayed");
        refused.put("|210=1", "unsupported MaxShow(210)=1: no iceberg orders, the whole quantity is displayed");
        refused.put("|99=189.00", "unsupported StopPx(99)=189.00: no stop orders");
        refused.put("|126=20261122-09:00:00", "unsupported ExpireTime(126)=20261122-09:00:00: orders expire by " +
            "TimeInForce only (6, GTD, is not supported)");
        refused.put("|432=20261122", "unsupported ExpireDate(432)=20261122: orders expire by TimeInForce only (6, " +
            "GTD, is not supported)");
        refused.put("|168=20261122-09:00:00", "unsupported EffectiveTime(168)=20261122-09:00:00: an order is active " +
            "once accepted");
        refused.put("|211=0.01", "unsupported PegOffsetValue(211)=0.01: no pegged orders");
        refused.put("|388=1", "unsupported DiscretionInst(388)=1: no discretionary pricing");
        refused.put("|389=0.05", "unsupported DiscretionOffsetValue(389)=0.05: no discretionary pricing");
        refused.put("|847=1", "unsupported TargetStrategy(847)=1: no execution strategies");
        int n = 0;
        for (final Map.Entry<String, String> field : refused.entrySet())
        {
            assertRefused("F" + ++n, field.getKey(), field.getValue());
        }
        // A long value is named by its start.
        final String longValue = "1".repeat(40);
        assertRefused("F" + ++n, "|847=" + longValue, "unsupported TargetStrategy(847)=" + "1".repeat(32) +
            "...: no execution strategies");

        // A price on a market order: a client may mean it as a limit, which the market order would not honour.
        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=M1|55=AAPL|54=1|38=5|40=1|44=190.00|59=3" + TRANSACT_TIME);
        final RawFixClient.Msg market = awaitRejected(buyer, "M1");
        assertThat(market.get(103)).isEqualTo("11");
        assertThat(market.get(58)).isEqualTo("unsupported Price(44)=190.00: a market order (OrdType 1) takes no " +
            "price; a limit order (OrdType 2) has one");
        assertNotTraded();

        // MinQty 0 asks for nothing: the order is taken, and trades.
        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=Z1" + BUY + "|110=0");
        final RawFixClient.Msg fill = buyer.awaitReport("Z1", "F");
        assertThat(fill.get(32)).isEqualTo("2");
    }

    @Test
    void shouldRejectAnExecInstThatIsNoListOfOneCharacterValuesAsIncorrectDataFormat() throws Exception
    {
        restSell("S1", 2, "190.00");
        for (final String execInst : List.of("6G", "6  G", " 6", "6 "))
        {
            final int seqNum = buyer.nextSeqNum();
            buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=X1" + BUY + "|18=" + execInst);
            final RawFixClient.Msg reject = buyer.await("3");
            assertThat(reject.get(45)).isEqualTo(Integer.toString(seqNum));
            assertThat(reject.get(373)).as("%s for 18=%s", reject, execInst).isEqualTo("6");
            assertThat(reject.get(371)).isEqualTo("18");
        }
        final int seqNum = buyer.nextSeqNum();
        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=X2" + BUY + "|18=");
        final RawFixClient.Msg empty = buyer.await(msg -> "3".equals(msg.type()) &&
            Integer.toString(seqNum).equals(msg.get(45)), WAIT);
        assertThat(empty.get(373)).as("tag specified without a value").isEqualTo("4");
        assertNotTraded();
    }

    /** A replace asking for what the venue does not do gets an OrderCancelReject, and the order is left as it was. */
    @Test
    void shouldRefuseAReplaceGivingAnUnsupportedInstructionAndLeaveTheOrderAsItWas() throws Exception
    {
        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=R1|55=AAPL|54=1|38=5|40=2|44=189.00|59=1|18=6" + TRANSACT_TIME);
        final String orderId = buyer.awaitReport("R1").get(37);

        // On a post-only order, 6 G is refused as G, not as dropping post-only.
        assertReplaceRefused("R2", "|18=6 G", orderId, "unsupported ExecInst(18) value G: only 6 (post-only: " +
            "participate, don't initiate)");
        assertReplaceRefused("R3", "|18=6|110=5", orderId, "unsupported MinQty(110)=5: no minimum fill quantity " +
            "(only 0); TimeInForce 4 (FOK) fills all or nothing");
        assertReplaceRefused("R4", "|18=6|111=1", orderId, "unsupported MaxFloor(111)=1: no iceberg orders, the " +
            "whole quantity is displayed");
        assertReplaceRefused("R5", "|18=6|423=1", orderId, "unsupported PriceType(423)=1: only 2 (per unit), what " +
            "Price(44) always is here");

        buyer.send(MsgTypes.ORDER_STATUS_REQUEST, "11=R1|55=AAPL|54=1");
        final RawFixClient.Msg status = buyer.await(msg -> "I".equals(msg.get(150)), WAIT);
        assertThat(status.get(39)).as("%s", status).isEqualTo("0");
        assertThat(status.get(38)).isEqualTo("5");
        assertThat(status.get(44)).isEqualTo("189");
    }

    /**
     * FIX 4.4 requires Symbol on a mass cancel by security (530=1): without it, Reject(3) 373=1 RefTagID 55, as any
     * missing required field, not a report of an "unknown symbol"; nothing is cancelled.
     */
    @Test
    void shouldRejectAMassCancelBySecurityWithoutSymbolAsMissingARequiredField() throws Exception
    {
        restSell("S1", 2, "190.00");
        final int seqNum = seller.nextSeqNum();
        seller.send(MsgTypes.ORDER_MASS_CANCEL_REQUEST, "11=MC1|530=1" + TRANSACT_TIME);
        final RawFixClient.Msg reject = seller.await("3");
        assertThat(reject.get(45)).isEqualTo(Integer.toString(seqNum));
        assertThat(reject.get(372)).isEqualTo("q");
        assertThat(reject.get(373)).isEqualTo("1");
        assertThat(reject.get(371)).isEqualTo("55");
        seller.drain(QUIET);
        assertThat(seller.all()).noneMatch(msg -> "r".equals(msg.type()) || "4".equals(msg.get(150)));

        // With its Symbol it cancels the sell.
        seller.send(MsgTypes.ORDER_MASS_CANCEL_REQUEST, "11=MC2|530=1|55=AAPL" + TRANSACT_TIME);
        assertThat(seller.await("r").get(533)).isEqualTo("1");
    }

    /**
     * Side(54) on an OrderMassCancelRequest asks for one side's orders; the engine's mass cancel takes both, so it is
     * refused with an OrderMassCancelReport 531=0 and cancels nothing (QA 99: ignored, a buy side's mass cancel took
     * the sells too).
     */
    @Test
    void shouldRefuseAMassCancelNamingASideAndCancelNothing() throws Exception
    {
        restSell("S1", 2, "190.00");
        seller.send(MsgTypes.NEW_ORDER_SINGLE, "11=B1|55=AAPL|54=1|38=3|40=2|44=189.00|59=1" + TRANSACT_TIME);
        seller.awaitReport("B1", "0");
        final String text = "unsupported Side(54) on an OrderMassCancelRequest: a mass cancel takes the orders of " +
            "both sides; leave Side out, or cancel one side's orders one by one";

        seller.send(MsgTypes.ORDER_MASS_CANCEL_REQUEST, "11=MC1|530=7|54=1" + TRANSACT_TIME);
        final RawFixClient.Msg all = seller.await(msg -> "r".equals(msg.type()) && "MC1".equals(msg.get(11)), WAIT);
        assertThat(all.get(530)).isEqualTo("7");
        assertThat(all.get(531)).as("rejected: %s", all).isEqualTo("0");
        assertThat(all.get(532)).isEqualTo("0");
        assertThat(all.get(58)).isEqualTo(text);
        seller.send(MsgTypes.ORDER_MASS_CANCEL_REQUEST, "11=MC2|530=1|55=AAPL|54=2" + TRANSACT_TIME);
        final RawFixClient.Msg bySecurity = seller.await(msg -> "r".equals(msg.type()) && "MC2".equals(msg.get(11)),
            WAIT);
        assertThat(bySecurity.get(531)).isEqualTo("0");
        assertThat(bySecurity.get(58)).isEqualTo(text);
        assertThat(bySecurity.get(55)).as("its Symbol echoed").isEqualTo("AAPL");
        assertThat(all.get(55)).as("none to echo").isNull();
        seller.drain(QUIET);
        assertThat(seller.all()).noneMatch(msg -> "4".equals(msg.get(150)));

        // Without Side it takes both.
        seller.send(MsgTypes.ORDER_MASS_CANCEL_REQUEST, "11=MC3|530=7" + TRANSACT_TIME);
        assertThat(seller.await(msg -> "r".equals(msg.type()) && "MC3".equals(msg.get(11)), WAIT).get(533))
            .isEqualTo("2");
    }

    /**
     * PriceType(423) other than 2 (per unit) changes what Price(44) means: refused like any instruction the venue
     * does not carry out (QA 99: 423=1, percentage, was taken and the price read per unit); 2 is what it does.
     */
    @Test
    void shouldRefuseAPriceTypeOtherThanPerUnit() throws Exception
    {
        restSell("S1", 2, "190.00");
        assertRefused("P1", "|423=1", "unsupported PriceType(423)=1: only 2 (per unit), what Price(44) always is here");
        assertRefused("P2", "|423=6", "unsupported PriceType(423)=6: only 2 (per unit), what Price(44) always is here");
        assertNotTraded();
        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=P3" + BUY + "|423=2");
        assertThat(buyer.awaitReport("P3", "F").get(32)).isEqualTo("2");
    }

    /**
     * Post-only cannot rest as IOC, FOK or a market order; the engine rejects the order, and the Text names the clash
     * as a refused instruction's does (QA 99: "invalid order attributes").
     */
    @Test
    void shouldNameTheClashWhenRejectingPostOnlyOnAnOrderThatCannotRest() throws Exception
    {
        restSell("S1", 2, "190.00");
        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=Q1|55=AAPL|54=1|38=5|40=2|44=189.00|59=3|18=6" + TRANSACT_TIME);
        assertPostOnlyRejected("Q1", "ExecInst(18)=6 (post-only) cannot be combined with TimeInForce(59)=3 (IOC): " +
            "a post-only order rests or is rejected");
        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=Q2|55=AAPL|54=1|38=5|40=2|44=189.00|59=4|18=6" + TRANSACT_TIME);
        assertPostOnlyRejected("Q2", "ExecInst(18)=6 (post-only) cannot be combined with TimeInForce(59)=4 (FOK): " +
            "a post-only order rests or is rejected");
        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=Q3|55=AAPL|54=1|38=5|40=1|59=3|18=6" + TRANSACT_TIME);
        assertPostOnlyRejected("Q3", "ExecInst(18)=6 (post-only) cannot be combined with OrdType(40)=1 (market): " +
            "a post-only order rests or is rejected");
        assertNotTraded();
    }

    private void assertPostOnlyRejected(final String clOrdId, final String text) throws IOException
    {
        final RawFixClient.Msg rejected = awaitRejected(buyer, clOrdId);
        assertThat(rejected.get(103)).isEqualTo("11");
        assertThat(rejected.get(18)).isEqualTo("6");
        assertThat(rejected.get(58)).isEqualTo(text);
    }

    /**
     * On an instrument without a price band, the one limit is the notional's (price x maxQuantity fits a long): a
     * price above it is refused naming that limit, not a band it lacks (QA 99: "price outside band"), on a new order
     * and on a replace alike; one at the limit rests.
     */
    @Test
    void shouldNameTheNotionalLimitWhenRefusingAPriceAboveItWithoutABand(@TempDir final Path noBandDirectory)
        throws Exception
    {
        // MSFT at 4 decimals with maxQuantity 10^9: Long.MAX_VALUE / 10^9 is 9223372036, 922337.2036.
        try (TestExchange noBand = TestExchange.start(noBandDirectory, Map.of(
            "instruments.MSFT.priceBandBps", "0", "instruments.MSFT.maxQuantity", "1000000000"));
            RawFixClient client = RawFixClient.loggedOn(noBand.port(), "CLIENT1", "client1-secret"))
        {
            final String text = "price above 922337.2036, the most whose notional at maxQuantity (1000000000) fits " +
                "64 bits";
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=N1|55=MSFT|54=1|38=1|40=2|44=922337.21|59=1" + TRANSACT_TIME);
            final RawFixClient.Msg rejected = awaitRejected(client, "N1");
            assertThat(rejected.get(58)).isEqualTo(text);

            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=N2|55=MSFT|54=1|38=1|40=2|44=922337.20|59=1" + TRANSACT_TIME);
            final String orderId = client.awaitReport("N2", "0").get(37);
            client.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST,
                "41=N2|11=N3|55=MSFT|54=1|38=1|40=2|44=922337.21|59=1" + TRANSACT_TIME);
            final RawFixClient.Msg reject = client.await(msg -> "9".equals(msg.type()) && "N3".equals(msg.get(11)),
                WAIT);
            assertThat(reject.get(37)).isEqualTo(orderId);
            assertThat(reject.get(58)).isEqualTo(text);
        }
        // With a band, the band is named as before.
        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=N4|55=AAPL|54=1|38=1|40=2|44=999.00|59=1" + TRANSACT_TIME);
        assertThat(awaitRejected(buyer, "N4").get(58)).isEqualTo("price outside band");
    }

    /** AvgPx(6) carries 4 decimals beyond the price scale (AAPL's 4: 8), rounded half up: it was cut (QA round 62). */
    @Test
    void shouldRoundAvgPxHalfUpAtFourDecimalsBeyondThePriceScale() throws Exception
    {
        // 1 @ 189.01 + 2 @ 189.02 = 567.05 for 3: 189.0166..., up to 189.01666667.
        assertThat(avgPxOfSweep("U", 1, 2)).isEqualTo("189.01666667");
        // 2 @ 189.01 + 1 @ 189.02 = 567.04 for 3: 189.0133..., down to 189.01333333.
        assertThat(avgPxOfSweep("D", 2, 1)).isEqualTo("189.01333333");
        // 1 @ 189.01 + 1 @ 189.02: exact, 189.015, no digits made up.
        assertThat(avgPxOfSweep("E", 1, 1)).isEqualTo("189.015");
    }

    /** CLIENT2 rests {@code atLow} @ 189.01 and {@code atHigh} @ 189.02; CLIENT1 buys both: @return its last AvgPx. */
    private String avgPxOfSweep(final String name, final int atLow, final int atHigh) throws IOException
    {
        seller.send(MsgTypes.NEW_ORDER_SINGLE, "11=" + name + "S1|55=AAPL|54=2|38=" + atLow + "|40=2|44=189.01|59=1" +
            TRANSACT_TIME);
        seller.send(MsgTypes.NEW_ORDER_SINGLE, "11=" + name + "S2|55=AAPL|54=2|38=" + atHigh + "|40=2|44=189.02|59=1" +
            TRANSACT_TIME);
        seller.awaitReport(name + "S2", "0");
        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=" + name + "B|55=AAPL|54=1|38=" + (atLow + atHigh) +
            "|40=2|44=189.02|59=3" + TRANSACT_TIME);
        final RawFixClient.Msg filled = buyer.await(msg -> (name + "B").equals(msg.get(11)) && "2".equals(msg.get(39)),
            WAIT);
        assertThat(filled.get(14)).isEqualTo(Integer.toString(atLow + atHigh));
        return filled.get(6);
    }
    /**
     * A reject the gateway makes repeats the order as an engine-made one does: the same fields in the same order,
     * OrderQty and Price as numbers (10, 190, not 10.0, 190.00), TimeInForce echoed (0 when the order had none).
     */
    @Test
    void shouldEchoTheOrderInAGatewayRejectAsTheEngineDoes() throws Exception
    {
        // Engine-made: a price of 0 passes the gateway.
        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=C1|55=AAPL|54=1|38=10.0|40=2|44=0.00|59=1" + TRANSACT_TIME);
        final RawFixClient.Msg engine = awaitRejected(buyer, "C1");
        assertThat(engine.get(17)).as("an engine ExecID is a number").matches("[0-9]+");
        // Gateway-made: Side 3.
        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=C2|55=AAPL|54=3|38=10.0|40=2|44=190.00|59=1" + TRANSACT_TIME);
        final RawFixClient.Msg gateway = awaitRejected(buyer, "C2");
        assertThat(gateway.get(17)).as("a gateway ExecID").startsWith("G");
        assertThat(gateway.get(38)).isEqualTo("10");
        assertThat(gateway.get(44)).isEqualTo("190");
        assertThat(gateway.get(59)).isEqualTo("1");
        assertThat(bodyTags(gateway)).isEqualTo(bodyTags(engine));

        // Without TimeInForce: FIX's default, Day, as the engine reports it.
        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=C3|55=AAPL|54=3|38=10|40=2|44=190.00" + TRANSACT_TIME);
        assertThat(awaitRejected(buyer, "C3").get(59)).isEqualTo("0");
        // What cannot be read as the instrument's is echoed as sent: the reason it was refused.
        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=C4|55=AAPL|54=1|38=10.5|40=2|44=190.00|59=1" + TRANSACT_TIME);
        assertThat(awaitRejected(buyer, "C4").get(38)).isEqualTo("10.5");
        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=C5|55=AAPL|54=1|38=10|40=2|44=190.000001|59=1" + TRANSACT_TIME);
        assertThat(awaitRejected(buyer, "C5").get(44)).isEqualTo("190.000001");
        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=C6|55=GOOG|54=1|38=10|40=2|44=190.00|59=1" + TRANSACT_TIME);
        assertThat(awaitRejected(buyer, "C6").get(44)).isEqualTo("190.00");
    }

    /**
     * How a replace affects time priority, as the README's venue rules state it: the same price and the same or a
     * smaller total keep the order's place in its level; a larger total or a new price lose it. CLIENT2 rests two
     * sells at 190.00, A before B; CLIENT1's buys of 1 show which is first.
     */
    @Test
    void shouldKeepPriorityForTheSamePriceAndNoLargerTotal() throws Exception
    {
        restSell("A", 10, "190.00");
        restSell("B", 10, "190.00");
        replace("A", "A2", "10", "190.00");
        assertThat(nextFilled()).as("the same total keeps A first").isEqualTo("A2");
        replace("A2", "A3", "5", "190.00");
        assertThat(nextFilled()).as("a smaller total keeps A first").isEqualTo("A3");
    }

    @Test
    void shouldLosePriorityForALargerTotalOrANewPrice() throws Exception
    {
        restSell("A", 10, "190.00");
        restSell("B", 10, "190.00");
        replace("A", "A2", "11", "190.00");
        assertThat(nextFilled()).as("a larger total put A behind B").isEqualTo("B");
        // B (9 left) leaves the level and comes back: behind A now.
        replace("B", "B2", "10", "190.01");
        replace("B2", "B3", "10", "190.00");
        assertThat(nextFilled()).as("a new price put B behind A").isEqualTo("A2");
    }

    private void replace(final String origClOrdId, final String clOrdId, final String total, final String price)
        throws IOException
    {
        seller.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "41=" + origClOrdId + "|11=" + clOrdId +
            "|55=AAPL|54=2|38=" + total + "|40=2|44=" + price + "|59=1" + TRANSACT_TIME);
        seller.awaitReport(clOrdId, "5");
    }

    /** CLIENT1 buys 1 at 190.00: @return the ClOrdID of CLIENT2's order that filled it. */
    private String nextFilled() throws IOException
    {
        final String clOrdId = "buy" + ++buys;
        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=" + clOrdId + "|55=AAPL|54=1|38=1|40=2|44=190.00|59=3" +
            TRANSACT_TIME);
        buyer.awaitReport(clOrdId, "F");
        return seller.await(msg -> "8".equals(msg.type()) && "F".equals(msg.get(150)), WAIT).get(11);
    }

    /** CLIENT2 rests a GTC sell of {@code quantity} AAPL at {@code price}, acknowledged. */
    /**
     * The README's market order rule: a market order's unfilled remainder is cancelled whatever its TimeInForce (the
     * engine's NO_LIQUIDITY, Text "no liquidity"), and its reports echo the TimeInForce sent, 0 (Day, FIX's default)
     * when none was: the New, the fill and the Canceled alike, so a client matches them to its order as it sent it.
     */
    @Test
    void shouldCancelAMarketOrdersRemainderWhateverItsTimeInForceAndEchoTheTimeInForceSent() throws Exception
    {
        restSell("S1", 2, "190.00");
        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=MK1|55=AAPL|54=1|38=5|40=1" + TRANSACT_TIME);
        assertThat(buyer.awaitReport("MK1", "0").get(59)).as("Day, FIX's default").isEqualTo("0");
        final RawFixClient.Msg fill = buyer.awaitReport("MK1", "F");
        assertThat(fill.get(32)).isEqualTo("2");
        assertThat(fill.get(59)).isEqualTo("0");
        final RawFixClient.Msg remainder = buyer.awaitReport("MK1", "4");
        assertThat(remainder.get(39)).as("%s", remainder).isEqualTo("4");
        assertThat(remainder.get(58)).isEqualTo("no liquidity");
        assertThat(remainder.get(59)).as("as sent, not 3 (IOC)").isEqualTo("0");
        assertThat(remainder.get(14)).isEqualTo("2");
        assertThat(remainder.get(151)).isEqualTo("0");

        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=MK2|55=AAPL|54=1|38=5|40=1|59=1" + TRANSACT_TIME);
        assertThat(buyer.awaitReport("MK2", "0").get(59)).isEqualTo("1");
        final RawFixClient.Msg gtc = buyer.awaitReport("MK2", "4");
        assertThat(gtc.get(58)).as("a GTC market order does not rest: %s", gtc).isEqualTo("no liquidity");
        assertThat(gtc.get(59)).isEqualTo("1");
    }

    private void restSell(final String clOrdId, final int quantity, final String price) throws IOException
    {
        seller.send(MsgTypes.NEW_ORDER_SINGLE, "11=" + clOrdId + "|55=AAPL|54=2|38=" + quantity + "|40=2|44=" + price +
            "|59=1" + TRANSACT_TIME);
        assertThat(seller.awaitReport(clOrdId, "0").get(39)).isEqualTo("0");
    }

    private void assertRefused(final String clOrdId, final String fields, final String text) throws IOException
    {
        buyer.send(MsgTypes.NEW_ORDER_SINGLE, "11=" + clOrdId + BUY + fields);
        final RawFixClient.Msg rejected = awaitRejected(buyer, clOrdId);
        assertThat(rejected.get(103)).as("OrdRejReason unsupported order characteristic").isEqualTo("11");
        assertThat(rejected.get(58)).isEqualTo(text);
        assertThat(rejected.get(37)).isEqualTo("NONE");
        assertThat(rejected.get(59)).isEqualTo("3");
    }

    private void assertReplaceRefused(final String clOrdId, final String fields, final String orderId,
        final String text) throws IOException
    {
        buyer.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST,
            "41=R1|11=" + clOrdId + "|55=AAPL|54=1|38=5|40=2|44=190.00" + fields + TRANSACT_TIME);
        final RawFixClient.Msg reject = buyer.await(msg -> "9".equals(msg.type()) && clOrdId.equals(msg.get(11)), WAIT);
        assertThat(reject.get(434)).isEqualTo("2");
        assertThat(reject.get(37)).isEqualTo(orderId);
        assertThat(reject.get(39)).as("the order is live, unchanged").isEqualTo("0");
        assertThat(reject.get(58)).isEqualTo(text);
    }

    /** The resting sell of 2 is untouched: no fill on either side. */
    private void assertNotTraded() throws IOException
    {
        seller.drain(QUIET);
        buyer.drain(Duration.ZERO);
        assertThat(seller.all()).noneMatch(msg -> "F".equals(msg.get(150)));
        assertThat(buyer.all()).noneMatch(msg -> "F".equals(msg.get(150)));
    }

    /** The tags of a message in order, without the header and trailer. */
    private static List<Integer> bodyTags(final RawFixClient.Msg msg)
    {
        return msg.order().stream().map(tag -> tag[0])
            .filter(tag -> tag != 8 && tag != 9 && tag != 35 && tag != 34 && tag != 49 && tag != 56 && tag != 52 &&
                tag != 10)
            .toList();
    }

    private static RawFixClient.Msg awaitRejected(final RawFixClient client, final String clOrdId) throws IOException
    {
        final RawFixClient.Msg report = client.awaitReport(clOrdId);
        assertThat(report.get(150)).as("ExecType of %s", report).isEqualTo("8");
        assertThat(report.get(39)).as("OrdStatus of %s", report).isEqualTo("8");
        return report;
    }
}

package dev.tessera.gateway;

import dev.tessera.fix.MsgTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.tessera.gateway.RawFixClient.TRANSACT_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway thread's steady state allocates nothing: orders and status requests in, reports out, over a real socket,
 * measured with the JVM's per-thread allocation counter on the "tessera-gateway" thread.
 */
@Timeout(120)
class GatewayAllocationTest
{
    private static final int WARM_UP_ROUNDS = 4_000;
    private static final int MEASURED_ROUNDS = 2_000;
    /** Slack for one-off growth (a map resize, a lazily created buffer), far below one byte per message. */
    private static final long SLACK_BYTES = 16 * 1024;

    @TempDir
    Path directory;

    @Test
    void shouldNotAllocateOnTheGatewayThreadInSteadyState() throws Exception
    {
        // Done orders are remembered up to a bound, and the warm-up fills it: measured is the steady state, where
        // each done order takes the place (and the pooled state) of the oldest. Status requests are answered at
        // once, so the rounds can outrun the default throttle: measured here is allocation, not throttling.
        final long allocated = allocatedInSteadyState(GatewayAllocationTest::rounds, WARM_UP_ROUNDS, MEASURED_ROUNDS);
        assertThat(allocated).as("bytes allocated by the gateway thread for %d orders, %d cancels, %d cancels too " +
            "late, %d status requests and their reports", MEASURED_ROUNDS, MEASURED_ROUNDS, MEASURED_ROUNDS,
            5 * MEASURED_ROUNDS).isLessThan(SLACK_BYTES);
    }

    /**
     * Replaces too: each order replaced twice, then cancelled, so the earlier ClOrdIDs a live order went by are noted
     * (and checked against every request) and released as it is done; and a NewOrderSingle and a replace refused for
     * taking one of them. Released entries are used again, so the steady state allocates nothing.
     */
    @Test
    void shouldNotAllocateOnTheGatewayThreadInSteadyStateWithReplaces() throws Exception
    {
        final long allocated = allocatedInSteadyState(GatewayAllocationTest::replaceRounds, WARM_UP_ROUNDS / 2,
            MEASURED_ROUNDS / 2);
        assertThat(allocated).as("bytes allocated by the gateway thread for %d orders, each replaced twice, " +
            "refused twice and cancelled, and their reports", MEASURED_ROUNDS / 2).isLessThan(SLACK_BYTES);
    }

    /**
     * Market data too: a live subscription to bids, offers and trades, and each round an offer rested by one session
     * and taken by the other, each a MarketDataIncrementalRefresh (a new level; a delete and a trade, with their
     * MDEntryPositionNo, and the trade its MDEntryDate and MDEntryTime) besides the reports, and each trade kept as the
     * instrument's last.
     */
    @Test
    void shouldNotAllocateOnTheGatewayThreadInSteadyStateWithMarketData() throws Exception
    {
        final long allocated = allocatedWithMarketData("AAPL", subscriber -> { });
        assertThat(allocated).as("bytes allocated by the gateway thread for %d trades, their reports and " +
            "incremental refreshes", MEASURED_ROUNDS / 2).isLessThan(SLACK_BYTES);
    }

    /**
     * Trades no one subscribes to: a subscription to another instrument's trades, and each round an AAPL offer rested
     * and taken. The books and the last trade are kept (a snapshot asked for later carries it), nothing else, and
     * nothing is allocated for them.
     */
    @Test
    void shouldNotAllocateOnTheGatewayThreadForTradesNoOneSubscribesTo() throws Exception
    {
        final long allocated = allocatedWithMarketData("MSFT", subscriber ->
        {
            // The last of them is known all the same: a snapshot with trades carries it.
            subscriber.send(MsgTypes.MARKET_DATA_REQUEST, "262=md2|263=0|264=5|267=1|269=2|146=1|55=AAPL");
            final RawFixClient.Msg snapshot = subscriber.await("W");
            assertThat(snapshot.get(269)).isEqualTo("2");
            assertThat(snapshot.get(270)).isEqualTo("190");
            assertThat(snapshot.get(271)).isEqualTo("10");
            assertThat(snapshot.get(272)).isNotNull();
            assertThat(snapshot.get(273)).isNotNull();
        });
        assertThat(allocated).as("bytes allocated by the gateway thread for %d trades no one subscribes to and " +
            "their reports", MEASURED_ROUNDS / 2).isLessThan(SLACK_BYTES);
    }

    @FunctionalInterface
    private interface SubscriberCheck
    {
        void run(RawFixClient subscriber) throws Exception;
    }

    /**
     * Bytes the gateway thread allocates for rounds of AAPL trades ({@link #marketDataRounds}) after a warm-up, while
     * one session subscribes to {@code subscribedSymbol}'s bids, offers and trades; {@code afterwards} runs last.
     */
    private long allocatedWithMarketData(final String subscribedSymbol, final SubscriberCheck afterwards)
        throws Exception
    {
        try (TestExchange exchange = TestExchange.start(directory, Map.of("gateway.doneOrders", "1000", "gateway.sessions",
            "[{ compId = CLIENT1, ownerId = 1, password = client1-secret, throttleMessagesPerSecond = 1000000 }, " +
                "{ compId = CLIENT2, ownerId = 2, password = client2-secret, throttleMessagesPerSecond = 1000000 }]"));
            RawFixClient subscriber = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret");
            RawFixClient seller = RawFixClient.loggedOn(exchange.port(), "CLIENT2", "client2-secret"))
        {
            subscriber.send(MsgTypes.MARKET_DATA_REQUEST,
                "262=md1|263=1|264=5|267=3|269=0|269=1|269=2|146=1|55=" + subscribedSymbol);
            subscriber.await("W");
            final Thread gateway = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("tessera-gateway")).findFirst().orElseThrow();
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

            final boolean refreshes = subscribedSymbol.equals("AAPL");
            marketDataRounds(subscriber, seller, 0, WARM_UP_ROUNDS / 2, refreshes);
            final long before = threads.getThreadAllocatedBytes(gateway.getId());
            marketDataRounds(subscriber, seller, WARM_UP_ROUNDS / 2, MEASURED_ROUNDS / 2, refreshes);
            final long allocated = threads.getThreadAllocatedBytes(gateway.getId()) - before;
            afterwards.run(subscriber);
            return allocated;
        }
    }

    /** Each round an AAPL offer rested and taken; with {@code refreshes}, the subscriber's two refreshes awaited. */
    private static void marketDataRounds(final RawFixClient subscriber, final RawFixClient seller, final int first,
        final int count, final boolean refreshes) throws Exception
    {
        for (int i = first; i < first + count; i++)
        {
            seller.send(MsgTypes.NEW_ORDER_SINGLE, "11=" + (i + 1) + "|55=AAPL|54=2|38=10|40=2|44=190.00|59=1" +
                TRANSACT_TIME);
            seller.awaitReport(Integer.toString(i + 1), "0");
            if (refreshes)
            {
                subscriber.await(msg -> "X".equals(msg.type()) && "0".equals(msg.get(279)), Duration.ofSeconds(10));
            }
            subscriber.send(MsgTypes.NEW_ORDER_SINGLE, "11=" + (i + 1) + "|55=AAPL|54=1|38=10|40=2|44=190.00|59=3" +
                TRANSACT_TIME);
            subscriber.awaitReport(Integer.toString(i + 1), "F");
            if (refreshes)
            {
                subscriber.await(msg -> "X".equals(msg.type()) && "2".equals(msg.get(279)) && msg.get(273) != null,
                    Duration.ofSeconds(10));
            }
            seller.awaitReport(Integer.toString(i + 1), "F");
        }
    }

    @FunctionalInterface
    private interface Rounds
    {
        void run(RawFixClient client, int first, int count) throws Exception;
    }

    /** Bytes the gateway thread allocates for {@code measured} rounds after {@code warmUp} rounds. */
    private long allocatedInSteadyState(final Rounds rounds, final int warmUp, final int measured) throws Exception
    {
        try (TestExchange exchange = TestExchange.start(directory, Map.of("gateway.doneOrders", "1000",
            "gateway.sessions", "[{ compId = CLIENT1, ownerId = 1, password = client1-secret, " +
                "throttleMessagesPerSecond = 1000000 }]"));
            RawFixClient client = new RawFixClient(exchange.port(), "CLIENT1"))
        {
            client.logon("client1-secret", true);
            client.await("A");
            final Thread gateway = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("tessera-gateway")).findFirst().orElseThrow();
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

            rounds.run(client, 0, warmUp);
            final long before = threads.getThreadAllocatedBytes(gateway.getId());
            rounds.run(client, warmUp, measured);
            return threads.getThreadAllocatedBytes(gateway.getId()) - before;
        }
    }

    /**
     * Each round: a resting order (ClOrdID n), replaced to n + 10^6 and to n + 2 * 10^6, a NewOrderSingle under n and a
     * replace back to n (both refused: the order went by n), a cancel, and their reports.
     */
    private static void replaceRounds(final RawFixClient client, final int first, final int count) throws Exception
    {
        for (int i = first; i < first + count; i++)
        {
            final int clOrdId = i + 1;
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=" + clOrdId + "|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" +
                TRANSACT_TIME);
            client.await(msg -> "0".equals(msg.get(150)), Duration.ofSeconds(10));
            client.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "41=" + clOrdId + "|11=" + (clOrdId + 1_000_000) +
                "|55=AAPL|54=1|38=10|40=2|44=189.01|59=1" + TRANSACT_TIME);
            client.await(msg -> "5".equals(msg.get(150)), Duration.ofSeconds(10));
            client.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "41=" + (clOrdId + 1_000_000) + "|11=" +
                (clOrdId + 2_000_000) + "|55=AAPL|54=1|38=10|40=2|44=189.02|59=1" + TRANSACT_TIME);
            client.await(msg -> "5".equals(msg.get(150)), Duration.ofSeconds(10));
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=" + clOrdId + "|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" +
                TRANSACT_TIME);
            client.await(msg -> "8".equals(msg.get(150)) && "6".equals(msg.get(103)), Duration.ofSeconds(10));
            client.send(MsgTypes.ORDER_CANCEL_REPLACE_REQUEST, "41=" + (clOrdId + 2_000_000) + "|11=" + clOrdId +
                "|55=AAPL|54=1|38=10|40=2|44=189.03|59=1" + TRANSACT_TIME);
            client.await(msg -> "9".equals(msg.type()) && "6".equals(msg.get(102)), Duration.ofSeconds(10));
            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=" + (clOrdId + 2_000_000) + "|11=" + (clOrdId + 3_000_000) +
                "|55=AAPL|54=1" + TRANSACT_TIME);
            client.await(msg -> "4".equals(msg.get(150)), Duration.ofSeconds(10));
        }
    }

    /**
     * Each round: a resting order (every other one post-only), its acknowledgement, its status, a status request with
     * another Side (unknown order), a cancel, its acknowledgement, the done order's status by its ClOrdID and by the
     * cancel's, a cancel too late, its reject, the status of an order never seen.
     */
    private static void rounds(final RawFixClient client, final int first, final int count) throws Exception
    {
        for (int i = first; i < first + count; i++)
        {
            // Every other order post-only: its reports carry ExecInst(18)=6.
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=" + (i + 1) + "|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" +
                (i % 2 == 0 ? "|18=6" : "") + TRANSACT_TIME);
            client.await(msg -> "0".equals(msg.get(150)), Duration.ofSeconds(10));
            status(client, i + 1, "0");
            status(client, i + 1, "2", "8"); // not the order's Side: unknown order
            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=" + (i + 1) + "|11=" + (i + 1_000_000) + "|55=AAPL|54=1" +
                TRANSACT_TIME);
            client.await(msg -> "4".equals(msg.get(150)), Duration.ofSeconds(10));
            status(client, i + 1, "4");
            status(client, i + 1_000_000, "4");
            client.send(MsgTypes.ORDER_CANCEL_REQUEST, "41=" + (i + 1) + "|11=" + (i + 2_000_000) + "|55=AAPL|54=1" +
                TRANSACT_TIME);
            client.await(msg -> "9".equals(msg.type()) && "0".equals(msg.get(102)), Duration.ofSeconds(10));
            status(client, i + 3_000_000, "8");
        }
    }

    private static void status(final RawFixClient client, final int clOrdId, final String ordStatus) throws Exception
    {
        status(client, clOrdId, "1", ordStatus);
    }

    private static void status(final RawFixClient client, final int clOrdId, final String side, final String ordStatus)
        throws Exception
    {
        client.send(MsgTypes.ORDER_STATUS_REQUEST, "11=" + clOrdId + "|55=AAPL|54=" + side);
        client.await(msg -> "I".equals(msg.get(150)) && ordStatus.equals(msg.get(39)), Duration.ofSeconds(10));
    }
}

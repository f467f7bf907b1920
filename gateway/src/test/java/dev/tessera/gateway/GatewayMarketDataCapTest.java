package dev.tessera.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.field.MDReqID;
import quickfix.field.MDReqRejReason;
import quickfix.field.Side;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TimeInForce;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.tessera.gateway.QuickFixEndToEndTest.limit;
import static dev.tessera.gateway.QuickFixEndToEndTest.marketDataRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session holds at most {@code gateway.maxMarketDataSubscriptions} market data subscriptions, one per Symbol of a
 * subscribing request: each holds two copies of a book and is visited every journal batch. A request beyond the cap
 * is refused whole with MarketDataRequestReject 281=2, checked by QuickFIX/J's FIX 4.4 dictionary.
 */
@Timeout(120)
class GatewayMarketDataCapTest
{
    private static final char SUBSCRIBE = SubscriptionRequestType.SNAPSHOT_UPDATES;

    @TempDir
    Path directory;

    private TestExchange exchange;
    private QuickFixClients clients;

    @AfterEach
    void stop()
    {
        if (clients != null)
        {
            clients.close();
        }
        if (exchange != null)
        {
            exchange.close();
        }
    }

    @Test
    void shouldRefuseSubscriptionsBeyondTheSessionsCapCountingEachSymbolUntilOneEnds() throws Exception
    {
        exchange = TestExchange.start(directory.resolve("exchange"), Map.of("gateway.maxMarketDataSubscriptions", "3"));
        clients = new QuickFixClients(directory);
        final QuickFixClient buyer = clients.logon(exchange.port(), "CLIENT2", "client2-secret");
        final QuickFixClient seller = clients.logon(exchange.port(), "CLIENT1", "client1-secret");

        buyer.send(marketDataRequest("md1", SUBSCRIBE, "AAPL", "MSFT"));
        assertThat(snapshots(buyer, 2)).containsExactly("AAPL", "MSFT");

        buyer.send(marketDataRequest("md2", SUBSCRIBE, "AAPL", "MSFT")); // 4: refused whole
        final Message refused = buyer.await(message -> true, Duration.ofSeconds(10));
        assertThat(QuickFixClient.typeOf(refused)).as("%s", refused).isEqualTo("Y");
        assertThat(refused.getString(MDReqID.FIELD)).isEqualTo("md2");
        assertThat(refused.getChar(MDReqRejReason.FIELD)).isEqualTo(MDReqRejReason.INSUFFICIENT_BANDWIDTH);
        assertThat(refused.getString(Text.FIELD)).contains("3").contains("gateway.maxMarketDataSubscriptions");

        buyer.send(marketDataRequest("md3", SUBSCRIBE, "BTC-USD")); // 3: the last one
        assertThat(snapshots(buyer, 1)).containsExactly("BTC-USD");
        buyer.send(marketDataRequest("md4", SUBSCRIBE, "AAPL"));
        assertThat(buyer.await("Y").getChar(MDReqRejReason.FIELD)).isEqualTo(MDReqRejReason.INSUFFICIENT_BANDWIDTH);
        // A snapshot alone holds nothing afterwards, and the cap is each session's own.
        buyer.send(marketDataRequest("md5", SubscriptionRequestType.SNAPSHOT, "AAPL"));
        assertThat(buyer.await("W").getString(MDReqID.FIELD)).isEqualTo("md5");
        seller.send(marketDataRequest("md1", SUBSCRIBE, "AAPL"));
        assertThat(seller.await("W").getString(MDReqID.FIELD)).isEqualTo("md1");

        // Ending md1 frees its two.
        buyer.send(marketDataRequest("md1", SubscriptionRequestType.DISABLE_PREVIOUS_SNAPSHOT_UPDATE_REQUEST, "AAPL",
            "MSFT"));
        buyer.send(marketDataRequest("md4", SUBSCRIBE, "AAPL", "MSFT"));
        assertThat(snapshots(buyer, 2)).containsExactly("AAPL", "MSFT");

        // Refused requests left nothing behind: one change of AAPL comes once, under md4, to the buyer.
        seller.send(limit("S1", Side.BUY, 30, "189.90", TimeInForce.GOOD_TILL_CANCEL));
        assertThat(buyer.await("X").getString(MDReqID.FIELD)).isEqualTo("md4");
        Thread.sleep(300);
        assertThat(buyer.pending()).as("no incremental under a refused MDReqID").isEmpty();
        assertThat(buyer.rejectsSent()).as("QuickFIX/J found nothing invalid").isEmpty();
        assertThat(seller.rejectsSent()).isEmpty();
    }

    /** The Symbols of the next {@code count} messages, each a snapshot. */
    private static List<String> snapshots(final QuickFixClient client, final int count) throws Exception
    {
        final List<String> symbols = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final Message message = client.await(any -> true, Duration.ofSeconds(10));
            assertThat(QuickFixClient.typeOf(message)).as("%s", message).isEqualTo("W");
            symbols.add(message.getString(Symbol.FIELD));
        }
        return symbols;
    }
}

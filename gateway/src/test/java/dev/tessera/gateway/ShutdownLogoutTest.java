package dev.tessera.gateway;

import dev.tessera.fix.MsgTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.tessera.gateway.RawFixClient.TRANSACT_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Logout of a clean shutdown waits for the client's answer (FIX 4.4 vol. 2): the answering Logout's MsgSeqNum
 * is used up, so the client's next Logon after the restart carries on without a ResendRequest; what the client sends
 * before it is answered; a client that never answers is dropped after the Logout timeout, and the shutdown with it.
 */
@Timeout(60)
class ShutdownLogoutTest
{
    private static final long LOGOUT_TIMEOUT_MS = TimeUnit.NANOSECONDS.toMillis(GatewayAgent.LOGOUT_TIMEOUT_NS);

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
    void shouldTakeTheClientsAnsweringLogoutSoTheNextLogonHasNoGap() throws Exception
    {
        final int nextSeqNum;
        final long stoppedInMs;
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=s1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME);
            assertThat(client.await("8").get(150)).isEqualTo("0");

            final long startNs = System.nanoTime();
            final CompletableFuture<Void> stopping = CompletableFuture.runAsync(exchange::stop);
            final RawFixClient.Msg cancelled = client.await("8");
            assertThat(cancelled.get(58)).as("cancel-on-disconnect before the Logout").isEqualTo("cancel on disconnect");
            assertThat(client.await("5").get(58)).isEqualTo("server shutting down");
            assertThat(stopping).as("the server waits for the answer").isNotDone();
            client.send(MsgTypes.LOGOUT, "");
            nextSeqNum = client.nextSeqNum();
            assertThat(client.awaitClosed(Duration.ofSeconds(5))).isTrue();
            stopping.get(10, TimeUnit.SECONDS);
            stoppedInMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        }
        assertThat(stoppedInMs).as("the answer ends the wait, not the timeout").isLessThan(LOGOUT_TIMEOUT_MS);
        assertThat(exchange.log).contains("session CLIENT1 disconnected (Logout answered)");

        assertCarriesOnWithoutAGap(nextSeqNum);
    }

    @Test
    void shouldAnswerWhatTheClientSendsBeforeItsLogout() throws Exception
    {
        final int nextSeqNum;
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            final CompletableFuture<Void> stopping = CompletableFuture.runAsync(exchange::stop);
            assertThat(client.await("5").get(58)).isEqualTo("server shutting down");
            client.send(MsgTypes.TEST_REQUEST, "112=still-there");
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=late1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME);
            final RawFixClient.Msg heartbeat = client.await("0");
            assertThat(heartbeat.get(112)).isEqualTo("still-there");
            final RawFixClient.Msg refused = client.await("8");
            assertThat(refused.get(11)).isEqualTo("late1");
            assertThat(refused.get(39)).as("rejected, not entered: the ring is closed").isEqualTo("8");
            assertThat(refused.get(58)).isEqualTo("exchange is shutting down");
            client.send(MsgTypes.LOGOUT, "");
            nextSeqNum = client.nextSeqNum();
            assertThat(client.awaitClosed(Duration.ofSeconds(5))).isTrue();
            stopping.get(10, TimeUnit.SECONDS);
        }

        assertCarriesOnWithoutAGap(nextSeqNum);
    }

    @Test
    void shouldDropAClientThatDoesNotAnswerAfterTheLogoutTimeout() throws Exception
    {
        final int nextSeqNum;
        try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
        {
            nextSeqNum = client.nextSeqNum();
            final long startNs = System.nanoTime();
            final CompletableFuture<Void> stopping = CompletableFuture.runAsync(exchange::stop);
            assertThat(client.await("5").get(58)).isEqualTo("server shutting down");
            assertThat(client.awaitClosed(Duration.ofSeconds(10))).isTrue();
            stopping.get(10, TimeUnit.SECONDS);
            final long stoppedInMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            assertThat(stoppedInMs).as("bounded by the Logout timeout")
                .isGreaterThanOrEqualTo(LOGOUT_TIMEOUT_MS - 100).isLessThan(LOGOUT_TIMEOUT_MS + 1_500);
        }
        assertThat(exchange.log).anyMatch(line -> line.startsWith("session CLIENT1 disconnected (no Logout in answer"));
        assertCarriesOnWithoutAGap(nextSeqNum);
    }

    /** After a restart the client logs on with the MsgSeqNum after its last one: no ResendRequest comes. */
    private void assertCarriesOnWithoutAGap(final int nextSeqNum) throws Exception
    {
        exchange.restart();
        try (RawFixClient client = new RawFixClient(exchange.port(), "CLIENT1"))
        {
            client.nextSeqNum(nextSeqNum);
            client.logon("client1-secret", false);
            client.await("A");
            client.send(MsgTypes.TEST_REQUEST, "112=after-restart");
            assertThat(client.await("0").get(112)).isEqualTo("after-restart");
            assertThat(client.all()).as("no ResendRequest: nothing the client sent is missing")
                .noneMatch(msg -> "2".equals(msg.type()));
        }
    }
}

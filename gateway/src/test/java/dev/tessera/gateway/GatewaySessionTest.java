package dev.tessera.gateway;

import dev.tessera.fix.MsgTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The session layer over a raw socket: logon rules, sequence numbers, heartbeats, logout. */
@Timeout(60)
class GatewaySessionTest
{
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
    void shouldLogOnAndAcknowledgeAnOrderWithAnExecutionReport() throws Exception
    {
        try (RawFixClient client = new RawFixClient(exchange.port(), "CLIENT1"))
        {
            client.logon("client1-secret", true);
            final RawFixClient.Msg logon = client.await("A");
            assertThat(logon.get(108)).isEqualTo("30");
            assertThat(logon.get(141)).isEqualTo("Y");
            assertThat(logon.seq()).isEqualTo(1);

            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=ord1|55=AAPL|54=1|38=100|40=2|44=189.50|59=1|60=20261122-08:00:00.000");
            final RawFixClient.Msg report = client.await("8");
            assertThat(report.get(11)).isEqualTo("ord1");
            assertThat(report.get(150)).isEqualTo("0");
            assertThat(report.get(39)).isEqualTo("0");
            assertThat(report.get(55)).isEqualTo("AAPL");
            assertThat(report.get(44)).isEqualTo("189.5");
            assertThat(report.get(151)).isEqualTo("100");
            assertThat(report.get(14)).isEqualTo("0");
            assertThat(report.get(37)).isNotBlank();
        }
    }

    @Test
    void shouldRefuseAWrongPasswordWithALogoutAndNoAccess() throws Exception
    {
        try (RawFixClient client = new RawFixClient(exchange.port(), "CLIENT1"))
        {
            client.logon("wrong", true);
            final RawFixClient.Msg logout = client.await("5");
            assertThat(logout.get(58)).isEqualTo("invalid username or password");
            assertThat(client.awaitClosed(Duration.ofSeconds(5))).isTrue();
        }
    }
}

package dev.tessera.gateway;

import dev.tessera.fix.MsgTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.tessera.gateway.RawFixClient.TRANSACT_TIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * QA 102: a session removed from {@code gateway.sessions}, or given another ownerId, while its orders rested left them
 * in the book without a word: no session could cancel them or get their fills, and another member traded with one.
 * The start is refused, naming the owner, until the session is configured again and its orders are cancelled.
 */
@Timeout(60)
class OrdersWithoutSessionTest
{
    private static final String CLIENT1_ONLY = "[{ compId = CLIENT1, ownerId = 1, password = client1-secret }]";
    private static final String CLIENT2_AS_OWNER_7 = "[{ compId = CLIENT1, ownerId = 1, password = client1-secret }, " +
        "{ compId = CLIENT2, ownerId = 7, password = client2-secret }]";

    @TempDir
    Path directory;

    @Test
    void shouldRefuseToStartWhileOrdersRestOfAnOwnerNoSessionHas() throws Exception
    {
        try (TestExchange exchange = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false"));
            RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT2", "client2-secret"))
        {
            for (final String clOrdId : new String[] {"o1", "o2"})
            {
                client.send(MsgTypes.NEW_ORDER_SINGLE,
                    "11=" + clOrdId + "|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME);
                assertThat(client.await(msg -> clOrdId.equals(msg.get(11)), Duration.ofSeconds(10)).get(150))
                    .isEqualTo("0");
            }
        }

        // As session state from before the identity existed has it: the first accepted start records it.
        final Path identity = directory.resolve("sessions").resolve(JournalIdentity.FILE_NAME);
        Files.delete(identity);
        for (final String sessions : new String[] {CLIENT1_ONLY, CLIENT2_AS_OWNER_7})
        {
            assertThatThrownBy(() -> TestExchange.start(directory, Map.of("gateway.sessions", sessions)))
                .isInstanceOf(OrdersWithoutSessionException.class)
                .hasMessageContaining("has orders of owners no session of gateway.sessions has: owner 2 with 2 " +
                    "resting orders")
                .hasMessageContaining("configure the session again (its compId and ownerId as they were)");
        }
        // QA 116 F2: "no data was touched", but the refused start had recorded the journal's identity
        assertThat(identity).as("recorded by no refused start").doesNotExist();

        // As it was, with cancel-on-disconnect on: the start cancels them, and the session may then go.
        TestExchange.start(directory).close();
        assertThat(identity).as("recorded by the accepted start").exists();
        TestExchange.start(directory, Map.of("gateway.sessions", CLIENT1_ONLY)).close();
    }
}

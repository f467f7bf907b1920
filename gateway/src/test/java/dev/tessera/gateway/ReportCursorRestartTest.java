package dev.tessera.gateway;

import dev.tessera.fix.MsgTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.tessera.gateway.RawFixClient.TRANSACT_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code kill -9} between a report's MsgSeqNum being taken and the session's report cursor moving (the report is
 * written in between, so the client may well have it): made here by putting the cursor back in the stopped
 * session's files, as the kill would have left it. The restart must not send that report again as a new message
 * under a new MsgSeqNum (a second "New" with the same ExecID, which a client books twice); a ResendRequest of its
 * number regenerates it with PossDupFlag=Y.
 */
@Timeout(60)
class ReportCursorRestartTest
{
    @TempDir
    Path directory;

    @Test
    void shouldNotSendAgainAsNewTheReportWhoseMsgSeqNumWasTakenBeforeTheStop() throws Exception
    {
        final RawFixClient.Msg ack;
        try (TestExchange exchange = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false")))
        {
            try (RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT1", "client1-secret"))
            {
                client.send(MsgTypes.NEW_ORDER_SINGLE, "11=k1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" +
                    TRANSACT_TIME);
                ack = client.await("8");
                assertThat(ack.get(150)).isEqualTo("0");
                exchange.stop();
            }
            try (SessionStore store = SessionStore.open(directory.resolve("sessions"), "CLIENT1", false))
            {
                assertThat(store.sentEntry(ack.seq())).as("the ack's entry").isNotEqualTo(SessionStore.NOT_RESENT);
                store.lastReportEntry(SessionStore.NOT_RESENT); // where the kill left it
            }

            exchange.restart();
            assertThat(exchange.log).anyMatch(line -> line.contains("session CLIENT1: the report sent as MsgSeqNum " +
                ack.seq() + " just before the stop is not sent again as a new message"));
            try (RawFixClient client = new RawFixClient(exchange.port(), "CLIENT1"))
            {
                client.nextSeqNum(3);
                client.logon("client1-secret", false);
                client.await("A");
                client.drain(Duration.ofMillis(500));
                assertThat(client.all()).as("no second ack of k1 as a new message")
                    .noneMatch(msg -> "8".equals(msg.type()));

                client.send(MsgTypes.RESEND_REQUEST, "7=" + ack.seq() + "|16=" + ack.seq());
                final RawFixClient.Msg resent = client.await("8");
                assertThat(resent.seq()).isEqualTo(ack.seq());
                assertThat(resent.get(43)).isEqualTo("Y");
                assertThat(resent.get(17)).as("the same ExecID").isEqualTo(ack.get(17));
            }
        }
    }
}

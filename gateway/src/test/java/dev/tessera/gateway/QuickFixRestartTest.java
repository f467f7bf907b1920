package dev.tessera.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.OrderID;
import quickfix.field.OrigClOrdID;
import quickfix.field.PossDupFlag;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.fix44.OrderCancelRequest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;

import static dev.tessera.gateway.QuickFixEndToEndTest.has;
import static dev.tessera.gateway.QuickFixEndToEndTest.limit;
import static dev.tessera.gateway.QuickFixEndToEndTest.stringOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A QuickFIX/J client that keeps its sequence numbers (file store, no reset on logon) across a
 * restart of the whole exchange: it reconnects and carries on, its resting order is still there
 * (cancel-on-disconnect off), and its ResendRequest is answered by regenerating the reports from
 * the journal (PossDupFlag=Y). It answers the shutdown's Logout, and the gateway takes that answer: its
 * Logon after the restart carries on without a ResendRequest.
 */
@Timeout(120)
class QuickFixRestartTest
{
    @TempDir
    Path directory;

    private TestExchange exchange;
    private QuickFixClient seller;

    @BeforeEach
    void start()
    {
        // Its order must outlive the restart, which would cancel it on disconnect otherwise.
        exchange = TestExchange.start(directory.resolve("exchange"), Map.of("gateway.cancelOnDisconnect", "false"));
    }

    @AfterEach
    void stop()
    {
        if (seller != null)
        {
            seller.close();
        }
        exchange.close();
    }

    @Test
    void shouldCarryOnAfterAServerRestartAndAnswerAResendFromTheJournal() throws Exception
    {
        seller = QuickFixClient.connect(exchange.port(), "CLIENT1", "client1-secret", directory.resolve("persistent"),
            false);
        seller.awaitLoggedOn(Duration.ofSeconds(15));
        seller.send(limit("P1", Side.BUY, 10, "189.00", TimeInForce.GOOD_TILL_CANCEL));
        final Message original = seller.await("8");
        final int originalSeqNum = original.getHeader().getInt(quickfix.field.MsgSeqNum.FIELD);

        exchange.restart();
        seller.awaitLoggedOn(Duration.ofSeconds(20));
        Thread.sleep(200);
        seller.awaitLoggedOn(Duration.ofSeconds(20));
        assertThat(exchange.log).as("QuickFIX/J answered the shutdown's Logout")
            .contains("session CLIENT1 disconnected (Logout answered)");
        assertThat(seller.adminTypesReceived()).as("no ResendRequest at the logon after the restart")
            .containsSubsequence("5", "A").doesNotContain("2");

        // The client pretends it lost everything from the first report on: its next message makes it ask again.
        seller.session().setNextTargetMsgSeqNum(originalSeqNum);
        seller.send(limit("P2", Side.BUY, 10, "188.00", TimeInForce.GOOD_TILL_CANCEL));

        final Message resent = seller.await(m -> has(m, PossDupFlag.FIELD) && "P1".equals(stringOf(m, ClOrdID.FIELD)),
            Duration.ofSeconds(20));
        assertThat(resent.getHeader().getBoolean(PossDupFlag.FIELD)).isTrue();
        assertThat(resent.getString(ExecID.FIELD)).isEqualTo(original.getString(ExecID.FIELD));
        assertThat(resent.getString(OrderID.FIELD)).isEqualTo(original.getString(OrderID.FIELD));
        assertThat(seller.await(m -> "P2".equals(stringOf(m, ClOrdID.FIELD)), Duration.ofSeconds(10))
            .getChar(ExecType.FIELD)).isEqualTo(ExecType.NEW);

        final OrderCancelRequest cancel = new OrderCancelRequest(new OrigClOrdID("P1"), new ClOrdID("P3"),
            new Side(Side.BUY), new TransactTime(LocalDateTime.now()));
        cancel.set(new Symbol("AAPL"));
        seller.send(cancel);
        assertThat(seller.await(m -> "P3".equals(stringOf(m, ClOrdID.FIELD)), Duration.ofSeconds(10))
            .getChar(ExecType.FIELD)).as("the order from before the restart is still there").isEqualTo(ExecType.CANCELED);
        assertThat(seller.rejectsSent()).isEmpty();
    }

    /**
     * The server's inbound state lost behind what it journaled (a power cut can do that to the messages whose answers
     * had not gone out yet): at the next logon it asks QuickFIX/J to resend, and QuickFIX/J's resend of the order
     * (PossDupFlag=Y, from its own store) gets the order's status, not a second order or a duplicate reject.
     */
    @Test
    void shouldAnswerAQuickFixResendOfAnOrderItHasWithTheOrdersStatus() throws Exception
    {
        seller = QuickFixClient.connect(exchange.port(), "CLIENT1", "client1-secret", directory.resolve("persistent"),
            false);
        seller.awaitLoggedOn(Duration.ofSeconds(15));
        final Message order = limit("R1", Side.BUY, 10, "189.00", TimeInForce.GOOD_TILL_CANCEL);
        seller.send(order);
        final int received = order.getHeader().getInt(quickfix.field.MsgSeqNum.FIELD); // set by QuickFIX/J's send
        final Message accepted = seller.await("8");
        assertThat(accepted.getChar(ExecType.FIELD)).isEqualTo(ExecType.NEW);

        exchange.stop();
        try (SessionStore store = SessionStore.open(directory.resolve("exchange").resolve("sessions"), "CLIENT1"))
        {
            assertThat(store.nextTargetMsgSeqNum()).as("R1 and the answering Logout taken").isEqualTo(received + 2);
            store.received(received, SessionStore.NOTHING_ENTERED);
            store.nextTargetMsgSeqNum(received);
        }
        exchange.restart();

        final Message status = seller.await(m -> "R1".equals(stringOf(m, ClOrdID.FIELD)), Duration.ofSeconds(30));
        assertThat(status.getChar(ExecType.FIELD)).as("the order's status").isEqualTo(ExecType.ORDER_STATUS);
        assertThat(status.getString(OrderID.FIELD)).isEqualTo(accepted.getString(OrderID.FIELD));
        assertThat(status.getChar(quickfix.field.OrdStatus.FIELD)).isEqualTo(quickfix.field.OrdStatus.NEW);
        Thread.sleep(300);
        assertThat(seller.pending()).as("no second New or Rejected for R1")
            .noneMatch(m -> "R1".equals(stringOf(m, ClOrdID.FIELD)));
        assertThat(seller.rejectsSent()).isEmpty();
    }
}

package dev.tessera.gateway;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class HeldRejectsTest
{
    private static final int MAX_MESSAGE_BYTES = 100;

    @Test
    void shouldReleaseInArrivalOrderEachOnceItsCommandIsRead()
    {
        final HeldRejects held = new HeldRejects(MAX_MESSAGE_BYTES);
        held.hold(bytes("first"), 0, 5, 7, 10, HeldRejects.THROTTLED, 0);
        held.hold(bytes("second"), 0, 6, 8, 12, HeldRejects.PENDING_CANCEL, 42);

        assertThat(held.headDue(9)).isFalse();
        assertThat(held.headDue(10)).isTrue();
        assertThat(held.headMsgSeqNum()).isEqualTo(7);
        assertThat(held.headKind()).isEqualTo(HeldRejects.THROTTLED);
        assertThat(held.buffer().getStringWithoutLengthAscii(held.headOffset(), held.headLength())).isEqualTo("first");
        held.removeHead();
        assertThat(held.headDue(11)).as("the second waits for a later command").isFalse();
        assertThat(held.headDue(12)).isTrue();
        assertThat(held.headKind()).as("each message keeps why it is refused").isEqualTo(HeldRejects.PENDING_CANCEL);
        assertThat(held.buffer().getStringWithoutLengthAscii(held.headOffset(), held.headLength())).isEqualTo("second");
        held.removeHead();
        assertThat(held.isEmpty()).isTrue();
        assertThat(held.headDue(Long.MAX_VALUE)).isFalse();
    }

    @Test
    void shouldHaveNoRoomOnceAnotherMessageOfTheMaximumLengthWouldNotFitUntilEmptied()
    {
        final HeldRejects held = new HeldRejects(MAX_MESSAGE_BYTES);
        final UnsafeBuffer message = new UnsafeBuffer(new byte[MAX_MESSAGE_BYTES]);
        int holds = 0;
        while (held.hasRoom())
        {
            held.hold(message, 0, MAX_MESSAGE_BYTES, ++holds, 1, HeldRejects.THROTTLED, 0);
        }
        assertThat(holds).isEqualTo(HeldRejects.MAX_HELD_MESSAGES_OF_MAXIMUM_LENGTH);
        held.removeHead();
        assertThat(held.hasRoom()).as("space is reused once all are answered").isFalse();
        assertThat(held.count()).isEqualTo(holds - 1);
        while (!held.isEmpty())
        {
            held.removeHead();
        }
        assertThat(held.hasRoom()).isTrue();

        final UnsafeBuffer small = bytes("x");
        int smallHolds = 0;
        while (held.hasRoom())
        {
            held.hold(small, 0, 1, ++smallHolds, 1, HeldRejects.THROTTLED, 0);
        }
        assertThat(smallHolds).isEqualTo(HeldRejects.MAX_HELD);
    }

    /** A sequence reset: the held messages stay, their MsgSeqNums (of the old numbering) are forgotten. */
    @Test
    void shouldKeepTheMessagesButForgetTheirMsgSeqNumsOverASequenceReset()
    {
        final HeldRejects held = new HeldRejects(MAX_MESSAGE_BYTES);
        held.hold(bytes("first"), 0, 5, 7, 10, HeldRejects.THROTTLED, 0);
        held.removeHead();
        held.hold(bytes("second"), 0, 6, 8, 12, HeldRejects.THROTTLED, 0);
        held.hold(bytes("third"), 0, 5, 9, 12, HeldRejects.THROTTLED, 0);

        held.forgetMsgSeqNums();
        held.hold(bytes("fourth"), 0, 6, 2, 13, HeldRejects.THROTTLED, 0);

        assertThat(held.count()).isEqualTo(3);
        assertThat(held.headMsgSeqNum()).isEqualTo(HeldRejects.MSG_SEQ_NUM_BEFORE_RESET);
        assertThat(held.buffer().getStringWithoutLengthAscii(held.headOffset(), held.headLength())).isEqualTo("second");
        held.removeHead();
        assertThat(held.headMsgSeqNum()).isEqualTo(HeldRejects.MSG_SEQ_NUM_BEFORE_RESET);
        held.removeHead();
        assertThat(held.headMsgSeqNum()).as("held after the reset: of the new numbering").isEqualTo(2);
        assertThat(held.headDue(12)).isFalse();
        assertThat(held.headDue(13)).isTrue();
    }

    private static UnsafeBuffer bytes(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }
}

package dev.tessera.gateway;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeldRejectsTest
{
    private static final int MAX_MESSAGE_BYTES = 100;
    /** The queue word: head slot in the low 32 bits, end slot in the high. */
    private static final int QUEUE_OFFSET = 16;

    @TempDir
    Path directory;
    private final List<HeldRejects> opened = new ArrayList<>();

    @AfterEach
    void close()
    {
        opened.forEach(HeldRejects::close);
    }

    @Test
    void shouldReleaseInArrivalOrderEachOnceItsCommandIsRead()
    {
        final HeldRejects held = open(MAX_MESSAGE_BYTES);
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
        final HeldRejects held = open(MAX_MESSAGE_BYTES);
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
        final HeldRejects held = open(MAX_MESSAGE_BYTES);
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

    /** A restart: what was held is there again, in order, each due at once (its commands were of the last run). */
    @Test
    void shouldHoldWhatWasHeldAcrossAReopenEachDueAtOnce()
    {
        final HeldRejects held = open(MAX_MESSAGE_BYTES);
        held.hold(bytes("first"), 0, 5, 7, 10, HeldRejects.THROTTLED, 0);
        held.hold(bytes("second"), 0, 6, 8, 12, HeldRejects.PENDING_CANCEL, 42);
        held.hold(bytes("third"), 0, 5, 9, 12, HeldRejects.THROTTLED, 0);
        held.removeHead();
        held.close();
        opened.remove(held);

        final HeldRejects reopened = open(MAX_MESSAGE_BYTES);
        assertThat(reopened.count()).isEqualTo(2);
        assertThat(reopened.headDue(0)).as("due at once").isTrue();
        assertThat(text(reopened)).isEqualTo("second");
        assertThat(reopened.headMsgSeqNum()).isEqualTo(8);
        assertThat(reopened.headKind()).isEqualTo(HeldRejects.PENDING_CANCEL);
        assertThat(reopened.headOrderId()).isEqualTo(42);
        reopened.removeHead();
        assertThat(text(reopened)).isEqualTo("third");
        reopened.hold(bytes("fourth"), 0, 6, 10, 3, HeldRejects.THROTTLED, 0);
        reopened.removeHead();
        assertThat(text(reopened)).as("a hold after the reopen goes after the loaded ones").isEqualTo("fourth");
        assertThat(reopened.headDue(2)).isFalse();
        reopened.removeHead();
        assertThat(reopened.isEmpty()).isTrue();
    }

    /** A sequence reset's forgotten MsgSeqNums are in the file too. */
    @Test
    void shouldKeepForgottenMsgSeqNumsForgottenAcrossAReopen()
    {
        final HeldRejects held = open(MAX_MESSAGE_BYTES);
        held.hold(bytes("first"), 0, 5, 7, 10, HeldRejects.THROTTLED, 0);
        held.forgetMsgSeqNums();
        held.close();
        opened.remove(held);

        assertThat(open(MAX_MESSAGE_BYTES).headMsgSeqNum()).isEqualTo(HeldRejects.MSG_SEQ_NUM_BEFORE_RESET);
    }

    /** A kill -9 after a message and its slot were written, before the end moved past them: it was never held. */
    @Test
    void shouldNotSeeAMessageWhoseEndDidNotMoveBeforeACrash() throws IOException
    {
        final HeldRejects held = open(MAX_MESSAGE_BYTES);
        held.hold(bytes("first"), 0, 5, 7, 10, HeldRejects.THROTTLED, 0);
        held.hold(bytes("second"), 0, 6, 8, 12, HeldRejects.THROTTLED, 0);
        held.close();
        opened.remove(held);
        // The second's bytes and slot are in the file; its end move is taken back, as a crash just before it leaves it.
        putLong(QUEUE_OFFSET, 1L << 32);

        final HeldRejects reopened = open(MAX_MESSAGE_BYTES);
        assertThat(reopened.count()).isEqualTo(1);
        assertThat(text(reopened)).isEqualTo("first");
        reopened.hold(bytes("third"), 0, 5, 9, 12, HeldRejects.THROTTLED, 0);
        reopened.removeHead();
        assertThat(text(reopened)).as("the unseen slot is written over").isEqualTo("third");
    }

    @Test
    void shouldRefuseAFileOfAnUnknownVersion() throws IOException
    {
        open(MAX_MESSAGE_BYTES).hold(bytes("first"), 0, 5, 7, 10, HeldRejects.THROTTLED, 0);
        close();
        opened.clear();
        putInt(HeldRejects.VERSION_OFFSET, HeldRejects.VERSION + 1);

        assertThatThrownBy(() -> open(MAX_MESSAGE_BYTES))
            .isInstanceOf(UnreadableSessionStateException.class)
            .hasMessageContaining("unknown held-reject file version " + (HeldRejects.VERSION + 1));
    }

    /** gateway.maxMessageBytes changed between runs: the messages are read at the old size, the file made at the new. */
    @Test
    void shouldKeepTheMessagesOfAFileMadeWithAnotherMaxMessageBytes()
    {
        final HeldRejects held = open(MAX_MESSAGE_BYTES);
        final UnsafeBuffer longest = new UnsafeBuffer(new byte[MAX_MESSAGE_BYTES]);
        longest.setMemory(0, MAX_MESSAGE_BYTES, (byte)'x');
        for (int i = 0; i < HeldRejects.MAX_HELD_MESSAGES_OF_MAXIMUM_LENGTH; i++)
        {
            held.hold(longest, 0, MAX_MESSAGE_BYTES, 7 + i, 10, HeldRejects.THROTTLED, i);
        }
        held.close();
        opened.remove(held);

        final int smaller = MAX_MESSAGE_BYTES / 2;
        final HeldRejects remade = open(smaller);
        assertThat(remade.maxMessageBytes()).isEqualTo(smaller);
        assertThat(remade.count()).isEqualTo(HeldRejects.MAX_HELD_MESSAGES_OF_MAXIMUM_LENGTH);
        assertThat(remade.hasRoom()).as("full: more than the new size's worth is held").isFalse();
        for (int i = 0; i < HeldRejects.MAX_HELD_MESSAGES_OF_MAXIMUM_LENGTH; i++)
        {
            assertThat(text(remade)).isEqualTo("x".repeat(MAX_MESSAGE_BYTES));
            assertThat(remade.headMsgSeqNum()).isEqualTo(7 + i);
            assertThat(remade.headOrderId()).isEqualTo(i);
            remade.removeHead();
        }
        assertThat(remade.hasRoom()).isTrue();
        remade.hold(bytes("small"), 0, 5, 20, 0, HeldRejects.THROTTLED, 0);
        remade.close();
        opened.remove(remade);

        final HeldRejects again = open(smaller);
        assertThat(again.maxMessageBytes()).as("the file is of the new size now").isEqualTo(smaller);
        assertThat(text(again)).isEqualTo("small");
    }

    private HeldRejects open(final int maxMessageBytes)
    {
        final HeldRejects held = HeldRejects.open(directory.resolve("CLIENT.held"), maxMessageBytes);
        opened.add(held);
        return held;
    }

    private static String text(final HeldRejects held)
    {
        return held.buffer().getStringWithoutLengthAscii(held.headOffset(), held.headLength());
    }

    private void putLong(final int offset, final long value) throws IOException
    {
        write(offset, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, value));
    }

    private void putInt(final int offset, final int value) throws IOException
    {
        write(offset, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, value));
    }

    private void write(final int offset, final ByteBuffer value) throws IOException
    {
        try (FileChannel channel = FileChannel.open(directory.resolve("CLIENT.held"), StandardOpenOption.WRITE))
        {
            channel.write(value, offset);
        }
    }

    private static UnsafeBuffer bytes(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }
}

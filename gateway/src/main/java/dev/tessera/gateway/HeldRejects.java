package dev.tessera.gateway;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A session's refused messages whose rejects wait behind the acks of the commands it entered before them: a reject
 * is made at once, an ack only once the engine's event is journaled and read back, so a reject sent at once could
 * overtake the ack of an earlier request (a cancel's reject before its order's New, say). Throttled messages
 * ({@link #THROTTLED}), and cancels and replaces of an order a cancel is in flight for ({@link #PENDING_CANCEL}, whose
 * reject would otherwise come before that cancel's Canceled). Each message is kept whole, with why it is refused and
 * the last command the session had entered when it came: its reject is made, under the MsgSeqNum then current, once
 * the gateway has read that command back (and sent its reports). First in, first out.
 * <p>
 * A message held has had its MsgSeqNum used up, so its client will not send it again: what is held stays held
 * when the connection closes and is answered at the session's next logon, after the catch-up that brings the acks
 * it waited behind (as a report made while the session is away is). A sequence reset keeps it too (its answer
 * names the order by ClOrdID, as the acks of the commands in flight do), but forgets the MsgSeqNums it came under:
 * they belong to the numbering before the reset ({@link #forgetMsgSeqNums}).
 * <p>
 * Bounded: {@link #hasRoom} says whether one more message of any allowed size fits; the gateway reads no more of
 * the session's messages until it does. The space is reused once every held message is answered.
 */
final class HeldRejects
{
    /** Messages held at most: far more than a flood's worth between two journal reads. */
    static final int MAX_HELD = 256;
    /** Bytes held at most, in messages of the longest allowed. */
    static final int MAX_HELD_MESSAGES_OF_MAXIMUM_LENGTH = 8;
    /** Refused over the session's throttle. */
    static final byte THROTTLED = 0;
    /** A cancel or replace of an order a cancel (or mass cancel) of the session is in flight for. */
    static final byte PENDING_CANCEL = 1;
    /** {@link #headMsgSeqNum} of a message held over a sequence reset: its MsgSeqNum is of the old numbering. */
    static final int MSG_SEQ_NUM_BEFORE_RESET = 0;

    /**
     * Whether these are in OrderEntryAdapter's count of held messages, which the gateway checks on every journal
     * record: while the session is logged on (a message is held only then), not while it is away.
     */
    boolean counted = true;
    private final int maxMessageBytes;
    private final UnsafeBuffer bytes;
    private final int[] offsets = new int[MAX_HELD];
    private final int[] lengths = new int[MAX_HELD];
    private final int[] msgSeqNums = new int[MAX_HELD];
    private final long[] waitForCommands = new long[MAX_HELD];
    private final byte[] kinds = new byte[MAX_HELD];
    private final long[] orderIds = new long[MAX_HELD];
    private int head;
    private int count;
    private int writeOffset;

    HeldRejects(final int maxMessageBytes)
    {
        this.maxMessageBytes = maxMessageBytes;
        this.bytes = new UnsafeBuffer(new byte[MAX_HELD_MESSAGES_OF_MAXIMUM_LENGTH * maxMessageBytes]);
    }

    boolean isEmpty()
    {
        return count == 0;
    }

    /** How many messages are held. */
    int count()
    {
        return count;
    }

    /** Whether one more message, of any allowed length, can be held. */
    boolean hasRoom()
    {
        return count == 0 || (head + count < MAX_HELD && writeOffset + maxMessageBytes <= bytes.capacity());
    }

    /**
     * Holds a copy of the message, refused for {@code kind} ({@link #THROTTLED}, {@link #PENDING_CANCEL}), to be
     * answered once command {@code waitForCommand} is read back. {@code orderId}: the OrderID of the order a refused
     * cancel or replace names, as known when it came (0 for none): by the time it is answered that order may be done
     * and no longer known by the ClOrdID the request names it by.
     */
    void hold(final DirectBuffer buffer, final int offset, final int length, final int msgSeqNum,
        final long waitForCommand, final byte kind, final long orderId)
    {
        if (count == 0)
        {
            head = 0;
            writeOffset = 0;
        }
        final int slot = head + count;
        bytes.putBytes(writeOffset, buffer, offset, length);
        offsets[slot] = writeOffset;
        lengths[slot] = length;
        msgSeqNums[slot] = msgSeqNum;
        waitForCommands[slot] = waitForCommand;
        kinds[slot] = kind;
        orderIds[slot] = orderId;
        writeOffset += length;
        count++;
    }

    /** Whether the oldest held message may be answered once command {@code lastCommandRead} has been read back. */
    boolean headDue(final long lastCommandRead)
    {
        return count > 0 && waitForCommands[head] <= lastCommandRead;
    }

    DirectBuffer buffer()
    {
        return bytes;
    }

    int headOffset()
    {
        return offsets[head];
    }

    int headLength()
    {
        return lengths[head];
    }

    int headMsgSeqNum()
    {
        return msgSeqNums[head];
    }

    /** Why the oldest held message is refused: {@link #THROTTLED} or {@link #PENDING_CANCEL}. */
    byte headKind()
    {
        return kinds[head];
    }

    /** The OrderID held with the oldest message, 0 for none. */
    long headOrderId()
    {
        return orderIds[head];
    }

    void removeHead()
    {
        head++;
        count--;
    }

    /**
     * Both sides' MsgSeqNums start again at 1: the held messages' numbers name nothing in the new numbering, so each
     * becomes {@link #MSG_SEQ_NUM_BEFORE_RESET} (a reject of one then carries no RefSeqNum).
     */
    void forgetMsgSeqNums()
    {
        for (int slot = head, end = head + count; slot < end; slot++)
        {
            msgSeqNums[slot] = MSG_SEQ_NUM_BEFORE_RESET;
        }
    }
}

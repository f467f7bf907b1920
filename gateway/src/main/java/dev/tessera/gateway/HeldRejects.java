package dev.tessera.gateway;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A session's throttled messages whose rejects wait behind the acks of the commands it entered before them: a reject
 * is made at once, an ack only once the engine's event is journaled and read back, so a reject sent at once could
 * overtake the ack of an earlier request (a cancel's reject before its order's New, say). Each message is kept
 * whole, with the last command the session had entered when it came: its reject is made, under the MsgSeqNum then
 * current, once the gateway has read that command back (and sent its reports). First in, first out.
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

    private final int maxMessageBytes;
    private final UnsafeBuffer bytes;
    private final int[] offsets = new int[MAX_HELD];
    private final int[] lengths = new int[MAX_HELD];
    private final int[] msgSeqNums = new int[MAX_HELD];
    private final long[] waitForCommands = new long[MAX_HELD];
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

    /** Whether one more message, of any allowed length, can be held. */
    boolean hasRoom()
    {
        return count == 0 || (head + count < MAX_HELD && writeOffset + maxMessageBytes <= bytes.capacity());
    }

    /** Holds a copy of the message, to be answered once command {@code waitForCommand} is read back. */
    void hold(final DirectBuffer buffer, final int offset, final int length, final int msgSeqNum,
        final long waitForCommand)
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

    void removeHead()
    {
        head++;
        count--;
    }

    /** The connection is gone: what is held will not be answered on it. @return how many were held. */
    int clear()
    {
        final int cleared = count;
        head = 0;
        count = 0;
        writeOffset = 0;
        return cleared;
    }
}

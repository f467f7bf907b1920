package dev.tessera.gateway;

import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A session's refused messages whose rejects wait behind the acks of the commands it entered before them: a reject
 * is made at once, an ack only once the engine's event is journaled and read back, so a reject sent at once could
 * overtake the ack of an earlier request (a cancel's reject before its order's New, say). Throttled messages
 * ({@link #THROTTLED}), cancels and replaces of an order a cancel is in flight for ({@link #PENDING_CANCEL}, whose
 * reject would otherwise come before that cancel's Canceled), and possible resends of a request in flight ({@link
 * #POSSIBLE_RESEND}, whose answer, the original's outcome, is known only once it is read back). Each message is kept
 * whole, with why it is refused and the last command the session had entered when it came: its reject is made,
 * under the MsgSeqNum then current, once the gateway has read that command back (and sent its reports). First in,
 * first out.
 * <p>
 * A message held has had its MsgSeqNum used up, so its client will not send it again: what is held stays held
 * when the connection closes and is answered at the session's next logon, after the catch-up that brings the acks
 * it waited behind (as a report made while the session is away is). A sequence reset keeps it too (its answer
 * names the order by ClOrdID, as the acks of the commands in flight do), but forgets the MsgSeqNums it came under:
 * they belong to the numbering before the reset ({@link #forgetMsgSeqNums}).
 * <p>
 * Bounded: {@link #hasRoom} says whether one more message of any allowed size fits; the gateway reads no more of
 * the session's messages until it does. The space is reused once every held message is answered.
 * <p>
 * Kept in the memory-mapped file {@code <compId>.held} of the session state directory, made at the session's first
 * hold: the messages' MsgSeqNums are used up, so a restart (a {@code kill -9} or a clean stop) that lost them would
 * leave their orders pending new at the client for ever. Loaded at the next start ({@link #open}), every message is
 * due at once (the commands it waited behind are of the previous run: journaled or lost by then) and goes out at
 * the session's next logon, after its catch-up. Layout: a header (magic, version, the maxMessageBytes and byte area
 * capacity the file was made with, the queue's head and end slots as one 8-byte word), a table of {@link #MAX_HELD}
 * slots (offset, length, MsgSeqNum, kind, command waited for, OrderID), then the message bytes. Every change is one
 * store: {@link #hold} writes the message and its slot, then moves the end; {@link #removeHead} moves only the head
 * (to 0, with the end, when the queue empties), so a crash at any point leaves a whole queue. A held message is
 * removed after its reject is made: a crash between the two sends that reject again after the restart (under a new
 * MsgSeqNum, for a ClOrdID already refused: harmless), where the other order could lose it.
 */
final class HeldRejects implements AutoCloseable
{
    /** Messages held at most: far more than a flood's worth between two journal reads. */
    static final int MAX_HELD = 256;
    /** Bytes held at most, in messages of the longest allowed. */
    static final int MAX_HELD_MESSAGES_OF_MAXIMUM_LENGTH = 8;
    /** Refused over the session's throttle. */
    static final byte THROTTLED = 0;
    /** A cancel or replace of an order a cancel (or mass cancel) of the session is in flight for. */
    static final byte PENDING_CANCEL = 1;
    /**
     * A possible resend (PossDupFlag or PossResend) of an order, cancel or replace of the session in flight: answered
     * as a copy of a decided one is, once the original's reports are out (not a reject when the original was carried
     * out: its status).
     */
    static final byte POSSIBLE_RESEND = 2;
    /** {@link #headMsgSeqNum} of a message held over a sequence reset: its MsgSeqNum is of the old numbering. */
    static final int MSG_SEQ_NUM_BEFORE_RESET = 0;

    private static final int MAGIC = 0x54484C44; // "THLD"
    static final int VERSION = 1;
    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int MAX_MESSAGE_BYTES_OFFSET = 8;
    private static final int CAPACITY_OFFSET = 12;
    /** The head slot in the low 32 bits, the end slot (one past the last held) in the high: one store moves both. */
    private static final int QUEUE_OFFSET = 16;
    private static final int HEADER_BYTES = 64;
    private static final int SLOT_OFFSET = 0;
    private static final int SLOT_LENGTH = 4;
    private static final int SLOT_MSG_SEQ_NUM = 8;
    private static final int SLOT_KIND = 12;
    private static final int SLOT_WAIT_FOR_COMMAND = 16;
    private static final int SLOT_ORDER_ID = 24;
    private static final int SLOT_BYTES = 32;
    private static final int BYTES_OFFSET = HEADER_BYTES + MAX_HELD * SLOT_BYTES;

    /**
     * Whether these are in OrderEntryAdapter's count of held messages, which the gateway checks on every journal
     * record: while the session is logged on (a message is held only then), not while it is away.
     */
    boolean counted = true;
    private final Path file;
    private final int maxMessageBytes;
    private final MappedByteBuffer mapping;
    private final UnsafeBuffer mapped = new UnsafeBuffer(0, 0);
    /** The message bytes: the file past its slot table. */
    private final UnsafeBuffer bytes = new UnsafeBuffer(0, 0);
    private int head;
    private int end;
    private int writeOffset;
    private boolean unsynced;

    /**
     * Opens {@code file}, making it when missing. Messages it holds are loaded, each due at once. A file made with
     * another maxMessageBytes is made again at {@code maxMessageBytes}, with its messages (each read at the size it
     * was written with).
     *
     * @throws UnreadableSessionStateException of another format.
     */
    static HeldRejects open(final Path file, final int maxMessageBytes)
    {
        if (hasHeader(file))
        {
            final HeldRejects existing = new HeldRejects(file, 0);
            if (existing.maxMessageBytes != maxMessageBytes)
            {
                return existing.remadeAt(maxMessageBytes);
            }
            existing.close();
        }
        return new HeldRejects(file, maxMessageBytes);
    }

    /**
     * Whether {@code file} has its header written: one made but cut short by a crash before its first message went in
     * is all zeros, and made again.
     */
    private static boolean hasHeader(final Path file)
    {
        if (SessionStore.size(file) < HEADER_BYTES)
        {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final ByteBuffer magic = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()); // at start-up only
            while (magic.hasRemaining() && channel.read(magic) >= 0)
            {
                // one read; the loop only guards against a short one
            }
            return magic.getInt(0) != 0;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** {@code maxMessageBytes} 0: as the file says (it has a header). */
    private HeldRejects(final Path file, final int maxMessageBytes)
    {
        this(file, maxMessageBytes, MAX_HELD_MESSAGES_OF_MAXIMUM_LENGTH * maxMessageBytes);
    }

    private HeldRejects(final Path file, final int maxMessageBytes, final int capacity)
    {
        this.file = file;
        this.mapping = SessionStore.map(file, maxMessageBytes == 0 ? HEADER_BYTES : BYTES_OFFSET + (long)capacity);
        mapped.wrap(mapping);
        final int magic = mapped.getInt(MAGIC_OFFSET);
        if (magic == 0)
        {
            mapped.putInt(VERSION_OFFSET, VERSION);
            mapped.putInt(MAX_MESSAGE_BYTES_OFFSET, maxMessageBytes);
            mapped.putInt(CAPACITY_OFFSET, capacity);
            mapped.putLong(QUEUE_OFFSET, 0);
            mapped.putIntVolatile(MAGIC_OFFSET, MAGIC);
            unsynced = true;
        }
        else
        {
            final long queue = mapped.getLong(QUEUE_OFFSET);
            final int storedHead = (int)queue;
            final int storedEnd = (int)(queue >>> 32);
            final String problem = magic != MAGIC ? "not a held-reject file" :
                mapped.getInt(VERSION_OFFSET) != VERSION ? "unknown held-reject file version " +
                mapped.getInt(VERSION_OFFSET) :
                mapped.getInt(MAX_MESSAGE_BYTES_OFFSET) <= 0 || mapped.getInt(CAPACITY_OFFSET) <= 0 ||
                BYTES_OFFSET + (long)mapped.getInt(CAPACITY_OFFSET) > mapped.capacity() ? "its sizes are outside the file" :
                storedHead < 0 || storedHead > storedEnd || storedEnd > MAX_HELD ? "its queue is outside the table" : null;
            if (problem != null)
            {
                IoUtil.unmap(mapping); // no access to the buffer after this: it would fault
                throw new UnreadableSessionStateException(file + ": " + problem + "; move it aside to start without " +
                    "it (the rejects it holds are then not sent: an OrderStatusRequest for such an order answers " +
                    "unknown order)");
            }
        }
        this.maxMessageBytes = mapped.getInt(MAX_MESSAGE_BYTES_OFFSET);
        bytes.wrap(mapped, BYTES_OFFSET, mapped.getInt(CAPACITY_OFFSET));
        final long queue = mapped.getLong(QUEUE_OFFSET);
        head = (int)queue;
        end = (int)(queue >>> 32);
        writeOffset = end == 0 ? 0 : slotInt(end - 1, SLOT_OFFSET) + slotInt(end - 1, SLOT_LENGTH);
        for (int slot = head; slot < end; slot++)
        {
            // Commands of the previous run, every one journaled or lost by now: nothing left to wait for.
            mapped.putLong(slotAt(slot) + SLOT_WAIT_FOR_COMMAND, 0);
            unsynced = true;
        }
    }

    /** This file's messages in a new file at {@code newMaxMessageBytes}, moved over it whole (then this is closed). */
    private HeldRejects remadeAt(final int newMaxMessageBytes)
    {
        final Path remade = file.resolveSibling(file.getFileName() + ".remade");
        try
        {
            Files.deleteIfExists(remade);
            final HeldRejects copy = new HeldRejects(remade, newMaxMessageBytes,
                Math.max(MAX_HELD_MESSAGES_OF_MAXIMUM_LENGTH * newMaxMessageBytes, writeOffset));
            for (int slot = head; slot < end; slot++)
            {
                copy.hold(bytes, slotInt(slot, SLOT_OFFSET), slotInt(slot, SLOT_LENGTH),
                    slotInt(slot, SLOT_MSG_SEQ_NUM), 0, (byte)slotInt(slot, SLOT_KIND),
                    mapped.getLong(slotAt(slot) + SLOT_ORDER_ID));
            }
            copy.forceAll();
            copy.close();
            close();
            Files.move(remade, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot make " + file + " again at maxMessageBytes " + newMaxMessageBytes +
                ": " + ex.getMessage(), ex);
        }
        return new HeldRejects(file, 0);
    }

    boolean isEmpty()
    {
        return end == head;
    }

    /** How many messages are held. */
    int count()
    {
        return end - head;
    }

    /** The maxMessageBytes the file is made for. */
    int maxMessageBytes()
    {
        return maxMessageBytes;
    }

    /** Whether one more message, of any allowed length, can be held. */
    boolean hasRoom()
    {
        return end == head || (end < MAX_HELD && writeOffset + maxMessageBytes <= bytes.capacity());
    }

    /**
     * Holds a copy of the message, refused for {@code kind} ({@link #THROTTLED}, {@link #PENDING_CANCEL}) or held as
     * a {@link #POSSIBLE_RESEND}, to be answered once command {@code waitForCommand} is read back. {@code orderId}: the
     * OrderID of the order a refused cancel or replace names, as known when it came (0 for none): by the time it is
     * answered that order may be done and no longer known by the ClOrdID the request names it by.
     */
    void hold(final DirectBuffer buffer, final int offset, final int length, final int msgSeqNum,
        final long waitForCommand, final byte kind, final long orderId)
    {
        final int slot = end; // an empty queue is at slot 0 (removeHead)
        bytes.putBytes(writeOffset, buffer, offset, length);
        final int at = slotAt(slot);
        mapped.putInt(at + SLOT_OFFSET, writeOffset);
        mapped.putInt(at + SLOT_LENGTH, length);
        mapped.putInt(at + SLOT_MSG_SEQ_NUM, msgSeqNum);
        mapped.putInt(at + SLOT_KIND, kind);
        mapped.putLong(at + SLOT_WAIT_FOR_COMMAND, waitForCommand);
        mapped.putLong(at + SLOT_ORDER_ID, orderId);
        end = slot + 1;
        writeOffset += length;
        moveQueue(); // the message and its slot whole first: a crash before this leaves them unseen
    }

    /** Whether the oldest held message may be answered once command {@code lastCommandRead} has been read back. */
    boolean headDue(final long lastCommandRead)
    {
        return end > head && mapped.getLong(slotAt(head) + SLOT_WAIT_FOR_COMMAND) <= lastCommandRead;
    }

    DirectBuffer buffer()
    {
        return bytes;
    }

    int headOffset()
    {
        return slotInt(head, SLOT_OFFSET);
    }

    int headLength()
    {
        return slotInt(head, SLOT_LENGTH);
    }

    int headMsgSeqNum()
    {
        return slotInt(head, SLOT_MSG_SEQ_NUM);
    }

    /** Why the oldest held message is refused: {@link #THROTTLED} or {@link #PENDING_CANCEL}. */
    byte headKind()
    {
        return (byte)slotInt(head, SLOT_KIND);
    }

    /** The OrderID held with the oldest message, 0 for none. */
    long headOrderId()
    {
        return mapped.getLong(slotAt(head) + SLOT_ORDER_ID);
    }

    /** Called once the head's reject is made (see the class comment for why after). */
    void removeHead()
    {
        head++;
        if (head == end)
        {
            head = 0; // emptied: the space is used again from the start
            end = 0;
            writeOffset = 0;
        }
        moveQueue();
    }

    /**
     * Both sides' MsgSeqNums start again at 1: the held messages' numbers name nothing in the new numbering, so each
     * becomes {@link #MSG_SEQ_NUM_BEFORE_RESET} (a reject of one then carries no RefSeqNum).
     */
    void forgetMsgSeqNums()
    {
        for (int slot = head; slot < end; slot++)
        {
            mapped.putInt(slotAt(slot) + SLOT_MSG_SEQ_NUM, MSG_SEQ_NUM_BEFORE_RESET);
        }
        unsynced = true;
    }

    boolean unsynced()
    {
        return unsynced;
    }

    /** msyncs the file ({@code sync} durability): held rejects are rare, the whole mapping is a few pages. */
    void force()
    {
        if (unsynced)
        {
            forceAll();
        }
    }

    void forceAll()
    {
        unsynced = false;
        mapping.force();
    }

    @Override
    public void close()
    {
        IoUtil.unmap(mapping);
    }

    private void moveQueue()
    {
        mapped.putLongOrdered(QUEUE_OFFSET, ((long)end << 32) | (head & 0xFFFF_FFFFL));
        unsynced = true;
    }

    private static int slotAt(final int slot)
    {
        return HEADER_BYTES + slot * SLOT_BYTES;
    }

    private int slotInt(final int slot, final int field)
    {
        return mapped.getInt(slotAt(slot) + field);
    }
}

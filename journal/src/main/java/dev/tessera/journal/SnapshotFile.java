package dev.tessera.journal;

import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.StateSource;
import dev.tessera.engine.StateVisitor;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.checksum.Crc32c;

import java.nio.ByteOrder;

/**
 * The binary layout of one snapshot file (little-endian), its encoder and its verifying decoder.
 *
 * <pre>
 *   offset  size  field
 *   0       4     magic "TSNP"
 *   4       4     format version (3; 1 and 2 are still read)
 *   8       8     file length, the trailing checksum included
 *   16      40    journal position covered: index, recordSequence, chainHash, lastEventSequence,
 *                 commandSequence (8 bytes each)
 *   56      8     engine lastOrderId
 *   64      8     engine lastEventSequence
 *   72      4     live order count n
 *   76      4     bytes per order (72; 64 in format 1)
 *   80      8     engine stateHash
 *   88      8     engine firstEntrySinceEndOfDay (since format 3; formats 1 and 2 end the header at 88)
 *   96      72*n  orders, in {@link StateVisitor} order: orderId, owner, clientOrderId, price,
 *                 quantity, filled, ownerRank (8 bytes each), instrumentId (4), side, orderType,
 *                 timeInForce, postOnly (1 each), filledNotional (8, since format 2)
 *   96+72n  4     CRC32C of every byte before it
 * </pre>
 *
 * A fixed-size order record keeps the file a plain array that needs no framing per order, and the
 * length in the header lets a truncated file be told from a damaged one before the checksum runs.
 *
 * <p>Format 1 has no filled notional. It is still read, so recovery (and an archived journal) survive
 * an upgrade: a partly filled order gets {@link MatchingEngine#UNKNOWN_FILLED_NOTIONAL} (an unfilled
 * one's is 0, exactly), which the state hash does not fold, so the stored hash still verifies. The FIX
 * gateway, which needs the notional for AvgPx, does not start from a snapshot with an unknown one.
 *
 * <p>Formats 1 and 2 have no first entry since the last EndOfDay (when the trading day that is still to
 * end began). They restore it as {@link MatchingEngine#UNKNOWN_ENTRY_SINCE_END_OF_DAY}; the engine learns
 * it again at its next all-instrument EndOfDay, and until then recovery falls back to the last command's
 * entry time for the day end (see {@link Recovery.Result#firstEntrySinceEndOfDay()}). The state hash has
 * no entry times, so their stored hash verifies as it did; the checksum alone guards the new field.
 */
final class SnapshotFile
{
    static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;
    /** "TSNP" as bytes in the file. */
    static final int MAGIC = 'T' | 'S' << 8 | 'N' << 16 | 'P' << 24;
    static final int FORMAT_VERSION = 3;
    /** The format before the first entry since the last EndOfDay: an 88-byte header. */
    static final int FORMAT_VERSION_2 = 2;
    /** The format before the filled notional: 64-byte orders (and an 88-byte header). */
    static final int FORMAT_VERSION_1 = 1;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int FILE_LENGTH_OFFSET = 8;
    static final int POSITION_INDEX_OFFSET = 16;
    static final int POSITION_RECORD_SEQUENCE_OFFSET = 24;
    static final int POSITION_CHAIN_HASH_OFFSET = 32;
    static final int POSITION_LAST_EVENT_SEQUENCE_OFFSET = 40;
    static final int POSITION_COMMAND_SEQUENCE_OFFSET = 48;
    static final int LAST_ORDER_ID_OFFSET = 56;
    static final int LAST_EVENT_SEQUENCE_OFFSET = 64;
    static final int ORDER_COUNT_OFFSET = 72;
    static final int ORDER_LENGTH_OFFSET = 76;
    static final int STATE_HASH_OFFSET = 80;
    static final int FIRST_ENTRY_SINCE_END_OF_DAY_OFFSET = 88;
    static final int HEADER_LENGTH = 96;
    static final int HEADER_LENGTH_BEFORE_VERSION_3 = 88;

    static final int ORDER_ID = 0;
    static final int OWNER = 8;
    static final int CLIENT_ORDER_ID = 16;
    static final int PRICE = 24;
    static final int QUANTITY = 32;
    static final int FILLED = 40;
    static final int OWNER_RANK = 48;
    static final int INSTRUMENT_ID = 56;
    static final int SIDE = 60;
    static final int ORDER_TYPE = 61;
    static final int TIME_IN_FORCE = 62;
    static final int POST_ONLY = 63;
    static final int FILLED_NOTIONAL = 64;
    static final int ORDER_LENGTH = 72;
    static final int ORDER_LENGTH_VERSION_1 = 64;

    static final int CHECKSUM_LENGTH = 4;
    /** The shortest file of any format read: an empty format-1 or 2 one. */
    static final int MIN_LENGTH = HEADER_LENGTH_BEFORE_VERSION_3 + CHECKSUM_LENGTH;

    private SnapshotFile()
    {
    }

    static long lengthFor(final long orderCount)
    {
        return lengthFor(FORMAT_VERSION, orderCount);
    }

    private static long lengthFor(final int formatVersion, final long orderCount)
    {
        return headerLength(formatVersion) + orderCount * orderLength(formatVersion) + CHECKSUM_LENGTH;
    }

    private static int headerLength(final int formatVersion)
    {
        return formatVersion == FORMAT_VERSION ? HEADER_LENGTH : HEADER_LENGTH_BEFORE_VERSION_3;
    }

    private static int orderLength(final int formatVersion)
    {
        return formatVersion == FORMAT_VERSION_1 ? ORDER_LENGTH_VERSION_1 : ORDER_LENGTH;
    }

    /**
     * Encodes an engine's state and the position it covers; reusable between snapshots, so a
     * snapshotter that keeps one allocates nothing once its buffer has grown to the book's size.
     */
    static final class Encoder implements StateVisitor
    {
        private MutableDirectBuffer buffer;
        private int offset;

        /** @return the number of bytes written to {@code buffer}, from offset 0. */
        int encode(final MatchingEngine engine, final JournalPosition position, final MutableDirectBuffer buffer)
        {
            this.buffer = buffer;
            engine.exportState(this);
            final int length = offset + CHECKSUM_LENGTH;
            buffer.putInt(MAGIC_OFFSET, MAGIC, BYTE_ORDER);
            buffer.putInt(VERSION_OFFSET, FORMAT_VERSION, BYTE_ORDER);
            buffer.putLong(FILE_LENGTH_OFFSET, length, BYTE_ORDER);
            buffer.putLong(POSITION_INDEX_OFFSET, position.index(), BYTE_ORDER);
            buffer.putLong(POSITION_RECORD_SEQUENCE_OFFSET, position.recordSequence(), BYTE_ORDER);
            buffer.putLong(POSITION_CHAIN_HASH_OFFSET, position.chainHash(), BYTE_ORDER);
            buffer.putLong(POSITION_LAST_EVENT_SEQUENCE_OFFSET, position.lastEventSequence(), BYTE_ORDER);
            buffer.putLong(POSITION_COMMAND_SEQUENCE_OFFSET, position.commandSequence(), BYTE_ORDER);
            buffer.putInt(ORDER_LENGTH_OFFSET, ORDER_LENGTH, BYTE_ORDER);
            buffer.putLong(STATE_HASH_OFFSET, engine.stateHash(), BYTE_ORDER);
            // The buffer may have grown (moved) during the export: take its address only now.
            final int checksum = Crc32c.INSTANCE.compute(buffer.addressOffset(), 0, offset);
            buffer.putInt(offset, checksum, BYTE_ORDER);
            this.buffer = null;
            return length;
        }

        @Override
        public void onCounters(
            final long lastOrderId, final long lastEventSequence, final int liveOrderCount,
            final long firstEntrySinceEndOfDay)
        {
            buffer.putLong(LAST_ORDER_ID_OFFSET, lastOrderId, BYTE_ORDER);
            buffer.putLong(LAST_EVENT_SEQUENCE_OFFSET, lastEventSequence, BYTE_ORDER);
            buffer.putInt(ORDER_COUNT_OFFSET, liveOrderCount, BYTE_ORDER);
            // An unknown value is written as such: a snapshot of an engine restored from format 1 or 2 before
            // its next EndOfDay still says it does not know.
            buffer.putLong(FIRST_ENTRY_SINCE_END_OF_DAY_OFFSET, firstEntrySinceEndOfDay, BYTE_ORDER);
            offset = HEADER_LENGTH;
        }

        @Override
        public void onOrder(
            final long orderId,
            final long owner,
            final long clientOrderId,
            final int instrumentId,
            final Side side,
            final OrderType orderType,
            final TimeInForce timeInForce,
            final boolean postOnly,
            final long price,
            final long quantity,
            final long filled,
            final long filledNotional,
            final long ownerRank)
        {
            final MutableDirectBuffer buffer = this.buffer;
            final int at = offset;
            buffer.putLong(at + ORDER_ID, orderId, BYTE_ORDER);
            buffer.putLong(at + OWNER, owner, BYTE_ORDER);
            buffer.putLong(at + CLIENT_ORDER_ID, clientOrderId, BYTE_ORDER);
            buffer.putLong(at + PRICE, price, BYTE_ORDER);
            buffer.putLong(at + QUANTITY, quantity, BYTE_ORDER);
            buffer.putLong(at + FILLED, filled, BYTE_ORDER);
            buffer.putLong(at + OWNER_RANK, ownerRank, BYTE_ORDER);
            buffer.putInt(at + INSTRUMENT_ID, instrumentId, BYTE_ORDER);
            buffer.putByte(at + SIDE, (byte)side.value());
            buffer.putByte(at + ORDER_TYPE, (byte)orderType.value());
            buffer.putByte(at + TIME_IN_FORCE, (byte)timeInForce.value());
            buffer.putByte(at + POST_ONLY, (byte)(postOnly ? 1 : 0));
            buffer.putLong(at + FILLED_NOTIONAL, filledNotional, BYTE_ORDER);
            offset = at + ORDER_LENGTH;
        }
    }

    /**
     * Checks the framing and the checksum of a whole file held in {@code buffer} (off-heap: the
     * checksum reads it by address).
     *
     * @throws InvalidSnapshotException naming the first check that fails.
     */
    static void verify(final DirectBuffer buffer, final long fileLength)
    {
        verifyHeader(buffer, fileLength);
        final int checksumOffset = (int)fileLength - CHECKSUM_LENGTH;
        final int stored = buffer.getInt(checksumOffset, BYTE_ORDER);
        final int computed = Crc32c.INSTANCE.compute(buffer.addressOffset(), 0, checksumOffset);
        if (stored != computed)
        {
            throw new InvalidSnapshotException("checksum mismatch (stored " + String.format("0x%08x", stored) +
                ", computed " + String.format("0x%08x", computed) + ")");
        }
    }

    /**
     * Everything {@link #verify} checks but the checksum, from the first {@link #HEADER_LENGTH} bytes (fewer when the
     * file is shorter, which then fails): magic, format version, and a length that fits the header's order count.
     */
    static void verifyHeader(final DirectBuffer buffer, final long fileLength)
    {
        if (fileLength < MIN_LENGTH)
        {
            throw new InvalidSnapshotException(
                "truncated: " + fileLength + " bytes, a snapshot has at least " + MIN_LENGTH);
        }
        final int magic = buffer.getInt(MAGIC_OFFSET, BYTE_ORDER);
        if (magic != MAGIC)
        {
            throw new InvalidSnapshotException("wrong magic 0x" + Integer.toHexString(magic) + ", not a Tessera snapshot");
        }
        final int version = buffer.getInt(VERSION_OFFSET, BYTE_ORDER);
        if (version < FORMAT_VERSION_1 || version > FORMAT_VERSION)
        {
            throw new InvalidSnapshotException("format version " + version + " is not readable by this build (knows " +
                FORMAT_VERSION_1 + " to " + FORMAT_VERSION + ")");
        }
        final long declaredLength = buffer.getLong(FILE_LENGTH_OFFSET, BYTE_ORDER);
        if (declaredLength != fileLength)
        {
            throw new InvalidSnapshotException("length mismatch: the header says " + declaredLength +
                " bytes, the file has " + fileLength + (fileLength < declaredLength ? " (truncated)" : ""));
        }
        final int orderCount = buffer.getInt(ORDER_COUNT_OFFSET, BYTE_ORDER);
        final int orderLength = buffer.getInt(ORDER_LENGTH_OFFSET, BYTE_ORDER);
        if (orderCount < 0 || orderLength != orderLength(version) || lengthFor(version, orderCount) != fileLength)
        {
            throw new InvalidSnapshotException("length of " + fileLength + " bytes does not fit " + orderCount +
                " orders of " + orderLength + " bytes");
        }
    }

    static JournalPosition position(final DirectBuffer buffer)
    {
        return new JournalPosition(
            buffer.getLong(POSITION_INDEX_OFFSET, BYTE_ORDER),
            buffer.getLong(POSITION_RECORD_SEQUENCE_OFFSET, BYTE_ORDER),
            buffer.getLong(POSITION_CHAIN_HASH_OFFSET, BYTE_ORDER),
            buffer.getLong(POSITION_LAST_EVENT_SEQUENCE_OFFSET, BYTE_ORDER),
            buffer.getLong(POSITION_COMMAND_SEQUENCE_OFFSET, BYTE_ORDER));
    }

    static long stateHash(final DirectBuffer buffer)
    {
        return buffer.getLong(STATE_HASH_OFFSET, BYTE_ORDER);
    }

    static int orderCount(final DirectBuffer buffer)
    {
        return buffer.getInt(ORDER_COUNT_OFFSET, BYTE_ORDER);
    }

    static int formatVersion(final DirectBuffer buffer)
    {
        return buffer.getInt(VERSION_OFFSET, BYTE_ORDER);
    }

    /** Live orders of a verified file whose filled notional is unknown (partly filled, in a format-1 file). */
    static int ordersWithoutFilledNotional(final DirectBuffer buffer)
    {
        final int version = formatVersion(buffer);
        final int orderLength = orderLength(version);
        int unknown = 0;
        for (int i = 0, at = headerLength(version), n = orderCount(buffer); i < n; i++, at += orderLength)
        {
            if (filledNotional(buffer, at, version) < 0)
            {
                unknown++;
            }
        }
        return unknown;
    }

    private static long filledNotional(final DirectBuffer buffer, final int orderAt, final int version)
    {
        if (version != FORMAT_VERSION_1)
        {
            return buffer.getLong(orderAt + FILLED_NOTIONAL, BYTE_ORDER);
        }
        return buffer.getLong(orderAt + FILLED, BYTE_ORDER) == 0 ? 0 : MatchingEngine.UNKNOWN_FILLED_NOTIONAL;
    }

    /**
     * The engine's first entry since the last EndOfDay, or {@link MatchingEngine#UNKNOWN_ENTRY_SINCE_END_OF_DAY}
     * for a format-1 or 2 file, which did not keep it.
     */
    static long firstEntrySinceEndOfDay(final DirectBuffer buffer)
    {
        return formatVersion(buffer) == FORMAT_VERSION ?
            buffer.getLong(FIRST_ENTRY_SINCE_END_OF_DAY_OFFSET, BYTE_ORDER) : MatchingEngine.UNKNOWN_ENTRY_SINCE_END_OF_DAY;
    }

    /** Replays a verified file into a visitor, as {@link MatchingEngine#exportState} would have. */
    static StateSource stateOf(final DirectBuffer buffer)
    {
        return visitor ->
        {
            final int version = formatVersion(buffer);
            final int orderLength = orderLength(version);
            final int orderCount = orderCount(buffer);
            visitor.onCounters(
                buffer.getLong(LAST_ORDER_ID_OFFSET, BYTE_ORDER),
                buffer.getLong(LAST_EVENT_SEQUENCE_OFFSET, BYTE_ORDER),
                orderCount,
                firstEntrySinceEndOfDay(buffer));
            for (int i = 0, at = headerLength(version); i < orderCount; i++, at += orderLength)
            {
                // SBE's get() throws IllegalArgumentException on an unknown value: the load reports it.
                visitor.onOrder(
                    buffer.getLong(at + ORDER_ID, BYTE_ORDER),
                    buffer.getLong(at + OWNER, BYTE_ORDER),
                    buffer.getLong(at + CLIENT_ORDER_ID, BYTE_ORDER),
                    buffer.getInt(at + INSTRUMENT_ID, BYTE_ORDER),
                    Side.get((short)(buffer.getByte(at + SIDE) & 0xFF)),
                    OrderType.get((short)(buffer.getByte(at + ORDER_TYPE) & 0xFF)),
                    TimeInForce.get((short)(buffer.getByte(at + TIME_IN_FORCE) & 0xFF)),
                    postOnly(buffer.getByte(at + POST_ONLY)),
                    buffer.getLong(at + PRICE, BYTE_ORDER),
                    buffer.getLong(at + QUANTITY, BYTE_ORDER),
                    buffer.getLong(at + FILLED, BYTE_ORDER),
                    filledNotional(buffer, at, version),
                    buffer.getLong(at + OWNER_RANK, BYTE_ORDER));
            }
        };
    }

    private static boolean postOnly(final byte value)
    {
        if (value != 0 && value != 1)
        {
            throw new IllegalArgumentException("postOnly byte " + value + " is neither 0 nor 1");
        }
        return value == 1;
    }
}

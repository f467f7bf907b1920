package dev.tessera.engine;

import org.agrona.AbstractMutableDirectBuffer;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A buffer the engine checked the bounds of once, as a whole, so that the fixed-offset reads and
 * writes of its SBE codecs do not check again.
 *
 * <p>An Agrona buffer checks every field access against its capacity. For a command that is a dozen
 * checks, and as many again for each event written: about a tenth of the engine's time
 * (perf/results/2026-11-22-engine-bounds-checks). Here the checks are made once, where they can be
 * complete: {@link #wrapRegion} checks that a command lies inside its source buffer and
 * {@code MatchingEngine.onCommand} that its block is as long as its template's, and
 * {@code EventBuffer.claim} that the largest event fits before one is written. After that every
 * access is at a codec's fixed offset inside those bounds.
 *
 * <p>Only the accessors the codecs use on the hot path skip the check (the primitive gets and puts);
 * everything else is Agrona's checked code. Engine-internal: consumers never see one of these, they get
 * checked buffers.
 */
final class PrecheckedBuffer extends AbstractMutableDirectBuffer
{
    PrecheckedBuffer()
    {
        wrap(BufferUtil.NULL_BYTES);
    }

    PrecheckedBuffer(final byte[] array)
    {
        wrap(array);
    }

    /**
     * This buffer becomes {@code source[offset, offset + length)}, at index 0, after checking that the
     * region lies inside the source.
     *
     * @return false, wrapping nothing, when it does not.
     */
    boolean wrapRegion(final DirectBuffer source, final int offset, final int length)
    {
        if (offset < 0 || length < 0 || (long)offset + length > source.capacity())
        {
            return false;
        }
        byteArray = source.byteArray();
        addressOffset = source.addressOffset() + offset;
        capacity = length;
        return true;
    }

    public void wrap(final byte[] buffer)
    {
        wrap(buffer, 0, buffer.length);
    }

    public void wrap(final byte[] buffer, final int offset, final int length)
    {
        if (offset < 0 || length < 0 || (long)offset + length > buffer.length)
        {
            throw new IndexOutOfBoundsException("offset=" + offset + " length=" + length + " array=" + buffer.length);
        }
        byteArray = buffer;
        addressOffset = BufferUtil.ARRAY_BASE_OFFSET + offset;
        capacity = length;
    }

    public void wrap(final ByteBuffer buffer)
    {
        throw new UnsupportedOperationException("wraps byte arrays and regions of other buffers only");
    }

    public void wrap(final ByteBuffer buffer, final int offset, final int length)
    {
        throw new UnsupportedOperationException("wraps byte arrays and regions of other buffers only");
    }

    public void wrap(final DirectBuffer buffer)
    {
        wrap(buffer, 0, buffer.capacity());
    }

    public void wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!wrapRegion(buffer, offset, length))
        {
            throw new IndexOutOfBoundsException("offset=" + offset + " length=" + length + " capacity=" + buffer.capacity());
        }
    }

    public void wrap(final long address, final int length)
    {
        throw new UnsupportedOperationException("wraps byte arrays and regions of other buffers only");
    }

    public ByteBuffer byteBuffer()
    {
        return null;
    }

    public int wrapAdjustment()
    {
        return 0;
    }

    public boolean isExpandable()
    {
        return false;
    }

    public void checkLimit(final int limit)
    {
        if (limit > capacity)
        {
            throw new IndexOutOfBoundsException("limit=" + limit + " is beyond capacity=" + capacity);
        }
    }

    /** Every put of a codec: the room for the whole message was checked before it was written. */
    protected void ensureCapacity(final int index, final int length)
    {
    }

    public long getLong(final int index, final ByteOrder byteOrder)
    {
        final long bits = UnsafeApi.getLong(byteArray, addressOffset + index);
        return BufferUtil.NATIVE_BYTE_ORDER == byteOrder ? bits : Long.reverseBytes(bits);
    }

    public int getInt(final int index, final ByteOrder byteOrder)
    {
        final int bits = UnsafeApi.getInt(byteArray, addressOffset + index);
        return BufferUtil.NATIVE_BYTE_ORDER == byteOrder ? bits : Integer.reverseBytes(bits);
    }

    public short getShort(final int index, final ByteOrder byteOrder)
    {
        final short bits = UnsafeApi.getShort(byteArray, addressOffset + index);
        return BufferUtil.NATIVE_BYTE_ORDER == byteOrder ? bits : Short.reverseBytes(bits);
    }

    public byte getByte(final int index)
    {
        return UnsafeApi.getByte(byteArray, addressOffset + index);
    }

    public String toString()
    {
        return "PrecheckedBuffer{addressOffset=" + addressOffset + ", capacity=" + capacity + '}';
    }
}

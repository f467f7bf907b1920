package dev.tessera.lobster;

import dev.tessera.engine.CommandEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;

/** Encoded commands waiting to be taken, first in first out; reused (it empties, then refills). */
final class CommandQueue
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * CommandEncoder.MAX_COMMAND_LENGTH);
    private int[] offsets = new int[64];
    private int count;
    private int taken;
    private int end;

    /**
     * Where to encode the next command (at {@link #appendOffset()}, asked for after this call, which
     * may empty a fully taken queue); call {@link #added} with its length afterwards.
     */
    MutableDirectBuffer buffer()
    {
        if (taken == count)
        {
            clear();
        }
        buffer.checkLimit(end + CommandEncoder.MAX_COMMAND_LENGTH);
        return buffer;
    }

    int appendOffset()
    {
        return end;
    }

    void added(final int length)
    {
        if (count + 1 >= offsets.length)
        {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[count] = end;
        end += length;
        offsets[count + 1] = end;
        count++;
    }

    boolean isEmpty()
    {
        return taken == count;
    }

    int size()
    {
        return count - taken;
    }

    /** Copies the oldest command into {@code target} at 0 and removes it; returns its length. */
    int take(final MutableDirectBuffer target)
    {
        final int offset = offsets[taken];
        final int length = offsets[taken + 1] - offset;
        target.putBytes(0, buffer, offset, length);
        taken++;
        return length;
    }

    DirectBuffer raw()
    {
        return buffer;
    }

    void clear()
    {
        count = 0;
        taken = 0;
        end = 0;
    }
}

package dev.tessera.pipeline;

import org.agrona.concurrent.UnsafeBuffer;

/** One pre-allocated ring entry: room for one encoded command, reused forever. */
final class CommandSlot
{
    final UnsafeBuffer buffer;
    int length;

    CommandSlot(final UnsafeBuffer buffer)
    {
        this.buffer = buffer;
    }
}

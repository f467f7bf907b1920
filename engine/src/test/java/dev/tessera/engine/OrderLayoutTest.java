package dev.tessera.engine;

import org.agrona.UnsafeApi;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Holds the field layout {@link Order} depends on for its cache behaviour (see the comment on its
 * fields): a field added or moved in the wrong place compiles and passes every other test, and only
 * shows as a slower engine.
 */
final class OrderLayoutTest
{
    /** 120 bytes with compressed references (heaps under 32 GB, the default). */
    private static final int MAX_SIZE_WITH_COMPRESSED_REFERENCES = 120;

    @Test
    void shouldKeepEachHashKeyBesideItsChainLink()
    {
        assertThat(offset("owner")).isEqualTo(offset("orderId") + Long.BYTES);
        assertThat(offset("clientOrderId")).isEqualTo(offset("owner") + Long.BYTES);
        // Only the bytes and booleans may sit between the last long and the first reference.
        assertThat(offset("clientIdNext") - offset("clientOrderId")).isBetween((long)Long.BYTES, 2L * Long.BYTES);
        assertThat(offset("idNext")).isGreaterThan(offset("clientIdNext"));
        assertThat(offset("idNext") - offset("orderId")).isLessThanOrEqualTo(64);
    }

    @Test
    void shouldFitInOneHundredAndTwentyBytesWithCompressedReferences()
    {
        final long referenceSize = offset("idNext") - offset("clientIdNext");
        // Reported as skipped, not passed, on a JVM without compressed references (a heap of 32 GB or more).
        assumeTrue(referenceSize == Integer.BYTES, "references are " + referenceSize + " bytes, not compressed");

        assertThat(instanceSize(referenceSize)).isLessThanOrEqualTo(MAX_SIZE_WITH_COMPRESSED_REFERENCES);
    }

    private static long offset(final String name)
    {
        try
        {
            return UnsafeApi.objectFieldOffset(Order.class.getDeclaredField(name));
        }
        catch (final NoSuchFieldException ex)
        {
            throw new AssertionError("Order has no field " + name, ex);
        }
    }

    /** The end of the last field, rounded up to the 8-byte object alignment. */
    private static long instanceSize(final long referenceSize)
    {
        long end = 0;
        for (final Field field : Order.class.getDeclaredFields())
        {
            if (Modifier.isStatic(field.getModifiers()))
            {
                continue;
            }
            final long offset = UnsafeApi.objectFieldOffset(field);
            end = Math.max(end, offset + size(field.getType(), referenceSize));
        }
        return (end + 7) & ~7L;
    }

    private static long size(final Class<?> type, final long referenceSize)
    {
        if (type == long.class || type == double.class)
        {
            return 8;
        }
        if (type == int.class || type == float.class)
        {
            return 4;
        }
        if (type == short.class || type == char.class)
        {
            return 2;
        }
        if (type == byte.class || type == boolean.class)
        {
            return 1;
        }
        return referenceSize;
    }
}

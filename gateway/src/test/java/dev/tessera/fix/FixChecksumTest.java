package dev.tessera.fix;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class FixChecksumTest
{
    @Property(tries = 2_000)
    void shouldEqualTheByteSumModulo256(
        @ForAll @Size(max = 3_000) final byte[] bytes,
        @ForAll @IntRange(max = 7) final int from,
        @ForAll @IntRange(max = 7) final int trimmed)
    {
        final int offset = Math.min(from, bytes.length);
        final int length = Math.max(0, bytes.length - offset - trimmed);

        assertThat(FixChecksum.compute(new UnsafeBuffer(bytes), offset, length)).isEqualTo(byteSum(bytes, offset, length));
    }

    @Test
    void shouldNotOverflowOnLongRunsOfHighBytes()
    {
        // 0xFF everywhere is the worst case for the 16-bit lanes: each word adds 510 to each lane.
        for (final int length : new int[] {1_023, 1_024, 1_025, 2_048, 65_536 + 3})
        {
            final byte[] bytes = new byte[length];
            Arrays.fill(bytes, (byte)0xFF);

            assertThat(FixChecksum.compute(new UnsafeBuffer(bytes), 0, length)).as("length %d", length)
                .isEqualTo(byteSum(bytes, 0, length));
        }
    }

    @Test
    void shouldSumADirectBufferAsAHeapOne()
    {
        final byte[] message = "8=FIX.4.4\u00019=5\u000135=0\u0001".getBytes(StandardCharsets.US_ASCII);
        final ByteBuffer direct = ByteBuffer.allocateDirect(message.length + 3);
        direct.position(3);
        direct.put(message);

        assertThat(FixChecksum.compute(new UnsafeBuffer(direct), 3, message.length)).isEqualTo(byteSum(message, 0, message.length));
    }

    private static int byteSum(final byte[] bytes, final int offset, final int length)
    {
        int sum = 0;
        for (int i = offset; i < offset + length; i++)
        {
            sum += bytes[i] & 0xFF;
        }
        return sum % 256;
    }
}

package dev.tessera.fix;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ByteScanTest
{
    @Property(tries = 3_000)
    void shouldFindTheFirstOccurrenceWithinTheRange(
        @ForAll @Size(max = 80) final byte[] bytes,
        @ForAll @IntRange(max = 9) final int from,
        @ForAll @IntRange(max = 9) final int trimmed,
        @ForAll final byte value)
    {
        // Few distinct values, so that matches are common and often repeated.
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)(bytes[i] & 0x83);
        }
        final int start = Math.min(from, bytes.length);
        final int end = Math.max(start, bytes.length - trimmed);
        final byte wanted = (byte)(value & 0x83);

        assertThat(ByteScan.indexOf(new UnsafeBuffer(bytes), start, end, wanted)).isEqualTo(naive(bytes, start, end, wanted));
    }

    @Test
    void shouldFindEveryPositionOfAWord()
    {
        for (int at = 0; at < 24; at++)
        {
            final byte[] bytes = new byte[24];
            java.util.Arrays.fill(bytes, (byte)'A');
            bytes[at] = FixFraming.SOH;

            assertThat(ByteScan.indexOf(new UnsafeBuffer(bytes), 0, bytes.length, FixFraming.SOH)).isEqualTo(at);
            assertThat(ByteScan.indexOf(new UnsafeBuffer(bytes), 0, at, FixFraming.SOH)).as("outside the range").isEqualTo(at);
        }
    }

    @Test
    void shouldNotTakeAByteAboveAMatchOrAHighByteForOne()
    {
        // 0x02 just above a 0x01, and 0x81/0xFF: the cases where the borrow trick marks false positives above the match.
        final byte[] bytes = {(byte)0xFF, (byte)0x81, 0x00, 0x02, 0x01, 0x02, 0x01, (byte)0x80, 0x01};

        assertThat(ByteScan.indexOf(new UnsafeBuffer(bytes), 0, bytes.length, (byte)0x01)).isEqualTo(4);
        assertThat(ByteScan.indexOf(new UnsafeBuffer(bytes), 0, bytes.length, (byte)0x00)).isEqualTo(2);
        assertThat(ByteScan.indexOf(new UnsafeBuffer(bytes), 0, bytes.length, (byte)0x80)).isEqualTo(7);
    }

    private static int naive(final byte[] bytes, final int from, final int end, final byte value)
    {
        for (int i = from; i < end; i++)
        {
            if (bytes[i] == value)
            {
                return i;
            }
        }
        return end;
    }
}

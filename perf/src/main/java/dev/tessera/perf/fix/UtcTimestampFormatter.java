package dev.tessera.perf.fix;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * FIX UTCTimestamp with milliseconds ({@code YYYYMMDD-HH:MM:SS.sss}). The date and time of day are
 * formatted once per second and cached; within the second only the milliseconds are written.
 */
final class UtcTimestampFormatter
{
    static final int LENGTH = 21;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss").withZone(ZoneOffset.UTC);

    private final byte[] secondText = new byte[17];
    private long cachedSecond = Long.MIN_VALUE;

    /** Writes the timestamp at {@code offset}; returns the offset after it. */
    int format(final long epochMillis, final byte[] into, final int offset)
    {
        final long second = Math.floorDiv(epochMillis, 1000);
        if (second != cachedSecond)
        {
            final byte[] text = SECONDS.format(Instant.ofEpochSecond(second)).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, secondText, 0, secondText.length);
            cachedSecond = second;
        }
        System.arraycopy(secondText, 0, into, offset, secondText.length);
        final int millis = (int)Math.floorMod(epochMillis, 1000);
        into[offset + 17] = '.';
        into[offset + 18] = (byte)('0' + millis / 100);
        into[offset + 19] = (byte)('0' + millis / 10 % 10);
        into[offset + 20] = (byte)('0' + millis % 10);
        return offset + LENGTH;
    }
}

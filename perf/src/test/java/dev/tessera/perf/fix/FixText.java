package dev.tessera.perf.fix;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Test messages written the slow, obvious way: the reference the codec under test is compared with. */
final class FixText
{
    private FixText()
    {
    }

    /** A complete FIX 4.4 message from body fields such as "35=8", with BodyLength and CheckSum computed here. */
    static String message(final String... bodyFields)
    {
        final StringBuilder body = new StringBuilder();
        for (final String field : bodyFields)
        {
            body.append(field).append('\u0001');
        }
        final String head = "8=FIX.4.4\u00019=" + body.length() + "\u0001" + body;
        int sum = 0;
        for (final byte b : head.getBytes(StandardCharsets.US_ASCII))
        {
            sum += b;
        }
        return head + String.format("10=%03d\u0001", sum & 0xFF);
    }

    static ByteBuffer buffer(final String text)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(text.length() + 64);
        buffer.put(text.getBytes(StandardCharsets.US_ASCII));
        return buffer;
    }

    /** The bytes written to {@code buffer} (0 to position) as text with SOH shown as '|'. */
    static String written(final ByteBuffer buffer)
    {
        final byte[] bytes = new byte[buffer.position()];
        buffer.get(0, bytes);
        return new String(bytes, StandardCharsets.US_ASCII).replace('\u0001', '|');
    }

    static String bars(final String text)
    {
        return text.replace('\u0001', '|');
    }
}

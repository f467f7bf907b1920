package dev.tessera.fix;

import org.agrona.DirectBuffer;

/**
 * A value a counterparty sent, made safe for a log line: printable ASCII stays as it is, a backslash is doubled, and
 * every other byte (control characters such as a newline or an ANSI escape, DEL, non-ASCII) becomes {@code \xNN}.
 * FIX lets a String field hold any byte but SOH, so a SenderCompID or a Text(58) logged raw could forge lines of its
 * own in the operator's log, or hide the rest of a line on a terminal (QA 129 F1). Allocates: error and log paths only.
 */
public final class PeerText
{
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PeerText()
    {
    }

    /** The bytes {@code offset} to {@code offset + length} of {@code buffer}, escaped. */
    public static String of(final DirectBuffer buffer, final int offset, final int length)
    {
        final StringBuilder text = new StringBuilder(length + 8);
        for (int i = offset, end = offset + length; i < end; i++)
        {
            append(text, buffer.getByte(i) & 0xFF);
        }
        return text.toString();
    }

    /** {@code value} escaped, taken as the ASCII bytes it was read from (a char above 0xFF counts as one byte). */
    public static String of(final CharSequence value)
    {
        final StringBuilder text = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++)
        {
            append(text, Math.min(value.charAt(i), 0xFF));
        }
        return text.toString();
    }

    private static void append(final StringBuilder text, final int b)
    {
        if (b == '\\')
        {
            text.append("\\\\");
        }
        else if (b >= 0x20 && b < 0x7F)
        {
            text.append((char)b);
        }
        else
        {
            text.append("\\x").append(HEX[b >>> 4]).append(HEX[b & 0xF]);
        }
    }
}

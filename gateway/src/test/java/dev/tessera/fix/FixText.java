package dev.tessera.fix;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/** Test helpers: FIX messages written with '|' for SOH, as people write them. */
final class FixText
{
    static final char SOH = '\u0001';

    private FixText()
    {
    }

    /** The bytes of a message written with '|' for SOH. */
    static UnsafeBuffer buffer(final String pipes)
    {
        return new UnsafeBuffer(bytes(pipes));
    }

    static byte[] bytes(final String pipes)
    {
        return soh(pipes).getBytes(StandardCharsets.US_ASCII);
    }

    static String soh(final String pipes)
    {
        return pipes.replace('|', SOH);
    }

    static String pipes(final String soh)
    {
        return soh.replace(SOH, '|');
    }

    /** The bytes as text, SOH shown as '|'. */
    static String pipes(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return pipes(new String(bytes, StandardCharsets.US_ASCII));
    }

    static String ascii(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** A whole FIX 4.4 message around a body written with '|' ("35=0|49=A|..."), BodyLength and CheckSum computed plainly. */
    static String message(final String bodyPipes)
    {
        final String body = soh(bodyPipes);
        final String head = soh("8=FIX.4.4|9=") + body.length() + SOH + body;
        int sum = 0;
        for (int i = 0; i < head.length(); i++)
        {
            sum += head.charAt(i);
        }
        return pipes(head) + String.format("10=%03d|", sum % 256);
    }

    /** The same message with its CheckSum made right for its bytes (after a test broke something else). */
    static String withCheckSumFixed(final String pipes)
    {
        final String soh = soh(pipes);
        final int end = soh.lastIndexOf(SOH + "10=") + 1;
        int sum = 0;
        for (int i = 0; i < end; i++)
        {
            sum += soh.charAt(i);
        }
        return pipes.substring(0, end) + String.format("10=%03d|", sum % 256);
    }

    /** CheckSum the plain way, for comparison: the sum of the characters before "10=", mod 256. */
    static int checkSumOf(final String soh)
    {
        final int end = soh.lastIndexOf(SOH + "10=") + 1;
        int sum = 0;
        for (int i = 0; i < end; i++)
        {
            sum += soh.charAt(i);
        }
        return sum % 256;
    }

    /** BodyLength the plain way: from after the BodyLength field to the SOH before "10=", inclusive. */
    static int bodyLengthOf(final String soh)
    {
        final int bodyStart = soh.indexOf(SOH, soh.indexOf(SOH + "9=") + 1) + 1;
        return soh.lastIndexOf(SOH + "10=") + 1 - bodyStart;
    }
}

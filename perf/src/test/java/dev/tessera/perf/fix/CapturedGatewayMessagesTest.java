package dev.tessera.perf.fix;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages the real gateway sent (captured on 2026-11-22 from {@code TesseraMain} with the benchmark's
 * configuration: Logon, then NewOrderSingle ClOrdID 1 buy 100 AAPL at 189.95, then a cancel of it as
 * ClOrdID 2), read with the load generator's parser: what the benchmark relies on, checked against
 * what the server actually writes rather than against our own idea of it.
 */
class CapturedGatewayMessagesTest
{
    private final FixView view = new FixView();

    @Test
    void shouldReadTheGatewaysLogonAnswer()
    {
        final ByteBuffer buffer = wrapWhole("gateway-logon.fix");

        assertThat(view.msgType()).isEqualTo('A');
        assertThat(view.string(49)).isEqualTo("TESSERA");
        assertThat(view.string(56)).isEqualTo("LOAD001");
        assertThat(view.longValue(34)).isEqualTo(1);
        assertThat(view.charValue(141)).isEqualTo('Y');
        assertThat(buffer.position()).isEqualTo(view.toString().length());
    }

    @Test
    void shouldReadTheGatewaysExecutionReportNew()
    {
        wrapWhole("gateway-execution-report-new.fix");

        assertThat(view.msgType()).isEqualTo('8');
        assertThat(view.longValue(34)).isEqualTo(2);
        assertThat(view.longValue(11)).isEqualTo(1);
        assertThat(view.charValue(150)).isEqualTo('0');
        assertThat(view.charValue(39)).isEqualTo('0');
        assertThat(view.string(55)).isEqualTo("AAPL");
        assertThat(view.charValue(54)).isEqualTo(OrderFlow.BUY);
        assertThat(view.longValue(151)).isEqualTo(100);
        assertThat(view.string(44)).isEqualTo("189.95");
    }

    @Test
    void shouldReadTheGatewaysExecutionReportCanceledWithBothClOrdIds()
    {
        wrapWhole("gateway-execution-report-canceled.fix");

        assertThat(view.msgType()).isEqualTo('8');
        assertThat(view.longValue(34)).isEqualTo(3);
        assertThat(view.longValue(11)).isEqualTo(2);
        assertThat(view.longValue(41)).isEqualTo(1);
        assertThat(view.charValue(150)).isEqualTo('4');
        assertThat(view.longValue(151)).isZero();
    }

    @Test
    void shouldFrameTheCapturedStreamHoweverTheReadsSplitIt()
    {
        final byte[] stream = concat(bytes("gateway-logon.fix"), bytes("gateway-execution-report-new.fix"),
            bytes("gateway-execution-report-canceled.fix"));
        for (int split = 0; split <= stream.length; split++)
        {
            final ByteBuffer buffer = ByteBuffer.allocate(stream.length);
            buffer.put(stream, 0, split);
            int position = 0;
            int messages = 0;
            int length;
            while ((length = FixView.frame(buffer, position, buffer.position())) > 0)
            {
                assertThat(view.wrap(buffer, position, length)).isTrue();
                position += length;
                messages++;
            }
            assertThat(length).isEqualTo(FixView.INCOMPLETE);
            buffer.put(stream, split, stream.length - split);
            while ((length = FixView.frame(buffer, position, buffer.position())) > 0)
            {
                assertThat(view.wrap(buffer, position, length)).isTrue();
                assertThat(view.longValue(34)).isEqualTo(messages + 1);
                position += length;
                messages++;
            }
            assertThat(messages).as("split at %d", split).isEqualTo(3);
            assertThat(position).isEqualTo(stream.length);
        }
    }

    private ByteBuffer wrapWhole(final String name)
    {
        final byte[] message = bytes(name);
        final ByteBuffer buffer = ByteBuffer.allocate(message.length);
        buffer.put(message);
        assertThat(FixView.frame(buffer, 0, buffer.position())).isEqualTo(message.length);
        assertThat(view.wrap(buffer, 0, message.length)).as("checksum and syntax of %s", name).isTrue();
        return buffer;
    }

    private static byte[] bytes(final String name)
    {
        try (InputStream in = CapturedGatewayMessagesTest.class.getResourceAsStream(name))
        {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static byte[] concat(final byte[]... parts)
    {
        int length = 0;
        for (final byte[] part : parts)
        {
            length += part.length;
        }
        final byte[] all = new byte[length];
        int offset = 0;
        for (final byte[] part : parts)
        {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }
}

package dev.tessera.perf.fix;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class FixViewTest
{
    private static final String EXECUTION_REPORT = FixText.message("35=8", "49=TESSERA", "56=LOAD001", "34=5",
        "52=20261122-08:30:00.123", "37=17", "11=42", "17=9", "150=0", "39=0", "55=AAPL", "54=1", "38=100", "44=189.95",
        "151=100", "14=0", "6=0", "60=20261122-08:30:00.123");

    private final FixView view = new FixView();

    @Test
    void shouldFrameOnlyOnceTheWholeMessageHasArrived()
    {
        final byte[] bytes = EXECUTION_REPORT.getBytes(StandardCharsets.US_ASCII);
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);

        for (int limit = 0; limit < bytes.length; limit++)
        {
            assertThat(FixView.frame(buffer, 0, limit)).as("first %d bytes", limit).isEqualTo(FixView.INCOMPLETE);
        }
        assertThat(FixView.frame(buffer, 0, bytes.length)).isEqualTo(bytes.length);
    }

    @Test
    void shouldFrameBackToBackMessagesOneAtATime()
    {
        final String second = FixText.message("35=0", "49=TESSERA", "56=LOAD001", "34=6", "52=20261122-08:30:01.000");
        final ByteBuffer buffer = FixText.buffer(EXECUTION_REPORT + second);

        final int first = FixView.frame(buffer, 0, buffer.position());

        assertThat(first).isEqualTo(EXECUTION_REPORT.length());
        assertThat(FixView.frame(buffer, first, buffer.position())).isEqualTo(second.length());
        assertThat(view.wrap(buffer, first, second.length())).isTrue();
        assertThat(view.msgType()).isEqualTo('0');
        assertThat(view.longValue(34)).isEqualTo(6);
    }

    @Test
    void shouldReadTheFieldsOfAnExecutionReport()
    {
        final ByteBuffer buffer = FixText.buffer(EXECUTION_REPORT);

        assertThat(view.wrap(buffer, 0, FixView.frame(buffer, 0, buffer.position()))).isTrue();

        assertThat(view.msgType()).isEqualTo('8');
        assertThat(view.longValue(11)).isEqualTo(42);
        assertThat(view.charValue(150)).isEqualTo('0');
        assertThat(view.string(55)).isEqualTo("AAPL");
        assertThat(view.string(44)).isEqualTo("189.95");
        assertThat(view.longValue(44)).as("not an integer").isEqualTo(FixView.MISSING);
        assertThat(view.has(58)).isFalse();
        assertThat(view.longValue(58)).isEqualTo(FixView.MISSING);
        assertThat(view.fieldCount()).isEqualTo(21);
        assertThat(view.tagAt(0)).isEqualTo(8);
        assertThat(view.toString()).isEqualTo(FixText.bars(EXECUTION_REPORT));
    }

    @Test
    void shouldReadTwoCharacterMsgTypes()
    {
        final ByteBuffer buffer = FixText.buffer(FixText.message("35=AE", "49=TESSERA", "56=LOAD001", "34=1", "52=20261122-08:30:00.000"));

        assertThat(view.wrap(buffer, 0, buffer.position())).isTrue();
        assertThat(view.msgType()).isEqualTo('A' << 8 | 'E');
    }

    @Test
    void shouldRefuseAWrongCheckSum()
    {
        final String corrupted = EXECUTION_REPORT.replace("11=42", "11=43");
        final ByteBuffer buffer = FixText.buffer(corrupted);

        assertThat(FixView.frame(buffer, 0, buffer.position())).isEqualTo(corrupted.length());
        assertThat(view.wrap(buffer, 0, corrupted.length())).isFalse();
    }

    @Test
    void shouldCallOtherProtocolsAndBrokenHeadersMalformed()
    {
        assertThat(FixView.frame(FixText.buffer("8=FIX.4.2\u00019=5\u0001"), 0, 16)).isEqualTo(FixView.MALFORMED);
        assertThat(FixView.frame(FixText.buffer("8=FIX.4.4\u00019=x\u0001"), 0, 16)).isEqualTo(FixView.MALFORMED);
        assertThat(FixView.frame(FixText.buffer("8=FIX.4.4\u00019=\u0001"), 0, 15)).isEqualTo(FixView.MALFORMED);
        final String wrongLength = EXECUTION_REPORT.replaceFirst("9=\\d+", "9=20");
        assertThat(FixView.frame(FixText.buffer(wrongLength), 0, wrongLength.length())).isEqualTo(FixView.MALFORMED);
    }

    @Test
    void shouldParseWhatTheWriterWrites()
    {
        final FixWriter writer = new FixWriter("LOAD002", "TESSERA");
        final ByteBuffer buffer = ByteBuffer.allocate(FixWriter.maxMessageBytes());
        writer.orderCancelRequest(buffer, 9, 1_700_000_000_123L, 123_456_789_012_345_678L, 7, "MSFT", '2', 55);

        final int length = FixView.frame(buffer, 0, buffer.position());

        assertThat(length).isEqualTo(buffer.position());
        assertThat(view.wrap(buffer, 0, length)).isTrue();
        assertThat(view.msgType()).isEqualTo('F');
        assertThat(view.longValue(11)).isEqualTo(123_456_789_012_345_678L);
        assertThat(view.longValue(41)).isEqualTo(7);
        assertThat(view.string(49)).isEqualTo("LOAD002");
        assertThat(view.longValue(38)).isEqualTo(55);
    }
}

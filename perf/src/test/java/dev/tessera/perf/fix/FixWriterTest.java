package dev.tessera.perf.fix;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FixWriterTest
{
    private static final long MILLIS = Instant.parse("2026-11-22T08:30:00.123Z").toEpochMilli();
    private static final String TIME = "20261122-08:30:00.123";

    private final FixWriter writer = new FixWriter("LOAD001", "TESSERA");
    private final ByteBuffer out = ByteBuffer.allocate(FixWriter.maxMessageBytes() * 4);

    @Test
    void shouldWriteNewOrderSingleExactlyAsTheReferenceEncoding()
    {
        writer.newOrderSingle(out, 7, MILLIS, 42, "AAPL", '1', 100, 18995, 2, '1');

        assertThat(FixText.written(out)).isEqualTo(FixText.bars(FixText.message("35=D", "49=LOAD001", "56=TESSERA", "34=7",
            "52=" + TIME, "11=42", "55=AAPL", "54=1", "38=100", "40=2", "44=189.95", "59=1", "60=" + TIME)));
    }

    @Test
    void shouldWriteOrderCancelRequestWithOrigClOrdId()
    {
        writer.orderCancelRequest(out, 123456, MILLIS, 99, 42, "AAPL", '2', 7);

        assertThat(FixText.written(out)).isEqualTo(FixText.bars(FixText.message("35=F", "49=LOAD001", "56=TESSERA", "34=123456",
            "52=" + TIME, "41=42", "11=99", "55=AAPL", "54=2", "38=7", "60=" + TIME)));
    }

    @Test
    void shouldWriteLogonWithResetAndPassword()
    {
        writer.logon(out, 1, MILLIS, 30, "load-secret-1");

        assertThat(FixText.written(out)).isEqualTo(FixText.bars(FixText.message("35=A", "49=LOAD001", "56=TESSERA", "34=1",
            "52=" + TIME, "98=0", "108=30", "141=Y", "554=load-secret-1")));
    }

    @Test
    void shouldWriteHeartbeatAnsweringTestRequest()
    {
        writer.heartbeat(out, 3, MILLIS, "TEST-1");
        writer.logout(out, 4, MILLIS);

        assertThat(FixText.written(out)).isEqualTo(FixText.bars(
            FixText.message("35=0", "49=LOAD001", "56=TESSERA", "34=3", "52=" + TIME, "112=TEST-1") +
            FixText.message("35=5", "49=LOAD001", "56=TESSERA", "34=4", "52=" + TIME)));
    }

    @Test
    void shouldWritePricesWithEveryDecimalPlace()
    {
        writer.newOrderSingle(out, 1, MILLIS, 1, "X", '1', 1, 5, 2, '0');
        writer.newOrderSingle(out, 2, MILLIS, 2, "X", '1', 1, 19000, 2, '0');
        writer.newOrderSingle(out, 3, MILLIS, 3, "X", '1', 1, 123, 0, '0');
        writer.newOrderSingle(out, 4, MILLIS, 4, "X", '1', 1, 1_000_001, 4, '0');

        assertThat(FixText.written(out)).contains("|44=0.05|", "|44=190.00|", "|44=123|", "|44=100.0001|");
    }

    @Test
    void shouldFormatTimestampsAcrossSecondAndDayBoundaries()
    {
        final UtcTimestampFormatter formatter = new UtcTimestampFormatter();
        final byte[] text = new byte[UtcTimestampFormatter.LENGTH];

        formatter.format(Instant.parse("2026-11-22T23:59:59.999Z").toEpochMilli(), text, 0);
        assertThat(new String(text)).isEqualTo("20261122-23:59:59.999");
        formatter.format(Instant.parse("2026-11-23T00:00:00.007Z").toEpochMilli(), text, 0);
        assertThat(new String(text)).isEqualTo("20261123-00:00:00.007");
    }
}

package dev.tessera.journal.tools;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.codec.MessageHeaderDecoder;
import dev.tessera.engine.codec.NewOrderDecoder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandFormatterTest
{
    private static final InstrumentConfig ES =
        new InstrumentConfig("ES", 10, 2, 25, 1, 1, 1_000, 500_000, 0, SelfTradePrevention.NONE);

    private final CommandEncoder encoder = new CommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
    private final CommandFormatter formatter = new CommandFormatter(List.of(ES));

    @Test
    void shouldShowANewOrderWithItsPriceInTheInstrumentsDecimals()
    {
        final int limit = encoder.newOrder(buffer, 0, 1, 0, 7, 10, 70, Side.SELL, OrderType.LIMIT, TimeInForce.DAY,
            true, 500_025, 3);
        assertThat(formatter.format(buffer, 0, limit)).isEqualTo("NEW-ORDER  ES SELL 3 @ 5000.25 DAY POST-ONLY  owner 7 clOrd 70");

        final int market = encoder.newOrder(buffer, 0, 2, 0, 7, 99, 71, Side.BUY, OrderType.MARKET, TimeInForce.IOC,
            false, 0, 5);
        assertThat(formatter.format(buffer, 0, market)).isEqualTo("NEW-ORDER  #99 BUY 5 MARKET IOC  owner 7 clOrd 71");
    }

    @Test
    void shouldShowValuesTheEngineWouldRejectRawRatherThanFail()
    {
        final int length = encoder.newOrder(buffer, 0, 1, 0, 7, 10, 70, Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
            false, 500_000, 1);
        final int body = MessageHeaderDecoder.ENCODED_LENGTH;
        buffer.putByte(body + NewOrderDecoder.sideEncodingOffset(), (byte)9);
        buffer.putByte(body + NewOrderDecoder.timeInForceEncodingOffset(), (byte)2);

        assertThat(formatter.format(buffer, 0, length)).isEqualTo("NEW-ORDER  ES side=9 1 @ 5000.00 timeInForce=2  owner 7 clOrd 70");
    }

    @Test
    void shouldShowCancelReplaceAndMassCancelTargets()
    {
        final int cancel = encoder.cancelOrder(buffer, 0, 1, 0, 7, 0, 70, 72);
        assertThat(formatter.format(buffer, 0, cancel)).isEqualTo("CANCEL     origClOrd 70  owner 7 clOrd 72");

        final int replace = encoder.replaceOrder(buffer, 0, 2, 0, 7, 12, 0, 73, 500_050, CommandEncoder.UNCHANGED);
        assertThat(formatter.format(buffer, 0, replace, 10)).isEqualTo("REPLACE    order 12  price 5000.50 qty unchanged  owner 7 clOrd 73");
        assertThat(formatter.format(buffer, 0, replace))
            .as("no instrument known: the raw fixed-point price").contains("price 500050 (fixed point)");

        final int massCancel = encoder.massCancel(buffer, 0, 3, 0, 7, 74, 10);
        assertThat(formatter.format(buffer, 0, massCancel)).isEqualTo("MASS-CANCEL ES  owner 7 clOrd 74");
        // QA 95: the gateway's own, which no client's ClOrdID maps to, looked like a client's mass cancel.
        final int onDisconnect = encoder.massCancel(buffer, 0, 4, 0, 7, 0, 0);
        assertThat(formatter.format(buffer, 0, onDisconnect))
            .isEqualTo("MASS-CANCEL all instruments  owner 7 clOrd 0 (cancel on disconnect)");
    }

    @Test
    void shouldShowAnEndOfDayAndItsInstrumentFilter()
    {
        final int all = encoder.endOfDay(buffer, 0, 1, 0, 0);
        assertThat(formatter.format(buffer, 0, all)).isEqualTo("END-OF-DAY all instruments");

        final int one = encoder.endOfDay(buffer, 0, 2, 0, 10);
        assertThat(formatter.format(buffer, 0, one)).isEqualTo("END-OF-DAY ES");
    }

    @Test
    void shouldSayWhenBytesAreNotACommand()
    {
        buffer.setMemory(0, 32, (byte)0);

        assertThat(formatter.format(buffer, 0, 32))
            .isEqualTo("UNKNOWN    32 bytes that are not an engine command (schema 0, template 0)");
        assertThat(formatter.format(buffer, 0, 3)).isEqualTo("UNKNOWN    3 bytes that are not an engine command");
    }
}

package dev.tessera.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The venue's client order id rule, and that every id it takes comes back as the text the client sent. */
class ClientOrderIdsTest
{
    @ParameterizedTest
    @ValueSource(strings = {"1", "42", "999999999999999999", "A", "buy-1", "zzzzzzzzzz", "0", "0001", "a/b+c#d@e*", "!"})
    void shouldGiveBackTheTextAClientSent(final String clOrdId)
    {
        final long id = ClientOrderIds.encode(clOrdId);

        assertThat(id).isPositive();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[32]);
        assertThat(buffer.getStringWithoutLengthAscii(0, ClientOrderIds.decode(id, buffer, 0))).isEqualTo(clOrdId);
        assertThat(ClientOrderIds.text(id)).isEqualTo(clOrdId);
    }

    @Test
    void shouldKeepDigitsAsTheirValueSoNumericIdsReadTheSameEverywhere()
    {
        assertThat(ClientOrderIds.encode("123456")).isEqualTo(123456);
        assertThat(ClientOrderIds.text(123456)).isEqualTo("123456");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1234567890123456789", "ABCDEFGHIJK", "a b", "é", "x;y"})
    void shouldRefuseWhatDoesNotFitRatherThanTruncateOrHash(final String clOrdId)
    {
        assertThat(ClientOrderIds.encode(clOrdId)).isEqualTo(ClientOrderIds.INVALID);
    }

    @Test
    void shouldShowAnIdNoTextMakesAsItsNumber()
    {
        assertThat(ClientOrderIds.text(0)).isEqualTo("0");
        assertThat(ClientOrderIds.text(-5)).isEqualTo("-5");
        assertThat(ClientOrderIds.text(1L << 62)).as("the packed tag with no symbol").isEqualTo(Long.toString(1L << 62));
    }
}

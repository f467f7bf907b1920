package dev.tessera.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrecheckedBufferTest
{
    private static final int CAPACITY = 64;

    @Test
    void shouldSeeARegionOfAHeapBufferAtIndexZero()
    {
        shouldSeeARegionAtIndexZero(new UnsafeBuffer(new byte[CAPACITY]));
    }

    @Test
    void shouldSeeARegionOfADirectBufferAtIndexZero()
    {
        shouldSeeARegionAtIndexZero(new UnsafeBuffer(ByteBuffer.allocateDirect(CAPACITY)));
    }

    private static void shouldSeeARegionAtIndexZero(final UnsafeBuffer source)
    {
        source.putLong(16, 0x1122334455667788L, ByteOrder.LITTLE_ENDIAN);
        source.putInt(24, -7, ByteOrder.BIG_ENDIAN);
        source.putShort(28, (short)513, ByteOrder.LITTLE_ENDIAN);
        source.putByte(30, (byte)-3);
        final PrecheckedBuffer region = new PrecheckedBuffer();

        assertThat(region.wrapRegion(source, 16, 16)).isTrue();
        assertThat(region.capacity()).isEqualTo(16);
        assertThat(region.getLong(0, ByteOrder.LITTLE_ENDIAN)).isEqualTo(0x1122334455667788L);
        assertThat(region.getLong(0, ByteOrder.BIG_ENDIAN)).isEqualTo(0x8877665544332211L);
        assertThat(region.getInt(8, ByteOrder.BIG_ENDIAN)).isEqualTo(-7);
        assertThat(region.getShort(12, ByteOrder.LITTLE_ENDIAN)).isEqualTo((short)513);
        assertThat(region.getByte(14)).isEqualTo((byte)-3);

        region.putLong(0, 42L, ByteOrder.BIG_ENDIAN);
        assertThat(source.getLong(16, ByteOrder.BIG_ENDIAN)).as("writes land in the source").isEqualTo(42L);
    }

    @Test
    void shouldRefuseARegionOutsideItsSource()
    {
        final UnsafeBuffer source = new UnsafeBuffer(new byte[CAPACITY]);
        final PrecheckedBuffer region = new PrecheckedBuffer();

        assertThat(region.wrapRegion(source, 0, CAPACITY)).isTrue();
        assertThat(region.wrapRegion(source, CAPACITY - 8, 9)).isFalse();
        assertThat(region.wrapRegion(source, -1, 8)).isFalse();
        assertThat(region.wrapRegion(source, 8, -1)).isFalse();
        assertThat(region.wrapRegion(source, Integer.MAX_VALUE, Integer.MAX_VALUE)).as("no int overflow").isFalse();
        assertThatThrownBy(() -> region.wrap(source, CAPACITY, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> region.wrap(new byte[8], 4, 8)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /**
     * {@code MatchingEngine.onCommand} requires a command's block to be at least its template's block
     * length, then reads every field unchecked. That is right while every command field is in version 1:
     * a field added later (sinceVersion) would need the acting version's block length instead, or an
     * older command would be refused. This fails when the schema gets such a field, to say so.
     */
    @Test
    void shouldHaveOnlyFirstVersionFieldsInCommandsWhoseBlockLengthTheEngineChecks() throws Exception
    {
        for (final Class<?> decoder : new Class<?>[]{
            dev.tessera.engine.codec.NewOrderDecoder.class, dev.tessera.engine.codec.CancelOrderDecoder.class,
            dev.tessera.engine.codec.ReplaceOrderDecoder.class, dev.tessera.engine.codec.MassCancelDecoder.class,
            dev.tessera.engine.codec.EndOfDayDecoder.class})
        {
            int fields = 0;
            for (final java.lang.reflect.Method method : decoder.getMethods())
            {
                if (method.getName().endsWith("SinceVersion") && method.getParameterCount() == 0)
                {
                    fields++;
                    assertThat((int)method.invoke(null))
                        .as("%s.%s: give MatchingEngine.templateBlockLength the acting version's block length",
                            decoder.getSimpleName(), method.getName())
                        .isZero();
                }
            }
            assertThat(fields).as(decoder.getSimpleName()).isPositive();
        }
    }
}

package dev.tessera.fix;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

class UtcTimestampTest
{
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSSSSSSSS").withZone(ZoneOffset.UTC);
    private static final long FIRST_PARSEABLE = nanos(Instant.parse("1678-01-01T00:00:00Z"));
    private static final long LAST_PARSEABLE = nanos(Instant.parse("2261-12-31T23:59:59.999999999Z"));

    @Property(tries = 3000)
    void shouldFormatAsJavaTimeDoesForAnyInstant(@ForAll final long epochNanos)
    {
        final Instant instant = Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
        assertThat(format(epochNanos, UtcTimestamp.MILLIS)).isEqualTo(MILLIS.format(instant));
        assertThat(format(epochNanos, UtcTimestamp.SECONDS)).isEqualTo(SECONDS.format(instant));
        assertThat(format(epochNanos, UtcTimestamp.MICROS)).isEqualTo(MICROS.format(instant));
        assertThat(format(epochNanos, UtcTimestamp.NANOS)).isEqualTo(NANOS.format(instant));
    }

    @Property(tries = 2000)
    void shouldFormatInstantsOfTheTwentiethAndTwentyFirstCenturies(
        @ForAll @LongRange(min = -2_208_988_800_000_000_000L, max = 4_102_444_800_000_000_000L) final long epochNanos)
    {
        final Instant instant = Instant.EPOCH.plusNanos(epochNanos);
        assertThat(format(epochNanos, UtcTimestamp.MILLIS)).isEqualTo(MILLIS.format(instant));
    }

    @Property(tries = 3000)
    void shouldParseWhatItFormats(
        @ForAll @LongRange(min = -9_214_560_000_000_000_000L, max = 9_214_646_399_999_999_999L) final long epochNanos,
        @ForAll @IntRange(min = 0, max = 3) final int precision)
    {
        final int fractionDigits = precision * 3;
        final long unit = (long)Math.pow(10, 9 - fractionDigits);
        final String text = format(epochNanos, fractionDigits);
        assertThat(text).hasSize(UtcTimestamp.length(fractionDigits));
        assertThat(parse(text)).as(text).isEqualTo(Math.floorDiv(epochNanos, unit) * unit);
    }

    @Property(tries = 2000)
    void shouldParseAsJavaTimeDoes(@ForAll @LongRange(min = -9_214_560_000_000L, max = 9_214_646_399_999L) final long epochMillis)
    {
        final Instant instant = Instant.ofEpochMilli(epochMillis);
        assertThat(parse(MILLIS.format(instant))).isEqualTo(nanos(instant));
    }

    @Test
    void shouldParseTheFirstAndLastInstantsOfItsRange()
    {
        assertThat(parse("16780101-00:00:00")).isEqualTo(FIRST_PARSEABLE);
        assertThat(parse("22611231-23:59:59.999999999")).isEqualTo(LAST_PARSEABLE);
        assertThat(parse("16771231-23:59:59")).isEqualTo(UtcTimestamp.INVALID);
        assertThat(parse("22620101-00:00:00")).isEqualTo(UtcTimestamp.INVALID);
    }

    @Test
    void shouldAcceptLeapDaysAndALeapSecond()
    {
        assertThat(parse("20240229-12:00:00")).isEqualTo(nanos(Instant.parse("2024-02-29T12:00:00Z")));
        assertThat(parse("20000229-12:00:00")).isEqualTo(nanos(Instant.parse("2000-02-29T12:00:00Z")));
        assertThat(parse("20161231-23:59:60")).isEqualTo(nanos(Instant.parse("2017-01-01T00:00:00Z")));
    }

    /** FIX after 4.4 (and QuickFIX/J, which reads them) allows picoseconds: truncated to the nanosecond. */
    @Test
    void shouldParsePicosecondsTruncatedToNanoseconds()
    {
        assertThat(parse("20261123-10:00:00.123456789999"))
            .isEqualTo(nanos(Instant.parse("2026-11-23T10:00:00.123456789Z")));
        assertThat(parse("20261123-10:00:00.000000000001")).isEqualTo(nanos(Instant.parse("2026-11-23T10:00:00Z")));
        assertThat(parse("20261123-10:00:00.12345678999x")).isEqualTo(UtcTimestamp.INVALID);
        assertThat(parse("20261123-10:00:00.1234567899999")).as("13 digits").isEqualTo(UtcTimestamp.INVALID);
        assertThat(parse("20261123-10:00:00.12345678901")).as("11 digits").isEqualTo(UtcTimestamp.INVALID);
    }

    @Test
    void shouldTruncateTowardsTheEarlierInstant()
    {
        assertThat(format(-1, UtcTimestamp.MILLIS)).isEqualTo("19691231-23:59:59.999");
        assertThat(format(1_999_999, UtcTimestamp.MILLIS)).isEqualTo("19700101-00:00:00.001");
        assertThat(format(nanos(Instant.parse("2026-05-10T12:34:56.789123456Z")), UtcTimestamp.MILLIS))
            .isEqualTo("20260510-12:34:56.789");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "2026", "20260510-12:34", "20260510-12:34:5", "20260510 12:34:56", "20260510-12.34:56", "20260510-12:34-56",
        "20260510-12:34:56.7", "20260510-12:34:56.78", "20260510-12:34:56.7890", "20260510-12:34:56,789",
        "20260510-12:34:56.78x", "2026051a-12:34:56", "20261310-12:34:56", "20260010-12:34:56", "20260500-12:34:56",
        "20260230-12:34:56", "21000229-12:00:00", "20260431-00:00:00", "20260510-24:00:00", "20260510-12:60:00",
        "20260510-12:34:61", "-2026051-12:34:56", "20260510-12:34:56.-12", "20261123-25:00:00", "2026-11-23T10:00:00",
        "20261123-10:00", "20261123-10:00:00Z", "20261123-10:00:00.123Z", " 20261123-10:00:00", "20261123-10:00:00.123 ",
    })
    void shouldRefuseWhatIsNotAUtcTimestamp(final String text)
    {
        assertThat(parse(text)).as(text).isEqualTo(UtcTimestamp.INVALID);
    }

    private static String format(final long epochNanos, final int fractionDigits)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[32]);
        final int length = UtcTimestamp.put(buffer, 3, epochNanos, fractionDigits);
        return FixText.ascii(buffer, 3, length);
    }

    private static long parse(final String text)
    {
        return UtcTimestamp.parse(new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII)), 0, text.length());
    }

    private static long nanos(final Instant instant)
    {
        return ChronoUnit.NANOS.between(Instant.EPOCH, instant);
    }
}

package dev.tessera.journal.tools;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordPointTest
{
    private static final long SIX_O_CLOCK = Instant.parse("2026-11-22T06:00:00Z").getEpochSecond() * 1_000_000_000L;

    @Test
    void shouldReadAHexNumberAsAChronicleIndex()
    {
        final RecordPoint point = RecordPoint.parse("0x4e9c00000011");

        assertThat(point.kind()).isEqualTo(RecordPoint.Kind.INDEX);
        assertThat(point.value()).isEqualTo(0x4e9c00000011L);
        assertThat(point).hasToString("index 0x4e9c00000011");
    }

    @Test
    void shouldReadADecimalNumberAsARecordNumber()
    {
        final RecordPoint point = RecordPoint.parse("17");

        assertThat(point.kind()).isEqualTo(RecordPoint.Kind.RECORD);
        assertThat(point.value()).isEqualTo(17);
    }

    @Test
    void shouldReadAnInstantOrEpochNanosecondsAsATime()
    {
        assertThat(RecordPoint.parse("2026-11-22T06:00:00Z").value()).isEqualTo(SIX_O_CLOCK);
        assertThat(RecordPoint.parse("2026-11-22T07:00:00.000000001+01:00").value()).isEqualTo(SIX_O_CLOCK + 1);
        assertThat(RecordPoint.parse(SIX_O_CLOCK + "ns").kind()).isEqualTo(RecordPoint.Kind.TIME);
        assertThat(RecordPoint.parse(SIX_O_CLOCK + "ns")).hasToString("2026-11-22T06:00:00.000000000Z");
    }

    @Test
    void shouldNameTheAcceptedFormsForAnythingElse()
    {
        assertThatThrownBy(() -> RecordPoint.parse("yesterday"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("expected a Chronicle index (0x...), a record number, an ISO-8601 instant");
        assertThatThrownBy(() -> RecordPoint.parse("0")).hasMessageContaining("record numbers start at 1");
        assertThatThrownBy(() -> RecordPoint.parse("0xzz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordPoint.parse("2026-13-22T06:00:00Z")).hasMessageContaining("not an ISO-8601 instant");
    }

    @Test
    void shouldFormatTimesWithAllNineDecimalsInUtc()
    {
        assertThat(JournalTime.format(SIX_O_CLOCK + 1_234)).isEqualTo("2026-11-22T06:00:00.000001234Z");
        assertThat(JournalTime.format(-1)).isEqualTo("1969-12-31T23:59:59.999999999Z");
        assertThat(JournalTime.formatDuration(3_723_250_000_000L)).isEqualTo("1h 02m 03.250s");
        assertThat(JournalTime.formatDuration(1_500_000_000L)).isEqualTo("1.500s");
    }
}

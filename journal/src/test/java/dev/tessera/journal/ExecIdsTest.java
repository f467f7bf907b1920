package dev.tessera.journal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExecIdsTest
{
    /** README "ExecID(17)": {@code 17=4101} is event 1025's report, {@code 17=1-4101} the same in generation 1. */
    @Test
    void shouldNumberAReportFourTimesItsEventSequencePlusItsRoleAfterItsGenerationFromGenerationOneOn()
    {
        assertThat(ExecIds.number(1025, ExecIds.ROLE_REPORT)).isEqualTo(4101);
        assertThat(ExecIds.number(1025, ExecIds.ROLE_MAKER)).isEqualTo(4102);
        assertThat(ExecIds.number(1025, ExecIds.ROLE_TAKER)).isEqualTo(4103);

        assertThat(ExecIds.text(0, 1025, ExecIds.ROLE_REPORT)).isEqualTo("4101");
        assertThat(ExecIds.text(1, 1025, ExecIds.ROLE_REPORT)).isEqualTo("1-4101");
        assertThat(ExecIds.text(12, 1L << 40, ExecIds.ROLE_TAKER)).isEqualTo("12-" + ((1L << 42) + 3));
    }
}

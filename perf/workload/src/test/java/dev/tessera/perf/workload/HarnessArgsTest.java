package dev.tessera.perf.workload;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A harness's command line: values and defaults, and one clear line for each kind of mistake. */
class HarnessArgsTest
{
    private enum Wait
    {
        BUSY_SPIN, SLEEPING
    }

    @Test
    void shouldReadValuesFlagsAndDefaults()
    {
        final HarnessArgs options = new HarnessArgs(new String[]{"--ring-size", "65_536", "--smoke", "--wait", "busy-spin"});
        assertThat(options.integer("ring-size", 1)).isEqualTo(65_536);
        assertThat(options.flag("smoke")).isTrue();
        assertThat(options.enums("wait", Wait.class, "SLEEPING")).isEqualTo(List.of(Wait.BUSY_SPIN));
        assertThat(options.decimal("measure", 10)).isEqualTo(10.0);
        assertThat(options.problem()).isNull();
        assertThat(options.usage("Harness")).contains("--ring-size 65_536", "--measure 10.0", "--wait busy-spin");
    }

    @Test
    void shouldNameAnUnknownOption()
    {
        final HarnessArgs options = new HarnessArgs(new String[]{"--ring-sise", "8"});
        options.integer("ring-size", 1);
        assertThat(options.problem()).isEqualTo("unknown option --ring-sise");
    }

    @Test
    void shouldNameAValueThatIsNotANumber()
    {
        final HarnessArgs options = new HarnessArgs(new String[]{"--ring-size", "lots", "--measure", "x"});
        assertThat(options.integer("ring-size", 8)).as("the default, until the harness exits").isEqualTo(8);
        options.decimal("measure", 1);
        assertThat(options.problem()).isEqualTo("--ring-size takes a whole number, got lots");
    }

    @Test
    void shouldNameAnUnknownEnumValueWithTheKnownOnes()
    {
        final HarnessArgs options = new HarnessArgs(new String[]{"--wait", "spinning"});
        options.enums("wait", Wait.class, "SLEEPING");
        assertThat(options.problem()).isEqualTo("--wait takes one of busy-spin, sleeping, got spinning");
    }

    @Test
    void shouldTakeHelpAndABareWordApart()
    {
        assertThat(new HarnessArgs(new String[]{"--help"}).problem()).as("help is no option to use").isNull();
        assertThat(new HarnessArgs(new String[]{"-h"}).problem()).isNull();
        assertThat(new HarnessArgs(new String[]{"throughput"}).problem()).isEqualTo("expected --name [value], got throughput");
    }
}

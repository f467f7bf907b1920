package dev.tessera.perf.workload;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

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
    void shouldNameANumberOutOfItsRange()
    {
        assertThat(problem(new String[]{"--sessions", "0"}, options -> options.integer("sessions", 10, 1)))
            .isEqualTo("--sessions takes a whole number >= 1, got 0");
        assertThat(problem(new String[]{"--events", "-5"}, options -> options.longValue("events", 10, 1)))
            .isEqualTo("--events takes a whole number >= 1, got -5");
        assertThat(problem(new String[]{"--measure", "-5"}, options -> options.positive("measure", 10)))
            .isEqualTo("--measure takes a number > 0, got -5");
        assertThat(problem(new String[]{"--measure", "0"}, options -> options.positive("measure", 10)))
            .isEqualTo("--measure takes a number > 0, got 0");
        assertThat(problem(new String[]{"--measure", "NaN"}, options -> options.positive("measure", 10)))
            .isEqualTo("--measure takes a number > 0, got NaN");
        assertThat(problem(new String[]{"--warmup", "-0.5"}, options -> options.decimal("warmup", 10, 0)))
            .isEqualTo("--warmup takes a number >= 0, got -0.5");
        assertThat(problem(new String[]{"--snapshot-at", "1.5"}, options -> options.fraction("snapshot-at", 0.99)))
            .isEqualTo("--snapshot-at takes a number from 0 to 1, got 1.5");
        assertThat(problem(new String[]{"--ring-size", "1000"}, options -> options.powerOfTwo("ring-size", 1024)))
            .isEqualTo("--ring-size takes a power of two from 2 to 2^30, got 1000");
        assertThat(problem(new String[]{"--ring-size", "x"}, options -> options.powerOfTwo("ring-size", 1024)))
            .isEqualTo("--ring-size takes a power of two from 2 to 2^30, got x");
    }

    @Test
    void shouldTakeTheBoundsThemselves()
    {
        final HarnessArgs options = new HarnessArgs(new String[]{"--sessions", "1", "--warmup", "0", "--snapshot-at", "1",
            "--ring-size", "2", "--park", "0"});
        assertThat(options.integer("sessions", 10, 1)).isEqualTo(1);
        assertThat(options.decimal("warmup", 10, 0)).isZero();
        assertThat(options.fraction("snapshot-at", 0.99)).isEqualTo(1.0);
        assertThat(options.powerOfTwo("ring-size", 1024)).isEqualTo(2);
        assertThat(options.integer("park", 5, 0)).isZero();
        assertThat(options.problem()).isNull();
    }

    @Test
    void shouldReadAListOfNumbersAndNameOneThatIsNot()
    {
        final HarnessArgs options = new HarnessArgs(new String[]{"--rates", "10_000, 50000"});
        assertThat(options.longs("rates", "20000", 1)).containsExactly(10_000, 50_000);
        assertThat(options.integers("threads", "1,2", 1)).as("the default").containsExactly(1, 2);
        assertThat(options.problem()).isNull();

        final HarnessArgs abc = new HarnessArgs(new String[]{"--rates", "abc"});
        assertThat(abc.longs("rates", "20000", 1)).as("the default, until the harness exits").containsExactly(20_000);
        assertThat(abc.problem()).isEqualTo("--rates takes a comma-separated list of whole numbers >= 1, got abc");
        assertThat(problem(new String[]{"--threads", "1,0"}, args -> args.integers("threads", "1", 1)))
            .isEqualTo("--threads takes a comma-separated list of whole numbers >= 1, got 1,0");
        assertThat(problem(new String[]{"--windows", "16,"}, args -> args.longs("windows", "64", 1)))
            .isEqualTo("--windows takes a comma-separated list of whole numbers >= 1, got 16,");
        assertThat(problem(new String[]{"--threads", "3000000000"}, args -> args.integers("threads", "1", 1)))
            .isEqualTo("--threads takes a comma-separated list of whole numbers >= 1, got 3000000000");
    }

    @Test
    void shouldTakeTrueOrFalseAndNothingElse()
    {
        final HarnessArgs options = new HarnessArgs(new String[]{"--spin", "--throughput", "FALSE"});
        assertThat(options.flag("spin")).isTrue();
        assertThat(options.bool("throughput", true)).isFalse();
        assertThat(options.flag("smoke")).isFalse();
        assertThat(options.problem()).isNull();
        assertThat(problem(new String[]{"--spin", "yes"}, args -> args.flag("spin")))
            .isEqualTo("--spin takes true or false, got yes");
        assertThat(problem(new String[]{"--fork", "no"}, args -> args.bool("fork", true)))
            .isEqualTo("--fork takes true or false, got no");
    }

    @Test
    void shouldReadOneEnumConstantOrNone()
    {
        final HarnessArgs options = new HarnessArgs(new String[]{"--wait", "busy-spin"});
        assertThat(options.oneOf("wait", Wait.class, Wait.SLEEPING)).isEqualTo(Wait.BUSY_SPIN);
        assertThat(options.optionalOneOf("consumer-wait", Wait.class)).isNull();
        assertThat(options.usage("Harness")).contains("--wait busy-spin", "--consumer-wait  (not set)");
        assertThat(problem(new String[]{"--wait", "busy-spin,sleeping"}, args -> args.oneOf("wait", Wait.class, Wait.SLEEPING)))
            .isEqualTo("--wait takes one of busy-spin, sleeping, got busy-spin,sleeping");
        assertThat(problem(new String[]{"--consumer-wait", "fast"}, args -> args.optionalOneOf("consumer-wait", Wait.class)))
            .isEqualTo("--consumer-wait takes one of busy-spin, sleeping, got fast");
    }

    @Test
    void shouldReportTheFirstMistakeAndOneTheHarnessRefuses()
    {
        final HarnessArgs options = new HarnessArgs(new String[]{"--instrument", "AAPL"});
        options.string("instrument", "");
        options.refuse("--instrument chooses an instrument of --journal DIR");
        options.refuse("a later one");
        assertThat(options.problem()).isEqualTo("--instrument chooses an instrument of --journal DIR");
        assertThat(new HarnessArgs(new String[]{HarnessArgs.CHECK_OPTIONS}).problem()).as("no option to use").isNull();
    }

    private static String problem(final String[] args, final Consumer<HarnessArgs> read)
    {
        final HarnessArgs options = new HarnessArgs(args);
        read.accept(options);
        return options.problem();
    }

    @Test
    void shouldTakeHelpAndABareWordApart()
    {
        assertThat(new HarnessArgs(new String[]{"--help"}).problem()).as("help is no option to use").isNull();
        assertThat(new HarnessArgs(new String[]{"-h"}).problem()).isNull();
        assertThat(new HarnessArgs(new String[]{"throughput"}).problem()).isEqualTo("expected --name [value], got throughput");
    }
}

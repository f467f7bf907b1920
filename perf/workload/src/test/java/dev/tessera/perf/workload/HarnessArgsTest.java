package dev.tessera.perf.workload;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A harness's command line: values and defaults, and one clear line for each kind of mistake. */
class HarnessArgsTest
{
    private static final String ABOUT = "what the option does";

    private enum Wait
    {
        BUSY_SPIN, SLEEPING
    }

    @Test
    void shouldReadValuesFlagsAndDefaults()
    {
        final HarnessArgs options = new HarnessArgs(new String[]{"--ring-size", "65_536", "--smoke", "--wait", "busy-spin"});
        assertThat(options.integer("ring-size", 1, ABOUT)).isEqualTo(65_536);
        assertThat(options.flag("smoke", ABOUT)).isTrue();
        assertThat(options.enums("wait", Wait.class, "SLEEPING", ABOUT)).isEqualTo(List.of(Wait.BUSY_SPIN));
        assertThat(options.decimal("measure", 10, ABOUT)).isEqualTo(10.0);
        assertThat(options.problem()).isNull();
        assertThat(options.usage("Harness")).contains("--ring-size 65_536", "--measure 10.0", "--wait busy-spin");
    }

    /** QA 94 F11: --help says what each option means, not only its name and default. */
    @Test
    void shouldPrintEveryOptionWithItsDescriptionAligned()
    {
        final HarnessArgs options = new HarnessArgs(new String[]{"--help"});
        options.flag("smoke", "a short run");
        options.longs("rates", "10000,100000", 1, "offered rates, commands/s");
        options.optionalOneOf("consumer-wait", Wait.class, "how the consumer waits; not set: as --wait");
        options.string("server-cp", "/a/very/long/class/path/that/is/not/worth/aligning/to.jar", "the gateway's class path");

        final String[] lines = options.usage("Harness").split(System.lineSeparator());

        assertThat(lines).containsExactly(
            "Harness options (with the values this run would use):",
            "  --smoke false              a short run",
            "  --rates 10000,100000       offered rates, commands/s",
            "  --consumer-wait (not set)  how the consumer waits; not set: as --wait (busy-spin, sleeping)",
            "  --server-cp /a/very/long/class/path/that/is/not/worth/aligning/to.jar  the gateway's class path");
    }

    @Test
    void shouldRefuseToReadAnOptionWithoutADescription()
    {
        final HarnessArgs options = new HarnessArgs(new String[0]);

        assertThatThrownBy(() -> options.integer("ring-ops", 8, 1, " ")).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("--ring-ops has no description for --help");
        assertThatThrownBy(() -> options.oneOf("wait", Wait.class, Wait.SLEEPING, null))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("--wait has no description for --help");
    }

    @Test
    void shouldNameAnUnknownOption()
    {
        final HarnessArgs options = new HarnessArgs(new String[]{"--ring-sise", "8"});
        options.integer("ring-size", 1, ABOUT);
        assertThat(options.problem()).isEqualTo("unknown option --ring-sise");
    }

    @Test
    void shouldNameAValueThatIsNotANumber()
    {
        final HarnessArgs options = new HarnessArgs(new String[]{"--ring-size", "lots", "--measure", "x"});
        assertThat(options.integer("ring-size", 8, ABOUT)).as("the default, until the harness exits").isEqualTo(8);
        options.decimal("measure", 1, ABOUT);
        assertThat(options.problem()).isEqualTo("--ring-size takes a whole number, got lots");
    }

    @Test
    void shouldNameAnUnknownEnumValueWithTheKnownOnes()
    {
        final HarnessArgs options = new HarnessArgs(new String[]{"--wait", "spinning"});
        options.enums("wait", Wait.class, "SLEEPING", ABOUT);
        assertThat(options.problem()).isEqualTo("--wait takes one of busy-spin, sleeping, got spinning");
    }

    @Test
    void shouldNameANumberOutOfItsRange()
    {
        assertThat(problem(new String[]{"--sessions", "0"}, options -> options.integer("sessions", 10, 1, ABOUT)))
            .isEqualTo("--sessions takes a whole number >= 1, got 0");
        assertThat(problem(new String[]{"--events", "-5"}, options -> options.longValue("events", 10, 1, ABOUT)))
            .isEqualTo("--events takes a whole number >= 1, got -5");
        assertThat(problem(new String[]{"--measure", "-5"}, options -> options.positive("measure", 10, ABOUT)))
            .isEqualTo("--measure takes a number > 0, got -5");
        assertThat(problem(new String[]{"--measure", "0"}, options -> options.positive("measure", 10, ABOUT)))
            .isEqualTo("--measure takes a number > 0, got 0");
        assertThat(problem(new String[]{"--measure", "NaN"}, options -> options.positive("measure", 10, ABOUT)))
            .isEqualTo("--measure takes a number > 0, got NaN");
        assertThat(problem(new String[]{"--warmup", "-0.5"}, options -> options.decimal("warmup", 10, 0, ABOUT)))
            .isEqualTo("--warmup takes a number >= 0, got -0.5");
        assertThat(problem(new String[]{"--snapshot-at", "1.5"}, options -> options.fraction("snapshot-at", 0.99, ABOUT)))
            .isEqualTo("--snapshot-at takes a number from 0 to 1, got 1.5");
        assertThat(problem(new String[]{"--ring-size", "1000"}, options -> options.powerOfTwo("ring-size", 1024, ABOUT)))
            .isEqualTo("--ring-size takes a power of two from 2 to 2^30, got 1000");
        assertThat(problem(new String[]{"--ring-size", "x"}, options -> options.powerOfTwo("ring-size", 1024, ABOUT)))
            .isEqualTo("--ring-size takes a power of two from 2 to 2^30, got x");
    }

    @Test
    void shouldTakeTheBoundsThemselves()
    {
        final HarnessArgs options = new HarnessArgs(new String[]{"--sessions", "1", "--warmup", "0", "--snapshot-at", "1",
            "--ring-size", "2", "--park", "0"});
        assertThat(options.integer("sessions", 10, 1, ABOUT)).isEqualTo(1);
        assertThat(options.decimal("warmup", 10, 0, ABOUT)).isZero();
        assertThat(options.fraction("snapshot-at", 0.99, ABOUT)).isEqualTo(1.0);
        assertThat(options.powerOfTwo("ring-size", 1024, ABOUT)).isEqualTo(2);
        assertThat(options.integer("park", 5, 0, ABOUT)).isZero();
        assertThat(options.problem()).isNull();
    }

    @Test
    void shouldReadAListOfNumbersAndNameOneThatIsNot()
    {
        final HarnessArgs options = new HarnessArgs(new String[]{"--rates", "10_000, 50000"});
        assertThat(options.longs("rates", "20000", 1, ABOUT)).containsExactly(10_000, 50_000);
        assertThat(options.integers("threads", "1,2", 1, ABOUT)).as("the default").containsExactly(1, 2);
        assertThat(options.problem()).isNull();

        final HarnessArgs abc = new HarnessArgs(new String[]{"--rates", "abc"});
        assertThat(abc.longs("rates", "20000", 1, ABOUT)).as("the default, until the harness exits").containsExactly(20_000);
        assertThat(abc.problem()).isEqualTo("--rates takes a comma-separated list of whole numbers >= 1, got abc");
        assertThat(problem(new String[]{"--threads", "1,0"}, args -> args.integers("threads", "1", 1, ABOUT)))
            .isEqualTo("--threads takes a comma-separated list of whole numbers >= 1, got 1,0");
        assertThat(problem(new String[]{"--windows", "16,"}, args -> args.longs("windows", "64", 1, ABOUT)))
            .isEqualTo("--windows takes a comma-separated list of whole numbers >= 1, got 16,");
        assertThat(problem(new String[]{"--threads", "3000000000"}, args -> args.integers("threads", "1", 1, ABOUT)))
            .isEqualTo("--threads takes a comma-separated list of whole numbers >= 1, got 3000000000");
    }

    /** QA 113 F7: a value option given last read as "true" ("--rates takes a comma-separated list ..., got true"). */
    @Test
    void shouldSayThatAnOptionGivenWithoutItsValueTakesOne()
    {
        final HarnessArgs last = new HarnessArgs(new String[]{"--measure", "5", "--rates"});
        last.positive("measure", 1, ABOUT);
        last.longs("rates", "20000", 1, ABOUT);
        assertThat(last.problem()).isEqualTo("--rates takes a value");

        final HarnessArgs beforeAnother = new HarnessArgs(new String[]{"--hgrm-dir", "--smoke"});
        assertThat(beforeAnother.smoke()).isTrue();
        assertThat(beforeAnother.string("hgrm-dir", "", ABOUT)).isEmpty();
        assertThat(beforeAnother.problem()).isEqualTo("--hgrm-dir takes a value");

        final HarnessArgs flags = new HarnessArgs(new String[]{"--spin", "--throughput"});
        assertThat(flags.flag("spin", ABOUT)).isTrue();
        assertThat(flags.bool("throughput", false, ABOUT)).isTrue();
        assertThat(flags.problem()).isNull();
    }

    @Test
    void shouldTakeTrueOrFalseAndNothingElse()
    {
        final HarnessArgs options = new HarnessArgs(new String[]{"--spin", "--throughput", "FALSE"});
        assertThat(options.flag("spin", ABOUT)).isTrue();
        assertThat(options.bool("throughput", true, ABOUT)).isFalse();
        assertThat(options.flag("smoke", ABOUT)).isFalse();
        assertThat(options.problem()).isNull();
        assertThat(problem(new String[]{"--spin", "yes"}, args -> args.flag("spin", ABOUT)))
            .isEqualTo("--spin takes true or false, got yes");
        assertThat(problem(new String[]{"--fork", "no"}, args -> args.bool("fork", true, ABOUT)))
            .isEqualTo("--fork takes true or false, got no");
    }

    @Test
    void shouldReadOneEnumConstantOrNone()
    {
        final HarnessArgs options = new HarnessArgs(new String[]{"--wait", "busy-spin"});
        assertThat(options.oneOf("wait", Wait.class, Wait.SLEEPING, ABOUT)).isEqualTo(Wait.BUSY_SPIN);
        assertThat(options.optionalOneOf("consumer-wait", Wait.class, ABOUT)).isNull();
        assertThat(options.usage("Harness")).contains("--wait busy-spin", "--consumer-wait (not set)");
        assertThat(problem(new String[]{"--wait", "busy-spin,sleeping"}, args -> args.oneOf("wait", Wait.class, Wait.SLEEPING, ABOUT)))
            .isEqualTo("--wait takes one of busy-spin, sleeping, got busy-spin,sleeping");
        assertThat(problem(new String[]{"--consumer-wait", "fast"}, args -> args.optionalOneOf("consumer-wait", Wait.class, ABOUT)))
            .isEqualTo("--consumer-wait takes one of busy-spin, sleeping, got fast");
    }

    @Test
    void shouldReportTheFirstMistakeAndOneTheHarnessRefuses()
    {
        final HarnessArgs options = new HarnessArgs(new String[]{"--instrument", "AAPL"});
        options.string("instrument", "", ABOUT);
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

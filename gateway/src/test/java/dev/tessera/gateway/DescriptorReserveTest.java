package dev.tessera.gateway;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** QA 125 F5b: connections that never log on took the descriptors the engine needed for its next cycle file. */
class DescriptorReserveTest
{
    @Test
    void shouldKeepAnEighthOfTheLimitBetweenEightAndSixtyFour()
    {
        assertThat(DescriptorReserve.reserveFor(64)).isEqualTo(8);
        assertThat(DescriptorReserve.reserveFor(16)).isEqualTo(8);
        assertThat(DescriptorReserve.reserveFor(256)).isEqualTo(32);
        assertThat(DescriptorReserve.reserveFor(1_048_576)).isEqualTo(64);
    }

    @Test
    void shouldSayShortOnlyOnceFewerThanTheReserveAreLeft()
    {
        final AtomicLong open = new AtomicLong(49);
        final DescriptorReserve reserve = new DescriptorReserve(open::get, 64);

        assertThat(reserve.openWhenShort()).as("15 left").isEqualTo(-1);
        open.set(56);
        assertThat(reserve.openWhenShort()).as("8 left: the reserve itself").isEqualTo(-1);
        open.set(57);
        assertThat(reserve.openWhenShort()).as("7 left").isEqualTo(57);
    }

    @Test
    void shouldRefuseNothingWhereTheDescriptorsCannotBeCounted()
    {
        assertThat(new DescriptorReserve(() -> -1, 64).openWhenShort()).isEqualTo(-1);
        assertThat(new DescriptorReserve(() -> 1_000, -1).openWhenShort()).isEqualTo(-1);
    }

    @Test
    void shouldCountThisProcesssDescriptors()
    {
        final DescriptorReserve reserve = DescriptorReserve.ofThisProcess();
        assertThat(reserve.maxDescriptors()).as("a Unix JVM").isPositive();
        assertThat(reserve.openWhenShort()).as("a test JVM is far from its limit").isEqualTo(-1);
    }
}

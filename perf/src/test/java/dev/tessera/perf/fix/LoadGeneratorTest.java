package dev.tessera.perf.fix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class LoadGeneratorTest
{
    private static final LoadSettings SETTINGS = new LoadSettings("TESSERA", "AAPL", 2, 19_000, 50, 100, 8, 1, 30, false);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void shouldMeasureEveryScheduledRequestFromItsIntendedTimeThroughAStall() throws Exception
    {
        try (FakeGateway gateway = new FakeGateway();
             LoadGenerator load = new LoadGenerator(gateway.address(), logins(4), SETTINGS))
        {
            load.logon(TimeUnit.SECONDS.toNanos(10));
            final long start = System.nanoTime();
            // The gateway stops answering for 100 ms in the middle of the measured window (200 ms .. 1200 ms).
            gateway.stall(start + 600 * MS, start + 700 * MS);

            final StepResult step = load.fixedRate(2_000, 200 * MS, 1_000 * MS, true);

            assertThat(load.errors()).as("%s", load.errorSamples()).isZero();
            // Every request scheduled in the window is recorded, however late its answer: nothing is omitted.
            assertThat(step.recorded()).isEqualTo(2_000);
            assertThat(step.all().getTotalCount()).isEqualTo(2_000);
            assertThat(step.newOrders().getTotalCount() + step.cancels().getTotalCount()).isEqualTo(2_000);
            assertThat(step.unsent()).isZero();
            // The requests due during the stall waited for its end: up to 100 ms, about 100 of them over 50 ms.
            assertThat(step.all().getMaxValue()).isGreaterThanOrEqualTo(90 * MS);
            assertThat(step.all().getCountBetweenValues(50 * MS, 200 * MS)).isGreaterThanOrEqualTo(60);
            assertThat(step.all().getValueAtPercentile(50)).isLessThan(50 * MS);
            assertThat(gateway.newOrders.get() + gateway.cancels.get()).isEqualTo(2_400);
            assertThat(gateway.sequenceErrors.get()).isZero();
        }
    }

    @Test
    void shouldRecordNothingOutsideTheWindowOrWhenToldNotTo() throws Exception
    {
        try (FakeGateway gateway = new FakeGateway();
             LoadGenerator load = new LoadGenerator(gateway.address(), logins(2), SETTINGS))
        {
            load.logon(TimeUnit.SECONDS.toNanos(10));

            final StepResult warmup = load.fixedRate(1_000, 0, 300 * MS, false);
            final StepResult step = load.fixedRate(1_000, 300 * MS, 300 * MS, true);

            assertThat(warmup.recorded()).isZero();
            assertThat(warmup.all().getTotalCount()).isZero();
            assertThat(step.recorded()).isEqualTo(300);
            assertThat(gateway.newOrders.get() + gateway.cancels.get()).isEqualTo(300 + 600);
            assertThat(load.errors()).isZero();
        }
    }

    @Test
    void shouldKeepAtMostTheWindowInFlightPerSessionInClosedLoop() throws Exception
    {
        try (FakeGateway gateway = new FakeGateway();
             LoadGenerator load = new LoadGenerator(gateway.address(), logins(3), SETTINGS))
        {
            load.logon(TimeUnit.SECONDS.toNanos(10));
            final long start = System.nanoTime();
            gateway.stall(start + 100 * MS, start + 200 * MS);

            final StepResult step = load.closedLoop(5, 100 * MS, 500 * MS);

            assertThat(load.errors()).as("%s", load.errorSamples()).isZero();
            assertThat(step.recorded()).isPositive();
            assertThat(step.achievedPerSecond()).isEqualTo(step.recorded() / 0.5);
            assertThat(step.slowestSecond()).isEqualTo(step.recorded());
            // While the gateway stalled, each session sent its window and then waited.
            assertThat(gateway.maxUnansweredRequests.get()).isBetween(3, 5);
            assertThat(gateway.newOrders.get() + gateway.cancels.get()).isEqualTo(step.scheduled());
        }
    }

    @Test
    void shouldCountRejectedOrdersAsErrors() throws Exception
    {
        try (FakeGateway gateway = new FakeGateway();
             LoadGenerator load = new LoadGenerator(gateway.address(), logins(1), SETTINGS))
        {
            gateway.rejectNewOrders();
            load.logon(TimeUnit.SECONDS.toNanos(10));

            load.fixedRate(1_000, 0, 50 * MS, true);

            assertThat(load.errors()).isPositive();
            assertThat(load.errorSamples().get(0)).contains("ExecType 8 where 0 was expected");
        }
    }

    /** QA 113 F1: a killed gateway's step ran on for three times its length and then read as saturated. */
    @Test
    void shouldEndAFixedRateStepAtOnceWhenEveryConnectionIsGone() throws Exception
    {
        try (FakeGateway gateway = new FakeGateway();
             LoadGenerator load = new LoadGenerator(gateway.address(), logins(4), SETTINGS))
        {
            load.logon(TimeUnit.SECONDS.toNanos(10));
            final long start = System.nanoTime();
            gateway.dropConnectionsAt(start + 300 * MS);

            final StepResult step = load.fixedRate(2_000, 200 * MS, 10_000 * MS, true);

            // Well before the 10.2 s the step was to take, let alone the 30 s of its give-up time.
            assertThat(System.nanoTime() - start).isLessThan(3_000 * MS);
            assertThat(step.gatewayGone()).isTrue();
            assertThat(load.gatewayGone()).isTrue();
            assertThat(load.errorSamples()).isNotEmpty();
        }
    }

    @Test
    void shouldEndAClosedLoopStepAtOnceWhenTheGatewaysProcessHasEnded() throws Exception
    {
        final AtomicBoolean alive = new AtomicBoolean(true);
        try (FakeGateway gateway = new FakeGateway();
             LoadGenerator load = new LoadGenerator(gateway.address(), logins(2), SETTINGS).gatewayAlive(alive::get))
        {
            load.logon(TimeUnit.SECONDS.toNanos(10));
            final long start = System.nanoTime();
            // Its connections still up: only the process check can tell.
            final Thread ending = new Thread(() ->
            {
                sleepMillis(300);
                alive.set(false);
            });
            ending.start();

            final StepResult step = load.closedLoop(5, 100 * MS, 10_000 * MS);

            ending.join();
            assertThat(System.nanoTime() - start).isLessThan(3_000 * MS);
            assertThat(step.gatewayGone()).isTrue();
        }
    }

    @Test
    void shouldRunAStepToItsEndWhileTheGatewayIsAlive() throws Exception
    {
        try (FakeGateway gateway = new FakeGateway();
             LoadGenerator load = new LoadGenerator(gateway.address(), logins(2), SETTINGS).gatewayAlive(() -> true))
        {
            load.logon(TimeUnit.SECONDS.toNanos(10));

            final StepResult step = load.fixedRate(1_000, 0, 200 * MS, true);

            assertThat(step.gatewayGone()).isFalse();
            assertThat(step.recorded()).isEqualTo(200);
        }
    }

    private static void sleepMillis(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static List<LoadGenerator.SessionLogin> logins(final int sessions)
    {
        return BenchGatewayConfig.logins(sessions);
    }
}

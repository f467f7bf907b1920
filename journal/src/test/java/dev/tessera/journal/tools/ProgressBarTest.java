package dev.tessera.journal.tools;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest
{
    private final StringWriter err = new StringWriter();
    private long now = 1_000;

    private ProgressBar bar(final long total, final boolean enabled, final boolean forced)
    {
        return new ProgressBar(new PrintWriter(err), "verify", total, enabled, forced, () -> now);
    }

    private static void run(final ProgressBar bar, final long records)
    {
        for (long done = 1; done <= records; done++)
        {
            bar.update(done);
        }
        bar.finish(records);
    }

    @Test
    void shouldStayQuietForAShortRun()
    {
        run(bar(50_000, true, false), 50_000);

        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldDrawALargeRunWithPercentCountAndRate()
    {
        final ProgressBar bar = bar(200_000, true, false);
        for (long done = 1; done <= 200_000; done++)
        {
            now += 10_000;
            bar.update(done);
        }
        bar.finish(200_000);

        assertThat(err.toString())
            .as("redrawn in place every 200 ms of the 2 s run")
            .containsPattern("(\\rverify \\[#*-*\\] +\\d+%  [0-9,]+/200,000 records  [0-9,]+ records/s *){10}")
            .contains("\rverify [###############---------------]  5")
            .endsWith("] 100%  200,000/200,000 records  100,000 records/s\n");
    }

    @Test
    void shouldDrawAShortRunOnceItHasTakenASecond()
    {
        final ProgressBar bar = bar(10_000, true, false);
        for (long done = 1; done <= 10_000; done++)
        {
            now += TimeUnit.MILLISECONDS.toNanos(1);
            bar.update(done);
        }
        bar.finish(10_000);

        assertThat(err.toString()).contains("100%  10,000/10,000 records").endsWith("\n");
    }

    @Test
    void shouldDrawWhenForcedHoweverShortTheRun()
    {
        run(bar(6, true, true), 6);

        assertThat(err.toString()).isEqualTo("\rverify [##############################] 100%  6/6 records  0 records/s\n");
    }

    @Test
    void shouldNeverDrawWhenDisabled()
    {
        final ProgressBar bar = bar(1_000_000, false, false);
        for (long done = 1; done <= 1_000_000; done++)
        {
            now += 1_000_000;
            bar.update(done);
        }
        bar.finish(1_000_000);

        assertThat(err.toString()).isEmpty();
    }
}

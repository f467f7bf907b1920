package dev.tessera.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FloodLimitTest
{
    private static final long WINDOW = FloodLimit.WINDOW_NS;
    /** Any start: System.nanoTime() may be negative. */
    private static final long T0 = -5_000_000L;

    private final FloodLimit limit = new FloodLimit(5);

    @Test
    void shouldFloodAtTheLimitWithinOneWindowAndOnAfterIt()
    {
        for (int i = 0; i < 4; i++)
        {
            assertThat(limit.onMessage(T0 + i)).as("message %d", i).isFalse();
        }
        assertThat(limit.onMessage(T0 + WINDOW - 1)).as("the fifth, the window's last nanosecond").isTrue();
        assertThat(limit.count()).isEqualTo(5);
        assertThat(limit.onMessage(T0 + WINDOW - 1)).as("a reconnect's message in the same window").isTrue();
        assertThat(limit.count()).isEqualTo(6);
    }

    @Test
    void shouldStartTheNextWindowAtTheFirstMessageASecondAfterTheLastOneBegan()
    {
        for (int i = 0; i < 4; i++)
        {
            assertThat(limit.onMessage(T0)).isFalse();
        }
        // Silence, then a new window at its first message: its second ends a second after it, not after T0's.
        final long next = T0 + 3 * WINDOW + 12_345;
        for (int i = 0; i < 4; i++)
        {
            assertThat(limit.onMessage(next + i * (WINDOW / 4))).as("message %d of the next window", i).isFalse();
        }
        assertThat(limit.count()).isEqualTo(4);
        assertThat(limit.onMessage(next + WINDOW - 1)).isTrue();
    }

    @Test
    void shouldLetFewerThanTwiceTheLimitThroughInASecondThatStraddlesTwoWindows()
    {
        assertThat(limit.onMessage(T0)).isFalse();
        int withinOneSecond = 0;
        for (int i = 0; i < 3; i++, withinOneSecond++)
        {
            assertThat(limit.onMessage(T0 + WINDOW - 1)).isFalse();
        }
        for (int i = 0; i < 4; i++, withinOneSecond++)
        {
            assertThat(limit.onMessage(T0 + WINDOW + i)).isFalse();
        }
        assertThat(withinOneSecond).isEqualTo(2 * 5 - 3);
    }

    @Test
    void shouldNeverFloodWithALimitOfZero()
    {
        final FloodLimit never = new FloodLimit(0);
        boolean flooded = false;
        for (int i = 0; i < 1_000_000; i++)
        {
            flooded |= never.onMessage(T0);
        }
        assertThat(flooded).isFalse();
        assertThat(never.count()).isEqualTo(1_000_000);
    }
}

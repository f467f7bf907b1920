package dev.tessera.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DoneMassCancelsTest
{
    private static final long WINDOW = 100_000;

    @Test
    void shouldRememberAMassCancelWithinTheWindowByOwnerAndClOrdId()
    {
        final DoneMassCancels done = new DoneMassCancels(WINDOW);
        done.add(1, 77, 3, 12, 500, 1_000);

        final DoneMassCancels.Entry entry = done.find(1, 77, 600);
        assertThat(entry.instrumentId).isEqualTo(3);
        assertThat(entry.cancelledCount).isEqualTo(12);
        assertThat(entry.timestamp).isEqualTo(1_000);
        assertThat(done.find(2, 77, 600)).as("another owner's").isNull();
        assertThat(done.find(1, 78, 600)).isNull();
        assertThat(done.find(1, 77, 500 + WINDOW)).as("at the window's edge").isNotNull();
        assertThat(done.find(1, 77, 501 + WINDOW)).as("past the window").isNull();
    }

    @Test
    void shouldForgetTheOldestBeyondItsCapacityButNotANewerOneUnderItsClOrdId()
    {
        final DoneMassCancels done = new DoneMassCancels(WINDOW);
        done.add(1, 1, 0, 1, 10, 0);
        done.add(1, 2, 0, 2, 11, 0);
        done.add(1, 1, 0, 3, 12, 0); // ClOrdID 1 reused: the newer one is found
        for (int i = 3; i < DoneMassCancels.CAPACITY; i++)
        {
            done.add(2, i, 0, 0, 12 + i, 0);
        }
        assertThat(done.find(1, 1, 2_000).cancelledCount).isEqualTo(3);
        done.add(2, 5_000, 0, 0, 2_000, 0); // takes the first slot: the older ClOrdID 1's
        assertThat(done.find(1, 1, 2_000).cancelledCount).as("the newer one stays").isEqualTo(3);
        assertThat(done.find(1, 2, 2_000)).as("still in the ring").isNotNull();
        done.add(2, 5_001, 0, 0, 2_001, 0); // takes ClOrdID 2's slot
        assertThat(done.find(1, 2, 2_001)).as("forgotten").isNull();
    }

    @Test
    void shouldRememberNothingWithoutAWindow()
    {
        final DoneMassCancels done = new DoneMassCancels(0);
        done.add(1, 77, 0, 1, 5, 0);
        assertThat(done.find(1, 77, 5)).isNull();
    }
}

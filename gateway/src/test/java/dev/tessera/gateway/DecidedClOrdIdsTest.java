package dev.tessera.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DecidedClOrdIdsTest
{
    @Test
    void shouldNeverSayNoToAKeyItHoldsAndRarelyYesToOneItDoesNot()
    {
        final DecidedClOrdIds decided = new DecidedClOrdIds(20, true); // 1 Mbit
        for (long clOrdId = 1; clOrdId <= 50_000; clOrdId++)
        {
            decided.add(clOrdId % 7, clOrdId); // sequential ClOrdIDs, few owners: the usual keys
        }
        for (long clOrdId = 1; clOrdId <= 50_000; clOrdId++)
        {
            assertThat(decided.mightHave(clOrdId % 7, clOrdId)).isTrue();
        }
        int wrongYes = 0;
        for (long clOrdId = 1; clOrdId <= 50_000; clOrdId++)
        {
            // The same ClOrdIDs under other owners, and new ones under the same owners.
            wrongYes += decided.mightHave(clOrdId % 7 + 7, clOrdId) ? 1 : 0;
            wrongYes += decided.mightHave(clOrdId % 7, clOrdId + 1_000_000) ? 1 : 0;
        }
        // 50,000 keys in 2^20 bits, 4 bits each in one of 2048 blocks: about 0.3% expected.
        assertThat(wrongYes).isLessThan(1_000);
    }

    @Test
    void shouldSayNoToEverythingWhenEmptyAndKnowWhetherItIsComplete()
    {
        final DecidedClOrdIds decided = new DecidedClOrdIds(9, false);
        assertThat(decided.mightHave(1, 1)).isFalse();
        assertThat(decided.complete()).isFalse();
        decided.markComplete();
        assertThat(decided.complete()).isTrue();
        decided.add(1, 1);
        assertThat(decided.mightHave(1, 1)).isTrue();
    }

    @Test
    void shouldRefuseASizeBelowOneBlock()
    {
        assertThatIllegalArgumentException().isThrownBy(() -> new DecidedClOrdIds(8, true));
    }
}

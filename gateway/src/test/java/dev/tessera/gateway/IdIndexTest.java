package dev.tessera.gateway;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.agrona.collections.Long2LongHashMap;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's index by owner and id: a map's behaviour, whatever the ids' pattern, growth and reuse of nodes. */
class IdIndexTest
{
    private final IdIndex<String> index = new IdIndex<>();

    @Test
    void shouldKeepOwnersApartUnderTheSameId()
    {
        index.put(1, 42, "one's");
        index.put(2, 42, "two's");

        assertThat(index.get(1, 42)).isEqualTo("one's");
        assertThat(index.get(2, 42)).isEqualTo("two's");
        assertThat(index.get(3, 42)).isNull();
        assertThat(index.size()).isEqualTo(2);
        final Long2LongHashMap counts = countByOwner(index);
        assertThat(counts.get(1)).isEqualTo(1);
        assertThat(counts.get(2)).isEqualTo(1);
        assertThat(counts.get(3)).isZero();
    }

    @Test
    void shouldReplaceTheValueOfAnIdPutAgain()
    {
        index.put(1, 42, "old");
        index.put(1, 42, "new");

        assertThat(index.get(1, 42)).isEqualTo("new");
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void shouldLeaveANewerValueWhenRemovingAnOlderOneByValue()
    {
        final String older = new String("order");
        final String newer = new String("order");
        index.put(1, 42, older);
        index.put(1, 42, newer);

        assertThat(index.remove(1, 42, older)).as("an equal value, but not the one mapped").isNull();
        assertThat(index.get(1, 42)).isSameAs(newer);
        assertThat(index.remove(1, 42, newer)).isSameAs(newer);
        assertThat(index.get(1, 42)).isNull();
        assertThat(index.isEmpty()).isTrue();
    }

    @Test
    void shouldRemoveFromTheMiddleOfAChainAndKeepTheRest()
    {
        // More ids than buckets at the start: chains form, then grow; every id stays reachable as others go.
        for (long id = 1; id <= 1_000; id++)
        {
            index.put(id % 3, id, "v" + id);
        }
        for (long id = 2; id <= 1_000; id += 2)
        {
            assertThat(index.remove(id % 3, id)).isEqualTo("v" + id);
        }

        for (long id = 1; id <= 1_000; id++)
        {
            assertThat(index.get(id % 3, id)).isEqualTo(id % 2 == 0 ? null : "v" + id);
        }
        assertThat(index.size()).isEqualTo(500);
        final Long2LongHashMap counts = countByOwner(index);
        assertThat(counts.get(0) + counts.get(1) + counts.get(2)).isEqualTo(500);
        assertThat(counts.get(1)).isEqualTo(167);
    }

    @Test
    void shouldHoldASlidingWindowOfIdsWithoutGrowingPastItsHighWaterMark()
    {
        final IdIndex<Long> window = new IdIndex<>(64);
        for (long id = 1; id <= 100_000; id++)
        {
            window.put(IdIndex.ANY_OWNER, id, id);
            if (id > 64)
            {
                assertThat(window.remove(IdIndex.ANY_OWNER, id - 64)).isEqualTo(id - 64);
            }
        }

        assertThat(window.size()).isEqualTo(64);
        assertThat(window.get(IdIndex.ANY_OWNER, 100_000 - 63)).isEqualTo(100_000 - 63);
        assertThat(window.get(IdIndex.ANY_OWNER, 100_000 - 64)).isNull();
    }

    @Property(tries = 300)
    void shouldAnswerAsAMapDoes(@ForAll("operations") final List<Operation> operations)
    {
        final IdIndex<String> index = new IdIndex<>(4);
        final Map<List<Long>, String> model = new HashMap<>();
        for (final Operation operation : operations)
        {
            final List<Long> key = List.of(operation.owner, operation.id);
            switch (operation.kind)
            {
                case PUT ->
                {
                    index.put(operation.owner, operation.id, operation.value);
                    model.put(key, operation.value);
                }
                case REMOVE -> assertThat(index.remove(operation.owner, operation.id)).isEqualTo(model.remove(key));
                case REMOVE_VALUE ->
                {
                    // Values are compared by identity: the model's own instance, or another string equal to none.
                    final String mapped = model.get(key);
                    final boolean same = mapped != null && operation.value.equals(mapped);
                    assertThat(index.remove(operation.owner, operation.id, same ? mapped : operation.value))
                        .isEqualTo(same ? model.remove(key) : null);
                }
                default -> throw new IllegalStateException();
            }
            assertThat(index.get(operation.owner, operation.id)).isEqualTo(model.get(key));
            assertThat(index.size()).isEqualTo(model.size());
        }
        for (final Map.Entry<List<Long>, String> entry : model.entrySet())
        {
            assertThat(index.get(entry.getKey().get(0), entry.getKey().get(1))).isEqualTo(entry.getValue());
        }
        final Long2LongHashMap counts = countByOwner(index);
        for (long owner = 0; owner < 4; owner++)
        {
            final long wanted = owner;
            assertThat(counts.get(owner)).isEqualTo(model.keySet().stream().filter(k -> k.get(0) == wanted).count());
        }
    }

    private static Long2LongHashMap countByOwner(final IdIndex<String> index)
    {
        final Long2LongHashMap counts = new Long2LongHashMap(0);
        index.countByOwner(counts);
        return counts;
    }

    @Provide
    Arbitrary<List<Operation>> operations()
    {
        // Few owners, ids in sequence or scattered (multiples of a power of two, negatives), values that repeat.
        final Arbitrary<Long> ids = Arbitraries.oneOf(
            Arbitraries.longs().between(1, 300),
            Arbitraries.longs().between(0, 40).map(i -> i << 16),
            Arbitraries.longs());
        return Combinators.combine(
            Arbitraries.of(Kind.class), Arbitraries.longs().between(0, 3), ids, Arbitraries.of("a", "b", "c"))
            .as(Operation::new)
            .list().ofMaxSize(600);
    }

    enum Kind
    {
        PUT, REMOVE, REMOVE_VALUE
    }

    record Operation(Kind kind, long owner, long id, String value)
    {
    }
}

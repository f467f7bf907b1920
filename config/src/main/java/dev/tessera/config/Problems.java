package dev.tessera.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects validation problems so that one run reports all of them: fixing a config one error
 * per restart is what this module exists to avoid.
 */
final class Problems
{
    // A bad value inherited from a defaults block is read once per list element; say it once.
    private final Set<String> unique = new LinkedHashSet<>();
    private int reported;

    void add(final String problem)
    {
        reported++;
        unique.add(problem);
    }

    /**
     * Counts every add, duplicates included, so a caller can tell whether reading one element
     * went wrong even when the problem itself had been seen before.
     */
    int reported()
    {
        return reported;
    }

    boolean isEmpty()
    {
        return unique.isEmpty();
    }

    List<String> list()
    {
        return List.copyOf(unique);
    }

    void throwIfAny()
    {
        if (!unique.isEmpty())
        {
            throw new ConfigValidationException(list());
        }
    }
}

package dev.tessera.config;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    /** Key path to where its value was set, " (file: line)", for the values the loader read. */
    private final Map<String, String> origins = new HashMap<>();

    /**
     * A problem, which starts with the key path it is about. When the loader read that key, the problem says where
     * its value was set, as the loader's own type problems do: {@link Rules} is also used by the record
     * constructors, which know no origin, so it is added here rather than by each rule.
     */
    void add(final String problem)
    {
        reported++;
        final int space = problem.indexOf(' ');
        final String where = space > 0 ? origins.get(problem.substring(0, space)) : null;
        unique.add(where == null || problem.endsWith(where) ? problem : problem + where);
    }

    /** Records where the value of {@code keyPath} was set: {@code where} is " (file: line)", or empty. */
    void origin(final String keyPath, final String where)
    {
        if (!where.isEmpty())
        {
            origins.put(keyPath, where);
        }
    }

    /** Where the value of {@code keyPath} was set, " (file: line)", or empty when the loader did not record it. */
    String where(final String keyPath)
    {
        return origins.getOrDefault(keyPath, "");
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

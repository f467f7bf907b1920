package dev.tessera.config;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The instruments a refusal of an unknown symbol lists: all of them when they are few, else the count and the few
 * whose symbols are nearest to the one given, as a "did you mean". A venue of 2,000 instruments made every such
 * refusal a line of 14-35 KB with the mistake at its start and no hint (QA 135 D3).
 */
public final class SymbolList
{
    /** Listed whole up to this many. */
    static final int LISTED_IN_FULL = 20;
    /** Else this many of the nearest. */
    static final int NEAREST = 5;

    private SymbolList()
    {
    }

    /**
     * {@code AAPL (id 1), MSFT (id 2)}, each item as {@code shown} gives it, when there are at most {@link
     * #LISTED_IN_FULL}; else {@code 2,000 instruments, the nearest to S9999: S0999 (id 999), ...}, nearest by edit
     * distance of their {@code symbol}, then in their own order.
     */
    public static <T> String describe(
        final List<T> items, final Function<T, String> symbol, final Function<T, String> shown, final String wanted)
    {
        if (items.size() <= LISTED_IN_FULL)
        {
            return items.stream().map(shown).collect(Collectors.joining(", "));
        }
        final String nearest = items.stream()
            .sorted(Comparator.comparingInt(item -> editDistance(symbol.apply(item), wanted)))
            .limit(NEAREST).map(shown).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%,d instruments, the nearest to %s: %s", items.size(), wanted, nearest);
    }

    /** Levenshtein distance: insertions, deletions and substitutions of one character each cost 1. */
    static int editDistance(final String a, final String b)
    {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++)
            {
                final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            final int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

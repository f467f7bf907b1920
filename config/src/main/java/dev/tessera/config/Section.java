package dev.tessera.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * One object of the resolved config, read key by key into Java values. Every read that fails
 * reports a problem naming the key path and the value and returns {@code null}, so reading
 * carries on and the loader can report everything at once.
 *
 * <p>A list element may fall back to a defaults section ({@code defaults.instrument}): HOCON
 * replaces arrays wholesale, so per-element defaults have to be applied by hand.
 */
final class Section
{
    private final ConfigObject own;
    private final String path;
    private final Section defaults;
    private final Problems problems;

    private Section(final ConfigObject own, final String path, final Section defaults, final Problems problems)
    {
        this.own = own;
        this.path = path;
        this.defaults = defaults;
        this.problems = problems;
    }

    static Section root(final ConfigObject root, final Problems problems)
    {
        return new Section(root, "", null, problems);
    }

    String path()
    {
        return path;
    }

    /** A nested object, or {@code null} (reported) when it is absent or not an object. */
    Section section(final String key)
    {
        final ConfigValue value = value(key);
        if (value == null)
        {
            missing(key);
            return null;
        }
        if (!(value instanceof ConfigObject object))
        {
            wrongType(key, value, "an object");
            return null;
        }
        return new Section(object, Rules.join(path, key), null, problems);
    }

    /**
     * A list of objects, each falling back to {@code elementDefaults} (which may be null). The
     * result keeps the file's indices: an element that is not an object is reported and stands
     * as {@code null}. The list itself is {@code null} (reported) when absent or not a list.
     */
    List<Section> list(final String key, final Section elementDefaults)
    {
        final ConfigValue value = value(key);
        if (value == null)
        {
            missing(key);
            return null;
        }
        if (!(value instanceof ConfigList list))
        {
            wrongType(key, value, "a list");
            return null;
        }
        final String listPath = Rules.join(path, key);
        // Rules about the list as a whole ("must not be empty") say where it was set, as those about a value do.
        if (!ExchangeConfigLoader.isEmbeddedDefault(value.origin()))
        {
            problems.origin(listPath, where(value.origin()));
        }
        final List<Section> elements = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++)
        {
            final ConfigValue element = list.get(i);
            final String elementPath = listPath + "[" + i + "]";
            if (element instanceof ConfigObject object)
            {
                elements.add(new Section(object, elementPath, elementDefaults, problems));
            }
            else
            {
                problems.add(elementPath + " must be an object, got " + describe(element) + where(element.origin()));
                elements.add(null);
            }
        }
        return elements;
    }

    /** Typos must not silently fall back to a default, so any key not listed is a problem. */
    void rejectUnknownKeys(final Set<String> known)
    {
        for (final String key : new TreeSet<>(own.keySet()))
        {
            if (!known.contains(key))
            {
                final String suggestion = closest(key, known);
                problems.add(Rules.join(path, key) + " is not a known key"
                    + (suggestion == null ? "" : ", did you mean " + suggestion + "?")
                    + where(origin(own.get(key))));
            }
        }
    }

    /**
     * Where a value came from. An object that {@code --set a.b=1} made on the way to its leaf has only the
     * library's "withValue(key)" as origin; its first leaf has the override's own.
     */
    private static ConfigOrigin origin(final ConfigValue value)
    {
        if (value instanceof ConfigObject && !((ConfigObject)value).isEmpty() &&
            value.origin().description().startsWith("withValue"))
        {
            final ConfigObject object = (ConfigObject)value;
            return origin(object.get(new TreeSet<>(object.keySet()).first()));
        }
        return value.origin();
    }

    /** Rejects keys that are known elsewhere but make no sense in this object. */
    void rejectKeys(final Set<String> forbidden, final String reason)
    {
        for (final String key : new TreeSet<>(own.keySet()))
        {
            if (forbidden.contains(key))
            {
                problems.add(Rules.join(path, key) + " " + reason + where(own.get(key).origin()));
            }
        }
    }

    String string(final String key)
    {
        final ConfigValue value = scalar(key, "a string");
        return value == null ? null : text(value);
    }

    Integer integer(final String key)
    {
        return integer(key, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /**
     * An int whose rule in {@link Rules} allows only {@code min} to {@code max}. A number beyond any int
     * is reported here, with that range (the int's own would state bounds the key never takes); any int
     * is returned for the rule to judge.
     */
    Integer integer(final String key, final int min, final int max)
    {
        final Long value = integer(key, Integer.MIN_VALUE, Integer.MAX_VALUE, min, max);
        return value == null ? null : value.intValue();
    }

    Long longInteger(final String key)
    {
        return integer(key, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    Boolean bool(final String key)
    {
        final ConfigValue value = scalar(key, "true or false");
        if (value == null)
        {
            return null;
        }
        // The spellings Typesafe's own getBoolean accepts, so a file means the same everywhere.
        switch (text(value).toLowerCase(Locale.ROOT))
        {
            case "true", "yes", "on":
                return true;
            case "false", "no", "off":
                return false;
            default:
                wrongType(key, value, "true or false");
                return null;
        }
    }

    /**
     * A decimal price as fixed-point at {@code scale}. With a {@code null} scale (itself
     * invalid, reported elsewhere) only the decimal syntax is checked.
     */
    Long price(final String key, final Integer scale)
    {
        final ConfigValue value = scalar(key, "a decimal number");
        if (value == null)
        {
            return null;
        }
        // Read as text: a double would already have rounded 0.1 before we could check it.
        final String text = text(value);
        final BigDecimal decimal;
        try
        {
            decimal = FixedPoint.decimal(text);
        }
        catch (final NumberFormatException e)
        {
            wrongType(key, value, "a decimal number");
            return null;
        }
        if (scale == null)
        {
            return null;
        }
        try
        {
            return FixedPoint.toFixed(decimal, text, scale);
        }
        catch (final IllegalArgumentException e)
        {
            problems.add(Rules.join(path, key) + " " + e.getMessage() + where(value.origin()));
            return null;
        }
    }

    /** An enum constant by name, case-insensitive, dashes or underscores. */
    <E extends Enum<E>> E choice(final String key, final Class<E> type)
    {
        final E[] constants = type.getEnumConstants();
        final List<String> spellings = new ArrayList<>(constants.length);
        for (final E constant : constants)
        {
            spellings.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        final String expectation = "one of " + String.join(", ", spellings);
        final ConfigValue value = scalar(key, expectation);
        if (value == null)
        {
            return null;
        }
        final String normalized = normalize(text(value));
        for (final E constant : constants)
        {
            if (constant.name().equals(normalized))
            {
                return constant;
            }
        }
        problems.add(pathOf(key) + " must be " + expectation + ", got " + describe(value) + where(value.origin()));
        return null;
    }

    /**
     * A name from a fixed list, returned in its canonical spelling when it matches loosely, or
     * as written when it does not, so the caller's rule can quote the user's own text.
     */
    String name(final String key, final List<String> canonical)
    {
        final String text = string(key);
        if (text == null)
        {
            return null;
        }
        final String normalized = normalize(text);
        return canonical.contains(normalized) ? normalized : text;
    }

    /** A whole number that fits {@code typeMin} to {@code typeMax}; one that does not is reported with the key's range. */
    private Long integer(final String key, final long typeMin, final long typeMax, final long min, final long max)
    {
        final ConfigValue value = scalar(key, "an integer");
        if (value == null)
        {
            return null;
        }
        final String text = text(value);
        final long parsed;
        try
        {
            parsed = Long.parseLong(text);
        }
        catch (final NumberFormatException e)
        {
            if (text.matches("[+-]?[0-9]+"))
            {
                outOfRange(key, value, min, max);
            }
            else
            {
                wrongType(key, value, "an integer");
            }
            return null;
        }
        if (parsed < typeMin || parsed > typeMax)
        {
            outOfRange(key, value, min, max);
            return null;
        }
        return parsed;
    }

    private ConfigValue scalar(final String key, final String expectation)
    {
        final ConfigValue value = value(key);
        if (value == null)
        {
            missing(key);
            return null;
        }
        switch (value.valueType())
        {
            case STRING, NUMBER, BOOLEAN:
                // The rules that judge the value later (ranges, one of, power of two) say where it was set too.
                if (!ExchangeConfigLoader.isEmbeddedDefault(value.origin()))
                {
                    problems.origin(Rules.join(path, key), where(value.origin()));
                }
                return value;
            default:
                wrongType(key, value, expectation);
                return null;
        }
    }

    private ConfigValue value(final String key)
    {
        ConfigValue value = own.get(key);
        if (value == null && defaults != null)
        {
            value = defaults.own.get(key);
        }
        return value;
    }

    /** Where a bad value is written: the element itself, or the defaults it inherited. */
    private String pathOf(final String key)
    {
        if (!own.containsKey(key) && defaults != null && defaults.own.containsKey(key))
        {
            return Rules.join(defaults.path, key);
        }
        return Rules.join(path, key);
    }

    private void missing(final String key)
    {
        problems.add(Rules.join(path, key) + " is missing" + where(own.origin()));
    }

    private void wrongType(final String key, final ConfigValue value, final String expectation)
    {
        problems.add(pathOf(key) + " must be " + expectation + ", got " + describe(value) + where(value.origin()));
    }

    private void outOfRange(final String key, final ConfigValue value, final long min, final long max)
    {
        problems.add(pathOf(key) + " must be between " + min + " and " + max + ", got " + describe(value)
            + where(value.origin()));
    }

    /** Numbers keep their original text here ("190.00", not 190.0). */
    private static String text(final ConfigValue scalar)
    {
        return scalar.atKey("value").getString("value");
    }

    private static String describe(final ConfigValue value)
    {
        switch (value.valueType())
        {
            case STRING:
                return Rules.quote(text(value));
            case NUMBER, BOOLEAN:
                return text(value);
            case LIST:
                return "a list";
            case OBJECT:
                return "an object";
            default:
                return "null";
        }
    }

    private static String where(final ConfigOrigin origin)
    {
        final String description = origin == null ? null : origin.description();
        return description == null || description.isEmpty() ? "" : " (" + description + ")";
    }

    private static String normalize(final String name)
    {
        return name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The known key a typo most likely meant, or null when none is close enough to guess. */
    private static String closest(final String key, final Set<String> known)
    {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (final String candidate : known)
        {
            final int distance = distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            final boolean plausible = distance <= 2 && distance * 3 <= candidate.length();
            if (plausible && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Edit distance counting a swap of neighbours as one edit, the commonest typo. */
    private static int distance(final String a, final String b)
    {
        final int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++)
        {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++)
        {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++)
        {
            for (int j = 1; j <= b.length(); j++)
            {
                final int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1))
                {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

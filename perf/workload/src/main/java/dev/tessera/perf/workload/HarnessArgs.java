package dev.tessera.perf.workload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options of the plain harnesses, Tessera's and exchange-core's ({@code --name value} or {@code --flag}), with defaults. Every
 * option a harness reads is echoed in its header, so a result file says how it was produced.
 *
 * <p>A harness reads its options, then calls {@link #requireAllUsed}: by then every option it knows has been asked for with
 * its default and a one-line description, which is what {@code --help} (or {@code -h}) prints. Every accessor takes the
 * description, so an option cannot be added without one (QA 94 F11: the meaning was only in the class comments).
 *
 * <p>A mistake on the command line (an unknown option, a value that is not a number, a number out of its range, a list
 * with such an item, a word that is not true or false) is reported there in one line naming the option and the value,
 * followed by the options, exit status 2, not as a stack trace: the harness reads every value through this class, with its bounds, before it runs anything.
 *
 * <p>{@value #CHECK_OPTIONS} makes {@link #requireAllUsed} exit 0 once the options are read and found good: the scripts in
 * {@code perf/bin} run it first, so a bad value is refused before they create a results directory.
 */
public final class HarnessArgs
{
    /** Read and check the options, run nothing: exit status 0 if they are good, 2 (with the message) if not. */
    public static final String CHECK_OPTIONS = "--check-options";
    /** Descriptions line up after the longest "--name value" up to this width; a longer one (a class path) is not waited for. */
    private static final int MAX_ALIGNED = 32;

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> used = new LinkedHashMap<>();
    private final Map<String, String> descriptions = new LinkedHashMap<>();
    /** Options given with no value after them: a flag's "true", anything else's mistake. */
    private final Set<String> withoutValue = new HashSet<>();
    private final boolean help;
    private final boolean checkOnly;
    private String problem;

    public HarnessArgs(final String[] args)
    {
        boolean help = false;
        boolean checkOnly = false;
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h"))
            {
                help = true;
                continue;
            }
            if (arg.equals(CHECK_OPTIONS))
            {
                checkOnly = true;
                continue;
            }
            if (!arg.startsWith("--"))
            {
                problem = problem == null ? "expected --name [value], got " + arg : problem;
                continue;
            }
            final String name = arg.substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--"))
            {
                values.put(name, args[++i]);
            }
            else
            {
                values.put(name, "true");
                withoutValue.add(name);
            }
        }
        this.help = help;
        this.checkOnly = checkOnly;
    }

    /** {@code --smoke}, every harness's: a short run whose numbers only show that the harness works. */
    public boolean smoke()
    {
        return flag("smoke", "a short run with small defaults: its numbers only show that the harness works");
    }

    /** {@code --name} alone, or {@code --name true|false}; false when absent. */
    public boolean flag(final String name, final String description)
    {
        return bool(name, false, description);
    }

    /** {@code true} or {@code false} (any case): anything else is a mistake, not a silent false. */
    public boolean bool(final String name, final boolean defaultValue, final String description)
    {
        final String value = value(name, Boolean.toString(defaultValue), description);
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))
        {
            return Boolean.parseBoolean(value);
        }
        misread(name, value, "true or false");
        return defaultValue;
    }

    /**
     * The value given, or the default. {@code description} is what {@code --help} says of the option, in one line (what it
     * is, its unit, what the harness does with it); a harness that reads an option without one has a bug.
     */
    public String string(final String name, final String defaultValue, final String description)
    {
        final String value = value(name, defaultValue, description);
        if (withoutValue.contains(name))
        {
            // Given last, or followed by another option: not "true" (QA 113 F7: "--rates takes ... got true").
            if (problem == null)
            {
                problem = "--" + name + " takes a value";
            }
            return defaultValue;
        }
        return value;
    }

    /** The value given (a flag's "true" when it has none), or the default; the option is recorded for --help. */
    private String value(final String name, final String defaultValue, final String description)
    {
        if (description == null || description.isBlank())
        {
            throw new IllegalArgumentException("--" + name + " has no description for --help");
        }
        final String value = values.getOrDefault(name, defaultValue);
        used.put(name, value);
        descriptions.put(name, description);
        return value;
    }

    public int integer(final String name, final int defaultValue, final String description)
    {
        return (int)number(name, defaultValue, Integer.MIN_VALUE, Integer.MAX_VALUE, description);
    }

    /** A whole number of at least {@code min} (a count, a size, a rate). */
    public int integer(final String name, final int defaultValue, final int min, final String description)
    {
        return (int)number(name, defaultValue, min, Integer.MAX_VALUE, description);
    }

    public long longValue(final String name, final long defaultValue, final String description)
    {
        return number(name, defaultValue, Long.MIN_VALUE, Long.MAX_VALUE, description);
    }

    /** A whole number of at least {@code min}. */
    public long longValue(final String name, final long defaultValue, final long min, final String description)
    {
        return number(name, defaultValue, min, Long.MAX_VALUE, description);
    }

    /** A ring's size: a power of two from 2 to 2^30, as {@code PipelineConfig} takes it. */
    public int powerOfTwo(final String name, final int defaultValue, final String description)
    {
        final String value = string(name, Integer.toString(defaultValue), description);
        final Long number = parse(value, 2, 1 << 30);
        if (number == null || Long.bitCount(number) != 1)
        {
            misread(name, value, "a power of two from 2 to 2^30");
            return defaultValue;
        }
        return number.intValue();
    }

    /** A comma-separated list of whole numbers, each at least {@code min} ("10000,50_000"); not empty. */
    public long[] longs(final String name, final String defaultValue, final long min, final String description)
    {
        return numbers(name, defaultValue, min, Long.MAX_VALUE, description);
    }

    /** As {@link #longs}, of {@code int}s. */
    public int[] integers(final String name, final String defaultValue, final int min, final String description)
    {
        return Arrays.stream(numbers(name, defaultValue, min, Integer.MAX_VALUE, description))
            .mapToInt(number -> (int)number).toArray();
    }

    public double decimal(final String name, final double defaultValue, final String description)
    {
        return decimal(name, defaultValue, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, "a number", description);
    }

    /** A number of at least {@code min}, such as the seconds of a warm-up, which may be 0. */
    public double decimal(final String name, final double defaultValue, final double min, final String description)
    {
        return decimal(name, defaultValue, min, false, Double.POSITIVE_INFINITY, "a number >= " + plain(min), description);
    }

    /** A number above 0, such as the seconds a step is measured. */
    public double positive(final String name, final double defaultValue, final String description)
    {
        return decimal(name, defaultValue, 0, true, Double.POSITIVE_INFINITY, "a number > 0", description);
    }

    /** A number from 0 to 1. */
    public double fraction(final String name, final double defaultValue, final String description)
    {
        return decimal(name, defaultValue, 0, false, 1, "a number from 0 to 1", description);
    }

    /**
     * A comma-separated list of enum constants (case-insensitive, dashes for underscores); {@code --help} adds the
     * constants to the description.
     */
    public <E extends Enum<E>> List<E> enums(
        final String name, final Class<E> type, final String defaultValue, final String description)
    {
        final String value = string(name, defaultValue, choices(description, type));
        final List<E> list = new ArrayList<>();
        for (final String item : value.split(","))
        {
            final E constant = constant(type, item);
            if (constant == null)
            {
                misread(name, item, "one of " + known(type));
            }
            else
            {
                list.add(constant);
            }
        }
        return list;
    }

    /** One enum constant (case-insensitive, dashes for underscores), or null when the option is not given. */
    public <E extends Enum<E>> E optionalOneOf(final String name, final Class<E> type, final String description)
    {
        final String value = string(name, "", choices(description, type));
        final E constant = value.isEmpty() ? null : constant(type, value);
        if (!value.isEmpty() && constant == null)
        {
            misread(name, value, "one of " + known(type));
        }
        return constant;
    }

    /**
     * A mistake only the harness can see (options that do not go together), reported as a value that cannot be read
     * is: by {@link #requireAllUsed}, in one line, exit status 2.
     */
    public void refuse(final String mistake)
    {
        if (problem == null)
        {
            problem = mistake;
        }
    }

    /** One enum constant (case-insensitive, dashes for underscores). */
    public <E extends Enum<E>> E oneOf(final String name, final Class<E> type, final E defaultValue, final String description)
    {
        final String value = string(name, defaultValue.name().toLowerCase(Locale.ROOT).replace('_', '-'),
            choices(description, type));
        final E constant = constant(type, value);
        if (constant == null)
        {
            misread(name, value, "one of " + known(type));
            return defaultValue;
        }
        return constant;
    }

    /**
     * Once the harness has read every option it knows: {@code --help} prints them with their defaults and exits 0; an
     * option no harness code asked for (a typo must not pass silently) or a value it could not read is printed with
     * them and exits 2.
     */
    public void requireAllUsed()
    {
        final String harness = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass()
            .getSimpleName();
        if (help)
        {
            System.out.println(usage(harness));
            System.exit(0);
        }
        final String mistake = problem();
        if (mistake != null)
        {
            System.err.println(harness + ": " + mistake);
            System.err.println(usage(harness));
            System.exit(2);
        }
        if (checkOnly)
        {
            System.exit(0);
        }
    }

    /** What is wrong with the command line, or {@code null}. */
    public String problem()
    {
        if (problem != null)
        {
            return problem;
        }
        for (final String name : values.keySet())
        {
            if (!used.containsKey(name))
            {
                return "unknown option --" + name;
            }
        }
        return null;
    }

    /**
     * Every option the harness has read, with its default (or the value given) and its description, one line each, the
     * descriptions aligned; an option with a long value (a class path) keeps its description on its line, after it.
     */
    public String usage(final String harness)
    {
        final Map<String, String> lefts = new LinkedHashMap<>();
        int column = 0;
        for (final Map.Entry<String, String> entry : used.entrySet())
        {
            final String left = "--" + entry.getKey() + (entry.getValue().isEmpty() ? " (not set)" : " " + entry.getValue());
            lefts.put(entry.getKey(), left);
            column = left.length() <= MAX_ALIGNED ? Math.max(column, left.length()) : column;
        }
        final StringBuilder text = new StringBuilder(harness).append(" options (with the values this run would use):");
        for (final Map.Entry<String, String> entry : lefts.entrySet())
        {
            final String left = entry.getValue();
            text.append(System.lineSeparator()).append("  ").append(left).append(" ".repeat(Math.max(0, column - left.length())))
                .append("  ").append(descriptions.get(entry.getKey()));
        }
        return text.toString();
    }

    private long number(final String name, final long defaultValue, final long min, final long max, final String description)
    {
        final String value = string(name, Long.toString(defaultValue), description);
        final Long number = parse(value, min, max);
        if (number == null)
        {
            misread(name, value, "a whole number" + atLeast(min));
            return defaultValue;
        }
        return number;
    }

    private long[] numbers(
        final String name, final String defaultValue, final long min, final long max, final String description)
    {
        final String value = string(name, defaultValue, description);
        final String[] items = value.split(",", -1);
        final long[] numbers = new long[items.length];
        for (int i = 0; i < items.length; i++)
        {
            final Long number = parse(items[i].trim(), min, max);
            if (number == null)
            {
                misread(name, value, "a comma-separated list of whole numbers" + atLeast(min));
                // the harness exits in requireAllUsed: until then, as if the option were absent
                return value.equals(defaultValue) ? new long[0] : Arrays.stream(defaultValue.split(","))
                    .mapToLong(item -> Long.parseLong(item.trim().replace("_", ""))).toArray();
            }
            numbers[i] = number;
        }
        return numbers;
    }

    /** @return the number, or null if {@code value} is not a whole number from {@code min} to {@code max}. */
    private static Long parse(final String value, final long min, final long max)
    {
        try
        {
            final long number = Long.parseLong(value.replace("_", ""));
            return number >= min && number <= max ? number : null;
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }

    private static String atLeast(final long min)
    {
        return min == Long.MIN_VALUE || min == Integer.MIN_VALUE ? "" : " >= " + min;
    }

    private double decimal(
        final String name, final double defaultValue, final double min, final boolean minExcluded, final double max,
        final String expected, final String description)
    {
        final String value = string(name, Double.toString(defaultValue), description);
        try
        {
            final double number = Double.parseDouble(value);
            if (Double.isFinite(number) && (minExcluded ? number > min : number >= min) && number <= max)
            {
                return number;
            }
        }
        catch (final NumberFormatException ex)
        {
            // reported below
        }
        misread(name, value, expected);
        return defaultValue;
    }

    /** 0 rather than 0.0, as a user would write it. */
    private static String plain(final double number)
    {
        return number == Math.rint(number) && Math.abs(number) < 1e15 ? Long.toString((long)number) : Double.toString(number);
    }

    private static <E extends Enum<E>> E constant(final Class<E> type, final String item)
    {
        try
        {
            return Enum.valueOf(type, item.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }

    /** The description with the constants an enum option takes, so that --help shows them without a mistake first. */
    private static <E extends Enum<E>> String choices(final String description, final Class<E> type)
    {
        return description == null || description.isBlank() ? description : description + " (" + known(type) + ")";
    }

    private static <E extends Enum<E>> String known(final Class<E> type)
    {
        final List<String> known = new ArrayList<>();
        for (final E constant : type.getEnumConstants())
        {
            known.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return String.join(", ", known);
    }

    /** The first value that could not be read is the one reported; the caller goes on with its default until then. */
    private void misread(final String name, final String value, final String expected)
    {
        if (problem == null)
        {
            problem = "--" + name + " takes " + expected + ", got " + value;
        }
    }

    /** The options in effect, defaults included, for the run's header. */
    public String describe()
    {
        final StringBuilder text = new StringBuilder();
        for (final Map.Entry<String, String> entry : used.entrySet())
        {
            if (entry.getValue().isEmpty())
            {
                // An unset optional option (e.g. no --hgrm-dir): nothing to say.
                continue;
            }
            text.append(text.length() == 0 ? "" : " ").append("--").append(entry.getKey()).append(' ').append(entry.getValue());
        }
        return text.toString();
    }
}

package dev.tessera.perf.workload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options of the plain harnesses, Tessera's and exchange-core's ({@code --name value} or {@code --flag}), with defaults. Every
 * option a harness reads is echoed in its header, so a result file says how it was produced.
 *
 * <p>A harness reads its options, then calls {@link #requireAllUsed}: by then every option it knows has been asked for with
 * its default, which is what {@code --help} (or {@code -h}) prints. A mistake on the command line (an unknown option, a
 * value that is not a number, a number out of its range, a list with such an item, a word that is not true or false) is
 * reported there in one line naming the option and the value, followed by the options, exit status 2, not as a stack
 * trace: the harness reads every value through this class, with its bounds, before it runs anything.
 *
 * <p>{@value #CHECK_OPTIONS} makes {@link #requireAllUsed} exit 0 once the options are read and found good: the scripts in
 * {@code perf/bin} run it first, so a bad value is refused before they create a results directory.
 */
public final class HarnessArgs
{
    /** Read and check the options, run nothing: exit status 0 if they are good, 2 (with the message) if not. */
    public static final String CHECK_OPTIONS = "--check-options";

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> used = new LinkedHashMap<>();
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
            }
        }
        this.help = help;
        this.checkOnly = checkOnly;
    }

    /** {@code --name} alone, or {@code --name true|false}; false when absent. */
    public boolean flag(final String name)
    {
        return bool(name, false);
    }

    /** {@code true} or {@code false} (any case): anything else is a mistake, not a silent false. */
    public boolean bool(final String name, final boolean defaultValue)
    {
        final String value = string(name, Boolean.toString(defaultValue));
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))
        {
            return Boolean.parseBoolean(value);
        }
        misread(name, value, "true or false");
        return defaultValue;
    }

    public String string(final String name, final String defaultValue)
    {
        final String value = values.getOrDefault(name, defaultValue);
        used.put(name, value);
        return value;
    }

    public int integer(final String name, final int defaultValue)
    {
        return (int)number(name, defaultValue, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** A whole number of at least {@code min} (a count, a size, a rate). */
    public int integer(final String name, final int defaultValue, final int min)
    {
        return (int)number(name, defaultValue, min, Integer.MAX_VALUE);
    }

    public long longValue(final String name, final long defaultValue)
    {
        return number(name, defaultValue, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A whole number of at least {@code min}. */
    public long longValue(final String name, final long defaultValue, final long min)
    {
        return number(name, defaultValue, min, Long.MAX_VALUE);
    }

    /** A ring's size: a power of two from 2 to 2^30, as {@code PipelineConfig} takes it. */
    public int powerOfTwo(final String name, final int defaultValue)
    {
        final String value = string(name, Integer.toString(defaultValue));
        final Long number = parse(value, 2, 1 << 30);
        if (number == null || Long.bitCount(number) != 1)
        {
            misread(name, value, "a power of two from 2 to 2^30");
            return defaultValue;
        }
        return number.intValue();
    }

    /** A comma-separated list of whole numbers, each at least {@code min} ("10000,50_000"); not empty. */
    public long[] longs(final String name, final String defaultValue, final long min)
    {
        return numbers(name, defaultValue, min, Long.MAX_VALUE);
    }

    /** As {@link #longs}, of {@code int}s. */
    public int[] integers(final String name, final String defaultValue, final int min)
    {
        return Arrays.stream(numbers(name, defaultValue, min, Integer.MAX_VALUE)).mapToInt(number -> (int)number).toArray();
    }

    public double decimal(final String name, final double defaultValue)
    {
        return decimal(name, defaultValue, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, "a number");
    }

    /** A number of at least {@code min}, such as the seconds of a warm-up, which may be 0. */
    public double decimal(final String name, final double defaultValue, final double min)
    {
        return decimal(name, defaultValue, min, false, Double.POSITIVE_INFINITY, "a number >= " + plain(min));
    }

    /** A number above 0, such as the seconds a step is measured. */
    public double positive(final String name, final double defaultValue)
    {
        return decimal(name, defaultValue, 0, true, Double.POSITIVE_INFINITY, "a number > 0");
    }

    /** A number from 0 to 1. */
    public double fraction(final String name, final double defaultValue)
    {
        return decimal(name, defaultValue, 0, false, 1, "a number from 0 to 1");
    }

    /** A comma-separated list of enum constants (case-insensitive, dashes for underscores). */
    public <E extends Enum<E>> List<E> enums(final String name, final Class<E> type, final String defaultValue)
    {
        final String value = string(name, defaultValue);
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
    public <E extends Enum<E>> E optionalOneOf(final String name, final Class<E> type)
    {
        final String value = string(name, "");
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
    public <E extends Enum<E>> E oneOf(final String name, final Class<E> type, final E defaultValue)
    {
        final String value = string(name, defaultValue.name().toLowerCase(Locale.ROOT).replace('_', '-'));
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

    /** Every option the harness has read, with its default (or the value given). */
    public String usage(final String harness)
    {
        final StringBuilder text = new StringBuilder(harness).append(" options (with the values this run would use):");
        for (final Map.Entry<String, String> entry : used.entrySet())
        {
            text.append(System.lineSeparator()).append("  --").append(entry.getKey());
            text.append(entry.getValue().isEmpty() ? "  (not set)" : " " + entry.getValue());
        }
        return text.toString();
    }

    private long number(final String name, final long defaultValue, final long min, final long max)
    {
        final String value = string(name, Long.toString(defaultValue));
        final Long number = parse(value, min, max);
        if (number == null)
        {
            misread(name, value, "a whole number" + atLeast(min));
            return defaultValue;
        }
        return number;
    }

    private long[] numbers(final String name, final String defaultValue, final long min, final long max)
    {
        final String value = string(name, defaultValue);
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
        final String expected)
    {
        final String value = string(name, Double.toString(defaultValue));
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

package dev.tessera.perf.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of the plain harnesses, Tessera's and exchange-core's ({@code --name value} or {@code --flag}), with defaults. Every
 * option a harness reads is echoed in its header, so a result file says how it was produced.
 *
 * <p>A harness reads its options, then calls {@link #requireAllUsed}: by then every option it knows has been asked for with
 * its default, which is what {@code --help} (or {@code -h}) prints. A mistake on the command line (an unknown option, a
 * value that is not a number) is reported there in one line with the options, exit status 2, not as a stack trace.
 */
public final class HarnessArgs
{
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> used = new LinkedHashMap<>();
    private final boolean help;
    private String problem;

    public HarnessArgs(final String[] args)
    {
        boolean help = false;
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h"))
            {
                help = true;
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
    }

    public boolean flag(final String name)
    {
        return Boolean.parseBoolean(string(name, "false"));
    }

    public String string(final String name, final String defaultValue)
    {
        final String value = values.getOrDefault(name, defaultValue);
        used.put(name, value);
        return value;
    }

    public int integer(final String name, final int defaultValue)
    {
        return (int)number(name, Integer.toString(defaultValue), Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    public long longValue(final String name, final long defaultValue)
    {
        return number(name, Long.toString(defaultValue), Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public double decimal(final String name, final double defaultValue)
    {
        final String value = string(name, Double.toString(defaultValue));
        try
        {
            return Double.parseDouble(value);
        }
        catch (final NumberFormatException ex)
        {
            misread(name, value, "a number");
            return defaultValue;
        }
    }

    /** A comma-separated list of enum constants (case-insensitive, dashes for underscores). */
    public <E extends Enum<E>> List<E> enums(final String name, final Class<E> type, final String defaultValue)
    {
        final List<E> list = new ArrayList<>();
        for (final String item : string(name, defaultValue).split(","))
        {
            try
            {
                list.add(Enum.valueOf(type, item.trim().toUpperCase().replace('-', '_')));
            }
            catch (final IllegalArgumentException ex)
            {
                final List<String> known = new ArrayList<>();
                for (final E constant : type.getEnumConstants())
                {
                    known.add(constant.name().toLowerCase().replace('_', '-'));
                }
                misread(name, item, "one of " + String.join(", ", known));
            }
        }
        return list;
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

    private long number(final String name, final String defaultValue, final long min, final long max)
    {
        final String value = string(name, defaultValue);
        try
        {
            final long number = Long.parseLong(value.replace("_", ""));
            if (number >= min && number <= max)
            {
                return number;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        misread(name, value, "a whole number");
        return Long.parseLong(defaultValue);
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

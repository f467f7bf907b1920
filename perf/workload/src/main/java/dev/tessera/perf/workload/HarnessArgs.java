package dev.tessera.perf.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of the plain harnesses, Tessera's and exchange-core's ({@code --name value} or {@code --flag}), with defaults. Every
 * option a harness reads is echoed in its header, so a result file says how it was produced.
 */
public final class HarnessArgs
{
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> used = new LinkedHashMap<>();

    public HarnessArgs(final String[] args)
    {
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            if (!arg.startsWith("--"))
            {
                throw new IllegalArgumentException("expected --name [value], got " + arg);
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
        return Integer.parseInt(string(name, Integer.toString(defaultValue)).replace("_", ""));
    }

    public long longValue(final String name, final long defaultValue)
    {
        return Long.parseLong(string(name, Long.toString(defaultValue)).replace("_", ""));
    }

    public double decimal(final String name, final double defaultValue)
    {
        return Double.parseDouble(string(name, Double.toString(defaultValue)));
    }

    /** A comma-separated list of enum constants (case-insensitive, dashes for underscores). */
    public <E extends Enum<E>> List<E> enums(final String name, final Class<E> type, final String defaultValue)
    {
        final List<E> list = new ArrayList<>();
        for (final String item : string(name, defaultValue).split(","))
        {
            list.add(Enum.valueOf(type, item.trim().toUpperCase().replace('-', '_')));
        }
        return list;
    }

    /** Options given on the command line that no harness code asked for: a typo must not pass silently. */
    public void requireAllUsed()
    {
        for (final String name : values.keySet())
        {
            if (!used.containsKey(name))
            {
                throw new IllegalArgumentException("unknown option --" + name + " (known: " + used.keySet() + ")");
            }
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

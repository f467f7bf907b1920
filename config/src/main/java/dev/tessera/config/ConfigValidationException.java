package dev.tessera.config;

import java.util.List;

/**
 * The configuration cannot be used. Carries every problem found, each naming the key path from
 * the file root and the offending value, so that one run shows everything there is to fix.
 */
public final class ConfigValidationException extends RuntimeException
{
    private final List<String> problems;

    public ConfigValidationException(final List<String> problems)
    {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order the configuration was read. */
    public List<String> problems()
    {
        return problems;
    }

    private static String message(final List<String> problems)
    {
        if (problems.isEmpty())
        {
            throw new IllegalArgumentException("a validation failure needs at least one problem");
        }
        final StringBuilder message = new StringBuilder("Invalid configuration, ")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem:" : " problems:");
        for (final String problem : problems)
        {
            message.append('\n').append("  ").append(problem);
        }
        return message.toString();
    }
}

package dev.tessera.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Includes of the user's file, each of which must name something that is there. Typesafe Config skips an
 * {@code include "x"} or {@code include file("x")} whose file is missing without a word (QA 102 #2): a
 * {@code secrets/sessions.conf} not deployed left the embedded demo sessions and their published passwords in
 * force. A missing include is reported here as a problem naming the file as resolved and the including file and
 * line; what is there is included by Typesafe's own includer, as before. {@code include required("x")} of a missing
 * file gets the same message rather than Typesafe's "resource not found on classpath", which named the fallback it
 * tried last, not the file next to the configuration that was meant.
 */
final class RequiredIncluder implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath
{
    /** The extensions Typesafe tries, in its order, for a name that has none of them. */
    private static final List<String> EXTENSIONS = List.of(".conf", ".json", ".properties");
    /** The URL an include line writes, in its quotes. */
    private static final Pattern WRITTEN_URL = Pattern.compile("url\\(\\s*\"([^\"]*)\"");

    /**
     * The file each include being parsed is in, innermost last; null for one that is no file (a classpath resource,
     * a URL), whose own includes are left to Typesafe. Shared by the copies {@link #withFallback} makes.
     */
    private final List<Path> including;
    private final Problems problems;
    private final ConfigIncluder fallback;

    RequiredIncluder(final Path file, final Problems problems)
    {
        this(new ArrayList<>(List.of(file)), problems, null);
    }

    private RequiredIncluder(final List<Path> including, final Problems problems, final ConfigIncluder fallback)
    {
        this.including = including;
        this.problems = problems;
        this.fallback = fallback;
    }

    @Override
    public ConfigIncluder withFallback(final ConfigIncluder fallback)
    {
        // Typesafe hands its default includer again for every file parsed: keep one chain.
        return fallback == this.fallback ? this : new RequiredIncluder(including, problems, fallback);
    }

    /** {@code include "x"} and {@code include required("x")}: a file beside the including one, else a resource. */
    @Override
    public ConfigObject include(final ConfigIncludeContext context, final String name)
    {
        final Path current = including.get(including.size() - 1);
        if (current == null)
        {
            return fallback.include(context, name);
        }
        final Path named = path(name, () -> statement(current, name, Form.PLAIN_OR_REQUIRED), current,
            Form.PLAIN_OR_REQUIRED);
        if (named == null)
        {
            return empty();
        }
        final Path base = named.isAbsolute() ? named : current.resolveSibling(named);
        if (anyExists(candidates(base)))
        {
            return within(base, () -> fallback.include(context, name));
        }
        if (onClasspath(name))
        {
            return within(null, () -> fallback.include(context, name));
        }
        problems.add(statement(current, name, Form.PLAIN_OR_REQUIRED) + ": " + missing(base) + " (nor a resource of that name on the classpath); an include " +
            "that names nothing would leave its settings at their defaults" + where(current, name, Form.PLAIN_OR_REQUIRED));
        return empty();
    }

    /** {@code include file("x")}: as Typesafe reads it, relative to the working directory. */
    @Override
    public ConfigObject includeFile(final ConfigIncludeContext context, final File what)
    {
        final Path current = including.get(including.size() - 1);
        final String statement = statement(current, what.getPath(), Form.FILE);
        final Path named = path(what.getPath(), () -> statement, current, Form.FILE);
        if (named == null)
        {
            return empty();
        }
        final Path base = named.toAbsolutePath().normalize();
        if (anyExists(candidates(base)))
        {
            return within(base, () -> ((ConfigIncluderFile)fallback).includeFile(context, what));
        }
        problems.add(statement + ": " + missing(base) + (named.isAbsolute() ? "" : " (file() is relative to the " +
            "working directory, " + Path.of("").toAbsolutePath() + "; a plain include \"...\" is relative to the file " +
            "it is in)") + where(current, what.getPath(), Form.FILE));
        return empty();
    }

    @Override
    public ConfigObject includeResources(final ConfigIncludeContext context, final String name)
    {
        if (onClasspath(name))
        {
            return within(null, () -> ((ConfigIncluderClasspath)fallback).includeResources(context, name));
        }
        final Path current = including.get(including.size() - 1);
        problems.add(statement(current, name, Form.CLASSPATH) + ": there is no resource " + name + " on the classpath" +
            where(current, name, Form.CLASSPATH));
        return empty();
    }

    @Override
    public ConfigObject includeURL(final ConfigIncludeContext context, final URL url)
    {
        try
        {
            return within(null, () -> ((ConfigIncluderURL)fallback)
                .includeURL(context.setParseOptions(context.parseOptions().setAllowMissing(false)), url));
        }
        catch (final ConfigException.IO e)
        {
            // A file: URL is named by its file; another's reason is Typesafe's, its Java exception name cut off.
            final boolean missingFile = "file".equals(url.getProtocol()) && !Files.exists(Path.of(url.getPath()));
            final String why = missingFile ? "the file " + url.getPath() + " does not exist" :
                "it cannot be read: " + e.getMessage().replaceFirst("^.*?(java\\.\\S+Exception: )", "");
            final Path current = including.get(including.size() - 1);
            problems.add(urlStatement(line(current, url.getPath(), Form.URL), url) + ": " + why +
                where(current, url.getPath(), Form.URL));
            return empty();
        }
    }

    private ConfigObject within(final Path file, final Supplier<ConfigObject> include)
    {
        including.add(file);
        try
        {
            return include.get();
        }
        finally
        {
            including.remove(including.size() - 1);
        }
    }

    /**
     * The include statement as written: Typesafe hands {@code include "x"} and {@code include required("x")} alike,
     * and {@code required(file("x"))} as {@code file("x")} (QA 117 C1), so the line written says which.
     */
    private static String statement(final Path current, final String name, final Form form)
    {
        return statement(line(current, name, form), form.written(name));
    }

    /** {@code include} and {@code named}, within {@code required(...)} when {@code line} (null: none) says so. */
    private static String statement(final String line, final String named)
    {
        return "include " + (line != null && line.contains("required(") ? "required(" + named + ")" : named);
    }

    /**
     * An include of a URL as written: Typesafe hands the includer {@code file:/x} for {@code file:///x}, and no word of
     * {@code required(...)} (QA 124).
     */
    private static String urlStatement(final String line, final URL url)
    {
        final Matcher written = line == null ? null : WRITTEN_URL.matcher(line);
        return statement(line, Form.URL.written(written != null && written.find() ? written.group(1) : url.toString()));
    }

    private Path path(final String name, final Supplier<String> statement, final Path current, final Form form)
    {
        try
        {
            return Path.of(name);
        }
        catch (final InvalidPathException e)
        {
            problems.add(statement.get() + ": not a valid path: " + e.getReason() + where(current, name, form));
            return null;
        }
    }

    /** The files Typesafe reads for {@code base}: itself when it has a known extension, else each extension's. */
    private static List<Path> candidates(final Path base)
    {
        final String text = base.toString();
        if (EXTENSIONS.stream().anyMatch(text::endsWith))
        {
            return List.of(base);
        }
        return EXTENSIONS.stream().map(extension -> Path.of(text + extension)).toList();
    }

    private static boolean anyExists(final List<Path> candidates)
    {
        return candidates.stream().anyMatch(Files::exists);
    }

    private static String missing(final Path base)
    {
        final List<Path> candidates = candidates(base);
        return candidates.size() == 1 ? "the file " + base + " does not exist" :
            "none of the files " + base + ".conf, .json or .properties exists";
    }

    private static boolean onClasspath(final String name)
    {
        final ClassLoader context = Thread.currentThread().getContextClassLoader();
        final ClassLoader loader = context != null ? context : RequiredIncluder.class.getClassLoader();
        final String resource = name.startsWith("/") ? name.substring(1) : name;
        final List<String> names = EXTENSIONS.stream().anyMatch(resource::endsWith) ? List.of(resource) :
            EXTENSIONS.stream().map(extension -> resource + extension).toList();
        return names.stream().anyMatch(candidate -> loader.getResource(candidate) != null);
    }

    private static ConfigObject empty()
    {
        return ConfigFactory.empty().root();
    }

    /** How an include statement names what it includes: the line that says it is found by its form too. */
    private enum Form
    {
        PLAIN_OR_REQUIRED, FILE, URL, CLASSPATH;

        /** How an include of this form names {@code name}, without {@code required(...)}. */
        String written(final String name)
        {
            final String quoted = "\"" + name + "\"";
            return switch (this)
            {
                case PLAIN_OR_REQUIRED -> quoted;
                case FILE -> "file(" + quoted + ")";
                case URL -> "url(" + quoted + ")";
                case CLASSPATH -> "classpath(" + quoted + ")";
            };
        }

        /** Whether {@code line} (null: none) is an include of this form naming {@code name}. */
        boolean names(final String line, final String name)
        {
            if (line == null || !line.contains("include"))
            {
                return false;
            }
            return switch (this)
            {
                // plain or required, not file(), url() or classpath() of the same name (QA 115 F5)
                case PLAIN_OR_REQUIRED -> line.contains("\"" + name + "\"") && !line.contains("file(") &&
                    !line.contains("url(") && !line.contains("classpath(");
                case FILE -> line.contains("file(") && line.contains("\"" + name + "\"");
                // A URL's path: the includer gets file:///x as file:/x, so the text written is matched by its end.
                case URL -> line.contains("url(") && line.contains(name + "\"");
                case CLASSPATH -> line.contains("classpath(") && line.contains("\"" + name + "\"");
            };
        }
    }

    /**
     * " (file: line)" of the include of this form naming {@code name}, as other problems say where a value was set:
     * Typesafe tells an includer neither, so the line is the first in the including file that includes that name so.
     */
    private static String where(final Path file, final String name, final Form form)
    {
        if (file == null)
        {
            return "";
        }
        final int line = lineNumber(file, name, form);
        return " (" + file + (line > 0 ? ": " + line : "") + ")";
    }

    /** The first line of {@code file} that includes {@code name} in this form, or null. */
    private static String line(final Path file, final String name, final Form form)
    {
        final int number = file == null ? 0 : lineNumber(file, name, form);
        try
        {
            return number == 0 ? null : Files.readAllLines(file, StandardCharsets.UTF_8).get(number - 1);
        }
        catch (final IOException | RuntimeException e)
        {
            return null;
        }
    }

    /** 1-based; 0 when no line is found (or the file cannot be read again: only the line is lost). */
    private static int lineNumber(final Path file, final String name, final Form form)
    {
        try
        {
            final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++)
            {
                if (form.names(lines.get(i), name))
                {
                    return i + 1;
                }
            }
        }
        catch (final IOException | RuntimeException e)
        {
            // the parser read it a moment ago
        }
        return 0;
    }
}

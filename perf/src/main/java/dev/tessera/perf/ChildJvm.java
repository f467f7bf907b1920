package dev.tessera.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one configuration of a harness in a fresh JVM, as JMH forks do: each pipeline configuration
 * gets its own JIT profile (a BatchEventProcessor that has seen three wait strategies is compiled
 * differently from one that has seen one) and its own heap, and a restart is measured cold, as a
 * real restart is. The child gets this JVM's own flags (so {@code @.mvn/jvm.config} reaches every
 * JVM) and class path; its stdout is echoed line by line and its {@code RESULT} lines are kept. A child
 * does not outlive this JVM: it is stopped on this JVM's shutdown ({@link Leftovers}) and ends by itself when
 * this JVM is killed outright ({@link ParentWatch}).
 */
final class ChildJvm
{
    static final String RESULT = "RESULT ";

    private ChildJvm()
    {
    }

    /** The outcome of one child: its exit status, its RESULT lines and its wall time from spawn to exit. */
    record Outcome(int exitStatus, List<String> results, long wallNanos)
    {
    }

    static Outcome run(final Class<?> main, final List<String> args, final long timeoutSeconds)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            // A recording or an agent of the parent is the parent's: two JVMs must not write one file.
            if (!flag.startsWith("-XX:StartFlightRecording") && !flag.startsWith("-agent") && !flag.startsWith("-javaagent"))
            {
                command.add(flag);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        // The child ends when this JVM is gone, however it went (ParentWatch); this JVM's shutdown hook stops it
        // on Ctrl-C or SIGTERM (Leftovers) and the child's own hook removes its journal.
        command.add(ParentWatch.class.getName());
        command.add(main.getName());
        command.addAll(args);

        final List<String> results = new ArrayList<>();
        final long start = System.nanoTime();
        final Process process;
        try
        {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + command, ex);
        }
        Leftovers.stopOnExit(process.toHandle());
        // The child's output is read on a thread of its own, so a child that hangs cannot hang us past the timeout.
        final Thread echo = new Thread(() ->
        {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = lines.readLine()) != null)
                {
                    System.out.println(line);
                    if (line.startsWith(RESULT))
                    {
                        synchronized (results)
                        {
                            results.add(line.substring(RESULT.length()));
                        }
                    }
                }
            }
            catch (final IOException ex)
            {
                System.out.println("[tessera-perf] lost the child's output: " + ex);
            }
        }, "child-output");
        echo.start();
        try
        {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                echo.join(TimeUnit.SECONDS.toMillis(5));
                throw new IllegalStateException(main.getSimpleName() + " " + args + " did not finish in " + timeoutSeconds + " s");
            }
            final long wall = System.nanoTime() - start;
            echo.join(TimeUnit.SECONDS.toMillis(10));
            synchronized (results)
            {
                return new Outcome(process.exitValue(), List.copyOf(results), wall);
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
        finally
        {
            if (!process.isAlive())
            {
                Leftovers.forget(process.toHandle());
            }
        }
    }

    /** {@code key=value} fields of a RESULT line. */
    static String field(final String result, final String key)
    {
        for (final String part : result.split(" "))
        {
            if (part.startsWith(key + "="))
            {
                return part.substring(key.length() + 1);
            }
        }
        throw new IllegalArgumentException("no " + key + " in " + result);
    }
}

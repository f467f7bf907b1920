package dev.tessera.perf.fix;

import dev.tessera.perf.Leftovers;
import dev.tessera.perf.ParentWatch;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway under test, in a JVM of its own ({@code dev.tessera.server.TesseraMain --config FILE}),
 * so the load generator and the gateway never share a heap, a JIT or a GC. Its output is echoed with
 * a {@code [gateway]} prefix; the port comes from its "... gateway listening on HOST:PORT" line.
 * {@link #close} sends SIGTERM (the gateway's orderly shutdown) and kills it only if that fails. The gateway
 * does not outlive this JVM: this JVM's shutdown hook stops it ({@link Leftovers}), and it shuts itself down when
 * this JVM is killed outright ({@link ParentWatch}).
 */
public final class GatewayProcess implements AutoCloseable
{
    private static final Pattern LISTENING = Pattern.compile("gateway listening on ([^\\s:]+):(\\d+)");
    private static final long CLOCK_TICK_NANOS = TimeUnit.SECONDS.toNanos(1) / 100;

    private final Process process;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final Thread echo;
    private volatile boolean stopping;

    private GatewayProcess(final List<String> command)
    {
        try
        {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + command, ex);
        }
        // Stopped (SIGTERM, then kill) by this JVM's shutdown hook if a signal ends the run before close().
        Leftovers.stopOnExit(process.toHandle());
        echo = new Thread(this::echo, "gateway-output");
        echo.setDaemon(true);
        echo.start();
    }

    /**
     * Starts the gateway and waits until it listens.
     *
     * @param jvmFlags  the gateway JVM's flags ({@code .mvn/jvm.config} among them), heap included
     * @param classpath a class path holding {@code dev.tessera.server.TesseraMain}
     */
    public static GatewayProcess start(final List<String> jvmFlags, final String classpath, final Path configFile, final Duration timeout)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(withParentWatch(classpath));
        // TesseraMain by way of ParentWatch: the gateway shuts down (as on SIGTERM) once this JVM is gone, even
        // when it was killed outright and no shutdown hook of ours ran; a gateway left listening on a port with
        // its journal open would go on taking a core from whatever runs next.
        command.add(ParentWatch.class.getName());
        command.add("dev.tessera.server.TesseraMain");
        command.add("--config");
        command.add(configFile.toString());
        System.out.println("[tessera-perf] starting the gateway: " + String.join(" ", command));
        final GatewayProcess gateway = new GatewayProcess(command);
        try
        {
            gateway.port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return gateway;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            gateway.close();
            throw new IllegalStateException("interrupted while the gateway started", ex);
        }
        catch (final ExecutionException ex)
        {
            // Its own output (echoed above) says why: a port in use, a bad option. A stack trace here adds nothing.
            gateway.close();
            final int status = exitStatus(gateway.process);
            throw new ExitedBeforeListening("the gateway exited" + (status >= 0 ? " with status " + status : "") +
                " before it listened: its output is above (a port in use? see its last lines)", status);
        }
        catch (final TimeoutException ex)
        {
            gateway.close();
            throw new IllegalStateException("the gateway did not report its port within " + timeout, ex);
        }
    }

    /** The exit status, or -1 if the process has not ended within 5 s. */
    private static int exitStatus(final Process process)
    {
        try
        {
            return process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : -1;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The gateway's JVM ended before it listened: the reason is in its output, which the run has echoed. */
    public static final class ExitedBeforeListening extends IllegalStateException
    {
        /** bin/tessera's exit status for an address it cannot listen on (a port in use). */
        public static final int CANNOT_LISTEN = 3;
        private static final long serialVersionUID = 1L;

        private final int status;

        ExitedBeforeListening(final String message, final int status)
        {
            super(message);
            this.status = status;
        }

        /** The gateway's exit status, -1 if unknown. */
        public int status()
        {
            return status;
        }
    }

    /**
     * The gateway's class path, then this JVM's entry that holds {@link ParentWatch} (benchmarks.jar) if it is not
     * there yet: the gateway's own classes come first, so it runs the jar it was given.
     */
    private static String withParentWatch(final String classpath)
    {
        try
        {
            final String watch = Path.of(ParentWatch.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            return Arrays.asList(classpath.split(File.pathSeparator)).contains(watch) ? classpath : classpath + File.pathSeparator + watch;
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException("cannot locate " + ParentWatch.class.getName(), ex);
        }
    }

    public int port()
    {
        return port.join();
    }

    public long pid()
    {
        return process.pid();
    }

    /** Whether the gateway's JVM is still running: the load generator ends a step once it is not. */
    public boolean alive()
    {
        return process.isAlive();
    }

    /**
     * How the gateway's JVM ended, for a run that lost it: "exited with status 137 (killed by signal 9)", after up to
     * {@code wait} for it to end; "closed every connection but is still running" if it has not.
     */
    public String ending(final Duration wait)
    {
        try
        {
            if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS))
            {
                return "closed every connection but is still running";
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "is gone";
        }
        final int status = process.exitValue();
        // A JVM ended by a signal exits with 128 + its number (137: SIGKILL, kill -9).
        return "exited with status " + status + (status > 128 && status < 160 ? " (killed by signal " + (status - 128) + ")" : "");
    }

    /** CPU time of the whole gateway JVM so far, ns (10 ms resolution). */
    public long cpuNanos()
    {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /**
     * CPU time of each of the gateway's threads so far, ns, by thread name (as the kernel keeps it:
     * the first 15 characters). Threads of one name are summed (e.g. GC workers).
     */
    public Map<String, Long> threadCpuNanos()
    {
        return perThread(task ->
        {
            final String stat = Files.readString(task.resolve("stat"));
            // pid (comm) state ... : comm may hold spaces and parentheses, so split after the last ')'.
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * CLOCK_TICK_NANOS;
        });
    }

    /**
     * Time each of the gateway's threads has spent runnable but waiting for a CPU (in the run queue),
     * ns, by name: how a busy 2-core machine turns into latency. From {@code /proc/.../schedstat}.
     */
    public Map<String, Long> threadRunQueueNanos()
    {
        return perThread(GatewayProcess::runQueueNanos);
    }

    /** Run-queue wait of the thread whose /proc directory this is (e.g. /proc/thread-self), ns; -1 if unknown. */
    public static long runQueueNanos(final Path task) throws IOException
    {
        // "<ns on a CPU> <ns waiting in the run queue> <time slices>"
        final String[] fields = Files.readString(task.resolve("schedstat")).trim().split(" ");
        return fields.length >= 2 ? Long.parseLong(fields[1]) : -1;
    }

    /** A value per gateway thread (read from its /proc/PID/task/TID directory), summed by thread name. */
    private Map<String, Long> perThread(final TaskReader reader)
    {
        final Map<String, Long> values = new LinkedHashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(process.pid()), "task")))
        {
            for (final Path task : tasks)
            {
                try
                {
                    values.merge(Files.readString(task.resolve("comm")).trim(), reader.read(task), Long::sum);
                }
                catch (final IOException | RuntimeException ex)
                {
                    // A thread that ended while we looked: it has nothing more to report.
                }
            }
        }
        catch (final IOException ex)
        {
            // No /proc (not Linux) or the process is gone: nothing to report.
        }
        return values;
    }

    @FunctionalInterface
    private interface TaskReader
    {
        long read(Path task) throws IOException;
    }

    /** SIGTERM, then up to 30 s for the orderly shutdown, then kill. Returns the exit status. */
    @Override
    public void close()
    {
        stopping = true;
        // Asked only of a gateway still running: one that has exited was stopped by someone else (QA 117 C4).
        final boolean asked = process.isAlive();
        process.destroy();
        try
        {
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                System.out.println("[tessera-perf] the gateway did not stop within 30 s of SIGTERM: killing it");
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            echo.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (!process.isAlive())
        {
            Leftovers.forget(process.toHandle());
        }
        port.completeExceptionally(new IllegalStateException("the gateway exited"));
        final String status = process.isAlive() ? "(still running)" : Integer.toString(process.exitValue());
        System.out.println("[tessera-perf] the gateway exited with status " + status +
            (!"143".equals(status) ? "" : asked ? " (ended by SIGTERM, as asked)" :
                " (ended by a SIGTERM the benchmark did not send)"));
    }

    private void echo()
    {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = lines.readLine()) != null)
            {
                System.out.println("[gateway] " + line);
                final Matcher matcher = LISTENING.matcher(line);
                if (!port.isDone() && matcher.find())
                {
                    port.complete(Integer.parseInt(matcher.group(2)));
                }
            }
        }
        catch (final IOException ex)
        {
            if (!stopping)
            {
                System.out.println("[tessera-perf] lost the gateway's output: " + ex);
            }
        }
        port.completeExceptionally(new IllegalStateException("the gateway exited before it listened"));
    }
}

package dev.tessera.crash;

import dev.tessera.config.Durability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The test's handle on one {@link CrashVictim} child JVM: starts it with the project's JVM flag file,
 * reads its stdout protocol on a thread, and kills it with SIGKILL.
 */
final class VictimProcess implements AutoCloseable
{
    /** {@link Process#exitValue()} of a process ended by a signal is 128 + the signal: SIGKILL is 9. */
    static final int SIGKILL_EXIT = 128 + 9;

    /** What the child reported after its own recovery. */
    record Ready(long recordSequence, long lastEventSequence, long stateHash, long commandSequence, long chainHash)
    {
    }

    /** The furthest record the child's consumer had seen. */
    record Published(long lastEventSequence, long recordSequence, long chainHash)
    {
        static final Published NOTHING = new Published(0, 0, 0);
    }

    private final Process process;
    private final Path stderr;
    private final long startNanos;
    private final Thread stdoutReader;
    private final CompletableFuture<Ready> ready = new CompletableFuture<>();
    private final CompletableFuture<Long> torn = new CompletableFuture<>();
    private final CompletableFuture<Published> firstPublished = new CompletableFuture<>();
    private final AtomicReference<Published> published = new AtomicReference<>(Published.NOTHING);
    private volatile long readyNanos;
    private volatile int publishedLines;

    private VictimProcess(final Process process, final Path stderr, final long startNanos)
    {
        this.process = process;
        this.stderr = stderr;
        this.startNanos = startNanos;
        this.stdoutReader = new Thread(this::readStdout, "victim-stdout-" + process.pid());
        this.stdoutReader.setDaemon(true);
        this.stdoutReader.start();
    }

    static VictimProcess start(
        final Path projectRoot,
        final Path journal,
        final long seed,
        final Durability durability,
        final int ratePerProducer,
        final String mode,
        final Path stderr)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The one JVM flag file: every JVM that loads Chronicle gets it, children included.
        command.add("@" + projectRoot.resolve(".mvn").resolve("jvm.config"));
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrashVictim.class.getName());
        command.add(journal.toString());
        command.add(Long.toString(seed));
        command.add(durability.name());
        command.add(Integer.toString(ratePerProducer));
        command.add(mode);
        try
        {
            final long start = System.nanoTime();
            final Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
                .start();
            return new VictimProcess(process, stderr, start);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + command, ex);
        }
    }

    private void readStdout()
    {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                final String[] fields = line.split(" ");
                switch (fields[0])
                {
                    case "READY":
                        readyNanos = System.nanoTime();
                        ready.complete(new Ready(Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                            Long.parseUnsignedLong(fields[3], 16), Long.parseLong(fields[4]),
                            Long.parseUnsignedLong(fields[5], 16)));
                        break;
                    case "PUBLISHED":
                        final Published next = new Published(Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                            Long.parseUnsignedLong(fields[3], 16));
                        if (next.recordSequence() < published.get().recordSequence())
                        {
                            throw new IllegalStateException("published position went backwards: " + line);
                        }
                        published.set(next);
                        publishedLines++;
                        firstPublished.complete(next);
                        break;
                    case "TORN":
                        torn.complete(Long.parseLong(fields[1]));
                        break;
                    default:
                        // other output (none expected) is ignored
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            ready.completeExceptionally(ex);
            torn.completeExceptionally(ex);
            firstPublished.completeExceptionally(ex);
        }
        ready.completeExceptionally(new IllegalStateException("victim exited before READY"));
        torn.completeExceptionally(new IllegalStateException("victim exited before TORN"));
        firstPublished.completeExceptionally(new IllegalStateException("victim exited before PUBLISHED"));
    }

    long pid()
    {
        return process.pid();
    }

    Ready awaitReady(final long timeoutMillis)
    {
        return await(ready, timeoutMillis, "READY");
    }

    /** Waits until the consumer has seen the first events of this run: the load is flowing. */
    Published awaitFirstPublished(final long timeoutMillis)
    {
        return await(firstPublished, timeoutMillis, "PUBLISHED");
    }

    long awaitTorn(final long timeoutMillis)
    {
        return await(torn, timeoutMillis, "TORN");
    }

    private <T> T await(final CompletableFuture<T> future, final long timeoutMillis, final String what)
    {
        try
        {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException ex)
        {
            throw new AssertionError("no " + what + " from victim " + pid() + " within " + timeoutMillis + " ms" +
                describe(), ex);
        }
        catch (final ExecutionException ex)
        {
            throw new AssertionError("victim " + pid() + " failed before " + what + describe(), ex.getCause());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }

    /** Nanoseconds from starting the JVM to its READY line. */
    long startToReadyNanos()
    {
        return readyNanos - startNanos;
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * SIGKILL: {@link Process#destroyForcibly()} sends SIGKILL on Linux; the exit value (128 + 9)
     * is returned so the caller can check that it really was a kill, not an exit.
     * Returns once the process is gone and all it wrote to stdout has been read.
     */
    int kill() throws InterruptedException
    {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS))
        {
            throw new AssertionError("victim " + pid() + " still alive 10 s after SIGKILL");
        }
        stdoutReader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    Published lastPublished()
    {
        return published.get();
    }

    int publishedLines()
    {
        return publishedLines;
    }

    /** The child's stderr so far, for failure messages. */
    String describe()
    {
        try
        {
            final String text = Files.exists(stderr) ? Files.readString(stderr) : "";
            final String tail = text.length() > 4000 ? "..." + text.substring(text.length() - 4000) : text;
            return (process.isAlive() ? " (alive)" : " (exit " + process.exitValue() + ")") + "; stderr:\n" + tail;
        }
        catch (final IOException ex)
        {
            return "; stderr unreadable: " + ex;
        }
    }

    /** Kills the child if it still runs (a failed test must not leave it behind). */
    @Override
    public void close()
    {
        if (process.isAlive())
        {
            process.destroyForcibly();
            try
            {
                process.waitFor(10, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}

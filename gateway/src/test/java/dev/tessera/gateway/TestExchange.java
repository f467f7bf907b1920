package dev.tessera.gateway;

import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.ExchangeConfigLoader;

import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole exchange (journal, pipeline, gateway) in the test JVM, on a free port and in a temporary
 * directory, with the embedded default instruments and sessions (CLIENT1, CLIENT2 and their demo
 * passwords). Restartable on the same port and data, as a real restart would be.
 */
final class TestExchange implements AutoCloseable
{
    final Path directory;
    final List<String> log = new CopyOnWriteArrayList<>();
    private final Map<String, String> overrides;
    private final EpochClock dayEndClock;
    /** Decides the journal's roll cycle: a test moves it to roll without waiting. */
    private TimeProvider journalTime = SystemTimeProvider.INSTANCE;
    private FixServer server;
    private int port;

    TestExchange(final Path directory, final Map<String, String> overrides)
    {
        this(directory, overrides, SystemEpochClock.INSTANCE);
    }

    TestExchange(final Path directory, final Map<String, String> overrides, final EpochClock dayEndClock)
    {
        this.directory = directory;
        this.overrides = overrides;
        this.dayEndClock = dayEndClock;
    }

    static TestExchange start(final Path directory)
    {
        return start(directory, Map.of());
    }

    static TestExchange start(final Path directory, final Map<String, String> overrides)
    {
        return start(directory, overrides, SystemEpochClock.INSTANCE);
    }

    /** With the clock that decides when the trading day ends; set {@code trading.dayEnd} in the overrides to use it. */
    static TestExchange start(final Path directory, final Map<String, String> overrides, final EpochClock dayEndClock)
    {
        final TestExchange exchange = new TestExchange(directory, overrides, dayEndClock);
        exchange.restart();
        return exchange;
    }

    ExchangeConfig config(final int port)
    {
        final java.util.HashMap<String, String> all = new java.util.HashMap<>(Map.of(
            "journal.directory", directory.resolve("journal").toString(),
            "journal.snapshotDirectory", directory.resolve("snapshots").toString(),
            "journal.archiveDirectory", directory.resolve("archive").toString(),
            "gateway.stateDirectory", directory.resolve("sessions").toString(),
            "gateway.port", Integer.toString(port),
            // Tests that run across 21:00 UTC must not see their DAY orders expire; day-end tests set it.
            "trading.dayEnd", "none"));
        all.putAll(overrides);
        return ExchangeConfigLoader.load(null, all);
    }

    /** With the clock that decides the journal's roll cycle, from the next (re)start on. */
    TestExchange journalTime(final TimeProvider time)
    {
        this.journalTime = time;
        return this;
    }

    /** Starts (again) on the same port and data. */
    void restart()
    {
        if (server != null)
        {
            server.close();
        }
        server = FixServer.start(config(port), line -> log.add(line), dayEndClock, journalTime);
        port = server.port();
    }

    void stop()
    {
        if (server != null)
        {
            server.close();
            server = null;
        }
    }

    int port()
    {
        return port;
    }

    /** Commands the running server's engine has processed since it started. */
    long commandsProcessed()
    {
        return server.commandsProcessed();
    }

    @Override
    public void close()
    {
        stop();
    }

    /**
     * Waits until the log holds {@code fragment} at least {@code times} times: server threads log after
     * they act (the day-end agent after its command is entered), so a client can see the effect first.
     */
    void awaitLog(final String fragment, final int times, final Duration timeout) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (log.stream().filter(line -> line.contains(fragment)).count() < times)
        {
            assertThat(System.nanoTime()).as("log line '%s' x%d; log: %s", fragment, times, log).isLessThan(deadlineNs);
            Thread.sleep(5);
        }
    }
}

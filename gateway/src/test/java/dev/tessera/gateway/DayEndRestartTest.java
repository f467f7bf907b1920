package dev.tessera.gateway;

import dev.tessera.config.ExchangeConfig;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.journal.Journal;
import dev.tessera.journal.Recovery;
import dev.tessera.journal.SnapshotStore;
import dev.tessera.pipeline.ExchangePipeline;
import dev.tessera.pipeline.OrderEntry;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which day end a restarted exchange owes, decided from the journal: the first one after the first
 * command since the last EndOfDay. The journal is written with chosen entry times (through a pipeline
 * on a test clock), then the whole server starts on it with a test clock for the day end.
 */
@Timeout(60)
class DayEndRestartTest
{
    private static final long MONDAY_NOON_MS = Instant.parse("2026-11-23T12:00:00Z").toEpochMilli();
    private static final long MONDAY_DAY_END_MS = Instant.parse("2026-11-23T21:00:00Z").toEpochMilli();
    private static final long TUESDAY_DAY_END_MS = Instant.parse("2026-11-24T21:00:00Z").toEpochMilli();
    private static final long OWNER = 1;
    /** OWNER is CLIENT1's: without cancel-on-disconnect its orders, left by the "crashed" server, stay for the day end. */
    private static final Map<String, String> DAY_END = Map.of("trading.dayEnd", "21:00", "gateway.cancelOnDisconnect",
        "false");

    @TempDir
    Path directory;

    private final CachedEpochClock clock = new CachedEpochClock();
    private TestExchange exchange;
    private long entryTimeNs;

    @AfterEach
    void stop()
    {
        if (exchange != null)
        {
            exchange.close();
        }
    }

    /**
     * The known gap, closed: DAY orders rest on Monday, the day end passes, an order comes in the few
     * milliseconds before the EndOfDay would be entered, and the server dies. The last journaled command
     * is after the day end, but Monday's trading day never ended: the restart ends it at once.
     */
    @Test
    void shouldEndTheDayAtOnceWhenCommandsFollowedTheDayEndButNoEndOfDay()
    {
        exchange = new TestExchange(directory, DAY_END, clock);
        journal(entry ->
        {
            enterAt(MONDAY_NOON_MS, () -> dayOrder(entry, 1));
            enterAt(MONDAY_NOON_MS + 1, () -> gtcOrder(entry, 2));
            enterAt(MONDAY_DAY_END_MS + 5, () -> dayOrder(entry, 3));
        });

        clock.update(MONDAY_DAY_END_MS + TimeUnit.SECONDS.toMillis(1));
        exchange.restart();

        awaitDayEndLine();
        exchange.stop();
        final MatchingEngine engine = recover();
        assertThat(engine.liveOrderCount()).as("both DAY orders expired, the GTC order stays").isEqualTo(1);
        assertThat(engine.firstEntrySinceEndOfDay()).isEqualTo(MatchingEngine.NO_ENTRY_SINCE_END_OF_DAY);
    }

    /** Commands after a journaled EndOfDay belong to the next trading day: a restart does not end it early. */
    @Test
    void shouldNotRepeatAJournaledEndOfDayForTheOrdersThatFollowedIt()
    {
        exchange = new TestExchange(directory, DAY_END, clock);
        journal(entry ->
        {
            enterAt(MONDAY_NOON_MS, () -> dayOrder(entry, 1));
            enterAt(MONDAY_DAY_END_MS + 10, () -> entry.endOfDay(0));
            enterAt(MONDAY_DAY_END_MS + 20, () -> dayOrder(entry, 2));
        });

        clock.update(MONDAY_DAY_END_MS + TimeUnit.MINUTES.toMillis(5));
        exchange.restart();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10 * DayEndAgent.CHECK_INTERVAL_MS));
        assertThat(exchange.log).noneMatch(line -> line.startsWith("day end:"));

        clock.update(TUESDAY_DAY_END_MS);
        awaitDayEndLine();
        exchange.stop();
        assertThat(recover().liveOrderCount()).as("Tuesday's DAY order expired at Tuesday's day end").isZero();
    }

    /** Runs {@code commands} through a pipeline over the exchange's journal, stamped with {@link #enterAt} times. */
    private void journal(final Consumer<OrderEntry> commands)
    {
        final ExchangeConfig config = exchange.config(0);
        try (Journal journal = Journal.open(config.journal()))
        {
            final Recovery.Result recovered = Recovery.recover(journal, config.instruments(), 1024, SnapshotStore.NONE,
                line -> { });
            try (ExchangePipeline pipeline = ExchangePipeline.start(config.pipeline(), journal, recovered.engine(),
                recovered.position(), new ExchangePipeline.Options().clock(() -> entryTimeNs)))
            {
                commands.accept(pipeline.orderEntry());
            }
        }
    }

    private void enterAt(final long epochMs, final LongSupplier command)
    {
        entryTimeNs = TimeUnit.MILLISECONDS.toNanos(epochMs);
        assertThat(command.getAsLong()).as("command sequence").isPositive();
    }

    private long dayOrder(final OrderEntry entry, final long clientOrderId)
    {
        return order(entry, clientOrderId, TimeInForce.DAY);
    }

    private long gtcOrder(final OrderEntry entry, final long clientOrderId)
    {
        return order(entry, clientOrderId, TimeInForce.GTC);
    }

    private long order(final OrderEntry entry, final long clientOrderId, final TimeInForce timeInForce)
    {
        final InstrumentConfig instrument = exchange.config(0).instruments().get(0);
        return entry.newOrder(OWNER, instrument.id(), clientOrderId, Side.BUY, OrderType.LIMIT, timeInForce, false,
            instrument.referencePrice(), 10);
    }

    private void awaitDayEndLine()
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (exchange.log.stream().noneMatch(line -> line.startsWith("day end:")) && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertThat(exchange.log).filteredOn(line -> line.startsWith("day end:")).hasSize(1);
    }

    private MatchingEngine recover()
    {
        final ExchangeConfig config = exchange.config(0);
        try (Journal journal = Journal.open(config.journal()))
        {
            return Recovery.recover(journal, config.instruments(), 1024, SnapshotStore.NONE, line -> { }).engine();
        }
    }
}

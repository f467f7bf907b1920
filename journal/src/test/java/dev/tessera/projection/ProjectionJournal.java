package dev.tessera.projection;

import dev.tessera.config.Durability;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.JournalConfig;
import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.RandomOrderFlow;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalPosition;
import dev.tessera.journal.JournalWriter;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.List;

/**
 * A journal written as the exchange writes it (a real engine runs each command, which is journaled
 * with its events), kept open so that tests can keep appending while projections read it.
 * Instruments 1 (XYZ) and 2 (ABC): price scale 2, tick 0.01, reference 100.00, no band.
 */
final class ProjectionJournal implements AutoCloseable
{
    static final int XYZ = 1;
    static final int ABC = 2;
    static final List<InstrumentConfig> INSTRUMENTS = List.of(
        new InstrumentConfig("XYZ", XYZ, 2, 1, 1, 1, 1_000_000, 10_000, 0, SelfTradePrevention.CANCEL_INCOMING),
        new InstrumentConfig("ABC", ABC, 2, 1, 1, 1, 1_000_000, 10_000, 0, SelfTradePrevention.NONE));
    /** 2026-11-22T12:00:00Z. */
    static final long NOON_NANOS = 1_795_348_800_000_000_000L;

    private final CommandEncoder encoder = new CommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
    private final MatchingEngine engine = new MatchingEngine(INSTRUMENTS);
    private final Journal journal;
    private final JournalWriter writer;
    private final RandomOrderFlow flow = new RandomOrderFlow(11, INSTRUMENTS);
    private long sequence;
    private long timestamp = NOON_NANOS;

    ProjectionJournal(final Path directory)
    {
        journal = Journal.open(new JournalConfig(directory, "FAST_DAILY", Durability.PROCESS));
        writer = journal.writer(JournalPosition.EMPTY);
    }

    Journal journal()
    {
        return journal;
    }

    long records()
    {
        return writer.lastRecordSequence();
    }

    /** Later commands are stamped from {@code epochNanos} on. */
    ProjectionJournal at(final long epochNanos)
    {
        timestamp = epochNanos;
        return this;
    }

    private ProjectionJournal append(final int length)
    {
        engine.onCommand(buffer, 0, length);
        writer.append(buffer, 0, length, engine.events());
        writer.endOfBatch();
        return this;
    }

    ProjectionJournal limit(
        final long owner, final int instrument, final long clientOrderId, final Side side, final long price, final long quantity)
    {
        return append(encoder.newOrder(buffer, 0, ++sequence, timestamp, owner, instrument, clientOrderId, side,
            OrderType.LIMIT, TimeInForce.GTC, false, price, quantity));
    }

    /** A DAY limit order: it expires at {@link #endOfDay}. */
    ProjectionJournal dayLimit(
        final long owner, final int instrument, final long clientOrderId, final Side side, final long price, final long quantity)
    {
        return append(encoder.newOrder(buffer, 0, ++sequence, timestamp, owner, instrument, clientOrderId, side,
            OrderType.LIMIT, TimeInForce.DAY, false, price, quantity));
    }

    /** Ends the trading day of every instrument. */
    ProjectionJournal endOfDay()
    {
        return append(encoder.endOfDay(buffer, 0, ++sequence, timestamp, 0));
    }

    ProjectionJournal cancel(final long owner, final long orderId, final long clientOrderId)
    {
        return append(encoder.cancelOrder(buffer, 0, ++sequence, timestamp, owner, orderId, 0, clientOrderId));
    }

    /** The owner's orders of every instrument; {@code clientOrderId} 0 is the gateway's own (cancel-on-disconnect). */
    ProjectionJournal massCancel(final long owner, final long clientOrderId)
    {
        return append(encoder.massCancel(buffer, 0, ++sequence, timestamp, owner, clientOrderId, 0));
    }

    ProjectionJournal replace(final long owner, final long orderId, final long clientOrderId, final long price, final long quantity)
    {
        return append(encoder.replaceOrder(buffer, 0, ++sequence, timestamp, owner, orderId, 0, clientOrderId, price, quantity));
    }

    /** The {@link RandomOrderFlow}, a millisecond apart. */
    ProjectionJournal random(final int commands)
    {
        for (int i = 0; i < commands; i++)
        {
            timestamp += 1_000_000;
            append(flow.next(buffer, ++sequence, timestamp, engine.lastOrderId()));
        }
        return this;
    }

    @Override
    public void close()
    {
        writer.close();
        journal.close();
    }
}

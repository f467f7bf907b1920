package dev.tessera.perf;

import dev.tessera.config.Durability;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.JournalConfig;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.EventAdapter;
import dev.tessera.engine.EventListener;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.engine.codec.TradeDecoder;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalPosition;
import dev.tessera.journal.JournalWriter;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.List;

/**
 * A real journal for tests, written as the exchange writes one: each command runs through a fresh engine and is
 * journaled with its events. Commands are given with the engine's encoder; sequence and time are stamped here.
 */
final class RecordedJournal implements AutoCloseable
{
    private static final long TIME_ORIGIN = 1_795_327_200_000_000_000L;

    private final MatchingEngine engine;
    private final Journal journal;
    private final JournalWriter writer;
    private final CommandEncoder encoder = new CommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
    private long sequence;

    RecordedJournal(final Path directory, final List<InstrumentConfig> instruments)
    {
        engine = new MatchingEngine(instruments);
        journal = Journal.open(new JournalConfig(directory, "FAST_DAILY", Durability.PROCESS), instruments); // as the exchange: its instruments.txt too
        writer = journal.writer(JournalPosition.EMPTY);
    }

    /** A command as {@link CommandEncoder} writes it, given the next sequence and time. */
    @FunctionalInterface
    interface Command
    {
        int encode(CommandEncoder encoder, MutableDirectBuffer buffer, long sequence, long timestamp);
    }

    /** Runs and journals one command; returns the events it produced in the recording. */
    int record(final Command command)
    {
        final long seq = ++sequence;
        final int length = command.encode(encoder, buffer, seq, TIME_ORIGIN + seq * 1_000_000);
        return record(buffer, length);
    }

    /** Runs and journals one encoded command (at offset 0); returns the events it produced. */
    int record(final UnsafeBuffer command, final int length)
    {
        final int events = engine.onCommand(command, 0, length);
        writer.append(command, 0, length, engine.events());
        return events;
    }

    int limit(final long owner, final int instrumentId, final long clientOrderId, final Side side, final TimeInForce timeInForce,
        final long price, final long quantity)
    {
        return record((e, b, seq, time) -> e.newOrder(b, 0, seq, time, owner, instrumentId, clientOrderId, side, OrderType.LIMIT,
            timeInForce, false, price, quantity));
    }

    int cancel(final long owner, final long orderId, final long origClientOrderId, final long clientOrderId)
    {
        return record((e, b, seq, time) -> e.cancelOrder(b, 0, seq, time, owner, orderId, origClientOrderId, clientOrderId));
    }

    int replace(final long owner, final long origClientOrderId, final long clientOrderId, final long price, final long quantity)
    {
        return record((e, b, seq, time) -> e.replaceOrder(b, 0, seq, time, owner, 0, origClientOrderId, clientOrderId, price,
            quantity));
    }

    MatchingEngine engine()
    {
        return engine;
    }

    @Override
    public void close()
    {
        writer.endOfBatch();
        writer.close();
        journal.close();
    }

    /** Trades among the events of an engine's last command. */
    static int trades(final MatchingEngine engine)
    {
        final int[] trades = new int[1];
        new EventAdapter().read(engine.events().buffer(), 0, engine.events().length(), new EventListener()
        {
            @Override
            public void onTrade(final TradeDecoder event)
            {
                trades[0]++;
            }
        });
        return trades[0];
    }
}

package dev.tessera.perf;

import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.EventBuffer;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

/**
 * One command and the events a real engine made of it, the bytes a journal record holds, for the
 * codec and journal-append benchmarks. A fresh engine on {@link BenchInstrument} gets {@link #LEVELS}
 * resting sells ({@link #MAKER}, one per tick above the mid), then the command:
 * <ul>
 *   <li>{@link #ADD}: a passive GTC buy one tick below the mid; one event (OrderAccepted), the
 *       commonest record of the mix;</li>
 *   <li>{@link #SWEEP}: an IOC buy ({@link #TAKER}) up to the third level for more than the three
 *       levels hold: five events (OrderAccepted, a Trade per level, OrderCancelled for the remainder).</li>
 * </ul>
 * {@link #events()} holds the command's events until the engine gets another command, which nothing
 * here sends. Order ids and event sequences are the engine's, from 1: makers are orders 1 to 3
 * (events 1 to 3), the command is order 4 and its events start at 4.
 */
final class MatchedCommand
{
    static final String ADD = "add";
    static final String SWEEP = "sweep";

    /** 2026-11-22T09:30:00Z in epoch nanoseconds; command {@code n} is stamped this plus {@code n}. */
    static final long START_TIMESTAMP = 1_795_339_800_000_000_000L;
    static final long MAKER = 1;
    static final long TAKER = BenchInstrument.TAKER_BASE + 1;
    static final int LEVELS = 3;
    static final long LEVEL_QUANTITY = 10;
    /** What the sweep leaves unfilled, cancelled as the IOC remainder. */
    static final long SWEEP_REMAINDER = 5;
    static final long SWEEP_QUANTITY = LEVELS * LEVEL_QUANTITY + SWEEP_REMAINDER;
    /** Maker {@code k} (1..LEVELS) has client order id this plus {@code k}. */
    static final long MAKER_CLIENT_ORDER_ID_BASE = 1_000;
    static final long COMMAND_CLIENT_ORDER_ID = 2_001;
    static final long COMMAND_ORDER_ID = LEVELS + 1;
    static final long COMMAND_SEQUENCE = LEVELS + 1;
    static final long COMMAND_TIMESTAMP = START_TIMESTAMP + COMMAND_SEQUENCE;

    final String kind;
    /** The command's bytes, from offset 0. */
    final UnsafeBuffer command = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
    final int commandLength;
    final int eventCount;
    private final MatchingEngine engine = new MatchingEngine(List.of(BenchInstrument.config()));

    MatchedCommand(final String kind)
    {
        this.kind = kind;
        final CommandEncoder encoder = new CommandEncoder();
        for (int level = 1; level <= LEVELS; level++)
        {
            final int length = encoder.newOrder(command, 0, level, START_TIMESTAMP + level, MAKER, BenchInstrument.ID,
                MAKER_CLIENT_ORDER_ID_BASE + level, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
                BenchInstrument.passivePrice(Side.SELL, level), LEVEL_QUANTITY);
            check(engine.onCommand(command, 0, length) == 1, "maker order " + level + " did not rest");
        }
        final int expectedEvents;
        switch (kind)
        {
            case ADD:
                commandLength = encoder.newOrder(command, 0, COMMAND_SEQUENCE, COMMAND_TIMESTAMP, MAKER, BenchInstrument.ID,
                    COMMAND_CLIENT_ORDER_ID, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                    BenchInstrument.passivePrice(Side.BUY, 1), LEVEL_QUANTITY);
                expectedEvents = 1;
                break;
            case SWEEP:
                commandLength = encoder.newOrder(command, 0, COMMAND_SEQUENCE, COMMAND_TIMESTAMP, TAKER, BenchInstrument.ID,
                    COMMAND_CLIENT_ORDER_ID, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, false,
                    BenchInstrument.passivePrice(Side.SELL, LEVELS), SWEEP_QUANTITY);
                expectedEvents = LEVELS + 2;
                break;
            default:
                throw new IllegalArgumentException("unknown kind " + kind + ": " + ADD + " or " + SWEEP);
        }
        eventCount = engine.onCommand(command, 0, commandLength);
        check(eventCount == expectedEvents, kind + " made " + eventCount + " events, not " + expectedEvents);
    }

    /** The command's events as the engine encoded them (SBE, back to back, from offset 0). */
    EventBuffer events()
    {
        return engine.events();
    }

    private static void check(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new IllegalStateException(what);
        }
    }
}

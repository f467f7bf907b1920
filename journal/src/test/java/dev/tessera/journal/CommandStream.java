package dev.tessera.journal;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic stream of realistic commands (orders around a mid that often cross, cancels and
 * replaces of earlier orders, the odd mass cancel) for journal and recovery tests; an all-instrument
 * EndOfDay where a test asks for one ({@link #endOfDayNext()}).
 */
final class CommandStream
{
    static final int INSTRUMENT = 1;
    static final List<InstrumentConfig> INSTRUMENTS = List.of(
        new InstrumentConfig("TEST", INSTRUMENT, 2, 1, 1, 1, 1_000_000, 10_000, 0, SelfTradePrevention.CANCEL_RESTING));

    private final SplittableRandom random;
    private final CommandEncoder encoder = new CommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
    private long sequence;
    private int length;
    private boolean endOfDayNext;

    CommandStream(final long seed)
    {
        this(seed, 0);
    }

    CommandStream(final long seed, final long lastSequence)
    {
        this.random = new SplittableRandom(seed);
        this.sequence = lastSequence;
    }

    static MatchingEngine newEngine()
    {
        return new MatchingEngine(INSTRUMENTS, 4096);
    }

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    int length()
    {
        return length;
    }

    long sequence()
    {
        return sequence;
    }

    /** Entry time of command {@code sequence}: a microsecond apart. */
    static long timestampOf(final long sequence)
    {
        return 1_700_000_000_000_000_000L + sequence * 1_000;
    }

    /** Makes the next command an EndOfDay of every instrument (it draws nothing from the random stream). */
    CommandStream endOfDayNext()
    {
        endOfDayNext = true;
        return this;
    }

    /** Encodes the next command into {@link #buffer()}. @return its length. */
    int next()
    {
        final long seq = ++sequence;
        final long timestamp = timestampOf(seq);
        if (endOfDayNext)
        {
            endOfDayNext = false;
            length = encoder.endOfDay(buffer, 0, seq, timestamp, 0);
            return length;
        }
        final long owner = 1 + random.nextInt(4);
        final int dice = random.nextInt(100);
        if (dice < 60)
        {
            final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            final TimeInForce tif = dice < 50 ? TimeInForce.GTC : dice < 55 ? TimeInForce.IOC : TimeInForce.FOK;
            length = encoder.newOrder(buffer, 0, seq, timestamp, owner, INSTRUMENT, seq, side, OrderType.LIMIT, tif,
                false, 9_990 + random.nextInt(21), 1 + random.nextInt(100));
        }
        else if (dice < 80)
        {
            length = encoder.cancelOrder(buffer, 0, seq, timestamp, owner, 1 + random.nextLong(Math.max(1, seq / 2)),
                0, seq);
        }
        else if (dice < 98)
        {
            length = encoder.replaceOrder(buffer, 0, seq, timestamp, owner, 1 + random.nextLong(Math.max(1, seq / 2)),
                0, seq, 9_990 + random.nextInt(21), 1 + random.nextInt(100));
        }
        else
        {
            length = encoder.massCancel(buffer, 0, seq, timestamp, owner, seq, 0);
        }
        return length;
    }
}

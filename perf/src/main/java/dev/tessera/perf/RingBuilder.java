package dev.tessera.perf;

import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.EventAdapter;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.OrderBook;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Set-up only. Encodes each generated command, runs it at once on a setup-only engine, feeds the
 * events to the {@link BookModel} (which is how the generator learns the book) and lets the
 * generator check that the command did exactly what it intended: any reject fails the setup.
 * Commands go first to the prologue (the start state), then after {@link #beginBody()} to the
 * cyclic body, where the depth seen before each position is recorded.
 */
final class RingBuilder
{
    static final long TIME_ORIGIN = 1_700_000_000_000_000_000L;

    private final String name;
    private final MatchingEngine engine = new MatchingEngine(List.of(BenchInstrument.config()));
    private final OrderBook book = engine.book(BenchInstrument.ID);
    private final BookModel model = new BookModel();
    private final EventAdapter adapter = new EventAdapter();
    private final CommandEncoder encoder = new CommandEncoder();
    private final long[] nextClientOrderId = new long[256];
    private final Map<String, int[]> kinds = new LinkedHashMap<>();

    private final ExpandableArrayBuffer prologue = new ExpandableArrayBuffer(1 << 20);
    private final IntArrayList prologueOffsets = new IntArrayList();
    private ExpandableArrayBuffer body;
    private final IntArrayList offsets = new IntArrayList();
    private final IntArrayList episodes = new IntArrayList();

    private final Trajectory.Recorder trajectory = new Trajectory.Recorder(engine, BenchInstrument.ID);

    private boolean inBody;
    private int prologueLength;
    private int bodyLength;
    private long sequence;
    private long bodyTrades;
    private long startFingerprint;
    private long startUnorderedFingerprint;
    private String kindName = "?";
    private int[] kindCount = new int[1];
    private int steadyEnd = -1;

    RingBuilder(final String name)
    {
        this.name = name;
        prologueOffsets.addInt(0);
        offsets.addInt(0);
    }

    BookModel model()
    {
        return model;
    }

    OrderBook book()
    {
        return book;
    }

    MatchingEngine engine()
    {
        return engine;
    }

    /** A client order id the owner has never used in this ring. */
    long nextClientOrderId(final long owner)
    {
        return ++nextClientOrderId[(int)owner];
    }

    /** Ends the prologue: the current state is the start state the body must return to. */
    void beginBody(final int expectedCommands)
    {
        check(!inBody, "beginBody twice");
        inBody = true;
        body = new ExpandableArrayBuffer(Math.max(1024, expectedCommands * 80));
        trajectory.begin();
        startFingerprint = Fingerprint.ordered(engine);
        startUnorderedFingerprint = Fingerprint.unordered(engine);
        episodes.addInt(0);
    }

    /** Labels the following commands for the composition summary. */
    RingBuilder kind(final String kind)
    {
        if (kind.equals(kindName))
        {
            return this;
        }
        kindName = kind;
        kindCount = kinds.computeIfAbsent(kind, k -> new int[1]);
        return this;
    }

    /** Marks the end of an episode (the measured unit of episode benchmarks). */
    void endEpisode()
    {
        episodes.addInt(offsets.size() - 1);
    }

    /** The body from here on only restores the start state: depth summaries stop here. */
    void markSteadyEnd()
    {
        steadyEnd = bodySize();
    }

    int bodySize()
    {
        return offsets.size() - 1;
    }

    // ------------------------------------------------------------------ commands

    BookModel newOrder(
        final long owner,
        final long clientOrderId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity)
    {
        final long seq = ++sequence;
        final ExpandableArrayBuffer buffer = target();
        buffer.checkLimit(position() + CommandEncoder.MAX_COMMAND_LENGTH);
        final int length = encoder.newOrder(buffer, position(), seq, timestamp(seq), owner, BenchInstrument.ID, clientOrderId,
            side, orderType, timeInForce, false, price, quantity);
        return run(length);
    }

    /** A GTC limit order that must rest without trading. */
    void passive(final long owner, final long clientOrderId, final Side side, final long price, final long quantity)
    {
        final BookModel result = newOrder(owner, clientOrderId, side, OrderType.LIMIT, TimeInForce.GTC, price, quantity);
        check(result.accepted == 1 && result.trades == 0 && result.cancelled == 0 && model.isLive(owner, clientOrderId),
            "passive order did not simply rest");
    }

    BookModel cancel(final long owner, final long origClientOrderId, final long clientOrderId)
    {
        final long seq = ++sequence;
        final ExpandableArrayBuffer buffer = target();
        buffer.checkLimit(position() + CommandEncoder.MAX_COMMAND_LENGTH);
        final int length =
            encoder.cancelOrder(buffer, position(), seq, timestamp(seq), owner, 0, origClientOrderId, clientOrderId);
        final BookModel result = run(length);
        check(result.cancelled == 1 && result.cancelled(dev.tessera.engine.codec.CancelReason.USER_REQUESTED) == 1,
            "cancel did not cancel");
        return result;
    }

    BookModel replace(
        final long owner, final long origClientOrderId, final long clientOrderId, final long price, final long quantity)
    {
        final long seq = ++sequence;
        final ExpandableArrayBuffer buffer = target();
        buffer.checkLimit(position() + CommandEncoder.MAX_COMMAND_LENGTH);
        final int length = encoder.replaceOrder(
            buffer, position(), seq, timestamp(seq), owner, 0, origClientOrderId, clientOrderId, price, quantity);
        return run(length);
    }

    BookModel massCancel(final long owner, final long clientOrderId)
    {
        final long seq = ++sequence;
        final ExpandableArrayBuffer buffer = target();
        buffer.checkLimit(position() + CommandEncoder.MAX_COMMAND_LENGTH);
        final int length = encoder.massCancel(buffer, position(), seq, timestamp(seq), owner, clientOrderId, BenchInstrument.ID);
        return run(length);
    }

    private BookModel run(final int length)
    {
        final ExpandableArrayBuffer buffer = target();
        final int offset = position();
        if (inBody)
        {
            trajectory.record(bodyTrades);
        }
        model.beginCommand();
        final int count = engine.onCommand(buffer, offset, length);
        check(count > 0, "engine did not recognise the command");
        final int read = adapter.read(engine.events().buffer(), 0, engine.events().length(), model);
        check(read == count, "event count mismatch");
        model.endCommand();
        check(model.rejected == 0, "unexpected rejection: " + model.firstRejection);
        if (inBody)
        {
            bodyTrades += model.trades;
            bodyLength += length;
            offsets.addInt(bodyLength);
        }
        else
        {
            prologueLength += length;
            prologueOffsets.addInt(prologueLength);
        }
        kindCount[0]++;
        return model;
    }

    private ExpandableArrayBuffer target()
    {
        return inBody ? body : prologue;
    }

    private int position()
    {
        return inBody ? bodyLength : prologueLength;
    }

    private static long timestamp(final long sequence)
    {
        return TIME_ORIGIN + sequence * 1_000L;
    }

    void check(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new IllegalStateException(name + ": " + (inBody ? "body command " + bodySize() : "prologue command " +
                (prologueOffsets.size() - 1)) +  " [" + kindName + "]: " + what);
        }
    }

    // ------------------------------------------------------------------ build

    /**
     * @param exactPriority true when the body must end in exactly the start book (same time priority);
     *                      false when the same orders, prices and quantities in any queue order suffice
     *                      (rings without trades, where queue order changes no outcome).
     */
    Ring build(final boolean exactPriority)
    {
        check(inBody && bodySize() > 0, "empty body");
        trajectory.record(bodyTrades);
        final Trajectory path = trajectory.build();
        final int n = bodySize();
        check(path.live[n] == path.live[0] && path.bidLevels[n] == path.bidLevels[0] &&
            path.askLevels[n] == path.askLevels[0], "body does not end at the start depth");
        if (exactPriority)
        {
            check(Fingerprint.ordered(engine) == startFingerprint, "body does not end in the start book");
        }
        else
        {
            check(Fingerprint.unordered(engine) == startUnorderedFingerprint, "body does not end with the start orders");
        }
        if (episodes.getInt(episodes.size() - 1) != n)
        {
            endEpisode();
        }
        final int[] episodeArray = episodes.size() > 2 ? episodes.toIntArray() : null;
        return new Ring(
            name,
            new UnsafeBuffer(Arrays.copyOf(prologue.byteArray(), prologueLength)),
            prologueOffsets.toIntArray(),
            new UnsafeBuffer(Arrays.copyOf(body.byteArray(), bodyLength)),
            offsets.toIntArray(),
            episodeArray,
            path,
            startFingerprint,
            steadyEnd < 0 ? n : steadyEnd,
            composition(n));
    }

    private String composition(final int n)
    {
        final StringBuilder text = new StringBuilder();
        text.append(String.format("%,d commands:", n));
        for (final Map.Entry<String, int[]> entry : kinds.entrySet())
        {
            if (!entry.getKey().startsWith("prologue"))
            {
                text.append(String.format(" %s %.2f%%", entry.getKey(), 100.0 * entry.getValue()[0] / n));
            }
        }
        return text.toString();
    }
}

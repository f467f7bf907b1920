package dev.tessera.engine;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.EngineDriver.RestingOrder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import org.agrona.ExpandableDirectByteBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live engine and a replica that follows it, checked after every command. The replica follows in
 * one of two ways: {@link Mode#APPLY_EVENTS} applies the live engine's events (recovery from the
 * journal); {@link Mode#RUN_COMMANDS} runs the same command bytes itself and must write the same
 * event bytes, which proves the rebuilt state also behaves the same (owner lists, indexes, counters
 * are all observable through later commands).
 */
final class ReplicaHarness
{
    enum Mode
    {
        APPLY_EVENTS,
        RUN_COMMANDS
    }

    private final List<InstrumentConfig> instruments;
    private final MatchingEngine live;
    private MatchingEngine replica;
    private Mode mode = Mode.APPLY_EVENTS;

    private final CommandEncoder encoder = new CommandEncoder();
    private final EventRecorder recorder = new EventRecorder();
    /** The events the replica's apply hands on, one decode serving it and a projection beside it. */
    private final EventRecorder handedOn = new EventRecorder();
    private final ExpandableDirectByteBuffer command = new ExpandableDirectByteBuffer(256);
    private long sequence;
    private String lastCommand = "(none)";

    ReplicaHarness(final List<InstrumentConfig> instruments)
    {
        this.instruments = List.copyOf(instruments);
        this.live = new MatchingEngine(instruments, 1024);
        this.replica = new MatchingEngine(instruments, 1024);
    }

    ReplicaHarness(final InstrumentConfig... instruments)
    {
        this(List.of(instruments));
    }

    MatchingEngine live()
    {
        return live;
    }

    MatchingEngine replica()
    {
        return replica;
    }

    List<InstrumentConfig> instruments()
    {
        return instruments;
    }

    /** From now on the replica runs every command itself; its events must equal the live engine's, byte for byte. */
    ReplicaHarness runCommandsOnBoth()
    {
        mode = Mode.RUN_COMMANDS;
        return this;
    }

    ReplicaHarness applyEvents()
    {
        mode = Mode.APPLY_EVENTS;
        return this;
    }

    /** Replaces the replica with a fresh engine restored from a detached export of the live engine. */
    ExportedState restoreReplicaFromSnapshot()
    {
        final ExportedState snapshot = ExportedState.of(live);
        replica = MatchingEngine.restore(instruments, 1024, snapshot);
        assertSameState("after restoring the snapshot");
        return snapshot;
    }

    // ------------------------------------------------------------------ commands

    List<EngineEvent> limit(
        final long owner, final int instrumentId, final long clientOrderId, final Side side, final long price,
        final long quantity)
    {
        return newOrder(owner, instrumentId, clientOrderId, side, OrderType.LIMIT, TimeInForce.GTC, false, price, quantity);
    }

    List<EngineEvent> newOrder(
        final long owner, final int instrumentId, final long clientOrderId, final Side side, final OrderType orderType,
        final TimeInForce timeInForce, final boolean postOnly, final long price, final long quantity)
    {
        final long seq = ++sequence;
        lastCommand = "NewOrder(owner " + owner + ", instrument " + instrumentId + ", clOrdId " + clientOrderId + ", " +
            side + " " + orderType + " " + timeInForce + (postOnly ? " post-only" : "") + ", " + quantity + " @ " + price + ")";
        return run(encoder.newOrder(command, 0, seq, EngineDriver.TIME_ORIGIN + seq, owner, instrumentId, clientOrderId,
            side, orderType, timeInForce, postOnly, price, quantity));
    }

    /** Cancel by {@code orderId}, or when it is 0 by {@code origClientOrderId}. */
    List<EngineEvent> cancel(final long owner, final long orderId, final long origClientOrderId, final long clientOrderId)
    {
        final long seq = ++sequence;
        lastCommand = "Cancel(owner " + owner + ", orderId " + orderId + ", origClOrdId " + origClientOrderId + ")";
        return run(encoder.cancelOrder(command, 0, seq, EngineDriver.TIME_ORIGIN + seq, owner, orderId,
            origClientOrderId, clientOrderId));
    }

    /** Replace by {@code orderId}, or when it is 0 by {@code origClientOrderId}; {@link CommandEncoder#UNCHANGED} keeps a value. */
    List<EngineEvent> replace(
        final long owner, final long orderId, final long origClientOrderId, final long clientOrderId, final long price,
        final long quantity)
    {
        final long seq = ++sequence;
        lastCommand = "Replace(owner " + owner + ", orderId " + orderId + ", origClOrdId " + origClientOrderId +
            ", clOrdId " + clientOrderId + ", price " + unchanged(price) + ", qty " + unchanged(quantity) + ")";
        return run(encoder.replaceOrder(command, 0, seq, EngineDriver.TIME_ORIGIN + seq, owner, orderId,
            origClientOrderId, clientOrderId, price, quantity));
    }

    List<EngineEvent> massCancel(final long owner, final long clientOrderId, final int instrumentId)
    {
        final long seq = ++sequence;
        lastCommand = "MassCancel(owner " + owner + ", instrument " + instrumentId + ")";
        return run(encoder.massCancel(command, 0, seq, EngineDriver.TIME_ORIGIN + seq, owner, clientOrderId, instrumentId));
    }

    List<EngineEvent> endOfDay(final int instrumentId)
    {
        final long seq = ++sequence;
        lastCommand = "EndOfDay(instrument " + instrumentId + ")";
        return run(encoder.endOfDay(command, 0, seq, EngineDriver.TIME_ORIGIN + seq, instrumentId));
    }

    private static String unchanged(final long value)
    {
        return value == CommandEncoder.UNCHANGED ? "unchanged" : Long.toString(value);
    }

    private List<EngineEvent> run(final int length)
    {
        final int count = live.onCommand(command, 0, length);
        assertThat(count).as("live engine event count").isPositive();
        final byte[] liveBytes = bytes(live);
        final String when = "after command #" + sequence + " " + lastCommand;
        if (mode == Mode.APPLY_EVENTS)
        {
            replica.apply(live.events().buffer(), 0, live.events().length(), handedOn);
            assertThat(handedOn.take()).as("events the replica handed on %s", when)
                .isEqualTo(recorder.decode(live.events()));
        }
        else
        {
            replica.onCommand(command, 0, length);
            final byte[] replicaBytes = bytes(replica);
            if (!Arrays.equals(liveBytes, replicaBytes))
            {
                throw new AssertionError("event bytes differ " + when +
                    "\n  live:    " + recorder.decode(live.events()) +
                    "\n  replica: " + recorder.decode(replica.events()));
            }
        }
        assertSameState(when);
        return recorder.decode(live.events());
    }

    private static byte[] bytes(final MatchingEngine engine)
    {
        final byte[] bytes = new byte[engine.events().length()];
        engine.events().buffer().getBytes(0, bytes);
        return bytes;
    }

    // ------------------------------------------------------------------ state comparison

    /** Same hash, same L3, same counters, and the same export (owner ranks, time in force, post-only...). */
    void assertSameState(final String when)
    {
        for (final InstrumentConfig instrument : instruments)
        {
            assertThat(restingOrders(replica, instrument.id()))
                .as("L3 of instrument %d %s", instrument.id(), when)
                .isEqualTo(restingOrders(live, instrument.id()));
            assertThat(live.book(instrument.id()).orderCount()).as("order count of instrument %d %s", instrument.id(),
                when).isEqualTo(restingOrders(live, instrument.id()).size());
        }
        assertThat(ExportedState.of(replica)).as("exported state %s", when).isEqualTo(ExportedState.of(live));
        assertThat(replica.lastOrderId()).as("last order id %s", when).isEqualTo(live.lastOrderId());
        assertThat(replica.lastEventSequence()).as("last event sequence %s", when).isEqualTo(live.lastEventSequence());
        assertThat(replica.liveOrderCount()).as("live order count %s", when).isEqualTo(live.liveOrderCount());
        assertThat(replica.firstEntrySinceEndOfDay()).as("first entry since the end of day %s", when)
            .isEqualTo(live.firstEntrySinceEndOfDay());
        assertThat(replica.stateHash()).as("state hash %s", when).isEqualTo(live.stateHash());
    }

    static List<RestingOrder> restingOrders(final MatchingEngine engine, final int instrumentId)
    {
        final List<RestingOrder> orders = new ArrayList<>();
        engine.book(instrumentId).forEachOrder((side, price, orderId, owner, clientOrderId, quantity, leaves) ->
            orders.add(new RestingOrder(side, price, orderId, owner, clientOrderId, quantity, leaves)));
        return orders;
    }
}

package dev.tessera.perf;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.perf.workload.Workload;
import dev.tessera.pipeline.OrderEntry;
import org.agrona.MutableDirectBuffer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Workload} entered through a pipeline's {@link OrderEntry}, as a gateway thread would, or encoded
 * into a ring slot ({@link #encode}): first its prologue (the start book), then its cyclic body over and
 * over. The workload is the realistic mix of {@link Rings#mixed} (the exchange-core mix on a 500-level,
 * ~10,400-order book) or a recorded journal's commands ({@link JournalWorkload}), exported by
 * {@link WorkloadExport}: the same engine-neutral form the exchange-core peer runs. {@code OrderEntry} encodes
 * each command itself (with the pipeline's own sequence and entry time).
 *
 * <p>One producing thread only: the body replays the exported path only when its commands reach the
 * engine in order (a replace names an order by the client id an earlier command gave it). Then
 * {@link #verify} can check the engine against the path the export's reference engine recorded.
 */
final class MixFeed
{
    private final String name;
    private final Workload workload;
    private final Trajectory trajectory;
    private final InstrumentConfig instrument;
    private final String composition;
    private final String depthSummary;

    /** Commands entered; written by the producer only, read by anyone (release store, no fence per command). */
    private final AtomicLong entered = new AtomicLong();

    MixFeed(final Ring ring)
    {
        this(ring.name, WorkloadExport.of(ring), BenchInstrument.config(), ring.composition, ring.depthSummary());
    }

    /**
     * @param instrument what the workload runs on in every Tessera engine (its id is in every new order).
     */
    MixFeed(final String name, final WorkloadExport.Exported exported, final InstrumentConfig instrument,
        final String composition, final String depthSummary)
    {
        this.name = name;
        this.workload = exported.workload();
        this.trajectory = exported.trajectory();
        this.instrument = instrument;
        this.composition = composition;
        this.depthSummary = depthSummary;
    }

    Workload workload()
    {
        return workload;
    }

    InstrumentConfig instrument()
    {
        return instrument;
    }

    /**
     * Enters command {@code n} of the endless sequence (prologue once, then the body over and over).
     *
     * @return its command sequence, or {@link OrderEntry#BUSY} / {@link OrderEntry#CLOSED} (nothing entered).
     */
    long enter(final OrderEntry entry, final long n)
    {
        final int i = workload.position(n);
        final long owner = workload.owner(i);
        final long result;
        switch (workload.kind(i))
        {
            case Workload.PLACE:
                result = entry.newOrder(owner, instrument.id(), workload.clientOrderId(i),
                    WorkloadEncoding.side(workload.side(i)), OrderType.LIMIT, WorkloadEncoding.timeInForce(workload.timeInForce(i)),
                    false, workload.price(i), workload.quantity(i));
                break;
            case Workload.CANCEL:
                result = entry.cancelOrder(owner, 0, workload.origClientOrderId(i), workload.clientOrderId(i));
                break;
            case Workload.MOVE:
                result = entry.replaceOrder(owner, 0, workload.origClientOrderId(i), workload.clientOrderId(i), workload.price(i),
                    CommandEncoder.UNCHANGED);
                break;
            default:
                result = entry.replaceOrder(owner, 0, workload.origClientOrderId(i), workload.clientOrderId(i),
                    CommandEncoder.UNCHANGED, workload.quantity(i));
                break;
        }
        if (result >= 0)
        {
            entered.lazySet(n + 1);
        }
        return result;
    }

    /** Encodes command {@code n} (see {@link #enter}) as the engine's SBE; returns its length. */
    int encode(final CommandEncoder encoder, final MutableDirectBuffer buffer, final int offset, final long n, final long sequence,
        final long timestamp)
    {
        final int i = workload.position(n);
        entered.lazySet(n + 1);
        return WorkloadEncoding.encode(encoder, buffer, offset, sequence, timestamp, instrument.id(), workload.kind(i),
            workload.side(i), workload.timeInForce(i), workload.owner(i), workload.clientOrderId(i), workload.origClientOrderId(i),
            workload.price(i), workload.quantity(i));
    }

    /**
     * Enters the next command of the mix.
     *
     * @return its command sequence, or {@link OrderEntry#BUSY} / {@link OrderEntry#CLOSED} (nothing
     *         entered; the same command is offered again on the next call).
     */
    long enterNext(final OrderEntry entry)
    {
        return enter(entry, entered.get());
    }

    /** Starts again from the prologue, for a fresh engine. */
    void reset()
    {
        entered.set(0);
    }

    /** Commands entered so far (prologue included). */
    long entered()
    {
        return entered.get();
    }

    int prologueCount()
    {
        return workload.prologueCount();
    }

    int bodyCount()
    {
        return workload.bodyCount();
    }

    String composition()
    {
        return composition;
    }

    String depthSummary()
    {
        return depthSummary;
    }

    /** Checks an engine that has processed the first {@code commands} commands of this feed: see {@link Trajectory#verify}. */
    void verify(final MatchingEngine engine, final long commands)
    {
        trajectory.verify(engine, instrument.id(), workload.prologueCount(), commands, name);
    }

    /** The realistic mix on a ring of {@code operations} body operations (plus its ~1% restoring tail). */
    static MixFeed mixed(final int operations)
    {
        final Ring ring = Rings.mixed(operations);
        ring.requireRealisticDepth();
        return new MixFeed(ring);
    }
}

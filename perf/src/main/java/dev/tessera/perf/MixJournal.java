package dev.tessera.perf;

import dev.tessera.config.Durability;
import dev.tessera.config.PipelineConfig;
import dev.tessera.config.WaitStrategy;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalPosition;
import dev.tessera.journal.Recovery;
import dev.tessera.pipeline.ExchangePipeline;
import dev.tessera.pipeline.OrderEntry;

import java.nio.file.Path;
import java.util.List;

/**
 * Set-up of the recovery benchmarks: a real journal of the realistic mix, written the way the
 * exchange writes it (the pipeline, PROCESS durability), until it holds at least the wanted number of
 * events. The engine that wrote it is checked against the mix's simulated trajectory, and its state
 * hash is what every replay of the journal must reproduce.
 */
final class MixJournal
{
    static final int RING_SIZE = 65_536;

    private MixJournal()
    {
    }

    /**
     * @param directory     the journal's directory (created; must be empty).
     * @param records       commands journaled.
     * @param events        events journaled.
     * @param stateHash     the writing engine's {@code stateHash()} at the end.
     * @param liveOrders    resting orders at the end.
     * @param seconds       wall time of the generation.
     */
    record Generated(Path directory, long records, long events, long stateHash, int liveOrders, double seconds)
    {
        /** A replay from the start (no snapshot) applied every record and event and rebuilt the writer's state. */
        boolean rebuiltBy(final Recovery.Result result)
        {
            return result.recordsReplayed() == records && result.eventsReplayed() == events &&
                result.engine().stateHash() == stateHash;
        }

        /** A read found every record and event: {@code counts} as {@link ReplayBenchmark#readOnly} answers them. */
        boolean readWhole(final long[] counts)
        {
            return counts[0] == records && counts[1] == events;
        }
    }

    static Generated generate(final MixFeed feed, final Path parent, final long targetEvents) throws InterruptedException
    {
        final Path directory = PipelineRig.temporaryDirectory(parent, "tessera-perf-replay-");
        feed.reset();
        final long start = System.nanoTime();
        try (Journal journal = Journal.open(PipelineRig.journalConfig(directory, Durability.PROCESS)))
        {
            final MatchingEngine engine = new MatchingEngine(List.of(BenchInstrument.config()), MatchingEngine.DEFAULT_EXPECTED_ORDERS);
            final ExchangePipeline pipeline = ExchangePipeline.start(new PipelineConfig(RING_SIZE, WaitStrategy.BLOCKING),
                journal, engine, JournalPosition.EMPTY, new ExchangePipeline.Options());
            final OrderEntry entry = pipeline.orderEntry();
            long entered = 0;
            // The published event sequence only moves per batch: check it every few thousand commands.
            while ((entered & 4095) != 0 || pipeline.published().eventSequence() < targetEvents)
            {
                final long result = feed.enterNext(entry);
                if (result == OrderEntry.BUSY)
                {
                    Thread.yield();
                }
                else if (result == OrderEntry.CLOSED)
                {
                    throw new IllegalStateException("the pipeline stopped while writing the journal", pipeline.failure());
                }
                else if (result == OrderEntry.JOURNAL_FULL)
                {
                    throw new IllegalStateException("the journal's file system is nearly full");
                }
                else
                {
                    entered++;
                }
            }
            pipeline.close();
            if (pipeline.failure() != null)
            {
                throw new IllegalStateException("the engine thread stopped", pipeline.failure());
            }
            final long records = pipeline.commandsProcessed();
            if (records != feed.entered())
            {
                throw new IllegalStateException(String.format("%,d commands entered, %,d journaled", feed.entered(), records));
            }
            feed.verify(engine, records);
            final Generated generated = new Generated(directory, records, engine.lastEventSequence(), engine.stateHash(),
                engine.liveOrderCount(), (System.nanoTime() - start) / 1e9);
            System.out.printf("[tessera-perf] journal %s: %,d records, %,d events (%.2f per command), %,d live orders, " +
                    "state hash %016x; written in %.1f s (%,.0f commands/s, pipeline with no consumer); %,d bytes on disk%n",
                directory, records, generated.events(), (double)generated.events() / records, generated.liveOrders(),
                generated.stateHash(), generated.seconds(), records / generated.seconds(), PipelineRig.diskBytes(directory));
            return generated;
        }
    }
}

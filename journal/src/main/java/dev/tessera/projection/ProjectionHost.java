package dev.tessera.projection;

import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalReader;
import dev.tessera.journal.JournalRecord;
import dev.tessera.journal.tools.JournalScan;
import dev.tessera.journal.tools.ProgressBar;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves one projection from a journal and keeps it up to date, with blue-green deployment of a new
 * version: {@link #deploy} starts building the new projection from record 1 beside the serving one,
 * each {@link #poll} moves the serving one on with the live journal and the new one on towards the
 * serving one's position (never past it), and once the new one has reached it, the next poll switches
 * {@link #serving()} to it atomically and drops the old one. Queries never see a half-built
 * projection, and nothing here touches the engine: the journal is only read.
 * <p>
 * One thread calls {@link #poll}, {@link #deploy} and {@link #close}; any thread may call
 * {@link #serving()} and query what it returns.
 */
public final class ProjectionHost<P extends Projection> implements AutoCloseable
{
    /** Records applied per projection per {@link #poll}, unless told otherwise. */
    public static final int DEFAULT_POLL_LIMIT = 4096;

    private final Journal journal;
    private final AtomicReference<P> serving = new AtomicReference<>();
    private JournalReader servingReader;
    private long servingIndex = -1;
    private P candidate;
    private JournalReader candidateReader;
    private long candidateIndex = -1;
    private long switches;

    /** Serves {@code first}, which must be new: it is built from record 1 by the polls. */
    public ProjectionHost(final Journal journal, final P first)
    {
        this.journal = journal;
        this.serving.set(first);
        this.servingReader = journal.reader();
    }

    /** Builds a projection from scratch: every record of the journal from record 1, verified. */
    public static <T extends Projection> T rebuild(final Journal journal, final T projection, final ProgressBar progress)
    {
        JournalScan.scan(journal, progress, record ->
        {
            projection.onRecord(record);
            return true;
        });
        return projection;
    }

    /**
     * As {@link #rebuild}, from the first record the journal still holds: for a journal whose start was archived,
     * where the projection can only cover what is left.
     *
     * @return the number of records applied.
     */
    public static long rebuildAvailable(final Journal journal, final Projection projection, final ProgressBar progress)
    {
        return JournalScan.scanAvailable(journal, progress, record ->
        {
            projection.onRecord(record);
            return true;
        });
    }

    /** What queries read now. */
    public P serving()
    {
        return serving.get();
    }

    /** The projection being built beside the serving one, or null. */
    public P candidate()
    {
        return candidate;
    }

    /** Blue-green switches done so far. */
    public long switches()
    {
        return switches;
    }

    /**
     * Starts building {@code next} (new, empty) from record 1 beside the serving projection; it
     * replaces any candidate not yet switched to.
     */
    public void deploy(final P next)
    {
        closeCandidate();
        candidate = next;
        candidateReader = journal.reader();
        candidateIndex = -1;
    }

    /**
     * One duty cycle: up to {@code limit} new records into the serving projection, up to
     * {@code limit} into the candidate (no further than the serving one), then the switch if the
     * candidate has caught up.
     *
     * @return records applied, both projections together.
     */
    public int poll(final int limit)
    {
        final P live = serving.get();
        // Whole documents, so that "no further than the serving one's index" is no further than its record.
        int applied = servingReader.pollDocuments(record -> servingIndex = apply(live, record), limit, JournalReader.ANY_INDEX);
        if (candidate != null)
        {
            final P next = candidate;
            applied += candidateReader.pollDocuments(record -> candidateIndex = apply(next, record), limit, servingIndex);
            if (next.recordSequence() == live.recordSequence())
            {
                switchToCandidate();
            }
        }
        return applied;
    }

    /** Polls until neither projection has anything left to read (and the switch, if due, is done). */
    public void catchUp()
    {
        while (poll(DEFAULT_POLL_LIMIT) > 0)
        {
            // until both are at the end of what the journal holds
        }
    }

    private static <T extends Projection> long apply(final T projection, final JournalRecord record)
    {
        projection.onRecord(record);
        return record.index();
    }

    private void switchToCandidate()
    {
        final JournalReader oldReader = servingReader;
        servingReader = candidateReader;
        servingIndex = candidateIndex;
        serving.set(candidate);
        candidate = null;
        candidateReader = null;
        switches++;
        oldReader.close();
    }

    private void closeCandidate()
    {
        if (candidateReader != null)
        {
            candidateReader.close();
            candidateReader = null;
        }
        candidate = null;
    }

    @Override
    public void close()
    {
        closeCandidate();
        servingReader.close();
    }
}

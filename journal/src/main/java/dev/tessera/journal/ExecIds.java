package dev.tessera.journal;

/**
 * ExecID(17) of an execution report made from a journaled event: the one rule the FIX gateway numbers its reports by
 * and the journal tools show (a trade's in {@code project trades}), so that a back office matches the two without
 * arithmetic. The number is {@code 4 * event sequence + role}; in a journal generation after the first (a
 * {@code journal repair} cut records, {@link JournalGenerations}) the text carries the generation of the event's
 * record first, {@code <generation>-<number>}, as those events reuse the cut ones' sequences.
 */
public final class ExecIds
{
    /** The event's one report (an ack, a cancel, a replace, a reject). */
    public static final int ROLE_REPORT = 1;
    /** The maker's report of a trade. */
    public static final int ROLE_MAKER = 2;
    /** The taker's report of a trade. */
    public static final int ROLE_TAKER = 3;
    /** Between the generation and the number, from generation 1 on. */
    public static final char GENERATION_SEPARATOR = '-';

    private ExecIds()
    {
    }

    /** The number of a report's ExecID: unique per report within a journal generation, the same when regenerated. */
    public static long number(final long eventSequence, final int role)
    {
        return eventSequence << 2 | role;
    }

    /**
     * The whole ExecID as text: the number alone in generation 0 (a journal never cut), else the generation,
     * {@link #GENERATION_SEPARATOR} and the number.
     *
     * @param generation the generation of the event's record, {@link JournalGenerations#generationOf}
     */
    public static String text(final int generation, final long eventSequence, final int role)
    {
        final long number = number(eventSequence, role);
        return generation == 0 ? Long.toString(number) : generation + String.valueOf(GENERATION_SEPARATOR) + number;
    }
}

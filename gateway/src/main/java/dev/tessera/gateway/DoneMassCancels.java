package dev.tessera.gateway;

/**
 * The mass cancels the report projection has seen lately, by owner and ClOrdID, so that a possible resend of one
 * (PossDupFlag=Y or PossResend=Y: after a power cut took the session's record of it, say) is answered with its
 * report instead of being executed again, which would also cancel the orders the client entered after it.
 *
 * <p>The window is {@link DoneOrders}'s: a mass cancel is remembered while it is among the last {@link #CAPACITY}
 * and completed no more than {@code eventWindow} events before the one asking, so a projection started at a snapshot
 * early enough for the done orders knows the same ones. Each of the ring's entries is allocated on first use and then
 * reused; the index grows to its high-water mark. All on the projection's thread.
 */
final class DoneMassCancels
{
    /** Mass cancels are rare: far more than a session sends within any window worth asking about. */
    static final int CAPACITY = 1024;

    /** One completed mass cancel: what its report said. */
    static final class Entry
    {
        long owner;
        long clOrdId;
        int instrumentId;
        int cancelledCount;
        long eventSequence;
        long timestamp;
    }

    private final Entry[] ring = new Entry[CAPACITY];
    private final IdIndex<Entry> byClOrdId = new IdIndex<>();
    private final long eventWindow;
    private int next;

    DoneMassCancels(final long eventWindow)
    {
        this.eventWindow = eventWindow;
    }

    /** The engine completed the owner's mass cancel {@code clOrdId} at event {@code eventSequence}. */
    void add(final long owner, final long clOrdId, final int instrumentId, final int cancelledCount,
        final long eventSequence, final long timestamp)
    {
        if (eventWindow == 0)
        {
            return;
        }
        Entry entry = ring[next];
        if (entry == null)
        {
            // Made on first use: a resend's projection, built afresh each time, makes only the ones it meets.
            entry = new Entry();
            ring[next] = entry;
        }
        else
        {
            byClOrdId.remove(entry.owner, entry.clOrdId, entry); // not if a newer one reused the ClOrdID
        }
        next = (next + 1) % CAPACITY;
        entry.owner = owner;
        entry.clOrdId = clOrdId;
        entry.instrumentId = instrumentId;
        entry.cancelledCount = cancelledCount;
        entry.eventSequence = eventSequence;
        entry.timestamp = timestamp;
        byClOrdId.put(owner, clOrdId, entry);
    }

    /** The owner's mass cancel {@code clOrdId} if remembered at event {@code atEventSequence}, else {@code null}. */
    Entry find(final long owner, final long clOrdId, final long atEventSequence)
    {
        final Entry entry = byClOrdId.get(owner, clOrdId);
        return entry != null && entry.eventSequence >= atEventSequence - eventWindow ? entry : null;
    }
}

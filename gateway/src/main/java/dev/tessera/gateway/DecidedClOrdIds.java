package dev.tessera.gateway;

/**
 * Every ClOrdID the engine decided a new order under, accepted ({@code OrderAccepted}) or rejected ({@code
 * OrderRejected}), by owner, as far back as the journal goes: what a possibly resent NewOrderSingle (PossDupFlag or
 * PossResend) is checked against when the order it may repeat is neither live nor among the done orders remembered
 * in full ({@link DoneOrders}, a window of events that a busy venue passes in seconds). Without it, a client that
 * resends an order after its own crash, once that order was done and forgotten, would get a second order; and one
 * the engine rejected would be decided a second time, perhaps accepted, after the client was told it was rejected
 * (the engine keeps nothing of a rejected order, so no other record of it exists).
 *
 * <p>A blocked Bloom filter: each key sets {@link #HASHES} bits within one cache line of a fixed array. "No" is
 * certain, so a decided order's resend is never entered twice; "maybe" is wrong for about one key in 10^6 at a
 * million orders held and one in 200 at ten million, and then costs the client a BusinessMessageReject of a new
 * order it sent as a possible resend, which it may send again without the flag. Allocated once; adding and asking
 * allocate nothing and touch one cache line. All on the gateway thread.
 *
 * <p>What it holds is complete only once the journal before the projection's start (a snapshot) has been read into
 * it ({@link #complete()}): until then a "no" is not certain, and the caller must say it cannot tell.
 */
final class DecidedClOrdIds
{
    /** 2^27 bits, 16 MiB: a day of ten million orders at about one wrong "maybe" in 200. */
    static final int DEFAULT_BITS_LOG2 = 27;

    private static final int BLOCK_BITS_LOG2 = 9; // 512 bits: one 64-byte cache line
    private static final int HASHES = 4;

    private final long[] bits;
    private final int blockShift;
    private boolean complete;

    /**
     * @param bitsLog2 the filter's size as a power of two, at least one block (9); tests use a small one.
     * @param complete whether every order decided before the projection's start is already known (none were: it
     *                 starts at the journal's first record).
     */
    DecidedClOrdIds(final int bitsLog2, final boolean complete)
    {
        if (bitsLog2 < BLOCK_BITS_LOG2 || bitsLog2 > 34)
        {
            throw new IllegalArgumentException("bitsLog2 " + bitsLog2 + " is not within 9 to 34");
        }
        this.bits = new long[1 << (bitsLog2 - 6)];
        this.blockShift = 64 - (bitsLog2 - BLOCK_BITS_LOG2);
        this.complete = complete;
    }

    void add(final long owner, final long clOrdId)
    {
        final long hash = hash(owner, clOrdId);
        final int block = block(hash);
        for (int i = 0; i < HASHES; i++)
        {
            final int bit = bitInBlock(hash, i);
            bits[block + (bit >>> 6)] |= 1L << bit;
        }
    }

    /** False when the engine decided no order of {@code owner} under {@code clOrdId} (if {@link #complete()}). */
    boolean mightHave(final long owner, final long clOrdId)
    {
        final long hash = hash(owner, clOrdId);
        final int block = block(hash);
        for (int i = 0; i < HASHES; i++)
        {
            final int bit = bitInBlock(hash, i);
            if ((bits[block + (bit >>> 6)] & (1L << bit)) == 0)
            {
                return false;
            }
        }
        return true;
    }

    /** Whether the orders decided before the projection's start are all in. */
    boolean complete()
    {
        return complete;
    }

    void markComplete()
    {
        complete = true;
    }

    private int block(final long hash)
    {
        // The hash's top bits pick the block (a multiple of its 8 longs); the low bits, apart from them, the bits.
        return blockShift == 64 ? 0 : (int)(hash >>> blockShift) << (BLOCK_BITS_LOG2 - 6);
    }

    private static int bitInBlock(final long hash, final int i)
    {
        return (int)(hash >>> (i * BLOCK_BITS_LOG2)) & ((1 << BLOCK_BITS_LOG2) - 1);
    }

    /** MurmurHash3's 64-bit finaliser over both keys: ClOrdIDs are often sequential, owners few. */
    private static long hash(final long owner, final long clOrdId)
    {
        long h = owner * 0x9E3779B97F4A7C15L ^ clOrdId;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB93FE3D4E53BL;
        h ^= h >>> 33;
        return h;
    }
}

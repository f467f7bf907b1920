package dev.tessera.journal;

/**
 * The journal's running hash: each record's chainHash folds the previous one with the record's
 * checksum, so a changed, dropped, duplicated or reordered record is detected at that record.
 */
public final class JournalChain
{
    /** The chain value "before" the first record. */
    public static final long GENESIS = 0x7E55E2A_10C4A1L;
    private static final long PRIME_1 = 0x9E3779B97F4A7C15L;
    private static final long PRIME_2 = 0xC2B2AE3D27D4EB4FL;

    private JournalChain()
    {
    }

    public static long next(final long previousChainHash, final int checksum, final long recordSequence)
    {
        long h = previousChainHash ^ ((checksum & 0xFFFF_FFFFL) * PRIME_2) ^ (recordSequence * PRIME_1);
        h = Long.rotateLeft(h, 29) * PRIME_1;
        return h ^ (h >>> 32);
    }
}

package dev.tessera.engine;

/**
 * A deterministic 64-bit fold of engine state, so two engines (live and recovered, or recorded and
 * replayed) can be compared with one number. Not cryptographic; it only has to make an accidental
 * difference in any field change the result.
 */
final class StateHash
{
    static final long SEED = 0x7E55E2A0C0FFEE11L;
    private static final long PRIME_1 = 0x9E3779B97F4A7C15L;
    private static final long PRIME_2 = 0xC2B2AE3D27D4EB4FL;

    private StateHash()
    {
    }

    static long mix(final long hash, final long value)
    {
        long h = hash ^ (value * PRIME_2);
        h = Long.rotateLeft(h, 31) * PRIME_1;
        return h ^ (h >>> 29);
    }
}

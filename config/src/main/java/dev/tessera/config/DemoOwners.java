package dev.tessera.config;

/**
 * The owners of {@code bin/tessera --demo}'s orders: no session's, so that FIX clients never see them as their own. The
 * demo's maker ladder rests in the journal it writes (by default the exchange's), for clients to trade against, and
 * start-up lets orders of these owners rest with no session. So no session may have one ({@link Rules#session}).
 */
public final class DemoOwners
{
    public static final long MAKER = 901;
    public static final long TAKER = 902;

    private DemoOwners()
    {
    }

    public static boolean isDemoOwner(final long owner)
    {
        return owner == MAKER || owner == TAKER;
    }
}

package dev.tessera.gateway;

/**
 * The owners of {@code bin/tessera --demo}'s orders: no session's, so that FIX clients never see them as their own. The
 * demo's maker ladder rests in the journal it writes (by default the exchange's), for clients to trade against.
 */
public final class DemoOwners
{
    public static final long MAKER = 901;
    public static final long TAKER = 902;

    private DemoOwners()
    {
    }
}

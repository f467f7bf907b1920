package dev.tessera.perf.fix;

/**
 * What the load generator sends and how it waits.
 *
 * @param targetCompId        the gateway's CompID (TargetCompID of every message)
 * @param symbol              the instrument traded
 * @param priceDecimals       decimals of a price on the wire (2: 189.95)
 * @param referencePriceTicks the instrument's reference price in ticks of {@code 10^-priceDecimals}
 * @param maxOffsetTicks      orders rest 1 to this many ticks from the reference (inside the price band)
 * @param maxQuantity         order quantities are 1 to this
 * @param maxLiveOrders       live orders per session before the flow cancels one (see {@link OrderFlow})
 * @param seed                the order flows' seed; session i's flow is seeded from it and i
 * @param heartBtIntSeconds   HeartBtInt (108) sent at logon; idle sessions heartbeat at this interval
 * @param spin                when idle, spin ({@code Thread.onSpinWait}) rather than yield the CPU
 */
public record LoadSettings(
    String targetCompId, String symbol, int priceDecimals, long referencePriceTicks, int maxOffsetTicks, int maxQuantity,
    int maxLiveOrders, long seed, int heartBtIntSeconds, boolean spin)
{
}

package dev.tessera.gateway;

import org.agrona.concurrent.IdleStrategy;

/**
 * Spins briefly after work (the next message usually follows), then yields, then waits in the
 * selector, which a socket, a publish by the engine thread or the timer tick ends. No busy core
 * when idle, which matters on a shared 2-core machine, and no added latency for the first message
 * after a quiet spell beyond a selector wake-up.
 */
final class GatewayIdleStrategy implements IdleStrategy
{
    private static final int SPINS = 100;
    private static final int YIELDS = 50;

    private final GatewayAgent agent;
    private int idleCount;

    GatewayIdleStrategy(final GatewayAgent agent)
    {
        this.agent = agent;
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            reset();
        }
        else
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        idleCount++;
        if (idleCount <= SPINS)
        {
            Thread.onSpinWait();
        }
        else if (idleCount <= SPINS + YIELDS)
        {
            Thread.yield();
        }
        else
        {
            agent.awaitWork();
        }
    }

    @Override
    public void reset()
    {
        idleCount = 0;
    }

    @Override
    public String alias()
    {
        return "gateway-selector";
    }
}

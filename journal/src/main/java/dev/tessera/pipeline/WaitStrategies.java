package dev.tessera.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/** The configured wait strategy of the engine thread, as a Disruptor strategy. */
public final class WaitStrategies
{
    private WaitStrategies()
    {
    }

    public static WaitStrategy of(final dev.tessera.config.WaitStrategy configured)
    {
        switch (configured)
        {
            case BLOCKING:
                return new BlockingWaitStrategy();
            case SLEEPING:
                return new SleepingWaitStrategy();
            case YIELDING:
                return new YieldingWaitStrategy();
            case BUSY_SPIN:
                return new BusySpinWaitStrategy();
            default:
                throw new IllegalArgumentException("unknown wait strategy " + configured);
        }
    }
}

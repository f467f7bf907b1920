package dev.tessera.perf.fix;

import org.HdrHistogram.Histogram;

/**
 * What one step of a load run measured.
 *
 * @param targetRate       the scheduled rate (requests/s), 0 for a closed-loop (max throughput) step
 * @param window           requests in flight per session allowed (closed loop), 0 for a fixed-rate step
 * @param scheduled        requests scheduled in the step (fixed rate) or sent (closed loop)
 * @param unsent           scheduled requests never sent because the step fell too far behind
 * @param recorded         answers recorded in the measured window
 * @param achievedPerSecond answers per second in the measured window
 * @param slowestSecond    answers in the slowest whole second of the window (closed loop; -1 otherwise)
 * @param all              latency of every recorded request, ns: answer received - intended send time
 * @param newOrders        the same for NewOrderSingle -> ExecutionReport(New)
 * @param cancels          the same for OrderCancelRequest -> ExecutionReport(Canceled)
 * @param maxLateNanos     the latest a request was sent after its intended time
 * @param errors           rejects, unexpected or missing answers (all steps so far)
 * @param clientCpuNanos   CPU time of the load generator's thread during the step
 * @param gatewayGone      the gateway went away during the step (every connection lost, or its process ended): the step
 *                         ended then, and its figures measure nothing
 */
public record StepResult(
    long targetRate, int window, long scheduled, long unsent, long recorded, double achievedPerSecond, long slowestSecond,
    Histogram all, Histogram newOrders, Histogram cancels, long maxLateNanos, long errors, long clientCpuNanos,
    boolean gatewayGone)
{
    public boolean saturated()
    {
        return targetRate > 0 && (unsent > 0 || achievedPerSecond < 0.95 * targetRate);
    }
}

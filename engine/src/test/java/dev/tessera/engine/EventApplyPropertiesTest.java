package dev.tessera.engine;

import dev.tessera.engine.CommandStreams.Scenario;
import dev.tessera.engine.CommandStreams.Step;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Recovery by events on random streams: a replica that only applies the live engine's events holds
 * the same state after every command (hash, L3, full export with owner ranks, counters), and then,
 * running further commands itself, writes the same event bytes as the live engine. Mass cancels at
 * the end make each owner's list order visible in the bytes.
 */
class EventApplyPropertiesTest
{
    @Property(tries = 200)
    void shouldReachTheLiveStateByApplyingItsEvents(@ForAll("scenarios") final Scenario scenario)
    {
        final ReplicaHarness harness = new ReplicaHarness(scenario.instruments());
        for (final Step step : scenario.steps())
        {
            for (final EngineEvent event : CommandStreams.run(harness, step))
            {
                Statistics.label("events").collect(kind(event));
            }
        }

        final int live = harness.live().liveOrderCount();
        Statistics.label("live orders at the end").collect(live == 0 ? "0" : live < 5 ? "1-4" : live < 10 ? "5-9" : "10+");

        harness.runCommandsOnBoth();
        for (final Step step : scenario.continuation())
        {
            CommandStreams.run(harness, step);
        }
        CommandStreams.finish(harness);
    }

    @Property(tries = 80)
    void shouldKeepFollowingWhenApplyingAndRunningAlternate(@ForAll("scenarios") final Scenario scenario)
    {
        // A replica that ran commands itself can go back to applying events, and the other way round:
        // both paths leave the same state, so they can be mixed at any command boundary.
        final ReplicaHarness harness = new ReplicaHarness(scenario.instruments());
        int i = 0;
        for (final Step step : scenario.steps())
        {
            if (i++ % 7 == 0)
            {
                harness.runCommandsOnBoth();
            }
            else
            {
                harness.applyEvents();
            }
            CommandStreams.run(harness, step);
        }
        harness.runCommandsOnBoth();
        CommandStreams.finish(harness);
    }

    private static String kind(final EngineEvent event)
    {
        if (event instanceof EngineEvent.Rejected rejected)
        {
            return "Rejected " + rejected.reason();
        }
        if (event instanceof EngineEvent.ReplaceRejected rejected)
        {
            return "ReplaceRejected " + rejected.reason();
        }
        if (event instanceof EngineEvent.Cancelled cancelled)
        {
            return "Cancelled " + cancelled.reason();
        }
        if (event instanceof EngineEvent.Replaced replaced)
        {
            return replaced.priorityKept() ? "Replaced, priority kept" : "Replaced, priority lost";
        }
        if (event instanceof EngineEvent.MassCancelCompleted completed)
        {
            return "MassCancelCompleted " + (completed.cancelledCount() > 1 ? "2+" : completed.cancelledCount());
        }
        return event.getClass().getSimpleName();
    }

    @Provide
    Arbitrary<Scenario> scenarios()
    {
        return CommandStreams.scenarios(200, 40);
    }
}

package dev.tessera.engine;

import dev.tessera.engine.CommandStreams.Scenario;
import dev.tessera.engine.CommandStreams.Step;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

/**
 * Recovery as the journal will do it, on random streams: a snapshot (a detached export) taken after
 * any command, restored into a fresh engine, then the events of the remaining commands applied. The
 * replica must hold the live state after the restore and after every applied command (same hash, L3,
 * export), then run further commands with byte-identical events, mass cancels included.
 */
class StateExportPropertiesTest
{
    record Cut(Scenario scenario, int snapshotAfter)
    {
    }

    @Property(tries = 200)
    void shouldRecoverFromASnapshotAndTheJournalTail(@ForAll("cuts") final Cut cut)
    {
        final Scenario scenario = cut.scenario();
        final List<Step> steps = scenario.steps();
        final ReplicaHarness harness = new ReplicaHarness(scenario.instruments());
        for (int i = 0; i < steps.size(); i++)
        {
            if (i == cut.snapshotAfter())
            {
                harness.restoreReplicaFromSnapshot();
            }
            CommandStreams.run(harness, steps.get(i));
        }

        harness.runCommandsOnBoth();
        for (final Step step : scenario.continuation())
        {
            CommandStreams.run(harness, step);
        }
        CommandStreams.finish(harness);
    }

    @Property(tries = 100)
    void shouldRestoreTheFinalStateAndBehaveTheSame(@ForAll("scenarios") final Scenario scenario)
    {
        final ReplicaHarness harness = new ReplicaHarness(scenario.instruments());
        for (final Step step : scenario.steps())
        {
            CommandStreams.run(harness, step);
        }

        // The export of the restored engine equals the snapshot (checked by the harness): exports are canonical.
        harness.restoreReplicaFromSnapshot();
        harness.runCommandsOnBoth();
        for (final Step step : scenario.continuation())
        {
            CommandStreams.run(harness, step);
        }
        CommandStreams.finish(harness);
    }

    @Provide
    Arbitrary<Scenario> scenarios()
    {
        return CommandStreams.scenarios(200, 40);
    }

    @Provide
    Arbitrary<Cut> cuts()
    {
        return Combinators.combine(scenarios(), Arbitraries.integers().between(0, 100))
            .as((scenario, percent) -> new Cut(scenario, scenario.steps().size() * percent / 100));
    }
}

#!/usr/bin/env bash
# idle-run.sh JAR MODE: one throughput run; MODE=idle puts the producer thread under SCHED_IDLE 2 s after start
# usage: idle-run.sh TREE JARS [ARGS...]
#   TREE  the checkout whose .mvn/jvm.config and perf/bin scripts are used
#   JARS  the directory of the benchmarks.jar builds compared: the JAR.jar named on the command line; idle-run.out goes there too
#   ARGS  as before. Recorded run: TREE=/work/main, JARS=/tmp/pipe (`idle-run.sh /work/main /tmp/pipe ARGS`);
#         README.md, "Benchmarks", says how to build one commit's jar.
tree="${1:?usage: idle-run.sh TREE JARS [ARGS...] (recorded: idle-run.sh /work/main /tmp/pipe ...)}"
jars="${2:?usage: idle-run.sh TREE JARS [ARGS...] (recorded: idle-run.sh /work/main /tmp/pipe ...)}"
jars="$(cd "$jars" && pwd)"
shift 2
cd "$tree"
jar=$1; mode=$2
TESSERA_BENCH_JAR="$jars/$jar.jar" perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --measure 10 > "$jars/idle-run.out" 2>&1 &
if [ "$mode" = idle ]; then
  for i in $(seq 1 50); do
    sleep 0.2
    pid=$(pgrep -f "PipelineThroughputBenchmark --durability" | tail -1)
    [ -n "$pid" ] || continue
    tid=$(grep -l '^producer$' /proc/$pid/task/*/comm 2>/dev/null | head -1 | cut -d/ -f5)
    if [ -n "$tid" ]; then chrt --idle -p 0 $tid && echo "producer $tid SCHED_IDLE: $(chrt -p $tid | head -1)"; break; fi
  done
fi
wait
grep -E "journaled and published|CPU in the window|CPU-normalised" "$jars/idle-run.out" | sed 's/^\[tessera-perf\] PROCESS\/BLOCKING: //'

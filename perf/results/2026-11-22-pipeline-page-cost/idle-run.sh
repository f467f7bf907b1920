#!/usr/bin/env bash
# One throughput run; MODE idle puts the producer thread under SCHED_IDLE 2 s after start
# usage: idle-run.sh TREE JARS JAR_NAME MODE
#   TREE    the checkout whose .mvn/jvm.config and perf/bin scripts are used (README.md, "Benchmarks", says how
#           to build one commit's jar)
#   JARS    the directory holding JAR_NAME.jar; idle-run.out goes there too
#   JAR_NAME the jar run (docs: JARS/docs.jar)
#   MODE    idle (the producer under SCHED_IDLE) or yield (left alone, yielding on BUSY as usual)
# Recorded run: `idle-run.sh /work/main /tmp/pipe docs yield`, then `... docs idle` (TREE and JARS come first; a wrong argument prints the usage, exit 2).
set -euo pipefail
usage="usage: idle-run.sh TREE JARS JAR_NAME MODE (recorded: idle-run.sh /work/main /tmp/pipe docs yield, then docs idle)"
[[ $# -eq 4 && -d $1 && -d $2 && ( $4 == idle || $4 == yield ) ]] || { echo "$usage" >&2; exit 2; }
tree="$(cd "$1" && pwd)"
jars="$(cd "$2" && pwd)"
shift 2
cd "$tree"
jar=$1; mode=$2
TESSERA_BENCH_JAR="$jars/$jar.jar" perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --measure 10 > "$jars/idle-run.out" 2>&1 &
if [ "$mode" = idle ]; then
  for i in $(seq 1 50); do
    sleep 0.2
    pid=$(pgrep -f "PipelineThroughputBenchmark --durability" | tail -1 || true)   # not started yet: poll again
    [ -n "$pid" ] || continue
    tid=$(grep -l '^producer$' /proc/$pid/task/*/comm 2>/dev/null | head -1 | cut -d/ -f5 || true)
    if [ -n "$tid" ]; then chrt --idle -p 0 $tid && echo "producer $tid SCHED_IDLE: $(chrt -p $tid | head -1)"; break; fi
  done
fi
wait
grep -E "journaled and published|CPU in the window|CPU-normalised" "$jars/idle-run.out" | sed 's/^\[tessera-perf\] PROCESS\/BLOCKING: //'

#!/usr/bin/env bash
# One throughput run; MODE none, or engine1 (engine alone on cpu1, every other thread of the JVM on cpu0)
# usage: pin-run.sh TREE JARS JVM_ARGS MODE
#   TREE    the checkout whose .mvn/jvm.config and perf/bin scripts are used (README.md, "Benchmarks", says how
#           to build one commit's jar)
#   JARS    the directory holding park.jar; pin-out.txt goes there too
#   JVM_ARGS the harness JVM's extra flags, one argument (TESSERA_BENCH_JVM_ARGS; "" for none)
#   MODE    none, or engine1: the engine thread alone on cpu1, every other thread of the JVM on cpu0
# Recorded run: `pin-run.sh /work/main /tmp/pipe JVM_ARGS MODE` (TREE and JARS come first; a wrong argument prints the usage, exit 2).
set -euo pipefail
usage="usage: pin-run.sh TREE JARS JVM_ARGS MODE (recorded: pin-run.sh /work/main /tmp/pipe JVM_ARGS MODE)"
[[ $# -eq 4 && -d $1 && -d $2 && ( $4 == none || $4 == engine1 ) ]] || { echo "$usage" >&2; exit 2; }
tree="$(cd "$1" && pwd)"
jars="$(cd "$2" && pwd)"
shift 2
for v in park; do
  [[ -f "$jars/$v.jar" ]] || { echo "pin-run.sh: no $jars/$v.jar; $usage" >&2; exit 2; }
done
cd "$tree"
args=$1; mode=$2
(TESSERA_BENCH_JVM_ARGS="$args" TESSERA_BENCH_JAR="$jars/park.jar" perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --warmup 8 --measure 10 > "$jars/pin-out.txt" 2>&1) &
bg=$!
sleep 5
pid=$(pgrep -f 'dev.tessera.perf.PipelineThroughputBenchmark' | tail -1)
if [[ $mode == engine1 ]]; then
  for t in /proc/$pid/task/*; do
    tid=${t##*/}; n=$(cat $t/comm 2>/dev/null || true)
    if [[ $n == tessera-engine* ]]; then taskset -p -c 1 $tid >/dev/null; else taskset -p -c 0 $tid >/dev/null; fi
  done
fi
wait $bg
echo "== $args $mode"; grep -E "journaled and published|CPU in the window|CPU-normalised" "$jars/pin-out.txt" | sed 's/^\[tessera-perf\] PROCESS\/BLOCKING: //' | cut -c1-250

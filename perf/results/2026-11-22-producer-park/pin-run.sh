#!/usr/bin/env bash
# pin-run.sh JVMARGS MODE: MODE=none|engine1 (engine alone on cpu1, every other thread of the JVM on cpu0)
# usage: pin-run.sh TREE JARS [ARGS...]
#   TREE  the checkout whose .mvn/jvm.config and perf/bin scripts are used
#   JARS  the directory of the benchmarks.jar builds compared: park.jar; pin-out.txt goes there too
#   ARGS  as before. Recorded run: TREE=/work/main, JARS=/tmp/pipe (`pin-run.sh /work/main /tmp/pipe ARGS`);
#         README.md, "Benchmarks", says how to build one commit's jar.
tree="${1:?usage: pin-run.sh TREE JARS [ARGS...] (recorded: pin-run.sh /work/main /tmp/pipe ...)}"
jars="${2:?usage: pin-run.sh TREE JARS [ARGS...] (recorded: pin-run.sh /work/main /tmp/pipe ...)}"
jars="$(cd "$jars" && pwd)"
shift 2
cd "$tree"
args=$1; mode=$2
(TESSERA_BENCH_JVM_ARGS="$args" TESSERA_BENCH_JAR="$jars/park.jar" perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --warmup 8 --measure 10 > "$jars/pin-out.txt" 2>&1) &
bg=$!
sleep 5
pid=$(pgrep -f 'dev.tessera.perf.PipelineThroughputBenchmark' | tail -1)
if [[ $mode == engine1 ]]; then
  for t in /proc/$pid/task/*; do
    tid=${t##*/}; n=$(cat $t/comm)
    if [[ $n == tessera-engine* ]]; then taskset -p -c 1 $tid >/dev/null; else taskset -p -c 0 $tid >/dev/null; fi
  done
fi
wait $bg
echo "== $args $mode"; grep -E "journaled and published|CPU in the window|CPU-normalised" "$jars/pin-out.txt" | sed 's/^\[tessera-perf\] PROCESS\/BLOCKING: //' | cut -c1-250

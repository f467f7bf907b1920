#!/usr/bin/env bash
# pin-run.sh JVMARGS MODE: MODE=none|engine1 (engine alone on cpu1, every other thread of the JVM on cpu0)
cd /work/main
args=$1; mode=$2
(TESSERA_BENCH_JVM_ARGS="$args" TESSERA_BENCH_JAR=/tmp/pipe/park.jar perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --warmup 8 --measure 10 > /tmp/pipe/pin-out.txt 2>&1) &
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
echo "== $args $mode"; grep -E "journaled and published|CPU in the window|CPU-normalised" /tmp/pipe/pin-out.txt | sed 's/^\[tessera-perf\] PROCESS\/BLOCKING: //' | cut -c1-250

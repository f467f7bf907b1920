#!/usr/bin/env bash
# pf.sh JVMARGS: engine-thread page faults over 5 s of a throughput run
# usage: pf.sh TREE JARS [ARGS...]
#   TREE  the checkout whose .mvn/jvm.config and perf/bin scripts are used
#   JARS  the directory of the benchmarks.jar builds compared: park.jar; pf-run.txt goes there too
#   ARGS  as before. Recorded run: TREE=/work/main, JARS=/tmp/pipe (`pf.sh /work/main /tmp/pipe ARGS`);
#         README.md, "Benchmarks", says how to build one commit's jar.
tree="${1:?usage: pf.sh TREE JARS [ARGS...] (recorded: pf.sh /work/main /tmp/pipe ...)}"
jars="${2:?usage: pf.sh TREE JARS [ARGS...] (recorded: pf.sh /work/main /tmp/pipe ...)}"
jars="$(cd "$jars" && pwd)"
shift 2
cd "$tree"
(TESSERA_BENCH_JVM_ARGS="$1" TESSERA_BENCH_JAR="$jars/park.jar" perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --warmup 8 --measure 10 > "$jars/pf-run.txt" 2>&1 &)
sleep 12; pid=$(pgrep -f PipelineThroughputBenchmark | tail -1)
for t in /proc/$pid/task/*; do n=$(cat $t/comm); case $n in tessera-engine*) et=${t##*/};; esac; done
echo "== $1"; perf stat -e page-faults -t $et -- sleep 5 2>&1 | grep -E "faults"
while pgrep -f PipelineThroughputBenchmark >/dev/null; do sleep 1; done
grep -E "journaled and|CPU in|CPU-norm" "$jars/pf-run.txt" | cut -c 1-180

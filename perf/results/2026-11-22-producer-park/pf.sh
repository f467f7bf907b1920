#!/usr/bin/env bash
# Engine-thread page faults over 5 s of a throughput run
# usage: pf.sh TREE JARS JVM_ARGS
#   TREE    the checkout whose .mvn/jvm.config and perf/bin scripts are used (README.md, "Benchmarks", says how
#           to build one commit's jar)
#   JARS    the directory holding park.jar; pf-run.txt goes there too
#   JVM_ARGS the harness JVM's extra flags, one argument (TESSERA_BENCH_JVM_ARGS; "" for none)
# Recorded run: `pf.sh /work/main /tmp/pipe JVM_ARGS` (TREE and JARS come first; a wrong argument prints the usage, exit 2).
set -euo pipefail
usage="usage: pf.sh TREE JARS JVM_ARGS (recorded: pf.sh /work/main /tmp/pipe JVM_ARGS)"
[[ $# -eq 3 && -d $1 && -d $2 ]] || { echo "$usage" >&2; exit 2; }
tree="$(cd "$1" && pwd)"
jars="$(cd "$2" && pwd)"
shift 2
for v in park; do
  [[ -f "$jars/$v.jar" ]] || { echo "pf.sh: no $jars/$v.jar; $usage" >&2; exit 2; }
done
cd "$tree"
(TESSERA_BENCH_JVM_ARGS="$1" TESSERA_BENCH_JAR="$jars/park.jar" perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --warmup 8 --measure 10 > "$jars/pf-run.txt" 2>&1 &)
sleep 12; pid=$(pgrep -f PipelineThroughputBenchmark | tail -1)
for t in /proc/$pid/task/*; do n=$(cat $t/comm 2>/dev/null || true); case $n in tessera-engine*) et=${t##*/};; esac; done
echo "== $1"; perf stat -e page-faults -t $et -- sleep 5 2>&1 | grep -E "faults"
while pgrep -f PipelineThroughputBenchmark >/dev/null; do sleep 1; done
grep -E "journaled and|CPU in|CPU-norm" "$jars/pf-run.txt" | cut -c 1-180

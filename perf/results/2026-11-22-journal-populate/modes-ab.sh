#!/usr/bin/env bash
# One jar (the working tree on top of 87f8830), three journal.prefault modes, interleaved.
# usage: modes-ab.sh TREE JARS
#   TREE    the checkout whose .mvn/jvm.config and perf/bin scripts are used (README.md, "Benchmarks", says how
#           to build one commit's jar)
#   JARS    the directory holding final.jar
# Recorded run: `modes-ab.sh /work/main /tmp/ab` (TREE and JARS come first; a wrong argument prints the usage, exit 2).
set -euo pipefail
usage="usage: modes-ab.sh TREE JARS (recorded: modes-ab.sh /work/main /tmp/ab)"
[[ $# -eq 2 && -d $1 && -d $2 ]] || { echo "$usage" >&2; exit 2; }
tree="$(cd "$1" && pwd)"
jars="$(cd "$2" && pwd)"
shift 2
for v in final; do
  [[ -f "$jars/$v.jar" ]] || { echo "modes-ab.sh: no $jars/$v.jar; $usage" >&2; exit 2; }
done
cd "$tree"
export TESSERA_BENCH_JAR="$jars/final.jar"
echo "# $(date -u +%FT%TZ) nproc $(nproc) $(java -version 2>&1 | head -1)"
for i in 1 2 3; do
  for m in read populate off; do
    echo "== throughput $m run $i $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    TESSERA_BENCH_JVM_ARGS="-Dtessera.perf.prefault=$m" perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --measure 10 2>&1 | grep -E '^RESULT|journaled and published'
  done
done
for i in 1 2; do
  for m in read populate off; do
    echo "== latency $m run $i $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    TESSERA_BENCH_JVM_ARGS="-Dtessera.perf.prefault=$m" perf/bin/pipeline-bench --no-build latency --system journal --complete-at PUBLISH --wait YIELDING --rates 100000 --warmup 8 --measure 15 2>&1 | grep -E '^\[ladder\].*p50|^RESULT'
  done
done

#!/usr/bin/env bash
# usage: pipe-ab.sh ROUNDS jar... : alternates one throughput run per JARS/<jar>.jar
# usage: pipe-ab.sh TREE JARS [ARGS...]
#   TREE  the checkout whose .mvn/jvm.config and perf/bin scripts are used
#   JARS  the directory of the benchmarks.jar builds compared: the <jar>.jar files named on the command line
#   ARGS  as before. Recorded run: TREE=/work/main, JARS=/tmp/inlx (`pipe-ab.sh /work/main /tmp/inlx ARGS`);
#         README.md, "Benchmarks", says how to build one commit's jar.
tree="${1:?usage: pipe-ab.sh TREE JARS [ARGS...] (recorded: pipe-ab.sh /work/main /tmp/inlx ...)}"
jars="${2:?usage: pipe-ab.sh TREE JARS [ARGS...] (recorded: pipe-ab.sh /work/main /tmp/inlx ...)}"
jars="$(cd "$jars" && pwd)"
shift 2
cd "$tree"
rounds=$1; shift
for i in $(seq 1 "$rounds"); do
  for v in "$@"; do
    echo "== $v round $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    TESSERA_BENCH_JAR="$jars/$v.jar" perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --measure 10 2>&1 \
      | grep -E "journaled and published|CPU in the window|CPU-normalised" | sed 's/^\[tessera-perf\] PROCESS\/BLOCKING: //'
  done
done

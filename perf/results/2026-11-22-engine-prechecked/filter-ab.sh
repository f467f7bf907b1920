#!/usr/bin/env bash
# OrderBookBenchmark.mixed: final.jar (ed11910) against filter.jar (a 32-bit hash filter beside each client-id bucket); interleaved.
# usage: filter-ab.sh TREE JARS [ARGS...]
#   TREE  the checkout whose .mvn/jvm.config and perf/bin scripts are used
#   JARS  the directory of the benchmarks.jar builds compared: final.jar and filter.jar
#   ARGS  as before. Recorded run: TREE=/work/main, JARS=/tmp/inlx (`filter-ab.sh /work/main /tmp/inlx ARGS`);
#         README.md, "Benchmarks", says how to build one commit's jar.
tree="${1:?usage: filter-ab.sh TREE JARS [ARGS...] (recorded: filter-ab.sh /work/main /tmp/inlx ...)}"
jars="${2:?usage: filter-ab.sh TREE JARS [ARGS...] (recorded: filter-ab.sh /work/main /tmp/inlx ...)}"
jars="$(cd "$jars" && pwd)"
shift 2
cd "$tree"
for i in $(seq 1 ${FORKS:-7}); do
  for v in final filter; do
    echo -n "== $v fork $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg): "
    java @.mvn/jvm.config -jar "$jars/$v.jar" -jvmArgsAppend "@$tree/.mvn/jvm.config" -f 1 -wi 3 -i 5 -w 2s -r 2s "${BENCH:-OrderBookBenchmark.mixed}" 2>&1 | grep -E "^OrderBookBenchmark" | awk '{printf "%.2f ", $(NF-3)/1e6} END {print ""}'
  done
done

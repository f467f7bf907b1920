#!/usr/bin/env bash
# final.jar with and without -XX:+UseTransparentHugePages, interleaved, one fork at a time.
# usage: thp.sh TREE JARS [ARGS...]
#   TREE  the checkout whose .mvn/jvm.config and perf/bin scripts are used
#   JARS  the directory of the benchmarks.jar builds compared: final.jar
#   ARGS  as before. Recorded run: TREE=/work/main, JARS=/tmp/inlx (`thp.sh /work/main /tmp/inlx ARGS`);
#         README.md, "Benchmarks", says how to build one commit's jar.
tree="${1:?usage: thp.sh TREE JARS [ARGS...] (recorded: thp.sh /work/main /tmp/inlx ...)}"
jars="${2:?usage: thp.sh TREE JARS [ARGS...] (recorded: thp.sh /work/main /tmp/inlx ...)}"
jars="$(cd "$jars" && pwd)"
shift 2
cd "$tree"
for i in $(seq 1 ${FORKS:-5}); do
  for v in plain thp; do
    extra=""; [[ $v == thp ]] && extra="-XX:+UseTransparentHugePages"
    echo -n "== $v fork $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg): "
    java @.mvn/jvm.config -jar "$jars/final.jar" -jvmArgsAppend "@$tree/.mvn/jvm.config $extra" -f 1 -wi 3 -i 5 -w 2s -r 2s 'OrderBookBenchmark.mixed' 2>&1 | grep -E "^OrderBookBenchmark" | awk '{print $4}'
  done
done

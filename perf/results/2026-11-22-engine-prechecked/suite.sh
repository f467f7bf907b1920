#!/usr/bin/env bash
# Every OrderBookBenchmark, with -prof gc, two rounds of base then prechecked.
# usage: suite.sh TREE JARS [ARGS...]
#   TREE  the checkout whose .mvn/jvm.config and perf/bin scripts are used
#   JARS  the directory of the benchmarks.jar builds compared: base.jar and prechecked.jar
#   ARGS  as before. Recorded run: TREE=/work/main, JARS=/tmp/inlx (`suite.sh /work/main /tmp/inlx ARGS`);
#         README.md, "Benchmarks", says how to build one commit's jar.
tree="${1:?usage: suite.sh TREE JARS [ARGS...] (recorded: suite.sh /work/main /tmp/inlx ...)}"
jars="${2:?usage: suite.sh TREE JARS [ARGS...] (recorded: suite.sh /work/main /tmp/inlx ...)}"
jars="$(cd "$jars" && pwd)"
shift 2
cd "$tree"
for i in 1 2; do
  for v in base prechecked; do
    echo "== $v round $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    java @.mvn/jvm.config -jar "$jars/$v.jar" -jvmArgsAppend "@$tree/.mvn/jvm.config" -f 1 -wi 3 -i 5 -w 2s -r 2s -prof gc 'OrderBookBenchmark' 2>&1 | grep -E '^OrderBookBenchmark\.[a-zA-Z]+ |gc.alloc.rate.norm'
  done
done

#!/usr/bin/env bash
# Interleaved A/B of two benchmark jars, one JMH fork at a time.
# base.jar = 5abbae3, prechecked.jar = the working tree with PrecheckedBuffer (copied to /tmp/inlx).
# usage: ab.sh TREE JARS [ARGS...]
#   TREE  the checkout whose .mvn/jvm.config and perf/bin scripts are used
#   JARS  the directory of the benchmarks.jar builds compared: base.jar and prechecked.jar
#   ARGS  as before. Recorded run: TREE=/work/main, JARS=/tmp/inlx (`ab.sh /work/main /tmp/inlx ARGS`);
#         README.md, "Benchmarks", says how to build one commit's jar.
tree="${1:?usage: ab.sh TREE JARS [ARGS...] (recorded: ab.sh /work/main /tmp/inlx ...)}"
jars="${2:?usage: ab.sh TREE JARS [ARGS...] (recorded: ab.sh /work/main /tmp/inlx ...)}"
jars="$(cd "$jars" && pwd)"
shift 2
cd "$tree"
for i in $(seq 1 ${FORKS:-8}); do
  for v in base prechecked; do
    echo "== $v fork $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    java @.mvn/jvm.config -jar "$jars/$v.jar" -jvmArgsAppend "@$tree/.mvn/jvm.config" -f 1 -wi 3 -i 5 -w 2s -r 2s 'OrderBookBenchmark.mixed' 2>&1 | grep -E 'per CPU-second|^OrderBookBenchmark.mixed' | sed -E 's/.*had ([0-9]+)% of a CPU.*: ([0-9.]+) M commands per CPU-second/\1% \2/' | tr '\n' ' '
    echo
  done
done

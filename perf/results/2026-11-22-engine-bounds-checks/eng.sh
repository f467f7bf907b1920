#!/usr/bin/env bash
# usage: eng.sh TREE JARS [ARGS...]
#   TREE  the checkout whose .mvn/jvm.config and perf/bin scripts are used
#   JARS  the directory of the benchmarks.jar builds compared: old.jar and final.jar
#   ARGS  as before. Recorded run: TREE=/work/main, JARS=/tmp/ab (`eng.sh /work/main /tmp/ab ARGS`);
#         README.md, "Benchmarks", says how to build one commit's jar.
tree="${1:?usage: eng.sh TREE JARS [ARGS...] (recorded: eng.sh /work/main /tmp/ab ...)}"
jars="${2:?usage: eng.sh TREE JARS [ARGS...] (recorded: eng.sh /work/main /tmp/ab ...)}"
jars="$(cd "$jars" && pwd)"
shift 2
cd "$tree"
for i in 1 2 3 4; do
  for v in old final; do
    echo "== $v fork $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    java @.mvn/jvm.config -jar "$jars/$v.jar" -jvmArgsAppend "@$tree/.mvn/jvm.config" -f 1 -wi 3 -i 5 -w 2s -r 2s 'OrderBookBenchmark.mixed' 2>&1 | grep -E 'per CPU-second|^OrderBookBenchmark.mixed' | sed -E 's/.*had ([0-9]+)% of a CPU.*: ([0-9.]+) M commands per CPU-second/\1% \2/' | tr '\n' ' '
    echo
  done
done

#!/usr/bin/env bash
# usage: [BENCH=regex] [ITERATIONS="-wi 2 -i 3 -w 1s -r 1s"] ab.sh FORKS jar1 jar2 ...
# Alternates one fork of each JARS/<jar>.jar, FORKS times; prints each fork's score and its
# iterations (warm-up and measured, M ops/s). pairs.py reads the output.
# usage: ab.sh TREE JARS [ARGS...]
#   TREE  the checkout whose .mvn/jvm.config and perf/bin scripts are used
#   JARS  the directory of the benchmarks.jar builds compared: the <jar>.jar files named on the command line
#   ARGS  as before. Recorded run: TREE=/work/main, JARS=/tmp/inlx (`ab.sh /work/main /tmp/inlx ARGS`);
#         README.md, "Benchmarks", says how to build one commit's jar.
tree="${1:?usage: ab.sh TREE JARS [ARGS...] (recorded: ab.sh /work/main /tmp/inlx ...)}"
jars="${2:?usage: ab.sh TREE JARS [ARGS...] (recorded: ab.sh /work/main /tmp/inlx ...)}"
jars="$(cd "$jars" && pwd)"
shift 2
cd "$tree"
forks=$1; shift
read -r -a iterations <<< "${ITERATIONS:--wi 2 -i 3 -w 1s -r 1s}"
for i in $(seq 1 "$forks"); do
  for v in "$@"; do
    echo -n "== $v fork $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg): "
    java @.mvn/jvm.config -jar "$jars/$v.jar" -jvmArgsAppend "@$tree/.mvn/jvm.config" -f 1 "${iterations[@]}" "${BENCH:-OrderBookBenchmark.mixed}" 2>&1 \
      | awk '/ops\/s$/ && !/^#/ && !/thrpt/ {it = it sprintf(" %.2f", $(NF-1)/1e6)} /^OrderBookBenchmark/ {sc=sprintf("%.2f", $4/1e6)} END {print sc " |" it}'
  done
done

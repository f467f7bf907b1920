#!/usr/bin/env bash
# Alternates one JMH fork of each JARS/<jar>.jar, FORKS times; prints each fork's score and its
# iterations (warm-up and measured, M ops/s). pairs.py reads the output.
# usage: [BENCH=regex] [ITERATIONS="-wi 2 -i 3 -w 1s -r 1s"] ab.sh TREE JARS FORKS JAR_NAME...
#   TREE    the checkout whose .mvn/jvm.config and perf/bin scripts are used (README.md, "Benchmarks", says how
#           to build one commit's jar)
#   JARS    the directory holding JAR_NAME.jar for each JAR_NAME
#   FORKS   JMH forks of each jar, alternating
#   JAR_NAME... the jars compared (head layout2: JARS/head.jar and JARS/layout2.jar)
# Recorded run: `ab.sh /work/main /tmp/inlx 40 head layout2` (TREE and JARS come first; a wrong argument prints the usage, exit 2).
set -euo pipefail
usage="usage: [BENCH=regex] [ITERATIONS='-wi 2 -i 3 -w 1s -r 1s'] ab.sh TREE JARS FORKS JAR_NAME... (recorded: ab.sh /work/main /tmp/inlx 40 head layout2)"
[[ $# -ge 4 && -d $1 && -d $2 && $3 =~ ^[1-9][0-9]*$ ]] || { echo "$usage" >&2; exit 2; }
tree="$(cd "$1" && pwd)"
jars="$(cd "$2" && pwd)"
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

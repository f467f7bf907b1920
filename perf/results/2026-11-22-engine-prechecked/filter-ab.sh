#!/usr/bin/env bash
# OrderBookBenchmark.mixed: final.jar (ed11910) against filter.jar (a 32-bit hash filter beside each client-id bucket); interleaved.
# usage: [FORKS=7] [BENCH=regex] filter-ab.sh TREE JARS
#   TREE    the checkout whose .mvn/jvm.config and perf/bin scripts are used (README.md, "Benchmarks", says how
#           to build one commit's jar)
#   JARS    the directory holding final.jar and filter.jar
# Recorded run: `filter-ab.sh /work/main /tmp/inlx` (TREE and JARS come first; a wrong argument prints the usage, exit 2).
set -euo pipefail
usage="usage: [FORKS=7] [BENCH=regex] filter-ab.sh TREE JARS (recorded: filter-ab.sh /work/main /tmp/inlx)"
[[ $# -eq 2 && -d $1 && -d $2 ]] || { echo "$usage" >&2; exit 2; }
tree="$(cd "$1" && pwd)"
jars="$(cd "$2" && pwd)"
shift 2
for v in final filter; do
  [[ -f "$jars/$v.jar" ]] || { echo "filter-ab.sh: no $jars/$v.jar; $usage" >&2; exit 2; }
done
cd "$tree"
for i in $(seq 1 ${FORKS:-7}); do
  for v in final filter; do
    echo -n "== $v fork $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg): "
    java @.mvn/jvm.config -jar "$jars/$v.jar" -jvmArgsAppend "@$tree/.mvn/jvm.config" -f 1 -wi 3 -i 5 -w 2s -r 2s "${BENCH:-OrderBookBenchmark.mixed}" 2>&1 | grep -E "^OrderBookBenchmark" | awk '{printf "%.2f ", $(NF-3)/1e6} END {print ""}'
  done
done

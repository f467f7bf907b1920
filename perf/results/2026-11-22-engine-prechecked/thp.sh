#!/usr/bin/env bash
# final.jar with and without -XX:+UseTransparentHugePages, interleaved, one fork at a time.
# usage: [FORKS=5] thp.sh TREE JARS
#   TREE    the checkout whose .mvn/jvm.config and perf/bin scripts are used (README.md, "Benchmarks", says how
#           to build one commit's jar)
#   JARS    the directory holding final.jar
# Recorded run: `thp.sh /work/main /tmp/inlx` (TREE and JARS come first; a wrong argument prints the usage, exit 2).
set -euo pipefail
usage="usage: [FORKS=5] thp.sh TREE JARS (recorded: thp.sh /work/main /tmp/inlx)"
[[ $# -eq 2 && -d $1 && -d $2 ]] || { echo "$usage" >&2; exit 2; }
tree="$(cd "$1" && pwd)"
jars="$(cd "$2" && pwd)"
shift 2
for v in final; do
  [[ -f "$jars/$v.jar" ]] || { echo "thp.sh: no $jars/$v.jar; $usage" >&2; exit 2; }
done
cd "$tree"
for i in $(seq 1 ${FORKS:-5}); do
  for v in plain thp; do
    extra=""; [[ $v == thp ]] && extra="-XX:+UseTransparentHugePages"
    echo -n "== $v fork $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg): "
    java @.mvn/jvm.config -jar "$jars/final.jar" -jvmArgsAppend "@$tree/.mvn/jvm.config $extra" -f 1 -wi 3 -i 5 -w 2s -r 2s 'OrderBookBenchmark.mixed' 2>&1 | grep -E "^OrderBookBenchmark" | awk '{print $4}'
  done
done

#!/usr/bin/env bash
# Every OrderBookBenchmark, with -prof gc, two rounds of base then prechecked.
# usage: suite.sh TREE JARS
#   TREE    the checkout whose .mvn/jvm.config and perf/bin scripts are used (README.md, "Benchmarks", says how
#           to build one commit's jar)
#   JARS    the directory holding base.jar and prechecked.jar
# Recorded run: `suite.sh /work/main /tmp/inlx` (TREE and JARS come first; a wrong argument prints the usage, exit 2).
set -euo pipefail
usage="usage: suite.sh TREE JARS (recorded: suite.sh /work/main /tmp/inlx)"
[[ $# -eq 2 && -d $1 && -d $2 ]] || { echo "$usage" >&2; exit 2; }
tree="$(cd "$1" && pwd)"
jars="$(cd "$2" && pwd)"
shift 2
for v in base prechecked; do
  [[ -f "$jars/$v.jar" ]] || { echo "suite.sh: no $jars/$v.jar; $usage" >&2; exit 2; }
done
cd "$tree"
for i in 1 2; do
  for v in base prechecked; do
    echo "== $v round $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    java @.mvn/jvm.config -jar "$jars/$v.jar" -jvmArgsAppend "@$tree/.mvn/jvm.config" -f 1 -wi 3 -i 5 -w 2s -r 2s -prof gc 'OrderBookBenchmark' 2>&1 | grep -E '^OrderBookBenchmark\.[a-zA-Z]+ |gc.alloc.rate.norm'
  done
done

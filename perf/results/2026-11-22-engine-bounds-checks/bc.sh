#!/usr/bin/env bash
# usage: bc.sh TREE JARS
#   TREE    the checkout whose .mvn/jvm.config and perf/bin scripts are used (README.md, "Benchmarks", says how
#           to build one commit's jar)
#   JARS    the directory holding final.jar
# Recorded run: `bc.sh /work/main /tmp/ab` (TREE and JARS come first; a wrong argument prints the usage, exit 2).
set -euo pipefail
usage="usage: bc.sh TREE JARS (recorded: bc.sh /work/main /tmp/ab)"
[[ $# -eq 2 && -d $1 && -d $2 ]] || { echo "$usage" >&2; exit 2; }
tree="$(cd "$1" && pwd)"
jars="$(cd "$2" && pwd)"
shift 2
for v in final; do
  [[ -f "$jars/$v.jar" ]] || { echo "bc.sh: no $jars/$v.jar; $usage" >&2; exit 2; }
done
cd "$tree"
for i in 1 2 3; do
  for v in checks nochecks; do
    extra=""; [[ $v == nochecks ]] && extra="-Dagrona.disable.bounds.checks=true"
    echo -n "== $v fork $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg): "
    java @.mvn/jvm.config -jar "$jars/final.jar" -jvmArgsAppend "@$tree/.mvn/jvm.config $extra" -f 1 -wi 3 -i 5 -w 2s -r 2s 'OrderBookBenchmark.mixed' 2>&1 | grep -E 'per CPU-second|^OrderBookBenchmark.mixed' | sed -E 's/.*had ([0-9]+)% of a CPU.*: ([0-9.]+) M commands per CPU-second/\2/' | tr '\n' ' '
    echo
  done
done

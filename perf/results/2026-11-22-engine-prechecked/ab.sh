#!/usr/bin/env bash
# Interleaved A/B of two benchmark jars, one JMH fork at a time.
# base.jar = 5abbae3, prechecked.jar = the working tree with PrecheckedBuffer (copied to /tmp/inlx).
# usage: [FORKS=8] ab.sh TREE JARS
#   TREE    the checkout whose .mvn/jvm.config and perf/bin scripts are used (README.md, "Benchmarks", says how
#           to build one commit's jar)
#   JARS    the directory holding base.jar and prechecked.jar
# Recorded run: `ab.sh /work/main /tmp/inlx` (TREE and JARS come first; a wrong argument prints the usage, exit 2).
set -euo pipefail
usage="usage: [FORKS=8] ab.sh TREE JARS (recorded: ab.sh /work/main /tmp/inlx)"
[[ $# -eq 2 && -d $1 && -d $2 ]] || { echo "$usage" >&2; exit 2; }
tree="$(cd "$1" && pwd)"
jars="$(cd "$2" && pwd)"
shift 2
for v in base prechecked; do
  [[ -f "$jars/$v.jar" ]] || { echo "ab.sh: no $jars/$v.jar; $usage" >&2; exit 2; }
done
cd "$tree"
for i in $(seq 1 ${FORKS:-8}); do
  for v in base prechecked; do
    echo "== $v fork $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    java @.mvn/jvm.config -jar "$jars/$v.jar" -jvmArgsAppend "@$tree/.mvn/jvm.config" -f 1 -wi 3 -i 5 -w 2s -r 2s 'OrderBookBenchmark.mixed' 2>&1 | grep -E 'per CPU-second|^OrderBookBenchmark.mixed' | sed -E 's/.*had ([0-9]+)% of a CPU.*: ([0-9.]+) M commands per CPU-second/\1% \2/' | tr '\n' ' '
    echo
  done
done

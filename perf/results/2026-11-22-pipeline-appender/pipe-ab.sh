#!/usr/bin/env bash
# Alternates one throughput run (PROCESS/BLOCKING, 10 s) per JARS/<jar>.jar; pipe-table.sh reads the output.
# usage: pipe-ab.sh TREE JARS ROUNDS JAR_NAME...
#   TREE    the checkout whose .mvn/jvm.config and perf/bin scripts are used (README.md, "Benchmarks", says how
#           to build one commit's jar)
#   JARS    the directory holding JAR_NAME.jar for each JAR_NAME
#   ROUNDS  rounds; each runs every jar once, in the order given
#   JAR_NAME... the jars compared
# Recorded run: `pipe-ab.sh /work/main /tmp/inlx ROUNDS JAR_NAME...` (TREE and JARS come first; a wrong argument prints the usage, exit 2).
set -euo pipefail
usage="usage: pipe-ab.sh TREE JARS ROUNDS JAR_NAME... (recorded: pipe-ab.sh /work/main /tmp/inlx ROUNDS JAR_NAME...)"
[[ $# -ge 4 && -d $1 && -d $2 && $3 =~ ^[1-9][0-9]*$ ]] || { echo "$usage" >&2; exit 2; }
tree="$(cd "$1" && pwd)"
jars="$(cd "$2" && pwd)"
shift 2
cd "$tree"
rounds=$1; shift
for i in $(seq 1 "$rounds"); do
  for v in "$@"; do
    echo "== $v round $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    TESSERA_BENCH_JAR="$jars/$v.jar" perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --measure 10 2>&1 \
      | grep -E "journaled and published|CPU in the window|CPU-normalised" | sed 's/^\[tessera-perf\] PROCESS\/BLOCKING: //'
  done
done

#!/usr/bin/env bash
# JournalAppendBenchmark (match + journal on one thread, PROCESS), one run per jar per round
# usage: [BATCHES=1,10,100,1000] [COMMANDS=2000000] append-ab.sh TREE JARS ROUNDS JAR_NAME...
#   TREE    the checkout whose .mvn/jvm.config and perf/bin scripts are used (README.md, "Benchmarks", says how
#           to build one commit's jar)
#   JARS    the directory holding JAR_NAME.jar for each JAR_NAME
#   ROUNDS  rounds; each runs every jar once, in the order given
#   JAR_NAME... the jars compared (head docs: JARS/head.jar and JARS/docs.jar)
# Recorded run: `BATCHES=1,100,1000 COMMANDS=5000000 append-ab.sh /work/main /tmp/pipe 5 head docs` (TREE and JARS come first; a wrong argument prints the usage, exit 2).
set -euo pipefail
usage="usage: [BATCHES=1,10,100,1000] [COMMANDS=2000000] append-ab.sh TREE JARS ROUNDS JAR_NAME... (recorded: BATCHES=1,100,1000 COMMANDS=5000000 append-ab.sh /work/main /tmp/pipe 5 head docs)"
[[ $# -ge 4 && -d $1 && -d $2 && $3 =~ ^[1-9][0-9]*$ ]] || { echo "$usage" >&2; exit 2; }
tree="$(cd "$1" && pwd)"
jars="$(cd "$2" && pwd)"
shift 2
cd "$tree"
rounds=$1; shift
for i in $(seq 1 "$rounds"); do
  for v in "$@"; do
    echo "== $v round $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    TESSERA_BENCH_JAR="$jars/$v.jar" perf/bin/pipeline-bench --no-build append --durability PROCESS --batches ${BATCHES:-1,10,100,1000} --commands ${COMMANDS:-2000000} 2>&1 \
      | grep -E "^\| PROCESS"
  done
done

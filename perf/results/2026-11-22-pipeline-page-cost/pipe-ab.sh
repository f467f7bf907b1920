#!/usr/bin/env bash
# Alternates one throughput run (PROCESS/BLOCKING, 10 s) per variant, ROUNDS times.
# usage: [EXTRA='harness options'] pipe-ab.sh TREE JARS ROUNDS VARIANT...
#   TREE    the checkout whose .mvn/jvm.config and perf/bin scripts are used (README.md, "Benchmarks", says how
#           to build one commit's jar)
#   JARS    the directory holding JAR_NAME.jar for each VARIANT
#   ROUNDS  rounds; each runs every variant once, in the order given
#   VARIANT JAR_NAME or JAR_NAME:JVM_ARGS (docsig:-Dtessera.perf.signal=true runs JARS/docsig.jar with that flag)
# Recorded run: `pipe-ab.sh /work/main /tmp/pipe 4 head docs` (TREE and JARS come first; a wrong argument prints the usage, exit 2).
set -euo pipefail
usage="usage: [EXTRA='harness options'] pipe-ab.sh TREE JARS ROUNDS VARIANT... (recorded: pipe-ab.sh /work/main /tmp/pipe 4 head docs)"
[[ $# -ge 4 && -d $1 && -d $2 && $3 =~ ^[1-9][0-9]*$ ]] || { echo "$usage" >&2; exit 2; }
tree="$(cd "$1" && pwd)"
jars="$(cd "$2" && pwd)"
shift 2
cd "$tree"
rounds=$1; shift
for i in $(seq 1 "$rounds"); do
  for v in "$@"; do
    jar=${v%%:*}; args=""; [[ "$v" == *:* ]] && args=${v#*:}
    echo "== $v round $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    TESSERA_BENCH_JVM_ARGS="$args" TESSERA_BENCH_JAR="$jars/$jar.jar" perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --measure 10 ${EXTRA:-} 2>&1 \
      | grep -E "journaled and published|CPU in the window|CPU-normalised|batch" | sed 's/^\[tessera-perf\] PROCESS\/BLOCKING: //'
  done
done

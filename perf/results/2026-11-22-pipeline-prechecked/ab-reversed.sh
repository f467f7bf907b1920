#!/usr/bin/env bash
# Journaled pipeline throughput, the engine before (5abbae3) and after (ed11910) the pre-checked codecs; one jar at a time, interleaved.
# usage: ab-reversed.sh TREE JARS
#   TREE    the checkout whose .mvn/jvm.config and perf/bin scripts are used (README.md, "Benchmarks", says how
#           to build one commit's jar)
#   JARS    the directory holding base.jar and final.jar
# Recorded run: `ab-reversed.sh /work/main /tmp/inlx` (TREE and JARS come first; a wrong argument prints the usage, exit 2).
set -euo pipefail
usage="usage: ab-reversed.sh TREE JARS (recorded: ab-reversed.sh /work/main /tmp/inlx)"
[[ $# -eq 2 && -d $1 && -d $2 ]] || { echo "$usage" >&2; exit 2; }
tree="$(cd "$1" && pwd)"
jars="$(cd "$2" && pwd)"
shift 2
for v in base final; do
  [[ -f "$jars/$v.jar" ]] || { echo "ab-reversed.sh: no $jars/$v.jar; $usage" >&2; exit 2; }
done
cd "$tree"
echo "# $(date -u +%FT%TZ) nproc $(nproc) $(java -version 2>&1 | head -1)"
for i in 1 2 3; do
  for v in final base; do
    echo "== throughput $v run $i $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    TESSERA_BENCH_JAR="$jars/$v.jar" perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --measure 10 2>&1 | grep -E '^RESULT|journaled and published'
  done
done

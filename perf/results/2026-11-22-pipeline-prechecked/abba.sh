#!/usr/bin/env bash
# ABBA order, so that neither jar always runs right after the other's dirty journal pages.
# usage: abba.sh TREE JARS [ARGS...]
#   TREE  the checkout whose .mvn/jvm.config and perf/bin scripts are used
#   JARS  the directory of the benchmarks.jar builds compared: base.jar and final.jar
#   ARGS  as before. Recorded run: TREE=/work/main, JARS=/tmp/inlx (`abba.sh /work/main /tmp/inlx ARGS`);
#         README.md, "Benchmarks", says how to build one commit's jar.
tree="${1:?usage: abba.sh TREE JARS [ARGS...] (recorded: abba.sh /work/main /tmp/inlx ...)}"
jars="${2:?usage: abba.sh TREE JARS [ARGS...] (recorded: abba.sh /work/main /tmp/inlx ...)}"
jars="$(cd "$jars" && pwd)"
shift 2
cd "$tree"
echo "# $(date -u +%FT%TZ) nproc $(nproc) $(java -version 2>&1 | head -1)"
for v in base final final base base final final base; do
  echo "== throughput $v $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
  TESSERA_BENCH_JAR="$jars/$v.jar" perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --measure 10 2>&1 | grep -E '^RESULT|journaled and published'
done

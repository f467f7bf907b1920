#!/usr/bin/env bash
# Journaled pipeline throughput, the engine before (5abbae3) and after (ed11910) the pre-checked codecs; one jar at a time, interleaved.
# usage: ab.sh TREE JARS [ARGS...]
#   TREE  the checkout whose .mvn/jvm.config and perf/bin scripts are used
#   JARS  the directory of the benchmarks.jar builds compared: base.jar and final.jar
#   ARGS  as before. Recorded run: TREE=/work/main, JARS=/tmp/inlx (`ab.sh /work/main /tmp/inlx ARGS`);
#         README.md, "Benchmarks", says how to build one commit's jar.
tree="${1:?usage: ab.sh TREE JARS [ARGS...] (recorded: ab.sh /work/main /tmp/inlx ...)}"
jars="${2:?usage: ab.sh TREE JARS [ARGS...] (recorded: ab.sh /work/main /tmp/inlx ...)}"
jars="$(cd "$jars" && pwd)"
shift 2
cd "$tree"
echo "# $(date -u +%FT%TZ) nproc $(nproc) $(java -version 2>&1 | head -1)"
for i in 1 2 3 4; do
  for v in base final; do
    echo "== throughput $v run $i $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    TESSERA_BENCH_JAR="$jars/$v.jar" perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --measure 10 2>&1 | grep -E '^RESULT|journaled and published'
  done
done

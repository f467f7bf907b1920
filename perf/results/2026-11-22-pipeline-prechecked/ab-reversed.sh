#!/usr/bin/env bash
# Journaled pipeline throughput, the engine before (5abbae3) and after (ed11910) the pre-checked codecs; one jar at a time, interleaved.
cd /work/main
echo "# $(date -u +%FT%TZ) nproc $(nproc) $(java -version 2>&1 | head -1)"
for i in 1 2 3; do
  for v in final base; do
    echo "== throughput $v run $i $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    TESSERA_BENCH_JAR=/tmp/inlx/$v.jar perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --measure 10 2>&1 | grep -E '^RESULT|journaled and published'
  done
done

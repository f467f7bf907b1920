#!/usr/bin/env bash
# ABBA order, so that neither jar always runs right after the other's dirty journal pages.
cd /work/main
echo "# $(date -u +%FT%TZ) nproc $(nproc) $(java -version 2>&1 | head -1)"
for v in base final final base base final final base; do
  echo "== throughput $v $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
  TESSERA_BENCH_JAR=/tmp/inlx/$v.jar perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --measure 10 2>&1 | grep -E '^RESULT|journaled and published'
done

#!/usr/bin/env bash
# The populate fix (read the window first, populate only pages already read): read vs populate, one jar, interleaved.
cd /work/main
export TESSERA_BENCH_JAR=/tmp/ab/final2.jar
echo "# $(date -u +%FT%TZ) nproc $(nproc) $(java -version 2>&1 | head -1)"
for i in 1 2 3; do
  for m in read populate; do
    echo "== latency $m run $i $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    TESSERA_BENCH_JVM_ARGS="-Dtessera.perf.prefault=$m" perf/bin/pipeline-bench --no-build latency --system journal --complete-at PUBLISH --wait YIELDING --rates 100000 --warmup 8 --measure 15 2>&1 | grep -E '^\[ladder\].*p50|^RESULT'
  done
done
for i in 1 2 3; do
  for m in read populate; do
    echo "== throughput $m run $i $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    TESSERA_BENCH_JVM_ARGS="-Dtessera.perf.prefault=$m" perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --measure 10 2>&1 | grep -E '^RESULT|journaled and published'
  done
done

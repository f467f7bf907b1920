#!/usr/bin/env bash
# usage: pipe-ab.sh ROUNDS jar... : alternates one throughput run per /tmp/inlx/<jar>.jar
cd /work/main
rounds=$1; shift
for i in $(seq 1 "$rounds"); do
  for v in "$@"; do
    echo "== $v round $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    TESSERA_BENCH_JAR=/tmp/inlx/$v.jar perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --measure 10 2>&1 \
      | grep -E "journaled and published|CPU in the window|CPU-normalised" | sed 's/^\[tessera-perf\] PROCESS\/BLOCKING: //'
  done
done

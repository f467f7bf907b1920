#!/usr/bin/env bash
# FIX gateway ladder (20k/s round trip + closed-loop throughput), journal.prefault read vs populate, interleaved
cd /work/main
for i in 1 2; do
  for m in read populate; do
    echo "== fix $m run $i $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    perf/bin/fix-bench --no-build --no-save --server-jvm-args "-Dtessera.journal.prefault=$m" 2>&1 | grep -E '^RESULT'
  done
done

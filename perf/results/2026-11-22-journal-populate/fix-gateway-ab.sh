#!/usr/bin/env bash
# FIX gateway ladder (20k/s round trip + closed-loop throughput), journal.prefault read vs populate, interleaved
# usage: fix-gateway-ab.sh TREE   TREE: the checkout whose perf/bin/fix-bench and jars run
# Recorded run: `fix-gateway-ab.sh /work/main` (a wrong argument prints the usage, exit 2).
set -euo pipefail
[[ $# -eq 1 && -d $1 ]] || { echo "usage: fix-gateway-ab.sh TREE (recorded: fix-gateway-ab.sh /work/main)" >&2; exit 2; }
cd "$1"
for i in 1 2; do
  for m in read populate; do
    echo "== fix $m run $i $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    perf/bin/fix-bench --no-build --no-save --server-jvm-args "-Dtessera.journal.prefault=$m" 2>&1 | grep -E '^RESULT'
  done
done

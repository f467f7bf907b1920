#!/bin/bash
# Interleaved A/B of the FIX gateway: old = /tmp/ab-old, new = /tmp/ab-new; pairs alternate order.
out=$1; pairs=${2:-4}; shift 2
for p in $(seq 1 $pairs); do
  if [ $((p % 2)) -eq 1 ]; then order="old new"; else order="new old"; fi
  for t in $order; do
    echo "=== pair $p $t $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)" >> $out
    (cd /tmp/ab-$t && perf/bin/fix-bench --no-build --no-save "$@" 2>&1 | grep '^RESULT' >> $out)
  done
done
echo done >> $out

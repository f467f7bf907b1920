#!/usr/bin/env bash
# OrderBookBenchmark.mixed: final.jar (ed11910) against filter.jar (a 32-bit hash filter beside each client-id bucket); interleaved.
cd /work/main
for i in $(seq 1 ${FORKS:-7}); do
  for v in final filter; do
    echo -n "== $v fork $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg): "
    java @.mvn/jvm.config -jar /tmp/inlx/$v.jar -jvmArgsAppend "@/work/main/.mvn/jvm.config" -f 1 -wi 3 -i 5 -w 2s -r 2s "${BENCH:-OrderBookBenchmark.mixed}" 2>&1 | grep -E "^OrderBookBenchmark" | awk '{printf "%.2f ", $(NF-3)/1e6} END {print ""}'
  done
done

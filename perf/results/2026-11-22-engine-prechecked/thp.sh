#!/usr/bin/env bash
# final.jar with and without -XX:+UseTransparentHugePages, interleaved, one fork at a time.
cd /work/main
for i in $(seq 1 ${FORKS:-5}); do
  for v in plain thp; do
    extra=""; [[ $v == thp ]] && extra="-XX:+UseTransparentHugePages"
    echo -n "== $v fork $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg): "
    java @.mvn/jvm.config -jar /tmp/inlx/final.jar -jvmArgsAppend "@/work/main/.mvn/jvm.config $extra" -f 1 -wi 3 -i 5 -w 2s -r 2s 'OrderBookBenchmark.mixed' 2>&1 | grep -E "^OrderBookBenchmark" | awk '{print $4}'
  done
done

#!/usr/bin/env bash
# Every OrderBookBenchmark, with -prof gc, two rounds of base then prechecked.
cd /work/main
for i in 1 2; do
  for v in base prechecked; do
    echo "== $v round $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    java @.mvn/jvm.config -jar /tmp/inlx/$v.jar -jvmArgsAppend "@/work/main/.mvn/jvm.config" -f 1 -wi 3 -i 5 -w 2s -r 2s -prof gc 'OrderBookBenchmark' 2>&1 | grep -E '^OrderBookBenchmark\.[a-zA-Z]+ |gc.alloc.rate.norm'
  done
done

#!/usr/bin/env bash
# Interleaved A/B of two benchmark jars, one JMH fork at a time.
# base.jar = 5abbae3, prechecked.jar = the working tree with PrecheckedBuffer (copied to /tmp/inlx).
cd /work/main
for i in $(seq 1 ${FORKS:-8}); do
  for v in base prechecked; do
    echo "== $v fork $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    java @.mvn/jvm.config -jar /tmp/inlx/$v.jar -jvmArgsAppend "@/work/main/.mvn/jvm.config" -f 1 -wi 3 -i 5 -w 2s -r 2s 'OrderBookBenchmark.mixed' 2>&1 | grep -E 'per CPU-second|^OrderBookBenchmark.mixed' | sed -E 's/.*had ([0-9]+)% of a CPU.*: ([0-9.]+) M commands per CPU-second/\1% \2/' | tr '\n' ' '
    echo
  done
done

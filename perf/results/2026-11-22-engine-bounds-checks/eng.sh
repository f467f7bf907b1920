#!/usr/bin/env bash
cd /work/main
for i in 1 2 3 4; do
  for v in old final; do
    echo "== $v fork $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    java @.mvn/jvm.config -jar /tmp/ab/$v.jar -jvmArgsAppend "@/work/main/.mvn/jvm.config" -f 1 -wi 3 -i 5 -w 2s -r 2s 'OrderBookBenchmark.mixed' 2>&1 | grep -E 'per CPU-second|^OrderBookBenchmark.mixed' | sed -E 's/.*had ([0-9]+)% of a CPU.*: ([0-9.]+) M commands per CPU-second/\1% \2/' | tr '\n' ' '
    echo
  done
done

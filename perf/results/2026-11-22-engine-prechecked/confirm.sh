#!/usr/bin/env bash
# The committed engine (ed11910) alone: 6 JMH forks of the mixed benchmark, with per-iteration figures.
cd /work/main
for i in $(seq 1 6); do
  echo "== ed11910 fork $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  java @.mvn/jvm.config -jar /tmp/inlx/final.jar -jvmArgsAppend "@/work/main/.mvn/jvm.config" -f 1 -wi 3 -i 5 -w 2s -r 2s 'OrderBookBenchmark.mixed' 2>&1 | grep -E 'per CPU-second|^OrderBookBenchmark.mixed' | sed -E 's/.*had ([0-9]+)% of a CPU.*: ([0-9.]+) M commands per CPU-second/\1% \2/' | tr '\n' ' '
  echo
done

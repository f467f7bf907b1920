#!/usr/bin/env bash
# alternates trees, writes every iteration's M commands per CPU-second
out=$1; shift; rounds=$1; shift
for r in $(seq 1 $rounds); do
  for t in "$@"; do
    cd /tmp/ab/$t
    vals=$(java @.mvn/jvm.config -jar perf/target/benchmarks.jar -jvmArgsAppend "@/tmp/ab/$t/.mvn/jvm.config" -f 1 -wi 3 -i 5 -w 2s -r 2s "OrderBookBenchmark.mixed" 2>&1 | grep -E "^Iteration" | sed -E 's/.*: ([0-9.]+) M commands per CPU-second/\1/' | tr '\n' ' ')
    echo "$t $vals" >> $out
  done
done

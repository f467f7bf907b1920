#!/usr/bin/env bash
cd /work/main
for i in 1 2 3; do
  for v in checks nochecks; do
    extra=""; [[ $v == nochecks ]] && extra="-Dagrona.disable.bounds.checks=true"
    echo -n "== $v fork $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg): "
    java @.mvn/jvm.config -jar /tmp/ab/final.jar -jvmArgsAppend "@/work/main/.mvn/jvm.config $extra" -f 1 -wi 3 -i 5 -w 2s -r 2s 'OrderBookBenchmark.mixed' 2>&1 | grep -E 'per CPU-second|^OrderBookBenchmark.mixed' | sed -E 's/.*had ([0-9]+)% of a CPU.*: ([0-9.]+) M commands per CPU-second/\2/' | tr '\n' ' '
    echo
  done
done

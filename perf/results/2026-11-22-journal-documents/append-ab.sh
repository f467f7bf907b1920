#!/usr/bin/env bash
# append-ab.sh ROUNDS jar... : JournalAppendBenchmark (match + journal on one thread, PROCESS), one run per jar per round
cd /work/main
rounds=$1; shift
for i in $(seq 1 "$rounds"); do
  for v in "$@"; do
    echo "== $v round $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    TESSERA_BENCH_JAR=/tmp/pipe/$v.jar perf/bin/pipeline-bench --no-build append --durability PROCESS --batches ${BATCHES:-1,10,100,1000} --commands ${COMMANDS:-2000000} 2>&1 \
      | grep -E "^\| PROCESS"
  done
done

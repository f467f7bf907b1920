#!/usr/bin/env bash
# usage: [EXTRA='harness options'] ab.sh ROUNDS variant... ; variant = jar[:jvmargs]
cd /work/main
rounds=$1; shift
for i in $(seq 1 "$rounds"); do
  for v in "$@"; do
    jar=${v%%:*}; args=""; [[ "$v" == *:* ]] && args=${v#*:}
    echo "== $v round $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    TESSERA_BENCH_JVM_ARGS="$args" TESSERA_BENCH_JAR=/tmp/pipe/$jar.jar perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --measure 10 $EXTRA 2>&1 \
      | grep -E "journaled and published|CPU in the window|CPU-normalised|batch" | sed 's/^\[tessera-perf\] PROCESS\/BLOCKING: //'
  done
done

#!/usr/bin/env bash
# idle-run.sh JAR MODE: one throughput run; MODE=idle puts the producer thread under SCHED_IDLE 2 s after start
cd /work/main
jar=$1; mode=$2
TESSERA_BENCH_JAR=/tmp/pipe/$jar.jar perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --measure 10 > /tmp/pipe/idle-run.out 2>&1 &
if [ "$mode" = idle ]; then
  for i in $(seq 1 50); do
    sleep 0.2
    pid=$(pgrep -f "PipelineThroughputBenchmark --durability" | tail -1)
    [ -n "$pid" ] || continue
    tid=$(grep -l '^producer$' /proc/$pid/task/*/comm 2>/dev/null | head -1 | cut -d/ -f5)
    if [ -n "$tid" ]; then chrt --idle -p 0 $tid && echo "producer $tid SCHED_IDLE: $(chrt -p $tid | head -1)"; break; fi
  done
fi
wait
grep -E "journaled and published|CPU in the window|CPU-normalised" /tmp/pipe/idle-run.out | sed 's/^\[tessera-perf\] PROCESS\/BLOCKING: //'

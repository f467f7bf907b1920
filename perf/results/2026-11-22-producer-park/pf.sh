#!/usr/bin/env bash
# pf.sh JVMARGS: engine-thread page faults over 5 s of a throughput run
cd /work/main
(TESSERA_BENCH_JVM_ARGS="$1" TESSERA_BENCH_JAR=/tmp/pipe/park.jar perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --warmup 8 --measure 10 > /tmp/pipe/pf-run.txt 2>&1 &)
sleep 12; pid=$(pgrep -f PipelineThroughputBenchmark | tail -1)
for t in /proc/$pid/task/*; do n=$(cat $t/comm); case $n in tessera-engine*) et=${t##*/};; esac; done
echo "== $1"; perf stat -e page-faults -t $et -- sleep 5 2>&1 | grep -E "faults"
while pgrep -f PipelineThroughputBenchmark >/dev/null; do sleep 1; done
grep -E "journaled and|CPU in|CPU-norm" /tmp/pipe/pf-run.txt | cut -c 1-180

#!/usr/bin/env bash
# usage: [EXTRA='harness options'] ab.sh ROUNDS variant... ; variant = jar[:jvmargs]
# usage: pipe-ab.sh TREE JARS [ARGS...]
#   TREE  the checkout whose .mvn/jvm.config and perf/bin scripts are used
#   JARS  the directory of the benchmarks.jar builds compared: the <jar>.jar files named on the command line
#   ARGS  as before. Recorded run: TREE=/work/main, JARS=/tmp/pipe (`pipe-ab.sh /work/main /tmp/pipe ARGS`);
#         README.md, "Benchmarks", says how to build one commit's jar.
tree="${1:?usage: pipe-ab.sh TREE JARS [ARGS...] (recorded: pipe-ab.sh /work/main /tmp/pipe ...)}"
jars="${2:?usage: pipe-ab.sh TREE JARS [ARGS...] (recorded: pipe-ab.sh /work/main /tmp/pipe ...)}"
jars="$(cd "$jars" && pwd)"
shift 2
cd "$tree"
rounds=$1; shift
for i in $(seq 1 "$rounds"); do
  for v in "$@"; do
    jar=${v%%:*}; args=""; [[ "$v" == *:* ]] && args=${v#*:}
    echo "== $v round $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    TESSERA_BENCH_JVM_ARGS="$args" TESSERA_BENCH_JAR="$jars/$jar.jar" perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait BLOCKING --measure 10 $EXTRA 2>&1 \
      | grep -E "journaled and published|CPU in the window|CPU-normalised|batch" | sed 's/^\[tessera-perf\] PROCESS\/BLOCKING: //'
  done
done

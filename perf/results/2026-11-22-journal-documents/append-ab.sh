#!/usr/bin/env bash
# append-ab.sh ROUNDS jar... : JournalAppendBenchmark (match + journal on one thread, PROCESS), one run per jar per round
# usage: append-ab.sh TREE JARS [ARGS...]
#   TREE  the checkout whose .mvn/jvm.config and perf/bin scripts are used
#   JARS  the directory of the benchmarks.jar builds compared: the <jar>.jar files named on the command line
#   ARGS  as before. Recorded run: TREE=/work/main, JARS=/tmp/pipe (`append-ab.sh /work/main /tmp/pipe ARGS`);
#         README.md, "Benchmarks", says how to build one commit's jar.
tree="${1:?usage: append-ab.sh TREE JARS [ARGS...] (recorded: append-ab.sh /work/main /tmp/pipe ...)}"
jars="${2:?usage: append-ab.sh TREE JARS [ARGS...] (recorded: append-ab.sh /work/main /tmp/pipe ...)}"
jars="$(cd "$jars" && pwd)"
shift 2
cd "$tree"
rounds=$1; shift
for i in $(seq 1 "$rounds"); do
  for v in "$@"; do
    echo "== $v round $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    TESSERA_BENCH_JAR="$jars/$v.jar" perf/bin/pipeline-bench --no-build append --durability PROCESS --batches ${BATCHES:-1,10,100,1000} --commands ${COMMANDS:-2000000} 2>&1 \
      | grep -E "^\| PROCESS"
  done
done

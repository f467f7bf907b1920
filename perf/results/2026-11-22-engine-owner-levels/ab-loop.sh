#!/usr/bin/env bash
# alternates trees, writes every iteration's M commands per CPU-second
# usage: ab-loop.sh TREES OUT ROUNDS TREE_NAME...
#   TREES      the directory holding one built checkout per TREE_NAME (each with its perf/target/benchmarks.jar;
#              README.md, "Benchmarks", says how to build one commit's jar)
#   OUT        the file the scores are appended to
#   ROUNDS     rounds; each runs one JMH fork of every TREE_NAME, in the order given
#   Recorded run: TREES=/tmp/ab (`ab-loop.sh /tmp/ab OUT ROUNDS base head`). A wrong argument prints the usage, exit 2.
set -euo pipefail
[[ $# -ge 4 && -d $1 && $3 =~ ^[1-9][0-9]*$ ]] ||
  { echo "usage: ab-loop.sh TREES OUT ROUNDS TREE_NAME... (recorded: ab-loop.sh /tmp/ab OUT ROUNDS base head)" >&2; exit 2; }
trees="$(cd "$1" && pwd)"
shift
out=$1; shift; rounds=$1; shift
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
for r in $(seq 1 $rounds); do
  for t in "$@"; do
    cd "$trees/$t"
    vals=$(java @.mvn/jvm.config -jar perf/target/benchmarks.jar -jvmArgsAppend "@$trees/$t/.mvn/jvm.config" -f 1 -wi 3 -i 5 -w 2s -r 2s "OrderBookBenchmark.mixed" 2>&1 | grep -E "^Iteration" | sed -E 's/.*: ([0-9.]+) M commands per CPU-second/\1/' | tr '\n' ' ')
    echo "$t $vals" >> "$out"
  done
done

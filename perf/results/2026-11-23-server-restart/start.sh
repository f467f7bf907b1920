#!/usr/bin/env bash
# Start the exchange on the bench journal, time until it prints where it listens, then SIGTERM it.
# usage: start.sh TREE DIR N   TREE: the checkout whose bin/tessera runs; DIR: the directory holding bench.conf (the
#   run's output goes to DIR/out-N.log); N: the run's number. Recorded runs: start.sh /work/main /tmp/rs N.
tree="${1:?usage: start.sh TREE DIR N (recorded: start.sh /work/main /tmp/rs N)}"
dir="${2:?usage: start.sh TREE DIR N (recorded: start.sh /work/main /tmp/rs N)}"
dir="$(cd "$dir" && pwd)"
shift 2
cd "$tree"
start=$(date +%s%N)
bin/tessera --config "$dir/bench.conf" > "$dir/out-$1.log" 2>&1 &
pid=$!
for i in $(seq 1 1200); do
  if grep -q "listening on" "$dir/out-$1.log" 2>/dev/null; then break; fi
  sleep 0.02
done
ready=$(date +%s%N)
echo "run $1: ready after $(( (ready-start)/1000000 )) ms"
kill -TERM $pid; wait $pid; echo "exit $?"
